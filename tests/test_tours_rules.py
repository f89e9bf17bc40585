# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase
from .markers import tour

pytestmark = [tour]


@tagged("post_install", "-at_install")
class TestTeamRuleTour(HttpCase, CustomerApprovalCase):
    """In the browser: a customer admin edits a purchasing rule of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["customer.purchasing.rule"]
        cls.rule = Rule.create(
            {
                "name": "Tour maximum",
                "company_partner_id": cls.customer.id,
                "rule_type": "max_amount",
                "amount": 1000,
            }
        )
        cls.vendor_rule = Rule.create(
            {
                "name": "Tour vendor ceiling",
                "company_partner_id": cls.customer.id,
                "rule_type": "max_amount",
                "amount": 9000,
                "vendor_owned": True,
            }
        )

    def test_admin_edits_a_rule(self):
        self.start_tour(
            "/my/team", "customer_approval_team_rule_edit", login=self.admin.login
        )
        self.assertRecordValues(
            self.rule, [{"amount": 1500, "required_level": "admin"}]
        )
        self.assertEqual(self.vendor_rule.amount, 9000)
        change = self.env["customer.control.change"].search(
            [("res_id", "=", self.rule.id), ("change_type", "=", "write")]
        )
        self.assertEqual(change.user_id, self.admin)


@tagged("post_install", "-at_install")
class TestTeamSettingsPhoneTour(HttpCase, CustomerApprovalCase):
    """On a phone: a customer admin sets four eyes and the managers' rights."""

    browser_size = "390x844"
    touch_enabled = True

    def test_admin_sets_four_eyes_on_a_phone(self):
        self.start_tour(
            "/my/team/settings",
            "customer_approval_team_settings_phone",
            login=self.admin.login,
        )
        self.assertRecordValues(
            self.customer,
            [
                {
                    "approval_distinct_count": 2,
                    "approval_distinct_amount": 1000,
                    "department_manager_rights": "see",
                }
            ],
        )
