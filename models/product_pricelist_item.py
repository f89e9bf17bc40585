# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    # The rules of a contract pricelist are its assortment: a change of any rule
    # drops the assortment domains kept for the transaction.
    @api.model_create_multi
    def create(self, vals_list):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().write(vals)

    def unlink(self):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().unlink()
