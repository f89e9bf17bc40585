# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Department managers (issue 26, item 2), on the models: whoever asks (the
portal, the backoffice, an RPC client), the answers are these. The pages and
forged requests are in test_department_managers_portal.py."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common_managers import DepartmentManagerCase
from .test_installation import DEMO, DemoDataCase


class TestDepartmentManagers(DepartmentManagerCase):
    def _seen(self, user):
        SaleOrder = self.env["sale.order"].with_user(user)
        partner = user.partner_id
        return SaleOrder.search(SaleOrder._customer_approval_portal_domain(partner))

    # ------------------------------------------------------------------
    # Who manages what
    # ------------------------------------------------------------------
    def test_managers_of_a_department(self):
        alf = self.manager.partner_id
        self.assertEqual(self.logistics._get_managers(), alf)
        self.assertEqual(alf._get_managed_departments(), self.logistics)
        self.assertEqual(
            self.approver_2.partner_id._get_managed_departments(), self.sales
        )
        self.assertFalse(self.buyer.partner_id._get_managed_departments())
        # An archived department is nobody's to manage.
        self.logistics.active = False
        self.assertFalse(alf._get_managed_departments())

    # ------------------------------------------------------------------
    # What a manager sees
    # ------------------------------------------------------------------
    def test_manager_sees_the_orders_of_the_department(self):
        seen = self._seen(self.manager)
        self.assertIn(self.member_draft, seen)
        self.assertIn(self.member_waiting, seen)
        self.assertIn(self.member_released, seen)
        self.assertNotIn(self.outsider_waiting, seen)
        self.assertNotIn(self.other_waiting, seen)
        # The lines, history and reasons follow their order.
        self.assertTrue(
            self.member_waiting.with_user(self.manager).order_line.read(["name"])
        )
        self.assertTrue(
            self.member_waiting.with_user(self.manager).approval_history_ids.read(
                ["decision"]
            )
        )
        with self.assertRaises(AccessError):
            self.outsider_waiting.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.other_waiting.with_user(self.manager).read(["name"])

    def test_waiting_orders_of_the_department_are_read_only(self):
        alf = self.manager.partner_id
        SaleOrder = self.env["sale.order"].with_user(self.manager)
        listed = SaleOrder.search(
            SaleOrder._customer_approval_domain(alf, "department")
        )
        self.assertEqual(listed, self.member_waiting)
        self.assertTrue(self.member_waiting._customer_approval_can_review(alf))
        self.assertFalse(self.outsider_waiting._customer_approval_can_review(alf))
        self.assertFalse(self.other_waiting._customer_approval_can_review(alf))
        self.assertNotIn(
            alf, self.member_waiting._customer_approval_deciders(include_admins=True)
        )
        with self.assertRaises(UserError):  # an AccessError is one
            self.member_waiting.with_user(self.manager).action_customer_approve()
        self.assertEqual(self.member_waiting.approval_state, "waiting")

    def test_rights_none_see_nothing_more_than_an_approver(self):
        self.customer.department_manager_rights = "none"
        alf = self.manager.partner_id
        seen = self._seen(self.manager)
        self.assertNotIn(self.member_draft, seen)
        self.assertNotIn(self.member_waiting, seen)
        self.assertFalse(self.member_waiting._customer_approval_can_review(alf))
        SaleOrder = self.env["sale.order"].with_user(self.manager)
        self.assertFalse(
            SaleOrder.search(SaleOrder._customer_approval_domain(alf, "department"))
        )
        for call in (
            alf._get_team,
            lambda: alf._get_team_member(self.member.partner_id.id),
            alf._get_team_spending_company,
            lambda: alf._save_team_member(
                self._form(self.member, approval_mode="none"),
                self.member.partner_id,
            ),
        ):
            with self.assertRaises(AccessError):
                call()

    def test_rights_see_do_not_manage(self):
        self.customer.department_manager_rights = "see"
        alf = self.manager.partner_id
        self.assertIn(self.member_draft, self._seen(self.manager))
        self.assertTrue(alf._get_team_spending_company())
        with self.assertRaises(AccessError):
            alf._save_team_member(
                self._form(self.member, approval_mode="none"), self.member.partner_id
            )

    # ------------------------------------------------------------------
    # The team a manager manages, within limits
    # ------------------------------------------------------------------
    def test_team_is_the_department_without_admins(self):
        alf = self.manager.partner_id
        self.assertEqual(
            alf._get_team(), (self.buyer | self.member).partner_id.sorted("name")
        )
        self.assertEqual(alf._count_team(), 2)
        for person in (self.outsider, self.admin, self.manager, self.other_buyer):
            self.assertFalse(alf._get_team_member(person.partner_id.id), person.name)
        # The customer admin's team is the whole company, as before.
        self.assertIn(self.outsider.partner_id, self.admin.partner_id._get_team())

    def test_manager_sets_a_breakpoint_up_to_their_own(self):
        alf = self.manager.partner_id
        fay = self.member.partner_id
        _member, errors = alf._save_team_member(
            self._form(
                self.member,
                approval_mode="none",
                approval_breakpoint_enabled=True,
                approval_breakpoint=800,
            ),
            fay,
        )
        self.assertFalse(errors)
        self.assertEqual((fay.approval_mode, fay.approval_breakpoint), ("none", 800))
        for values in (
            {"approval_breakpoint_enabled": True, "approval_breakpoint": 1500},
            # No breakpoint at all: no limit, above Alf's own.
            {"approval_breakpoint_enabled": False},
        ):
            _member, errors = alf._save_team_member(
                self._form(self.member, **values), fay
            )
            self.assertIn("approval_breakpoint", errors)
            self.assertEqual(fay.approval_breakpoint, 800)
            self.assertTrue(fay.approval_breakpoint_enabled)
        # Without the limit, the company lets them set any breakpoint.
        self.customer.department_manager_breakpoint_limit = False
        _member, errors = alf._save_team_member(
            self._form(self.member, approval_breakpoint=1500), fay
        )
        self.assertFalse(errors)
        self.assertEqual(fay.approval_breakpoint, 1500)

    def test_manager_may_not_change_rights_department_or_login(self):
        alf = self.manager.partner_id
        fay = self.member.partner_id
        for key, value in (
            ("is_customer_admin", True),
            ("is_order_approver", True),
            ("customer_department_id", self.sales.id),
            ("email", "someone.else@acme.example"),
            ("name", "Somebody Else"),
            ("password", "a new secret"),
        ):
            with self.subTest(key=key):
                _member, errors = alf._save_team_member(
                    self._form(self.member, **{key: value}), fay
                )
                self.assertIn(key, errors)
                self.assertFalse(fay.is_customer_admin)
                self.assertFalse(fay.is_order_approver)
                self.assertEqual(fay.customer_department_id, self.logistics)
                self.assertEqual(fay.name, "Fay Free")

    def test_manager_may_not_touch_people_outside_the_department(self):
        alf = self.manager.partner_id
        for person in (self.outsider, self.admin, self.manager, self.other_buyer):
            with self.subTest(person=person.name), self.assertRaises(AccessError):
                alf._save_team_member(
                    self._form(person, approval_mode="none"), person.partner_id
                )
        with self.assertRaises(AccessError):
            alf._save_team_member(
                dict(self._form(self.member), name="New", email="new@acme.example")
            )
        with self.assertRaises(AccessError):
            alf._set_team_member_active(self.member.partner_id, False)
        with self.assertRaises(AccessError):
            alf._get_team_departments()
        self.assertEqual(self.outsider.partner_id.approval_mode, "always")


@tagged("post_install", "-at_install")
class TestDepartmentManagersDemo(DemoDataCase, TransactionCase):
    def test_erik_manages_sales(self):
        company = self.env.ref(DEMO + "partner_fjord_engineering")
        self.assertEqual(company.department_manager_rights, "manage")
        self.assertTrue(company.department_manager_breakpoint_limit)
        erik = self.env.ref(DEMO + "partner_erik")
        sales = self.env.ref(DEMO + "department_fjord_sales")
        self.assertEqual(erik._get_managed_departments(), sales)
        self.assertIn(self.env.ref(DEMO + "partner_maja"), sales.member_ids)
