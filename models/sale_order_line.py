# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    is_outside_contract_assortment = fields.Boolean(
        string="Outside contract assortment",
        compute="_compute_is_outside_contract_assortment",
        help="The product is not in the contract assortment of the customer's "
        "company. Only set when the company has a contract assortment.",
    )

    @api.depends("product_id", "order_id.partner_id")
    def _compute_is_outside_contract_assortment(self):
        self.is_outside_contract_assortment = False
        # One query per customer, not per line.
        product_lines = self.filtered(
            lambda line: line.product_id and not line.display_type
        )
        for buyer, lines in product_lines.grouped(
            lambda line: line.order_id.partner_id
        ).items():
            if not buyer or not buyer._get_contract_assortment():
                continue
            outside = buyer._get_products_outside_contract_assortment(lines.product_id)
            for line in lines:
                line.is_outside_contract_assortment = line.product_id in outside
