# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes with pools of approvers: the second approval of a pool's order
comes from another member; a pool asked for the second approval is asked as a
pool."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestFourEyesPools(CustomerApprovalCase):
    """Acme asks two different approvers above 600. The desk pool: Pia (next
    approver Carl Chief) and Paul; Petra's next approver is the desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {"approval_distinct_count": 2, "approval_distinct_amount": 600}
        )
        cls.pia = cls._create_sub_account(
            "Pia Pool",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=1000,
            next_approver_id=cls.approver_3.partner_id.id,
        )
        cls.paul = cls._create_sub_account(
            "Paul Pool",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=1000,
        )
        cls.pool = cls.env["customer.approval.pool"].create(
            {
                "name": "Desk",
                "company_partner_id": cls.customer.id,
                "member_ids": [(6, 0, (cls.pia | cls.paul).partner_id.ids)],
            }
        )
        cls.petra = cls._create_sub_account(
            "Petra Buyer",
            approval_breakpoint_enabled=True,
            approval_breakpoint=500,
            next_approver_pool_id=cls.pool.id,
        )

    def _submitted(self, user, amount):
        order = self._create_order(user, amount=amount)
        self._submit(order)
        order.invalidate_recordset()
        return order

    def assertWaitsForPool(self, order, deciders, missing):
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_pool_id, self.pool)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, deciders.partner_id)
        self.assertEqual(order.approval_approvals_missing, missing)

    def test_the_second_approval_comes_from_another_member(self):
        order = self._submitted(self.petra, 800)
        self.assertWaitsForPool(order, self.pia | self.paul, missing=2)
        self._approve(order, self.pia)
        self.assertWaitsForPool(order, self.paul, missing=1)
        self._approve(order, self.paul)
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(
            order.approval_history_ids.filtered(
                lambda step: step.decision in ("passed_on", "released")
            ).mapped("approval_count_label"),
            ["1 of 2", "2 of 2"],
        )

    def test_a_pool_asked_for_the_second_approval(self):
        # Alf's next approver is the desk: after his approval (below his
        # breakpoint) the second one is the desk's, any member.
        alf = self.approver_1.partner_id
        alf.write({"next_approver_id": False, "next_approver_pool_id": self.pool.id})
        order = self._submitted(self.buyer, 800)
        self.assertEqual(order.current_approver_id, alf)
        self._approve(order, self.approver_1)
        self.assertWaitsForPool(order, self.pia | self.paul, missing=1)
        self._approve(order, self.paul)
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")

    def test_a_pool_counts_its_members_at_the_submission(self):
        # Three different people: Pia, Paul (the desk), Carl (Pia's next
        # approver) and Ada the admin could approve: the submission goes.
        self.customer.approval_distinct_count = 3
        order = self._submitted(self.petra, 800)
        self.assertWaitsForPool(order, self.pia | self.paul, missing=3)
        # Five: too many for the four of them.
        self.customer.approval_distinct_count = 5
        order = self._create_order(self.petra, amount=900)
        with self.assertRaisesRegex(UserError, "only 4 may approve"):
            self._submit(order)
