# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools of approvers over HTTP and RPC: the customer admin's pages, the pool
members' lists and pages, forged ids of another company."""

from xmlrpc.client import Fault

from odoo import http
from odoo.tests import HttpCase, get_db_name, tagged

from .test_approver_pools import PoolCase


@tagged("post_install", "-at_install")
class TestPoolPortal(HttpCase, PoolCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = cls._create_stranger()
        cls.stranger_pool = cls.env["customer.approval.pool"].create(
            {
                "name": "Their desk",
                "company_partner_id": cls.other_customer.id,
                "member_ids": [(6, 0, cls.stranger.partner_id.ids)],
            }
        )

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data):
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs.append(("csrf_token", http.Request.csrf_token(self)))
        response = self.url_open(url, data=pairs)
        self.env.invalidate_all()
        return response

    def find(self, name, company=None):
        return (
            self.env["customer.approval.pool"]
            .with_context(active_test=False)
            .search(
                [
                    ("company_partner_id", "=", (company or self.customer).id),
                    ("name", "=", name),
                ]
            )
        )

    # ------------------------------------------------------------------
    def test_admin_creates_edits_archives_a_pool(self):
        self.login(self.admin)
        page = self.url_open("/my/team/pools")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Purchasing desk", page.text)
        self.assertNotIn("Their desk", page.text)
        self.assertIn("/my/team/pools", self.url_open("/my/team").text)
        form = self.url_open("/my/team/pools/new")
        self.assertIn(self.pia.partner_id.name, form.text)
        # The way back: Team / Pools of approvers / New pool.
        crumbs = form.text.split("o_portal_submenu", 1)[1].split("</ol>", 1)[0]
        self.assertIn('href="/my/team"', crumbs)
        self.assertIn('href="/my/team/pools"', crumbs)
        self.assertIn('href="/my/team"', page.text.split("</ol>", 1)[0])
        self.assertNotIn(self.buyer.partner_id.name, form.text, "not an approver")
        self.post(
            "/my/team/pools/save",
            [
                ("name", "Night shift"),
                ("member_ids", str(self.pia.partner_id.id)),
                ("member_ids", str(self.approver_1.partner_id.id)),
            ],
        )
        pool = self.find("Night shift")
        self.assertEqual(pool.member_ids, (self.pia | self.approver_1).partner_id)
        self.post(
            "/my/team/pools/save",
            [
                ("pool_id", str(pool.id)),
                ("name", "Night desk"),
                ("member_ids", str(self.paul.partner_id.id)),
            ],
        )
        self.assertEqual(pool.name, "Night desk")
        self.assertEqual(pool.member_ids, self.paul.partner_id)
        self.post(f"/my/team/pools/{pool.id}/active", {"active": "0"})
        self.assertFalse(pool.active)
        # A pool in use is not archived.
        page = self.post(f"/my/team/pools/{self.pool.id}/active", {"active": "0"})
        self.assertTrue(self.pool.active)
        self.assertIn("Petra Buyer", page.text)

    def test_admin_sets_a_persons_next_approver_pool(self):
        self.login(self.admin)
        fay = self.free_buyer.partner_id
        form = self.url_open(f"/my/team/{fay.id}")
        self.assertIn("Purchasing desk", form.text)
        self.post(
            "/my/team/save",
            {
                "member_id": str(fay.id),
                "name": fay.name,
                "email": fay.email,
                "approval_mode": "always",
                "pool_shown": "1",
                "next_approver_pool_id": str(self.pool.id),
            },
        )
        self.assertEqual(fay.next_approver_pool_id, self.pool)
        # Another company's pool: refused, nothing changed.
        page = self.post(
            "/my/team/save",
            {
                "member_id": str(fay.id),
                "name": fay.name,
                "email": fay.email,
                "approval_mode": "always",
                "pool_shown": "1",
                "next_approver_pool_id": str(self.stranger_pool.id),
            },
        )
        self.assertIn("Choose a pool of approvers of your company", page.text)
        self.assertEqual(fay.next_approver_pool_id, self.pool)

    def test_others_are_refused(self):
        for user in (self.buyer, self.pia):
            with self.subTest(user=user.name):
                self.login(user)
                for url in (
                    "/my/team/pools",
                    "/my/team/pools/new",
                    f"/my/team/pools/{self.pool.id}",
                ):
                    self.assertEqual(self.url_open(url).status_code, 404, url)
                response = self.post(
                    "/my/team/pools/save",
                    [("name", "Mine"), ("member_ids", str(user.partner_id.id))],
                )
                self.assertEqual(response.status_code, 404)
                response = self.post(
                    f"/my/team/pools/{self.pool.id}/active", {"active": "0"}
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.find("Mine"))
        self.assertTrue(self.pool.active)

    def test_forged_ids_of_another_company(self):
        self.login(self.admin)
        other = self.stranger_pool
        for url, data in (
            (f"/my/team/pools/{other.id}", None),
            (f"/my/team/pools/{other.id}/active", {"active": "0"}),
            (
                "/my/team/pools/save",
                [("pool_id", str(other.id)), ("name", "Mine now")],
            ),
        ):
            with self.subTest(url=url):
                if data is None:
                    response = self.url_open(url)
                else:
                    response = self.post(url, data)
                self.assertEqual(response.status_code, 404)
        self.assertTrue(other.active)
        self.assertEqual(other.name, "Their desk")
        # Another company's person as a member: refused, nothing saved.
        page = self.post(
            "/my/team/pools/save",
            [("name", "Mixed"), ("member_ids", str(self.stranger.partner_id.id))],
        )
        self.assertIn("Choose among the approvers", page.text)
        self.assertFalse(self.find("Mixed"))
        # The stranger's admin sees nothing of ours.
        self.login(self.stranger)
        self.assertEqual(
            self.url_open(f"/my/team/pools/{self.pool.id}").status_code, 404
        )
        self.assertNotIn("Purchasing desk", self.url_open("/my/team/pools").text)

    def test_rpc_reads_only_its_own_company_pools(self):
        def call(user, model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                get_db_name(), user.id, user.login, model, method, list(args), kwargs
            )

        found = call(
            self.stranger, "customer.approval.pool", "search_read", [], fields=["name"]
        )
        self.assertEqual([row["name"] for row in found], ["Their desk"])
        with self.assertRaises(Fault):
            call(
                self.stranger,
                "customer.approval.pool",
                "read",
                [self.pool.id],
                ["name"],
            )
        with self.assertRaises(Fault):
            call(
                self.stranger,
                "customer.approval.pool",
                "write",
                self.stranger_pool.ids,
                {"name": "X"},
            )
        self.assertEqual(self.stranger_pool.name, "Their desk")
        # A forged pool of another company on one's own settings.
        with self.assertRaises(Fault):
            call(
                self.admin,
                "res.partner",
                "write",
                self.petra.partner_id.ids,
                {"next_approver_pool_id": self.stranger_pool.id},
            )
        self.assertEqual(self.petra.partner_id.next_approver_pool_id, self.pool)
        # An order waiting for the pool: its members read it, the stranger not.
        order = self._pool_order()
        self.assertTrue(call(self.pia, "sale.order", "read", order.ids, ["name"]))
        with self.assertRaises(Fault):
            call(self.stranger, "sale.order", "action_customer_approve", order.ids)
        with self.assertRaises(Fault):
            call(self.buyer, "sale.order", "read", order.ids, ["name"])

    def test_members_pages_before_and_after_a_decision(self):
        order = self._pool_order()
        for member in self.members:
            with self.subTest(member=member.name):
                self.login(member)
                self.assertIn(order.name, self.url_open("/my/approvals").text)
                page = self.url_open(f"/my/approvals/{order.id}")
                self.assertEqual(page.status_code, 200)
        self._approve(order, self.pia)
        self.login(self.paul)
        self.assertNotIn(order.name, self.url_open("/my/approvals").text)
        page = self.url_open(f"/my/approvals/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Pia Pool", page.text)
        response = self.url_open(
            f"/my/approvals/{order.id}/approve",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.env.invalidate_all()
        self.assertEqual(
            order.approval_history_ids[-1].approver_id, self.pia.partner_id
        )
        self.assertEqual(
            len(
                order.approval_history_ids.filtered(lambda h: h.decision == "released")
            ),
            1,
        )
        self.assertTrue(response.ok or response.status_code == 404)
