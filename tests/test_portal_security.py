# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestPortalApprovals(HttpCase, CustomerApprovalCase):
    """Who may open and post what on /my/approvals, checked over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = cls._create_stranger()
        cls.order = cls._create_order(cls.buyer, amount=2000)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()

    def login(self, user):
        if user:
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def assertNotFound(self, response):
        self.assertEqual(response.status_code, 404, response.url)

    def assertUnchanged(self):
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "waiting")
        self.assertEqual(self.order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(len(self.order.approval_history_ids), 1)

    def decision_posts(self):
        line = self.order.order_line[:1]
        return [
            (f"/my/approvals/{self.order.id}/approve", {"comment": "ok"}),
            (f"/my/approvals/{self.order.id}/reject", {"reason": "no"}),
            (f"/my/approvals/{self.order.id}/change", {f"qty_{line.id}": "0.5"}),
            (
                f"/my/approvals/{self.order.id}/add_product",
                {"product_id": str(self.product.id)},
            ),
        ]

    def test_anonymous_is_sent_to_log_in(self):
        self.login(None)
        for url in (
            "/my/approvals",
            f"/my/approvals/{self.order.id}",
            "/my/orders/free-text",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertIn("/web/login", response.headers["Location"])
        for url, data in self.decision_posts():
            response = self.post(url, **data)
            self.assertIn(response.status_code, (303, 400), url)
        self.assertUnchanged()

    def test_access_token_grants_no_decision(self):
        self.login(None)
        token = self.order._portal_ensure_token()
        response = self.url_open(
            f"/my/approvals/{self.order.id}?access_token={token}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.login(self.buyer)
        response = self.url_open(f"/my/approvals/{self.order.id}?access_token={token}")
        self.assertNotFound(response)
        self.assertUnchanged()

    def test_people_who_may_not_decide_get_404(self):
        # The buyer, an approver of the company outside this order's chain, another
        # company's customer admin.
        for user in (self.buyer, self.approver_3, self.stranger):
            with self.subTest(user=user.name):
                self.login(user)
                self.assertNotFound(self.url_open(f"/my/approvals/{self.order.id}"))
                for url, data in self.decision_posts():
                    self.assertNotFound(self.post(url, **data))
                self.post("/my/approvals/approve", **{f"order_{self.order.id}": "on"})
                self.assertUnchanged()
                listing = self.url_open("/my/approvals")
                if listing.status_code == 200:
                    self.assertNotIn(self.order.name, listing.text)

    def test_buyer_has_no_approval_list(self):
        self.login(self.free_buyer)
        self.assertNotFound(self.url_open("/my/approvals"))

    def test_current_approver_lists_and_approves(self):
        self.login(self.approver_1)
        listing = self.url_open("/my/approvals")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.order.name, listing.text)
        home = self.url_open(
            "/my/counters", json={"params": {"counters": ["approval_count"]}}
        )
        self.assertEqual(home.json()["result"]["approval_count"], 1)
        page = self.url_open(f"/my/approvals/{self.order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("above the breakpoint", page.text)
        response = self.post(f"/my/approvals/{self.order.id}/approve", comment="Fine")
        self.assertEqual(response.status_code, 303)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.current_approver_id, self.approver_2.partner_id)
        self.assertEqual(self.order.approval_history_ids[-1].comment, "Fine")
        # A second click acts no more: the order is not theirs to decide any more.
        again = self.post(f"/my/approvals/{self.order.id}/approve", comment="Fine")
        self.assertIn("error=", again.headers["Location"])
        self.assertEqual(len(self.order.approval_history_ids), 2)
        decided = self.url_open("/my/approvals?filterby=decided")
        self.assertIn(self.order.name, decided.text)

    def test_customer_admin_decides_out_of_turn(self):
        self.login(self.admin)
        self.assertEqual(
            self.url_open(f"/my/approvals/{self.order.id}").status_code, 200
        )
        self.post(f"/my/approvals/{self.order.id}/reject", reason="Not now")
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "rejected")
        self.assertEqual(self.order.approval_rejection_reason, "Not now")

    def test_reject_without_reason_changes_nothing(self):
        self.login(self.approver_1)
        response = self.post(f"/my/approvals/{self.order.id}/reject", reason="  ")
        self.assertIn("error=", response.headers["Location"])
        self.assertUnchanged()

    def test_csrf_token_is_checked(self):
        self.login(self.approver_1)
        response = self.url_open(
            f"/my/approvals/{self.order.id}/approve",
            data={"comment": "no token"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertUnchanged()

    def test_posted_quantities_are_checked(self):
        self.login(self.approver_1)
        line = self.order.order_line
        foreign = self._create_order(self.free_buyer, amount=10).order_line
        for data in (
            {f"qty_{line.id}": "5"},  # more than ordered
            {f"qty_{line.id}": "-1"},
            {f"qty_{line.id}": "nan"},
            {f"qty_{line.id}": "lots"},
            {f"qty_{foreign.id}": "0"},  # a line of another order
            {f"qty_{line.id}": "0"},  # the last line: reject instead
        ):
            with self.subTest(data=data):
                response = self.post(f"/my/approvals/{self.order.id}/change", **data)
                self.assertIn("error=", response.headers["Location"])
        self.assertEqual(line.product_uom_qty, 1)
        self.assertTrue(foreign.exists())
        self.assertUnchanged()

    def test_approver_lowers_a_quantity_and_the_buyer_is_told(self):
        order = self._create_order(self.buyer, amount=0, lines=1)
        order.order_line.write({"product_uom_qty": 4, "price_unit": 300})
        order.write(
            {
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "price_unit": 50, "tax_ids": []}
                    )
                ]
            }
        )
        order.with_user(self.buyer).action_submit_for_customer_approval()
        first, second = order.order_line
        self.login(self.approver_1)
        self.post(
            f"/my/approvals/{order.id}/change",
            **{f"qty_{first.id}": "2", f"qty_{second.id}": "0"},
        )
        self.assertEqual(first.product_uom_qty, 2)
        self.assertFalse(second.exists())
        self.assertEqual(order.amount_total, 600)
        self.assertEqual(order.approval_history_ids[-1].decision, "changed")
        self.assertTrue(self._mails(order, "mail_template_order_changed"))

    def test_approve_several_only_acts_on_my_orders(self):
        mine = self._create_order(self.buyer, amount=600)
        mine.with_user(self.buyer).action_submit_for_customer_approval()
        not_mine = self._create_order(self.free_buyer, amount=600)
        self.login(self.approver_1)
        self.post(
            "/my/approvals/approve",
            **{f"order_{mine.id}": "on", f"order_{not_mine.id}": "on"},
        )
        self.assertEqual(mine.approval_state, "approved")
        self.assertEqual(not_mine.state, "draft")
        self.assertEqual(not_mine.approval_state, "none")

    def test_buyer_sees_state_and_withdraws(self):
        self.login(self.buyer)
        orders = self.url_open("/my/orders")
        self.assertIn(self.order.name, orders.text)
        # In its column, and under the reference where a phone hides the column.
        self.assertEqual(orders.text.count("Waiting for approval"), 2)
        page = self.url_open(f"/my/orders/{self.order.id}")
        self.assertIn("above the breakpoint", page.text)
        self.assertIn("Withdraw this order", page.text)
        # Only the buyer withdraws.
        self.login(self.approver_1)
        self.assertNotFound(self.post(f"/my/orders/{self.order.id}/withdraw"))
        self.assertUnchanged()
        self.login(self.buyer)
        self.post(f"/my/orders/{self.order.id}/withdraw")
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "withdrawn")


@tagged("post_install", "-at_install")
class TestPortalOrderVisibility(HttpCase, CustomerApprovalCase):
    """/my/orders by role, unless the customer company keeps Odoo's default."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls._create_order(cls.buyer, amount=2000)
        cls.waiting.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.other = cls._create_order(cls.free_buyer, amount=100)
        cls.other.action_confirm()

    def seen(self, user):
        self.authenticate(user.login, user.login)
        listing = self.url_open("/my/orders").text
        return {
            order
            for order in (self.waiting, self.other)
            if self.url_open(
                f"/my/orders/{order.id}", allow_redirects=False
            ).status_code
            == 200
            and order.name in listing
        }

    def test_by_role(self):
        self.assertEqual(self.seen(self.buyer), {self.waiting})
        self.assertEqual(self.seen(self.free_buyer), {self.other})
        self.assertEqual(self.seen(self.approver_1), {self.waiting})
        self.assertEqual(self.seen(self.approver_3), set())
        self.assertEqual(self.seen(self.admin), {self.waiting, self.other})

    def test_company_keeps_odoo_default(self):
        self.customer.approval_orders_visibility = "company"
        self.assertEqual(self.seen(self.approver_3), {self.waiting, self.other})

    def test_access_token_still_opens_the_order(self):
        token = self.other._portal_ensure_token()
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(f"/my/orders/{self.other.id}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.other.name, page.text)
