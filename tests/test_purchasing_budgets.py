# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budgets: what spends, their sentences and codes, their periods (in the
customer's time zone) and currencies."""

from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time
from odoo.tools import mute_logger

from .common_purchasing import PurchasingCase


class TestBudgets(PurchasingCase):
    def test_department_budget_sentence_and_code(self):
        self._budget(1000)
        self._spent(self.free_buyer, 700)
        first = self._create_order(self.lena, 300)
        self.assertFalse(self.codes(first), "exactly what is left")
        order = self._create_order(self.lena, 400)
        sentence = (
            f"budget of Logistics for December: {self.money(300)} left, "
            f"order {self.money(400)}"
        )
        self.assertEqual(self.sentences(order), [sentence])
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_reason_ids.name, sentence)
        self.assertEqual(order.approval_reason_ids.period_start, date(2026, 12, 1))
        self.assertEqual(order.customer_department_id, self.logistics)
        self.assertEqual(order.customer_department_code, "LOG")

    def test_department_and_person_budgets_both_apply(self):
        department = self._budget(1000)
        person = self._budget(
            200, department_id=False, partner_id=self.lena.partner_id.id
        )
        self._spent(self.free_buyer, 500)  # the department's, not Lena's
        self._spent(self.lena, 100)  # both
        order = self._create_order(self.lena, 450)
        self.assertEqual(
            self.sentences(order),
            [
                f"budget of Logistics for December: {self.money(400)} left, "
                f"order {self.money(450)}",
                f"budget of Lena Log for December: {self.money(100)} left, "
                f"order {self.money(450)}",
            ],
        )
        self.assertEqual(department.spent, 600)
        self.assertEqual(department.remaining, 400)
        self.assertEqual(person.spent, 100)
        self.assertEqual(person.period_name, "December")
        # Only the person's budget is exceeded.
        self.assertEqual(
            [
                r["budget_id"]
                for r in self._create_order(self.lena, 150)._customer_approval_reasons()
            ],
            person.ids,
        )

    def test_budget_refuses(self):
        self._budget(1000, exceeded_action="refuse")
        self._spent(self.free_buyer, 900)
        order = self._create_order(self.lena, 400)
        self.assertFalse(self.codes(order))
        sentence = (
            f"budget of Logistics for December: {self.money(100)} left, "
            f"order {self.money(400)}"
        )
        self.assertEqual(
            order._customer_purchasing_refusal(),
            f"Order {order.name} cannot be placed: {sentence}.",
        )
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            self._submit(order)
        # Nothing is left at all: "0.00 left".
        self._spent(self.free_buyer, 300)
        self.assertIn(
            f"{self.money(0)} left",
            self._create_order(self.lena, 10)._customer_purchasing_refusal(),
        )

    def test_what_spends(self):
        budget = self._budget(10000)
        # spend: released, waiting, approved and awaiting payment
        self._spent(self.lena, 100)
        waiting = self._create_order(self.buyer, 800)
        self.buyer.partner_id.customer_department_id = self.logistics
        self._submit(waiting)
        self.assertEqual(waiting.approval_state, "waiting")
        awaiting_payment = self._create_order(self.lena, 30)
        awaiting_payment.write({"state": "sent", "approval_state": "approved"})
        self.assertEqual(budget.spent, 930)
        # do not spend: rejected, withdrawn, cancelled, drafts, an approved order
        # the vendor cancelled and set back to quotation
        rejected = self._create_order(self.buyer, 600)
        self._submit(rejected)
        rejected.with_user(self.approver_1).action_customer_reject("No")
        withdrawn = self._create_order(self.buyer, 600)
        self._submit(withdrawn)
        withdrawn.with_user(self.buyer).action_withdraw_customer_approval()
        cancelled = self._create_order(self.buyer, 600)
        self._submit(cancelled)
        cancelled.with_user(self.salesperson)._action_cancel()
        self.assertEqual(cancelled.approval_state, "cancelled")
        self._create_order(self.lena, 600)
        reopened = self._spent(self.lena, 600)
        reopened.write({"approval_state": "approved"})
        reopened._action_cancel()
        reopened.action_draft()
        another_vendor = self.env["res.company"].create({"name": "Other vendor"})
        self.env["sale.order"].with_company(another_vendor).create(
            {
                "partner_id": self.lena.partner_id.id,
                "company_id": another_vendor.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "price_unit": 600,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        ).action_confirm()
        budget.invalidate_recordset()
        self.assertEqual(budget.spent, 930)
        self.assertEqual(budget.remaining, 9070)
        # The drill-down shows the same orders.
        action = budget.action_view_orders()
        orders = self.env["sale.order"].search(action["domain"])
        self.assertEqual(sum(orders.mapped("amount_total")), 930)
        self.assertIn(waiting, orders)

    def test_budget_submitted_again_is_not_counted_against_itself(self):
        self._budget(1000)
        order = self._create_order(self.lena, 1200)
        sentence = (
            f"budget of Logistics for December: {self.money(1000)} left, "
            f"order {self.money(1200)}"
        )
        self.assertEqual(self.sentences(order), [sentence])
        self._submit(order)
        order.with_user(self.approver_1).action_customer_reject("Too much")
        order.action_draft()
        self.assertEqual(self.sentences(order), [sentence])
        self._submit(order)
        self.assertEqual(order.approval_reason_ids.name, sentence)

    def test_other_currency_converted(self):
        company_currency = self.currency
        other = self.env.ref(
            "base.USD" if company_currency.name == "EUR" else "base.EUR"
        )
        other.active = True
        self.env["res.currency.rate"].search(
            [("currency_id", "in", (other | company_currency).ids)]
        ).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": other.id,
                "name": "2026-12-01",
                "rate": 2.0,
                "company_id": self.env.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": other.id}
        )

        def foreign_order(amount):
            order = self._create_order(self.lena, amount)
            order.pricelist_id = pricelist
            order.order_line.price_unit = amount
            self.assertEqual(order.currency_id, other)
            return order

        self._budget(1000)
        foreign_order(600).action_confirm()  # 300.00 in the company's currency
        order = foreign_order(1600)  # 800.00
        self.assertEqual(
            self.sentences(order),
            [
                f"budget of Logistics for December: {self.money(700)} left, "
                f"order {self.money(800)}"
            ],
        )

    @mute_logger("odoo.sql_db")
    def test_budget_constraints(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["customer.budget"].create(
                {"amount": 10, "department_id": False, "partner_id": False}
            )
        with self.assertRaises(ValidationError):
            self.env["customer.budget"].create(
                {"amount": 10, "department_id": False, "partner_id": self.customer.id}
            )

    def test_archived_budget_and_department_do_not_apply(self):
        budget = self._budget(100)
        self.assertEqual(self.codes(self._create_order(self.lena, 400)), ["budget"])
        budget.active = False
        self.assertFalse(self.codes(self._create_order(self.lena, 400)))
        budget.active = True
        self.logistics.active = False
        self.assertFalse(self.codes(self._create_order(self.lena, 400)))


class TestPeriods(PurchasingCase):
    """Periods follow the calendar of the customer company's time zone."""

    def test_month_starts_at_local_midnight(self):
        budget = self._budget(1000)
        # 2026-12-01 00:30 in Stockholm
        with freeze_time("2026-11-30 23:30:00"):
            start, end, utc_start, utc_end = budget._get_period()
            self.assertEqual((start, end), (date(2026, 12, 1), date(2027, 1, 1)))
            self.assertEqual(utc_start, datetime(2026, 11, 30, 23, 0))
            self.assertEqual(utc_end, datetime(2026, 12, 31, 23, 0))
            self._spent(self.lena, 300, when=datetime(2026, 11, 30, 22, 50))  # Nov
            self._spent(self.lena, 200, when=datetime(2026, 11, 30, 23, 10))  # Dec
            budget.invalidate_recordset()
            self.assertEqual(budget.spent, 200)
            self.assertEqual(budget.period_name, "December")
            order = self._create_order(self.lena, 900)
            self.assertEqual(
                self.sentences(order),
                [
                    f"budget of Logistics for December: {self.money(800)} left, "
                    f"order {self.money(900)}"
                ],
            )
        # In UTC it would still be November.
        self.customer.tz = "UTC"
        with freeze_time("2026-11-30 23:30:00"):
            self.assertEqual(budget._get_period()[0], date(2026, 11, 1))
            budget.invalidate_recordset()
            self.assertEqual(budget.spent, 500)
            self.assertEqual(budget.period_name, "November")

    def test_quarter_and_year_boundaries(self):
        self.customer.tz = "Pacific/Auckland"  # UTC+13 in summer
        quarter = self._budget(1000, period="quarter")
        year = self._budget(5000, period="year")
        rule = self._rule("order_count", max_orders=1, period="quarter")
        # 2027-01-01 00:30 in Auckland
        with freeze_time("2026-12-31 11:30:00"):
            self.assertEqual(quarter._get_period()[2], datetime(2026, 12, 31, 11, 0))
            self.assertEqual(quarter.period_name, "Q1 2027")
            self.assertEqual(year.period_name, "2027")
            self._spent(self.lena, 300, when=datetime(2026, 12, 31, 10, 30))
            self.assertFalse(
                self.codes(self._create_order(self.lena, 50)),
                "the order of New Year's Eve is of the last quarter",
            )
            self._spent(self.lena, 200, when=datetime(2026, 12, 31, 11, 10))
            (quarter | year).invalidate_recordset()
            self.assertEqual((quarter.spent, year.spent), (200, 200))
            order = self._create_order(self.lena, 900)
            self.assertEqual(
                self.sentences(order),
                [
                    "order 2 of Lena Log in Q1 2027: 1 allowed",
                    f"budget of Logistics for Q1 2027: {self.money(800)} left, "
                    f"order {self.money(900)}",
                ],
            )
            self.assertEqual(
                order._customer_approval_reasons()[0]["period_start"],
                date(2027, 1, 1),
            )
        self.assertTrue(rule)

    def test_without_time_zone_the_vendor_then_utc(self):
        self.customer.tz = False
        self.env.company.partner_id.tz = "America/New_York"
        budget = self._budget(1000)
        # 2026-12-01 02:00 UTC is still November in New York
        with freeze_time("2026-12-01 02:00:00"):
            self.assertEqual(budget._get_period()[0], date(2026, 11, 1))
        self.env.company.partner_id.tz = False
        with freeze_time("2026-12-01 02:00:00"):
            self.assertEqual(budget._get_period()[0], date(2026, 12, 1))
