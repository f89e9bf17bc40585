# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal joins the controls of issue 26: the different-approvers rule on
the rule form, four eyes and the department managers' limits on the settings
page, and those settings in the change log whatever the path."""

from odoo.tests import tagged

from .test_portal_rules import PortalRulesCase


class PortalControlsCase(PortalRulesCase):
    def settings_form(self, **values):
        fields = {
            "delivery_address_policy": "approval",
            "approval_escalation_days": "0",
            "approval_distinct_count": "1",
            "approval_distinct_amount": "0",
            "department_manager_rights": "none",
            "department_manager_breakpoint_limit": "1",
        }
        fields.update(values)
        return {key: value for key, value in fields.items() if value is not None}


@tagged("post_install", "-at_install")
class TestPortalDistinctRule(PortalControlsCase):
    def test_admin_creates_and_edits_a_distinct_approvals_rule(self):
        self.login(self.admin)
        form = self.url_open("/my/team/rules/new").text
        self.assertIn('value="distinct_approvals"', form)
        self.assertIn('for="rule_approvals_count"', form)
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                name="Two pairs of eyes",
                rule_type="distinct_approvals",
                scope="company",
                department_id="",
                amount="500",
                approvals_count="3",
                # Posted by the form, but not used by this kind.
                exceeded_action="refuse",
                required_level="admin",
            ),
        )
        self.assertIn("/my/team/rules?message=", response.url)
        rule = self.rules(name="Two pairs of eyes")
        self.assertRecordValues(
            rule,
            [
                {
                    "rule_type": "distinct_approvals",
                    "scope": "company",
                    "amount": 500,
                    "approvals_count": 3,
                    "exceeded_action": "approval",
                    "max_orders": 0,
                }
            ],
        )
        # The list says it in words, the form shows what is saved.
        rules = self.url_open("/my/team/rules").text
        self.assertIn("Different approvers: 3 above", rules)
        self.assertNotIn("per period", rules)
        form = self.url_open(f"/my/team/rules/{rule.id}").text
        self.assertRegex(form, r'name="approvals_count"[^>]*value="3"')
        # Edited: every order needing approval, by two people.
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                name="Two pairs of eyes",
                rule_type="distinct_approvals",
                scope="company",
                department_id="",
                amount="",
                approvals_count="2",
                rule_id=str(rule.id),
            ),
        )
        self.assertIn("/my/team/rules?message=", response.url)
        self.assertRecordValues(rule, [{"amount": 0, "approvals_count": 2}])
        self.assertIn(
            "Different approvers: 2 for every order",
            self.url_open("/my/team/rules").text,
        )
        # The change log keeps the number of approvals.
        created, edited = self.changes()
        self.assertIn("Different approvers: 3", created.after)
        self.assertIn("Different approvers: 3", edited.before)
        self.assertIn("Different approvers: 2", edited.after)

    def test_a_bad_count_is_refused_at_its_field(self):
        self.login(self.admin)
        for count in ("0", "6", "two", ""):
            response = self.post(
                "/my/team/rules/save",
                self.rule_form(
                    name="Too many eyes",
                    rule_type="distinct_approvals",
                    scope="company",
                    amount="100",
                    approvals_count=count,
                ),
            )
            self.assertEqual(response.status_code, 200, count)
            self.assertIn(
                'aria-describedby="o_team_error_approvals_count"', response.text, count
            )
        response = self.post(
            "/my/team/rules/save",
            self.rule_form(
                rule_type="distinct_approvals",
                scope="company",
                amount="-5",
                approvals_count="2",
            ),
        )
        self.assertIn('aria-describedby="o_team_error_amount"', response.text)
        self.assertFalse(self.rules(rule_type="distinct_approvals"))


@tagged("post_install", "-at_install")
class TestPortalControlSettings(PortalControlsCase):
    def test_admin_sets_four_eyes_and_manager_limits(self):
        self.login(self.admin)
        page = self.url_open("/my/team/settings").text
        for name in (
            "approval_distinct_count",
            "approval_distinct_amount",
            "department_manager_rights",
            "department_manager_breakpoint_limit",
        ):
            self.assertIn(f'name="{name}"', page)
        self.assertIn('for="settings_approval_distinct_count"', page)
        self.assertIn('for="settings_approval_distinct_amount"', page)
        self.assertIn(self.customer.approval_currency_id.symbol, page)
        response = self.post(
            "/my/team/settings",
            self.settings_form(
                approval_distinct_count="2",
                approval_distinct_amount="1500",
                department_manager_rights="see",
                department_manager_breakpoint_limit=None,
            ),
        )
        self.assertIn("/my/team/settings?message=", response.url)
        self.assertRecordValues(
            self.customer,
            [
                {
                    "approval_distinct_count": 2,
                    "approval_distinct_amount": 1500,
                    "department_manager_rights": "see",
                    "department_manager_breakpoint_limit": False,
                }
            ],
        )
        page = self.url_open("/my/team/settings").text
        self.assertRegex(page, r'name="approval_distinct_count"[^>]*value="2"')

    def test_four_eyes_and_rights_are_validated_at_their_field(self):
        self.login(self.admin)
        cases = [
            ("approval_distinct_count", "0"),
            ("approval_distinct_count", "6"),
            ("approval_distinct_count", "two"),
            ("approval_distinct_amount", "-1"),
            ("approval_distinct_amount", "lots"),
            ("department_manager_rights", "everything"),
        ]
        for field, value in cases:
            response = self.post(
                "/my/team/settings", self.settings_form(**{field: value})
            )
            self.assertEqual(response.status_code, 200, (field, value))
            self.assertIn(
                f'aria-describedby="o_team_error_{field}"',
                response.text,
                (field, value),
            )
        self.assertRecordValues(
            self.customer,
            [
                {
                    "approval_distinct_count": 1,
                    "approval_distinct_amount": 0,
                    "department_manager_rights": "none",
                    "department_manager_breakpoint_limit": True,
                }
            ],
        )

    def test_non_admins_and_department_managers_are_refused(self):
        self.customer.department_manager_rights = "manage"
        # approver_2 manages Logistics: a department manager, not an admin.
        self.assertEqual(self.approver_2.partner_id._get_team_role(), "manager")
        for user in (self.buyer, self.approver_2):
            self.login(user)
            self.assertEqual(self.url_open("/my/team/settings").status_code, 404)
            response = self.post(
                "/my/team/settings",
                self.settings_form(
                    approval_distinct_count="3", department_manager_rights="none"
                ),
            )
            self.assertEqual(response.status_code, 404)
        self.assertRecordValues(
            self.customer,
            [{"approval_distinct_count": 1, "department_manager_rights": "manage"}],
        )


@tagged("post_install", "-at_install")
class TestControlSettingsLog(PortalControlsCase):
    def test_portal_settings_are_logged_in_words(self):
        self.login(self.admin)
        self.post(
            "/my/team/settings",
            self.settings_form(
                approval_distinct_count="2",
                approval_distinct_amount="1500",
                department_manager_rights="manage",
                department_manager_breakpoint_limit=None,
            ),
        )
        change = self.changes()[-1]
        self.assertEqual(change.user_id, self.admin)
        self.assertEqual(change.res_id, self.customer.id)
        money = self.customer.approval_currency_id
        self.assertIn("Different approvers: 1", change.before)
        self.assertIn("Different approvers: 2", change.after)
        self.assertIn("Different approvers above: ", change.before)
        self.assertIn("0.00", change.before)
        self.assertIn("Different approvers above: ", change.after)
        self.assertIn("1,500.00", change.after)
        self.assertIn(money.symbol, change.after)
        self.assertIn(
            "Department managers: Nothing more than an approver", change.before
        )
        self.assertIn(
            "Department managers: See, and manage the approval settings of their "
            "members",
            change.after,
        )
        self.assertIn("Breakpoints up to the manager's own: Yes", change.before)
        self.assertIn("Breakpoints up to the manager's own: No", change.after)
        # Read in the portal too.
        self.assertIn("Different approvers", self.url_open("/my/team/changes").text)

    def test_backoffice_writes_of_the_four_fields_are_logged(self):
        self.customer.with_user(self.salesperson).write(
            {"approval_distinct_count": 3, "department_manager_rights": "see"}
        )
        change = self.changes()[-1]
        self.assertEqual(change.user_id, self.salesperson)
        self.assertEqual(change.change_type, "write")
        self.assertIn("Different approvers: 3", change.after)
        self.assertIn(
            "Department managers: See their departments' orders and spending",
            change.after,
        )
        self.assertNotIn("above", change.after)  # unchanged: not logged
        self.customer.with_user(self.salesperson).write(
            {
                "approval_distinct_amount": 250,
                "department_manager_breakpoint_limit": False,
            }
        )
        change = self.changes()[-1]
        self.assertIn("Different approvers above: ", change.after)
        self.assertIn("250.00", change.after)
        self.assertIn("Breakpoints up to the manager's own: No", change.after)
        # The same values again: nothing logged.
        count = len(self.changes())
        self.customer.write({"approval_distinct_count": 3})
        self.assertEqual(len(self.changes()), count)
