# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestDecisions(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        cls.other_admin = cls._create_sub_account(
            "Olga Owner", company=cls.other_customer, is_customer_admin=True
        )
        cls.other_approver = cls._create_sub_account(
            "Otto Approver", company=cls.other_customer, is_order_approver=True
        )

    def setUp(self):
        super().setUp()
        self.order = self._create_order(self.buyer, amount=2000)
        self._submit(self.order)

    def assertUnchanged(self, state="waiting", approver=None, steps=1):
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, state)
        self.assertEqual(
            self.order.current_approver_id,
            (approver or self.approver_1).partner_id,
        )
        self.assertEqual(len(self.order.approval_history_ids), steps)

    def test_reject_needs_a_reason(self):
        for reason in (None, "", "   "):
            with self.assertRaisesRegex(UserError, "reason"):
                self.order.with_user(self.approver_1).action_customer_reject(reason)
        self.assertUnchanged()

    def test_reject_cancels_and_records_the_reason(self):
        self.order.with_user(self.approver_1).action_customer_reject(" Too expensive ")
        self.assertEqual(self.order.approval_state, "rejected")
        self.assertEqual(self.order.state, "cancel")
        self.assertFalse(self.order.current_approver_id)
        self.assertEqual(self.order.approval_history_ids[-1].decision, "rejected")
        self.assertEqual(self.order.approval_rejection_reason, "Too expensive")

    def test_nobody_approves_their_own_order(self):
        # The buyer is also an approver and a customer admin: still not their own.
        self.buyer.partner_id.write({"is_order_approver": True})
        with self.assertRaisesRegex(AccessError, "your own order"):
            self.order.with_user(self.buyer).action_customer_approve()
        with self.assertRaisesRegex(AccessError, "your own order"):
            self.order.with_user(self.buyer).action_customer_reject("no")
        self.assertUnchanged()

    def assertCannotDecide(self, users):
        for user in users:
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    self.order.with_user(user).action_customer_approve()
                with self.assertRaises(AccessError):
                    self.order.with_user(user).action_customer_reject("no")
        self.assertUnchanged()

    def test_only_the_current_approver_decides(self):
        self.assertCannotDecide((self.approver_2, self.approver_3, self.free_buyer))

    def test_other_company_cannot_decide(self):
        self.assertCannotDecide((self.other_admin, self.other_approver))

    def test_vendor_staff_cannot_decide_for_the_customer(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.salesperson).action_customer_approve()
        self.assertUnchanged()

    def test_deciding_twice_is_refused(self):
        self._approve(self.order, self.approver_1)
        self.assertUnchanged(approver=self.approver_2, steps=2)
        with self.assertRaisesRegex(UserError, "already approved"):
            self.order.with_user(self.approver_1).action_customer_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            self.order.with_user(self.approver_1).action_customer_reject("oops")
        self.assertUnchanged(approver=self.approver_2, steps=2)

    def test_no_decision_once_released(self):
        self._approve(self.order, self.approver_1)
        self._approve(self.order, self.approver_2)
        self.assertEqual(self.order.approval_state, "approved")
        for user in (self.approver_2, self.admin):
            with self.assertRaisesRegex(UserError, "does not wait for approval"):
                self.order.with_user(user).action_customer_approve()
            with self.assertRaisesRegex(UserError, "does not wait for approval"):
                self.order.with_user(user).action_customer_reject("late")
        self.assertEqual(len(self.order.approval_history_ids), 3)
        self.assertEqual(self.order.state, "sale")

    def test_no_decision_once_rejected(self):
        self.order.with_user(self.approver_1).action_customer_reject("No budget")
        with self.assertRaisesRegex(UserError, "does not wait for approval"):
            self.order.with_user(self.admin).action_customer_approve()
        self.assertEqual(self.order.state, "cancel")

    def test_submitting_twice_is_refused(self):
        with self.assertRaisesRegex(UserError, "already waits"):
            self._submit(self.order)
        self.assertUnchanged()

    def test_only_the_buyer_submits(self):
        order = self._create_order(self.buyer, amount=2000)
        with self.assertRaises(AccessError):
            order.with_user(self.approver_1).action_submit_for_customer_approval()
        self.assertEqual(order.approval_state, "none")

    def test_buyer_withdraws_waiting_order(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.approver_1).action_withdraw_customer_approval()
        self.assertUnchanged()
        self.order.with_user(self.buyer).action_withdraw_customer_approval()
        self.assertEqual(self.order.approval_state, "withdrawn")
        self.assertEqual(self.order.state, "cancel")
        self.assertEqual(self.order.approval_history_ids[-1].decision, "withdrawn")
        with self.assertRaisesRegex(UserError, "does not wait for approval"):
            self.order.with_user(self.buyer).action_withdraw_customer_approval()
        with self.assertRaisesRegex(UserError, "does not wait for approval"):
            self.order.with_user(self.approver_1).action_customer_approve()

    def test_portal_user_cannot_write_approval_fields(self):
        for user in (self.approver_1, self.admin, self.salesperson):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.order.with_user(user).write({"approval_state": "approved"})
        self.assertUnchanged()

    def test_approve_several_at_once(self):
        second = self._create_order(self.buyer, amount=600)
        self._submit(second)
        orders = self.order | second
        orders.with_user(self.approver_1).action_customer_approve()
        self.assertEqual(second.approval_state, "approved")
        self.assertEqual(self.order.current_approver_id, self.approver_2.partner_id)

    def test_approve_several_refuses_all_when_one_is_not_mine(self):
        foreign = self._create_order(self.buyer, amount=600)
        self._submit(foreign)
        foreign.with_user(self.buyer).action_withdraw_customer_approval()
        with self.assertRaises(UserError):
            (self.order | foreign).with_user(self.approver_1).action_customer_approve()
        self.assertUnchanged()
