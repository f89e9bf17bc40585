# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, http
from odoo.http import request
from odoo.tools import float_repr

from .notices import notice_query
from .team_addresses import CustomerTeamAddressesPortal

BUDGET_FORM_FIELDS = ("period", "exceeded_action", "required_level")
BUDGET_DEFAULTS = {
    "amount": "",
    "period": "month",
    "exceeded_action": "approval",
    "required_level": "chain",
}


class CustomerTeamDepartmentsPortal(CustomerTeamAddressesPortal):
    """The company's departments on /my/team, and the department and budget of
    each sub-account. res.partner checks everything against the admin (see
    res_partner_team_department.py)."""

    # ------------------------------------------------------------------
    # Budgets in the forms
    # ------------------------------------------------------------------
    @staticmethod
    def _read_budget_form(form):
        """The budget fields of a posted form as Python values: the amount a
        number, None when empty (no budget), the text itself when it is not a
        number (refused by the model)."""
        text = (form.get("budget_amount") or "").strip()
        amount = None
        if text:
            try:
                amount = float(text)
            except ValueError:
                amount = text
        data = {"amount": amount}
        for key in BUDGET_FORM_FIELDS:
            data[key] = form.get("budget_" + key) or ""
        return data

    def _get_budget_shown(self, budget, form=None):
        """The budget fields as the form shows them: posted, else saved."""
        if form is not None:
            shown = {key: form.get("budget_" + key) or "" for key in BUDGET_DEFAULTS}
            shown["amount"] = (form.get("budget_amount") or "").strip()
            return shown
        if not budget or not budget.active:
            return dict(BUDGET_DEFAULTS)
        shown = {key: budget[key] for key in BUDGET_FORM_FIELDS}
        shown["amount"] = float_repr(budget.amount, budget.currency_id.decimal_places)
        return shown

    def _get_budget_values(self, admin, target, form=None):
        """What the budget fields of a form need to render."""
        Budget = request.env["customer.budget"]
        budget = admin._get_team_budget(target) if target else Budget.sudo()
        return {
            "budget_shown": self._get_budget_shown(budget, form),
            "budget_figures": admin._get_team_budget_figures(budget).get(budget.id),
            "budget_currency": request.env.company.currency_id,
            "budget_selections": {
                key: Budget._fields[key]._description_selection(request.env)
                for key in BUDGET_FORM_FIELDS
            },
        }

    # ------------------------------------------------------------------
    # The sub-account's form: their department and own budget
    # ------------------------------------------------------------------
    def _read_team_form(self, form):
        data = super()._read_team_form(form)
        # The fields were on the page: API-like posts without them change nothing.
        if form.get("department_shown"):
            value = form.get("customer_department_id")
            data["customer_department_id"] = (
                (self._to_id(value) or -1) if value else False
            )
        if form.get("budget_shown"):
            data["budget"] = self._read_budget_form(form)
        return data

    def _render_team_form(self, admin, member, form=None, errors=None):
        response = super()._render_team_form(admin, member, form, errors)
        if not admin._is_team_admin():
            return response  # departments and budgets are the admins'
        if form is not None:
            department_id = self._to_id(form.get("customer_department_id"))
        else:
            department_id = member.customer_department_id.id
        response.qcontext.update(
            {
                "departments": admin._get_team_member_departments(member or None),
                "shown_department_id": department_id,
                **self._get_budget_values(admin, member, form),
            }
        )
        return response

    # ------------------------------------------------------------------
    # /my/team: the departments under the sub-accounts
    # ------------------------------------------------------------------
    @http.route()
    def portal_my_team(self, page=1, **kwargs):
        response = super().portal_my_team(page=page, **kwargs)
        admin = request.env.user.partner_id
        if not admin._is_team_admin():
            return response  # a department manager: their members only
        departments = admin._get_team_departments()
        response.qcontext.update(
            {
                "departments": departments,
                "department_budgets": admin._get_team_department_budgets(
                    departments.filtered("active")
                ),
            }
        )
        return response

    # ------------------------------------------------------------------
    # A department
    # ------------------------------------------------------------------
    def _read_department_form(self, form):
        """The posted department form as Python values; res.partner checks them
        (see _check_team_department_values)."""
        data = {
            "name": form.get("name") or "",
            "code": form.get("code") or "",
            "manager_id": False,
            "member_ids": [
                self._to_id(value) or -1
                for value in request.httprequest.form.getlist("member_ids")
            ],
            "move_members": bool(form.get("move_members")),
            "budget": self._read_budget_form(form),
        }
        if form.get("manager_id"):
            data["manager_id"] = self._to_id(form["manager_id"]) or -1
        return data

    def _render_department_form(self, admin, department, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        if form is not None:
            shown = {
                "name": form.get("name") or "",
                "code": form.get("code") or "",
                "manager_id": self._to_id(form.get("manager_id")),
                "member_ids": {
                    self._to_id(value)
                    for value in request.httprequest.form.getlist("member_ids")
                },
                "move_members": bool(form.get("move_members")),
            }
        elif department:
            shown = {
                "name": department.name,
                "code": department.code or "",
                "manager_id": department.manager_id.id,
                "member_ids": set(admin._get_team_department_members(department).ids),
                "move_members": False,
            }
        else:
            shown = {"name": "", "code": "", "manager_id": 0, "member_ids": set()}
        people = admin._get_team_department_people()
        # People of another department: ticking them moves them here.
        elsewhere = people.filtered(
            lambda person: (
                person.customer_department_id
                and person.customer_department_id != department
                and person.customer_department_id.active
            )
        )
        values.update(
            {
                "page_name": "team_department",
                "department": department,
                "shown": shown,
                "errors": errors or {},
                "managers": admin._get_team_department_managers(),
                "people": people,
                "people_elsewhere": elsewhere,
                "people_elsewhere_ids": set(elsewhere.ids),
                **self._get_budget_values(admin, department, form),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_department", values
        )

    @http.route(
        ["/my/team/departments/new", "/my/team/departments/<int:department_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_department(self, department_id=None, **kwargs):
        admin = self._get_team_admin()
        department = request.env["customer.department"]
        if department_id:
            department = admin._get_team_department(department_id)
            if not department:
                raise request.not_found()
        return self._render_department_form(admin, department)

    @http.route(
        "/my/team/departments/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_department_save(self, department_id=None, **form):
        admin = self._get_team_admin()
        department = request.env["customer.department"]
        if department_id:
            department = admin._get_team_department(self._to_id(department_id))
            if not department:
                raise request.not_found()
        saved, errors = admin._save_team_department(
            self._read_department_form(form), department or None
        )
        if errors:
            return self._render_department_form(admin, department, form, errors)
        message = _("%s is saved.", saved.name)
        return request.redirect("/my/team?" + notice_query(message=message))

    @http.route(
        "/my/team/departments/<int:department_id>/active",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_department_active(self, department_id, active="", **kwargs):
        admin = self._get_team_admin()
        department = admin._get_team_department(department_id)
        if not department:
            raise request.not_found()
        message = admin._set_team_department_active(department, active == "1")
        return request.redirect("/my/team?" + notice_query(message=message))
