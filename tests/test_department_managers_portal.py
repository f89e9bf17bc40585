# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Department managers in the portal and over JSON-RPC: their department's
orders, approvals, statistics and team; forged requests on another
department's or company's people, orders and figures get the addon's refusal."""

import json
import re

from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .common_managers import DepartmentManagerCase

MEMBER = re.compile(r'data-member-id="(\d+)"')


@tagged("post_install", "-at_install")
class TestDepartmentManagersPortal(HttpCase, DepartmentManagerCase):
    maxDiff = 200

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(msg or f"{member!r} not found")

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(msg or f"{member!r} found")

    def setUp(self):
        super().setUp()
        self.authenticate(self.manager.login, self.manager.login)

    def get(self, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def post(self, url, data, status=None):
        pairs = list(data.items())
        pairs.append(("csrf_token", http.Request.csrf_token(self)))
        response = self.url_open(url, data=pairs, allow_redirects=False)
        self.env.invalidate_all()
        if status:
            self.assertEqual(response.status_code, status, url)
        return response

    def form(self, person, **values):
        data = {
            "member_id": str(person.partner_id.id),
            "approval_mode": person.partner_id.approval_mode,
            "approval_breakpoint": "0",
            "next_approver_id": str(person.partner_id.next_approver_id.id or ""),
        }
        data.update(values)
        return data

    def call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    # ------------------------------------------------------------------
    # Orders, approvals, statistics: the department's
    # ------------------------------------------------------------------
    def test_order_lists_show_the_department(self):
        self.member_draft.state = "sent"  # a quotation the vendor sent
        self.env.flush_all()
        self.assertIn(self.member_draft.name, self.get("/my/quotes"))
        orders = self.get("/my/orders")
        self.assertIn(self.member_waiting.name, orders)
        self.assertIn(self.member_released.name, orders)
        self.assertNotIn(self.outsider_waiting.name, orders)
        self.assertNotIn(self.other_waiting.name, orders)
        self.get(f"/my/orders/{self.member_waiting.id}")
        for order in (self.outsider_waiting, self.other_waiting):
            # Odoo's refusal of an order page: back to /my.
            response = self.url_open(f"/my/orders/{order.id}", allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertNotIn(order.name, response.text)

    def test_approvals_of_the_department_read_only(self):
        listed = self.get("/my/approvals?filterby=department")
        self.assertIn(self.member_waiting.name, listed)
        self.assertNotIn(self.outsider_waiting.name, listed)
        self.assertNotIn(self.other_waiting.name, listed)
        page = self.get(f"/my/approvals/{self.member_waiting.id}")
        self.assertIn(self.member_waiting.name, page)
        self.assertNotIn("o_approval_approve", page)
        self.post(f"/my/approvals/{self.member_waiting.id}/approve", {})
        self.assertEqual(self.member_waiting.approval_state, "waiting")
        for order in (self.outsider_waiting, self.other_waiting):
            self.get(f"/my/approvals/{order.id}", status=404)
            self.post(f"/my/approvals/{order.id}/approve", {}, status=404)
            self.post(f"/my/approvals/{order.id}/reject", {"reason": "x"}, status=404)
            self.assertEqual(order.approval_state, "waiting")

    def test_statistics_of_the_department(self):
        overview = self.get("/my/team/statistics")
        self.assertIn("Logistics", overview)
        self.assertNotIn("Sales", overview)
        people = self.get("/my/team/statistics?view=people&date_from=2000-01-01")
        self.assertIn("Fay Free", people)
        self.assertNotIn("Sam Seller", people)
        fay = self.member.partner_id.id
        orders = self.get(f"/my/team/statistics?date_from=2000-01-01&member_id={fay}")
        self.assertIn(self.member_waiting.name, orders)
        export = self.get("/my/team/statistics/export?format=csv")
        self.assertIn("Fay Free", export)
        self.assertNotIn("Sam Seller", export)
        self.assertNotIn("Sales", export)
        drill = self.get(
            f"/my/team/statistics/orders?department_id={self.logistics.id}"
        )
        self.assertIn(self.member_waiting.name, drill)
        self.assertNotIn(self.outsider_waiting.name, drill)

    def test_forged_statistics_of_another_department_or_company(self):
        sam, otto = self.outsider.partner_id.id, self.other_buyer.partner_id.id
        for url in (
            f"/my/team/statistics/orders?department_id={self.sales.id}",
            f"/my/team/statistics/orders?department_id={self.other_department.id}",
            f"/my/team/statistics/orders?person_id={sam}",
            f"/my/team/statistics/orders?person_id={otto}",
            f"/my/team/statistics?date_from=2000-01-01&member_id={sam}",
            f"/my/team/statistics?date_from=2000-01-01&member_id={otto}",
        ):
            self.get(url, status=404)

    # ------------------------------------------------------------------
    # The team: the department's members, within limits
    # ------------------------------------------------------------------
    def test_team_page_lists_the_department(self):
        listed = {int(i) for i in MEMBER.findall(self.get("/my/team"))}
        self.assertEqual(listed, set((self.member | self.buyer).partner_id.ids))
        page = self.get(f"/my/team/{self.member.partner_id.id}")
        self.assertIn('name="approval_breakpoint"', page)
        self.assertNotIn('name="is_customer_admin"', page)
        self.assertNotIn('name="password"', page)
        self.assertIn("o_team_breakpoint_limit", page)

    def test_pages_of_the_admins_are_not_offered(self):
        """The company's rules, settings, changes and pools are the customer
        admins': a manager is neither linked to them nor let in."""
        for page in (self.get("/my/team"), self.get("/my")):
            for url in ("/my/team/rules", "/my/team/settings", "/my/team/pools"):
                self.assertNotIn(f'href="{url}"', page)
        for url in ("/my/team/rules", "/my/team/settings", "/my/team/pools"):
            self.get(url, status=404)

    def test_manager_saves_within_limits(self):
        fay = self.member.partner_id
        self.post(
            "/my/team/save",
            self.form(
                self.member,
                approval_breakpoint_enabled="on",
                approval_breakpoint="2000",
            ),
        )
        self.assertFalse(fay.approval_breakpoint_enabled)
        response = self.post(
            "/my/team/save",
            self.form(
                self.member, approval_breakpoint_enabled="on", approval_breakpoint="800"
            ),
            status=303,
        )
        self.assertIn("/my/team", response.headers["Location"])
        self.assertEqual(fay.approval_breakpoint, 800)
        self.post(
            "/my/team/save",
            self.form(
                self.member,
                approval_breakpoint_enabled="on",
                approval_breakpoint="800",
                is_customer_admin="on",
                customer_department_id=str(self.sales.id),
                department_shown="1",
            ),
        )
        self.assertFalse(fay.is_customer_admin)
        self.assertEqual(fay.customer_department_id, self.logistics)

    def test_forged_team_requests_on_another_department_or_company(self):
        for person in (self.outsider, self.admin, self.other_buyer, self.manager):
            with self.subTest(person=person.name):
                self.get(f"/my/team/{person.partner_id.id}", status=404)
                self.post(
                    "/my/team/save",
                    self.form(person, approval_mode="outside_assortment"),
                    status=404,
                )
                self.assertNotEqual(
                    person.partner_id.approval_mode, "outside_assortment"
                )
        self.get("/my/team/new", status=404)
        self.post(
            "/my/team/save", {"name": "New", "email": "n@acme.example"}, status=404
        )
        self.post(
            f"/my/team/{self.member.partner_id.id}/active", {"active": "0"}, status=404
        )
        self.assertTrue(self.member.partner_id.active)
        self.get(f"/my/team/departments/{self.logistics.id}", status=404)

    def test_forged_rpc_of_a_manager(self):
        answer = self.call_kw("sale.order", "search_read", [[]], {"fields": ["name"]})
        names = {row["name"] for row in answer["result"]}
        self.assertIn(self.member_draft.name, names)
        self.assertNotIn(self.outsider_waiting.name, names)
        self.assertNotIn(self.other_waiting.name, names)
        for order in (self.outsider_waiting, self.other_waiting):
            answer = self.call_kw("sale.order", "read", [[order.id], ["name"]])
            self.assertIn("error", answer)
            self.assertNotIn(order.name, json.dumps(answer))
        answer = self.call_kw(
            "res.partner",
            "write",
            [[self.outsider.partner_id.id], {"approval_mode": "none"}],
        )
        self.assertIn("error", answer)
        answer = self.call_kw(
            "res.partner",
            "_save_team_member",
            [[self.manager.partner_id.id], {"approval_mode": "none"}],
        )
        self.assertIn("error", answer)
        self.assertEqual(self.outsider.partner_id.approval_mode, "always")

    # ------------------------------------------------------------------
    # Rights "none": an approver, nothing more
    # ------------------------------------------------------------------
    def test_rights_none_http(self):
        self.customer.department_manager_rights = "none"
        self.env.flush_all()
        for url in (
            "/my/team",
            f"/my/team/{self.member.partner_id.id}",
            "/my/team/statistics",
            "/my/team/statistics/export?format=csv",
            f"/my/approvals/{self.member_waiting.id}",
        ):
            self.get(url, status=404)
        self.assertNotIn(self.member_waiting.name, self.get("/my/orders"))
        listed = self.get("/my/approvals?filterby=department")
        self.assertNotIn(self.member_waiting.name, listed)

    # ------------------------------------------------------------------
    # As many queries for 5 and for 50 members
    # ------------------------------------------------------------------
    def _add_members(self, number):
        people = self.env["res.partner"].create(
            [
                {
                    "name": f"Member {n:03d}",
                    "email": f"member{n:03d}@acme.example",
                    "parent_id": self.customer.id,
                    "customer_department_id": self.logistics.id,
                    "approval_mode": "none",
                }
                for n in range(len(self.logistics.member_ids), number + 100)
            ][:number]
        )
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": person.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": 10.0}
                        )
                    ],
                }
                for person in people
            ]
        )
        orders.action_confirm()
        self.env.flush_all()

    def _queries(self, url):
        self.url_open(url)
        before = self.cr.sql_log_count
        self.get(url)
        return self.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_department(self):
        pages = (
            "/my/team",
            "/my/team/statistics",
            "/my/team/statistics?view=people&date_from=2000-01-01",
        )
        self._add_members(3)
        few = {url: self._queries(url) for url in pages}
        self._add_members(45)
        many = {url: self._queries(url) for url in pages}
        self.assertEqual(few, many)
