# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models
from odoo.fields import Domain


class SaleOrder(models.Model):
    """The spending of a customer company's people (/my/team/statistics)."""

    _inherit = "sale.order"

    @api.model
    def _get_team_spending_timezone(self, tz=None):
        """The time zone in which the dates of the statistics are meant: ``tz``
        (a name) when it is a valid one, else the environment's (the context's,
        else the user's, else UTC)."""
        if tz and tz in pytz.all_timezones_set:
            return pytz.timezone(tz)
        return self.env.tz

    @api.model
    def _get_team_spending_bounds(self, date_from, date_to, tz=None):
        """The UTC datetimes [start, end) of the local days ``date_from`` to
        ``date_to`` (both included) in the time zone ``tz``.

        :return: (start, end), naive UTC datetimes as the ORM stores them
        """
        zone = self._get_team_spending_timezone(tz)

        def to_utc(day):
            local = zone.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return to_utc(date_from), to_utc(date_to + timedelta(days=1))

    @api.model
    def _get_team_spending_domain(self, partners, date_from, date_to, tz=None):
        """Orders of ``partners`` placed between two local dates (both included)
        of the time zone ``tz`` (see _get_team_spending_timezone)."""
        start, end = self._get_team_spending_bounds(date_from, date_to, tz)
        return Domain.AND(
            [
                Domain("partner_id", "in", partners.ids),
                Domain("date_order", ">=", start),
                Domain("date_order", "<", end),
                Domain("state", "!=", "draft"),
            ]
        )

    @api.model
    def _get_team_spending(self, company, date_from, date_to, tz=None):
        """Spending per sub-account of ``company``, in three grouped queries.
        Amounts of different currencies are never added: each person has one
        total per currency of their released (confirmed) orders.

        :return: list of dicts: partner, orders, totals (list of (currency,
            amount), one per currency, by currency name), waiting, rejected;
            the person with the most orders first.
        """
        people = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [("commercial_partner_id", "=", company.id), ("is_company", "=", False)]
            )
        )
        domain = self._get_team_spending_domain(people, date_from, date_to, tz)
        counts = dict(self._read_group(domain, ["partner_id"], ["__count"]))
        totals = {}
        for partner, currency, amount in self._read_group(
            domain & Domain("state", "=", "sale"),
            ["partner_id", "currency_id"],
            ["amount_total:sum"],
            order="currency_id",
        ):
            totals.setdefault(partner, []).append((currency, amount))
        by_state = self._read_group(
            domain & Domain("approval_state", "in", ["waiting", "rejected"]),
            ["partner_id", "approval_state"],
            ["__count"],
        )
        waiting = {p: n for p, state, n in by_state if state == "waiting"}
        rejected = {p: n for p, state, n in by_state if state == "rejected"}
        rows = [
            {
                "partner": partner,
                "orders": counts[partner],
                "totals": totals.get(partner, []),
                "waiting": waiting.get(partner, 0),
                "rejected": rejected.get(partner, 0),
            }
            for partner in people
            if counts.get(partner)
        ]
        return sorted(rows, key=lambda row: (-row["orders"], row["partner"].name))

    @api.model
    def _sum_team_spending(self, rows):
        """The company's line of the statistics: the sums of ``rows`` (see
        _get_team_spending), one total per currency.

        :return: dict: orders, totals (list of (currency, amount)), waiting,
            rejected
        """
        by_currency = {}
        for row in rows:
            for currency, amount in row["totals"]:
                by_currency[currency] = by_currency.get(currency, 0.0) + amount
        return {
            "orders": sum(row["orders"] for row in rows),
            "totals": sorted(by_currency.items(), key=lambda item: item[0].name),
            "waiting": sum(row["waiting"] for row in rows),
            "rejected": sum(row["rejected"] for row in rows),
        }
