# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# Fields that decide in which shop categories a contract assortment has products.
SHOP_CATEGORY_FIELDS = {
    "is_published",
    "website_published",
    "active",
    "public_categ_ids",
    "categ_id",
}


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "customer.purchasing.input"]

    # A category rule of a contract assortment covers the products of its
    # category: new products and products that change category change the
    # assortment's rows (product.pricelist.assortment.entry).

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        self.env["product.pricelist.assortment.entry"]._rebuild_category_assortments(
            templates.ids
        )
        return templates

    def write(self, vals):
        result = super().write(vals)
        if SHOP_CATEGORY_FIELDS.intersection(vals):
            self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        if "categ_id" in vals:
            self.env[
                "product.pricelist.assortment.entry"
            ]._rebuild_category_assortments(self.ids)
        return result

    def unlink(self):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().unlink()
