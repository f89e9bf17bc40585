# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

DECISIONS = [
    ("submitted", "Submitted for approval"),
    ("passed_on", "Approved and passed on"),
    ("released", "Approved and released"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn by buyer"),
    ("changed", "Changed by approver"),
    ("lines_refused", "Lines outside the contract assortment refused"),
    ("cancelled", "Cancelled by vendor"),
    ("escalated", "Escalated: no decision in time"),
]


class SaleOrderApprovalHistory(models.Model):
    """One step of the approval of an order: kept for buyer, approvers and vendor."""

    _name = "sale.order.approval.history"
    _description = "Customer approval step"
    _order = "order_id, date, id"
    _rec_name = "decision"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, readonly=True
    )
    approver_id = fields.Many2one(
        "res.partner",
        readonly=True,
        # The portal's record rules look up the orders a person decided.
        index="btree_not_null",
        help="The person of the customer company who took this step.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Acting user",
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    level = fields.Integer(readonly=True, help="Level of the approval chain.")
    round = fields.Integer(
        readonly=True,
        default=1,
        help="The round of approval of this step: an order set back to quotation "
        "after a rejection is submitted again in a new round.",
    )
    decision = fields.Selection(DECISIONS, required=True, readonly=True)
    comment = fields.Text(readonly=True)
    from_email = fields.Boolean(
        string="From the e-mail",
        readonly=True,
        help="The approver took this decision with the link of their approval "
        "e-mail, without logging in.",
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_total = fields.Monetary(
        string="Order total", readonly=True, help="The order total at this step."
    )
    approval_number = fields.Integer(
        string="Approval",
        readonly=True,
        help="Four eyes: how many different people had approved in this round with "
        "this step (0 when it does not count: the person placed the order).",
    )
    approvals_needed = fields.Integer(
        string="Approvals needed",
        readonly=True,
        help="Four eyes: how many different approvers the order needed at this "
        "step (empty when one was enough).",
    )
    approval_count_label = fields.Char(
        string="Approvals", compute="_compute_approval_count_label"
    )
    approved_snapshot = fields.Json(
        readonly=True,
        help="On a release: what the approvers released (buyer, delivery address, "
        "currency, total, and each line's product, quantity, unit, price and "
        "discount).",
    )

    @api.depends("approval_number", "approvals_needed")
    def _compute_approval_count_label(self):
        for step in self:
            step.approval_count_label = (
                _(
                    "%(number)s of %(needed)s",
                    number=step.approval_number,
                    needed=step.approvals_needed,
                )
                if step.approvals_needed > 1
                else False
            )

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        # Every step of an order (a decision, a change, an escalation) ends the
        # decision links of the e-mails sent before it.
        self.env["sale.order.approval.token"]._revoke_for_orders(steps.order_id)
        return steps
