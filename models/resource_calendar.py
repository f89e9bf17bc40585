# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The working days of a calendar, as the escalation of waiting orders counts
them (sale_order_escalation.py)."""

from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import models

# When the first look back finds too few working days (long holidays, a
# calendar of one day a week), how much further it looks, once.
LOOK_FURTHER_DAYS = 2 * 366


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _customer_approval_working_days(self, first, last):
        """The dates from ``first`` to ``last`` (both included, local dates)
        on which the calendar works: its attendances, less its public holidays
        (leaves without resource, of this calendar or of every calendar of its
        company), in the calendar's time zone.

        :return: set of dates"""
        self.ensure_one()
        zone = timezone(self.tz or "UTC")
        start = zone.localize(datetime.combine(first, time.min))
        end = zone.localize(datetime.combine(last + timedelta(days=1), time.min))
        # Odoo adds: calendar this one or none, no resource.
        holidays = [
            ("time_type", "=", "leave"),
            "|",
            ("calendar_id", "=", self.id),
            ("company_id", "=", self.company_id.id),
        ]
        intervals = self._work_intervals_batch(start, end, domain=holidays, tz=zone)
        return {
            begin.date()
            for begin, _end, _attendance in intervals[False]
            if first <= begin.date() <= last
        }

    def _customer_approval_cutoff(self, days, now):
        """The latest moment an order may have reached its approver to have
        waited ``days`` whole working days of this calendar by ``now``.

        Only the time of working days counts (days off: weekends, holidays,
        days without attendance), each day from midnight to midnight in the
        calendar's time zone. ``now`` on a working day: the same time of day,
        ``days`` working days earlier; on a day off: the start of the
        ``days``-th working day before it.

        :param now: naive UTC datetime
        :return: naive UTC datetime, or False when the calendar has too few
            working days in the past (nothing is due)
        """
        self.ensure_one()
        if days <= 0:
            return now
        zone = timezone(self.tz or "UTC")
        local_now = utc.localize(now).astimezone(zone)
        today = local_now.date()
        span = 7 * (days + 2)
        working = self._customer_approval_working_days(
            today - timedelta(days=span), today
        )
        if len(working - {today}) < days:
            working = self._customer_approval_working_days(
                today - timedelta(days=span + LOOK_FURTHER_DAYS), today
            )
        before = sorted((date for date in working if date < today), reverse=True)
        if len(before) < days:
            return False
        since = local_now.time() if today in working else time.min
        cutoff = zone.localize(datetime.combine(before[days - 1], since))
        return cutoff.astimezone(utc).replace(tzinfo=None)
