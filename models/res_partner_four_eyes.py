# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes: the customer company may ask that orders above an amount be
approved by several different people before they are released (see
sale_order_four_eyes)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# How many different people an order may need at most: more would ask for a
# company-wide vote, not an approval.
MAX_DISTINCT_APPROVALS = 5


def check_distinct_count(count):
    """Refuse a number of approvals outside 1 .. MAX_DISTINCT_APPROVALS."""
    if not 1 <= (count or 0) <= MAX_DISTINCT_APPROVALS:
        raise ValidationError(
            _(
                "The number of different approvers must be between 1 and %(maximum)s.",
                maximum=MAX_DISTINCT_APPROVALS,
            )
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    approval_distinct_count = fields.Integer(
        string="Different approvers",
        default=1,
        help="How many different people of the company approve an order above the "
        "amount before it is released (never the buyer, nor who placed it for "
        "them, nor one person twice). 1: one approval is enough. Set on the "
        "customer company.",
    )
    approval_distinct_amount = fields.Monetary(
        string="Different approvers above",
        currency_field="approval_currency_id",
        help="Orders above this total (in the company's breakpoint currency, "
        "converted at the order's date) need that many different approvers. "
        "0: every order that needs approval.",
    )

    @api.constrains("approval_distinct_count", "approval_distinct_amount")
    def _check_approval_distinct(self):
        for partner in self:
            check_distinct_count(partner.approval_distinct_count)
            if partner.approval_distinct_amount < 0:
                raise ValidationError(
                    _(
                        "The amount above which orders need several approvers "
                        "cannot be negative."
                    )
                )
