# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decisions never half-happen, an id given twice is decided once, and an order
set back to quotation starts a second round."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerApprovalCase

SALE = "odoo.addons.sale.models.sale_order.SaleOrder"
NOTIFY = "odoo.addons.website_sale_customer_approval.models.sale_order_notify.SaleOrder"


@tagged("post_install", "-at_install")
class TestAtomicDecisions(CustomerApprovalCase):
    def _fail_on(self, method, owner=SALE):
        return patch(f"{owner}.{method}", autospec=True, side_effect=UserError("Boom"))

    def test_failed_submission_leaves_the_cart_as_it_was(self):
        order = self._create_order(self.buyer, amount=2000)
        with (
            self._fail_on("_customer_approval_send_mail", NOTIFY),
            self.assertRaisesRegex(UserError, "Boom"),
        ):
            self._submit(order)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.approval_state, "none")
        self.assertFalse(order.approval_reason_ids)
        self.assertFalse(order.approval_history_ids)
        self.assertFalse(order.approval_round)

    def test_failed_confirmation_undoes_the_release(self):
        order = self._create_order(self.buyer, amount=800)
        self._submit(order)
        with (
            self._fail_on("action_confirm"),
            self.assertRaisesRegex(UserError, "Boom"),
        ):
            order.with_user(self.approver_1).action_customer_approve("ok")
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(order.approval_history_ids.mapped("decision"), ["submitted"])
        self._approve(order, self.approver_1)
        self.assertEqual(order.state, "sale")

    def test_one_bad_order_leaves_the_others_of_the_call_undecided(self):
        good = self._create_order(self.buyer, amount=800)
        self._submit(good)
        done = self._create_order(self.buyer, amount=800)
        self._submit(done)
        self._approve(done, self.approver_1)
        with self.assertRaisesRegex(UserError, "does not wait"):
            (good | done).with_user(self.approver_1).action_customer_approve()
        good.invalidate_recordset()
        self.assertEqual(good.approval_state, "waiting")

    def test_failed_rejection_leaves_the_order_waiting(self):
        order = self._create_order(self.buyer, amount=800)
        self._submit(order)
        with (
            self._fail_on("_action_cancel"),
            self.assertRaisesRegex(UserError, "Boom"),
        ):
            order.with_user(self.approver_1).action_customer_reject("No")
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(len(order.approval_history_ids), 1)

    def test_an_id_given_twice_is_decided_once(self):
        passed_on = self._create_order(self.buyer, amount=2000)
        self._submit(passed_on)
        twice = self.env["sale.order"].browse([passed_on.id, passed_on.id])
        twice.with_user(self.approver_1).action_customer_approve()
        passed_on.invalidate_recordset()
        self.assertEqual(passed_on.approval_level, 2)
        self.assertEqual(
            passed_on.approval_history_ids.mapped("decision"),
            ["submitted", "passed_on"],
        )
        self.assertEqual(
            len(self._mails(passed_on, "mail_template_approval_passed_on")), 1
        )

        rejected = self._create_order(self.buyer, amount=800)
        self._submit(rejected)
        twice = self.env["sale.order"].browse([rejected.id, rejected.id])
        twice.with_user(self.approver_1).action_customer_reject("No")
        self.assertEqual(
            rejected.approval_history_ids.mapped("decision"), ["submitted", "rejected"]
        )
        self.assertEqual(len(self._mails(rejected, "mail_template_order_rejected")), 1)

    def test_second_round_after_a_rejection(self):
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        self._approve(order, self.approver_1)  # passed on to approver_2
        order.with_user(self.approver_2).action_customer_reject("Too much")
        order.with_user(self.salesperson).action_draft()
        with self.assertRaisesRegex(UserError, "rejected"):
            order.with_user(self.salesperson).action_confirm()
        self.assertTrue(self._submit(order))
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.approval_round, 2)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(order.approval_decider_ids, self.approver_1.partner_id)
        first_round = order.approval_history_ids.filtered(lambda h: h.round == 1)
        self.assertEqual(
            first_round.mapped("decision"), ["submitted", "passed_on", "rejected"]
        )
        self._approve(order, self.approver_1)
        self._approve(order, self.approver_2)
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            order.approval_history_ids.filtered(lambda h: h.round == 2).mapped(
                "decision"
            ),
            ["submitted", "passed_on", "released"],
        )

    def test_second_round_after_withdrawal_and_vendor_cancel(self):
        withdrawn = self._create_order(self.buyer, amount=800)
        self._submit(withdrawn)
        withdrawn.with_user(self.buyer).action_withdraw_customer_approval()
        withdrawn.with_user(self.salesperson).action_draft()
        self.assertTrue(self._submit(withdrawn))
        self.assertEqual(withdrawn.approval_round, 2)

        cancelled = self._create_order(self.buyer, amount=800)
        self._submit(cancelled)
        self._approve(cancelled, self.approver_1)
        self.assertEqual(cancelled.state, "sale")
        waiting = self._create_order(self.buyer, amount=800)
        self._submit(waiting)
        waiting.with_user(self.salesperson).action_cancel()
        waiting.with_user(self.salesperson).action_draft()
        self.assertTrue(self._submit(waiting))
        self._approve(waiting, self.approver_1)
        self.assertEqual(waiting.state, "sale")
