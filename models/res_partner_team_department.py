# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer admin's departments and budgets on /my/team.

Like the rest of the team service (res_partner_team.py), everything here works
as the superuser after checking that the records touched belong to the admin's
company; the portal only reads the posted form and renders the answers."""

from odoo import _, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.misc import format_amount

from .customer_budget import BUDGET_PERIODS, EXCEEDED_ACTIONS, REQUIRED_LEVELS
from .plural_forms import select_plural

MAX_BUDGET = 1e12
# The keys of a budget in the team forms, and the form fields they come from.
BUDGET_KEYS = ("amount", "period", "exceeded_action", "required_level")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Reading: the company's departments, managers and people
    # ------------------------------------------------------------------
    def _get_team_departments(self):
        """The departments of the admin's company, archived ones included."""
        self._check_team_admin()
        return (
            self.env["customer.department"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("company_partner_id", "=", self.commercial_partner_id.id)],
                order="active desc, name, id",
            )
        )

    def _get_team_department(self, department_id):
        """A department of the admin's company, or an empty recordset."""
        if not isinstance(department_id, int) or isinstance(department_id, bool):
            return self.env["customer.department"]
        return self._get_team_departments().filtered(
            lambda department: department.id == department_id
        )

    def _check_team_department(self, department):
        self._check_team_admin()
        if len(department) != 1 or department not in self._get_team_departments():
            raise AccessError(
                _("You may manage only the departments of your own company.")
            )

    def _get_team_department_managers(self):
        """Who may manage a department: the active approvers and customer admins
        of the admin's company (see customer.department._check_manager)."""
        self._check_team_admin()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                Domain(self._get_team_people_domain())
                & Domain("active", "=", True)
                & (
                    Domain("is_order_approver", "=", True)
                    | Domain("is_customer_admin", "=", True)
                ),
                order="active desc, name, id",
            )
        )

    def _get_team_department_people(self):
        """The people the admin may put in a department: the active
        sub-accounts they manage."""
        return self._get_team().filtered("active")

    def _get_team_department_members(self, department):
        """The members of ``department``, archived people included."""
        if not department:
            return self.browse()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("customer_department_id", "=", department.id)])
        )

    # ------------------------------------------------------------------
    # Budgets of a department or a person, as the portal shows them
    # ------------------------------------------------------------------
    def _get_team_budget(self, target):
        """The budget of ``target`` (a department or a person of the admin's
        company) that the portal manages: the first one of the vendor's current
        company, the active one first. Archived when the admin empties it, so
        that the reasons of past orders still name it."""
        self._check_team_admin()
        if not target:
            return self.env["customer.budget"]
        field = (
            "department_id" if target._name == "customer.department" else "partner_id"
        )
        return (
            self.env["customer.budget"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [(field, "=", target.id), ("company_id", "=", self.env.company.id)],
                order="active desc, id",
                limit=1,
            )
        )

    def _get_team_budget_figures(self, budgets):
        """What each of ``budgets`` allows and has left in its current period
        (one query for all of them).

        :return: dict {budget id: {budget, period, amount, spent, remaining,
            currency, text ("300.00 € left of 1,000.00 € in December")}}
        """
        self._check_team_admin()
        budgets = budgets.sudo().filtered(
            lambda budget: (
                budget.active
                and budget.company_partner_id == self.commercial_partner_id
            )
        )
        spending = budgets._get_spending()
        figures = {}
        for budget in budgets:
            remaining = max(budget.amount - spending[budget], 0.0)
            period = budget._get_period_name()
            figures[budget.id] = {
                "budget": budget,
                "period": period,
                "amount": budget.amount,
                "spent": spending[budget],
                "remaining": remaining,
                "currency": budget.currency_id,
                "text": _(
                    "%(remaining)s left of %(amount)s in %(period)s",
                    period=period,
                    remaining=format_amount(self.env, remaining, budget.currency_id),
                    amount=format_amount(self.env, budget.amount, budget.currency_id),
                ),
            }
        return figures

    def _get_team_department_budgets(self, departments):
        """The active budgets of ``departments`` for the vendor's current
        company, with their figures (see _get_team_budget_figures).

        :return: dict {department id: [figures]}
        """
        self._check_team_admin()
        budgets = (
            self.env["customer.budget"]
            .sudo()
            .search(
                [
                    ("department_id", "in", departments.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        figures = self._get_team_budget_figures(budgets)
        result = {department.id: [] for department in departments}
        for budget in budgets:
            if budget.id in figures:
                result[budget.department_id.id].append(figures[budget.id])
        return result

    def _check_team_budget_values(self, data):
        """The budget of a team form, already read by the portal into Python
        values (see CustomerTeamDepartmentsPortal._read_budget_form).

        :param dict data: amount (a number, or None for no budget; anything
            else is refused), period, exceeded_action, required_level
        :return: (values for customer.budget, or None for no budget;
            {"budget_<key>": error})
        """
        errors = {}
        amount = data.get("amount")
        if amount is None:
            return None, errors
        if (
            isinstance(amount, bool)
            or not isinstance(amount, (int, float))
            or not 0 <= amount < MAX_BUDGET
        ):
            errors["budget_amount"] = _(
                "Enter an amount of 0 or more, or leave it empty for no budget."
            )
        values = {"amount": amount if not errors else 0.0}
        choices = {
            "period": (BUDGET_PERIODS, _("Choose a period.")),
            "exceeded_action": (
                EXCEEDED_ACTIONS,
                _("Choose what happens when the budget is exceeded."),
            ),
            "required_level": (REQUIRED_LEVELS, _("Choose who approves.")),
        }
        for key, (selection, message) in choices.items():
            value = data.get(key)
            if value not in dict(selection):
                errors["budget_" + key] = message
            values[key] = value
        return values, errors

    def _write_team_budget(self, target, values):
        """Set the budget of ``target`` (checked by the caller) to ``values``
        (see _check_team_budget_values): None archives it."""
        budget = self._get_team_budget(target)
        if values is None:
            if budget.active:
                budget.active = False
            return budget
        values = dict(values, active=True)
        if budget:
            budget.write(values)
            return budget
        field = (
            "department_id" if target._name == "customer.department" else "partner_id"
        )
        return (
            self.env["customer.budget"]
            .sudo()
            .create(dict(values, company_id=self.env.company.id, **{field: target.id}))
        )

    # ------------------------------------------------------------------
    # A department: check and save
    # ------------------------------------------------------------------
    def _check_team_department_values(self, data, department=None):
        """Check the values of a department form, never trusting them.

        :param dict data: name, code, manager_id (an int, or False for none),
            member_ids (list of ints), move_members (move the people ticked who
            are in another department), budget (see _check_team_budget_values)
        :return: (values for customer.department, the members (None: not
            given, unchanged), the budget values (None: no budget), {field:
            error})
        """
        self._check_team_admin()
        department = department or self.env["customer.department"]
        errors = {}
        values = {}
        name = (data.get("name") or "").strip()[:128]
        if not name:
            errors["name"] = _("Enter the name.")
        elif (self._get_team_departments() - department).filtered(
            lambda other: other.name == name
        ):
            errors["name"] = _("Your company has a department of this name already.")
        values["name"] = name
        values["code"] = (data.get("code") or "").strip()[:32] or False
        manager_id = data.get("manager_id")
        values["manager_id"] = False
        if manager_id:
            manager = self._get_team_department_managers().filtered(
                lambda person: person.id == manager_id
            )
            if not manager:
                errors["manager_id"] = _(
                    "Choose an approver or a customer admin of your company."
                )
            values["manager_id"] = manager.id
        members = None
        if "member_ids" in data:
            members = self._check_team_department_members(data, department, errors)
        budget = None
        if "budget" in data:
            budget, budget_errors = self._check_team_budget_values(data["budget"])
            errors.update(budget_errors)
        return values, members, budget, errors

    def _check_team_department_members(self, data, department, errors):
        """The members a department form asks for (see
        _check_team_department_values): the people ticked, and those the admin
        does not manage or who are archived, who stay as they are."""
        people = self._get_team_department_people()
        wanted = set(data.get("member_ids") or [])
        chosen = people.filtered(lambda person: person.id in wanted)
        if len(chosen) != len(wanted):
            errors["member_ids"] = _("Choose among the people of your company.")
        elif not data.get("move_members"):
            # A person is in one department at most: moving them is explicit.
            elsewhere = chosen.filtered(
                lambda person: (
                    person.customer_department_id
                    and person.customer_department_id != department
                    and person.customer_department_id.active
                )
            )
            if elsewhere:
                errors["member_ids"] = _(
                    "%(people)s: already in another department (%(departments)s). "
                    'Tick "Move them here" to move them to this department.',
                    people=", ".join(elsewhere.mapped("name")),
                    departments=", ".join(
                        elsewhere.customer_department_id.mapped("name")
                    ),
                )
        current = self._get_team_department_members(department)
        return (current - people) | chosen

    def _save_team_department(self, data, department=None):
        """Create or update a department of the admin's company with its
        members and budget (see _check_team_department_values).

        :return: (the department, {field: error}); nothing is saved when there
            are errors.
        """
        if department:
            self._check_team_department(department)
        values, members, budget, errors = self._check_team_department_values(
            data, department
        )
        if errors:
            return department, errors
        saved = department
        try:
            with self.env.cr.savepoint():
                if saved:
                    saved.sudo().write(values)
                else:
                    saved = (
                        self.env["customer.department"]
                        .sudo()
                        .create(
                            dict(
                                values, company_partner_id=self.commercial_partner_id.id
                            )
                        )
                    )
                if members is not None:
                    current = self._get_team_department_members(saved)
                    (current - members).write({"customer_department_id": False})
                    (members - current).sudo().write(
                        {"customer_department_id": saved.id}
                    )
                if "budget" in data:
                    self._write_team_budget(saved, budget)
        except (ValidationError, UserError) as error:
            return department, {"department": error.args[0]}
        return saved, {}

    def _set_team_department_active(self, department, active):
        """Archive (its members then are in no department) or restore a
        department; return the confirmation for the admin."""
        self._check_team_department(department)
        department = department.sudo()
        if active:
            department.active = True
            return _("%s is in use again.", department.name)
        members = self._get_team_department_members(department)
        with self.env.cr.savepoint():
            members.write({"customer_department_id": False})
            department.active = False
        if members:
            return select_plural(
                _(
                    "%(department)s is archived; its {%(count)s, plural,"
                    " one {%(count)s member is} other {%(count)s members are}}"
                    " in no department any more.",
                    department=department.name,
                    count=len(members),
                ),
                self.env.lang,
            )
        return _("%s is archived.", department.name)

    # ------------------------------------------------------------------
    # A person's department and own budget (the sub-account's form)
    # ------------------------------------------------------------------
    def _get_team_member_departments(self, member=None):
        """The departments a person may be put in: the active ones, and theirs."""
        departments = self._get_team_departments().filtered("active")
        if member and member.customer_department_id:
            departments |= member.sudo().customer_department_id
        return departments

    def _check_team_values(self, data, member=None):
        values, user_values, errors = super()._check_team_values(data, member)
        if "customer_department_id" in data:
            department_id = data["customer_department_id"]
            department = self.env["customer.department"]
            if department_id:
                department = self._get_team_member_departments(member).filtered(
                    lambda d: d.id == department_id
                )
                if not department:
                    errors["customer_department_id"] = _(
                        "Choose a department of your company."
                    )
            values["customer_department_id"] = department.id
        if "budget" in data:
            _budget, budget_errors = self._check_team_budget_values(data["budget"])
            errors.update(budget_errors)
        return values, user_values, errors

    def _save_team_member(self, data, member=None):
        if "budget" not in data:
            return super()._save_team_member(data, member)
        before = member
        try:
            with self.env.cr.savepoint():
                member, errors = super()._save_team_member(data, member)
                if not errors:
                    budget, _errors = self._check_team_budget_values(data["budget"])
                    self._write_team_budget(member, budget)
        except (ValidationError, UserError) as error:
            return before, {"budget_amount": error.args[0]}
        return member, errors
