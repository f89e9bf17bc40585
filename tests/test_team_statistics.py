# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
import re
from datetime import date, datetime, timedelta
from html import unescape

import pytz

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import HOST
from odoo.tools.misc import format_date

from .common import CustomerApprovalCase, PaymentMixin


@tagged("post_install", "-at_install")
class TestTeamStatistics(HttpCase, PaymentMixin, CustomerApprovalCase):
    """/my/team/statistics: one clock (the customer company's), one
    definition of spent, one conversion of currencies, pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        eur = cls.env.ref("base.EUR")
        cls.foreign_currency = eur if eur != cls.currency else cls.env.ref("base.CHF")
        cls.foreign_currency.active = True
        # Orders in the company's currency and in another one, whatever the
        # default pricelist of the database.
        cls.local_pricelist = cls.env["product.pricelist"].create(
            {"name": "Home prices", "currency_id": cls.currency.id}
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Export prices", "currency_id": cls.foreign_currency.id}
        )
        cls.SaleOrder = cls.env["sale.order"]

    def _order(self, user, amount, pricelist=None):
        values = {
            "partner_id": user.partner_id.id,
            "user_id": self.salesperson.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product.id,
                        "product_uom_qty": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        values["pricelist_id"] = (pricelist or self.local_pricelist).id
        return self.SaleOrder.create(values)

    def _statistics(self, login=True, **params):
        if login:
            self.authenticate(self.admin.login, self.admin.login)
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self.url_open(f"/my/team/statistics?{query}")

    def _rate(self, rate):
        """From today, ``rate`` of the other currency for 1 of the company's."""
        today = fields.Date.today()
        self.env["res.currency.rate"].search(
            [
                ("currency_id", "=", self.foreign_currency.id),
                ("name", "=", today),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        ).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": self.foreign_currency.id,
                "name": today,
                "rate": rate * self.currency.rate,
                "company_id": self.env.company.id,
            }
        )

    def _this_month(self):
        """The first day of this month and today, in the customer company's
        calendar."""
        zone = self.customer._get_customer_spending_timezone()
        today = datetime.now(pytz.utc).astimezone(zone).date()
        return today.replace(day=1), today

    def test_every_figure_converts_at_the_orders_own_rate(self):
        # 2 of the other currency for 1 of the company's: 400 of it count 200.
        self._rate(2.0)
        local = self._order(self.free_buyer, 250)
        foreign = self._order(self.free_buyer, 400, pricelist=self.foreign_pricelist)
        (local | foreign).action_confirm()
        self.assertEqual(foreign.currency_id, self.foreign_currency)
        self.assertAlmostEqual(foreign.currency_rate, 2.0)
        budget = self.env["customer.budget"].create(
            {"partner_id": self.free_buyer.partner_id.id, "amount": 1000}
        )
        first, today = self._this_month()
        fay = self.free_buyer.partner_id

        # Tab "Orders per person": one amount, in the company's currency.
        rows = self.SaleOrder._get_team_spending(self.customer, first, today)
        by_partner = {row["partner"]: row for row in rows}
        self.assertEqual(by_partner[fay]["spent"], 450.0)
        self.assertEqual(by_partner[fay]["orders"], 2)
        self.assertEqual(self.SaleOrder._sum_team_spending(rows)["spent"], 450.0)
        # Tab "Spending": the person, the company, the month, the budget.
        overview = self.customer._get_customer_spending_overview()
        person = next(row for row in overview["people"] if row["target"] == fay)
        self.assertEqual(person["spent"], 450.0)
        self.assertEqual(person["budget"], budget)
        self.assertEqual(overview["company"]["spent"], 450.0)
        self.assertEqual(overview["by_month"]["total"][-1], 450.0)
        self.assertEqual(budget._get_spending()[budget], 450.0)
        # The orders behind the figure, and the export.
        domain = self.customer._get_customer_spending_orders_domain(
            first, today, person=fay
        )
        self.assertEqual(self.SaleOrder.search(domain), local | foreign)
        self.assertEqual(self.customer._get_customer_spending_sum(domain), 450.0)
        budgets, months = self.customer._get_customer_spending_tables(overview)
        self.assertEqual(
            next(row for row in budgets[2] if row[1] == fay.name)[5], 450.0
        )
        self.assertEqual(months[2][-1][-1], 450.0)

        # The pages say the same.
        page = self._statistics(view="people", date_from=first, date_to=today).text
        start = page.index(f"member_id={fay.id}")
        row = page[start : page.index("</tr>", start)]
        self.assertIn("450.00", row)
        self.assertNotIn("400.00", row)
        self.assertIn(self.currency.symbol, row)
        self.assertNotIn(self.foreign_currency.symbol, row)
        detail = self.url_open(
            f"/my/team/statistics/orders?person_id={fay.id}"
            f"&date_from={first}&date_to={today}"
        ).text
        summary = detail[detail.index("o_customer_spending_orders_summary") :]
        self.assertIn("450.00", summary[: summary.index("</p>")])
        lines = list(
            csv.reader(
                io.StringIO(
                    self.url_open(
                        "/my/team/statistics/export?format=csv"
                    ).content.decode("utf-8-sig")
                )
            )
        )
        fay_line = next(line for line in lines if line[1:2] == [fay.name])
        self.assertEqual(float(fay_line[5]), 450)

    def test_spent_means_the_same_everywhere(self):
        released = self._order(self.free_buyer, 100)
        released.action_confirm()
        # A cart being paid (its transaction pending) spends, as budgets count it.
        self._setup_payment()
        paying = self._order(self.free_buyer, 80)
        self._pay(paying)._set_pending()
        self.assertEqual(paying.state, "draft")
        self._order(self.free_buyer, 5000)  # a cart: spends nothing
        waiting = self._order(self.buyer, 700)
        self._submit(waiting)
        rejected = self._order(self.buyer, 600)
        self._submit(rejected)
        rejected.with_user(self.approver_1).action_customer_reject("No")
        first, today = self._this_month()
        fay, bob = self.free_buyer.partner_id, self.buyer.partner_id

        rows = self.SaleOrder._get_team_spending(self.customer, first, today)
        by_partner = {row["partner"]: row for row in rows}
        self.assertEqual(
            (by_partner[fay]["orders"], by_partner[fay]["spent"]), (2, 180.0)
        )
        self.assertEqual(
            (by_partner[bob]["orders"], by_partner[bob]["spent"]), (1, 700.0)
        )
        self.assertEqual(
            (by_partner[bob]["waiting"], by_partner[bob]["rejected"]), (1, 1)
        )
        self.assertEqual(self.SaleOrder._sum_team_spending(rows)["spent"], 880.0)
        overview = self.customer._get_customer_spending_overview()
        spent = {row["target"]: row["spent"] for row in overview["people"]}
        self.assertEqual((spent[fay], spent[bob]), (180.0, 700.0))
        self.assertEqual(overview["company"]["spent"], 880.0)
        self.assertEqual(overview["by_month"]["total"][-1], 880.0)
        # The orders behind a figure are the orders of the figure, in both tabs.
        for admin_domain in (
            self.customer._get_customer_spending_orders_domain(
                first, today, person=fay
            ),
            self.admin.partner_id._get_team_person_orders_domain(fay, first, today),
        ):
            self.assertEqual(self.SaleOrder.search(admin_domain), released | paying)
        for admin_domain in (
            self.customer._get_customer_spending_orders_domain(
                first, today, person=bob
            ),
            self.admin.partner_id._get_team_person_orders_domain(bob, first, today),
        ):
            self.assertEqual(self.SaleOrder.search(admin_domain), waiting)
        # The budget counts the same, and its list in the backoffice shows the
        # same orders, also to a salesperson who may not read transactions.
        budget = self.env["customer.budget"].create(
            {"partner_id": fay.id, "amount": 1000}
        )
        self.assertEqual(budget._get_spending()[budget], 180.0)
        action = budget.with_user(self.salesperson).action_view_orders()
        self.assertEqual(
            self.SaleOrder.with_user(self.salesperson).search(action["domain"]),
            released | paying,
        )
        # Both tabs say in one sentence what counts.
        for view in ("budgets", "people"):
            page = self._statistics(view=view, date_from=first, date_to=today).text
            page = " ".join(page.split())
            self.assertIn("o_customer_spending_note", page, view)
            self.assertIn("being paid", page, view)
            self.assertNotIn("never added up", page, view)

    def test_pager_links_work(self):
        orders = self.SaleOrder.browse()
        for amount in range(1, 23):  # more than one page of 20
            orders |= self._order(self.free_buyer, amount)
        orders.action_confirm()
        day = orders[0].date_order.date()
        first = self._statistics(
            date_from=day - timedelta(days=1),
            date_to=day + timedelta(days=1),
            member_id=self.free_buyer.partner_id.id,
        )
        self.assertEqual(first.status_code, 200)
        link = re.search(r'href="(/my/team/statistics/page/2\?[^"]*)"', first.text)
        self.assertTrue(link, "no link to the second page")
        second = self.url_open(unescape(link.group(1)))
        self.assertEqual(second.status_code, 200)
        # The oldest orders are on the second page, and only there.
        for order in orders[:2]:
            self.assertIn(f">{order.name}<", second.text)
            self.assertNotIn(f">{order.name}<", first.text)
        self.assertIn(f">{orders[-1].name}<", first.text)
        # The page as a query argument gives the same page.
        third = self.url_open(unescape(link.group(1)).replace("/page/2?", "?page=2&"))
        self.assertIn(f">{orders[0].name}<", third.text)

    def test_days_are_the_customer_companys_whoever_asks(self):
        # The company in Auckland (UTC+13 in March), its admin in Los Angeles
        # (UTC-8): 1 March in Auckland runs from 28 February 11:00 to 1 March
        # 11:00 UTC.
        self.customer.tz = "Pacific/Auckland"
        self.admin.tz = "America/Los_Angeles"
        early = self._order(self.free_buyer, 100)
        late = self._order(self.free_buyer, 300)
        (early | late).action_confirm()
        # 1 March, 04:00 in Auckland; 28 February, 07:00 in Los Angeles.
        early.date_order = datetime(2026, 2, 28, 15, 0)
        # 2 March, 01:00 in Auckland; 1 March, 04:00 in Los Angeles.
        late.date_order = datetime(2026, 3, 1, 12, 0)
        march_1 = date(2026, 3, 1)
        fay = self.free_buyer.partner_id

        # Whoever asks, in whatever time zone: the company's days.
        for viewer_tz in ("America/Los_Angeles", "UTC", "Asia/Tokyo", False):
            with self.subTest(viewer_tz=viewer_tz):
                env = self.env(context=dict(self.env.context, tz=viewer_tz))
                for partner in (self.customer, fay, self.admin.partner_id):
                    self.assertEqual(
                        partner.with_env(env)._get_customer_spending_timezone().zone,
                        "Pacific/Auckland",
                    )
                rows = self.SaleOrder.with_env(env)._get_team_spending(
                    self.customer, march_1, march_1
                )
                self.assertEqual(
                    [(row["partner"], row["spent"]) for row in rows], [(fay, 100)]
                )
                domain = self.customer.with_env(
                    env
                )._get_customer_spending_orders_domain(march_1, march_1)
                self.assertEqual(self.SaleOrder.search(domain), early)
                domain = self.admin.partner_id.with_env(
                    env
                )._get_team_person_orders_domain(fay, march_1, march_1)
                self.assertEqual(self.SaleOrder.search(domain), early)

        # Both tabs, for the admin whose user and browser are in Los Angeles.
        self.authenticate(self.admin.login, self.admin.login)
        self.opener.cookies.set("tz", "America/Los_Angeles", domain=HOST, path="/")
        shown_day = format_date(self.env, march_1)
        for url in (
            "/my/team/statistics?date_from=2026-03-01&date_to=2026-03-01"
            f"&member_id={fay.id}",
            "/my/team/statistics/orders?date_from=2026-03-01&date_to=2026-03-01"
            f"&person_id={fay.id}",
        ):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertIn(f">{early.name}<", page)
                self.assertNotIn(f">{late.name}<", page)
                # The order's day is shown in the company's calendar too.
                start = page.index(f">{early.name}<")
                self.assertIn(shown_day, page[start : page.index("</tr>", start)])
                self.assertIn("Pacific/Auckland", page)
                self.assertNotIn("America/Los_Angeles", page)

    def test_counts_read_right_whatever_the_number(self):
        waiting = self._order(self.buyer, 700)
        self._submit(waiting)
        # Above Bea Boss's own breakpoint: her order waits for Carl Chief.
        self._submit(self._order(self.approver_2, 6000))
        released = self._order(self.free_buyer, 100) | self._order(self.free_buyer, 50)
        released.action_confirm()
        day = waiting.date_order.date()
        period = {
            "date_from": day - timedelta(days=1),
            "date_to": day + timedelta(days=1),
        }

        page = self._statistics(member_id=self.buyer.partner_id.id, **period).text
        start = page.index(f'data-member-id="{self.buyer.partner_id.id}"')
        row = page[start : page.index("</tr>", start)]
        # "Label: N": no noun to agree with the number, in any language
        self.assertIn("Waiting for approval: 1", row)
        total = page[page.index("o_team_statistics_total") :]
        self.assertIn("Waiting for approval: 2", total)
        self.assertIn("Orders in this period: 1", page)
        self.assertNotIn("1 orders", page)

        page = self._statistics(
            login=False, member_id=self.free_buyer.partner_id.id, **period
        ).text
        self.assertIn("Orders in this period: 2", page)
        self.assertNotIn("1 orders", page)

    def test_order_amounts_carry_their_currency(self):
        foreign = self._order(self.free_buyer, 400, pricelist=self.foreign_pricelist)
        foreign.action_confirm()
        day = foreign.date_order.date()
        page = self._statistics(
            date_from=day - timedelta(days=1),
            date_to=day + timedelta(days=1),
            member_id=self.free_buyer.partner_id.id,
        ).text
        start = page.index(f">{foreign.name}<")
        row = page[start : page.index("</tr>", start)]
        self.assertIn(self.foreign_currency.symbol, row)
        self.assertIn("400.00", row)
