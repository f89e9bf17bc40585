# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchasing rules: each rule type in each action and scope, and the
sentences of their reasons (budgets: test_purchasing_budgets.py)."""

from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common_purchasing import PurchasingCase


class TestRuleTypes(PurchasingCase):
    """Each rule type, needing approval and refused, with its sentence."""

    def assertRefused(self, order, sentence):
        refusal = order._customer_purchasing_refusal()
        self.assertEqual(refusal, f"Order {order.name} cannot be placed: {sentence}.")
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            self._submit(order)
        self.assertEqual(order.approval_state, "none")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.approval_reason_ids)

    def test_minimum_order_value(self):
        rule = self._rule("min_amount", amount=100)
        order = self._create_order(self.lena, 60)
        sentence = (
            f"order value {self.money(60)} is below the minimum {self.money(100)}"
        )
        self.assertEqual(self.sentences(order), [sentence])
        self.assertFalse(order._customer_purchasing_refusal())
        self.assertFalse(self.codes(self._create_order(self.lena, 100)))
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_reason_ids.rule_id, rule)
        self.assertEqual(order.approval_reason_ids.name, sentence)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)

        rule.exceeded_action = "refuse"
        other = self._create_order(self.lena, 60)
        self.assertFalse(self.codes(other))
        self.assertRefused(other, sentence)

    def test_maximum_order_value(self):
        rule = self._rule("max_amount", amount=300)
        order = self._create_order(self.lena, 400)
        sentence = (
            f"order value {self.money(400)} is above the maximum {self.money(300)}"
        )
        self.assertEqual(self.sentences(order), [sentence])
        self.assertFalse(self.codes(self._create_order(self.lena, 300)))
        rule.exceeded_action = "refuse"
        self.assertFalse(self.codes(order))
        self.assertRefused(order, sentence)

    def test_category_and_its_children(self):
        rule = self._rule("category", category_ids=[Command.set(self.office.ids)])
        order = self._order_of(self.lena, self.paper | self.hammer)
        self.assertEqual(self.sentences(order), ["products of Office: Copy paper"])
        self.assertFalse(self.codes(self._order_of(self.lena, self.hammer)))
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_reason_ids.product_ids, self.paper)
        rule.exceeded_action = "refuse"
        self.assertRefused(
            self._order_of(self.lena, self.paper), "products of Office: Copy paper"
        )
        # A category beside the chosen one, of a similar path, is not in it.
        sibling = self.env["product.category"].create({"name": "Office chairs"})
        chair = self._create_shop_product("Chair", 10.0, categ_id=sibling.id)
        self.assertFalse(self.codes(self._order_of(self.lena, chair)))

    def test_number_of_orders_this_one_included(self):
        rule = self._rule("order_count", max_orders=2, period="month")
        self._spent(self.lena, 50)
        # not counted: last month, rejected, cancelled, another buyer
        self._spent(self.lena, 50, when=datetime(2026, 11, 20))
        rejected = self._create_order(self.lena, 50)
        rejected.write({"approval_state": "rejected", "state": "cancel"})
        self._create_order(self.lena, 50).action_cancel()
        self._spent(self.dan, 50)
        second = self._create_order(self.lena, 50)
        self.assertFalse(self.codes(second), "the second order of two allowed")
        self._spent(self.lena, 50)
        third = self._create_order(self.lena, 50)
        sentence = "order 3 of Lena Log in December: 2 allowed"
        self.assertEqual(self.sentences(third), [sentence])
        self.assertTrue(self._submit(third))
        self.assertEqual(third.approval_reason_ids.order_count, 3)

        # Rejected, set back to quotation and submitted again: not counted
        # against itself.
        self._approve_reject(third)
        third.action_draft()
        self.assertEqual(self.sentences(third), [sentence])
        self.assertTrue(self._submit(third))
        self.assertEqual(third.approval_reason_ids.name, sentence)
        self.assertEqual(third.approval_round, 2)

        # Waiting orders count: the next one is the fourth.
        fourth = self._create_order(self.lena, 50)
        self.assertEqual(
            self.sentences(fourth), ["order 4 of Lena Log in December: 2 allowed"]
        )
        rule.exceeded_action = "refuse"
        self.assertRefused(fourth, "order 4 of Lena Log in December: 2 allowed")

    def _approve_reject(self, order):
        order.with_user(self.approver_1).action_customer_reject("Not now")
        self.assertEqual(order.state, "cancel")

    def test_rules_of_another_vendor_company_do_not_apply(self):
        other = self.env["res.company"].create({"name": "Other vendor"})
        self._rule("max_amount", amount=10, company_id=other.id)
        self.env["customer.budget"].create(
            {"department_id": self.logistics.id, "amount": 1, "company_id": other.id}
        )
        self.assertFalse(self.codes(self._create_order(self.lena, 400)))

    def test_cart_summary_says_what_applies_before_checkout(self):
        self._rule("max_amount", amount=300, exceeded_action="refuse")
        self._rule("min_amount", amount=100)
        self._budget(1000)
        self._spent(self.free_buyer, 700)
        order = self._create_order(self.lena, 400)
        summary = order._customer_approval_cart_summary()
        self.assertEqual(
            summary["reasons"],
            [
                f"budget of Logistics for December: {self.money(300)} left, "
                f"order {self.money(400)}"
            ],
        )
        self.assertIn("above the maximum", summary["refusal"])
        [budget] = summary["budgets"]
        self.assertEqual(budget["name"], "Logistics (LOG)")
        self.assertEqual(budget["period"], "December")
        self.assertEqual(
            (budget["amount"], budget["spent"], budget["remaining"]),
            (1000, 700, 300),
        )

    def test_rule_name_kept_when_its_values_change(self):
        rule = self._rule("max_amount", amount=300)
        self.assertEqual(rule.name, "Maximum order value")
        rule.name = "No big orders"
        rule.amount = 500
        self.assertEqual(rule.name, "No big orders")

    def test_rule_constraints(self):
        with self.assertRaises(ValidationError):
            self._rule("category")
        with self.assertRaises(ValidationError):
            self._rule("max_amount", amount=10, scope="department")
        with self.assertRaises(ValidationError):
            self._rule("max_amount", amount=10, scope="partners")
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "parent_id": self.env.company.partner_id.id}
        )
        with self.assertRaises(ValidationError):
            self._rule(
                "max_amount",
                amount=10,
                scope="partners",
                partner_ids=[Command.set(stranger.ids)],
            )


class TestScopes(PurchasingCase):
    def test_company_department_and_chosen_people(self):
        self._rule("max_amount", amount=300)
        self._rule(
            "min_amount", amount=100, scope="department", department_id=self.sales.id
        )
        self._rule(
            "category",
            scope="partners",
            partner_ids=[Command.set(self.pia.partner_id.ids)],
            category_ids=[Command.set(self.tools.ids)],
        )

        def codes(user, amount, products=None):
            if products:
                return self.codes(self._order_of(user, products, price=amount))
            return self.codes(self._create_order(user, amount))

        # the whole company
        for user in (self.lena, self.dan, self.pia):
            with self.subTest(user=user.name):
                self.assertEqual(codes(user, 400), ["max_amount"])
        # a department: Sales only
        self.assertEqual(codes(self.dan, 50), ["min_amount"])
        self.assertFalse(codes(self.lena, 50))
        self.assertFalse(codes(self.pia, 50))
        # chosen people: Pia only
        self.assertEqual(codes(self.pia, 150, self.hammer), ["category"])
        self.assertFalse(codes(self.lena, 150, self.hammer))
        # An archived department's rules stop applying to its members.
        self.sales.active = False
        self.assertFalse(codes(self.dan, 50))

    def test_rules_of_another_company_do_not_apply(self):
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        self.env["customer.purchasing.rule"].create(
            {"company_partner_id": other.id, "rule_type": "max_amount", "amount": 10}
        )
        self.assertFalse(self.codes(self._create_order(self.lena, 400)))
