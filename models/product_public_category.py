# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain

from .product_pricelist import CATEGORIES_CACHE_KEY


class ProductPublicCategory(models.Model):
    _inherit = "product.public.category"

    # The shop shows a category only when it has published products; for a buyer
    # limited to the contract assortment, only when it has assortment products.

    @api.depends_context("uid")
    def _compute_has_published_products(self):
        partner = self.env.user.partner_id
        if partner._get_shop_restriction_domain() is None:
            super()._compute_has_published_products()
            return
        with_products = self._get_categories_with_assortment_products(partner)
        for category in self:
            category.has_published_products = category.id in with_products

    @api.model
    def _search_has_published_products(self, operator, value):
        partner = self.env.user.partner_id
        if partner._get_shop_restriction_domain() is None or operator != "in":
            return super()._search_has_published_products(operator, value)
        with_products = self._get_categories_with_assortment_products(partner)
        return [("id", "in", list(with_products))]

    @api.model
    def _get_categories_with_assortment_products(self, partner):
        """Ids of the categories holding published products of ``partner``'s
        contract assortment, with their parents.

        The shop asks it for every level of its category tree (a dozen times a
        page): it is computed once per transaction (one request) and assortment,
        and dropped when products, categories or rules change.
        """
        assortment = partner._get_contract_assortment()
        cache = self.env.cr.cache.setdefault(CATEGORIES_CACHE_KEY, {})
        key = (assortment.id, fields.Date.context_today(self))
        if key not in cache:
            templates = Domain(
                [("is_published", "=", True), ("active", "=", True)]
            ) & assortment._get_contract_assortment_domain("product.template")
            categories = (
                self.sudo()
                .with_context(active_test=False)
                .search([("product_tmpl_ids", "any", templates)])
            )
            cache[key] = frozenset(categories.parents_and_self.ids)
        return cache[key]

    # A new, moved or removed category changes which of them hold products.
    @api.model_create_multi
    def create(self, vals_list):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "parent_id" in vals or "website_id" in vals:
            self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().write(vals)

    def unlink(self):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        return super().unlink()

    @api.model
    def _group_contract_templates(self, templates, website):
        """``templates`` (``product.template``) in the groups of /shop/contract.

        Each product goes under its eCommerce category that ``website`` shows (the
        first of them in the shop's category tree when it has several); a product
        without one goes under its internal category, after the eCommerce groups.
        Groups follow the shop's tree order, products keep the order of
        ``templates``. Returns ``[(category, templates)]`` where category is a
        ``product.public.category`` or a ``product.category``.

        A few queries whatever the number of products and categories: the
        categories are read in batch, then grouped in Python.
        """
        if not templates:
            return []
        templates.fetch(["categ_id", "public_categ_ids"])
        # Categories the current user may see (the many2many is read under the
        # record rules): name and tree of them and of their parents as superuser.
        categories = templates.public_categ_ids.sudo()
        categories.fetch(["parent_path", "website_id"])
        categories = categories.filtered(
            lambda c: c.website_id.id in (False, website.id)
        )
        tree = categories.browse(
            {int(i) for c in categories for i in c.parent_path.split("/")[:-1]}
        )
        tree.fetch(["name", "sequence", "parent_path"])

        def tree_key(category):
            # (sequence, name, id) of each ancestor: a parent sorts before its
            # children, siblings as in the shop (the model's order).
            return tuple((c.sequence, c.name, c.id) for c in category.parents_and_self)

        keys = {category.id: tree_key(category) for category in categories}
        shown_ids = set(keys)
        groups = {}
        for template in templates:
            public_ids = [i for i in template.public_categ_ids._ids if i in shown_ids]
            if public_ids:
                group = min(public_ids, key=keys.__getitem__)
                groups.setdefault(("public", group), []).append(template.id)
            else:
                groups.setdefault(("internal", template.categ_id.id), []).append(
                    template.id
                )
        internal = (
            self.env["product.category"]
            .sudo()
            .browse(i for kind, i in groups if kind == "internal" and i)
        )
        internal.fetch(["complete_name"])

        def group_key(item):
            (kind, category_id), _ids = item
            if kind == "public":
                return (0, keys[category_id])
            if category_id:
                return (1, internal.browse(category_id).complete_name, category_id)
            return (2,)  # no category at all: last

        # The categories in the caller's environment (the cache filled as
        # superuser serves their names); the products keep the prefetch of
        # ``templates``. A product without any category comes with an empty
        # ``product.category``.
        Category = self.browse()
        Internal = self.env["product.category"]
        return [
            (
                (Category if kind == "public" else Internal).browse(category_id),
                templates.browse(ids).with_prefetch(templates._prefetch_ids),
            )
            for (kind, category_id), ids in sorted(groups.items(), key=group_key)
        ]
