# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "customer.purchasing.input"]

    is_outside_contract_assortment = fields.Boolean(
        string="Outside contract assortment",
        compute="_compute_is_outside_contract_assortment",
        help="The product is not in the contract assortment of the customer's "
        "company. Only set when the company has a contract assortment.",
    )

    is_customer_approval_goods = fields.Boolean(
        compute="_compute_is_customer_approval_goods",
        help="A line of goods, judged by the customer's approval rules (breakpoints "
        "aside): not a section or note, nor a delivery, down payment, discount or "
        "reward line.",
    )

    @api.depends("product_id", "display_type", "is_downpayment", "is_delivery")
    def _compute_is_customer_approval_goods(self):
        # sale_loyalty's reward lines, when that module is installed
        has_rewards = "is_reward_line" in self._fields
        for line in self:
            line.is_customer_approval_goods = bool(
                line.product_id
                and not line.display_type
                and not line.is_downpayment
                and not line.is_delivery
                and not (has_rewards and line.is_reward_line)
                and line.product_id != line.company_id.sale_discount_product_id
            )

    @api.depends("product_id", "order_id.partner_id")
    def _compute_is_outside_contract_assortment(self):
        self.is_outside_contract_assortment = False
        # One query per customer, not per line.
        product_lines = self.filtered("is_customer_approval_goods")
        for buyer, lines in product_lines.grouped(
            lambda line: line.order_id.partner_id
        ).items():
            if not buyer or not buyer._get_contract_assortment():
                continue
            outside = buyer._get_products_outside_contract_assortment(lines.product_id)
            for line in lines:
                line.is_outside_contract_assortment = line.product_id in outside

    # The vendor may not change what the customer's approvers are deciding: the
    # engine changes lines of a waiting order (as superuser, after its checks), the
    # vendor cancels the order or waits for the decision.
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            order_ids = {vals.get("order_id") for vals in vals_list}
            self.env["sale.order"].browse(
                [order_id for order_id in order_ids if order_id]
            )._customer_approval_check_lines_frozen()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.order_id._customer_approval_check_lines_frozen()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.order_id._customer_approval_check_lines_frozen()
        return super().unlink()
