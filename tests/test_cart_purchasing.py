# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

import odoo
from odoo import Command, http
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_amount

from .common import CustomerApprovalCase
from .markers import tour


@tagged("post_install", "-at_install")
class TestCartPurchasing(HttpCase, CustomerApprovalCase):
    """The cart says before checkout what applies: the reasons for approval,
    what is left of a budget, or why the order cannot be placed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True})
        cls.fay = cls.free_buyer.partner_id
        (cls.customer | cls.buyer.partner_id | cls.fay).write(
            {
                "street": "Storgatan 1",
                "phone": "+46 40 123 45 67",
                "city": "Malmö",
                "zip": "211 22",
                "country_id": cls.env.ref("base.se").id,
            }
        )
        # The shop prices the cart with the customer's pricelist: one in the
        # company currency, whatever the demo data made the website's default.
        cls.customer.property_product_pricelist = cls.env["product.pricelist"].create(
            {"name": "Acme prices", "currency_id": cls.currency.id}
        )
        cls.logistics = cls.env["customer.department"].create(
            {
                "name": "Logistics",
                "code": "LOG",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.fay.customer_department_id = cls.logistics
        cls.budget = cls.env["customer.budget"].create(
            {"department_id": cls.logistics.id, "amount": 1000, "period": "month"}
        )
        cls._create_order(cls.free_buyer, 700).action_confirm()

    def _login_with_cart(self, user, amount):
        # The shop recomputes prices: the total comes from the quantity (at 100.00).
        order = self._create_order(user, amount=amount)
        order.order_line.write({"product_uom_qty": amount / 100})
        order.website_id = self.website
        self.authenticate(user.login, user.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        return order

    def _money(self, amount):
        return format_amount(self.env, amount, self.env.company.currency_id)

    def _budget_line(self, left):
        return "Budget of Logistics (LOG) for %s: %s left of %s" % (
            self.budget._get_period_name(),
            self._money(left),
            self._money(1000),
        )

    def _main_button(self, html):
        match = re.search(r'<a[^>]*name="website_sale_main_button"[^>]*>', html)
        self.assertTrue(match, "the cart has its checkout button")
        return match.group(0)

    def _refuse_above(self, amount):
        return self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": amount,
                "exceeded_action": "refuse",
            }
        )

    def test_cart_shows_the_reasons_and_the_budget_left(self):
        self._login_with_cart(self.free_buyer, 400)
        page = self.url_open("/shop/cart").text
        self.assertIn("o_customer_approval_cart_notice", page)
        self.assertIn("This order will need approval:", page)
        self.assertIn("budget of Logistics for", page)
        self.assertIn(self._budget_line(300), page)
        self.assertNotIn("disabled", self._main_button(page))
        # The last step says it again, with the budget.
        page = self.url_open("/shop/payment").text
        self.assertIn("Submit for approval", page)
        self.assertIn(self._budget_line(300), page)
        # So does the first checkout step.
        page = self.url_open("/shop/checkout").text
        self.assertIn("This order will need approval:", page)

    def test_budget_left_without_approval(self):
        self._login_with_cart(self.free_buyer, 200)
        page = self.url_open("/shop/cart").text
        self.assertNotIn("This order will need approval:", page)
        self.assertIn(self._budget_line(300), page)
        self.assertIn("alert-info", page)

    def test_refused_order_cannot_reach_checkout(self):
        self._refuse_above(300)
        order = self._login_with_cart(self.free_buyer, 400)
        page = self.url_open("/shop/cart").text
        self.assertIn("o_customer_approval_cart_refusal", page)
        self.assertIn("cannot be placed", page)
        self.assertIn("above the maximum", page)
        self.assertNotIn("This order will need approval:", page)
        self.assertIn("disabled", self._main_button(page))
        # Each step, asked for directly, sends the buyer back to the cart.
        for url in (
            "/shop/checkout",
            "/shop/payment",
            "/shop/checkout?try_skip_step=true",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertTrue(response.url.endswith("/shop/cart"), response.url)
                self.assertIn("cannot be placed", response.text)
        response = self.url_open(
            "/shop/submit_for_approval",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertTrue(response.url.endswith("/shop/cart"), response.url)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.approval_state or "none", "none")
        self.assertFalse(order.approval_reason_ids)

        # Fewer items: the cart may go on, the button is enabled again.
        line = order.order_line.filtered(lambda line: line.product_id == self.product)
        data = self.make_jsonrpc_request(
            "/shop/cart/update",
            {"line_id": line.id, "quantity": 2},
        )
        self.assertTrue(data["cart_ready"])
        self.assertNotIn("cannot be placed", data["website_sale.cart_lines"])
        self.assertIn(self._budget_line(300), data["website_sale.cart_lines"])
        self.assertEqual(
            self.url_open("/shop/checkout").url.split("?")[0][-14:], "/shop/checkout"
        )
        # More again: refused again, as the cart's new lines say.
        data = self.make_jsonrpc_request(
            "/shop/cart/update",
            {"line_id": line.id, "quantity": 5},
        )
        self.assertFalse(data["cart_ready"])
        self.assertIn("cannot be placed", data["website_sale.cart_lines"])

    def test_nothing_for_visitors_and_people_without_rules(self):
        # A visitor's cart.
        self.authenticate(None, None)
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.product.product_tmpl_id.id,
                "product_id": self.product.id,
                "quantity": 4,
            },
        )
        page = self.url_open("/shop/cart").text
        self.assertIn(self.product.name, page)
        self.assertNotIn("o_customer_approval_cart_notice", page)
        # A person of a company without rules or budgets.
        other = self.env["res.partner"].create(
            {"name": "Plain Corp", "is_company": True, "street": "Main road 1"}
        )
        plain = self._create_sub_account("Pat Plain", company=other)
        plain.partner_id.write(
            {
                "street": "Main road 1",
                "phone": "+46 40 123 45 67",
                "city": "Malmö",
                "zip": "211 22",
                "country_id": self.env.ref("base.se").id,
            }
        )
        self._login_with_cart(plain, 400)
        page = self.url_open("/shop/cart").text
        self.assertNotIn("o_customer_approval_cart_notice", page)
        self.assertNotIn("disabled", self._main_button(page))

    def _count_notice_queries(self, user, lines):
        """The queries of the cart's notice and readiness of an order of
        ``user`` with ``lines`` lines, the order itself being read already."""
        order = self._create_order(user, amount=100 * lines, lines=lines)
        order = order.with_user(user).sudo()
        order._customer_approval_cart_notice()
        order._is_cart_ready()
        before = self.env.cr.sql_log_count
        notice = order._customer_approval_cart_notice()
        order._is_cart_ready()
        return self.env.cr.sql_log_count - before, notice

    def test_notice_costs_a_bounded_number_of_queries(self):
        """The notice of a person without rules or budgets costs a few queries;
        with every rule, more, but the same for 1 and 30 lines."""
        other = self.env["res.partner"].create(
            {"name": "Plain Corp", "is_company": True}
        )
        plain = self._create_sub_account("Pat Plain", company=other)
        count_1, notice = self._count_notice_queries(plain, 1)
        count_30, _notice = self._count_notice_queries(plain, 30)
        self.assertIsNone(notice)
        self.assertEqual(count_1, count_30)
        self.assertLessEqual(count_1, 8)
        self._refuse_above(100000)
        self.product.categ_id = self.env["product.category"].create({"name": "Pens"})
        self.env["customer.purchasing.rule"].create(
            [
                {
                    "company_partner_id": self.customer.id,
                    "rule_type": "min_amount",
                    "amount": 50,
                },
                {
                    "company_partner_id": self.customer.id,
                    "rule_type": "order_count",
                    "max_orders": 10,
                    "period": "month",
                },
                {
                    "company_partner_id": self.customer.id,
                    "rule_type": "category",
                    "category_ids": [Command.set(self.product.categ_id.ids)],
                },
            ]
        )
        ruled_1, notice = self._count_notice_queries(self.free_buyer, 1)
        ruled_30, _notice = self._count_notice_queries(self.free_buyer, 30)
        self.assertTrue(notice["reasons"])
        self.assertEqual(ruled_1, ruled_30)
        # Measured: 8 without rules, 15 with a budget and a rule of each kind.
        self.assertLessEqual(ruled_1, 16)


@tour
@tagged("post_install", "-at_install")
class TestCartPurchasingTour(HttpCase, CustomerApprovalCase):
    """The cart's notice in headless Chromium, as the buyer changes it."""

    def test_buyer_sees_the_budget_left_and_the_refusal(self):
        self._create_shop_product("Budget Tour Chair", 400.0)
        fay = self.free_buyer.partner_id
        self.customer.write(self._shop_address())
        fay.write(self._shop_address())
        self.customer.property_product_pricelist = self.env["product.pricelist"].create(
            {"name": "Acme prices", "currency_id": self.currency.id}
        )
        logistics = self.env["customer.department"].create(
            {"name": "Logistics", "company_partner_id": self.customer.id}
        )
        fay.customer_department_id = logistics
        self.env["customer.budget"].create(
            {"department_id": logistics.id, "amount": 1000, "period": "month"}
        )
        self._create_order(self.free_buyer, 700).action_confirm()
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": 2000,
                "exceeded_action": "refuse",
            }
        )
        self.start_tour(
            "/shop", "customer_approval_cart_budget", login=self.free_buyer.login
        )
