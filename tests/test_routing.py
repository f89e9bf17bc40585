# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestRouting(CustomerApprovalCase):
    def test_no_reason_keeps_normal_checkout(self):
        order = self._create_order(self.free_buyer, amount=9000)
        self.assertFalse(self._submit(order))
        self.assertEqual(order.approval_state, "none")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.approval_history_ids)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_below_breakpoint_needs_no_approval(self):
        order = self._create_order(self.buyer, amount=500)
        self.assertEqual(order._customer_approval_reasons(), [])
        self.assertFalse(self._submit(order))
        self.assertEqual(order.approval_state, "none")

    def test_above_breakpoint_waits_for_next_approver(self):
        order = self._create_order(self.buyer, amount=1250)
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(order.approval_level, 1)
        self.assertEqual(order.approval_reason_ids.mapped("code"), ["breakpoint"])
        reason = order.approval_reason_ids.name
        self.assertIn("1,250.00", reason)
        self.assertIn("500.00", reason)
        self.assertIn("above the breakpoint", reason)
        self.assertEqual(order.approval_history_ids.decision, "submitted")
        self.assertEqual(order.approval_history_ids.user_id, self.buyer)
        self.assertEqual(order.approval_decider_ids, self.approver_1.partner_id)

    def test_zero_breakpoint_means_every_order(self):
        self.buyer.partner_id.approval_breakpoint = 0
        order = self._create_order(self.buyer, amount=1)
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_reason_ids.code, "breakpoint")

    def test_always_and_breakpoint_give_both_reasons(self):
        self.buyer.partner_id.approval_mode = "always"
        order = self._create_order(self.buyer, amount=800)
        self.assertTrue(self._submit(order))
        self.assertEqual(
            order.approval_reason_ids.mapped("code"), ["always", "breakpoint"]
        )

    def test_outside_assortment_mode_without_assortment_asks_for_everything(self):
        # No contract assortment agreed yet: nothing is inside it, so every
        # product needs the approver (the customer asked for control).
        self.buyer.partner_id.write(
            {
                "approval_mode": "outside_assortment",
                "approval_breakpoint_enabled": False,
            }
        )
        order = self._create_order(self.buyer, amount=90)
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_reason_ids.code, "outside_assortment")
        self.assertEqual(order.approval_reason_ids.product_ids, self.product)

    def test_routing_matrix(self):
        """Each approval mode x breakpoint x chain length 1..3."""
        # (total, approvers who act in turn): the chain ends at the first
        # approver whose breakpoint the total does not exceed.
        chains = {
            300: [self.approver_1],
            2000: [self.approver_1, self.approver_2],
            8000: [self.approver_1, self.approver_2, self.approver_3],
        }
        modes = ["none", "always"]
        breakpoints = [(False, 0), (True, 0), (True, 250), (True, 10000)]
        for mode in modes:
            for enabled, limit in breakpoints:
                for total, approvers in chains.items():
                    with self.subTest(
                        mode=mode, breakpoint=(enabled, limit), total=total
                    ):
                        self.buyer.partner_id.write(
                            {
                                "approval_mode": mode,
                                "approval_breakpoint_enabled": enabled,
                                "approval_breakpoint": limit,
                            }
                        )
                        order = self._create_order(self.buyer, amount=total)
                        expected = mode == "always" or (
                            enabled and (not limit or total > limit)
                        )
                        self.assertEqual(self._submit(order), expected)
                        if not expected:
                            self.assertEqual(order.approval_state, "none")
                            continue
                        for level, approver in enumerate(approvers, start=1):
                            self.assertEqual(order.approval_state, "waiting")
                            self.assertEqual(order.approval_level, level)
                            self.assertEqual(
                                order.current_approver_id, approver.partner_id
                            )
                            self._approve(order, approver)
                        self.assertEqual(order.approval_state, "approved")
                        self.assertEqual(order.state, "sale")
                        self.assertEqual(
                            order.approval_history_ids.mapped("decision"),
                            ["submitted"]
                            + ["passed_on"] * (len(approvers) - 1)
                            + ["released"],
                        )
                        self.assertEqual(
                            order.approval_history_ids[1:].approver_id,
                            self.env["res.partner"].union(
                                *(a.partner_id for a in approvers)
                            ),
                        )

    def test_history_records_each_step(self):
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        self._approve(order, self.approver_1, "Fine for the workshop")
        self._approve(order, self.approver_2)
        history = order.approval_history_ids
        self.assertEqual(history.mapped("level"), [1, 1, 2])
        self.assertEqual(history.mapped("amount_total"), [2000.0] * 3)
        self.assertEqual(history[1].comment, "Fine for the workshop")
        self.assertEqual(history[1].user_id, self.approver_1)
        self.assertEqual(history[2].user_id, self.approver_2)
        self.assertTrue(all(history.mapped("date")))


@tagged("post_install", "-at_install")
class TestFallbackToCustomerAdmins(CustomerApprovalCase):
    def test_buyer_without_next_approver_goes_to_admins(self):
        self.buyer.partner_id.next_approver_id = False
        order = self._create_order(self.buyer, amount=900)
        self._submit(order)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, self.admin.partner_id)
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")

    def test_last_approver_above_breakpoint_passes_to_admins(self):
        self.approver_2.partner_id.next_approver_id = False
        order = self._create_order(self.buyer, amount=8000)
        self._submit(order)
        self._approve(order, self.approver_1)
        self._approve(order, self.approver_2)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.approval_level, 3)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, self.admin.partner_id)
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")

    def test_customer_admin_may_decide_out_of_turn(self):
        order = self._create_order(self.buyer, amount=700)
        self._submit(order)
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(
            order.approval_history_ids[-1].approver_id, self.admin.partner_id
        )

    def test_admin_above_own_breakpoint_without_chain_releases(self):
        """Nobody is above the customer admins: their approval is final."""
        self._create_sub_account("Dan Deputy", is_customer_admin=True)
        self.admin.partner_id.write(
            {"approval_breakpoint_enabled": True, "approval_breakpoint": 10}
        )
        self.buyer.partner_id.next_approver_id = False
        order = self._create_order(self.buyer, amount=900)
        self._submit(order)
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")
