# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Orders placed on behalf of a sub-account: by a customer admin, an approver
for their people, or the vendor's salesperson from the backoffice."""

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.translate import LazyTranslate

from .sale_order import customer_approval_access_error

# The steps of the buyer's e-mails: the person who placed the order gets them too.
BUYER_MAIL_STEPS = ("submitted", "approved", "rejected", "changed")


_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    placed_by_partner_id = fields.Many2one(
        "res.partner",
        string="Placed by",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The person who placed the order on behalf of its buyer.",
    )

    # ------------------------------------------------------------------
    # Who may submit and who may decide
    # ------------------------------------------------------------------
    def _customer_approval_check_buyer(self):
        # The person who placed the order may submit and withdraw it, while they
        # still may order for its buyer.
        placer = self.env.user.partner_id
        on_behalf = self.filtered(
            lambda order: (
                order.placed_by_partner_id == placer
                and order.partner_id != placer
                and placer._may_order_for(order.partner_id)
            )
        )
        return super(SaleOrder, self - on_behalf)._customer_approval_check_buyer()

    def _customer_approval_placer_lost_right(self):
        """Whether the logged-in sub-account placed the order for its buyer and
        may no longer order for them (no customer admin any more, no longer
        the buyer's next approver, archived, moved to another company): the
        order stays the buyer's, and is no longer theirs to fill, submit, give
        a reference or pay."""
        self.ensure_one()
        user = self.env.user
        placer = self.placed_by_partner_id
        return bool(
            placer
            and user.share
            and placer == user.partner_id
            and placer != self.partner_id
            and not placer._may_order_for(self.partner_id)
        )

    def _customer_approval_gate_error(self, customer_side=None):
        error = super()._customer_approval_gate_error(customer_side=customer_side)
        if error or self.state == "sale":
            return error
        if self._customer_approval_placer_lost_right():
            return _(
                "You no longer order for %(buyer)s: order %(order)s stays theirs "
                "and is no longer yours to submit, change or pay.",
                buyer=self.partner_id.name,
                order=self.name,
            )
        return False

    def _customer_approval_placer_excluded(self):
        """The person who placed the order, unless a customer admin: they do not
        release what they ordered themselves."""
        self.ensure_one()
        placer = self.placed_by_partner_id
        if placer and not placer.is_customer_admin:
            return placer
        return self.env["res.partner"]

    def _customer_approval_deciders_of(
        self, approver, include_admins=False, admins=None, done_by=None
    ):
        deciders = super()._customer_approval_deciders_of(
            approver, include_admins=include_admins, admins=admins, done_by=done_by
        )
        return deciders - self._customer_approval_placer_excluded()

    def _customer_approval_check_decider(self, partner):
        self.ensure_one()
        if partner and partner == self._customer_approval_placer_excluded():
            raise customer_approval_access_error(
                _(
                    "You placed order %s for its buyer: somebody else releases it.",
                    self.name,
                )
            )
        return super()._customer_approval_check_decider(partner)

    def _customer_approval_route_to(self, approver, excluded=None):
        placer = self._customer_approval_placer_excluded()
        if placer:
            excluded = (excluded or self.env["res.partner"]) | placer
            if approver == placer:
                # The order goes above the person who placed it.
                approver, _to_admins = self._customer_approval_escalation(placer)
                if not approver:
                    return approver, self.env["res.partner"]
        return super()._customer_approval_route_to(approver, excluded=excluded)

    # ------------------------------------------------------------------
    # E-mails and history
    # ------------------------------------------------------------------
    def _customer_approval_send_mail(self, step, partners):
        placer = self.placed_by_partner_id
        if step in BUYER_MAIL_STEPS and placer and placer not in partners:
            partners |= placer
        return super()._customer_approval_send_mail(step, partners)

    def action_submit_for_customer_approval(self):
        submitted = super().action_submit_for_customer_approval()
        placer = self.placed_by_partner_id
        if submitted and placer and placer != self.partner_id:
            self.sudo()._customer_approval_log(
                _lt(
                    "Placed by %(placer)s for %(buyer)s.",
                    placer=placer.name,
                    buyer=self.partner_id.name,
                )
            )
        return submitted

    # ------------------------------------------------------------------
    # Backoffice: the vendor's salesperson submits a quotation
    # ------------------------------------------------------------------
    def action_submit_on_behalf_for_customer_approval(self):
        """The salesperson submits a quotation of a sub-account for the approval
        of the customer company, as placed by them."""
        self.ensure_one()
        user = self.env.user
        if not (
            user._is_internal() and user.has_group("sales_team.group_sale_salesman")
        ):
            raise AccessError(_("Only the vendor's sales staff may do this."))
        if not self.customer_approval_submittable:
            raise UserError(
                _(
                    "Only a quotation of a sub-account whose orders may need "
                    "approval can be submitted for customer approval (%s).",
                    self.name,
                )
            )
        if not self._customer_approval_reasons():
            raise UserError(
                _(
                    "Order %s needs no approval of the customer: confirm it as usual.",
                    self.name,
                )
            )
        with self.env.cr.savepoint():
            self.sudo().write({"placed_by_partner_id": user.partner_id.id})
            self.action_submit_for_customer_approval()
        return True
