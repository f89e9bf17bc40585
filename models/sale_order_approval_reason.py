# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools.misc import format_amount

from .customer_budget import BUDGET_PERIODS, REQUIRED_LEVELS, period_name
from .plural_forms import select_plural

REASON_CODES = [
    ("free_text", "Free-text order"),
    ("always", "Approval always required"),
    ("breakpoint", "Total above breakpoint"),
    ("outside_assortment", "Products outside the contract assortment"),
    ("delivery_address", "Delivery address not allowed"),
    ("min_amount", "Below the minimum order value"),
    ("max_amount", "Above the maximum order value"),
    ("category", "Products of a restricted category"),
    ("order_count", "Too many orders in the period"),
    ("budget", "Budget exceeded"),
]


PURCHASING_CODES = ("min_amount", "max_amount", "category", "order_count", "budget")


class SaleOrderApprovalReason(models.Model):
    """Why an order needs the release of an approver.

    The facts (amounts, products, and what the rule or budget said: its categories,
    the orders it allowed, its period, whose budget) are stored when the order is
    placed; the sentence is rendered from them in the reader's language when it is
    read, so the buyer and the approver each read it in their own, and a rule or
    budget edited or deleted later does not change it.
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
    rule_id = fields.Many2one(
        "customer.purchasing.rule",
        string="Purchasing rule",
        ondelete="set null",
        help="The purchasing rule the order does not keep.",
    )
    budget_id = fields.Many2one(
        "customer.budget",
        ondelete="set null",
        help="The budget the order would exceed.",
    )
    order_count = fields.Integer(
        help="The number of the order in the period, for a rule of the number of "
        "orders."
    )
    period_start = fields.Date(
        help="The first day of the period of the budget or rule."
    )
    # What the rule or budget said when the order was placed: the sentence is
    # rendered from these, never from the rule or budget as it is now.
    category_names = fields.Char(
        string="Categories",
        help="The categories of the rule of product categories, when the reason "
        "was found.",
    )
    max_orders = fields.Integer(
        string="Orders allowed",
        help="The number of orders per period the rule allowed, when the reason was "
        "found.",
    )
    period = fields.Selection(
        BUDGET_PERIODS,
        help="The period of the budget or rule, when the reason was found.",
    )
    budget_target_name = fields.Char(
        string="Budget of",
        help="The department or person whose budget it was, when the reason was found.",
    )
    required_level = fields.Selection(
        REQUIRED_LEVELS, string="Approved by", help="Who must approve for this reason."
    )
    name = fields.Char(compute="_compute_name", string="Reason")

    @api.depends(
        "code",
        "amount",
        "threshold",
        "currency_id",
        "product_ids",
        "delivery_address_id",
        "rule_id",
        "budget_id",
        "order_count",
        "period_start",
        "category_names",
        "max_orders",
        "period",
        "budget_target_name",
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
                reason.name = select_plural(
                    _(
                        "{%(count)s, plural,"
                        " one {%(count)s product outside the contract assortment:"
                        " %(products)s}"
                        " other {%(count)s products outside the contract assortment:"
                        " %(products)s}}",
                        count=len(reason.product_ids),
                        products=", ".join(reason.product_ids.mapped("display_name")),
                    ),
                    self.env.lang,
                )
            elif reason.code == "delivery_address":
                # The reader may not read the address itself; the reason is theirs.
                address = reason.delivery_address_id.sudo()
                reason.name = _(
                    "delivery to an address not allowed to %(buyer)s: %(address)s",
                    buyer=reason.order_id.sudo().partner_id.name or "",
                    address=address._get_delivery_address_line() if address else "",
                )
            elif reason.code in PURCHASING_CODES:
                reason.name = reason._get_purchasing_sentence()
            else:
                reason.name = False

    def _get_purchasing_sentence(self):
        """The sentence of a reason of a purchasing rule or a budget, from what the
        reason stored when it was found (see _customer_purchasing_findings)."""
        self.ensure_one()
        currency = self.currency_id

        def money(value):
            return format_amount(self.env, value, currency)

        if self.code == "min_amount":
            return _(
                "order value %(amount)s is below the minimum %(minimum)s",
                amount=money(self.amount),
                minimum=money(self.threshold),
            )
        if self.code == "max_amount":
            return _(
                "order value %(amount)s is above the maximum %(maximum)s",
                amount=money(self.amount),
                maximum=money(self.threshold),
            )
        if self.code == "category":
            return _(
                "products of %(categories)s: %(products)s",
                categories=self.category_names or "",
                products=", ".join(self.product_ids.mapped("display_name")),
            )
        period = (
            period_name(self.env, self.period, self.period_start)
            if self.period and self.period_start
            else ""
        )
        if self.code == "order_count":
            return _(
                "order %(count)s of %(buyer)s in %(period)s: %(allowed)s allowed",
                count=self.order_count,
                buyer=self.order_id.sudo().partner_id.name or "",
                period=period,
                allowed=self.max_orders,
            )
        return _(
            "budget of %(target)s for %(period)s: %(left)s left, order %(amount)s",
            target=self.budget_target_name or "",
            period=period,
            left=money(self.threshold),
            amount=money(self.amount),
        )
