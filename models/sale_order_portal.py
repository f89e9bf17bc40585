# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees which order in the portal, and who may open its approval page."""

from odoo import api, models
from odoo.fields import Domain

from .sale_order import (
    DECIDING_STEPS,
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _customer_approval_domain(self, partner, scope="to_decide"):
        """The orders of ``partner``'s approval lists.

        :param scope: ``to_decide``: orders waiting for their decision (as current
            approver, or as customer admin when they wait for the admins);
            ``decided``: orders they approved, passed on or rejected.
        """
        decided_by_partner = Domain(
            "approval_history_ids",
            "any",
            [("approver_id", "=", partner.id), ("decision", "in", DECIDING_STEPS)],
        )
        if scope == "decided":
            return decided_by_partner
        asked = Domain("current_approver_id", "=", partner.id)
        if partner.is_customer_admin:
            asked |= Domain("current_approver_id", "=", False) & Domain(
                "partner_id.commercial_partner_id",
                "=",
                partner.commercial_partner_id.id,
            )
        return (
            Domain("approval_state", "=", "waiting")
            & Domain("partner_id", "!=", partner.id)
            & asked
            & ~decided_by_partner
        )

    @api.model
    def _customer_approval_count_to_decide(self, partner):
        """How many orders wait for ``partner``'s decision (the badge of /my).

        Counted as superuser: the domain already keeps to the orders waiting for
        ``partner`` (or for the admins of ``partner``'s company), all of which
        the record rules let ``partner`` read; evaluating those rules again costs
        the badge four queries on every page of the portal.
        """
        if not (partner.is_order_approver or partner.is_customer_admin):
            return 0
        return (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                self._customer_approval_domain(partner)
                & Domain(
                    "partner_id.commercial_partner_id",
                    "=",
                    partner.commercial_partner_id.id,
                )
                & Domain("company_id", "in", self.env.companies.ids)
            )
        )

    @api.model
    def _customer_approval_portal_domain(self, partner):
        """The orders of ``partner``'s company: the portal lists them, and the
        record rules (security/) keep each person to those of their role, unless
        the company keeps Odoo's default of everyone seeing all of them."""
        return Domain("partner_id", "child_of", [partner.commercial_partner_id.id])

    def _customer_approval_can_review(self, partner):
        """Whether ``partner`` may open the approval page of the order: its deciders,
        the approvers who decided it, and the customer admins of its company."""
        self.ensure_one()
        if self.partner_id.commercial_partner_id != partner.commercial_partner_id:
            return False
        if partner == self.partner_id:
            return False
        return bool(
            partner.is_customer_admin
            or partner in self._customer_approval_deciders(include_admins=True)
            or partner in self.approval_history_ids.approver_id
        )
