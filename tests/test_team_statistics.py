# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime, timedelta
from html import unescape

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import HOST

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestTeamStatistics(HttpCase, CustomerApprovalCase):
    """/my/team/statistics: sums per currency, pages, the admin's own dates."""

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

    def test_amounts_of_two_currencies_are_never_added(self):
        local = self._order(self.free_buyer, 250)
        foreign = self._order(self.free_buyer, 400, pricelist=self.foreign_pricelist)
        (local | foreign).action_confirm()
        self.assertEqual(local.currency_id, self.currency)
        self.assertEqual(foreign.currency_id, self.foreign_currency)
        # Waiting for approval: counted, not released.
        waiting = self._order(self.buyer, 700)
        self._submit(waiting)
        day = local.date_order.date()
        rows = self.SaleOrder._get_team_spending(
            self.customer, day - timedelta(days=1), day + timedelta(days=1)
        )
        by_name = {row["partner"].name: row for row in rows}
        self.assertEqual(
            dict(by_name[self.free_buyer.name]["totals"]),
            {self.currency: 250, self.foreign_currency: 400},
        )
        self.assertEqual(by_name[self.free_buyer.name]["orders"], 2)
        self.assertEqual(by_name[self.buyer.name]["totals"], [])
        self.assertEqual(by_name[self.buyer.name]["waiting"], 1)
        summary = self.SaleOrder._sum_team_spending(rows)
        self.assertEqual(
            dict(summary["totals"]), {self.currency: 250, self.foreign_currency: 400}
        )
        self.assertEqual((summary["orders"], summary["waiting"]), (3, 1))

        page = self._statistics(
            date_from=day - timedelta(days=1), date_to=day + timedelta(days=1)
        ).text
        start = page.index(f"member_id={self.free_buyer.partner_id.id}")
        row = page[start : page.index("</tr>", start)]
        self.assertIn("250.00", row)
        self.assertIn("400.00", row)
        self.assertIn(self.foreign_currency.symbol, row)
        self.assertIn(self.currency.symbol, row)
        self.assertNotIn("650.00", page)  # 250 + 400 of two currencies

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

    def test_dates_are_the_admins_own_days(self):
        # In Auckland (UTC+13 in March), 1 March runs from 28 February 11:00 to
        # 1 March 11:00 UTC.
        early = self._order(self.free_buyer, 100)
        late = self._order(self.free_buyer, 300)
        (early | late).action_confirm()
        early.date_order = datetime(2026, 2, 28, 15, 0)  # 1 March, 04:00 there
        late.date_order = datetime(2026, 3, 1, 12, 0)  # 2 March, 01:00 there
        march_1 = date(2026, 3, 1)
        self.assertEqual(
            self.SaleOrder._get_team_spending_bounds(
                march_1, march_1, "Pacific/Auckland"
            ),
            (datetime(2026, 2, 28, 11, 0), datetime(2026, 3, 1, 11, 0)),
        )
        rows = self.SaleOrder._get_team_spending(
            self.customer, march_1, march_1, "Pacific/Auckland"
        )
        self.assertEqual(rows[0]["totals"], [(self.currency, 100)])

        params = {
            "date_from": "2026-03-01",
            "date_to": "2026-03-01",
            "member_id": self.free_buyer.partner_id.id,
        }
        # The admin's own time zone ...
        self.admin.tz = "Pacific/Auckland"
        page = self._statistics(**params).text
        self.assertIn(f">{early.name}<", page)
        self.assertNotIn(f">{late.name}<", page)
        # ... else the browser's.
        self.admin.tz = False
        self.authenticate(self.admin.login, self.admin.login)
        self.opener.cookies.set("tz", "Pacific/Auckland", domain=HOST, path="/")
        page = self._statistics(login=False, **params).text
        self.assertIn(f">{early.name}<", page)
        self.assertNotIn(f">{late.name}<", page)

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
