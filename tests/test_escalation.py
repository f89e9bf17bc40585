# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerApprovalCase

# Friday 20 November 2026, 10:00 UTC
FRIDAY = datetime(2026, 11, 20, 10, 0)
MONDAY_LATER = datetime(2026, 11, 23, 11, 0)
TUESDAY_LATER = datetime(2026, 11, 24, 11, 0)


class EscalationCase(CustomerApprovalCase):
    """Escalation after 2 working days; the vendor works Monday to Friday, UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the test company escalates: the counts of the cron are its orders
        # (demo companies have a delay of their own).
        cls.env["res.partner"].search(
            [("approval_escalation_days", ">", 0)]
        ).approval_escalation_days = 0
        cls.customer.approval_escalation_days = 2
        cls.vendor_calendar = cls._create_calendar("Vendor week", range(5))
        cls.env.company.resource_calendar_id = cls.vendor_calendar

    @classmethod
    def _create_calendar(cls, name, weekdays, tz="UTC"):
        """Working hours from 8:00 to 16:00 on ``weekdays`` (0 is Monday)."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{name} {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                        }
                    )
                    for day in weekdays
                ],
            }
        )

    def _submit_on(self, moment, order=None, buyer=None):
        order = order or self._create_order(buyer or self.buyer, amount=700)
        with freeze_time(moment):
            self._submit(order)
        return order

    def _escalate_on(self, moment, **kwargs):
        with freeze_time(moment):
            count = self.env["sale.order"]._cron_escalate_customer_approvals(**kwargs)
        self.env.invalidate_all()
        return count

    def _mail_count(self, order, template, partner):
        return self.env["mail.mail"].search_count(
            [
                ("id", "in", self._mails(order, template).ids),
                ("recipient_ids", "in", partner.ids),
            ]
        )


@tagged("post_install", "-at_install")
class TestEscalation(EscalationCase):
    def test_working_days_skip_the_weekend(self):
        def cutoff(days, now):
            """The latest moment from which ``days`` working days passed by ``now``."""
            return self.vendor_calendar._customer_approval_cutoff(days, now)

        self.assertEqual(cutoff(1, datetime(2026, 11, 23, 10, 0)), FRIDAY)
        self.assertEqual(cutoff(2, datetime(2026, 11, 24, 10, 0)), FRIDAY)
        thursday = datetime(2026, 11, 19, 9, 0)
        self.assertEqual(cutoff(2, datetime(2026, 11, 23, 9, 0)), thursday)
        monday = datetime(2026, 11, 16, 9, 0)
        self.assertEqual(cutoff(3, datetime(2026, 11, 19, 9, 0)), monday)
        self.assertEqual(cutoff(0, monday), monday)
        # On Sunday, the whole Friday has passed: since Friday's start.
        sunday = datetime(2026, 11, 22, 15, 0)
        self.assertEqual(cutoff(1, sunday), datetime(2026, 11, 20, 0, 0))

    def test_escalates_to_next_approver_after_working_days(self):
        order = self._submit_on(FRIDAY)
        self.assertEqual(order.approval_waiting_since, FRIDAY)
        # Monday: one working day only (the weekend does not count)
        self.assertEqual(self._escalate_on(MONDAY_LATER), 0)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)

        self.assertEqual(self._escalate_on(TUESDAY_LATER), 1)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(order.approval_level, 2)
        self.assertEqual(order.approval_waiting_since, TUESDAY_LATER)
        step = order.approval_history_ids[-1]
        self.assertEqual(step.decision, "escalated")
        self.assertEqual(step.approver_id, self.approver_2.partner_id)
        self.assertIn("Alf Lead", step.comment)
        self.assertEqual(
            self._mail_count(
                order, "mail_template_approval_escalated", self.approver_2.partner_id
            ),
            1,
        )
        # The new approver may decide from the e-mail, too.
        self.assertIn(
            "/approval/decide/",
            self._mails(order, "mail_template_approval_escalated").body_html,
        )
        self.assertEqual(
            self._mail_count(
                order,
                "mail_template_approval_escalated_notice",
                self.approver_1.partner_id,
            ),
            1,
        )
        self.assertIn(
            "Escalated to Bea Boss",
            "".join(order.message_ids.mapped("body")),
        )
        # The former approver no longer decides; the new one does.
        with self.assertRaises(AccessError):
            order.with_user(self.approver_1).action_customer_approve()
        self._approve(order, self.approver_2)
        self.assertEqual(order.approval_state, "approved")

        # Not escalated again
        self.assertEqual(self._escalate_on(datetime(2026, 12, 10, 11, 0)), 0)

    def test_top_approver_escalates_to_customer_admins(self):
        buyer = self._create_sub_account(
            "Tim Top",
            approval_mode="always",
            next_approver_id=self.approver_3.partner_id.id,
        )
        order = self._submit_on(FRIDAY, buyer=buyer)
        self.assertEqual(self._escalate_on(TUESDAY_LATER), 1)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, self.admin.partner_id)
        self.assertEqual(
            self._mail_count(
                order, "mail_template_approval_escalated", self.admin.partner_id
            ),
            1,
        )
        # Waiting for the admins: nobody above them.
        self.assertEqual(self._escalate_on(datetime(2026, 12, 10, 11, 0)), 0)

    def test_pass_on_restarts_the_delay(self):
        order = self._submit_on(FRIDAY, order=self._create_order(self.buyer, 2000))
        with freeze_time(MONDAY_LATER):
            self._approve(order, self.approver_1)
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(order.approval_waiting_since, MONDAY_LATER)
        self.assertEqual(self._escalate_on(TUESDAY_LATER), 0)
        self.assertEqual(self._escalate_on(datetime(2026, 11, 25, 12, 0)), 1)
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)

    def test_off_when_company_sets_no_delay(self):
        self.customer.approval_escalation_days = 0
        order = self._submit_on(FRIDAY)
        self.assertEqual(self._escalate_on(datetime(2026, 12, 10, 11, 0)), 0)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)

    def test_batches_handle_every_due_order(self):
        top = self._create_sub_account(
            "Tess Top", is_order_approver=True, is_customer_admin=True
        )
        stuck_buyer = self._create_sub_account(
            "Sid Stuck", approval_mode="always", next_approver_id=top.partner_id.id
        )
        # An order nobody is above: the batches go past it.
        stuck = self._submit_on(FRIDAY, buyer=stuck_buyer)
        orders = [self._submit_on(FRIDAY) for _i in range(5)]
        self.assertEqual(self._escalate_on(TUESDAY_LATER, batch_size=2), 5)
        for order in orders:
            self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(stuck.current_approver_id, top.partner_id)

    def test_other_company_keeps_its_own_delay(self):
        other = self.env["res.partner"].create(
            {"name": "Slow Corp", "is_company": True, "approval_escalation_days": 10}
        )
        approver = self._create_sub_account(
            "Sam Slow", company=other, is_order_approver=True
        )
        self._create_sub_account("Ola Owner", company=other, is_customer_admin=True)
        buyer = self._create_sub_account(
            "Sue Slow",
            company=other,
            approval_mode="always",
            next_approver_id=approver.partner_id.id,
        )
        order = self._submit_on(FRIDAY, buyer=buyer)
        self.assertEqual(self._escalate_on(TUESDAY_LATER), 0)
        self.assertEqual(order.current_approver_id, approver.partner_id)

    def test_reminder_still_sent_to_new_approver(self):
        order = self._submit_on(FRIDAY)
        self._escalate_on(TUESDAY_LATER)
        with freeze_time(datetime(2026, 11, 27, 11, 0)):
            self.env["sale.order"]._cron_remind_customer_approvers()
        reminders = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.approver_2.partner_id.id),
            ]
        )
        self.assertEqual(len(reminders), 1)
        self.assertIn(f"/my/approvals/{order.id}", reminders.body_html)
