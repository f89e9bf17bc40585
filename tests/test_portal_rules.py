# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import get_db_name, tagged

from .common_portal_rules import PortalRulesCase


@tagged("post_install", "-at_install")
class TestPortalRules(PortalRulesCase):
    def test_admin_creates_edits_archives_and_restores_a_rule(self):
        self.login(self.admin)
        # Linked from /my and from /my/team.
        self.assertIn('href="/my/team/rules"', self.url_open("/my/home").text)
        team = self.url_open("/my/team").text
        self.assertIn('href="/my/team/rules"', team)
        self.assertIn('href="/my/team/settings"', team)
        page = self.url_open("/my/team/rules")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Other minimum", page.text)
        form = self.url_open("/my/team/rules/new")
        self.assertEqual(form.status_code, 200)
        self.assertIn('for="rule_amount"', form.text)
        response = self.post(
            "/my/team/rules/save", self.rule_form(categories=[self.paper_category.id])
        )
        self.assertIn("/my/team/rules?message=", response.url)
        rule = self.rules(name="Paper needs the manager")
        self.assertRecordValues(
            rule,
            [
                {
                    "rule_type": "category",
                    "scope": "department",
                    "department_id": self.logistics.id,
                    "category_ids": self.paper_category.ids,
                    "exceeded_action": "approval",
                    "required_level": "manager",
                    "vendor_owned": False,
                    "active": True,
                }
            ],
        )
        # Edited into a maximum for Lena: the categories and the department go.
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                people=[self.lena.partner_id.id],
                rule_id=str(rule.id),
                name="Lena's maximum",
                rule_type="max_amount",
                scope="partners",
                amount="750",
                exceeded_action="refuse",
            ),
        )
        self.assertIn("/my/team/rules?message=", response.url)
        self.assertRecordValues(
            rule,
            [
                {
                    "name": "Lena's maximum",
                    "rule_type": "max_amount",
                    "scope": "partners",
                    "department_id": False,
                    "partner_ids": self.lena.partner_id.ids,
                    "category_ids": [],
                    "amount": 750,
                    "exceeded_action": "refuse",
                }
            ],
        )
        self.post(f"/my/team/rules/{rule.id}/active", {"active": "0"})
        self.assertFalse(rule.active)
        self.assertIn("Archived", self.url_open("/my/team/rules").text)
        self.post(f"/my/team/rules/{rule.id}/active", {"active": "1"})
        self.assertTrue(rule.active)
        # Every kind: the number of orders per period.
        self.post(
            "/my/team/rules/save",
            self.rule_form(
                name="Two a quarter",
                rule_type="order_count",
                scope="company",
                max_orders="2",
                period="quarter",
                required_level="admin",
            ),
        )
        self.assertRecordValues(
            self.rules(name="Two a quarter"),
            [{"max_orders": 2, "period": "quarter", "required_level": "admin"}],
        )

    def test_errors_are_shown_field_by_field(self):
        self.login(self.admin)
        count = len(self.rules())
        # The model's checks: a category rule without categories, a department
        # scope without a department.
        response = self.post("/my/team/rules/save", self.rule_form(department_id=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn('aria-describedby="o_team_error_category_ids"', response.text)
        self.assertIn('aria-describedby="o_team_error_department_id"', response.text)
        self.assertIn("Choose the product categories of the rule.", response.text)
        # What the portal parses: an amount that is no number, a negative one.
        for amount in ("lots", "-5"):
            response = self.post(
                "/my/team/rules/save",
                self.rule_form(rule_type="min_amount", scope="company", amount=amount),
            )
            self.assertIn('aria-describedby="o_team_error_amount"', response.text)
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(rule_type="order_count", scope="company", max_orders="x"),
        )
        self.assertIn('aria-describedby="o_team_error_max_orders"', response.text)
        # Two refusing rules nobody could keep: the model's check, in words.
        self._rule("max_amount", amount=100, exceeded_action="refuse")
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                rule_type="min_amount",
                scope="company",
                amount="500",
                exceeded_action="refuse",
            ),
        )
        self.assertIn("nobody could order under both", response.text)
        self.assertEqual(len(self.rules()), count + 1)

    def test_categories_offered_are_those_the_shop_sells(self):
        self.login(self.admin)
        form = self.url_open("/my/team/rules/new").text
        self.assertIn(f'value="{self.paper_category.id}"', form)
        self.assertIn(f'value="{self.tools.id}"', form)
        self.assertNotIn("Internal write-offs", form)
        response = self.post(
            "/my/team/rules/save", self.rule_form(categories=[self.internal.id])
        )
        self.assertIn('aria-describedby="o_team_error_category_ids"', response.text)
        self.assertFalse(self.rules(name="Paper needs the manager"))

    def test_forged_posts_are_refused(self):
        logged = self.changes(self.other_customer)
        self.login(self.admin)
        # Another company's department, person, rule.
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                categories=[self.paper_category.id],
                department_id=str(self.other_department.id),
            ),
        )
        self.assertIn('aria-describedby="o_team_error_department_id"', response.text)
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                categories=[self.paper_category.id],
                people=[self.lena.partner_id.id, self.other_person.partner_id.id],
                scope="partners",
            ),
        )
        self.assertIn('aria-describedby="o_team_error_partner_ids"', response.text)
        self.assertFalse(self.rules(name="Paper needs the manager"))
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                categories=[self.paper_category.id], rule_id=str(self.other_rule.id)
            ),
        )
        self.assertEqual(response.status_code, 404)
        response = self.post(
            f"/my/team/rules/{self.other_rule.id}/active", {"active": "0"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/team/rules/{self.other_rule.id}").status_code, 404
        )
        self.assertRecordValues(
            self.other_rule,
            [{"name": "Other minimum", "active": True, "rule_type": "min_amount"}],
        )
        self.assertEqual(self.changes(self.other_customer), logged)

    def test_vendor_owned_rule_is_shown_not_editable(self):
        rule = self._rule(
            "max_amount", name="Vendor ceiling", amount=9000, vendor_owned=True
        )
        self.login(self.admin)
        page = self.url_open("/my/team/rules").text
        self.assertIn("Vendor ceiling", page)
        self.assertIn("o_team_rule_vendor_owned", page)
        detail = self.url_open(f"/my/team/rules/{rule.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertNotIn('action="/my/team/rules/save"', detail.text)
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                rule_id=str(rule.id),
                rule_type="max_amount",
                scope="company",
                amount="1",
            ),
        )
        self.assertEqual(response.status_code, 403)
        response = self.post(f"/my/team/rules/{rule.id}/active", {"active": "0"})
        self.assertEqual(response.status_code, 403)
        self.assertRecordValues(rule, [{"amount": 9000, "active": True}])
        # The admin cannot make a rule of theirs the vendor's either.
        self.post(
            "/my/team/rules/save",
            self.rule_form(
                categories=[self.paper_category.id], vendor_owned="1", name="Mine"
            ),
        )
        self.assertFalse(self.rules(name="Mine").vendor_owned)

    def test_buyers_and_approvers_get_nothing(self):
        for user in (self.buyer, self.approver_1):
            self.login(user)
            for url in (
                "/my/team/rules",
                "/my/team/rules/new",
                "/my/team/settings",
                "/my/team/changes",
            ):
                self.assertEqual(self.url_open(url).status_code, 404, url)
            response = self.post(
                "/my/team/rules/save",
                self.rule_form(categories=[self.paper_category.id]),
            )
            self.assertEqual(response.status_code, 404)
            response = self.post("/my/team/settings", {"approval_escalation_days": "9"})
            self.assertEqual(response.status_code, 404)
        self.assertFalse(self.rules(name="Paper needs the manager"))
        self.assertEqual(self.customer.approval_escalation_days, 0)

    def test_portal_users_have_no_rights_on_rules_over_rpc(self):
        rule = self._rule("max_amount", amount=900, vendor_owned=True)
        for method, args in (
            ("write", [rule.ids, {"vendor_owned": False, "amount": 1}]),
            ("write", [rule.ids, {"active": False}]),
            ("unlink", [rule.ids]),
            (
                "create",
                [
                    {
                        "company_partner_id": self.customer.id,
                        "rule_type": "min_amount",
                        "amount": 1,
                    }
                ],
            ),
            ("search_read", [[]]),
        ):
            with self.assertRaises(Fault, msg=method):
                self.xmlrpc_object.execute_kw(
                    get_db_name(),
                    self.admin.id,
                    self.admin.login,
                    "customer.purchasing.rule",
                    method,
                    args,
                )
        # The service the portal calls is private: not callable over RPC.
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(
                get_db_name(),
                self.admin.id,
                self.admin.login,
                "res.partner",
                "_save_team_rule",
                [self.admin.partner_id.ids, {}],
            )
        with self.assertRaises(AccessError):
            rule.with_user(self.admin).write({"amount": 1})
        with self.assertRaises(AccessError):
            self.env["customer.control.change"].with_user(self.admin).search([])
        self.assertRecordValues(rule, [{"amount": 900, "vendor_owned": True}])
