# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.fields import Domain


class ProductPublicCategory(models.Model):
    _inherit = "product.public.category"

    # The shop shows a category only when it has published products; for a buyer
    # limited to the contract assortment, only when it has assortment products.

    @api.depends_context("uid")
    def _compute_has_published_products(self):
        restriction = self.env.user.partner_id._get_shop_restriction_domain()
        if restriction is None:
            super()._compute_has_published_products()
            return
        with_products = self._get_categories_with_assortment_products(restriction)
        for category in self:
            category.has_published_products = category.id in with_products

    @api.model
    def _search_has_published_products(self, operator, value):
        restriction = self.env.user.partner_id._get_shop_restriction_domain()
        if restriction is None or operator != "in":
            return super()._search_has_published_products(operator, value)
        with_products = self._get_categories_with_assortment_products(restriction)
        return [("id", "in", list(with_products))]

    @api.model
    def _get_categories_with_assortment_products(self, restriction):
        """Ids of the categories holding published assortment products, with
        their parents."""
        templates = (
            Domain([("is_published", "=", True), ("active", "=", True)]) & restriction
        )
        categories = (
            self.sudo()
            .with_context(active_test=False)
            .search([("product_tmpl_ids", "any", templates)])
        )
        return set(categories.parents_and_self.ids)
