# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routing to the level a reason of a purchasing rule or a budget asks for:
the department manager or a customer admin (see DESIGN.md)."""

from odoo import models

from .customer_budget import LEVEL_RANK


def highest_level(levels):
    """The highest of the levels asked ("admin", "manager"), or False for the
    buyer's chain."""
    level = max(levels, key=lambda level: LEVEL_RANK.get(level, 0), default=False)
    return level if LEVEL_RANK.get(level, 0) else False


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Routing to the level a reason asks for
    # ------------------------------------------------------------------
    def _customer_approval_required_level(self, reasons=None):
        """The highest level asked by the reasons: "admin", "manager" or False.

        :param reasons: values of reasons (by default the order's reasons now)
        """
        self.ensure_one()
        if reasons is None:
            reasons = self._customer_approval_reasons()
        return highest_level(reason.get("required_level") for reason in reasons)

    def _customer_approval_waiting_level(self):
        """The level asked by the reasons of the round the order waits in
        (recorded at its submission), or False."""
        self.ensure_one()
        if self.approval_state != "waiting":
            return False
        return highest_level(self.sudo().approval_reason_ids.mapped("required_level"))

    def _customer_approval_first_deciders(self, reasons=None):
        """Who decides first, by the level the reasons ask for.

        The order in which reasons route:

        1. A refusal comes before any routing: a rule or budget set to refuse
           stops the order at the cart and at submission, whatever else applies.
        2. Every other reason is recorded and shown (to the buyer at the cart, to
           the approvers), and each may ask for a level. The order goes to the
           highest level asked among all its reasons: a customer admin, above
           the department manager, above the buyer's chain. Reasons of the
           buyer's own settings (always, breakpoint, outside the assortment,
           free text, delivery address) and budgets or rules set to "the buyer's
           next approver" ask for the chain.
        3. "A customer admin": the order waits for the customer admins of the
           company (any of them decides; never the buyer, nor who placed it for
           them unless a customer admin). Only a customer admin releases it: an
           admin's approval above their breakpoint passes it to their next
           approver if that one is a customer admin too, else to the other
           customer admins who have not approved it yet; when none is left, the
           approval is final.
        4. "The department manager": the manager of the buyer's (active)
           department, or their substitute while they are away; then, above the
           manager's breakpoint, their next approvers as usual. A buyer who is
           the manager, a department without a manager (or whose manager may not
           approve any more), or a buyer in no department: the chain (5), which
           starts above the buyer. Who placed the order on behalf, when they are
           the manager, is skipped: it goes above them.
        5. The chain: the buyer's next approver, or their substitute while they
           are away, else the customer admins; above each approver's breakpoint,
           their next approver, as before rules and budgets existed.
        """
        level = self._customer_approval_required_level(reasons)
        nobody = self.env["res.partner"]
        if level == "admin":
            return nobody, nobody, self._customer_approval_deciders_of(nobody)
        if level == "manager":
            buyer = self.partner_id
            manager = buyer._get_active_department().manager_id
            if (
                manager
                and manager != buyer
                and manager.active
                and (manager.is_order_approver or manager.is_customer_admin)
            ):
                first, absent = self._customer_approval_route_to(manager)
                if first:
                    return first, absent, self._customer_approval_deciders_of(first)
        return super()._customer_approval_first_deciders(reasons)

    def _customer_approval_escalation(self, approver):
        next_approver, to_admins = super()._customer_approval_escalation(approver)
        if self._customer_approval_waiting_level() != "admin":
            return next_approver, to_admins
        # Only a customer admin releases an order that asks for one.
        if next_approver.is_customer_admin:
            return next_approver, False
        excluded = self.partner_id | self._customer_approval_done_by() | approver
        others = self.partner_id.sudo()._get_customer_admins() - excluded
        return self.env["res.partner"], bool(others)

    def _customer_approval_approvals_needed(self):
        # Four eyes: a rule of different approvers may ask for more than the
        # company's setting (the most of all that apply).
        return max(
            super()._customer_approval_approvals_needed(),
            self._customer_purchasing_facts()["approvals_needed"],
        )
