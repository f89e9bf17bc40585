# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One gate: an order that needs the customer's approval becomes a sale, is paid
or is invoiced only after its release, whatever the path."""

from xmlrpc.client import Fault

from odoo import Command, http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, get_db_name, tagged

from .common import CustomerApprovalCase, PaymentMixin, create_sub_account


@tagged("post_install", "-at_install")
class TestApprovalGate(PaymentMixin, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls._setup_payment()

    def _shop_order(self, buyer, amount=2000.0):
        """A cart of ``buyer`` in the web shop, not submitted."""
        order = self._create_order(buyer, amount=amount)
        order.website_id = self.website
        return order

    # --- the shop and the portal ----------------------------------------
    def test_unsubmitted_cart_cannot_be_paid_nor_confirmed(self):
        cart = self._shop_order(self.buyer)
        with self.assertRaisesRegex(ValidationError, "Submit for approval"):
            cart._check_cart_is_ready_to_be_paid()
        with self.assertRaisesRegex(ValidationError, "Submit for approval"):
            self._pay(cart)
        with self.assertRaisesRegex(UserError, "Submit for approval"):
            cart._validate_order()  # zero amount /shop/payment/validate
        self.assertFalse(cart._has_to_be_paid())
        self.assertFalse(cart._has_to_be_signed())
        self.assertEqual(cart.state, "draft")
        self.assertFalse(cart.transaction_ids)

    def test_waiting_order_cannot_be_paid_from_the_portal(self):
        order = self._shop_order(self.buyer)
        self._submit(order)
        order.require_payment = True
        self.assertFalse(order._has_to_be_paid())
        with self.assertRaisesRegex(ValidationError, "waits for the approval"):
            self._pay(order)
        with self.assertRaisesRegex(UserError, "waits for the approval"):
            order.with_user(self.buyer).action_confirm()
        self.assertEqual(order.state, "sent")

    def test_buyer_without_reason_pays_as_usual(self):
        cart = self._shop_order(self.free_buyer)
        self.assertFalse(cart._customer_approval_gate_error())
        self.assertTrue(self._pay(cart))

    def test_released_order_can_be_paid(self):
        order = self._shop_order(self.buyer, amount=300)
        order.require_payment = True
        self.buyer.partner_id.approval_breakpoint = 100
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        self.assertTrue(self._pay(order))

    def test_phone_order_of_the_vendor_stays_the_vendors(self):
        phone_order = self._create_order(self.buyer, amount=2000)
        self.assertFalse(phone_order.website_id)
        # The buyer cannot accept, sign nor pay it around their approvers ...
        phone_order.require_payment = True
        self.assertFalse(phone_order._has_to_be_paid())
        self.assertFalse(phone_order._has_to_be_signed())
        with self.assertRaisesRegex(ValidationError, "Submit for approval"):
            self._pay(phone_order)
        with self.assertRaisesRegex(UserError, "Submit for approval"):
            phone_order.with_user(self.buyer).action_confirm()
        # ... the vendor confirms it.
        phone_order.with_user(self.salesperson).action_confirm()
        self.assertEqual(phone_order.state, "sale")

    def test_buyer_submits_a_phone_order_for_approval(self):
        phone_order = self._create_order(self.buyer, amount=800)
        self.assertTrue(self._submit(phone_order))
        self._approve(phone_order, self.approver_1)
        self.assertEqual(phone_order.state, "sale")

    # --- the vendor ---------------------------------------------------------
    def test_down_payment_of_a_waiting_order_is_refused(self):
        order = self._shop_order(self.buyer)
        self._submit(order)
        for values in (
            {"advance_payment_method": "percentage", "amount": 10},
            {"advance_payment_method": "fixed", "fixed_amount": 50},
        ):
            wizard = (
                self.env["sale.advance.payment.inv"]
                .with_user(self.salesperson)
                .with_context(active_model="sale.order", active_ids=order.ids)
                .create(dict(values, sale_order_ids=[Command.set(order.ids)]))
            )
            with self.assertRaisesRegex(UserError, "waits for the approval"):
                wizard.create_invoices()
        self.assertFalse(order.order_line.filtered("is_downpayment"))
        self.assertFalse(order.invoice_ids)

    def test_vendor_cannot_change_lines_of_a_waiting_order(self):
        order = self._shop_order(self.buyer)
        self._submit(order)
        vendor_order = order.with_user(self.salesperson)
        line = vendor_order.order_line[0]
        with self.assertRaisesRegex(UserError, "its lines cannot change"):
            line.product_uom_qty = 50
        with self.assertRaisesRegex(UserError, "its lines cannot change"):
            vendor_order.write(
                {"order_line": [Command.create({"product_id": self.product.id})]}
            )
        with self.assertRaisesRegex(UserError, "its lines cannot change"):
            line.unlink()
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.order_line.product_uom_qty, 1)


@tagged("post_install", "-at_install")
class TestPaymentRoutes(HttpCase):
    """What an attacker posts to the payment routes as a buyer who needs approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.portal_confirmation_pay = True
        company = cls.env["res.partner"].create(
            {"name": "Payroute Parts AB", "is_company": True}
        )

        def sub_account(login, **settings):
            return create_sub_account(cls.env, login, company, **settings)

        cls.approver = sub_account(
            "pay-approver@payroute.example", is_order_approver=True
        )
        cls.buyer = sub_account(
            "pay-buyer@payroute.example",
            approval_mode="always",
            next_approver_id=cls.approver.partner_id.id,
        )
        cls.provider = cls.env["payment.provider"].create(
            {"name": "Route test provider", "state": "test", "code": "none"}
        )
        cls.payment_method = cls.env["payment.method"].create(
            {"name": "Route test method", "code": "route_test_method"}
        )
        product = cls.env["product.product"].create(
            {"name": "Torque wrench", "list_price": 120, "type": "service"}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.partner_id.id,
                "website_id": cls.env["website"].get_current_website().id,
                "require_payment": True,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )

    def _post_transaction(self, route):
        return self.make_jsonrpc_request(
            route,
            {
                "access_token": self.order._portal_ensure_token(),
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "amount": self.order.amount_total,
                "flow": "direct",
                "token_id": None,
                "tokenization_requested": False,
                "landing_route": "/shop/payment/validate",
            },
        )

    def _assert_refused(self, route, message):
        with self.assertRaises(JsonRpcException) as error:
            self._post_transaction(route)
        self.assertIn("ValidationError", str(error.exception))
        self.order.invalidate_recordset()
        self.assertFalse(self.order.transaction_ids)
        self.assertIn(self.order.state, ("draft", "sent"))
        self.assertIn(message, self.order._customer_approval_gate_error())

    def test_payment_routes_refuse_an_unreleased_order(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        shop_route = f"/shop/payment/transaction/{self.order.id}"
        portal_route = f"/my/orders/{self.order.id}/transaction"
        # Not submitted: what the payment form posts is refused.
        self._assert_refused(shop_route, "Submit for approval")
        self._assert_refused(portal_route, "Submit for approval")
        # Waiting: "Pay Now" on the portal is refused too.
        self.order.with_user(self.buyer).action_submit_for_customer_approval()
        self._assert_refused(shop_route, "waits for the approval")
        self._assert_refused(portal_route, "waits for the approval")
        page = self.url_open(
            f"/my/orders/{self.order.id}?payment_amount={self.order.amount_total}"
            f"&access_token={self.order.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_payment_form", page.text)

    def test_buyer_submits_a_vendor_quotation_from_its_page(self):
        quotation = self.order.copy({"website_id": False})
        quotation.action_quotation_sent()
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(quotation.get_portal_url())
        self.assertIn("o_approval_submit_quotation", page.text)
        self.assertNotIn("o_payment_form", page.text)
        response = self.url_open(
            f"/my/orders/{quotation.id}/submit",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        quotation.invalidate_recordset()
        self.assertEqual(quotation.approval_state, "waiting")
        self.assertEqual(quotation.current_approver_id, self.approver.partner_id)

    def test_portal_user_cannot_confirm_over_the_external_api(self):
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(
                get_db_name(),
                self.buyer.id,
                self.buyer.login,
                "sale.order",
                "action_confirm",
                [self.order.ids],
            )
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "draft")
