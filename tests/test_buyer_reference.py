# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

import odoo
from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestBuyerReference(HttpCase, CustomerApprovalCase):
    """The buyer's purchase-order number and cost centre: given at checkout,
    shown to the approver, in the e-mails, on /my/orders and in the backoffice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True})
        address = {
            "street": "Storgatan 1",
            "phone": "+46 40 123 45 67",
            "city": "Malmö",
            "zip": "211 22",
            "country_id": cls.env.ref("base.se").id,
        }
        (cls.customer | cls.buyer.partner_id | cls.free_buyer.partner_id).write(address)
        cls.customer.ask_cost_centre = True

    def _cart(self, user, amount=1000):
        order = self._create_order(user, amount=amount)
        order.order_line.write({"product_uom_qty": amount / 100})
        order.website_id = self.website
        self.authenticate(user.login, user.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        return order

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_model_stores_and_checks_the_reference(self):
        order = self._create_order(self.buyer, amount=1000)
        order = order.with_user(self.buyer)
        self.assertEqual(order._set_customer_reference(" PO-1 ", " CC-9 "), {})
        self.assertEqual(
            (order.client_order_ref, order.customer_cost_centre), ("PO-1", "CC-9")
        )
        errors = order._set_customer_reference("x" * 65, "CC-9")
        self.assertIn("client_order_ref", errors)
        self.assertEqual(order.client_order_ref, "PO-1")
        # Somebody else's order: refused.
        with self.assertRaises(AccessError):
            order.with_user(self.free_buyer)._set_customer_reference("PO-2")
        # No cost centre where the company does not ask for one.
        self.customer.ask_cost_centre = False
        order._set_customer_reference("PO-3", "CC-1")
        self.assertEqual(order.customer_cost_centre, "CC-9")
        self.assertTrue(self._submit(order))
        with self.assertRaises(UserError):
            order._set_customer_reference("PO-4")

    def test_reference_at_submission_shown_everywhere(self):
        order = self._cart(self.buyer)
        page = self.url_open("/shop/payment")
        self.assertIn('name="client_order_ref"', page.text)
        self.assertIn('name="customer_cost_centre"', page.text)
        self.post(
            "/shop/submit_for_approval",
            client_order_ref="PO-4711",
            customer_cost_centre="CC-200",
        )
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(
            (order.client_order_ref, order.customer_cost_centre), ("PO-4711", "CC-200")
        )
        # The approver's page and e-mail.
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self.url_open(f"/my/approvals/{order.id}")
        self.assertIn("PO-4711", page.text)
        self.assertIn("CC-200", page.text)
        mails = self._mails(order, "mail_template_approval_request")
        self.assertTrue(mails)
        self.assertIn("PO-4711", mails[0].body_html)
        self.assertIn("CC-200", mails[0].body_html)
        # The buyer's list and order page.
        self.authenticate(self.buyer.login, self.buyer.login)
        self.assertIn("PO-4711", self.url_open("/my/orders").text)
        order_page = self.url_open(order.get_portal_url())
        self.assertIn("CC-200", order_page.text)
        # The vendor searches by either.
        orders = self.env["sale.order"].with_user(self.salesperson)
        self.assertEqual(orders.search([("client_order_ref", "ilike", "4711")]), order)
        self.assertEqual(
            orders.search([("customer_cost_centre", "ilike", "CC-200")]), order
        )

    def test_reference_on_the_payment_step(self):
        order = self._cart(self.free_buyer)
        page = self.url_open("/shop/payment")
        self.assertIn("o_customer_reference_form", page.text)
        response = self.post("/shop/customer_reference", client_order_ref="PO-77")
        self.assertIn("reference_saved", response.url)
        self.assertEqual(order.client_order_ref, "PO-77")
        response = self.post("/shop/customer_reference", client_order_ref="y" * 80)
        self.assertIn("reference_error", response.url)
        self.assertEqual(order.client_order_ref, "PO-77")

    def test_reference_route_never_reaches_another_cart(self):
        other = self._create_order(self.free_buyer)
        self._cart(self.buyer)
        self.post(
            "/shop/customer_reference",
            client_order_ref="PO-forged",
            order_id=str(other.id),
        )
        self.assertFalse(other.client_order_ref)

    def test_backoffice_views_show_the_reference(self):
        for xmlid in ("sale.view_order_form", "sale.view_quotation_tree"):
            arch = etree.tostring(self.env.ref(xmlid)._get_combined_arch()).decode()
            with self.subTest(view=xmlid):
                self.assertIn("customer_cost_centre", arch)
        search = etree.tostring(
            self.env.ref("sale.view_sales_order_filter")._get_combined_arch()
        ).decode()
        self.assertIn('name="customer_cost_centre"', search)
