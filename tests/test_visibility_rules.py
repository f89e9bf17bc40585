# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who reads which order is a record rule: the external API, reports and the portal
agree."""

from odoo import Command
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestVisibilityRules(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order(cls.buyer, amount=2000)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.colleague_order = cls._create_order(cls.free_buyer, amount=50)

    def _visible(self, user, model="sale.order"):
        records = self.env[model].with_user(user).search([])
        if model == "sale.order":
            return records & (self.order | self.colleague_order)
        return records.order_id & (self.order | self.colleague_order)

    def test_each_role_reads_its_orders(self):
        self.assertEqual(self._visible(self.buyer), self.order)
        self.assertEqual(self._visible(self.free_buyer), self.colleague_order)
        # approver_1 decides it; approver_2 is not asked yet
        self.assertEqual(self._visible(self.approver_1), self.order)
        self.assertFalse(self._visible(self.approver_2))
        self.assertEqual(self._visible(self.admin), self.order | self.colleague_order)

    def test_lines_history_and_reasons_follow_their_order(self):
        for model in (
            "sale.order.line",
            "sale.order.approval.history",
            "sale.order.approval.reason",
        ):
            self.assertFalse(self._visible(self.free_buyer, model) & self.order, model)
            self.assertEqual(self._visible(self.buyer, model), self.order, model)
            self.assertIn(self.order, self._visible(self.approver_1, model), model)
        rows = (
            self.env["sale.order"]
            .with_user(self.free_buyer)
            .search_read([("id", "=", self.order.id)], ["name"])
        )
        self.assertFalse(rows)

    def test_decided_orders_stay_readable_by_their_approver(self):
        self._approve(self.order, self.approver_1)
        self.assertEqual(self._visible(self.approver_1), self.order)
        self.assertEqual(self._visible(self.approver_2), self.order)

    def test_company_setting_keeps_odoos_default(self):
        self.customer.approval_orders_visibility = "company"
        self.assertEqual(
            self._visible(self.free_buyer), self.order | self.colleague_order
        )
        self.customer.approval_orders_visibility = "role"
        self.assertEqual(self._visible(self.free_buyer), self.colleague_order)

    def test_a_new_customer_admin_sees_everything_at_once(self):
        self.free_buyer.partner_id.is_customer_admin = True
        self.assertEqual(
            self._visible(self.free_buyer), self.order | self.colleague_order
        )

    def test_internal_users_read_history_and_reasons(self):
        invoicing = self.env["res.users"].create(
            {
                "name": "Ines Invoicing",
                "login": "ines.invoicing@vendor.example",
                "group_ids": [
                    Command.set([self.env.ref("account.group_account_invoice").id])
                ],
            }
        )
        for user in (invoicing, self.salesperson):
            order = self.order.with_user(user)
            self.assertEqual(
                order.approval_history_ids.mapped("decision"), ["submitted"]
            )
            self.assertTrue(order.approval_reason_ids.mapped("name"))
