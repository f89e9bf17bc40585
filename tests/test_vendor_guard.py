# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

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
        with self.assertRaisesRegex(UserError, "waits for the approval"):
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

    def test_ecommerce_menu_leads_salesmen_to_waiting_orders(self):
        # Without the Sales app (sale_management), the Sales menu is hidden: the
        # vendor finds the list under Website > eCommerce > Orders.
        action = self.env.ref(
            "website_sale_customer_approval.action_orders_waiting_customer_approval"
        )
        menu = self.env.ref(
            "website_sale_customer_approval.menu_ecommerce_orders_waiting_customer_approval"
        )
        self.assertEqual(menu.action, action)
        self.assertEqual(menu.parent_id, self.env.ref("website_sale.menu_orders"))
        path = self.env["ir.ui.menu"].browse(
            int(menu_id) for menu_id in menu.parent_path.split("/")[:-1]
        )
        self.assertEqual(path[0], self.env.ref("website.menu_website_configuration"))
        Menu = self.env["ir.ui.menu"]
        visible = Menu.with_user(self.salesperson)._visible_menu_ids()
        for step in path:
            self.assertIn(step.id, visible, step.complete_name)
        self.assertIn(
            self.waiting, self.vendor_orders.search(literal_eval(action.domain))
        )
        self.assertEqual(menu.group_ids, self.env.ref("sales_team.group_sale_salesman"))
        # The menu under Sales stays, for when the Sales app is there.
        self.assertEqual(
            self.env.ref(
                "website_sale_customer_approval.menu_orders_waiting_customer_approval"
            ).parent_id,
            self.env.ref("sale.sale_order_menu"),
        )

    def test_vendor_finds_approved_orders_awaiting_payment(self):
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.prepayment", "True"
        )
        unpaid = self._create_order(self.buyer, amount=600)
        unpaid.require_payment = True
        self._submit(unpaid)
        self._approve(unpaid, self.approver_1)
        self.assertEqual((unpaid.approval_state, unpaid.state), ("approved", "sent"))
        confirmed = self._create_order(self.buyer, amount=600)
        self._submit(confirmed)
        self._approve(confirmed, self.approver_1)
        self.assertEqual(confirmed.state, "sale")
        search_view = self.env.ref(
            "website_sale_customer_approval.view_sales_order_filter"
        )
        arch = self.vendor_orders.get_views([(search_view.inherit_id.id, "search")])[
            "views"
        ]["search"]["arch"]
        (found,) = etree.fromstring(arch).xpath(
            "//filter[@name='approved_awaiting_payment']"
        )
        orders = self.vendor_orders.search(literal_eval(found.get("domain")))
        self.assertIn(unpaid, orders)
        self.assertNotIn(confirmed, orders)
        self.assertNotIn(self.waiting, orders)
        self.assertNotIn(self.rejected, orders)

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


@tagged("post_install", "-at_install")
class TestVendorGuardReport(HttpCase, CustomerApprovalCase):
    """The quotation report. wkhtmltopdf fetches the report's styles from
    Odoo's HTTP server, so this is an HttpCase: its requests are served in the
    test's transaction, as for Odoo's own report tests. (Under Odoo's test
    runner, which keeps Registry._lock while the post_install tests run, the
    request of a plain TransactionCase would wait for the end of the run.)"""

    def setUp(self):
        super().setUp()
        self.waiting = self._create_order(self.buyer, amount=2000)
        self._submit(self.waiting)

    def test_quotation_pdf_says_the_order_waits_for_approval(self):
        report = self.env["ir.actions.report"].with_user(self.salesperson)
        html = report._render_qweb_html(
            "sale.action_report_saleorder", self.waiting.ids
        )[0].decode()
        self.assertIn("o_customer_approval_report", html)
        self.assertIn("Waiting for approval", html)
        self.assertIn(self.approver_1.partner_id.name, html)
        # A real PDF, with Debian's wkhtmltopdf (Odoo renders HTML in tests).
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "sale.action_report_saleorder", self.waiting.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
