# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytz

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import format_amount

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
        # Logins the customer admin must never manage, though their contacts are
        # placed under the customer company: a vendor's internal user (active or
        # archived) and a share user who is not a portal user.
        cls.internal_user = cls._create_foreign_user("Ian Internal", "base.group_user")
        cls.archived_internal_user = cls._create_foreign_user(
            "Ivy Inactive", "base.group_user"
        )
        cls.archived_internal_user.active = False
        cls.archived_internal_user.partner_id.active = False
        cls.public_user = cls._create_foreign_user("Pia Public", "base.group_public")

    @classmethod
    def _create_foreign_user(cls, name, group_xmlid):
        login = "%s@vendor.example" % name.lower().replace(" ", ".")
        user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "group_ids": [Command.set([cls.env.ref(group_xmlid).id])],
                }
            )
        )
        user.partner_id.parent_id = cls.customer
        return user

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

        self.assertIn("Contract assortment only", row(self.buyer))
        self.assertIn(self.approver_1.name, row(self.buyer))  # the chain above
        self.assertNotIn("Contract assortment only", row(self.approver_1))

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
        response = self.post(
            f"/my/team/{self.approver_1.partner_id.id}/active", active="0"
        )
        self.assertTrue(self.approver_1.active)
        self.assertIn("alert-danger", response.text)
        self.assertIn("cannot be archived", response.text)
        response = self.post(
            f"/my/team/{self.free_buyer.partner_id.id}/active", active="0"
        )
        self.assertNotIn("error=", response.url)
        self.assertFalse(self.free_buyer.active)
        self.assertFalse(self.free_buyer.partner_id.active)
        # The admin is told what happened, as after saving.
        self.assertIn(
            "Fay Free is deactivated: they can no longer log in.", response.text
        )
        self.assertIn("alert-success", response.text)
        response = self.post(
            f"/my/team/{self.free_buyer.partner_id.id}/active", active="1"
        )
        self.assertTrue(self.free_buyer.active)
        self.assertTrue(self.free_buyer.partner_id.active)
        self.assertIn("Fay Free is active again: they can log in again.", response.text)

    def test_team_list_states_each_rule_in_one_phrase(self):
        self.admin.partner_id.write(
            {"is_order_approver": True, "contract_assortment_only": True}
        )
        self.login(self.admin)
        page = self.url_open("/my/team").text

        def row(user):
            start = page.index(f'data-member-id="{user.partner_id.id}"')
            return page[start : page.index("</tr>", start)]

        amount = format_amount(self.env, 500, self.currency)
        self.assertIn(f"Orders above {amount} need approval", row(self.buyer))
        # No mode next to a breakpoint that contradicts it.
        self.assertNotIn("No restriction", page)
        self.assertIn("Orders without restriction", row(self.free_buyer))
        # An approver's breakpoint is also where their approval stops being final.
        limit = format_amount(self.env, 1000, self.currency)
        self.assertIn(
            f"Approves up to {limit}; above, passes on to Bea Boss",
            row(self.approver_1),
        )
        # All the rights of a person are shown, in a cell whose badges wrap.
        admin_row = row(self.admin)
        for right in ("Customer admin", "Approver", "Contract assortment only"):
            self.assertIn(right, admin_row)
        self.assertIn("flex-wrap", admin_row)

    def test_breakpoint_input_shows_its_currency(self):
        self.login(self.admin)
        for url in ("/my/team/new", f"/my/team/{self.buyer.partner_id.id}"):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertIn("o_team_breakpoint_currency", page)
                start = page.index("o_team_breakpoint_currency")
                self.assertIn(self.currency.symbol, page[start : start + 200])
        page = self.url_open(f"/my/team/{self.buyer.partner_id.id}").text
        self.assertIn('value="500.00"', page)

    def test_statistics_per_person(self):
        order = self._create_order(self.buyer, amount=700)
        order.with_user(self.buyer).action_submit_for_customer_approval()
        released = self._create_order(self.free_buyer, amount=250)
        released.action_confirm()
        self.login(self.admin)
        page = self.url_open("/my/team/statistics")
        self.assertIn(self.buyer.name, page.text)
        self.assertIn(self.free_buyer.name, page.text)
        # The statistics count the customer company's days (see
        # res.partner._get_customer_spending_timezone): the order's day there, not
        # its UTC date nor the admin's (they differ late in the evening).
        zone = self.customer._get_customer_spending_timezone()
        day = pytz.utc.localize(order.date_order).astimezone(zone).date()
        rows = self.env["sale.order"]._get_team_spending(self.customer, day, day)
        by_name = {row["partner"].name: row for row in rows}
        self.assertEqual(by_name[self.buyer.name]["waiting"], 1)
        # Waiting for approval spends, as it counts against budgets.
        self.assertEqual(by_name[self.buyer.name]["spent"], 700)
        self.assertEqual(by_name[self.free_buyer.name]["spent"], 250)
        detail = self.url_open(
            f"/my/team/statistics?member_id={self.buyer.partner_id.id}"
        )
        self.assertIn(order.name, detail.text)

    def test_admin_cannot_manage_users_who_are_not_portal_users(self):
        self.login(self.admin)
        team_page = self.url_open("/my/team").text
        for user in (self.internal_user, self.archived_internal_user, self.public_user):
            with self.subTest(user=user.name):
                partner_id = user.partner_id.id
                login, active = user.login, user.active
                self.assertNotIn(f'href="/my/team/{partner_id}"', team_page)
                self.assertEqual(
                    self.url_open(f"/my/team/{partner_id}").status_code, 404
                )
                # A forged form: take over the login and its password.
                response = self.post(
                    "/my/team/save",
                    **self.form(
                        member_id=str(partner_id),
                        name=user.name,
                        email="taken.over@acme.example",
                        password="taken-over",
                        next_approver_id="",
                    ),
                )
                self.assertEqual(response.status_code, 404)
                # Archive the internal user, or bring the archived one back.
                response = self.post(
                    f"/my/team/{partner_id}/active", active="1" if not active else "0"
                )
                self.assertEqual(response.status_code, 404)
                self.assertEqual(user.login, login)
                self.assertEqual(user.active, active)
        # The internal user still logs in with their own password.
        self.authenticate(self.internal_user.login, self.internal_user.login)
        self.assertEqual(self.url_open("/odoo").status_code, 200)

    def test_admin_cannot_manage_another_company(self):
        self.login(self.admin)
        stranger_id = self.stranger.partner_id.id
        response = self.post(f"/my/team/{stranger_id}/active", active="0")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.stranger.active)
        response = self.post(
            "/my/team/save",
            **self.form(
                member_id=str(stranger_id),
                name="Olga Owner",
                email=self.stranger.login,
                next_approver_id="",
            ),
        )
        self.assertEqual(response.status_code, 404)
        # An id that is not a number matches nobody.
        response = self.post("/my/team/save", **self.form(member_id="1 OR 1=1"))
        self.assertEqual(response.status_code, 404)

    def test_team_methods_check_the_member_themselves(self):
        # The model does not rely on the portal having looked the member up.
        admin = self.admin.partner_id.with_user(self.admin)
        data = {
            "name": "Taken Over",
            "email": "taken.over@acme.example",
            "password": "taken-over",
            "approval_mode": "none",
        }
        for user in (self.internal_user, self.public_user, self.stranger):
            with self.subTest(user=user.name):
                partner = user.partner_id
                with self.assertRaises(AccessError):
                    admin._set_team_member_active(partner, False)
                with self.assertRaises(AccessError):
                    admin._save_team_member(data, partner)
                self.assertTrue(user.active)
                self.assertNotEqual(user.login, "taken.over@acme.example")
        self.assertEqual(
            admin._get_team_member(self.internal_user.partner_id.id),
            self.env["res.partner"],
        )
        self.assertIn(self.buyer.partner_id, admin._get_team())
        self.assertNotIn(self.internal_user.partner_id, admin._get_team())

    def test_next_approver_offered_only_from_the_company(self):
        self.login(self.admin)
        page = self.url_open("/my/team/new").text
        self.assertIn(f'value="{self.approver_1.partner_id.id}"', page)
        self.assertNotIn(f'value="{self.stranger.partner_id.id}"', page)

    def test_reminder_lists_only_waiting_orders_of_the_company(self):
        waiting = self._create_order(self.buyer, amount=700)
        self._submit(waiting)
        draft = self._create_order(self.buyer, amount=50)
        foreign = self._create_order(self.stranger, amount=80)
        approver = self.approver_1.partner_id.with_context(
            approval_reminder_order_ids=[waiting.id, draft.id, foreign.id, "x"]
        )
        self.assertEqual(approver._get_approval_reminder_orders(), waiting)
