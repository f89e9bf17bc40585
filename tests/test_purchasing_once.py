# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the rules and budgets say of an order is worked out once per request and
state of the order: the cart page, a confirmation and a submission each ask it
several times (notice, readiness, the gate twice, refusal then routing)."""

from contextlib import ExitStack
from unittest.mock import patch

import odoo
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase

# Measured (queries of the whole step, Odoo's caches warm), when each asker
# worked the findings out -> once a request: the cart page 61 -> 48 (4 times
# before), a confirmation 50 -> 38 (4 times), a submission 88 -> 84 (twice).
CART_PAGE_QUERIES = 48
CONFIRMATION_QUERIES = 38
SUBMISSION_QUERIES = 84


@tagged("post_install", "-at_install")
class TestPurchasingWorkedOutOnce(HttpCase, CustomerApprovalCase):
    """Fay Free (Logistics: a budget of 1,000.00 a month, 700.00 spent) under a
    rule of the number of orders and a minimum order value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True})
        cls.fay = cls.free_buyer.partner_id
        (cls.customer | cls.fay).write(
            {
                "street": "Storgatan 1",
                "city": "Malmö",
                "zip": "211 22",
                "country_id": cls.env.ref("base.se").id,
            }
        )
        cls.customer.property_product_pricelist = cls.env["product.pricelist"].create(
            {"name": "Acme prices", "currency_id": cls.currency.id}
        )
        cls.logistics = cls.env["customer.department"].create(
            {"name": "Logistics", "code": "LOG", "company_partner_id": cls.customer.id}
        )
        cls.fay.customer_department_id = cls.logistics
        cls.env["customer.budget"].create(
            {"department_id": cls.logistics.id, "amount": 1000, "period": "month"}
        )
        cls.env["customer.purchasing.rule"].create(
            [
                {
                    "company_partner_id": cls.customer.id,
                    "rule_type": "order_count",
                    "max_orders": 10,
                    "period": "month",
                },
                {
                    "company_partner_id": cls.customer.id,
                    "rule_type": "min_amount",
                    "amount": 50,
                },
            ]
        )
        cls._create_order(cls.free_buyer, 700).action_confirm()

    def _counting(self):
        """Patches counting each working out of the findings: the count of
        orders of the period and the spending of the budgets (one query each)."""
        calls = {"counts": 0, "spending": 0}
        stack = ExitStack()
        for model, method, key in (
            ("sale.order", "_customer_order_counts", "counts"),
            ("customer.budget", "_get_spending", "spending"),
        ):
            cls = type(self.env[model])
            original = getattr(cls, method)

            def counting(records, *args, _original=original, _key=key, **kwargs):
                calls[_key] += 1
                return _original(records, *args, **kwargs)

            stack.enter_context(patch.object(cls, method, counting))
        return stack, calls

    def _cart(self, amount):
        order = self._create_order(self.free_buyer, amount=amount)
        order.order_line.write({"product_uom_qty": amount / 100})
        order.website_id = self.website
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        return order

    def _shop_order(self, amount):
        order = self._create_order(self.free_buyer, amount)
        order.website_id = self.website
        return order

    def _queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_cart_page(self):
        """The notice, the readiness of the main button and the summary of the
        budgets: one working out."""
        self._cart(400)
        self.url_open("/shop/cart")  # warm-up
        stack, calls = self._counting()
        with stack:
            page = self.url_open("/shop/cart").text
        self.assertIn("o_customer_approval_cart_notice", page)
        self.assertIn("300.00", page)  # the budget's remainder
        self.assertEqual(calls, {"counts": 1, "spending": 1})
        count = self._queries(lambda: self.url_open("/shop/cart"))
        self.assertLessEqual(count, CART_PAGE_QUERIES)

    def test_confirmation(self):
        """The gate asked twice (by the confirmation, then by Odoo's check of
        it): the findings worked out once."""
        order, warm_up, other = (self._shop_order(100) for _i in range(3))
        warm_up.action_confirm()
        stack, calls = self._counting()
        with stack:
            order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(calls, {"counts": 1, "spending": 1})
        count = self._queries(other.with_user(self.salesperson).action_confirm)
        self.assertEqual(other.state, "sale")
        self.assertLessEqual(count, CONFIRMATION_QUERIES)

    def test_submission(self):
        """The refusal, then the routing's reasons: one working out."""
        self._submit(self._create_order(self.free_buyer, 400))  # warm-up
        self.env["sale.order"].search(
            [("partner_id", "=", self.fay.id), ("approval_state", "=", "waiting")]
        ).action_cancel()
        order = self._create_order(self.free_buyer, 400)
        stack, calls = self._counting()
        with stack:
            self._submit(order)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.approval_reason_ids.mapped("code"), ["budget"])
        self.assertEqual(calls, {"counts": 1, "spending": 1})
        order.action_cancel()
        other = self._create_order(self.free_buyer, 400)
        count = self._queries(lambda: self._submit(other))
        self.assertEqual(other.approval_state, "waiting")
        self.assertLessEqual(count, SUBMISSION_QUERIES)

    def test_a_change_is_worked_out_again(self):
        """Within one transaction, a change of the order, of a rule or budget,
        or of another order's spending is seen at once."""
        order = self._create_order(self.free_buyer, 200)
        self.assertEqual(order._customer_approval_reasons(), [])
        order.order_line.product_uom_qty = 4  # 400.00: over the 300.00 left
        self.assertEqual(
            [r["code"] for r in order._customer_approval_reasons()], ["budget"]
        )
        budget = self.logistics.budget_ids
        budget.amount = 5000
        self.assertEqual(order._customer_approval_reasons(), [])
        self._create_order(self.free_buyer, 4500).action_confirm()
        self.assertEqual(
            [r["code"] for r in order._customer_approval_reasons()], ["budget"]
        )
        self.env["customer.purchasing.rule"].search(
            [("company_partner_id", "=", self.customer.id)]
        ).filtered(lambda r: r.rule_type == "min_amount").amount = 1000
        self.assertEqual(
            sorted(r["code"] for r in order._customer_approval_reasons()),
            ["budget", "min_amount"],
        )
        self.fay.customer_department_id = False
        self.assertEqual(
            [r["code"] for r in order._customer_approval_reasons()], ["min_amount"]
        )
        order.order_line = [
            Command.create(
                {"product_id": self.product.id, "price_unit": 700, "tax_ids": []}
            )
        ]
        self.assertEqual(order._customer_approval_reasons(), [])
