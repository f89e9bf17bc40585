# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A reason says what it said when the order was placed: a rule or a budget
edited, renamed or deleted later does not change an old order's reason, which
is still read in the reader's language."""

from odoo import Command

from .common_purchasing import PurchasingCase


class TestFrozenReasons(PurchasingCase):
    def reason_sentence(self, order, lang=None):
        """The sentence of the order's one reason, as a reader reads it now."""
        self.env.invalidate_all()
        reason = order.approval_reason_ids
        self.assertEqual(len(reason), 1)
        if lang:
            reason = reason.with_context(lang=lang)
        return reason.name

    def test_category_rule_edited_after_submission(self):
        rule = self._rule("category", category_ids=[Command.set(self.office.ids)])
        order = self._order_of(self.lena, self.paper)
        self.assertTrue(self._submit(order))
        sentence = "products of Office: Copy paper"
        self.assertEqual(self.reason_sentence(order), sentence)

        rule.category_ids = self.tools
        self.assertEqual(self.reason_sentence(order), sentence)
        self.office.name = "Stationery"
        self.assertEqual(self.reason_sentence(order), sentence)
        rule.unlink()
        self.assertEqual(self.reason_sentence(order), sentence)
        # A new order reads the rules as they are now.
        self._rule("category", category_ids=[Command.set(self.office.ids)])
        self.assertEqual(
            self.sentences(self._order_of(self.lena, self.paper)),
            ["products of Stationery: Copy paper"],
        )

    def test_number_of_orders_rule_edited_after_submission(self):
        rule = self._rule("order_count", max_orders=1, period="month")
        self._spent(self.lena, 50)
        order = self._create_order(self.lena, 50)
        self.assertTrue(self._submit(order))
        sentence = "order 2 of Lena Log in December: 1 allowed"
        self.assertEqual(self.reason_sentence(order), sentence)

        rule.write({"max_orders": 5, "period": "quarter"})
        self.assertEqual(self.reason_sentence(order), sentence)
        self.assertEqual(
            self.sentences(self._create_order(self.lena, 50)), [], "3 of 5 allowed"
        )
        rule.unlink()
        self.assertEqual(self.reason_sentence(order), sentence)

    def test_budget_edited_after_submission(self):
        budget = self._budget(1000)
        self._spent(self.free_buyer, 700)
        order = self._create_order(self.lena, 400)
        self.assertTrue(self._submit(order))
        sentence = (
            f"budget of Logistics for December: {self.money(300)} left, "
            f"order {self.money(400)}"
        )
        self.assertEqual(self.reason_sentence(order), sentence)

        budget.period = "year"
        self.assertEqual(self.reason_sentence(order), sentence)
        self.logistics.name = "Warehouse"
        self.assertEqual(self.reason_sentence(order), sentence)
        budget.unlink()
        self.assertEqual(self.reason_sentence(order), sentence)

    def test_person_budget_keeps_the_person_name(self):
        budget = self._budget(
            100, department_id=False, partner_id=self.lena.partner_id.id
        )
        order = self._create_order(self.lena, 150)
        self.assertTrue(self._submit(order))
        sentence = (
            f"budget of Lena Log for December: {self.money(100)} left, "
            f"order {self.money(150)}"
        )
        self.assertEqual(self.reason_sentence(order), sentence)
        budget.write({"period": "quarter", "amount": 5000})
        self.assertEqual(self.reason_sentence(order), sentence)

    def test_frozen_reason_read_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        rule = self._rule("order_count", max_orders=1, period="month")
        self._spent(self.lena, 50)
        order = self._create_order(self.lena, 50)
        self.assertTrue(self._submit(order))
        rule.write({"max_orders": 5, "period": "year"})
        self.assertEqual(
            self.reason_sentence(order, lang="fr_FR"),
            "commande n° 2 de Lena Log en décembre : 1 autorisées",
        )
        self.assertEqual(
            self.reason_sentence(order),
            "order 2 of Lena Log in December: 1 allowed",
        )

    def test_quarter_of_a_budget_kept(self):
        budget = self._budget(100, period="quarter")
        order = self._create_order(self.lena, 150)
        self.assertTrue(self._submit(order))
        sentence = (
            f"budget of Logistics for Q4 2026: {self.money(100)} left, "
            f"order {self.money(150)}"
        )
        self.assertEqual(self.reason_sentence(order), sentence)
        budget.period = "month"
        self.assertEqual(self.reason_sentence(order), sentence)
