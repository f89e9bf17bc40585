# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The working days of escalation are those of a calendar: the customer
company's working hours, else the vendor's, with their public holidays, in
their time zone."""

from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.tests import Form, tagged

from .test_escalation import FRIDAY, EscalationCase

THURSDAY = datetime(2026, 11, 19, 10, 0)


def day(month_day, hour, minute=0):
    """A moment of November 2026 (naive UTC)."""
    return datetime(2026, 11, month_day, hour, minute)


@tagged("post_install", "-at_install")
class TestEscalationCalendar(EscalationCase):
    def _holiday(self, month_day, calendar=None, company=None):
        """A public holiday (no resource) on 2026-11-``month_day``, UTC, of
        ``calendar``, else of every calendar of ``company`` (the vendor's)."""
        leave = (
            self.env["resource.calendar.leaves"]
            .with_company(company or self.env.company)
            .create(
                {
                    "name": "Public holiday",
                    "calendar_id": calendar.id if calendar else False,
                    "date_from": day(month_day, 0),
                    "date_to": day(month_day, 23, 59),
                }
            )
        )
        # Its company is computed from the company of the environment.
        leave.flush_recordset()
        self.assertEqual(leave.company_id, company or self.env.company)
        return leave

    def _escalated_message(self, order):
        return order.approval_history_ids.filtered(
            lambda step: step.decision == "escalated"
        ).comment

    def test_public_holiday_of_the_vendor_delays_by_a_day(self):
        self._holiday(23, calendar=self.vendor_calendar)
        order = self._submit_on(FRIDAY)
        # Friday and Tuesday: not yet two working days (Monday is a holiday).
        self.assertEqual(self._escalate_on(day(24, 11)), 0)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(self._escalate_on(day(25, 11)), 1)
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        # The message still tells the truth.
        self.assertIn("within 2 working days", self._escalated_message(order))
        self.assertIn(
            "within 2 working days", "".join(order.message_ids.mapped("body"))
        )

    def test_holiday_of_the_vendor_company_counts_for_all_its_calendars(self):
        # A holiday of the company (no calendar) counts; one of another company,
        # or of another calendar, does not.
        self._holiday(23)
        other_company = self.env["res.company"].create({"name": "Other vendor"})
        self._holiday(24, company=other_company)
        self._holiday(24, calendar=self._create_calendar("Other", range(5)))
        order = self._submit_on(FRIDAY)
        self.assertEqual(self._escalate_on(day(24, 11)), 0)
        self.assertEqual(self._escalate_on(day(25, 11)), 1)
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)

    def test_customer_four_day_week_wins_over_the_vendor(self):
        self.customer.approval_escalation_days = 1
        self.customer.approval_calendar_id = self._create_calendar(
            "Four days", range(4)
        )
        order = self._submit_on(THURSDAY)
        # The vendor works on Friday; the customer does not.
        self.assertEqual(self._escalate_on(day(20, 11)), 0)
        self.assertEqual(self._escalate_on(day(23, 9)), 0)
        self.assertEqual(self._escalate_on(day(23, 11)), 1)
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)

    def test_customer_sunday_to_thursday_week(self):
        self.customer.approval_escalation_days = 1
        self.customer.approval_calendar_id = self._create_calendar(
            "Sunday to Thursday", (6, 0, 1, 2, 3)
        )
        # A holiday of the vendor's calendar is not the customer's.
        self._holiday(22, calendar=self.vendor_calendar)
        # Submitted on a Friday, a day off: the whole Sunday counts, then
        # the order escalates at midnight (for the vendor: Monday 10:00).
        order = self._submit_on(FRIDAY)
        self.assertEqual(self._escalate_on(day(21, 23)), 0)
        self.assertEqual(self._escalate_on(day(22, 23)), 0)
        self.assertEqual(self._escalate_on(day(23, 0, 30)), 1)
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)

    def test_time_zone_of_the_calendar_decides_the_day(self):
        self.customer.approval_escalation_days = 1
        self.vendor_calendar.tz = "Pacific/Auckland"  # UTC+13 in November
        # Friday 20:00 UTC is Saturday 09:00 in Auckland: a day off, the
        # waiting counts from Monday 00:00 there (Sunday 11:00 UTC).
        saturday_there = self._submit_on(day(20, 20))
        # Sunday 20:00 UTC is Monday 09:00 in Auckland: a working day.
        monday_there = self._submit_on(day(22, 20))
        # Monday 10:30 UTC: Monday 23:30 in Auckland, not a whole day yet.
        self.assertEqual(self._escalate_on(day(23, 10, 30)), 0)
        # Monday 11:30 UTC: Tuesday 00:30 in Auckland, Monday has passed.
        self.assertEqual(self._escalate_on(day(23, 11, 30)), 1)
        self.assertEqual(saturday_there.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(monday_there.current_approver_id, self.approver_1.partner_id)
        # Tuesday 09:00 in Auckland: a working day after Monday 09:00.
        self.assertEqual(self._escalate_on(day(23, 19, 30)), 0)
        self.assertEqual(self._escalate_on(day(23, 20, 30)), 1)
        self.assertEqual(monday_there.current_approver_id, self.approver_2.partner_id)

    def test_order_due_asks_the_same_calendar(self):
        self.customer.approval_calendar_id = self._create_calendar(
            "Four days", range(4)
        )
        order = self._submit_on(THURSDAY)
        self.assertFalse(order._customer_approval_escalation_due(day(24, 9)))
        self.assertTrue(order._customer_approval_escalation_due(day(24, 11)))

    def test_each_calendar_is_read_once_per_run(self):
        four_days = self._create_calendar("Four days", range(4))
        self.customer.approval_calendar_id = four_days
        orders = self._submit_on(THURSDAY) | self._submit_on(THURSDAY)
        for name in ("Beta", "Gamma", "Delta"):
            company = self.env["res.partner"].create(
                {
                    "name": f"{name} Corp",
                    "is_company": True,
                    "approval_escalation_days": 2,
                    # Beta follows the vendor's calendar, the others the same
                    # four-day week.
                    "approval_calendar_id": False if name == "Beta" else four_days.id,
                }
            )
            approver = self._create_sub_account(
                f"{name} Approver", company=company, is_order_approver=True
            )
            self._create_sub_account(
                f"{name} Admin", company=company, is_customer_admin=True
            )
            buyer = self._create_sub_account(
                f"{name} Buyer",
                company=company,
                approval_mode="always",
                next_approver_id=approver.partner_id.id,
            )
            orders |= self._submit_on(THURSDAY, buyer=buyer)
        calendar_class = type(self.env["resource.calendar"])
        with patch.object(
            calendar_class,
            "_work_intervals_batch",
            autospec=True,
            side_effect=calendar_class._work_intervals_batch,
        ) as work_intervals:
            # Tuesday: two working days of both weeks have passed.
            self.assertEqual(self._escalate_on(day(24, 11), batch_size=2), 5)
        self.assertEqual(
            sorted(call.args[0].name for call in work_intervals.call_args_list),
            ["Four days", "Vendor week"],
        )
        self.assertFalse(orders.filtered(lambda order: order.approval_level != 2))

    def test_backoffice_sets_the_working_hours(self):
        four_days = self._create_calendar("Four days", range(4))
        manager = self.env["res.users"].create(
            {
                "name": "Mona Manager",
                "login": "mona.manager@vendor.example",
                "group_ids": [
                    Command.set([self.env.ref("sales_team.group_sale_manager").id])
                ],
            }
        )
        with Form(self.customer.with_user(manager)) as form:
            form.approval_calendar_id = four_days
        self.assertEqual(self.customer.approval_calendar_id, four_days)
