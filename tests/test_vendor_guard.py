# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestVendorGuard(CustomerApprovalCase):
    def setUp(self):
        super().setUp()
        self.waiting = self._create_order(self.buyer, amount=2000)
        self._submit(self.waiting)
        self.rejected = self._create_order(self.buyer, amount=2000)
        self._submit(self.rejected)
        self.rejected.with_user(self.approver_1).action_customer_reject("No")
        self.vendor_orders = self.env["sale.order"].with_user(self.salesperson)

    def test_vendor_cannot_confirm_waiting_or_rejected_orders(self):
        with self.assertRaisesRegex(UserError, "waits for the approval"):
            self.waiting.with_user(self.salesperson).action_confirm()
        self.rejected.with_user(self.salesperson).action_draft()
        with self.assertRaisesRegex(UserError, "rejected"):
            self.rejected.with_user(self.salesperson).action_confirm()
        self.assertEqual(self.waiting.state, "sent")
        self.assertEqual(self.rejected.state, "draft")

    def test_vendor_cannot_invoice_waiting_orders(self):
        with self.assertRaisesRegex(UserError, "cannot be invoiced"):
            self.waiting.with_user(self.salesperson)._create_invoices()

    def test_released_order_is_processed_normally(self):
        self._approve(self.waiting, self.approver_1)
        self._approve(self.waiting, self.approver_2)
        self.assertEqual(self.waiting.state, "sale")
        self.assertEqual(self.waiting.approval_state, "approved")

    def test_waiting_orders_hidden_from_default_quotations(self):
        action = self.env.ref("sale.action_quotations_with_onboarding")
        self.assertIn("search_default_hide_waiting_customer_approval", action.context)
        search_view = self.env.ref("sale.sale_order_view_search_inherit_quotation")
        arch = self.vendor_orders.get_views([(search_view.id, "search")])["views"][
            "search"
        ]["arch"]
        self.assertIn('name="hide_waiting_customer_approval"', arch)
        quotations = self.vendor_orders.search(
            [("state", "in", ("draft", "sent")), ("approval_state", "!=", "waiting")]
        )
        self.assertNotIn(self.waiting, quotations)

    def test_waiting_menu_lists_waiting_orders(self):
        action = self.env.ref(
            "website_sale_customer_approval.action_orders_waiting_customer_approval"
        )
        self.assertTrue(
            self.env.ref(
                "website_sale_customer_approval.menu_orders_waiting_customer_approval"
            ).action
            == action
        )
        orders = self.vendor_orders.search(literal_eval(action.domain))
        self.assertIn(self.waiting, orders)
        self.assertNotIn(self.rejected, orders)
        self.assertEqual(self.waiting.approval_decider_ids, self.approver_1.partner_id)
        self.assertGreaterEqual(self.waiting.approval_waiting_days, 0.0)

    def test_vendor_cancelling_a_waiting_order_ends_its_approval(self):
        self.waiting.with_user(self.salesperson).action_cancel()
        self.assertEqual(self.waiting.approval_state, "cancelled")
        self.assertFalse(self.waiting.approval_decider_ids)
        self.assertEqual(self.waiting.approval_history_ids[-1].decision, "cancelled")
        self.assertEqual(
            self.waiting.approval_history_ids[-1].user_id, self.salesperson
        )
        with self.assertRaisesRegex(UserError, "does not wait for approval"):
            self.waiting.with_user(self.approver_1).action_customer_approve()
        self.waiting.with_user(self.salesperson).action_draft()
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            self.waiting.with_user(self.salesperson).action_confirm()

    def test_reminder_delay_is_a_setting(self):
        settings = self.env["res.config.settings"].create(
            {"customer_approval_reminder_days": 5}
        )
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "website_sale_customer_approval.reminder_days"
            ),
            "5",
        )
