# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalTours(HttpCase, CustomerApprovalCase):
    """The whole flow in headless Chromium, as buyers and approvers click it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.env["product.product"].create(
            {
                "name": "Approval Tour Desk",
                "list_price": 750.0,
                "taxes_id": [],
                "website_published": True,
                "sale_ok": True,
            }
        )
        address = {
            "street": "Storgatan 1",
            "city": "Malmö",
            "zip": "211 22",
            "phone": "+46 40 123 45 67",
            "country_id": cls.env.ref("base.se").id,
        }
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
        tove.partner_id.write(
            {
                "street": "Storgatan 1",
                "city": "Malmö",
                "zip": "211 22",
                "phone": "+46 40 123 45 67",
                "country_id": self.env.ref("base.se").id,
            }
        )
        order = self._buyer_submits(tove)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
