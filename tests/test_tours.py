# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase
from .markers import tour

pytestmark = [tour]


@tagged("post_install", "-at_install")
class TestApprovalTours(HttpCase, CustomerApprovalCase):
    """The whole flow in headless Chromium, as buyers and approvers click it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_shop_product("Approval Tour Desk", 750.0)
        address = cls._shop_address()
        cls.customer.write(address)
        (cls.buyer | cls.approver_1 | cls.admin).partner_id.write(address)

    def _buyer_submits(self, buyer):
        self.start_tour("/shop", "customer_approval_submit", login=buyer.login)
        order = self.env["sale.order"].search(
            [
                ("partner_id", "=", buyer.partner_id.id),
                ("order_line.product_id", "=", self.desk.id),
            ],
            order="id desc",
            limit=1,
        )
        self.assertEqual(order.approval_state, "waiting")
        return order

    def test_submitted_approved_and_released_to_the_vendor(self):
        order = self._buyer_submits(self.buyer)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.start_tour(
            "/my/approvals", "customer_approval_approve", login=self.approver_1.login
        )
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(
            order.approval_history_ids[-1].comment, "Fine for the workshop"
        )
        # The vendor now finds it among its confirmed orders, out of the waiting list.
        vendor_orders = self.env["sale.order"].with_user(
            self.env.ref("base.user_admin")
        )
        self.assertIn(order, vendor_orders.search([("state", "=", "sale")]))
        waiting_action = self.env.ref(
            "website_sale_customer_approval.action_orders_waiting_customer_approval"
        )
        self.assertNotIn(
            order, vendor_orders.search(literal_eval(waiting_action.domain))
        )

    def test_rejection_seen_by_the_buyer(self):
        order = self._buyer_submits(self.buyer)
        self.start_tour(
            "/my/approvals", "customer_approval_reject", login=self.approver_1.login
        )
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "rejected")
        self.start_tour(
            "/my/orders",
            "customer_approval_buyer_sees_rejection",
            login=self.buyer.login,
        )

    def test_admin_creates_a_buyer_who_orders(self):
        self.start_tour(
            "/my/team", "customer_approval_admin_creates_buyer", login=self.admin.login
        )
        tove = self.env["res.users"].search([("login", "=", "tove.tour@acme.example")])
        self.assertTrue(tove)
        # Her first checkout asks nothing the admin entered: the address and the
        # phone are the company's.
        self.assertEqual(tove.partner_id.phone, self.customer.phone)
        order = self._buyer_submits(tove)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)


@tagged("post_install", "-at_install")
class TestClickThroughTours(HttpCase, CustomerApprovalCase):
    """What buyers and approvers hit, clicked in headless Chromium on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_release_ends_in_a_sale_order_by_default(self):
        # The vendor asks for online payment, yet business customers buy on
        # account: the last approval makes the sale order.
        self.env.company.portal_confirmation_pay = True
        order = self._create_order(self.buyer, amount=800)
        order.require_payment = True
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertEqual(order.state, "sale")
        self.start_tour(
            "/my/orders",
            "customer_approval_buyer_sees_released_order",
            login=self.buyer.login,
        )

    def test_delivery_is_not_judged_against_the_assortment(self):
        pricelist = self.env["product.pricelist"].create(
            {"name": "Tour contract", "is_contract_assortment": True}
        )
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "applied_on": "0_product_variant",
                "product_id": self.product.id,
                "compute_price": "percentage",
                "percent_price": 0,
            }
        )
        self.customer.property_product_pricelist = pricelist
        self.buyer.partner_id.write(
            {
                "approval_mode": "outside_assortment",
                "approval_breakpoint_enabled": False,
            }
        )
        gadget = self.env["product.product"].create(
            {"name": "Tour Gadget", "list_price": 20, "sale_ok": True}
        )
        delivery = self.env["product.product"].create(
            {"name": "Tour Delivery", "type": "service", "list_price": 9}
        )
        agreed_only = self._create_order(self.buyer, amount=100)
        agreed_only.order_line = [
            Command.create(
                {"product_id": delivery.id, "price_unit": 9, "is_delivery": True}
            )
        ]
        self.assertFalse(agreed_only._customer_approval_reasons())
        self.assertFalse(
            agreed_only.order_line.filtered("is_outside_contract_assortment")
        )
        order = self._create_order(self.buyer, amount=100)
        order.order_line = [
            Command.create({"product_id": gadget.id}),
            Command.create(
                {"product_id": delivery.id, "price_unit": 9, "is_delivery": True}
            ),
        ]
        self._submit(order)
        self.assertEqual(
            order.approval_reason_ids.product_ids, gadget, "delivery is no reason"
        )
        self.start_tour(
            "/my/approvals",
            "customer_approval_delivery_is_no_product",
            login=self.approver_1.login,
        )

    def test_approve_takes_the_unsaved_edits(self):
        order = self._create_order(self.buyer)
        order.order_line.write({"product_uom_qty": 3, "price_unit": 300})
        self.assertTrue(self._submit(order))
        self.start_tour(
            "/my/approvals",
            "customer_approval_approve_takes_the_edits",
            login=self.approver_1.login,
        )
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.order_line.product_uom_qty, 1)

    def test_bulk_approval_approves_each_order_on_its_own(self):
        self.buyer.partner_id.may_send_free_text_orders = True
        free_text = (
            self.env["sale.order"]
            .with_user(self.buyer)
            ._create_free_text_order("Twenty blue binders")
        )
        order = self._create_order(self.buyer, amount=800)
        self._submit(order)
        self.start_tour(
            "/my/approvals",
            "customer_approval_bulk_does_what_it_can",
            login=self.approver_1.login,
        )
        order.invalidate_recordset()
        free_text.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(free_text.approval_state, "waiting")
