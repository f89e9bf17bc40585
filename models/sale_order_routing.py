# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routing: why an order needs the customer's approval, and who decides it."""

from odoo import Command, api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_approval_submittable = fields.Boolean(
        compute="_compute_customer_approval_submittable",
        help="A quotation of a sub-account whose orders may need approval, never "
        "submitted: the vendor may submit it for the customer's approval.",
    )

    @api.depends("partner_id", "approval_state", "state")
    def _compute_customer_approval_submittable(self):
        """Extension point: the buyer's own settings here; each other kind of
        control (purchasing rules and budgets) extends it and calls super()."""
        for order in self:
            buyer = order.partner_id
            order.customer_approval_submittable = bool(
                order.state in ("draft", "sent")
                and (order.approval_state or "none") == "none"
                and buyer
                and not buyer.is_company
                and buyer.commercial_partner_id.is_company
                and buyer._needs_approver()
            )

    def _customer_approval_amount(self):
        """The order total in the company currency, the currency of purchasing
        rules and budgets."""
        self.ensure_one()
        company_currency = self.company_id.currency_id
        if self.currency_id == company_currency:
            return self.amount_total
        return self.currency_id._convert(
            self.amount_total,
            company_currency,
            self.company_id,
            self.date_order or fields.Date.today(),
        )

    def _customer_approval_breakpoint(self, partner):
        """The breakpoint of ``partner`` in the order's currency: converted from
        the currency stored with it at the order's date (the date it was
        submitted, once submitted)."""
        self.ensure_one()
        currency = partner._get_approval_currency()
        if currency == self.currency_id:
            return partner.approval_breakpoint
        return currency._convert(
            partner.approval_breakpoint,
            self.currency_id,
            self.company_id,
            fields.Date.to_date(self.date_order) or fields.Date.today(),
        )

    def _customer_approval_is_above_breakpoint(self, partner):
        """Whether the order exceeds the enabled breakpoint of ``partner``: its
        total and the breakpoint compared in the order's currency (see
        _customer_approval_breakpoint). The buyer's breakpoint sends it to
        approval; an approver's passes their approval on.

        A breakpoint of 0 means that every order is above it.
        """
        self.ensure_one()
        if not partner.approval_breakpoint_enabled:
            return False
        if partner._get_approval_currency().is_zero(partner.approval_breakpoint):
            return True
        return (
            self.currency_id.compare_amounts(
                self.amount_total, self._customer_approval_breakpoint(partner)
            )
            > 0
        )

    def _customer_approval_reasons(self):
        """Why the order needs approval, from the buyer's settings.

        :return: a list of values for ``sale.order.approval.reason``; empty when the
            order goes through the normal checkout.
        """
        self.ensure_one()
        buyer = self.partner_id
        reasons = []
        if self.is_free_text_order:
            reasons.append({"code": "free_text", "sequence": 5})
        if buyer.approval_mode == "always":
            reasons.append({"code": "always", "sequence": 10})
        if self._customer_approval_is_above_breakpoint(buyer):
            reasons.append(
                {
                    "code": "breakpoint",
                    "sequence": 20,
                    # both in the order's currency
                    "currency_id": self.currency_id.id,
                    "amount": self.amount_total,
                    "threshold": self._customer_approval_breakpoint(buyer),
                }
            )
        if buyer.approval_mode == "outside_assortment":
            lines = self._get_lines_outside_contract_assortment()
            if lines:
                reasons.append(
                    {
                        "code": "outside_assortment",
                        "sequence": 30,
                        "product_ids": [Command.set(lines.product_id.ids)],
                    }
                )
        return reasons

    def _customer_approval_done_by(self):
        """People who already approved the order in its current round: they are not
        asked again. (A new round after a rejection asks everybody again.)"""
        self.ensure_one()
        return self.approval_history_ids.filtered(
            lambda h: (
                h.decision in ("passed_on", "released")
                and h.round == self.approval_round
            )
        ).approver_id

    def _customer_approval_deciders(self, include_admins=False, admins=None):
        """Who is asked to decide the order now: its current approver, else the
        customer admins; never the buyer nor somebody who already approved it.

        :param include_admins: also the customer admins, who may decide any order
            of their company out of turn.
        :param admins: the customer admins of the buyer's company, when the caller
            already has them.
        """
        self.ensure_one()
        if self.approval_state != "waiting":
            return self.env["res.partner"]
        return self._customer_approval_deciders_of(
            self.current_approver_id,
            include_admins=include_admins,
            admins=admins,
            done_by=self._customer_approval_done_by(),
        )

    def _customer_approval_deciders_of(
        self, approver, include_admins=False, admins=None, done_by=None
    ):
        """Who decides when ``approver`` is the current approver (empty: the
        customer admins), without the buyer and ``done_by``. Needs no write, so a
        submission knows its deciders before it changes anything."""
        self.ensure_one()
        if admins is None and (include_admins or not approver):
            admins = self.partner_id.sudo()._get_customer_admins().sudo(False)
        deciders = approver or admins
        if include_admins:
            deciders |= admins
        return deciders - self.partner_id - (done_by or self.env["res.partner"])

    def _customer_approval_escalation(self, approver):
        """Where an approval above ``approver``'s breakpoint goes.

        :return: ``(next approver, waits for admins)``; ``(empty, False)`` when nobody
            is above: the approval is then final.
        """
        self.ensure_one()
        excluded = self.partner_id | self._customer_approval_done_by() | approver
        next_approver = approver.next_approver_id
        if next_approver and next_approver not in excluded:
            return next_approver, False
        if not approver.is_customer_admin:
            admins = self.partner_id.sudo()._get_customer_admins() - excluded
            if admins:
                return self.env["res.partner"], True
        return self.env["res.partner"], False
