# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The vendor's chatter speaks the vendor's language, whoever acted: a German
approver does not make a French vendor's chatter German."""

from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestChatterLanguage(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "de_DE"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(
            ["website_sale_customer_approval"], ["fr_FR", "de_DE"]
        )
        cls.env.company.partner_id.lang = "fr_FR"
        for user in (cls.buyer, cls.approver_1, cls.approver_2):
            user.lang = "de_DE"

    def bodies(self, order):
        logged = order.message_ids.filtered(lambda m: m.message_type == "notification")
        return logged.sorted("id").mapped("body")

    def test_steps_are_logged_in_the_vendor_language(self):
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        self._approve(order, self.approver_1)
        order.with_user(self.approver_2).action_customer_reject("Zu teuer")
        bodies = " ".join(self.bodies(order))
        self.assertIn("Soumise pour approbation à Alf Lead", bodies)
        self.assertIn("Approuvée par Alf Lead (niveau 1) et transmise", bodies)
        self.assertIn("Refusée par Bea Boss (niveau 2).", bodies)
        # The approver's own words stay as written.
        self.assertIn("Zu teuer", bodies)
        self.assertNotIn("Zur Freigabe eingereicht", bodies)

    def test_e_mail_decision_note_in_the_vendor_language(self):
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        order.with_user(self.approver_1).with_context(
            customer_approval_from_email=True
        ).action_customer_approve()
        body = self.bodies(order)[-1]
        self.assertIn("Approuvée par Alf Lead", body)
        self.assertNotIn("decided from the e-mail", body)

    def test_vendor_language_falls_back(self):
        order = self._create_order(self.buyer, amount=100)
        self.assertEqual(order._customer_approval_vendor_lang(), "fr_FR")
        self.env.company.partner_id.lang = False
        self.salesperson.lang = "de_DE"
        self.assertEqual(order._customer_approval_vendor_lang(), "de_DE")
