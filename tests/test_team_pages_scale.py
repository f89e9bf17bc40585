# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""/my/team and /my/team/statistics for a large customer company: one page of
people at a time (Odoo's portal pager), a search by name or e-mail, the
whole-company figures still whole, and as many queries for 15 people as for
150 (issue 24)."""

import re
from unittest.mock import patch
from urllib.parse import quote

from odoo import Command
from odoo.orm import fields as odoo_fields
from odoo.orm import models as odoo_models
from odoo.tests import HttpCase, tagged

from ..controllers.team import TEAM_PER_PAGE
from .common import CustomerApprovalCase

MEMBER = re.compile(r'data-member-id="(\d+)"')
SPENDING_PERSON = re.compile(r'data-person-id="(\d+)"')
PEOPLE_TAB = "/my/team/statistics?view=people&date_from=2000-01-01"


@tagged("post_install", "-at_install")
class TestTeamPagesScale(HttpCase, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["customer.department"]
        cls.north, cls.south = Department.create(
            [
                {"name": "North", "company_partner_id": cls.customer.id},
                {"name": "South", "company_partner_id": cls.customer.id},
            ]
        )
        # Another company whose people are named like ours and spend too.
        cls.globex = cls.env["res.partner"].create(
            {"name": "Globex", "is_company": True}
        )
        cls.stranger = cls.env["res.partner"].create(
            {
                "name": "Person 999 Stranger",
                "email": "person999@globex.example",
                "parent_id": cls.globex.id,
            }
        )
        cls.env["customer.budget"].create(
            {"partner_id": cls.stranger.id, "amount": 100, "period": "month"}
        )
        cls._orders_for(cls.stranger)
        cls.people = cls.env["res.partner"]

    @classmethod
    def _orders_for(cls, people):
        """One released order a person, created in one batch."""
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": person.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "price_unit": 10.0 + n,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for n, person in enumerate(people)
            ]
        )
        orders.action_confirm()
        return orders

    def _add_people(self, number):
        """``number`` more people of the customer company, in one batch: each
        with a department and a released order, one in three with a budget."""
        first = len(self.people) + 1
        people = self.env["res.partner"].create(
            [
                {
                    "name": f"Person {n:03d}",
                    "email": f"person{n:03d}@acme.example",
                    "parent_id": self.customer.id,
                    "next_approver_id": self.approver_1.partner_id.id,
                    "approval_mode": "always",
                    "customer_department_id": (self.north if n % 2 else self.south).id,
                }
                for n in range(first, first + number)
            ]
        )
        self.env["customer.budget"].create(
            [
                {"partner_id": person.id, "amount": 1000, "period": "month"}
                for person in people[::3]
            ]
        )
        self._orders_for(people)
        self.people |= people
        self.env.flush_all()

    def _queries(self, url):
        """The queries of a request of ``url`` by the customer admin (caches
        warm: the page is requested once before)."""
        self.url_open(url)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return self.cr.sql_log_count - before

    def _pages(self):
        member = self.people[0].id
        return [
            "/my/team",
            "/my/team/statistics",
            PEOPLE_TAB,
            f"{PEOPLE_TAB}&member_id={member}",
        ]

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    # ------------------------------------------------------------------
    # The same number of queries for 15 and for 150 people
    # ------------------------------------------------------------------
    def test_queries_do_not_grow_with_the_people(self):
        # Odoo reads records 1,000 at a time: a page that loads every person
        # costs more queries only past 1,000 people. Read 100 at a time here,
        # so that 150 people stand for 1,500.
        prefetch = 100
        with (
            patch.object(odoo_fields, "PREFETCH_MAX", prefetch),
            patch.object(odoo_models, "PREFETCH_MAX", prefetch),
        ):
            self._add_people(9)  # with the 6 of the common set-up: 15 people
            self.authenticate(self.admin.login, self.admin.login)
            few = {url: self._queries(url) for url in self._pages()}
            self._add_people(135)
            many = {url: self._queries(url) for url in self._pages()}
        self.assertEqual(few, many, "queries for 15 and for 150 people")

    # ------------------------------------------------------------------
    # /my/team: pages, search, only the company's people
    # ------------------------------------------------------------------
    def test_team_pages_show_the_next_people(self):
        self._add_people(144)
        self.authenticate(self.admin.login, self.admin.login)
        first = [int(i) for i in MEMBER.findall(self._get("/my/team"))]
        self.assertEqual(len(first), TEAM_PER_PAGE)
        self.assertIn('href="/my/team/page/2', self._get("/my/team"))
        second = [int(i) for i in MEMBER.findall(self._get("/my/team/page/2"))]
        self.assertEqual(len(second), TEAM_PER_PAGE)
        self.assertFalse(set(first) & set(second), "page 2 repeats page 1")
        team = self.admin.partner_id._get_team()
        self.assertEqual(first + second, team.ids[: 2 * TEAM_PER_PAGE])
        # Every page together: the whole team, nobody of another company.
        seen = []
        for page in range(1, len(team) // TEAM_PER_PAGE + 2):
            text = self._get(f"/my/team/page/{page}")
            self.assertNotIn("Stranger", text)
            seen += [int(i) for i in MEMBER.findall(text)]
        self.assertEqual(seen, team.ids)

    def test_team_search_finds_a_person_on_another_page(self):
        self._add_people(144)
        self.authenticate(self.admin.login, self.admin.login)
        last = self.people.sorted("name")[-1]
        self.assertNotIn(last.name, self._get("/my/team"))
        for term in (last.name, last.email):
            with self.subTest(term=term):
                found = self._get(f"/my/team?search={quote(term)}")
                self.assertEqual(MEMBER.findall(found), [str(last.id)])
        # The search never reaches another company.
        found = self._get("/my/team?search=999")
        self.assertEqual(MEMBER.findall(found), [])
        # The department filter: the people of North only.
        north = self._get(f"/my/team?filterby={self.north.id}&search=Person")
        ids = [int(i) for i in MEMBER.findall(north)]
        self.assertEqual(len(ids), TEAM_PER_PAGE)
        self.assertEqual(
            self.env["res.partner"].browse(ids).customer_department_id, self.north
        )

    # ------------------------------------------------------------------
    # /my/team/statistics: pages of people, whole-company totals
    # ------------------------------------------------------------------
    def test_statistics_pages_show_the_next_people(self):
        self._add_people(144)
        self.authenticate(self.admin.login, self.admin.login)
        # Tab "Spending": the people with a budget or spending, a page at a time.
        first_text = self._get("/my/team/statistics")
        first = SPENDING_PERSON.findall(first_text)
        self.assertEqual(len(first), len(set(first)))
        self.assertLessEqual(len(set(first)), TEAM_PER_PAGE)
        self.assertIn('href="/my/team/statistics/page/2', first_text)
        second = SPENDING_PERSON.findall(self._get("/my/team/statistics/page/2"))
        self.assertTrue(second)
        self.assertFalse(set(first) & set(second), "page 2 repeats page 1")
        # The whole company's line still counts everybody (145 orders of ours).
        total = sum(self.people.sale_order_ids.mapped("amount_total"))
        footer = first_text[first_text.index("<tfoot") : first_text.index("</tfoot>")]
        self.assertIn(f"{total:,.2f}", footer)
        # Tab "Orders per person": the same.
        first_text = self._get(PEOPLE_TAB)
        first = MEMBER.findall(first_text)
        self.assertEqual(len(first), TEAM_PER_PAGE)
        link = re.search(r'href="(/my/team/statistics/page/2\?[^"]*)"', first_text)
        self.assertTrue(link, "no link to the second page of people")
        second = MEMBER.findall(self._get(link.group(1).replace("&amp;", "&")))
        self.assertEqual(len(second), TEAM_PER_PAGE)
        self.assertFalse(set(first) & set(second), "page 2 repeats page 1")
        self.assertIn(f"{total:,.2f}", first_text)
        self.assertNotIn("Stranger", first_text)

    def test_statistics_search_finds_a_person_on_another_page(self):
        self._add_people(144)
        self.authenticate(self.admin.login, self.admin.login)
        # Everybody has one order: the last by name is on the last page.
        person = self.people.sorted("name")[-1]
        self.assertNotIn(person.name + "<", self._get(PEOPLE_TAB))
        for term in (person.name, person.email):
            with self.subTest(term=term):
                found = self._get(f"{PEOPLE_TAB}&search={quote(term)}")
                self.assertEqual(MEMBER.findall(found), [str(person.id)])
                spending = self._get(f"/my/team/statistics?search={quote(term)}")
                self.assertEqual(
                    set(SPENDING_PERSON.findall(spending)), {str(person.id)}
                )
        for url in (f"{PEOPLE_TAB}&search=999", "/my/team/statistics?search=999"):
            text = self._get(url)
            self.assertNotIn("Stranger", text)
            self.assertFalse(MEMBER.findall(text) + SPENDING_PERSON.findall(text))

    def test_export_stays_whole(self):
        self._add_people(60)
        self.authenticate(self.admin.login, self.admin.login)
        response = self.url_open("/my/team/statistics/export?format=csv")
        self.assertEqual(response.status_code, 200)
        text = response.content.decode("utf-8-sig")
        for person in self.people:
            self.assertIn(person.name, text)
        self.assertNotIn("Stranger", text)

    def test_forms_offer_approvers_not_everybody(self):
        self._add_people(30)
        self.authenticate(self.admin.login, self.admin.login)
        form = self._get(f"/my/team/{self.people[0].id}")
        select = form[form.index('name="next_approver_id"') :]
        select = select[: select.index("</select>")]
        self.assertIn(self.approver_1.name, select)
        self.assertNotIn("Person 002", select)
        self.assertEqual(
            self.admin.partner_id._get_team_approvers(),
            (self.approver_1 | self.approver_2 | self.approver_3).partner_id,
        )
