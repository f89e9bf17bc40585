# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import float_repr

from .notices import notice_query, notice_text
from .team import CustomerTeamPortal

CHANGES_PER_PAGE = 20
RULE_FORM_FIELDS = (
    "name",
    "rule_type",
    "scope",
    "period",
    "exceeded_action",
    "required_level",
)


class CustomerTeamRulesPortal(CustomerTeamPortal):
    """The company's purchasing rules, settings and their change log on
    /my/team. res.partner checks everything against the admin (see
    res_partner_team_rule.py and res_partner_control.py)."""

    # ------------------------------------------------------------------
    # Reading the posted forms
    # ------------------------------------------------------------------
    @staticmethod
    def _read_number(text, kind=float):
        """A posted number as ``kind``; None when empty; the text itself when
        it is not one (refused by res.partner)."""
        text = (text or "").strip()
        if not text:
            return None
        try:
            return kind(text)
        except ValueError:
            return text

    def _read_ids(self, name):
        return [
            self._to_id(value) or -1 for value in request.httprequest.form.getlist(name)
        ]

    def _read_rule_form(self, form):
        """The posted rule as Python values (see _check_team_rule_values);
        ``vendor_owned`` or any other field posted is ignored."""
        data = {key: form.get(key) or "" for key in RULE_FORM_FIELDS}
        data["amount"] = self._read_number(form.get("amount"))
        data["max_orders"] = self._read_number(form.get("max_orders"), int)
        data["approvals_count"] = self._read_number(form.get("approvals_count"), int)
        data["department_id"] = (
            (self._to_id(form["department_id"]) or -1)
            if form.get("department_id")
            else False
        )
        data["category_ids"] = self._read_ids("category_ids")
        data["partner_ids"] = self._read_ids("partner_ids")
        return data

    # ------------------------------------------------------------------
    # The rules
    # ------------------------------------------------------------------
    def _get_rule(self, admin, rule_id):
        rule = admin._get_team_rule(self._to_id(rule_id))
        if not rule:
            raise request.not_found()
        return rule

    def _check_rule_editable(self, admin, rule):
        try:
            admin._check_team_rule(rule)
        except AccessError as error:
            raise Forbidden(error.args[0]) from error

    @http.route(
        "/my/team/rules",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_rules(self, **kwargs):
        admin = self._get_team_admin()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team_rules",
                "rules": admin._get_team_rules(),
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_rules", values
        )

    def _render_rule_form(self, admin, rule, form=None, errors=None, status=200):
        values = self._prepare_portal_layout_values()
        if form is not None:
            shown = {key: form.get(key) or "" for key in RULE_FORM_FIELDS}
            shown.update(
                amount=(form.get("amount") or "").strip(),
                max_orders=(form.get("max_orders") or "").strip(),
                approvals_count=(form.get("approvals_count") or "").strip(),
                department_id=self._to_id(form.get("department_id")),
                category_ids=set(self._read_ids("category_ids")),
                partner_ids=set(self._read_ids("partner_ids")),
            )
        elif rule:
            shown = {key: rule[key] or "" for key in RULE_FORM_FIELDS}
            shown.update(
                amount=float_repr(rule.amount, rule.currency_id.decimal_places),
                max_orders=str(rule.max_orders),
                approvals_count=str(rule.approvals_count),
                department_id=rule.department_id.id,
                category_ids=set(rule.category_ids.ids),
                partner_ids=set(rule.partner_ids.ids),
            )
        else:
            shown = {
                "name": "",
                "rule_type": "max_amount",
                "scope": "company",
                "period": "month",
                "exceeded_action": "approval",
                "required_level": "chain",
                "amount": "",
                "max_orders": "",
                "approvals_count": "2",
                "department_id": 0,
                "category_ids": set(),
                "partner_ids": set(),
            }
        departments = admin._get_team_departments().filtered(
            lambda d: d.active or d == rule.department_id
        )
        values.update(
            {
                "page_name": "team_rule",
                "rule": rule,
                "readonly_rule": bool(rule and rule.vendor_owned),
                "shown": shown,
                "errors": errors or {},
                "departments": departments,
                "people": admin._get_team_rule_people(rule),
                "categories": admin._get_team_rule_categories(rule),
                "selections": admin._get_team_rule_selections(),
                "currency": rule.currency_id
                if rule
                else request.env.company.currency_id,
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_rule", values, status=status
        )

    @http.route(
        ["/my/team/rules/new", "/my/team/rules/<int:rule_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_rule(self, rule_id=None, **kwargs):
        admin = self._get_team_admin()
        rule = request.env["customer.purchasing.rule"]
        if rule_id:
            rule = self._get_rule(admin, rule_id)
        return self._render_rule_form(admin, rule)

    @http.route(
        "/my/team/rules/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_rule_save(self, rule_id=None, **form):
        admin = self._get_team_admin()
        rule = request.env["customer.purchasing.rule"]
        if rule_id:
            rule = self._get_rule(admin, rule_id)
            self._check_rule_editable(admin, rule)
        saved, errors = admin._save_team_rule(self._read_rule_form(form), rule or None)
        if errors:
            return self._render_rule_form(admin, rule, form, errors)
        message = _("%s is saved.", saved.name)
        return request.redirect("/my/team/rules?" + notice_query(message=message))

    @http.route(
        "/my/team/rules/<int:rule_id>/active",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_rule_active(self, rule_id, active="", **kwargs):
        admin = self._get_team_admin()
        rule = self._get_rule(admin, rule_id)
        self._check_rule_editable(admin, rule)
        message, error = admin._set_team_rule_active(rule, active == "1")
        return request.redirect(
            "/my/team/rules?" + notice_query(message=message, error=error)
        )

    # ------------------------------------------------------------------
    # The company's settings
    # ------------------------------------------------------------------
    def _render_settings(self, admin, form=None, errors=None, message=None):
        values = self._prepare_portal_layout_values()
        company = admin._get_team_settings()
        if form is not None:
            shown = {
                "delivery_address_policy": form.get("delivery_address_policy") or "",
                "ask_cost_centre": bool(form.get("ask_cost_centre")),
                "approval_escalation_days": (
                    form.get("approval_escalation_days") or ""
                ).strip(),
                "approval_distinct_count": (
                    form.get("approval_distinct_count") or ""
                ).strip(),
                "approval_distinct_amount": (
                    form.get("approval_distinct_amount") or ""
                ).strip(),
                "department_manager_rights": form.get("department_manager_rights")
                or "",
                "department_manager_breakpoint_limit": bool(
                    form.get("department_manager_breakpoint_limit")
                ),
            }
        else:
            currency = company.approval_currency_id
            shown = {
                "delivery_address_policy": company.delivery_address_policy or "",
                "ask_cost_centre": company.ask_cost_centre,
                "approval_escalation_days": str(company.approval_escalation_days),
                "approval_distinct_count": str(company.approval_distinct_count),
                "approval_distinct_amount": float_repr(
                    company.approval_distinct_amount, currency.decimal_places
                ),
                "department_manager_rights": company.department_manager_rights
                or "none",
                "department_manager_breakpoint_limit": (
                    company.department_manager_breakpoint_limit
                ),
            }
        values.update(
            {
                "page_name": "team_settings",
                "company": company,
                "shown": shown,
                "errors": errors or {},
                "message": message,
                "policies": company._fields[
                    "delivery_address_policy"
                ]._description_selection(request.env),
                "manager_rights": company._fields[
                    "department_manager_rights"
                ]._description_selection(request.env),
                "approval_currency": company.approval_currency_id,
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_settings", values
        )

    @http.route(
        "/my/team/settings",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_settings(self, **kwargs):
        admin = self._get_team_admin()
        return self._render_settings(admin, message=notice_text(kwargs.get("message")))

    @http.route(
        "/my/team/settings",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_settings_save(self, **form):
        admin = self._get_team_admin()
        days = self._read_number(form.get("approval_escalation_days"), int)
        data = {
            "delivery_address_policy": form.get("delivery_address_policy"),
            "ask_cost_centre": bool(form.get("ask_cost_centre")),
            "approval_escalation_days": 0 if days is None else days,
        }
        # Four eyes and the managers' limits, when the form has them.
        if "approval_distinct_count" in form:
            data["approval_distinct_count"] = self._read_number(
                form["approval_distinct_count"], int
            )
        if "approval_distinct_amount" in form:
            amount = self._read_number(form["approval_distinct_amount"])
            data["approval_distinct_amount"] = 0.0 if amount is None else amount
        if "department_manager_rights" in form:
            data["department_manager_rights"] = form["department_manager_rights"]
            data["department_manager_breakpoint_limit"] = bool(
                form.get("department_manager_breakpoint_limit")
            )
        errors = admin._save_team_settings(data)
        if errors:
            return self._render_settings(admin, form, errors)
        message = _("The settings of your company are saved.")
        return request.redirect("/my/team/settings?" + notice_query(message=message))

    # ------------------------------------------------------------------
    # The change log
    # ------------------------------------------------------------------
    @http.route(
        ["/my/team/changes", "/my/team/changes/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_changes(self, page=1, **kwargs):
        admin = self._get_team_admin()
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/team/changes",
            total=admin._get_team_change_count(),
            page=page,
            step=CHANGES_PER_PAGE,
        )
        values.update(
            {
                "page_name": "team_changes",
                "changes": admin._get_team_changes(
                    offset=pager["offset"], limit=CHANGES_PER_PAGE
                ),
                "pager": pager,
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_changes", values
        )
