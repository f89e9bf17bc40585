# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
from datetime import datetime, timedelta
from pathlib import Path

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestVendorReports(CustomerApprovalCase):
    """The vendor's reports: customer approval analysis (lead time, waiting
    orders, rejection and withdrawal rates) and budget use per customer."""

    def _age_submission(self, order, hours):
        # The submission happened ``hours`` earlier than now (history dates are
        # the engine's to write: moved in SQL, as time would).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order_approval_history SET date = date - %s"
            " WHERE order_id = %s AND decision = 'submitted'",
            (timedelta(hours=hours), order.id),
        )
        self.env.invalidate_all()

    def _report(self, user=None):
        report = self.env["sale.order.approval.report"]
        if user:
            report = report.with_user(user)
        return report.search([("customer_id", "=", self.customer.id)])

    def test_rounds_outcomes_and_lead_time(self):
        released = self._create_order(self.buyer, 600)
        self._submit(released)
        self._age_submission(released, 10)
        self._approve(released, self.approver_1.user_ids)
        rejected = self._create_order(self.buyer, 700)
        self._submit(rejected)
        rejected.with_user(self.approver_1).action_customer_reject("Too many")
        # Set back to quotation and submitted again: a second round, waiting.
        rejected.with_user(self.salesperson).action_draft()
        self._submit(rejected)
        self._age_submission(rejected, 5)
        withdrawn = self._create_order(self.buyer, 800)
        self._submit(withdrawn)
        withdrawn.with_user(self.buyer).action_withdraw_customer_approval()

        rows = self._report()
        self.assertEqual(len(rows), 4, "one row per round of approval")
        by_outcome = {row.outcome: row for row in rows}
        self.assertEqual(
            set(by_outcome), {"released", "rejected", "waiting", "withdrawn"}
        )
        self.assertAlmostEqual(by_outcome["released"].lead_time_hours, 10, delta=0.1)
        self.assertEqual(by_outcome["released"].approver_id, self.approver_1.partner_id)
        waiting = by_outcome["waiting"]
        self.assertEqual(waiting.order_id, rejected)
        self.assertEqual(waiting.round, 2)
        self.assertEqual(waiting.approver_id, rejected.current_approver_id)
        self.assertAlmostEqual(waiting.waiting_hours, 5, delta=0.1)
        self.assertFalse(by_outcome["rejected"].lead_time_hours)
        self.assertEqual(by_outcome["withdrawn"].amount, 800)

        [group] = self.env["sale.order.approval.report"]._read_group(
            [("customer_id", "=", self.customer.id)],
            ["customer_id"],
            [
                "round_count:sum",
                "lead_time_hours:avg",
                "rejection_rate:avg",
                "withdrawal_rate:avg",
                "release_rate:avg",
            ],
        )
        self.assertEqual(group[0], self.customer)
        self.assertEqual(group[1], 4)
        self.assertAlmostEqual(group[2], 10, delta=0.1)
        self.assertEqual(group[3:], (25.0, 25.0, 25.0))

    def test_salesperson_sees_own_orders_only(self):
        other_salesperson = self.salesperson.copy(
            {"login": "olga.other@vendor.example", "name": "Olga Other"}
        )
        mine = self._create_order(self.buyer, 600)
        theirs = self._create_order(self.buyer, 650)
        theirs.user_id = other_salesperson
        self._submit(mine)
        self._submit(theirs)
        self.assertEqual(self._report(self.salesperson).order_id, mine)
        self.salesperson.group_ids = [
            Command.link(self.env.ref("sales_team.group_sale_salesman_all_leads").id)
        ]
        self.assertEqual(self._report(self.salesperson).order_id, mine | theirs)
        # The customer's people read neither report.
        for model in ("sale.order.approval.report", "customer.budget.report"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.admin).search([])

    def test_budget_use_per_period(self):
        self.customer.tz = "Europe/Oslo"
        budget = self.env["customer.budget"].create(
            {
                "partner_id": self.buyer.partner_id.id,
                "amount": 1000,
                "period": "month",
            }
        )
        for amount in (600, 700):
            self._submit(self._create_order(self.buyer, amount))
        earlier = self._create_order(self.buyer, 100)
        earlier.action_confirm()
        last_month = fields.Datetime.now().replace(day=1, hour=12) - timedelta(days=3)
        earlier.date_order = last_month
        # Not spending: a quotation nobody submitted.
        self._create_order(self.buyer, 5000)

        rows = self.env["customer.budget.report"].search(
            [("budget_id", "=", budget.id)], order="period_start"
        )
        self.assertEqual(len(rows), 2)
        past, current = rows
        self.assertTrue(current.is_current)
        self.assertEqual(current.spent, budget.spent, "one definition of spent")
        self.assertEqual(current.spent, 1300)
        self.assertEqual(current.overspent, 300)
        self.assertEqual(current.remaining, 0)
        self.assertAlmostEqual(current.use_rate, 130)
        self.assertFalse(past.is_current)
        self.assertEqual(past.spent, 100)
        self.assertEqual(past.period_start, last_month.date().replace(day=1))

    def test_budget_without_spending_shows_its_current_period(self):
        department = self.env["customer.department"].create(
            {"name": "Workshop", "company_partner_id": self.customer.id}
        )
        budget = self.env["customer.budget"].create(
            {"department_id": department.id, "amount": 400, "period": "quarter"}
        )
        [row] = self.env["customer.budget.report"].search(
            [("budget_id", "=", budget.id)]
        )
        today = datetime.now().date()
        self.assertEqual(row.period_start.month, 3 * ((today.month - 1) // 3) + 1)
        self.assertEqual((row.spent, row.remaining, row.use_rate), (0, 400, 0))
        self.assertEqual(row.customer_id, self.customer)

    def test_waiting_list_groups_by_customer_company(self):
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        groups = self.env["sale.order"]._read_group(
            [("approval_state", "=", "waiting")],
            ["customer_company_id"],
            ["__count"],
        )
        self.assertIn((self.customer, 1), groups)
        search = self.env.ref("website_sale_customer_approval.view_sales_order_filter")
        self.assertIn("'group_by': 'customer_company_id'", search.arch)
        # On a phone Odoo opens an action's kanban view: one card an order.
        action = self.env.ref(
            "website_sale_customer_approval.action_orders_waiting_customer_approval"
        )
        self.assertEqual(
            action.view_ids.mapped("view_mode"), ["list", "kanban"], action.view_mode
        )
        kanban = self.env["sale.order"].get_views(
            [(action.view_ids[1].view_id.id, "kanban")]
        )["views"]["kanban"]["arch"]
        for field in ("customer_company_id", "approval_waiting_days", "amount_total"):
            self.assertIn(f'name="{field}"', kanban)

    def test_pre_migration_fills_customer_company(self):
        person_order = self._create_order(self.buyer, 600)
        company = self.env["res.partner"].create(
            {"name": "Solo Trading", "is_company": True}
        )
        company_order = self.env["sale.order"].create({"partner_id": company.id})
        orders = person_order | company_order
        self.env.flush_all()
        self.env.cr.execute(
            "ALTER TABLE sale_order DROP COLUMN customer_company_id CASCADE"
        )
        path = (
            Path(__file__).parent.parent
            / "migrations"
            / "19.0.1.6.0"
            / "pre-migration.py"
        )
        spec = importlib.util.spec_from_file_location("pre_migration_1_6", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.5.0")
        self.env.cr.execute(
            "SELECT id, customer_company_id FROM sale_order WHERE id IN %s",
            [tuple(orders.ids)],
        )
        self.assertEqual(
            dict(self.env.cr.fetchall()),
            {person_order.id: self.customer.id, company_order.id: company.id},
        )
