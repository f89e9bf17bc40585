# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_amount

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestPortalDepartments(HttpCase, CustomerApprovalCase):
    """The customer admin's departments and budgets on /my/team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["customer.department"]
        cls.logistics = Department.create(
            {
                "name": "Logistics",
                "code": "LOG",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_1.partner_id.id,
            }
        )
        cls.free_buyer.partner_id.customer_department_id = cls.logistics
        other = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        cls.stranger = cls._create_sub_account(
            "Olga Owner", company=other, is_customer_admin=True
        )
        cls.stranger_approver = cls._create_sub_account(
            "Oscar Other", company=other, is_order_approver=True
        )
        cls.other_department = Department.create(
            {"name": "Sales", "code": "S", "company_partner_id": other.id}
        )
        cls.other_budget = cls.env["customer.budget"].create(
            {"department_id": cls.other_department.id, "amount": 500}
        )

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data):
        """POST ``data`` (a dict, or a list of pairs for repeated fields)."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs.append(("csrf_token", http.Request.csrf_token(self)))
        response = self.url_open(url, data=pairs)
        self.env.invalidate_all()  # the request changed the records under our cache
        return response

    def department_form(self, members=(), **values):
        fields = {
            "name": "Purchasing",
            "code": "PUR",
            "manager_id": str(self.approver_2.partner_id.id),
            "budget_amount": "1000",
            "budget_period": "quarter",
            "budget_exceeded_action": "refuse",
            "budget_required_level": "manager",
        }
        fields.update(values)
        return list(fields.items()) + [("member_ids", str(m)) for m in members]

    def find(self, name):
        return (
            self.env["customer.department"]
            .with_context(active_test=False)
            .search(
                [("company_partner_id", "=", self.customer.id), ("name", "=", name)]
            )
        )

    def budget_of(self, target, active=True):
        field = (
            "department_id" if target._name == "customer.department" else "partner_id"
        )
        return (
            self.env["customer.budget"]
            .with_context(active_test=False)
            .search([(field, "=", target.id), ("active", "=", active)])
        )

    # ------------------------------------------------------------------
    def test_admin_creates_edits_archives_a_department(self):
        self.login(self.admin)
        page = self.url_open("/my/team")
        self.assertIn("Departments", page.text)
        self.assertIn("Logistics", page.text)
        self.assertNotIn("Sales", page.text)  # another company's
        form = self.url_open("/my/team/departments/new")
        self.assertEqual(form.status_code, 200)
        # The manager can be chosen among approvers and admins only.
        self.assertIn(self.approver_2.name, form.text)
        self.assertNotIn(f'value="{self.buyer.partner_id.id}">Bob', form.text)
        bob = self.buyer.partner_id
        response = self.post(
            "/my/team/departments/save", self.department_form(members=[bob.id])
        )
        self.assertIn("/my/team?message=", response.url)
        self.assertIn("Purchasing is saved.", response.text)
        purchasing = self.find("Purchasing")
        self.assertEqual(purchasing.code, "PUR")
        self.assertEqual(purchasing.manager_id, self.approver_2.partner_id)
        self.assertEqual(bob.customer_department_id, purchasing)
        budget = self.budget_of(purchasing)
        self.assertRecordValues(
            budget,
            [
                {
                    "amount": 1000,
                    "period": "quarter",
                    "exceeded_action": "refuse",
                    "required_level": "manager",
                    "company_id": self.env.company.id,
                }
            ],
        )
        # The list says what is left this period.
        row = self._row(self.url_open("/my/team").text, purchasing)
        self.assertIn("PUR", row)
        self.assertIn(self.approver_2.name, row)
        left = format_amount(self.env, 1000, self.env.company.currency_id)
        self.assertIn(f"{left} left of {left} in {budget._get_period_name()}", row)

        # Edit: another name, no manager, no member, no budget (archived).
        response = self.post(
            "/my/team/departments/save",
            self.department_form(
                department_id=str(purchasing.id),
                name="Buying",
                manager_id="",
                budget_amount="",
            ),
        )
        self.assertIn("message=", response.url)
        self.assertEqual(purchasing.name, "Buying")
        self.assertFalse(purchasing.manager_id)
        self.assertFalse(bob.customer_department_id)
        self.assertFalse(self.budget_of(purchasing))
        self.assertEqual(self.budget_of(purchasing, active=False), budget)
        # The budget comes back (the same record) with an amount.
        self.post(
            "/my/team/departments/save",
            self.department_form(
                department_id=str(purchasing.id), name="Buying", budget_amount="250"
            ),
        )
        self.assertEqual(self.budget_of(purchasing), budget)
        self.assertEqual(budget.amount, 250)

        # Archive: its members leave it; restore.
        fay = self.free_buyer.partner_id
        response = self.post(
            f"/my/team/departments/{self.logistics.id}/active", {"active": "0"}
        )
        self.assertFalse(self.logistics.active)
        self.assertFalse(fay.customer_department_id)
        self.assertIn("Logistics is archived", response.text)
        self.post(f"/my/team/departments/{self.logistics.id}/active", {"active": "1"})
        self.assertTrue(self.logistics.active)

    def _row(self, page, department):
        start = page.index(f'data-department-id="{department.id}"')
        return page[start : page.index("</tr>", start)]

    def test_moving_a_person_is_explicit(self):
        self.login(self.admin)
        fay = self.free_buyer.partner_id
        form = self.url_open("/my/team/departments/new").text
        self.assertIn("Move them here", form)
        page = self.post(
            "/my/team/departments/save", self.department_form(members=[fay.id])
        )
        self.assertIn("already in another department (Logistics)", page.text)
        self.assertIn("nothing was saved", page.text)
        self.assertFalse(self.find("Purchasing"))
        self.assertEqual(fay.customer_department_id, self.logistics)
        self.post(
            "/my/team/departments/save",
            self.department_form(members=[fay.id], move_members="on"),
        )
        self.assertEqual(fay.customer_department_id, self.find("Purchasing"))
        self.assertFalse(self.logistics.member_ids)

    def test_non_admins_are_refused(self):
        for user in (self.buyer, self.approver_1):
            with self.subTest(user=user.name):
                self.login(user)
                for url in (
                    "/my/team/departments/new",
                    f"/my/team/departments/{self.logistics.id}",
                ):
                    self.assertEqual(self.url_open(url).status_code, 404, url)
                response = self.post(
                    "/my/team/departments/save", self.department_form()
                )
                self.assertEqual(response.status_code, 404)
                response = self.post(
                    f"/my/team/departments/{self.logistics.id}/active",
                    {"active": "0"},
                )
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.find("Purchasing"))
        self.assertTrue(self.logistics.active)

    def test_forged_ids_of_another_company(self):
        self.login(self.admin)
        other = self.other_department
        for url, data in (
            (f"/my/team/departments/{other.id}", None),
            (f"/my/team/departments/{other.id}/active", {"active": "0"}),
            (
                "/my/team/departments/save",
                self.department_form(department_id=str(other.id), name="Mine now"),
            ),
        ):
            with self.subTest(url=url):
                if data is None:
                    response = self.url_open(url)
                else:
                    response = self.post(url, data)
                self.assertEqual(response.status_code, 404)
        self.assertTrue(other.active)
        self.assertEqual(other.name, "Sales")
        self.assertEqual(self.other_budget.amount, 500)
        # Another company's people as members or manager: refused, nothing saved.
        olga = self.stranger.partner_id
        for data, message in (
            (self.department_form(members=[olga.id]), "Choose among the people"),
            (
                self.department_form(
                    manager_id=str(self.stranger_approver.partner_id.id)
                ),
                "Choose an approver or a customer admin",
            ),
        ):
            page = self.post("/my/team/departments/save", data)
            self.assertIn(message, page.text)
        self.assertFalse(self.find("Purchasing"))
        self.assertFalse(olga.customer_department_id)
        # Another company's department on a person's page.
        fay = self.free_buyer.partner_id
        page = self.post(
            "/my/team/save",
            {
                "member_id": str(fay.id),
                "name": fay.name,
                "email": fay.email,
                "approval_mode": "none",
                "department_shown": "1",
                "customer_department_id": str(other.id),
            },
        )
        self.assertIn("Choose a department of your company", page.text)
        self.assertEqual(fay.customer_department_id, self.logistics)
        # The stranger's admin sees nothing of ours either.
        self.login(self.stranger)
        self.assertEqual(
            self.url_open(f"/my/team/departments/{self.logistics.id}").status_code, 404
        )
        self.assertNotIn("Logistics", self.url_open("/my/team").text)

    def test_invalid_input_changes_nothing(self):
        self.env["customer.department"].create(
            {"name": "Workshop", "company_partner_id": self.customer.id}
        )
        self.login(self.admin)
        fay = self.free_buyer.partner_id
        cases = {
            "manager_id": {"manager_id": str(fay.id)},  # not an approver
            "budget_amount": {"budget_amount": "-5"},
            "budget_amount_text": {"budget_amount": "a lot"},
            "budget_period": {"budget_period": "week"},
            "budget_exceeded_action": {"budget_exceeded_action": "shout"},
            "budget_required_level": {"budget_required_level": "ceo"},
            "name": {"name": "  "},
            "duplicate": {"name": "Workshop"},
        }
        for case, values in cases.items():
            with self.subTest(case=case):
                page = self.post(
                    "/my/team/departments/save",
                    self.department_form(
                        department_id=str(self.logistics.id),
                        members=[fay.id],
                        **dict({"name": "Renamed"}, **values),
                    ),
                )
                self.assertEqual(page.status_code, 200)
                self.assertIn("nothing was saved", page.text)
                self.assertIn("invalid-feedback", page.text)
        self.assertEqual(self.logistics.name, "Logistics")
        self.assertEqual(self.logistics.manager_id, self.approver_1.partner_id)
        self.assertFalse(self.budget_of(self.logistics, active=True))
        self.assertFalse(self.budget_of(self.logistics, active=False))

    def test_person_department_and_budget(self):
        self.login(self.admin)
        bob = self.buyer.partner_id
        page = self.url_open(f"/my/team/{bob.id}")
        self.assertIn("Logistics (LOG)", page.text)
        self.assertIn('name="budget_amount"', page.text)

        def person_form(**values):
            return dict(
                {
                    "member_id": str(bob.id),
                    "name": bob.name,
                    "email": bob.email,
                    "approval_mode": "none",
                    "approval_breakpoint_enabled": "on",
                    "approval_breakpoint": "500",
                    "next_approver_id": str(self.approver_1.partner_id.id),
                    "department_shown": "1",
                    "customer_department_id": str(self.logistics.id),
                    "budget_shown": "1",
                    "budget_amount": "400",
                    "budget_period": "month",
                    "budget_exceeded_action": "approval",
                    "budget_required_level": "admin",
                },
                **values,
            )

        # A negative budget: nothing saved, not even the other fields.
        page = self.post("/my/team/save", person_form(name="Bobby", budget_amount="-1"))
        self.assertIn("nothing was saved", page.text)
        self.assertEqual(bob.name, "Bob Buyer")
        self.assertFalse(bob.customer_department_id)
        self.assertFalse(self.budget_of(bob))

        response = self.post("/my/team/save", person_form())
        self.assertIn("message=", response.url)
        self.assertEqual(bob.customer_department_id, self.logistics)
        self.assertRecordValues(
            self.budget_of(bob),
            [{"amount": 400, "period": "month", "required_level": "admin"}],
        )
        page = self.url_open(f"/my/team/{bob.id}").text
        self.assertIn("left of", page)
        # The list names the department of each person.
        self.assertIn("o_team_member_department", self.url_open("/my/team").text)
        # Emptied: no budget (archived), no department.
        self.post(
            "/my/team/save", person_form(budget_amount="", customer_department_id="")
        )
        self.assertFalse(self.budget_of(bob))
        self.assertFalse(bob.customer_department_id)
        # A form without the fields (an older page, an API-like post) keeps them.
        bob.customer_department_id = self.logistics
        self.post(
            "/my/team/save",
            {
                key: value
                for key, value in person_form().items()
                if not key.startswith(("budget", "department", "customer_department"))
            },
        )
        self.assertEqual(bob.customer_department_id, self.logistics)

    def test_new_sub_account_with_department_and_budget(self):
        self.login(self.admin)
        response = self.post(
            "/my/team/save",
            {
                "name": "Nina New",
                "email": "nina@acme.example",
                "password": "secret-6",
                "approval_mode": "none",
                "department_shown": "1",
                "customer_department_id": str(self.logistics.id),
                "budget_shown": "1",
                "budget_amount": "150",
                "budget_period": "year",
                "budget_exceeded_action": "refuse",
                "budget_required_level": "chain",
            },
        )
        self.assertIn("message=", response.url)
        nina = self.env["res.partner"].search([("email", "=", "nina@acme.example")])
        self.assertEqual(nina.customer_department_id, self.logistics)
        self.assertEqual(self.budget_of(nina).amount, 150)
