# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import odoo
from odoo import http
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestCheckout(HttpCase, CustomerApprovalCase):
    """The last checkout step: payment, or "Submit for approval"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True})
        (cls.customer | cls.buyer.partner_id | cls.free_buyer.partner_id).write(
            {
                "street": "Storgatan 1",
                "phone": "+46 40 123 45 67",
                "city": "Malmö",
                "zip": "211 22",
                "country_id": cls.env.ref("base.se").id,
            }
        )

    def _login_with_cart(self, user, amount):
        # The shop recomputes prices: the total comes from the quantity (at 100.00).
        order = self._create_order(user, amount=amount)
        order.order_line.write({"product_uom_qty": amount / 100})
        order.website_id = self.website
        self.authenticate(user.login, user.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        return order

    def test_order_above_breakpoint_is_submitted_for_approval(self):
        order = self._login_with_cart(self.buyer, amount=1250)
        page = self.url_open("/shop/payment")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Submit for approval", page.text, page.url)
        self.assertIn("above the breakpoint", page.text)
        self.assertIn(self.approver_1.name, page.text)
        self.assertNotIn('name="o_payment_radio"', page.text)

        response = self.url_open(
            "/shop/submit_for_approval",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertTrue(response.url.endswith("/shop/approval/submitted"))
        self.assertIn(self.approver_1.name, response.text)
        self.assertIn("only once it is released", response.text)
        self.assertIn("above the breakpoint", response.text)
        self.assertEqual(order.approval_state, "waiting")
        # The waiting order is no cart any more.
        self.assertNotIn(
            f'data-order-id="{order.id}"', self.url_open("/shop/cart").text
        )

    def test_order_without_reason_keeps_the_payment_step(self):
        self._login_with_cart(self.free_buyer, amount=1250)
        page = self.url_open("/shop/payment")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Submit for approval", page.text)

    def test_submit_route_refuses_an_order_without_reason(self):
        order = self._login_with_cart(self.free_buyer, amount=1250)
        self.url_open(
            "/shop/submit_for_approval",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(order.approval_state, "none")
