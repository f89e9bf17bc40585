# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The spending of a customer company: per department and person against their
budgets in the current period, and month by month over the last twelve months.
Shown to customer admins on /my/team/statistics (and exported from there), and
to the vendor on the company's contact form.

One clock, one definition, one conversion, for every figure of the page (both
tabs, the totals, the lists behind a figure, the export) and the budgets:
- days and months are those of the customer company's calendar
  (_get_customer_spending_timezone), whoever asks;
- the orders that spend are customer_budget.spending_sql (as a domain,
  SPENDING_ORDERS_DOMAIN);
- every amount is in the currency of the vendor's company, an order in another
  currency at the rate stored on the order (customer_budget.spending_amount_sql).
The tables of the export are in res_partner_spending_export.py."""

from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.misc import format_date

from .customer_budget import (
    SPENDING_ORDERS_DOMAIN,
    SPENDING_ORDERS_SQL,
    flush_spending,
    period_timezone,
    spending_amount_sql,
)

SPENDING_MONTHS = 12


def local_to_utc(zone, day):
    """Midnight at the start of the local ``day`` of ``zone``, as a naive UTC
    datetime (as the ORM stores datetimes)."""
    local = zone.localize(datetime.combine(day, time.min))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_spending_html = fields.Html(
        string="Spending",
        compute="_compute_customer_spending_html",
        sanitize=False,
        groups="sales_team.group_sale_salesman",
        help="What the company spent in the current period against its budgets, "
        "and in each of the last twelve months.",
    )

    @api.depends_context("lang", "company")
    def _compute_customer_spending_html(self):
        template = "website_sale_customer_approval.customer_spending_summary"
        for partner in self:
            if not (partner.is_company and partner.id):
                partner.customer_spending_html = False
                continue
            overview = partner._get_customer_spending_overview()
            partner.customer_spending_html = self.env["ir.qweb"]._render(
                template, {"overview": overview, "links": False}
            )

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    def _get_customer_spending_timezone(self):
        """The one clock of the statistics: the time zone whose calendar gives
        their days and months, that of the customer company of ``self`` (the
        company or one of its people), else the vendor's, else UTC; never the
        viewer's. The same as the budgets' periods (customer.budget._get_timezone).
        """
        self.ensure_one()
        return period_timezone(self.commercial_partner_id, self.env.company.partner_id)

    def _get_customer_spending_today(self, when=None):
        """The day it is (at ``when``, a naive UTC datetime) in the customer
        company's calendar."""
        zone = self._get_customer_spending_timezone()
        return pytz.utc.localize(when or fields.Datetime.now()).astimezone(zone).date()

    def _get_customer_spending_months(self, when=None, months=SPENDING_MONTHS):
        """The first days of the last ``months`` local months, the oldest first,
        the current one (at ``when``, a naive UTC datetime) last."""
        current = self._get_customer_spending_today(when).replace(day=1)
        return [current - relativedelta(months=n) for n in range(months - 1, -1, -1)]

    def _get_customer_spending_period_domain(self, date_from, date_to):
        """The orders of the customer company of ``self`` with the vendor's
        company, placed from the local day ``date_from`` to ``date_to`` (both
        included) of the company's calendar, whether they spend or not."""
        self.ensure_one()
        company = self.commercial_partner_id
        zone = company._get_customer_spending_timezone()
        return (
            Domain("partner_id.commercial_partner_id", "=", company.id)
            & Domain("company_id", "=", self.env.company.id)
            & Domain("date_order", ">=", local_to_utc(zone, date_from))
            & Domain("date_order", "<", local_to_utc(zone, date_to + timedelta(days=1)))
        )

    # ------------------------------------------------------------------
    # Spending: one aggregated query
    # ------------------------------------------------------------------
    def _read_customer_spending(self, date_from, date_to, per_person=True, people=None):
        """What the people of the company ``self`` spent from the local day
        ``date_from`` to the day before ``date_to``, per local month, department
        and buyer, in the vendor company's currency: one query on the index
        (partner, date) of sale_order.

        :param per_person: False: per month and department only (the buyer id
            of each row is None), as many rows whatever the number of people
        :param people: only the orders of these buyers (res.partner)
        :return: list of (first day of the month, department id or None, buyer
            id, amount, number of orders)
        """
        self.ensure_one()
        zone = self._get_customer_spending_timezone()
        company = self.env.company
        flush_spending(self.env)
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', timezone(%(tz)s, timezone('UTC',
                           so.date_order)))::date,
                       so.customer_department_id,
                       %(buyer)s,
                       SUM(%(amount)s),
                       COUNT(*)
                  FROM sale_order so
                  JOIN res_partner buyer ON buyer.id = so.partner_id
                 WHERE buyer.commercial_partner_id = %(customer)s
                   AND so.company_id = %(company)s
                   AND so.date_order >= %(start)s
                   AND so.date_order < %(end)s
                   AND %(spending)s
                   AND %(people)s
              GROUP BY 1, 2, 3
                """,
                buyer=SQL("so.partner_id") if per_person else SQL("NULL::int"),
                people=(
                    SQL("so.partner_id IN %s", tuple(people.ids) or (None,))
                    if people is not None
                    else SQL("TRUE")
                ),
                tz=zone.zone,
                amount=spending_amount_sql(company.currency_id.id),
                customer=self.id,
                company=company.id,
                start=local_to_utc(zone, date_from),
                end=local_to_utc(zone, date_to),
                spending=SPENDING_ORDERS_SQL,
            )
        )
        return self.env.cr.fetchall()

    def _group_customer_spending_by_month(self, rows, months):
        """The rows of _read_customer_spending as the chart shows them: one
        amount a month for the company, and for each department (orders without
        a department apart, last).

        :return: dict: months (first days), labels, titles (the months in
            words), total, departments (list of dicts: department, label,
            amounts), currency
        """
        currency = self.env.company.currency_id
        index = {month: position for position, month in enumerate(months)}
        total = [0.0] * len(months)
        by_department = {}
        for month, department_id, _partner_id, amount, _count in rows:
            position = index.get(month)
            if position is None or not amount:
                continue
            total[position] += amount
            amounts = by_department.setdefault(department_id, [0.0] * len(months))
            amounts[position] += amount
        departments = self.env["customer.department"].browse(
            [key for key in by_department if key]
        )
        series = [
            {
                "department": department,
                "label": department.name,
                "amounts": [currency.round(a) for a in by_department[department.id]],
            }
            for department in departments.sorted(lambda d: (d.name or "", d.id))
        ]
        if None in by_department:
            series.append(
                {
                    "department": departments.browse(),
                    "label": _("No department") if series else _("Whole company"),
                    "amounts": [currency.round(a) for a in by_department[None]],
                }
            )
        return {
            "months": months,
            "labels": [format_date(self.env, m, date_format="MMM") for m in months],
            "titles": [format_date(self.env, m, date_format="MMMM y") for m in months],
            "total": [currency.round(amount) for amount in total],
            "departments": series,
            "currency": currency,
        }

    def _get_customer_spending_by_month(self, when=None, months=SPENDING_MONTHS):
        """The spending of the company ``self`` in each of the last ``months``
        months (the current one last), for the company and per department, in
        the vendor company's currency. One query.

        :return: see _group_customer_spending_by_month
        """
        self.ensure_one()
        company = self.commercial_partner_id
        first_days = company._get_customer_spending_months(when, months)
        rows = company._read_customer_spending(
            first_days[0], first_days[-1] + relativedelta(months=1)
        )
        return company._group_customer_spending_by_month(rows, first_days)

    @api.model
    def _get_customer_spending_chart(self, by_month):
        """The figures of the chart of /my/team/statistics (see
        static/src/interactions/team_spending_chart.js): the months, one
        series a department, the company's totals, the currency."""
        currency = by_month["currency"]
        return {
            "labels": by_month["labels"],
            "titles": by_month["titles"],
            "datasets": [
                {"label": series["label"], "data": series["amounts"]}
                for series in by_month["departments"]
            ],
            "total": by_month["total"],
            "totalLabel": _("Whole company"),
            "currency": {
                "symbol": currency.symbol,
                "position": currency.position,
                "digits": currency.decimal_places,
            },
        }

    # ------------------------------------------------------------------
    # Departments and people against their budgets
    # ------------------------------------------------------------------
    def _get_customer_spending_overview(self, when=None, people=True):
        """What /my/team/statistics and the contact form show of the company
        ``self``: each department and each person with their budgets in the
        current period (a row per budget; those without budget with what they
        spent this month), and the last twelve months. Four queries, whatever
        the number of orders, people or budgets.

        :param people: False: without the rows of the people (the portal
            shows them a page at a time, see _get_customer_spending_people_page);
            the departments and the company stay whole.

        :return: dict: departments, people (lists of rows, see
            _customer_spending_row), company (the row of the whole company,
            this month), by_month (see _group_customer_spending_by_month),
            currency, timezone (its name)
        """
        self.ensure_one()
        company = self.commercial_partner_id
        months = company._get_customer_spending_months(when)
        month_start = months[-1]
        month_end = month_start + relativedelta(months=1)
        rows = company._read_customer_spending(months[0], month_end, per_person=people)
        by_month = company._group_customer_spending_by_month(rows, months)
        # This month, from the same rows: per department and per person.
        department_spent = {}
        person_spent = {}
        for month, department_id, partner_id, amount, _count in rows:
            if month != month_start or not amount:
                continue
            if department_id:
                department_spent[department_id] = (
                    department_spent.get(department_id, 0.0) + amount
                )
            person_spent[partner_id] = person_spent.get(partner_id, 0.0) + amount
        this_month = (month_start, month_end)
        Budget = self.env["customer.budget"]
        budget_domain = Domain("company_partner_id", "=", company.id) & Domain(
            "company_id", "=", self.env.company.id
        )
        if not people:
            budget_domain &= Domain("department_id", "!=", False)
        budgets = Budget.search(budget_domain)
        spending = budgets._get_spending(when=when)
        departments = self.env["customer.department"].search(
            [("company_partner_id", "=", company.id)]
        ) | budgets.department_id.with_context(active_test=False)
        persons = self.env["res.partner"]
        if people:
            persons = (persons.browse(person_spent) | budgets.partner_id).filtered(
                lambda partner: not partner.is_company
            )
        currency = self.env.company.currency_id
        return {
            "departments": self._customer_spending_rows(
                departments.sorted(lambda d: (d.name or "", d.id)),
                budgets,
                spending,
                department_spent,
                this_month,
                when=when,
            ),
            "people": self._customer_spending_rows(
                persons.sorted(lambda p: (p.name or "", p.id)),
                budgets,
                spending,
                person_spent,
                this_month,
                when=when,
            ),
            "company": self._customer_spending_row(
                company, None, sum(person_spent.values()), this_month
            ),
            "by_month": by_month,
            "currency": currency,
            "timezone": company._get_customer_spending_timezone().zone,
        }

    def _customer_spending_rows(
        self, targets, budgets, spending, spent, this_month, *, when=None
    ):
        """The lines of ``targets`` (departments or people): one a budget of
        theirs among ``budgets`` with what it spent in its period
        (``spending``, see customer.budget._get_spending), else one with what
        they spent this month (``spent``: {id: amount}).

        :param this_month: (first day, first day after), local dates
        """
        budgets_of = {}
        wanted = set(targets.ids)
        for budget in budgets:
            target = budget.department_id or budget.partner_id
            if target.id in wanted:
                budgets_of.setdefault(target, []).append(budget)
        rows = []
        for target in targets:
            own = budgets_of.get(target)
            if not own:
                rows.append(
                    self._customer_spending_row(
                        target, None, spent.get(target.id, 0.0), this_month
                    )
                )
                continue
            rows.extend(
                self._customer_spending_row(
                    target, budget, spending[budget], budget._get_period(when)[:2]
                )
                for budget in own
            )
        return rows

    def _customer_spending_row(self, target, budget, spent, period):
        """One line of the statistics.

        :param target: a customer.department, a person, or the company
        :param budget: the customer.budget of the line, or None
        :param spent: what was spent in the period
        :param period: (first day, first day after), local dates
        :return: dict: target, kind (department, person, company), budget,
            amount (None without budget), spent, left, over, percent (0-100,
            for the bar), period_name, date_from, date_to (the days of the
            period, both included)
        """
        currency = self.env.company.currency_id
        start, end = period
        spent = currency.round(spent or 0.0)
        row = {
            "target": target,
            "kind": (
                "department"
                if target._name == "customer.department"
                else "company"
                if target.is_company
                else "person"
            ),
            "budget": budget,
            "amount": None,
            "spent": spent,
            "left": None,
            "over": False,
            "percent": 0,
            "date_from": start,
            "date_to": end - timedelta(days=1),
        }
        if budget:
            amount = budget.amount
            row.update(
                amount=amount,
                left=max(currency.round(amount - spent), 0.0),
                over=currency.compare_amounts(spent, amount) > 0,
                percent=(
                    min(100, round(100 * spent / amount))
                    if amount
                    else (100 if spent else 0)
                ),
                period_name=budget._get_period_name(start),
            )
        else:
            row["period_name"] = format_date(self.env, start, date_format="MMMM")
        return row

    # ------------------------------------------------------------------
    # Drill-down: the orders behind a figure
    # ------------------------------------------------------------------
    def _get_customer_spending_orders_domain(
        self, date_from, date_to, department=None, person=None
    ):
        """The orders that spend, of the company ``self`` (or of one of its
        departments, or one of its people), placed from the local day
        ``date_from`` to ``date_to`` (both included) of the company's calendar."""
        domain = (
            self._get_customer_spending_period_domain(date_from, date_to)
            & SPENDING_ORDERS_DOMAIN
        )
        if department:
            domain &= Domain("customer_department_id", "=", department.id)
        if person:
            domain &= Domain("partner_id", "=", person.id)
        return domain

    @api.model
    def _get_customer_spending_sum(self, domain):
        """The sum of the orders of ``domain`` in the vendor company's currency
        (each order at its own rate): one query."""
        company = self.env.company
        orders = self.env["sale.order"]
        flush_spending(self.env)
        query = orders._search(Domain(domain) & Domain("company_id", "=", company.id))
        self.env.cr.execute(
            query.select(
                SQL(
                    "SUM(%s)",
                    spending_amount_sql(company.currency_id.id, alias=orders._table),
                )
            )
        )
        return company.currency_id.round(self.env.cr.fetchone()[0] or 0.0)
