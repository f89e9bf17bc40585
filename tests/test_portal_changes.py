# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's settings in the portal, and the log of every change of its
rules and settings (the rules: test_portal_rules.py)."""

from odoo.exceptions import AccessError
from odoo.tests import get_db_name, tagged

from .common_portal_rules import PortalRulesCase


@tagged("post_install", "-at_install")
class TestPortalSettings(PortalRulesCase):
    def test_admin_sets_the_company_settings(self):
        self.login(self.admin)
        page = self.url_open("/my/team/settings")
        self.assertEqual(page.status_code, 200)
        self.assertIn('for="settings_approval_escalation_days"', page.text)
        response = self.post(
            "/my/team/settings",
            {
                "delivery_address_policy": "refuse",
                "ask_cost_centre": "1",
                "approval_escalation_days": "3",
            },
        )
        self.assertIn("/my/team/settings?message=", response.url)
        self.assertRecordValues(
            self.customer,
            [
                {
                    "delivery_address_policy": "refuse",
                    "ask_cost_centre": True,
                    "approval_escalation_days": 3,
                }
            ],
        )

    def test_settings_are_validated(self):
        self.login(self.admin)
        for days in ("-1", "two", "1.5"):
            response = self.post(
                "/my/team/settings",
                {"delivery_address_policy": "refuse", "approval_escalation_days": days},
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn(
                'aria-describedby="o_team_error_approval_escalation_days"',
                response.text,
            )
        response = self.post(
            "/my/team/settings",
            {"delivery_address_policy": "anything", "approval_escalation_days": "2"},
        )
        self.assertIn(
            'aria-describedby="o_team_error_delivery_address_policy"', response.text
        )
        self.assertRecordValues(
            self.customer,
            [{"delivery_address_policy": "approval", "approval_escalation_days": 0}],
        )


@tagged("post_install", "-at_install")
class TestControlChanges(PortalRulesCase):
    def test_portal_changes_are_logged_with_who_before_after(self):
        self.login(self.admin)
        self.post(
            "/my/team/rules/save",
            self.rule_form(categories=[self.paper_category.id]),
        )
        rule = self.rules(name="Paper needs the manager")
        self.post(
            "/my/team/rules/save",
            self.rule_form(
                categories=[self.paper_category.id, self.tools.id],
                rule_id=str(rule.id),
                required_level="admin",
            ),
        )
        self.post(f"/my/team/rules/{rule.id}/active", {"active": "0"})
        self.post(
            "/my/team/settings",
            {"delivery_address_policy": "refuse", "approval_escalation_days": "4"},
        )
        changes = self.changes()
        self.assertEqual(
            changes.mapped("change_type"), ["create", "write", "archive", "write"]
        )
        self.assertEqual(changes.user_id, self.admin)
        created, edited, archived, settings = changes
        self.assertEqual(created.record_name, "Paper needs the manager")
        self.assertFalse(created.before)
        self.assertIn("Product categories: Paper", created.after)
        self.assertIn("Applies to: A department", created.after)
        self.assertIn("Logistics", created.after)
        self.assertIn("Approved by: The department manager", edited.before)
        self.assertIn("Approved by: A customer admin", edited.after)
        self.assertIn("Paper, Tools", edited.after)
        self.assertNotIn("Applies to", edited.after)  # unchanged: not logged
        self.assertIn("In use", archived.before)
        self.assertIn("Archived", archived.after)
        self.assertEqual(settings.res_model, "res.partner")
        self.assertEqual(settings.res_id, self.customer.id)
        self.assertIn("Escalate after (working days): 0", settings.before)
        self.assertIn("Escalate after (working days): 4", settings.after)
        self.assertIn("Delivery to another address: Refused", settings.after)
        # The admin reads them in the portal.
        page = self.url_open("/my/team/changes").text
        self.assertIn("Paper needs the manager", page)
        self.assertIn("Ada Admin", page)

    def test_backoffice_and_rpc_changes_are_logged(self):
        rule = self._rule("max_amount", name="Ceiling", amount=100)
        rule.with_user(self.salesperson).write({"amount": 250})
        edited = self.changes()[-1]
        self.assertEqual(edited.user_id, self.salesperson)
        self.assertEqual(edited.change_type, "write")
        self.assertIn(self.money(100), edited.before)
        self.assertIn(self.money(250), edited.after)
        self.xmlrpc_object.execute_kw(
            get_db_name(),
            self.salesperson.id,
            self.salesperson.login,
            "res.partner",
            "write",
            [self.customer.ids, {"ask_cost_centre": True}],
        )
        over_rpc = self.changes()[-1]
        self.assertEqual(over_rpc.user_id, self.salesperson)
        self.assertIn("Ask for a cost centre at checkout: No", over_rpc.before)
        self.assertIn("Ask for a cost centre at checkout: Yes", over_rpc.after)
        self.xmlrpc_object.execute_kw(
            get_db_name(),
            self.salesperson.id,
            self.salesperson.login,
            "customer.purchasing.rule",
            "write",
            [rule.ids, {"vendor_owned": True}],
        )
        self.assertIn("Set by the vendor: Yes", self.changes()[-1].after)
        # Nothing but changes is logged; the vendor reads, nobody writes.
        count = len(self.changes())
        self.customer.write({"ask_cost_centre": True, "comment": "x"})
        self.customer.write({"ref": "ACME"})
        self.assertEqual(len(self.changes()), count)
        Change = self.env["customer.control.change"].with_user(self.salesperson)
        self.assertTrue(Change.search([("res_id", "=", rule.id)]))
        with self.assertRaises(AccessError):
            Change.create({"company_partner_id": self.customer.id})
        with self.assertRaises(AccessError):
            Change.search([], limit=1).write({"after": "forged"})

    def test_another_companys_admin_sees_no_rows(self):
        self._rule("max_amount", name="Acme secret ceiling", amount=100)
        self.login(self.stranger)
        page = self.url_open("/my/team/changes")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Acme secret ceiling", page.text)
        self.login(self.admin)
        self.assertIn("Acme secret ceiling", self.url_open("/my/team/changes").text)

    def test_changes_a_page_at_a_time(self):
        rule = self._rule("max_amount", name="Ceiling", amount=100)
        for amount in range(101, 131):
            rule.amount = amount
        self.login(self.admin)
        first = self.url_open("/my/team/changes").text
        self.assertIn("/my/team/changes/page/2", first)
        self.assertIn(self.money(130), first)  # the newest first
        second = self.url_open("/my/team/changes/page/2").text
        self.assertIn(self.money(101), second)
        self.assertNotIn(self.money(130), second)

    def test_the_vendor_sees_the_log_on_the_company(self):
        self._rule("max_amount", name="Ceiling", amount=100)
        partner = self.customer.with_user(self.salesperson)
        self.assertEqual(partner.control_change_count, 1)
        action = partner.action_view_control_changes()
        self.assertEqual(action["res_model"], "customer.control.change")
        self.assertIn(("company_partner_id", "=", self.customer.id), action["domain"])
        self.assertTrue(
            self.env.ref("website_sale_customer_approval.menu_customer_control_changes")
        )
