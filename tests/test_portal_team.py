# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestPortalTeam(HttpCase, CustomerApprovalCase):
    """The customer admin's /my/team and /my/team/statistics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        cls.stranger = cls._create_sub_account(
            "Olga Owner", company=other, is_customer_admin=True
        )

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()  # the request changed the records under our cache
        return response

    def form(self, **values):
        return dict(
            {
                "name": "Nina New",
                "email": "nina@acme.example",
                "password": "secret-6",
                "approval_mode": "none",
                "approval_breakpoint_enabled": "on",
                "approval_breakpoint": "300",
                "next_approver_id": str(self.approver_1.partner_id.id),
            },
            **values,
        )

    def test_only_customer_admins_see_the_team(self):
        for user in (self.buyer, self.approver_1, self.stranger):
            with self.subTest(user=user.name):
                self.login(user)
                if user == self.stranger:
                    # An admin of another company sees their own team, not ours.
                    page = self.url_open("/my/team")
                    self.assertNotIn(self.buyer.name, page.text)
                    member = self.url_open(f"/my/team/{self.buyer.partner_id.id}")
                    self.assertEqual(member.status_code, 404)
                    response = self.post(
                        "/my/team/save",
                        **self.form(member_id=str(self.buyer.partner_id.id)),
                    )
                    self.assertEqual(response.status_code, 404)
                    stats = self.url_open(
                        f"/my/team/statistics?member_id={self.buyer.partner_id.id}"
                    )
                    self.assertEqual(stats.status_code, 404)
                    continue
                for url in ("/my/team", "/my/team/new", "/my/team/statistics"):
                    self.assertEqual(self.url_open(url).status_code, 404, url)
                self.assertEqual(
                    self.post("/my/team/save", **self.form()).status_code, 404
                )
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "nina@acme.example")])
        )

    def test_team_list_shows_each_persons_settings(self):
        self.buyer.partner_id.contract_assortment_only = True
        self.login(self.admin)
        page = self.url_open("/my/team").text

        def row(user):
            start = page.index(f'href="/my/team/{user.partner_id.id}"')
            return page[start : page.index("</tr>", start)]

        self.assertIn("Sees only the contract assortment", row(self.buyer))
        self.assertIn(self.approver_1.name, row(self.buyer))  # the chain above
        self.assertNotIn("Sees only the contract assortment", row(self.approver_1))

    def test_admin_creates_a_buyer_who_logs_in(self):
        self.login(self.admin)
        page = self.url_open("/my/team")
        self.assertIn(self.approver_1.name, page.text)
        response = self.post("/my/team/save", **self.form())
        self.assertIn("/my/team", response.url)
        user = self.env["res.users"].search([("login", "=", "nina@acme.example")])
        self.assertTrue(user._is_portal())
        partner = user.partner_id
        self.assertEqual(partner.parent_id, self.customer)
        self.assertEqual(partner.next_approver_id, self.approver_1.partner_id)
        self.assertEqual(partner.approval_breakpoint, 300)
        self.authenticate("nina@acme.example", "secret-6")
        self.assertEqual(self.url_open("/my").status_code, 200)

    def test_invitation_instead_of_password(self):
        self.login(self.admin)
        self.post("/my/team/save", **self.form(password="", invite="on"))
        user = self.env["res.users"].search([("login", "=", "nina@acme.example")])
        self.assertTrue(user)
        # The invitation (Odoo's own sign-up e-mail) prepared a sign-up link.
        self.assertEqual(user.partner_id.signup_type, "signup")

    def test_every_field_is_checked_on_the_server(self):
        self.login(self.admin)
        stranger_id = str(self.stranger.partner_id.id)
        cases = {
            "name": {"name": "  "},
            "email": {"email": "not-an-email"},
            "password": {"password": "12345"},
            "approval_breakpoint": {"approval_breakpoint": "-5"},
            "approval_mode": {"approval_mode": "whatever"},
            "next_approver_id": {"next_approver_id": stranger_id},
        }
        for field, values in cases.items():
            with self.subTest(field=field):
                page = self.post("/my/team/save", **self.form(**values))
                self.assertEqual(page.status_code, 200)
                self.assertIn("invalid-feedback", page.text)
                self.assertIn("nothing was saved", page.text)
        # A login that is already taken.
        page = self.post("/my/team/save", **self.form(email=self.buyer.login))
        self.assertIn("already someone", page.text)
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "nina@acme.example")])
        )

    def test_engine_rules_refuse_a_cycle(self):
        self.login(self.admin)
        page = self.post(
            "/my/team/save",
            **self.form(
                member_id=str(self.approver_3.partner_id.id),
                name=self.approver_3.name,
                email=self.approver_3.login,
                password="",
                is_order_approver="on",
                next_approver_id=str(self.approver_1.partner_id.id),
            ),
        )
        self.assertIn("circle", page.text)
        self.assertFalse(self.approver_3.partner_id.next_approver_id)

    def test_deactivate_and_reactivate(self):
        self.login(self.admin)
        # The next approver of someone cannot go: the chain would break.
        self.post(f"/my/team/{self.approver_1.partner_id.id}/active", active="0")
        self.assertTrue(self.approver_1.active)
        response = self.post(
            f"/my/team/{self.free_buyer.partner_id.id}/active", active="0"
        )
        self.assertNotIn("error=", response.url)
        self.assertFalse(self.free_buyer.active)
        self.assertFalse(self.free_buyer.partner_id.active)
        self.post(f"/my/team/{self.free_buyer.partner_id.id}/active", active="1")
        self.assertTrue(self.free_buyer.active)
        self.assertTrue(self.free_buyer.partner_id.active)

    def test_statistics_per_person(self):
        order = self._create_order(self.buyer, amount=700)
        order.with_user(self.buyer).action_submit_for_customer_approval()
        released = self._create_order(self.free_buyer, amount=250)
        released.action_confirm()
        self.login(self.admin)
        page = self.url_open("/my/team/statistics")
        self.assertIn(self.buyer.name, page.text)
        self.assertIn(self.free_buyer.name, page.text)
        rows = self.env["sale.order"]._get_team_spending(
            self.customer, order.date_order.date(), order.date_order.date()
        )
        by_name = {row["partner"].name: row for row in rows}
        self.assertEqual(by_name[self.buyer.name]["waiting"], 1)
        self.assertEqual(by_name[self.free_buyer.name]["total"], 250)
        detail = self.url_open(
            f"/my/team/statistics?member_id={self.buyer.partner_id.id}"
        )
        self.assertIn(order.name, detail.text)
