# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Markup facts behind the axe-core audit of `make a11y` (scripts/a11y.py):
what the audit found on the addon's pages, checked without a browser."""

from lxml import html

from odoo import http
from odoo.tests import tagged

from .common_lists import ShoppingListCase

# Colours of Odoo's default website theme below WCAG AA contrast (4.5:1) for
# the small text of a badge or button, as axe-core measured them: text-bg-success
# 4.38, text-bg-secondary 2.5, text-bg-light 2.0, btn-success 3.13,
# btn-outline-secondary 2.6, btn-outline-success 3.43.
LOW_CONTRAST = {
    "text-bg-success",
    "text-bg-secondary",
    "text-bg-light",
    "btn-success",
    "btn-outline-secondary",
    "btn-outline-success",
}


@tagged("post_install", "-at_install")
class TestAccessibility(ShoppingListCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["customer.department"].create(
            {"name": "Workshop floor", "company_partner_id": cls.customer.id}
        )
        cls.buyer.partner_id.customer_department_id = cls.department
        cls.order = cls._create_order(cls.buyer, amount=800.0)

    def setUp(self):
        super().setUp()
        self._submit(self.order)

    def page(self, user, url):
        self.authenticate(user.login, user.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.text)

    def main(self, tree):
        """The page's content, without Odoo's own header and footer."""
        return tree.get_element_by_id("wrap")

    def assert_contrast_classes(self, tree, url):
        for element in self.main(tree).iter():
            classes = set((element.get("class") or "").split())
            self.assertFalse(
                classes & LOW_CONTRAST,
                "%s: %s" % (url, html.tostring(element)[:200]),
            )

    def test_buttons_have_names(self):
        tree = self.page(self.approver_1, "/my/approvals")
        buttons = self.main(tree).xpath("//button")
        self.assertTrue(buttons)
        for button in buttons:
            self.assertTrue(
                button.text_content().strip() or button.get("aria-label"),
                html.tostring(button),
            )

    def test_contrast_of_badges_and_buttons(self):
        self.env["customer.department"].create(
            {"name": "Closed", "code": "CL", "company_partner_id": self.customer.id}
        )
        self.free_buyer.active = False
        self.free_buyer.partner_id.active = False
        pages = [
            (self.approver_1, "/my/approvals"),
            (self.approver_1, self.order.get_customer_approval_url()),
            (self.admin, "/my/team"),
            (self.buyer, "/my/lists"),
            (self.buyer, "/my/lists/%s" % self.company_list.id),
            (self.buyer, "/my/lists/%s" % self.private.id),
            (self.restricted, "/shop/contract"),
        ]
        for user, url in pages:
            with self.subTest(url=url):
                self.assert_contrast_classes(self.page(user, url), url)
        # Odoo's order page: the addon's button (Odoo's own have their colours).
        tree = self.page(self.buyer, self.order.get_portal_url())
        withdraw = tree.xpath("//button[hasclass('o_approval_withdraw_open')]")
        self.assertTrue(withdraw)
        self.assertFalse(set(withdraw[0].get("class").split()) & LOW_CONTRAST)

    def test_links_in_text_are_underlined(self):
        tree = self.page(self.admin, "/my/team")
        links = self.main(tree).xpath(
            "//a[starts-with(@href, '/my/team/departments/')]"
            "[not(contains(@class, 'btn'))]"
        )
        self.assertTrue(links)
        for link in links:
            self.assertIn("text-decoration-underline", link.get("class", ""))

    def test_chart_has_a_text_alternative(self):
        self._approve(self.order, self.approver_1)
        tree = self.page(self.admin, "/my/team/statistics")
        canvas = self.main(tree).xpath(
            "//div[hasclass('o_team_spending_chart')]/canvas"
        )
        self.assertTrue(canvas, "no chart")
        self.assertEqual(canvas[0].get("role"), "img")
        self.assertTrue(canvas[0].get("aria-label"))
        described = canvas[0].get("aria-describedby")
        self.assertTrue(described, "the chart names no table of its figures")
        figures = tree.get_element_by_id(described)
        self.assertTrue(figures.xpath(".//table//td"), "no figures")

    def test_results_and_errors_are_announced(self):
        self.authenticate(self.approver_1.login, self.approver_1.login)
        response = self.url_open(
            self.order.get_customer_approval_url("approve"),
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        tree = html.fromstring(response.text)
        messages = self.main(tree).xpath("//div[hasclass('alert-success')]")
        self.assertTrue(messages, response.url)
        self.assertEqual(messages[0].get("role"), "status")
        self.assertEqual(messages[0].get("aria-live"), "polite")
        # Focused on load, so that a screen reader reads the result at once.
        self.assertEqual(messages[0].get("tabindex"), "-1")
        self.assertIsNotNone(messages[0].get("autofocus"))

    def test_team_form_errors_belong_to_their_field(self):
        self.authenticate(self.admin.login, self.admin.login)
        response = self.url_open(
            "/my/team/save",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "name": "Nina New",
                "email": "not an e-mail",
                "password": "short",
                "approval_mode": "none",
            },
        )
        tree = html.fromstring(response.text)
        invalid = self.main(tree).xpath("//input[hasclass('is-invalid')]")
        self.assertTrue(invalid, response.text[:500])
        for field in invalid:
            self.assertEqual(field.get("aria-invalid"), "true", field.get("name"))
            error = tree.get_element_by_id(field.get("aria-describedby") or "-")
            self.assertTrue(error.text_content().strip())

    def test_portal_home_pictograms_have_alt(self):
        tree = self.page(self.admin, "/my")
        images = tree.xpath("//div[hasclass('o_portal_icon')]/img")
        self.assertTrue(images)
        for image in images:
            self.assertIsNotNone(image.get("alt"), image.get("src"))
