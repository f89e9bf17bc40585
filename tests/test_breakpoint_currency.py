# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Breakpoints carry their currency: it is stored with the amount, whoever
looks, and an order in another currency is compared with the breakpoint
converted into the order's currency at the order's date."""

from odoo import http
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.misc import format_amount

from .common import CustomerApprovalCase


class BreakpointCurrencyCase(CustomerApprovalCase):
    """Rates: 1 unit of the company's currency (USD) = 0.5 EUR = 10 SEK, so
    1 EUR = 20 SEK. Bob Buyer's breakpoint is 500 EUR (10,000 SEK), Alf Lead's
    1,000 EUR (20,000 SEK); Bea Boss keeps 5,000 in the company's currency
    (50,000 SEK)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.env.ref("base.EUR")
        cls.sek = cls.env.ref("base.SEK")
        assert cls.currency not in cls.eur | cls.sek, "the tests assume a third one"
        (cls.eur | cls.sek).active = True
        Rate = cls.env["res.currency.rate"]
        Rate.search(
            [("currency_id", "in", (cls.eur | cls.sek | cls.currency).ids)]
        ).unlink()
        for currency, rate in ((cls.eur, 0.5), (cls.sek, 10.0)):
            Rate.create(
                {
                    "currency_id": currency.id,
                    "name": "2020-01-01",
                    "rate": rate,
                    "company_id": cls.env.company.id,
                }
            )
        cls.sek_pricelist = cls.env["product.pricelist"].create(
            {"name": "Kronor", "currency_id": cls.sek.id}
        )
        cls.buyer.partner_id.approval_currency_id = cls.eur
        cls.approver_1.partner_id.approval_currency_id = cls.eur

    @classmethod
    def _sek_order(cls, buyer, amount):
        order = cls._create_order(buyer, amount)
        order.pricelist_id = cls.sek_pricelist
        order.order_line.price_unit = amount
        assert order.currency_id == cls.sek and order.amount_total == amount
        return order

    def in_sek(self, amount):
        return format_amount(self.env, amount, self.sek)


class TestBreakpointCurrency(BreakpointCurrencyCase):
    def test_currency_is_stored_with_the_breakpoint(self):
        new = self.env["res.partner"].create(
            {
                "name": "Nils New",
                "parent_id": self.customer.id,
                "approval_breakpoint_enabled": True,
                "approval_breakpoint": 100,
            }
        )
        self.assertEqual(new.approval_currency_id, self.currency)
        field = self.env["res.partner"]._fields["approval_currency_id"]
        self.assertTrue(field.store)
        # A person set up in a vendor company of another currency gets its
        # currency.
        swedish = self.env["res.company"].create(
            {"name": "Svensk Leverantör AB", "currency_id": self.sek.id}
        )
        self.env.user.company_ids |= swedish
        other = (
            self.env["res.partner"]
            .with_company(swedish)
            .create(
                {
                    "name": "Sven Svensson",
                    "parent_id": self.customer.id,
                    "approval_breakpoint_enabled": True,
                    "approval_breakpoint": 100,
                }
            )
        )
        self.assertEqual(other.approval_currency_id, self.sek)

    def test_currency_does_not_change_with_the_viewers_company(self):
        swedish = self.env["res.company"].create(
            {"name": "Svensk Leverantör AB", "currency_id": self.sek.id}
        )
        self.env.user.company_ids |= swedish
        buyer = self.buyer.partner_id
        rule = f"Orders above {format_amount(self.env, 500, self.eur)} need approval"
        for company in (self.env.company, swedish):
            with self.subTest(company=company.name):
                self.env.invalidate_all()
                seen = buyer.with_company(company)
                self.assertEqual(seen.approval_currency_id, self.eur)
                self.assertEqual(seen.approval_rule_text, rule)
                order = self._sek_order(self.buyer, 12000).with_company(company)
                self.assertTrue(order._customer_approval_is_above_breakpoint(seen))
                order = self._sek_order(self.buyer, 8000).with_company(company)
                self.assertFalse(order._customer_approval_is_above_breakpoint(seen))

    def test_order_in_another_currency_compared_with_converted_breakpoint(self):
        # 8,000 SEK is 400 EUR: below the 500 EUR of the buyer, though 800 in the
        # company's currency.
        order = self._sek_order(self.buyer, 8000)
        self.assertFalse(order._customer_approval_reasons())
        self.assertFalse(self._submit(order))
        # 12,000 SEK is 600 EUR: above. The sentence says both in kronor.
        order = self._sek_order(self.buyer, 12000)
        self.assertTrue(self._submit(order))
        reason = order.approval_reason_ids
        self.assertEqual(reason.code, "breakpoint")
        self.assertEqual(reason.currency_id, self.sek)
        self.assertEqual(reason.amount, 12000)
        self.assertEqual(reason.threshold, 10000)
        self.assertEqual(
            reason.name,
            f"total {self.in_sek(12000)} is above the breakpoint {self.in_sek(10000)}",
        )

    def test_order_in_the_breakpoints_currency_is_not_converted(self):
        pricelist = self.env["product.pricelist"].create(
            {"name": "Euro", "currency_id": self.eur.id}
        )
        order = self._create_order(self.buyer, 500)
        order.pricelist_id = pricelist
        order.order_line.price_unit = 500
        self.assertFalse(
            order._customer_approval_is_above_breakpoint(self.buyer.partner_id)
        )
        order.order_line.price_unit = 500.01
        self.assertTrue(
            order._customer_approval_is_above_breakpoint(self.buyer.partner_id)
        )

    def test_breakpoint_of_zero_in_any_currency(self):
        self.buyer.partner_id.approval_breakpoint = 0
        order = self._sek_order(self.buyer, 1)
        self.assertEqual(
            [r["code"] for r in order._customer_approval_reasons()], ["breakpoint"]
        )

    def test_approver_releases_up_to_their_converted_breakpoint(self):
        # 15,000 SEK is 750 EUR: within Alf's 1,000 EUR, his approval is final
        # (1,500 in the company's currency would have passed it on).
        order = self._sek_order(self.buyer, 15000)
        self.assertTrue(self._submit(order))
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")

    def test_approver_passes_on_above_their_converted_breakpoint(self):
        # 25,000 SEK is 1,250 EUR: above Alf's breakpoint, passed on to Bea,
        # whose 5,000 in the company's currency (50,000 SEK) release it.
        order = self._sek_order(self.buyer, 25000)
        self.assertTrue(self._submit(order))
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self._approve(order, self.approver_2)
        self.assertEqual(order.approval_state, "approved")


@tagged("post_install", "-at_install")
class TestBreakpointCurrencyPortal(HttpCase, BreakpointCurrencyCase):
    def test_team_page_shows_each_persons_breakpoint_currency(self):
        self.authenticate(self.admin.login, self.admin.login)
        cases = (
            (f"/my/team/{self.buyer.partner_id.id}", self.eur),
            (f"/my/team/{self.approver_2.partner_id.id}", self.currency),
            ("/my/team/new", self.currency),
        )
        for url, currency in cases:
            with self.subTest(url=url):
                page = self.url_open(url).text
                start = page.index("o_team_breakpoint_currency")
                self.assertIn(currency.symbol, page[start : start + 200])
        page = self.url_open("/my/team").text
        start = page.index(f'href="/my/team/{self.approver_1.partner_id.id}"')
        row = page[start : page.index("</tr>", start)]
        self.assertIn(format_amount(self.env, 1000, self.eur), row)

    def test_admin_keeps_the_currency_when_editing_the_amount(self):
        self.authenticate(self.admin.login, self.admin.login)
        buyer = self.buyer.partner_id
        self.url_open(
            "/my/team/save",
            data={
                "csrf_token": self.csrf_token(),
                "member_id": str(buyer.id),
                "name": buyer.name,
                "email": buyer.email,
                "approval_mode": "none",
                "approval_breakpoint_enabled": "on",
                "approval_breakpoint": "700",
                "next_approver_id": str(self.approver_1.partner_id.id),
            },
        )
        self.env.invalidate_all()
        self.assertEqual(buyer.approval_breakpoint, 700)
        self.assertEqual(buyer.approval_currency_id, self.eur)

    def csrf_token(self):
        return http.Request.csrf_token(self)


class TestBreakpointCurrencyBackoffice(BreakpointCurrencyCase):
    def test_vendor_edits_the_currency_in_the_partner_form(self):
        self.env.user.group_ids |= self.env.ref("base.group_multi_currency")
        with Form(self.buyer.partner_id) as form:
            form.approval_currency_id = self.sek
            form.approval_breakpoint = 9000
        self.assertEqual(self.buyer.partner_id.approval_currency_id, self.sek)
        self.assertEqual(self.buyer.partner_id.approval_breakpoint, 9000)
        # 9,500 SEK is above 9,000 SEK.
        order = self._sek_order(self.buyer, 9500)
        self.assertTrue(
            order._customer_approval_is_above_breakpoint(self.buyer.partner_id)
        )
