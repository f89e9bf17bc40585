# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError

from .common import CustomerApprovalCase


class ContractAssortmentCase(CustomerApprovalCase):
    """Acme's pricelist is a contract assortment; products in a small category tree."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.tools = Category.create({"name": "Tools"})
        cls.hammers = Category.create({"name": "Hammers", "parent_id": cls.tools.id})
        cls.paper = Category.create({"name": "Paper"})
        cls.hammer = cls._product("Claw hammer", cls.hammers)
        cls.wrench = cls._product("Wrench", cls.tools)
        cls.printer_paper = cls._product("Printer paper", cls.paper)
        cls.notebook = cls._product("Notebook", cls.paper)
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Acme contract",
                "is_contract_assortment": True,
            }
        )
        cls.customer.property_product_pricelist = cls.pricelist

    @classmethod
    def _product(cls, name, category, **values):
        return cls.env["product.product"].create(
            dict(
                name=name,
                categ_id=category.id,
                list_price=10.0,
                taxes_id=[Command.clear()],
                sale_ok=True,
                **values,
            )
        )

    def _rule(self, pricelist=None, **values):
        return self.env["product.pricelist.item"].create(
            dict(
                pricelist_id=(pricelist or self.pricelist).id,
                compute_price="percentage",
                percent_price=10,
                **values,
            )
        )

    def _inside(self, products=None):
        products = products or (
            self.hammer | self.wrench | self.printer_paper | self.notebook
        )
        return self.pricelist._filter_contract_assortment(products)


class TestAssortmentMembership(ContractAssortmentCase):
    def test_no_rule_covers_nothing(self):
        self.assertFalse(self._inside())

    def test_variant_rule(self):
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.assertEqual(self._inside(), self.notebook)

    def test_template_rule_covers_all_its_variants(self):
        self._rule(
            applied_on="1_product", product_tmpl_id=self.wrench.product_tmpl_id.id
        )
        self.assertEqual(self._inside(), self.wrench)
        self.assertEqual(
            self.env["product.template"].search(
                self.pricelist._get_contract_assortment_domain("product.template")
            ),
            self.wrench.product_tmpl_id,
        )

    def test_category_rule_covers_sub_categories(self):
        self._rule(applied_on="2_product_category", categ_id=self.tools.id)
        self.assertEqual(self._inside(), self.hammer | self.wrench)

    def test_global_rule_covers_the_catalogue(self):
        self._rule(applied_on="3_global")
        self.assertEqual(len(self._inside()), 4)
        self.assertTrue(
            self.pricelist._get_contract_assortment_domain("product.template").is_true()
        )

    def test_several_rules_add_up(self):
        self._rule(applied_on="2_product_category", categ_id=self.hammers.id)
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self._rule(
            applied_on="1_product", product_tmpl_id=self.notebook.product_tmpl_id.id
        )
        self.assertEqual(self._inside(), self.hammer | self.notebook)
        self.assertEqual(self.pricelist.contract_product_count, 2)

    def test_archived_product_named_by_a_rule_stays_inside(self):
        self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.notebook.action_archive()
        self.assertEqual(self._inside(self.notebook), self.notebook)
        # ... but the shop does not list it.
        self.assertNotIn(
            self.notebook.product_tmpl_id,
            self.env["product.template"].search(
                self.pricelist._get_contract_assortment_domain("product.template")
            ),
        )

    def test_expired_rule_covers_nothing(self):
        self._rule(
            applied_on="0_product_variant",
            product_id=self.notebook.id,
            date_end=fields.Datetime.now() - timedelta(days=1),
        )
        self.assertFalse(self._inside())

    def test_a_rule_change_is_seen_at_once(self):
        rule = self._rule(applied_on="0_product_variant", product_id=self.notebook.id)
        self.assertEqual(self._inside(), self.notebook)
        rule.product_id = self.wrench
        self.assertEqual(self._inside(), self.wrench)
        rule.unlink()
        self.assertFalse(self._inside())

    def test_pricelist_without_flag_is_no_assortment(self):
        self._rule(applied_on="3_global")
        self.pricelist.is_contract_assortment = False
        self.assertFalse(self._inside())
        self.assertFalse(self.buyer.partner_id.contract_assortment_id)

    def test_sub_accounts_get_their_company_assortment(self):
        self.assertEqual(self.buyer.partner_id.contract_assortment_id, self.pricelist)
        other = self.env["res.partner"].create(
            {"name": "Other Ltd", "is_company": True}
        )
        self.assertFalse(other.contract_assortment_id)

    def test_queries_do_not_grow_with_the_assortment(self):
        def count_queries(products, rules):
            self.pricelist.item_ids.unlink()
            self._rule_batch(rules)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.buyer.partner_id._get_products_outside_contract_assortment(products)
            return self.env.cr.sql_log_count - before

        few = self._many_products(5)
        many = self._many_products(300)
        count_queries(few, few)  # warm-up: Odoo's own caches
        count_few = count_queries(few, few)
        count_many = count_queries(many, many)
        self.assertEqual(count_few, count_many)
        self.assertLessEqual(count_many, 8)

    def _many_products(self, count):
        return self.env["product.product"].create(
            [{"name": f"Screw {i}", "categ_id": self.tools.id} for i in range(count)]
        )

    def _rule_batch(self, products):
        self.env["product.pricelist.item"].create(
            [
                {
                    "pricelist_id": self.pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "percentage",
                    "percent_price": 5,
                }
                for product in products
            ]
        )


class TestAssortmentRouting(ContractAssortmentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer.partner_id.write(
            {
                "approval_mode": "outside_assortment",
                "approval_breakpoint_enabled": False,
            }
        )
        cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.pricelist.id,
                "applied_on": "2_product_category",
                "categ_id": cls.tools.id,
            }
        )

    def _order(self, *products):
        return self.env["sale.order"].create(
            {
                "partner_id": self.buyer.partner_id.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                    for product in products
                ],
            }
        )

    def test_inside_the_assortment_needs_no_approval(self):
        order = self._order(self.hammer, self.wrench)
        self.assertFalse(
            order.with_user(self.buyer).action_submit_for_customer_approval()
        )
        self.assertFalse(order.order_line.filtered("is_outside_contract_assortment"))

    def test_outside_products_are_the_reason(self):
        order = self._order(self.hammer, self.notebook, self.printer_paper)
        self.assertTrue(
            order.with_user(self.buyer).action_submit_for_customer_approval()
        )
        reason = order.approval_reason_ids
        self.assertEqual(reason.code, "outside_assortment")
        self.assertEqual(reason.product_ids, self.notebook | self.printer_paper)
        self.assertIn("2 products outside the contract assortment", reason.name)
        self.assertIn("Notebook", reason.name)
        self.assertEqual(
            order.order_line.filtered("is_outside_contract_assortment").product_id,
            self.notebook | self.printer_paper,
        )

    def test_approver_refuses_outside_lines_one_by_one(self):
        order = self._order(self.hammer, self.notebook, self.printer_paper)
        order.with_user(self.buyer).action_submit_for_customer_approval()
        notebook_line = order.order_line.filtered(
            lambda line: line.product_id == self.notebook
        )
        order.with_user(self.approver_1).action_customer_approve(
            "Paper comes from the stationer", refused_line_ids=[str(notebook_line.id)]
        )
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.product_id, self.hammer | self.printer_paper)
        refused = order.approval_history_ids.filtered(
            lambda step: step.decision == "lines_refused"
        )
        self.assertEqual(refused.comment, "Notebook")
        self.assertEqual(refused.approver_id, self.approver_1.partner_id)
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "sale.order"), ("res_id", "=", order.id)])
            .filtered(lambda m: "was changed by your approver" in (m.subject or ""))
        )
        self.assertTrue(mail, "the buyer is told which lines were refused")
        self.assertIn("Notebook", mail[-1].body_html)

    def test_only_outside_lines_can_be_refused(self):
        order = self._order(self.hammer, self.notebook)
        order.with_user(self.buyer).action_submit_for_customer_approval()
        hammer_line = order.order_line.filtered(
            lambda line: line.product_id == self.hammer
        )
        notebook_line = order.order_line - hammer_line
        with self.assertRaises(UserError):
            order.with_user(self.approver_1).action_customer_approve(
                refused_line_ids=[hammer_line.id]
            )
        other = self._order(self.notebook)
        with self.assertRaises(UserError):
            order.with_user(self.approver_1).action_customer_approve(
                refused_line_ids=[other.order_line.id]
            )
        self.assertEqual(order.approval_state, "waiting")
        self.assertIn(notebook_line, order.order_line)

    def test_refusing_every_line_is_a_rejection(self):
        order = self._order(self.notebook)
        order.with_user(self.buyer).action_submit_for_customer_approval()
        with self.assertRaisesRegex(UserError, "reject it instead"):
            order.with_user(self.approver_1).action_customer_approve(
                refused_line_ids=order.order_line.ids
            )

    def test_restricted_buyer_cannot_add_outside_products(self):
        self.buyer.partner_id.contract_assortment_only = True
        order = self._order(self.hammer)
        with self.assertRaisesRegex(UserError, "only from the contract assortment"):
            order._cart_add(self.notebook.id, quantity=1)
        order._cart_add(self.wrench.id, quantity=1)
        self.assertIn(self.wrench, order.order_line.product_id)
