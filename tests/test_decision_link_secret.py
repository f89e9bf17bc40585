# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The secret of an e-mail decision link stays out of the pages it opens
(canonical link, og:url, alternate languages, the language switcher, the login
link) and out of the server's request log."""

import logging
import re
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase

LINK = re.compile(r'href="([^"]*/approval/decide/[^"]+)"')
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
TAG = re.compile(r"<[^>]+>")


@tagged("post_install", "-at_install")
class TestDecisionLinkSecret(HttpCase, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Two languages: Odoo's layout then writes alternate links and a
        # language switcher, each from the address of the page.
        cls.env["res.lang"]._activate_lang("fr_FR")
        website = cls.env["website"].get_current_website()
        website.language_ids |= cls.env.ref("base.lang_fr")
        cls.order = cls._create_order(cls.buyer, amount=2000)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()

    def link(self):
        mail = self._mails(self.order, "mail_template_approval_request").filtered(
            lambda m: self.approver_1.partner_id in m.recipient_ids
        )
        return urlsplit(LINK.findall(mail.sorted("id")[-1].body_html)[0]).path

    def tags_with(self, html, secret):
        return [tag for tag in TAG.findall(html) if secret in tag]

    def test_pages_of_the_link_never_repeat_its_secret(self):
        path = self.link()
        secret = path.rsplit("/", 1)[1]
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(secret, page.url, "the address bar keeps no secret")
        self.assertIn("Approve the order", page.text)
        tags = self.tags_with(page.text, secret)
        # Only the hidden field of the form that takes the decision.
        self.assertEqual(len(tags), 1, tags)
        self.assertIn('type="hidden"', tags[0])
        for name in ("canonical", "og:url", "alternate"):
            for tag in TAG.findall(page.text):
                if name in tag:
                    self.assertNotIn(secret, tag)
        form = re.search(r"<form[^>]*o_email_decision_form[^>]*>", page.text)
        self.assertNotIn(secret, form.group(0))
        result = self.url_open(
            re.search(r'action="([^"]+)"', form.group(0)).group(1),
            data={
                "csrf_token": CSRF.search(page.text).group(1),
                "token": secret,
                "comment": "ok",
            },
        )
        self.assertIn(f"Order {self.order.name} is approved", result.text)
        self.assertNotIn(secret, result.text)
        # Opened again: the refusal page repeats no secret either.
        again = self.url_open(path)
        self.assertIn("already used", again.text)
        self.assertFalse(self.tags_with(again.text, secret))

    def test_request_log_masks_the_secret(self):
        path = self.link()
        token_id, secret = path.rsplit("/", 1)[1].split(".", 1)
        for logger, args in (
            # The access log line of Odoo's server (werkzeug's request handler)
            (
                "werkzeug",
                (
                    '%s - - [%s] "%s" %s %s',
                    "127.0.0.1",
                    "05/Dec/2026 10:00:00",
                    f"GET {path} HTTP/1.1",
                    "200",
                    "-",
                ),
            ),
            # Odoo's warning of a POST without its CSRF token
            ("odoo.http", ("CSRF validation failed on path '%s'", path)),
        ):
            with self.subTest(logger=logger), self.assertLogs(logger) as logs:
                logging.getLogger(logger).warning(*args)
            line = logs.records[0].getMessage()
            self.assertNotIn(secret, line)
            self.assertIn(f"/approval/decide/{token_id}.", line)
