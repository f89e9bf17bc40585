# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A large customer: the lookups of the record rules, of the vendor's waiting
list and of the crons use indexes; creating a person, or finding one of the
team, costs the same in a company of 10 as of 1,100; the pre-migration fills
the stored fields of 19.0.1.3.0 in SQL."""

import ast
import importlib.util
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import CustomerApprovalCase

# Odoo reads records 1,000 at a time: a company past that size shows any read
# of the whole company in the query count.
LARGE_COMPANY = 1100
PRE_MIGRATION = (
    Path(__file__).parent.parent / "migrations" / "19.0.1.5.0" / "pre-migration.py"
)


def _clone_rows(cr, table, row_id, count, **overrides):
    """Insert ``count`` copies of the row ``row_id`` of ``table`` in one query;
    ``overrides`` are SQL expressions of the column values (``n``: 1..count).

    :return: the new ids"""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s "
        "AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    columns = [column for (column,) in cr.fetchall()]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s, generate_series(1, %s) AS n "
            "WHERE %s.id = %s RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(
                overrides.get(column) or SQL.identifier(table, column)
                for column in columns
            ),
            SQL.identifier(table),
            count,
            SQL.identifier(table),
            row_id,
        )
    )
    return [row_id for (row_id,) in cr.fetchall()]


class ScaleCase(CustomerApprovalCase):
    def _plan(self, query):
        """The plan PostgreSQL chooses for the query (an odoo Query)."""
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        return "\n".join(line for (line,) in self.env.cr.fetchall())

    def _count(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, result


@tagged("post_install", "-at_install")
class TestIndexesUsed(ScaleCase):
    """EXPLAIN on a few thousand rows: the record rules of the portal look the
    history up by approver, the waiting list and the crons find the waiting
    orders by date, through their indexes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cr = cls.env.cr
        order = cls._create_order(cls.buyer, amount=2000)
        order.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.env.flush_all()
        # 3,000 orders, one in ten waiting, waiting since different days.
        cls.order_ids = _clone_rows(
            cr,
            "sale_order",
            order.id,
            3000,
            name=SQL("'S-CLONE-' || n"),
            approval_state=SQL(
                "CASE WHEN n %% 10 = 0 THEN 'waiting' ELSE 'approved' END"
            ),
            approval_requested_date=SQL(
                "now() at time zone 'UTC' - n * interval '1 hour'"
            ),
            approval_waiting_since=SQL(
                "CASE WHEN n %% 10 = 0 "
                "THEN now() at time zone 'UTC' - n * interval '1 hour' END"
            ),
        )
        # 6,000 lines.
        _clone_rows(
            cr,
            "sale_order_line",
            order.order_line[:1].id,
            6000,
            order_id=SQL("(%s::int[])[1 + n %% %s]", cls.order_ids, len(cls.order_ids)),
        )
        # 200 people who took 5,000 steps of those orders.
        people = cls.env["res.partner"].create(
            [{"name": f"Step taker {i}"} for i in range(200)]
        )
        cls.env.flush_all()
        step = order.approval_history_ids[:1]
        _clone_rows(
            cr,
            "sale_order_approval_history",
            step.id,
            5000,
            order_id=SQL("(%s::int[])[1 + n %% %s]", cls.order_ids, len(cls.order_ids)),
            approver_id=SQL("(%s::int[])[1 + n %% %s]", people.ids, len(people)),
        )
        cr.execute("ANALYZE sale_order")
        cr.execute("ANALYZE sale_order_line")
        cr.execute("ANALYZE sale_order_approval_history")
        cr.execute("ANALYZE res_partner")

    def _assert_waiting_index(self, plan):
        """The waiting orders are read from one of their (partial) indexes,
        not from the whole table; on a few thousand rows PostgreSQL may sort
        those few itself rather than read them in order."""
        self.assertRegex(
            plan,
            "sale_order_approval_waiting_(requested|since)_idx",
        )
        self.assertNotIn("Seq Scan on sale_order ", plan)

    def test_portal_rules_find_history_by_approver(self):
        approver = self.approver_1
        for model in (
            "sale.order",
            "sale.order.line",
            "sale.order.approval.history",
            "sale.order.approval.reason",
        ):
            with self.subTest(model=model):
                query = self.env[model].with_user(approver)._search([])
                self.assertIn(
                    "sale_order_approval_history__approver_id_index", self._plan(query)
                )

    def test_waiting_list_reads_waiting_longest_from_an_index(self):
        # The vendor's list: its domain, its default order, one page.
        action = self.env.ref(
            "website_sale_customer_approval.action_orders_waiting_customer_approval"
        )
        view = self.env.ref(
            "website_sale_customer_approval.view_order_list_waiting_customer_approval"
        )
        order = etree.fromstring(view.arch_db).get("default_order")
        query = self.env["sale.order"]._search(
            ast.literal_eval(action.domain), order=order, limit=80
        )
        self._assert_waiting_index(self._plan(query))

    def test_crons_find_due_orders_by_waiting_since(self):
        due = fields.Datetime.now() - timedelta(days=100)
        Order = self.env["sale.order"]
        escalation = Order._search(
            [
                ("approval_state", "=", "waiting"),
                ("approval_waiting_since", "<=", due),
            ]
        )
        self.assertIn("sale_order_approval_waiting_since_idx", self._plan(escalation))
        reminder = Order._search(
            [
                ("approval_state", "=", "waiting"),
                ("approval_requested_date", "<=", due),
            ]
        )
        self._assert_waiting_index(self._plan(reminder))


@tagged("post_install", "-at_install")
class TestWaitingListSortable(ScaleCase):
    """The vendor's list of orders waiting for the customer: sortable by how
    long they wait and by who decides, waiting longest first."""

    def test_columns_are_sortable(self):
        view = self.env.ref(
            "website_sale_customer_approval.view_order_list_waiting_customer_approval"
        )
        self.assertEqual(
            etree.fromstring(view.arch_db).get("default_order"),
            "approval_requested_date asc, id",
        )
        columns = self.env["sale.order"].get_views([(view.id, "list")])["models"][
            "sale.order"
        ]["fields"]
        for name in (
            "current_approver_id",
            "approval_requested_date",
            "approval_waiting_since",
            "approval_waiting_days",
        ):
            with self.subTest(column=name):
                self.assertIn(name, columns)
                self.assertTrue(
                    self.env["sale.order"]._fields[name]._description_sortable(self.env)
                )

    def test_waiting_days_sort_as_waiting_since(self):
        old = self._create_order(self.buyer, amount=2000)
        new = self._create_order(self.buyer, amount=2000)
        self._submit(old)
        self._submit(new)
        old.sudo().approval_requested_date = fields.Datetime.now() - timedelta(days=3)
        orders = old | new
        Order = self.env["sale.order"]
        self.assertEqual(
            Order.search(
                [("id", "in", orders.ids)], order="approval_waiting_days desc"
            ),
            old | new,
        )
        self.assertEqual(
            Order.search([("id", "in", orders.ids)], order="approval_waiting_days"),
            new | old,
        )


@tagged("post_install", "-at_install")
class TestPeopleCostTheSame(ScaleCase):
    """Creating a person, changing their chain, finding one of the team: the
    same queries in a company of 10 as in one of 1,100."""

    def _company(self, size):
        company = self.env["res.partner"].create(
            {"name": f"Company of {size}", "is_company": True}
        )
        admin = self.env["res.partner"].create(
            {"name": "Admin", "parent_id": company.id, "is_customer_admin": True}
        )
        top = self.env["res.partner"].create(
            {"name": "Top", "parent_id": company.id, "is_order_approver": True}
        )
        lead = self.env["res.partner"].create(
            {
                "name": "Lead",
                "parent_id": company.id,
                "is_order_approver": True,
                "next_approver_id": top.id,
            }
        )
        self.env["res.partner"].create(
            [
                {
                    "name": f"Person {i}",
                    "parent_id": company.id,
                    "approval_mode": "always",
                    "next_approver_id": lead.id,
                }
                for i in range(size - 3)
            ]
        )
        self.env.flush_all()
        return company, admin, top, lead

    def _costs(self, size):
        company, _admin, top, lead = self._company(size)
        Partner = self.env["res.partner"]
        counter = iter(range(1000))

        def person(**values):
            return Partner.create(
                dict(name=f"New {next(counter)}", parent_id=company.id, **values)
            )

        # Warm up (translations, rules, registry caches).
        person()
        person(approval_mode="always", next_approver_id=lead.id)
        costs = {
            "plain": self._count(person)[0],
            "in chain": self._count(
                lambda: person(approval_mode="always", next_approver_id=lead.id)
            )[0],
            "to the admins": self._count(lambda: person(approval_mode="always"))[0],
        }
        someone = person(approval_mode="always", next_approver_id=lead.id)
        costs["new next approver"] = self._count(
            lambda: someone.write({"next_approver_id": top.id})
        )[0]
        costs["same values again"] = self._count(
            lambda: someone.write(
                {"approval_mode": "always", "next_approver_id": top.id}
            )
        )[0]
        return costs

    def test_creating_a_person_costs_the_same(self):
        self._costs(10)
        small = self._costs(10)
        large = self._costs(LARGE_COMPANY)
        self.assertEqual(small, large)

    def test_finding_a_team_member_costs_the_same(self):
        """The same queries, and the same people found, whatever the team."""
        found = []

        def counting(model_class):
            search_fetch = model_class.search_fetch

            def counting_search_fetch(records, *args, **kwargs):
                result = search_fetch(records, *args, **kwargs)
                found.append(len(result))
                return result

            return patch.object(model_class, "search_fetch", counting_search_fetch)

        costs = []
        for size in (10, 10, LARGE_COMPANY):
            _company, admin, _top, lead = self._company(size)
            admin_user = self.env["res.users"].create(
                {
                    "name": "Admin",
                    "login": f"admin-{size}-{len(costs)}@example.com",
                    "partner_id": admin.id,
                    "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
                }
            )
            found.clear()
            with (
                counting(type(self.env["res.partner"])),
                counting(type(self.env["res.users"])),
            ):
                count, member = self._count(
                    lambda admin=admin_user.partner_id, lead=lead: (
                        admin._get_team_member(lead.id)
                    )
                )
            self.assertEqual(member, lead)
            costs.append((count, sum(found)))
        self.assertEqual(costs[1], costs[2])


@tagged("post_install", "-at_install")
class TestPreMigration(ScaleCase):
    """An upgrade from a version before 19.0.1.3.0: the pre-migration creates the
    stored columns of 19.0.1.3.0 and fills them in SQL as the ORM would."""

    COLUMNS = (
        "approval_waiting_since",
        "customer_department_id",
        "customer_department_code",
    )

    def _migrate(self):
        spec = importlib.util.spec_from_file_location("pre_migration", PRE_MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.2.0")

    def _read(self, orders):
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM sale_order WHERE id IN %s ORDER BY id",
                SQL(", ").join(SQL.identifier(column) for column in self.COLUMNS),
                tuple(orders.ids),
            )
        )
        return self.env.cr.fetchall()

    def test_fills_waiting_since_and_departments(self):
        department = self.env["customer.department"].create(
            {"name": "Sales", "code": "CC-42", "company_partner_id": self.customer.id}
        )
        self.buyer.partner_id.customer_department_id = department
        waiting = self._create_order(self.buyer, amount=2000)
        passed_on = self._create_order(self.buyer, amount=2000)
        rejected = self._create_order(self.free_buyer, amount=2000)
        draft = self._create_order(self.free_buyer)
        for order in (waiting, passed_on):
            self._submit(order)
        self._approve(passed_on, self.approver_1)
        self.free_buyer.partner_id.write(
            {
                "approval_mode": "always",
                "next_approver_id": self.approver_1.partner_id.id,
            }
        )
        self._submit(rejected)
        rejected.with_user(self.approver_1).action_customer_reject("No")
        orders = waiting | passed_on | rejected | draft
        self.env.flush_all()
        expected = self._read(orders)
        self.assertTrue(expected[0][1] and expected[0][2] and expected[0][3])
        for column in self.COLUMNS:
            self.env.cr.execute(
                SQL("ALTER TABLE sale_order DROP COLUMN %s", SQL.identifier(column))
            )
        self._migrate()
        self.env.invalidate_all()
        self.assertEqual(self._read(orders), expected)
