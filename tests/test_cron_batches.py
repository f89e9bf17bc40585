# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The crons work by batches, commit each one, report what remains (so that
Odoo runs them again at once) and go on past an order that fails.

The crons run as the scheduler runs them: ``ir.cron.method_direct_trigger``
(one ``_process_job``: a new transaction, calls of the action until nothing
remains or the slice ends), again while Odoo left a trigger to run it at once.
A slice is made short: one batch a call (no time left after the first commit)
and two calls a run."""

import logging
import os
import time
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.addons.base.models import ir_cron
from odoo.tests import tagged

from ..models import sale_order_escalation, sale_order_notify, sale_order_substitute
from .test_escalation import FRIDAY, TUESDAY_LATER, EscalationCase

_logger = logging.getLogger(__name__)

CRON_LOGGER = "odoo.addons.website_sale_customer_approval.models.sale_order_cron"
REMINDER_LOGGER = "odoo.addons.website_sale_customer_approval.models.sale_order_notify"
# More due orders than one run handles: 4 batches of 3, 2 batches a run.
# CRON_BATCHES_DUE=500 CRON_BATCHES_BATCH=100 measure a large backlog with the
# batches of production (figures in the log, at level INFO).
DUE = int(os.environ.get("CRON_BATCHES_DUE", "12"))
BATCH = int(os.environ.get("CRON_BATCHES_BATCH", "3"))


@tagged("post_install", "-at_install")
class TestCronBatches(EscalationCase):
    def _run_like_the_scheduler(self, xmlid, moment, max_runs=None):
        """Run the cron until Odoo would not run it again at once.

        :return: (runs, [(done, remaining) of each call])"""
        cron = self.env.ref(f"website_sale_customer_approval.{xmlid}")
        progress = self.env["ir.cron.progress"]
        before = progress.search([("cron_id", "=", cron.id)]).ids
        trigger = self.env["ir.cron.trigger"]
        runs, max_runs = 0, max_runs or DUE + 10
        started = time.monotonic()
        with (
            patch.object(ir_cron, "MIN_TIME_PER_JOB", 0),
            patch.object(ir_cron, "MIN_RUNS_PER_JOB", 2),
            freeze_time(moment),
        ):
            while True:
                runs += 1
                with self.enter_registry_test_mode():
                    self.assertIs(cron.method_direct_trigger(), True)
                self.env.invalidate_all()
                if not trigger.search_count([("cron_id", "=", cron.id)]):
                    break
                self.assertLess(runs, max_runs, "the cron is run again for ever")
        calls = progress.search(
            [("cron_id", "=", cron.id), ("id", "not in", before)], order="id"
        )
        _logger.info(
            "%s: %s runs, %s calls, %.1fs",
            xmlid,
            runs,
            len(calls),
            time.monotonic() - started,
        )
        return runs, [(call.done, call.remaining) for call in calls]

    def _expected_calls(self, total, batch=BATCH):
        """One batch a call: what each call did and what remained after it."""
        calls, remaining = [], total
        while remaining:
            done = min(batch, remaining)
            remaining -= done
            calls.append((done, remaining))
        return calls

    # ------------------------------------------------------------------
    # Escalation
    # ------------------------------------------------------------------
    def test_escalation_does_every_due_order_in_one_sequence(self):
        orders = [self._submit_on(FRIDAY) for _i in range(DUE)]
        with patch.object(sale_order_escalation, "ESCALATION_BATCH_SIZE", BATCH):
            runs, calls = self._run_like_the_scheduler(
                "ir_cron_escalate_customer_approvals", TUESDAY_LATER
            )
        for order in orders:
            self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
            self.assertEqual(order.approval_history_ids[-1].decision, "escalated")
        self.assertEqual(calls, self._expected_calls(DUE))
        self.assertEqual(runs, -(-len(calls) // 2))
        # Run again the same day: nothing is due, nothing more happens.
        runs, calls = self._run_like_the_scheduler(
            "ir_cron_escalate_customer_approvals", TUESDAY_LATER
        )
        self.assertEqual((runs, calls), (1, [(0, 0)]))

    def test_escalation_goes_on_past_a_failing_order(self):
        orders = [self._submit_on(FRIDAY) for _i in range(7)]
        bad = orders[1]
        model = type(self.env["sale.order"])
        escalate = model._customer_approval_escalate
        tried = []

        def failing(order):
            if order == bad:
                tried.append(order.id)
                order.write({"approval_level": 9})  # rolled back with the order
                raise ValueError("broken order")
            return escalate(order)

        with (
            patch.object(sale_order_escalation, "ESCALATION_BATCH_SIZE", BATCH),
            patch.object(model, "_customer_approval_escalate", failing),
            self.assertLogs(CRON_LOGGER, logging.ERROR) as logs,
        ):
            runs, calls = self._run_like_the_scheduler(
                "ir_cron_escalate_customer_approvals", TUESDAY_LATER
            )
        self.assertEqual(tried, [bad.id], "tried once in the run")
        self.assertIn(bad.name, logs.output[0])
        self.assertEqual(bad.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(bad.approval_level, 1)
        self.assertNotIn("escalated", bad.approval_history_ids.mapped("decision"))
        for order in orders[:1] + orders[2:]:
            self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(calls, self._expected_calls(7))
        self.assertEqual(runs, 2)

    def test_escalation_leaves_an_order_being_decided(self):
        """An order locked by somebody else (a decision under way) is neither
        waited for nor overwritten: the next run sees what was decided."""
        orders = [self._submit_on(FRIDAY) for _i in range(4)]
        busy = orders[2]
        model = type(self.env["sale.order"])
        lock = model._customer_approval_cron_lock

        def busy_elsewhere(batch):
            return lock(batch - busy)

        with (
            patch.object(sale_order_escalation, "ESCALATION_BATCH_SIZE", BATCH),
            patch.object(model, "_customer_approval_cron_lock", busy_elsewhere),
        ):
            runs, calls = self._run_like_the_scheduler(
                "ir_cron_escalate_customer_approvals", TUESDAY_LATER
            )
        self.assertEqual(busy.current_approver_id, self.approver_1.partner_id)
        for order in orders[:2] + orders[3:]:
            self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual((runs, calls), (1, [(3, 1), (1, 0)]))

    # ------------------------------------------------------------------
    # Reminders: one e-mail per approver a run, approvers by batches
    # ------------------------------------------------------------------
    def _waiting_for_five_approvers(self):
        """Two old waiting orders for each of five approvers (and no other
        order due: those of the demo data were reminded today)."""
        self.env["sale.order"].search(
            [("approval_state", "=", "waiting")]
        ).sudo().write({"approval_reminder_date": fields.Datetime.now()})
        by_approver = {}
        for index in range(5):
            approver = self._create_sub_account(
                f"Rita Reminded{index}", is_order_approver=True
            )
            buyer = self._create_sub_account(
                f"Ben Buyer{index}",
                approval_mode="always",
                next_approver_id=approver.partner_id.id,
            )
            by_approver[approver.partner_id] = self.env["sale.order"].union(
                *(self._create_order(buyer) for _i in range(2))
            )
        for orders in by_approver.values():
            for order in orders:
                self._submit(order)
        old = fields.Datetime.now() - timedelta(days=3)
        self.env["sale.order"].union(*by_approver.values()).sudo().write(
            {"approval_requested_date": old}
        )
        return by_approver

    def _reminders(self, approver):
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "=", approver.id)]
        )

    def test_reminders_go_by_batches_of_approvers(self):
        by_approver = self._waiting_for_five_approvers()
        with patch.object(sale_order_notify, "REMINDER_BATCH_SIZE", 2):
            runs, calls = self._run_like_the_scheduler(
                "ir_cron_remind_customer_approvers", fields.Datetime.now()
            )
        for approver, orders in by_approver.items():
            reminder = self._reminders(approver)
            self.assertEqual(len(reminder), 1, "one e-mail a run")
            for order in orders:
                self.assertIn(f"/my/approvals/{order.id}", reminder.body_html)
                self.assertTrue(order.approval_reminder_date)
        self.assertEqual(calls, self._expected_calls(5, batch=2))
        self.assertEqual(runs, 2)

    def test_reminders_go_on_past_a_failing_order(self):
        by_approver = self._waiting_for_five_approvers()
        approvers = list(by_approver)
        bad = by_approver[approvers[0]][0]
        model = type(self.env["sale.order"])
        deciders = model._customer_approval_deciders
        tried = []

        def failing(order, *args, **kwargs):
            if order == bad:
                tried.append(order.id)
                raise ValueError("broken order")
            return deciders(order, *args, **kwargs)

        with (
            patch.object(sale_order_notify, "REMINDER_BATCH_SIZE", 2),
            patch.object(model, "_customer_approval_deciders", failing),
            self.assertLogs(REMINDER_LOGGER, logging.ERROR) as logs,
        ):
            self._run_like_the_scheduler(
                "ir_cron_remind_customer_approvers", fields.Datetime.now()
            )
        self.assertEqual(tried, [bad.id], "tried once in the run")
        self.assertIn(bad.name, logs.output[0])
        self.assertFalse(bad.approval_reminder_date)
        self.assertNotIn(
            f"/my/approvals/{bad.id}", self._reminders(approvers[0]).body_html
        )
        for approver, orders in by_approver.items():
            self.assertEqual(len(self._reminders(approver)), 1)
            for order in orders - bad:
                self.assertTrue(order.approval_reminder_date)

    # ------------------------------------------------------------------
    # Substitutes
    # ------------------------------------------------------------------
    def _absent_with_waiting_orders(self, count):
        substitute = self._create_sub_account("Sam Stand", is_order_approver=True)
        orders = [self._submit_on(fields.Datetime.now()) for _i in range(count)]
        today = self.env["res.partner"]._approval_today()
        # An absence from tomorrow: the cron hands the orders over tomorrow.
        self.approver_1.partner_id.write(
            {
                "approval_substitute_id": substitute.partner_id.id,
                "approval_absent_from": today + timedelta(days=1),
                "approval_absent_to": today + timedelta(days=5),
            }
        )
        for order in orders:
            self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        return substitute.partner_id, orders

    def _tomorrow(self):
        return fields.Datetime.now() + timedelta(days=1)

    def test_substitutes_go_by_batches(self):
        substitute, orders = self._absent_with_waiting_orders(7)
        with patch.object(sale_order_substitute, "SUBSTITUTE_BATCH_SIZE", BATCH):
            runs, calls = self._run_like_the_scheduler(
                "ir_cron_customer_approval_substitutes", self._tomorrow()
            )
        for order in orders:
            self.assertEqual(order.current_approver_id, substitute)
            self.assertEqual(order.absent_approver_id, self.approver_1.partner_id)
        self.assertEqual(calls, self._expected_calls(7))
        self.assertEqual(runs, 2)

    def test_substitutes_go_on_past_a_failing_order(self):
        substitute, orders = self._absent_with_waiting_orders(5)
        bad = orders[0]
        model = type(self.env["sale.order"])
        hand_over = model._customer_approval_hand_over
        tried = []

        def failing(order):
            if order == bad:
                tried.append(order.id)
                raise ValueError("broken order")
            return hand_over(order)

        with (
            patch.object(sale_order_substitute, "SUBSTITUTE_BATCH_SIZE", BATCH),
            patch.object(model, "_customer_approval_hand_over", failing),
            self.assertLogs(CRON_LOGGER, logging.ERROR) as logs,
        ):
            runs, _calls = self._run_like_the_scheduler(
                "ir_cron_customer_approval_substitutes", self._tomorrow()
            )
        self.assertEqual(tried, [bad.id], "tried once in the run")
        self.assertIn(bad.name, logs.output[0])
        self.assertEqual(bad.current_approver_id, self.approver_1.partner_id)
        for order in orders[1:]:
            self.assertEqual(order.current_approver_id, substitute)
        self.assertEqual(runs, 1)
