# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import re
from datetime import date, datetime
from html import unescape

from odoo import fields
from odoo.tests import tagged
from odoo.tools.misc import format_date

from .common_spending import TeamSpendingCase
from .markers import tour


@tagged("post_install", "-at_install")
class TestTeamSpendingBudgets(TeamSpendingCase):
    """/my/team/statistics, tab "Budgets and spending": departments and people
    against their budgets, the last 12 months, the orders behind a figure; the
    same figures on the company's contact form (the export:
    test_team_spending_export.py)."""

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def test_figures_count_what_spends(self):
        orders = self._some_orders()
        foreign = orders["foreign"]
        self.assertEqual(foreign.currency_id, self.foreign)
        self.assertAlmostEqual(foreign.currency_rate, 2.0)
        self.assertEqual(orders["withdrawn"].approval_state, "withdrawn")
        self.assertEqual(orders["rejected"].approval_state, "rejected")
        overview = self._overview()
        # Fay: 300 released + 400 of the other currency at 2 = 200.
        fay = self._row(overview["people"], self.free_buyer.partner_id)
        self.assertEqual(fay["spent"], 500.0)
        self.assertEqual((fay["amount"], fay["left"]), (2000, 1500.0))
        self.assertEqual(fay["percent"], 25)
        self.assertEqual(fay["budget"], self.fay_budget)
        # Bob: only the waiting order; no budget of his own.
        bob = self._row(overview["people"], self.buyer.partner_id)
        self.assertEqual(bob["spent"], 700.0)
        self.assertFalse(bob["budget"])
        self.assertIsNone(bob["amount"])
        # Logistics: Fay and Bob, above its budget of 1,000.
        logistics = self._row(overview["departments"], self.logistics)
        self.assertEqual(logistics["spent"], 1200.0)
        self.assertEqual(logistics["left"], 0.0)
        self.assertTrue(logistics["over"])
        self.assertEqual(logistics["percent"], 100)
        # The budgets count the same.
        self.assertEqual(
            (self.logistics_budget.spent, self.fay_budget.spent), (1200.0, 500.0)
        )
        # Sales has no budget and still shows its spending of the month.
        sales = self._row(overview["departments"], self.sales)
        self.assertEqual((sales["spent"], sales["amount"]), (120.0, None))
        today = fields.Date.context_today(self.customer)
        self.assertEqual(
            sales["period_name"], format_date(self.env, today, date_format="MMMM")
        )
        self.assertEqual(overview["company"]["spent"], 1320.0)
        # Nobody of another company; the last month of the chart is this one.
        people = [row["target"] for row in overview["people"]]
        self.assertNotIn(self.stranger_admin.partner_id, people)
        self.assertEqual(overview["by_month"]["total"][-1], 1320.0)
        series = {
            s["label"]: s["amounts"][-1] for s in overview["by_month"]["departments"]
        }
        self.assertEqual(series, {"Logistics": 1200.0, "Sales": 120.0})
        # The vendor sees the same on the company's contact form.
        html = str(self.customer.customer_spending_html)
        self.assertIn("Logistics", html)
        self.assertIn("1,200.00", html)
        self.assertIn("1,320.00", html)
        self.assertNotIn("Globex", html)
        self.assertFalse(self.buyer.partner_id.customer_spending_html)
        by_month = self.customer._get_customer_spending_by_month()
        self.assertEqual(by_month["total"], overview["by_month"]["total"])

    def test_months_in_the_company_time_zone(self):
        # Auckland is at UTC+13 in summer (until 6 April 2025 and from 28
        # September 2025), UTC+12 in winter.
        self.customer.tz = "Pacific/Auckland"
        when = datetime(2026, 3, 15, 0, 0)
        dates = {
            # 1 February, 01:00 in Auckland: February
            "feb_first": (datetime(2026, 1, 31, 12, 0), 100),
            # 31 January, 23:00 in Auckland: January
            "jan_last": (datetime(2026, 1, 31, 10, 0), 10),
            # 1 April 2025, 01:00: the first month of the twelve
            "first_month": (datetime(2025, 3, 31, 12, 0), 1000),
            # 31 March 2025, 23:00: before the twelve months
            "too_old": (datetime(2025, 3, 31, 10, 0), 5000),
        }
        orders = {}
        for key, (when_placed, amount) in dates.items():
            orders[key] = self._order(self.buyer.partner_id, amount)
            orders[key].action_confirm()
            orders[key].date_order = when_placed
        by_month = self.customer._get_customer_spending_by_month(when=when)
        self.assertEqual(by_month["months"][0], date(2025, 4, 1))
        self.assertEqual(by_month["months"][-1], date(2026, 3, 1))
        total = dict(zip(by_month["months"], by_month["total"], strict=True))
        self.assertEqual(total[date(2026, 2, 1)], 100)
        self.assertEqual(total[date(2026, 1, 1)], 10)
        self.assertEqual(total[date(2025, 4, 1)], 1000)
        self.assertEqual(sum(by_month["total"]), 1110)
        # The budget's month is the same calendar.
        self.assertEqual(
            self.logistics_budget._get_spending(when=datetime(2026, 2, 10))[
                self.logistics_budget
            ],
            100,
        )
        overview = self._overview(when=datetime(2026, 2, 10))
        self.assertEqual(
            self._row(overview["departments"], self.logistics)["spent"], 100
        )
        # The drill-down of February holds the order of 1 February only.
        domain = self.customer._get_customer_spending_orders_domain(
            date(2026, 2, 1), date(2026, 2, 28), department=self.logistics
        )
        found = self.env["sale.order"].search(domain)
        self.assertEqual(found, orders["feb_first"])

    # ------------------------------------------------------------------
    # The page
    # ------------------------------------------------------------------
    def test_page_shows_budgets_and_chart(self):
        self._some_orders()
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/my/team/statistics")
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn("o_customer_spending_table", text)
        self.assertIn("Over budget", text)
        footer = text[text.index("<tfoot") : text.index("</tfoot>")]
        self.assertIn("Whole company", footer)
        self.assertIn("1,320.00", footer)
        self.assertNotIn("Globex", text)
        chart = re.search(r'data-chart="([^"]*)"', text)
        self.assertTrue(chart, "no chart data")
        data = json.loads(unescape(chart.group(1)))
        self.assertEqual(len(data["labels"]), 12)
        self.assertEqual(
            {d["label"]: d["data"][-1] for d in data["datasets"]},
            {"Logistics": 1200.0, "Sales": 120.0},
        )
        self.assertEqual(data["total"][-1], 1320.0)
        # The other tab: the spending per person over a date range.
        people = self.url_open("/my/team/statistics?view=people").text
        self.assertIn("o_team_statistics_total", people)
        self.assertNotIn("o_customer_spending_table", people)

    def test_query_count_of_the_page_is_bounded(self):
        def count_queries():
            """The queries of the page (caches warm) and of its figures."""
            self.url_open("/my/team/statistics")
            before = self.cr.sql_log_count
            response = self.url_open("/my/team/statistics")
            self.assertEqual(response.status_code, 200)
            page = self.cr.sql_log_count - before
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._overview()
            return page, self.cr.sql_log_count - before

        def add_people(number):
            for n in range(number):
                person = self.env["res.partner"].create(
                    {
                        "name": f"Person {len(self.people) + 1:03d}",
                        "parent_id": self.customer.id,
                        "customer_department_id": (
                            self.logistics if n % 2 else self.sales
                        ).id,
                    }
                )
                self.people.append(person)
                self.env["customer.budget"].create(
                    {"partner_id": person.id, "amount": 500, "period": "month"}
                )
                self._order(person, 10 + n).action_confirm()

        self.people = []
        add_people(3)
        self.authenticate(self.admin.login, self.admin.login)
        few = count_queries()
        add_people(27)
        many = count_queries()
        page = self.url_open("/my/team/statistics").text
        self.assertIn("Person 030", page)
        # Measured: 19 for the page (session, layout and figures), 12 for the
        # figures (one aggregated query of the 12 months, one of the budgets'
        # spending, the searches and reads of budgets, departments, people).
        self.assertEqual(few, many, "queries for 3 and for 30 people and orders")
        self.assertLessEqual(many[1], 12)

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------
    def test_drill_down_shows_the_right_orders(self):
        orders = self._some_orders()
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/my/team/statistics").text
        link = re.search(
            r'href="(/my/team/statistics/orders\?[^"]*department_id=%d[^"]*)"'
            % self.logistics.id,
            page,
        )
        self.assertTrue(link, "no link to the orders of Logistics")
        detail = self.url_open(unescape(link.group(1)))
        self.assertEqual(detail.status_code, 200)
        shown = {
            key for key, order in orders.items() if f">{order.name}<" in detail.text
        }
        self.assertEqual(shown, {"released", "foreign", "waiting"})
        self.assertIn("1,200.00", detail.text)  # what they spent, converted
        # One person, one period.
        today = fields.Date.context_today(self.customer)
        first = today.replace(day=1)
        detail = self.url_open(
            "/my/team/statistics/orders?person_id=%d&date_from=%s&date_to=%s"
            % (self.buyer.partner_id.id, first, today)
        ).text
        shown = {key for key, order in orders.items() if f">{order.name}<" in detail}
        self.assertEqual(shown, {"waiting"})
        # Another company's department or person: not found.
        for url in (
            f"/my/team/statistics/orders?department_id={self.stranger_department.id}",
            f"/my/team/statistics/orders?person_id={self.stranger_admin.partner_id.id}",
            "/my/team/statistics/orders?department_id=abc",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # Paginated.
        many = self.env["sale.order"]
        for amount in range(1, 23):
            many |= self._order(self.approver_1.partner_id, amount)
        many.action_confirm()
        first_page = self.url_open(
            f"/my/team/statistics/orders?department_id={self.sales.id}"
        ).text
        link = re.search(
            r'href="(/my/team/statistics/orders/page/2\?[^"]*)"', first_page
        )
        self.assertTrue(link, "no link to the second page")
        second_page = self.url_open(unescape(link.group(1))).text
        names = [o.name for o in many | orders["sales"]]
        on_first = {n for n in names if f">{n}<" in first_page}
        on_second = {n for n in names if f">{n}<" in second_page}
        self.assertEqual(len(on_first), 20)
        self.assertEqual(len(on_second), 3)
        self.assertFalse(on_first & on_second)

    @tour
    def test_chart_is_drawn(self):
        self._some_orders()
        self.start_tour(
            "/my/team/statistics",
            "customer_approval_team_spending_chart",
            login=self.admin.login,
        )
