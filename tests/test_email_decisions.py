# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import re
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CustomerApprovalCase
from .markers import tour

LINK = re.compile(r'href="([^"]*/approval/decide/[^"]+)"')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CONTROLLER_LOGGER = (
    "odoo.addons.website_sale_customer_approval.controllers.email_decisions"
)


@tagged("post_install", "-at_install")
class TestEmailDecisions(HttpCase, CustomerApprovalCase):
    """The Approve / Reject links of approval e-mails, over HTTP, without login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order(cls.buyer, amount=2000)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()

    def links(self, order, partner, template="mail_template_approval_request"):
        """{"approve": path, "reject": path} of the newest e-mail to ``partner``."""
        mails = self._mails(order, template).filtered(
            lambda mail: partner in mail.recipient_ids
        )
        self.assertTrue(mails, f"no {template} to {partner.name}")
        urls = LINK.findall(mails.sorted("id")[-1].body_html)
        self.assertEqual(len(urls), 2, "an Approve and a Reject link")
        return dict(
            zip(("approve", "reject"), (urlsplit(u).path for u in urls), strict=True)
        )

    def open(self, path):
        """Open a link as a browser does: it moves out of the address at once
        (kept in the session), then the page shows."""
        moved = self.url_open(path, allow_redirects=False)
        self.assertEqual(moved.status_code, 303, path)
        target = urlsplit(moved.headers["Location"])
        self.assertEqual(target.path, "/approval/decide")
        self.assertNotIn(path.rsplit("/", 1)[1], moved.headers["Location"])
        return self.url_open(f"{target.path}?{target.query}", allow_redirects=False)

    def confirm(self, path, **data):
        """Open the page as a browser does, then press its button."""
        page = self.open(path)
        csrf = CSRF.search(page.text)
        self.assertTrue(csrf, "the page has the confirmation button")
        data["csrf_token"] = csrf.group(1)
        data["token"] = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/approval/decide", data=data, allow_redirects=False)

    def post_without_page(self, path, **data):
        """A POST of a link whose page offers no button (the token of another
        visit's page)."""
        self.url_open("/")
        page = self.open(path)
        csrf = CSRF.search(page.text) or CSRF.search(self.url_open("/web/login").text)
        data["csrf_token"] = csrf.group(1)
        return self.url_open(path, data=data, allow_redirects=False)

    def assertWaitsFor(self, order, partner, steps=1):
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, partner)
        self.assertEqual(len(order.approval_history_ids), steps)

    # ------------------------------------------------------------------
    def test_mail_links_open_a_page_that_changes_nothing(self):
        links = self.links(self.order, self.approver_1.partner_id)
        for path in links.values():
            self.assertRegex(path, r"^/approval/decide/\d+\.[\w-]{40,}$")
            for _i in range(2):  # a mail scanner, then the approver
                page = self.open(path)
                self.assertEqual(page.status_code, 200)
                self.assertIn(self.order.name, page.text)
                self.assertIn("Ballpoint pen", page.text)
                self.assertIn("Alf Lead", page.text)
                self.assertEqual(page.headers["Referrer-Policy"], "no-referrer")
        self.assertWaitsFor(self.order, self.approver_1.partner_id)
        tokens = self.env["sale.order.approval.token"].search(
            [("order_id", "=", self.order.id)]
        )
        self.assertEqual(set(tokens.mapped("state")), {"valid"})

    def test_post_approves_as_the_approver_from_the_email(self):
        links = self.links(self.order, self.approver_1.partner_id)
        response = self.confirm(links["approve"], comment="Fine by me")
        self.assertEqual(response.status_code, 200)
        self.assertIn("approved and passed on", response.text)
        self.assertWaitsFor(self.order, self.approver_2.partner_id, steps=2)
        step = self.order.approval_history_ids[-1]
        self.assertEqual(step.decision, "passed_on")
        self.assertEqual(step.approver_id, self.approver_1.partner_id)
        self.assertEqual(step.user_id, self.approver_1)
        self.assertTrue(step.from_email)
        self.assertEqual(step.comment, "Fine by me")
        self.assertIn(
            "decided from the e-mail", "".join(self.order.message_ids.mapped("body"))
        )
        # The next approver's e-mail has links of their own, which release it.
        next_links = self.links(
            self.order, self.approver_2.partner_id, "mail_template_approval_passed_on"
        )
        # Reused, and the other link of the same e-mail: refused.
        for path in links.values():
            with mute_logger(CONTROLLER_LOGGER):
                response = self.post_without_page(path, reason="no", comment="x")
            self.assertNotIn("is rejected", response.text)
        self.assertWaitsFor(self.order, self.approver_2.partner_id, steps=2)
        with mute_logger(CONTROLLER_LOGGER):
            self.assertIn("already used", self.open(links["approve"]).text)
            self.assertIn("no longer valid", self.open(links["reject"]).text)

        self.confirm(next_links["approve"])
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "approved")
        self.assertEqual(self.order.state, "sale")

    def test_reject_needs_a_reason_then_rejects(self):
        links = self.links(self.order, self.approver_1.partner_id)
        with mute_logger(CONTROLLER_LOGGER):
            response = self.confirm(links["reject"], reason="  ")
        self.assertIn("reason for the rejection", response.text)
        self.assertWaitsFor(self.order, self.approver_1.partner_id)
        response = self.confirm(links["reject"], reason="Over budget")
        self.assertIn("is rejected", response.text)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "rejected")
        self.assertEqual(self.order.approval_rejection_reason, "Over budget")
        self.assertTrue(self.order.approval_history_ids[-1].from_email)
        self.assertTrue(self._mails(self.order, "mail_template_order_rejected"))

    def test_expired_link_is_refused(self):
        links = self.links(self.order, self.approver_1.partner_id)
        tokens = self.env["sale.order.approval.token"].search(
            [("order_id", "=", self.order.id)]
        )
        tokens.write({"expires_at": fields.Datetime.now() - timedelta(minutes=1)})
        with mute_logger(CONTROLLER_LOGGER):
            page = self.open(links["approve"])
            self.assertIn("expired", page.text)
            self.assertNotIn('name="csrf_token"', page.text)
            self.assertNotIn("Ballpoint pen", page.text, "no order after expiry")
            self.post_without_page(links["approve"])
        self.assertWaitsFor(self.order, self.approver_1.partner_id)

    def test_expiry_follows_the_setting(self):
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.email_decision_days", "2"
        )
        order = self._create_order(self.buyer, amount=700)
        self._submit(order)
        token = self.env["sale.order.approval.token"].search(
            [("order_id", "=", order.id)], limit=1
        )
        delay = token.expires_at - fields.Datetime.now()
        self.assertTrue(timedelta(days=1, hours=23) < delay <= timedelta(days=2))
        # 0: no links at all
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.email_decision_days", "0"
        )
        order = self._create_order(self.buyer, amount=700)
        self._submit(order)
        mail = self._mails(order, "mail_template_approval_request")
        self.assertNotIn("/approval/decide/", mail.body_html)
        self.assertIn(f"/my/approvals/{order.id}", mail.body_html)

    def test_forged_and_tampered_links_are_refused(self):
        links = self.links(self.order, self.approver_1.partner_id)
        token_id, secret = links["approve"].rsplit("/", 1)[1].split(".", 1)
        other_id = links["reject"].rsplit("/", 1)[1].split(".", 1)[0]
        tampered = secret[:-1] + ("A" if secret[-1] != "A" else "B")
        forged = [
            f"{token_id}.{tampered}",  # one character changed
            f"{other_id}.{secret}",  # the secret of the other link
            f"{int(token_id) + 1000}.{secret}",  # an unknown id
            f"{token_id}.{hashlib.sha256(secret.encode()).hexdigest()}",  # the hash
            f"{token_id}.",
            f"{token_id}",
            f"x{token_id}.{secret}",
            f"{token_id}.{'A' * 300}",
            f"{'9' * 30}.{secret}",  # beyond a database integer
            f"{chr(0x661) * len(token_id)}.{secret}",  # digits, but not ASCII ones
            f"-{token_id}.{secret}",
        ]
        with mute_logger(CONTROLLER_LOGGER):
            for token in forged:
                path = f"/approval/decide/{token}"
                page = self.open(path)
                self.assertEqual(page.status_code, 404, token)
                self.assertNotIn(self.order.name, page.text)
                response = self.post_without_page(path, reason="no")
                self.assertEqual(response.status_code, 404, token)
        self.assertWaitsFor(self.order, self.approver_1.partner_id)
        # The real link still works.
        self.assertEqual(self.open(links["approve"]).status_code, 200)

    def test_link_of_one_order_never_decides_another(self):
        second = self._create_order(self.buyer, amount=700)
        self._submit(second)
        first_links = self.links(self.order, self.approver_1.partner_id)
        second_links = self.links(second, self.approver_1.partner_id)
        first_secret = first_links["approve"].rsplit(".", 1)[1]
        second_id = second_links["approve"].rsplit("/", 1)[1].split(".")[0]
        with mute_logger(CONTROLLER_LOGGER):
            response = self.post_without_page(
                f"/approval/decide/{second_id}.{first_secret}"
            )
        self.assertEqual(response.status_code, 404)
        self.assertWaitsFor(second, self.approver_1.partner_id)
        self.assertWaitsFor(self.order, self.approver_1.partner_id)
        # Each link decides its own order only.
        self.confirm(second_links["approve"])
        second.invalidate_recordset()
        self.assertEqual(second.approval_state, "approved")
        self.assertWaitsFor(self.order, self.approver_1.partner_id)

    def test_changed_order_refuses_the_link(self):
        links = self.links(self.order, self.approver_1.partner_id)
        line = self.order.order_line[0]
        # Changed without an approval step (e.g. by a database fix): the
        # fingerprint no longer matches.
        self.env.cr.execute(
            "UPDATE sale_order_line SET product_uom_qty = 7 WHERE id = %s", [line.id]
        )
        self.env.invalidate_all()
        with mute_logger(CONTROLLER_LOGGER):
            self.assertIn("changed since", self.open(links["approve"]).text)
            self.post_without_page(links["approve"])
        self.assertWaitsFor(self.order, self.approver_1.partner_id)

    def test_approver_changes_in_the_portal_end_the_links(self):
        links = self.links(self.order, self.approver_1.partner_id)
        line = self.order.order_line[0]
        self.order.with_user(self.approver_1).action_customer_change_lines(
            {str(line.id): "0.5"}
        )
        with mute_logger(CONTROLLER_LOGGER):
            self.assertIn("no longer valid", self.open(links["approve"]).text)

    def test_approver_who_lost_the_right_is_refused(self):
        links = self.links(self.order, self.approver_1.partner_id)
        self.buyer.partner_id.next_approver_id = self.approver_2.partner_id
        self.approver_1.partner_id.is_order_approver = False
        with mute_logger(CONTROLLER_LOGGER):
            self.assertIn("no longer decide", self.open(links["approve"]).text)
            self.post_without_page(links["approve"])
        self.assertWaitsFor(self.order, self.approver_1.partner_id)

    def test_link_after_decision_in_the_portal_is_refused(self):
        links = self.links(self.order, self.approver_1.partner_id)
        self.order.with_user(self.admin).action_customer_reject("Not now")
        with mute_logger(CONTROLLER_LOGGER):
            page = self.open(links["approve"])
            self.assertIn("no longer valid", page.text)
            self.post_without_page(links["approve"])
        self.order.invalidate_recordset()
        self.assertEqual(self.order.approval_state, "rejected")

    def test_post_without_csrf_token_decides_nothing(self):
        links = self.links(self.order, self.approver_1.partner_id)
        self.open(links["approve"])
        with mute_logger("odoo.http"):
            response = self.url_open(
                links["approve"], data={"comment": "x"}, allow_redirects=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertWaitsFor(self.order, self.approver_1.partner_id)

    def test_only_the_hash_of_the_secret_is_stored(self):
        links = self.links(self.order, self.approver_1.partner_id)
        token_id, secret = links["approve"].rsplit("/", 1)[1].split(".", 1)
        token = self.env["sale.order.approval.token"].browse(int(token_id))
        self.assertEqual(token.secret_hash, hashlib.sha256(secret.encode()).hexdigest())
        self.assertEqual(token.approver_id, self.approver_1.partner_id)
        self.assertEqual(token.action, "approve")
        self.env.cr.execute(
            "SELECT count(*) FROM sale_order_approval_token WHERE "
            "secret_hash = %s OR fingerprint = %s",
            [secret, secret],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_buyer_and_portal_users_cannot_read_the_links(self):
        messages = (
            self.env["mail.message"]
            .with_user(self.buyer)
            .search([("model", "=", "sale.order"), ("res_id", "=", self.order.id)])
        )
        for message in messages:
            self.assertNotIn("/approval/decide/", message.body or "")
        Token = self.env["sale.order.approval.token"]
        for user in (self.buyer, self.approver_1, self.admin):
            self.assertFalse(Token.with_user(user).has_access("read"))

    def test_sales_managers_audit_the_links_without_their_secrets(self):
        manager = self.env["res.users"].create(
            {
                "name": "Mona Manager",
                "login": "mona.manager@vendor.example",
                "group_ids": [
                    Command.set([self.env.ref("sales_team.group_sale_manager").id])
                ],
            }
        )
        Token = self.env["sale.order.approval.token"].with_user(manager)
        tokens = Token.search([("order_id", "=", self.order.id)])
        self.assertEqual(len(tokens), 2)
        self.assertEqual(tokens.approver_id, self.approver_1.partner_id)
        Token.get_views([(False, "list"), (False, "search")])
        with self.assertRaises(AccessError):
            tokens.read(["secret_hash"])
        with self.assertRaises(AccessError):
            tokens.write({"state": "valid"})
        self.assertFalse(
            self.env["sale.order.approval.token"]
            .with_user(self.salesperson)
            .has_access("read")
        )

    def test_admins_get_links_when_the_order_waits_for_them(self):
        self.buyer.partner_id.next_approver_id = False
        order = self._create_order(self.buyer, amount=700)
        self._submit(order)
        links = self.links(order, self.admin.partner_id)
        self.assertIn("released", self.confirm(links["approve"]).text)
        order.invalidate_recordset()
        self.assertEqual(order.approval_history_ids[-1].user_id, self.admin)


@tour
@tagged("post_install", "-at_install")
class TestEmailDecisionTour(HttpCase, CustomerApprovalCase):
    """The confirmation page in headless Chromium on a phone, without login."""

    browser_size = "390x844"
    touch_enabled = True

    def test_approve_from_the_email_on_a_phone(self):
        order = self._create_order(self.buyer, amount=700)
        self._submit(order)
        mail = self._mails(order, "mail_template_approval_request")
        path = urlsplit(LINK.findall(mail.body_html)[0]).path
        self.start_tour(path, "customer_approval_email_approve")
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        step = order.approval_history_ids[-1]
        self.assertEqual(step.comment, "Approved on the road")
        self.assertTrue(step.from_email)
        self.assertEqual(step.user_id, self.approver_1)
