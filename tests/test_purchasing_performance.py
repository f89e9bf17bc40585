# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routing with every purchasing rule and budget active costs the same number of
queries whatever the number of lines and of orders already in the period."""

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.customer_purchasing_input import forget_purchasing_facts
from .test_purchasing_rules import PurchasingCase

MANY_LINES = 200
# Measured, from cold caches: the reasons of an order with every rule type and
# two budgets (the buyer's settings and delivery address, the order's lines and
# products read once, the rules, department, budgets and categories, one count
# of orders and one spending query).
ROUTING_QUERIES = 21
# Measured: the submission (the findings worked out once for the refusal and
# the routing, see test_purchasing_once; the locks; the writes, history,
# chatter and e-mails). 94 when the refusal and the routing each worked it out.
SUBMISSION_QUERIES = 90


def clone_orders(env, order, count):
    """``count`` copies of the row of ``order`` in sale_order, by SQL: orders
    in the period, fast (a benchmark's or a test's history)."""
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            SELECT array_agg(quote_ident(column_name)::text)
              FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = 'sale_order'
               AND column_name != 'id'
            """
        )
    )
    columns = SQL(", ".join(env.cr.fetchone()[0]))
    env.cr.execute(
        SQL(
            "INSERT INTO sale_order (%(columns)s) SELECT %(columns)s FROM sale_order, "
            "generate_series(1, %(count)s) WHERE sale_order.id = %(order)s",
            columns=columns,
            count=count,
            order=order.id,
        )
    )
    # Written in SQL: what the rules and budgets said of orders is forgotten too.
    forget_purchasing_facts(env)


@tagged("post_install", "-at_install")
class TestPurchasingQueryCounts(PurchasingCase):
    """Lena Log (Logistics) under every rule type, a department budget and a
    budget of her own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule("min_amount", amount=50)
        cls._rule(
            "max_amount", amount=100, scope="department", department_id=cls.logistics.id
        )
        cls._rule(
            "category",
            category_ids=[Command.set(cls.tools.ids)],
            required_level="manager",
        )
        cls._rule(
            "order_count",
            max_orders=1,
            scope="partners",
            partner_ids=[Command.set(cls.lena.partner_id.ids)],
        )
        cls._budget(100000)
        cls._budget(
            50, department_id=False, partner_id=cls.lena.partner_id.id, period="quarter"
        )
        cls.products = cls.env["product.product"].create(
            [
                {
                    "name": f"Tool {index}",
                    "list_price": 1.0,
                    "taxes_id": [],
                    "categ_id": cls.tools.id,
                }
                for index in range(MANY_LINES)
            ]
        )
        # what she spent already in the period: released orders
        cls.spent = cls._create_order(cls.lena, 20)
        cls.spent.action_confirm()

    def _order(self, lines):
        """An order of 200.00 in ``lines`` lines."""
        return self._order_of(self.lena, self.products[:lines], price=200.0 / lines)

    def _cold(self):
        """Caches dropped: the whole working out is counted."""
        self.env.flush_all()
        self.env.invalidate_all()
        forget_purchasing_facts(self.env)

    def _count(self, func):
        self._cold()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _routing_queries(self, order):
        codes = []

        def route():
            codes.extend(r["code"] for r in order._customer_approval_reasons())

        count = self._count(route)
        self.assertEqual(
            sorted(set(codes)), ["budget", "category", "max_amount", "order_count"]
        )
        return count

    def test_routing_same_for_1_and_200_lines(self):
        one, many = self._order(1), self._order(MANY_LINES)
        self._routing_queries(one)  # warm-up: caches of the registry and rules
        self._routing_queries(many)
        self.assertEqual(self._routing_queries(one), self._routing_queries(many))
        for order in (one, many):
            self._cold()
            with self.assertQueryCount(ROUTING_QUERIES):
                order._customer_approval_reasons()

    def test_routing_same_for_5_and_500_orders_in_the_period(self):
        order = self._order(MANY_LINES)
        clone_orders(self.env, self.spent, 4)
        self._routing_queries(order)  # warm-up
        few = self._routing_queries(order)
        clone_orders(self.env, self.spent, 495)
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("partner_id", "=", self.lena.partner_id.id), ("state", "=", "sale")]
            ),
            500,
        )
        self.assertEqual(self._routing_queries(order), few)
        reasons = order._customer_approval_reasons()
        [count] = [r for r in reasons if r["code"] == "order_count"]
        self.assertEqual(count["order_count"], 501)
        self._cold()
        with self.assertQueryCount(ROUTING_QUERIES):
            order._customer_approval_reasons()

    def test_submission_same_for_1_and_200_lines(self):
        def submit(lines):
            order = self._order(lines)
            count = self._count(
                order.with_user(self.lena).action_submit_for_customer_approval
            )
            self.assertEqual(order.approval_state, "waiting")
            self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
            return count

        # First runs fill Odoo's caches (templates, rules, translations).
        submit(1)
        submit(MANY_LINES)
        self.assertEqual(submit(1), submit(MANY_LINES))
        for lines in (1, MANY_LINES):
            order = self._order(lines)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(SUBMISSION_QUERIES):
                order.with_user(self.lena).action_submit_for_customer_approval()
