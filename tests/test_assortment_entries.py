# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields

from .test_contract_assortment import ContractAssortmentCase


class TestAssortmentEntries(ContractAssortmentCase):
    """The shop filters by the assortment's rows: they follow every change of the
    rules, of the products' categories, of the category tree and of the dates,
    and always agree with the rules themselves."""

    def _shop_templates(self):
        return (
            self.env["product.template"]
            .with_context(active_test=False)
            .search(self.pricelist._get_contract_assortment_domain("product.template"))
        )

    def _rule_templates(self):
        return (
            self.env["product.template"]
            .with_context(active_test=False)
            .search(
                self.pricelist._build_contract_assortment_domain("product.template")
            )
        )

    def assertShopHolds(self, *products):
        expected = self.env["product.product"].concat(*products).product_tmpl_id
        self.assertEqual(self._shop_templates(), expected)
        self.assertEqual(self._rule_templates(), expected)

    def test_each_kind_of_rule(self):
        self.assertShopHolds()
        self._rule(applied_on="2_product_category", categ_id=self.hammers.id)
        self.assertShopHolds(self.hammer)
        self._rule(
            applied_on="1_product", product_tmpl_id=self.wrench.product_tmpl_id.id
        )
        self.assertShopHolds(self.hammer, self.wrench)
        variant = self._rule(
            applied_on="0_product_variant", product_id=self.notebook.id
        )
        self.assertShopHolds(self.hammer, self.wrench, self.notebook)
        variant.product_id = self.printer_paper
        self.assertShopHolds(self.hammer, self.wrench, self.printer_paper)
        variant.unlink()
        self.assertShopHolds(self.hammer, self.wrench)

    def test_rule_moved_to_another_pricelist(self):
        rule = self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        other = self.env["product.pricelist"].create(
            {"name": "Other contract", "is_contract_assortment": True}
        )
        rule.pricelist_id = other
        self.assertShopHolds()
        self.assertEqual(
            self.env["product.template"].search(
                other._get_contract_assortment_domain("product.template")
            ),
            self.notebook.product_tmpl_id,
        )

    def test_validity_dates(self):
        now = fields.Datetime.now()
        rule = self._rule(
            applied_on="0_product_variant",
            product_id=self.notebook.id,
            date_start=now + timedelta(days=2),
        )
        self.assertShopHolds()
        rule.date_start = now - timedelta(days=2)
        self.assertShopHolds(self.notebook)
        rule.date_end = now - timedelta(days=1)
        self.assertShopHolds()

    def test_new_product_in_a_covered_category(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        saw = self._product("Saw", self.hammers)
        self.assertShopHolds(self.hammer, self.wrench, saw)

    def test_product_changes_category(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        self.notebook.product_tmpl_id.categ_id = self.hammers
        self.assertShopHolds(self.hammer, self.wrench, self.notebook)
        self.hammer.product_tmpl_id.categ_id = self.paper
        self.assertShopHolds(self.wrench, self.notebook)

    def test_category_moves_in_the_tree(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        self.paper.parent_id = self.tools
        self.assertShopHolds(
            self.hammer, self.wrench, self.printer_paper, self.notebook
        )
        self.hammers.parent_id = False
        self.assertShopHolds(self.wrench, self.printer_paper, self.notebook)

    def test_flag_off_and_on(self):
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.pricelist.is_contract_assortment = False
        self.assertFalse(
            self.env["product.pricelist.assortment.entry"].search_count(
                [("pricelist_id", "=", self.pricelist.id)]
            )
        )
        self.pricelist.is_contract_assortment = True
        self.assertShopHolds(self.notebook)

    def test_global_rule_needs_no_rows(self):
        self._rule(applied_on="3_global")
        self.assertTrue(
            self.pricelist._get_contract_assortment_domain("product.template").is_true()
        )


class TestAssortmentCategories(ContractAssortmentCase):
    """The eCommerce categories a restricted buyer sees: computed once a request,
    and right after a change within the same request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Public = cls.env["product.public.category"]
        cls.shop_tools = Public.create({"name": "Shop tools"})
        cls.shop_hammers = Public.create(
            {"name": "Shop hammers", "parent_id": cls.shop_tools.id}
        )
        cls.shop_paper = Public.create({"name": "Shop paper"})
        cls.hammer.product_tmpl_id.write(
            {"public_categ_ids": [(6, 0, cls.shop_hammers.ids)], "is_published": True}
        )
        cls.notebook.product_tmpl_id.write(
            {"public_categ_ids": [(6, 0, cls.shop_paper.ids)], "is_published": True}
        )
        cls.buyer.partner_id.contract_assortment_only = True

    def _visible(self):
        Public = self.env["product.public.category"].with_user(self.buyer)
        return Public.browse(
            Public._get_categories_with_assortment_products(self.buyer.partner_id)
        )

    def test_categories_follow_the_assortment(self):
        self._rule(applied_on="0_product_variant", product_id=self.hammer.id)
        self.assertEqual(self._visible(), self.shop_tools | self.shop_hammers)
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.assertEqual(
            self._visible(), self.shop_tools | self.shop_hammers | self.shop_paper
        )

    def test_publication_and_category_changes_are_seen_at_once(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.assertIn(self.shop_paper, self._visible())
        self.notebook.product_tmpl_id.is_published = False
        self.assertNotIn(self.shop_paper, self._visible())
        self.hammer.product_tmpl_id.public_categ_ids = self.shop_paper
        self.assertEqual(self._visible(), self.shop_paper)
        self.shop_paper.parent_id = self.shop_tools
        self.assertEqual(self._visible(), self.shop_tools | self.shop_paper)

    def test_computed_once_for_the_whole_tree(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        Public = self.env["product.public.category"].with_user(self.buyer)
        categories = Public.browse((self.shop_tools | self.shop_hammers).ids)
        categories.mapped("has_published_products")
        # Each level of the shop's tree asks again; the answer is kept.
        with self.assertQueryCount(0):
            Public._get_categories_with_assortment_products(self.buyer.partner_id)
        shown = Public.search([("has_published_products", "=", True)])
        self.assertEqual(shown & categories, categories)
