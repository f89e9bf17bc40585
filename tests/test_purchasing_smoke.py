# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError

from .common import CustomerApprovalCase


class TestPurchasingSmoke(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logistics = cls.env["customer.department"].create(
            {
                "name": "Logistics",
                "code": "LOG",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.free_buyer.partner_id.customer_department_id = cls.logistics

    def test_budget_reason_and_manager_level(self):
        self.env["customer.budget"].create(
            {
                "department_id": self.logistics.id,
                "amount": 1000,
                "period": "month",
                "required_level": "manager",
            }
        )
        first = self._create_order(self.free_buyer, 700)
        self.assertFalse(first._customer_approval_reasons())
        first.action_confirm()
        second = self._create_order(self.free_buyer, 400)
        reasons = second._customer_approval_reasons()
        self.assertEqual([r["code"] for r in reasons], ["budget"])
        self.assertTrue(self._submit(second))
        self.assertEqual(second.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(second.customer_department_code, "LOG")
        name = second.approval_reason_ids.name
        self.assertIn("budget of Logistics for ", name)
        self.assertIn("left, order", name)

    def test_refused_max(self):
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": 300,
                "exceeded_action": "refuse",
            }
        )
        order = self._create_order(self.free_buyer, 400)
        self.assertIn("above the maximum", order._customer_purchasing_refusal())
        with self.assertRaises(UserError):
            self._submit(order)
