# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Substitutes: the orders of an absent approver go to their substitute."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.translate import LazyTranslate

SUBSTITUTE_BATCH_SIZE = 100


_lt = LazyTranslate(__name__)


class SaleOrderApprovalHistory(models.Model):
    _inherit = "sale.order.approval.history"

    decision = fields.Selection(
        selection_add=[("substituted", "Handed to the substitute")],
        ondelete={"substituted": "cascade"},
    )
    absent_approver_id = fields.Many2one(
        "res.partner",
        string="For (absent)",
        readonly=True,
        help="The absent approver for whom the approver of this step acted.",
    )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    absent_approver_id = fields.Many2one(
        "res.partner",
        string="Absent approver",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The approver who is away: the current approver decides for them.",
    )

    def _customer_approval_acting_approver(self, approver, excluded=None):
        """Who decides in place of ``approver`` today: the approver, or the
        first person present along their substitutes (never the buyer nor
        ``excluded``). Empty when nobody along them is present and a customer
        admin may decide: the order goes to the customer admins. Only when
        there is no such admin either does it stay with ``approver``."""
        self.ensure_one()
        if not approver:
            return approver
        excluded = (excluded or self.env["res.partner"]) | self.partner_id
        acting = approver._get_acting_approver(excluded=excluded)
        if acting:
            return acting
        admins = self.partner_id.sudo()._get_customer_admins() - excluded
        return acting if admins else approver

    def _customer_approval_route_to(self, approver, excluded=None):
        """Where an order goes when ``approver`` is next to decide it.

        :return: ``(who decides, the absent approver they stand in for or
            empty)``
        """
        self.ensure_one()
        acting = self._customer_approval_acting_approver(approver, excluded=excluded)
        absent = approver if acting != approver else self.env["res.partner"]
        return acting, absent

    @api.model
    def _customer_approval_absent_domain(self, absent):
        """The waiting orders of the approvers ``absent``."""
        return Domain("approval_state", "=", "waiting") & Domain(
            "current_approver_id", "in", absent.ids
        )

    def _customer_approval_hand_to_substitutes(self, absent):
        """Hand the waiting orders of the approvers ``absent`` to their
        substitutes, with a history step and the e-mail of a request. Orders stay
        with the substitute after the absence (they were asked; the returning
        approver sees them as theirs in their list)."""
        orders = self.search(self._customer_approval_absent_domain(absent))
        if orders:
            orders._customer_approval_lock()
        for order in orders:
            order._customer_approval_hand_over()
        return orders

    def _customer_approval_hand_over(self):
        """Hand the waiting order to the substitute of its absent current
        approver. :return: whether it was handed over."""
        self.ensure_one()
        absent_approver = self.current_approver_id
        acting = self._customer_approval_acting_approver(
            absent_approver, excluded=self._customer_approval_done_by()
        )
        if acting == absent_approver:
            return False
        absent = self.absent_approver_id or absent_approver
        self.write(
            {
                "current_approver_id": acting.id,
                "absent_approver_id": absent.id,
            }
        )
        self.write(
            {
                "approval_history_ids": [
                    self._customer_approval_history_step("substituted", acting)
                ]
            }
        )
        if acting:
            message = _lt(
                "Handed to %(substitute)s for %(absent)s, absent.",
                substitute=acting.name,
                absent=absent.name,
            )
        else:
            message = _lt(
                "Handed to the customer admins for %(absent)s, absent: nobody "
                "along their substitutes is present.",
                absent=absent.name,
            )
        self._customer_approval_log(message)
        self._customer_approval_send_mail(
            "request", acting or self._customer_approval_deciders()
        )
        return True

    @api.model
    def _cron_customer_approval_substitutes(self, batch_size=None):
        """Daily: the orders of approvers whose absence started go to their
        substitutes, by batches (sale_order_cron.py: each committed, what
        remains reported, one failure kept to its order)."""
        today = self.env["res.partner"]._approval_today()
        absent = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("approval_substitute_id", "!=", False),
                    ("approval_absent_from", "<=", today),
                    ("approval_absent_to", ">=", today),
                ]
            )
        )
        if not absent:
            return self.browse()
        return self._customer_approval_cron_batches(
            "substitutes",
            self._customer_approval_absent_domain(absent),
            "_customer_approval_hand_over",
            batch_size or SUBSTITUTE_BATCH_SIZE,
        )

    @api.model
    def _customer_approval_substituted_orders(self, partner):
        """The waiting orders a substitute decides for ``partner`` (the logged-in
        approver): shown in their list, as the substitute's. Read as superuser
        after the check that they are ``partner``'s own: the record rules do not
        show them to an approver who is no longer asked."""
        return self.sudo().search(
            Domain("approval_state", "=", "waiting")
            & Domain("absent_approver_id", "=", partner.id)
            & Domain(
                "partner_id.commercial_partner_id",
                "=",
                partner.commercial_partner_id.id,
            ),
            order="approval_requested_date desc, id desc",
            limit=50,
        )
