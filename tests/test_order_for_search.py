# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""/my/order-for of a large company: a search and a short list, never a
select of everybody."""

import re

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestOrderForSearch(HttpCase, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_stranger()
        cls.stranger_buyer = cls._create_sub_account(
            "Otto Other", company=cls.other_customer
        ).partner_id

    def _people(self, count, start=0):
        return self.env["res.partner"].create(
            [
                {"name": f"Person {n:04d}", "parent_id": self.customer.id}
                for n in range(start, start + count)
            ]
        )

    def _page(self, **params):
        response = self.url_open("/my/order-for", params=params)
        self.assertEqual(response.status_code, 200)
        return response.text

    @staticmethod
    def _options(html):
        return re.findall(r'<option[^>]*value="(\d+)"', html)

    def test_a_large_company_is_searched(self):
        people = self._people(120)
        self.authenticate(self.admin.login, self.admin.login)
        html = self._page()
        options = self._options(html)
        self.assertLessEqual(len(options), 50)
        self.assertIn("o_order_for_more", html, "the page says there are more")
        html = self._page(search="Person 0117")
        self.assertEqual(self._options(html), [str(people[117].id)])
        # By e-mail too; nobody of another company, whatever the search.
        people[5].email = "p5@example.com"
        self.assertEqual(
            self._options(self._page(search="p5@example")), [str(people[5].id)]
        )
        self.assertFalse(self._options(self._page(search=self.stranger_buyer.name)))
        self.assertIn("o_order_for_none", self._page(search="nobody at all"))

    def test_the_person_ordered_for_stays_offered(self):
        people = self._people(80)
        self.authenticate(self.admin.login, self.admin.login)
        self.url_open(
            "/my/order-for",
            data={"person_id": people[79].id, "csrf_token": self._csrf()},
        )
        options = self._options(self._page())
        self.assertIn(str(people[79].id), options)

    def _csrf(self):
        return http.Request.csrf_token(self)

    def test_queries_do_not_grow_with_the_company(self):
        self.authenticate(self.admin.login, self.admin.login)

        def count_queries():
            self._page()  # warm Odoo's caches
            before = self.cr.sql_log_count
            self._page()
            return self.cr.sql_log_count - before

        self._people(60)
        few = count_queries()
        self._people(600, start=60)
        self.assertEqual(few, count_queries())
