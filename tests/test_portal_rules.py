# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from xmlrpc.client import Fault

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, get_db_name, tagged

from .common_purchasing import PurchasingCase


class PortalRulesCase(HttpCase, PurchasingCase):
    """Acme's admin, Ada, and Olga, the admin of Other Corp, with a department,
    a person and a rule of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = cls._create_stranger()
        cls.other_department = cls.env["customer.department"].create(
            {"name": "Elsewhere", "company_partner_id": cls.other_customer.id}
        )
        cls.other_person = cls._create_sub_account(
            "Otto Other", company=cls.other_customer
        )
        cls.other_rule = cls.env["customer.purchasing.rule"].create(
            {
                "name": "Other minimum",
                "company_partner_id": cls.other_customer.id,
                "rule_type": "min_amount",
                "amount": 50,
            }
        )
        # A category of the vendor's that the shop sells nothing of.
        cls.internal = cls.env["product.category"].create(
            {"name": "Internal write-offs"}
        )
        cls.env["product.product"].create(
            {"name": "Scrap", "categ_id": cls.internal.id, "sale_ok": False}
        )
        cls.salesperson.password = cls.salesperson.login  # for RPC
        # Vera edits the customer's settings on its contact form.
        cls.salesperson.group_ids = [(4, cls.env.ref("base.group_partner_manager").id)]

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data):
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs.append(("csrf_token", http.Request.csrf_token(self)))
        response = self.url_open(url, data=pairs)
        self.env.invalidate_all()
        return response

    def rule_form(self, categories=(), people=(), **values):
        fields = {
            "name": "Paper needs the manager",
            "rule_type": "category",
            "scope": "department",
            "department_id": str(self.logistics.id),
            "amount": "",
            "max_orders": "",
            "period": "month",
            "exceeded_action": "approval",
            "required_level": "manager",
        }
        fields.update(values)
        return (
            list(fields.items())
            + [("category_ids", str(c)) for c in categories]
            + [("partner_ids", str(p)) for p in people]
        )

    def rules(self, **domain):
        return (
            self.env["customer.purchasing.rule"]
            .with_context(active_test=False)
            .search(
                [("company_partner_id", "=", self.customer.id)]
                + [(key, "=", value) for key, value in domain.items()]
            )
        )

    def changes(self, company=None):
        return self.env["customer.control.change"].search(
            [("company_partner_id", "=", (company or self.customer).id)],
            order="id",
        )


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
