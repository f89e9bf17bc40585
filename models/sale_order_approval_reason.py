# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools.misc import format_amount

REASON_CODES = [
    ("free_text", "Free-text order"),
    ("always", "Approval always required"),
    ("breakpoint", "Total above breakpoint"),
    ("outside_assortment", "Products outside the contract assortment"),
    ("delivery_address", "Delivery address not allowed"),
]


class SaleOrderApprovalReason(models.Model):
    """Why an order needs the release of an approver.

    The facts (amounts, products) are stored; the sentence is rendered in the reader's
    language when it is read, so the buyer and the approver each read it in their own.
    """

    _name = "sale.order.approval.reason"
    _description = "Reason for customer approval"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Selection(REASON_CODES, required=True)
    currency_id = fields.Many2one("res.currency")
    amount = fields.Monetary(help="The order total when the reason was found.")
    threshold = fields.Monetary(help="The breakpoint the total was compared with.")
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="The products outside the contract assortment.",
    )
    delivery_address_id = fields.Many2one(
        "res.partner",
        string="Delivery address",
        help="The delivery address not allowed to the buyer.",
    )
    name = fields.Char(compute="_compute_name", string="Reason")

    @api.depends(
        "code",
        "amount",
        "threshold",
        "currency_id",
        "product_ids",
        "delivery_address_id",
    )
    @api.depends_context("lang")
    def _compute_name(self):
        for reason in self:
            if reason.code == "free_text":
                reason.name = _("a free-text order: the approver chooses the products")
            elif reason.code == "always":
                reason.name = _("every order of this buyer needs approval")
            elif reason.code == "breakpoint":
                reason.name = _(
                    "total %(amount)s is above the breakpoint %(breakpoint)s",
                    amount=format_amount(self.env, reason.amount, reason.currency_id),
                    breakpoint=format_amount(
                        self.env, reason.threshold, reason.currency_id
                    ),
                )
            elif reason.code == "outside_assortment":
                reason.name = _(
                    "%(count)s products outside the contract assortment: %(products)s",
                    count=len(reason.product_ids),
                    products=", ".join(reason.product_ids.mapped("display_name")),
                )
            elif reason.code == "delivery_address":
                # The reader may not read the address itself; the reason is theirs.
                address = reason.delivery_address_id.sudo()
                reason.name = _(
                    "delivery to an address not allowed to %(buyer)s: %(address)s",
                    buyer=reason.order_id.sudo().partner_id.name or "",
                    address=address._get_delivery_address_line() if address else "",
                )
            else:
                reason.name = False
