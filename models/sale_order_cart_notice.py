# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the shop's cart tells a sub-account before checkout: the reasons their
order will need approval, what is left of their budgets, or why it cannot be
placed at all (then the cart cannot go on to checkout)."""

from odoo import _, models
from odoo.tools.misc import format_amount


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_cart_applies(self):
        """Whether the cart ``self`` is a sub-account's, looked at by them (or
        by whom orders for them): visitors and other carts cost no query."""
        self.ensure_one()
        user = self.env.user
        if user._is_public() or self.state != "draft":
            return False
        if (self.approval_state or "none") != "none":
            return False
        buyer = self.partner_id
        if not buyer or buyer.is_company or not buyer.parent_id:
            return False
        return user.partner_id in (buyer | self.placed_by_partner_id)

    def _customer_approval_cart_notice(self):
        """The notice of the cart (see _customer_approval_cart_summary), its
        budgets in sentences; None when there is nothing to say.

        :return: dict: reasons (sentences), refusal (a sentence or False),
            budgets (sentences: "Budget of Logistics for December: 300.00 €
            left of 1,000.00 €")
        """
        self.ensure_one()
        if not self._customer_approval_cart_applies():
            return None
        summary = self._customer_approval_cart_summary()
        budgets = [
            _(
                "Budget of %(name)s for %(period)s: %(remaining)s left of %(amount)s",
                name=budget["name"],
                period=budget["period"],
                remaining=format_amount(
                    self.env, budget["remaining"], budget["currency"]
                ),
                amount=format_amount(self.env, budget["amount"], budget["currency"]),
            )
            for budget in summary["budgets"]
        ]
        if not (summary["reasons"] or summary["refusal"] or budgets):
            return None
        return {
            "reasons": summary["reasons"],
            "refusal": summary["refusal"],
            "budgets": budgets,
        }

    def _customer_approval_cart_refusal(self):
        """Why the cart of the sub-account cannot go on to checkout, or False."""
        self.ensure_one()
        if not self._customer_approval_cart_applies():
            return False
        return self._customer_purchasing_refusal()

    def _is_cart_ready(self):
        # A cart that a purchasing rule or a budget refuses cannot go on to
        # checkout: the shop's main button is disabled (the checkout routes
        # send the buyer back to the cart, and the gate refuses it too).
        ready = super()._is_cart_ready()
        if ready and len(self) == 1 and self._customer_approval_cart_refusal():
            return False
        return ready
