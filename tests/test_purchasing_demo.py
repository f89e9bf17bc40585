# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's departments, budgets and rules: each demo person meets the rule
the demo data gives them."""

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .test_installation import DEMO, DemoDataCase


@tagged("post_install", "-at_install")
class TestPurchasingDemoData(DemoDataCase, TransactionCase):
    """Each demo person meets the rule the demo data gives them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.portal_confirmation_pay = False
        cls.company = cls.env.ref(DEMO + "partner_fjord_engineering")
        cls.logistics = cls.env.ref(DEMO + "department_fjord_logistics")
        cls.sales = cls.env.ref(DEMO + "department_fjord_sales")

    def _partner(self, name):
        return self.env.ref(f"{DEMO}partner_{name}")

    def _cart(self, name, product_xmlid, quantity):
        """A cart of the demo person ``name`` as the shop makes it."""
        partner = self._partner(name)
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "pricelist_id": self.env.ref(DEMO + "pricelist_fjord_contract").id,
                "website_id": self.env.ref("website.default_website").id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env.ref(product_xmlid).id,
                            "product_uom_qty": quantity,
                        }
                    )
                ],
            }
        )

    def _codes(self, order):
        return {reason["code"] for reason in order._customer_approval_reasons()}

    def test_departments_budgets_and_rules(self):
        self.assertEqual(
            self.company.customer_department_ids, self.logistics | self.sales
        )
        self.assertEqual(self.logistics.manager_id, self._partner("karin"))
        self.assertEqual(
            self.logistics.member_ids,
            self._partner("karin") | self._partner("lars") | self._partner("olle"),
        )
        self.assertEqual(
            self.sales.member_ids, self._partner("erik") | self._partner("maja")
        )
        for name in ("anna", "nils"):
            self.assertFalse(self._partner(name).customer_department_id, name)
        rules = self.company.customer_purchasing_rule_ids
        self.assertEqual(
            set(rules.mapped("rule_type")),
            {
                "min_amount",
                "max_amount",
                "category",
                "order_count",
                "distinct_approvals",
            },
        )
        month = self.env.ref(DEMO + "budget_fjord_logistics_month")
        self.assertEqual(
            (month.period, month.exceeded_action, month.required_level),
            ("month", "approval", "manager"),
        )
        quarter = self.env.ref(DEMO + "budget_fjord_olle_quarter")
        self.assertEqual(
            (quarter.period, quarter.exceeded_action), ("quarter", "refuse")
        )
        # Lars's orders and Olle's waiting one went over the month's budget.
        self.assertEqual(month.spent, 1897.2)
        self.assertEqual(month.remaining, 0.0)

    def test_demo_orders_carry_their_department(self):
        company_orders = self.env["sale.order"].search(
            [("partner_id", "child_of", self.company.id)]
        )
        for order in company_orders:
            with self.subTest(order=order.name):
                department = order.partner_id.customer_department_id
                self.assertEqual(order.customer_department_id, department)
                self.assertEqual(
                    order.customer_department_code, department.code or False
                )
        olle = self.env.ref(DEMO + "sale_order_olle_budget")
        self.assertEqual(olle.approval_decider_ids, self._partner("karin"))
        self.assertIn("budget of Logistics for ", olle.approval_reason_ids.name)
        self.assertEqual(olle.approval_reason_ids.required_level, "manager")

    def test_nils_checks_out_without_approval(self):
        order = self._cart("nils", "product.product_product_27", 4)
        self.assertFalse(order._customer_approval_reasons())
        self.assertFalse(order._customer_purchasing_refusal())
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        # The one company rule he meets: no lounge furniture.
        sofa = self._cart("nils", "product.consu_delivery_01", 1)
        self.assertIn("Lounge", sofa._customer_purchasing_refusal())

    def test_each_rule_gives_its_reason(self):
        # Sales: nothing below 100.
        boxes = self._cart("maja", "product.product_product_7", 4)
        self.assertIn("below the minimum", boxes._customer_purchasing_refusal())
        # Maja's fourth order of the month.
        desks = self._cart("maja", "product.product_product_13", 2)
        self.assertEqual(self._codes(desks), {"order_count"})
        self.assertFalse(desks._customer_purchasing_refusal())
        # Logistics: nothing left of the month, the manager approves.
        olle = self._cart("olle", "product.product_product_5", 1)
        self.assertEqual(self._codes(olle), {"budget"})
        first, _absent, _deciders = olle._customer_approval_first_deciders()
        self.assertEqual(first, self._partner("karin"))
        # Above 2,000: a customer admin.
        big = self._cart("olle", "product.consu_delivery_03", 1)
        self.assertEqual(self._codes(big), {"budget", "max_amount"})
        _first, _absent, deciders = big._customer_approval_first_deciders()
        self.assertEqual(deciders, self._partner("anna"))
        # Olle's quarter: refused above what is left.
        table = self._cart("olle", "product.consu_delivery_02", 1)
        self.assertIn("budget of Olle Dahl", table._customer_purchasing_refusal())
