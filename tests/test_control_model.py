# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The checks of the rules and settings the portal relies on, on the models
(backoffice and RPC meet them too), and the demo's vendor rule and log."""

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common_purchasing import PurchasingCase
from .test_installation import DEMO, DemoDataCase


@tagged("post_install", "-at_install")
class TestControlModel(PurchasingCase):
    def test_a_category_rule_keeps_its_categories(self):
        rule = self._rule("category", category_ids=self.tools.ids)
        with self.assertRaises(ValidationError):
            rule.write({"category_ids": [(5,)]})

    def test_escalation_days_are_bounded(self):
        with self.assertRaises(ValidationError):
            self.customer.approval_escalation_days = -1
        with self.assertRaises(ValidationError):
            self.customer.approval_escalation_days = 400
        self.customer.approval_escalation_days = 365

    def test_the_errors_of_a_rule_by_field(self):
        draft = self.env["customer.purchasing.rule"].new(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "category",
                "scope": "partners",
            }
        )
        self.assertEqual(set(draft._get_rule_errors()), {"category_ids", "partner_ids"})

    def test_people_of_a_company_are_logged_no_settings(self):
        count = self.env["customer.control.change"].search_count([])
        self.lena.partner_id.ask_cost_centre = True  # a person, not the company
        self.assertEqual(self.env["customer.control.change"].search_count([]), count)


@tagged("post_install", "-at_install")
class TestControlDemo(DemoDataCase, TransactionCase):
    def test_demo_vendor_rule_and_log(self):
        fjord = self.env.ref(DEMO + "partner_fjord_engineering")
        rule = self.env.ref(DEMO + "purchasing_rule_fjord_vendor_ceiling")
        self.assertTrue(rule.vendor_owned)
        self.assertEqual(rule.company_partner_id, fjord)
        changes = self.env["customer.control.change"].search(
            [("company_partner_id", "=", fjord.id)]
        )
        self.assertIn("write", changes.mapped("change_type"))
        self.assertIn(self.env.ref(DEMO + "user_anna"), changes.user_id)
