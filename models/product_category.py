# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ["product.category", "customer.purchasing.input"]

    def write(self, vals):
        result = super().write(vals)
        # A category rule covers the sub-categories: moving a category moves its
        # products in or out of contract assortments.
        if "parent_id" in vals:
            self.env[
                "product.pricelist.assortment.entry"
            ]._rebuild_category_assortments()
        return result
