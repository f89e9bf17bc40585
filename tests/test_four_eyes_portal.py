# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes, as the portal, the backoffice and the demo show it."""

from odoo.tests import HttpCase, tagged

from .test_four_eyes import FourEyesCase

DEMO = "website_sale_customer_approval."


@tagged("post_install", "-at_install")
class TestFourEyesShown(HttpCase, FourEyesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order(cls.buyer, amount=800)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.order.with_user(cls.approver_1).action_customer_approve("Fine")

    def _page(self, user, path):
        self.authenticate(user.login, user.login)
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200, path)
        return response.text

    def test_the_review_page_and_the_list_say_how_many_are_missing(self):
        page = self._page(self.approver_2, self.order.get_customer_approval_url())
        self.assertIn("1 more approval needed", page)
        self.assertIn("2</strong> different people", page)
        self.assertIn("approval 1 of 2", page)
        listing = self._page(self.approver_2, "/my/approvals")
        self.assertIn(self.order.name, listing)
        self.assertIn("1 more approval needed", listing)

    def test_the_buyer_sees_it_on_their_order(self):
        page = self._page(self.buyer, self.order.get_portal_url())
        self.assertIn("1 more approval needed", page)
        self.assertIn("approval 1 of 2", page)
        listing = self._page(self.buyer, "/my/orders")
        self.assertIn("1 more approval needed", listing)

    def test_an_order_of_one_approval_says_nothing_of_it(self):
        single = self._create_order(self.buyer, amount=550)
        single.with_user(self.buyer).action_submit_for_customer_approval()
        page = self._page(self.approver_1, single.get_customer_approval_url())
        self.assertNotIn("more approval", page)
        self.assertNotIn("different people", page)

    def test_the_backoffice_shows_the_count(self):
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_approvals_needed, 2)
        self.assertEqual(self.order.approval_approvals_missing, 1)
        waiting = self.env["sale.order"].search_read(
            [("id", "=", self.order.id)], ["approval_approvals_missing"]
        )
        self.assertEqual(waiting[0]["approval_approvals_missing"], 1)
        views = self.env["sale.order"].get_views(
            [
                (self.env.ref("sale.view_order_form").id, "form"),
                (
                    self.env.ref(DEMO + "view_order_list_waiting_customer_approval").id,
                    "list",
                ),
            ]
        )
        for view in views["views"].values():
            self.assertIn("approval_approvals_missing", view["arch"])
        company_form = self.env["res.partner"].get_views([(False, "form")])
        self.assertIn("approval_distinct_count", str(company_form))
        rule_form = self.env["customer.purchasing.rule"].get_views([(False, "form")])
        self.assertIn("approvals_count", str(rule_form))


@tagged("post_install", "-at_install")
class TestFourEyesDemo(HttpCase):
    def test_the_demo_order_waits_for_its_second_approver(self):
        order = self.env.ref(DEMO + "sale_order_erik_four_eyes")
        anna = self.env.ref(DEMO + "partner_anna")
        self.assertEqual(order.approval_approvals_needed, 2)
        self.assertEqual(order._customer_approval_approvals_needed(), 2)
        self.assertEqual(order.approval_approvals_missing, 1)
        self.assertEqual(order.approval_decider_ids, anna)
        self.assertEqual(
            order.approval_history_ids.mapped("approval_count_label"),
            [False, "1 of 2"],
        )
        order.with_user(anna.user_ids).action_customer_approve()
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(
            order.approval_history_ids.mapped("approval_count_label"),
            [False, "1 of 2", "2 of 2"],
        )
