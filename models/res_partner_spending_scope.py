# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The statistics of a department manager (/my/team/statistics, its lists and
export): the figures of res_partner_spending*.py, kept to the members of the
departments they manage. ``_get_team_spending_company`` checks the role and
gives the customer company with the departments in its context
(``customer_spending_department_ids``); every figure below then reads those
members only, with as many queries as the customer admin's page."""

from odoo import _, api, models
from odoo.fields import Domain

SCOPE_KEY = "customer_spending_department_ids"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_team_spending_company(self):
        """The customer company whose figures ``self`` (the logged-in person)
        sees, as the superuser: whole for a customer admin, kept to their
        departments for a department manager; refused for anybody else."""
        self._check_team_role("see")
        company = self.commercial_partner_id.sudo()
        departments = self._get_team_scope_departments()
        if departments is None:
            return company
        return company.with_context(**{SCOPE_KEY: departments.ids})

    def _get_team_spending_department(self, department_id):
        """A department whose orders ``self`` may list in the statistics, or
        an empty recordset."""
        self._check_team_role("see")
        if self._is_team_admin():
            return self._get_team_department(department_id)
        return self._get_managed_departments().filtered(
            lambda department: department.id == department_id
        )

    def _get_customer_spending_scope(self):
        """The departments the figures are kept to, or None (the whole
        company)."""
        ids = self.env.context.get(SCOPE_KEY)
        if ids is None:
            return None
        return self.env["customer.department"].sudo().browse(ids)

    def _get_customer_spending_scope_people(self, departments):
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("customer_department_id", "in", departments.ids)])
        )

    def _read_customer_spending(self, date_from, date_to, per_person=True, people=None):
        departments = self._get_customer_spending_scope()
        if departments is not None:
            members = self._get_customer_spending_scope_people(departments)
            people = members if people is None else people & members
        return super()._read_customer_spending(
            date_from, date_to, per_person=per_person, people=people
        )

    def _get_customer_spending_overview(self, when=None, people=True):
        overview = super()._get_customer_spending_overview(when=when, people=people)
        departments = self._get_customer_spending_scope()
        if departments is not None:
            overview["departments"] = [
                row for row in overview["departments"] if row["target"] in departments
            ]
            overview["people"] = [
                row
                for row in overview["people"]
                if row["target"].customer_department_id in departments
            ]
            overview["scoped"] = True
        return overview

    def _get_customer_spending_people_domain(self, search="", when=None):
        domain = super()._get_customer_spending_people_domain(search, when)
        departments = self._get_customer_spending_scope()
        if departments is not None:
            domain &= Domain("customer_department_id", "in", departments.ids)
        return domain

    def _get_customer_spending_orders_domain(
        self, date_from, date_to, department=None, person=None
    ):
        domain = super()._get_customer_spending_orders_domain(
            date_from, date_to, department=department, person=person
        )
        departments = self._get_customer_spending_scope()
        if departments is not None:
            domain &= Domain("partner_id.customer_department_id", "in", departments.ids)
        return domain

    @api.model
    def _get_customer_spending_chart(self, by_month):
        chart = super()._get_customer_spending_chart(by_month)
        if self._get_customer_spending_scope() is not None:
            chart["totalLabel"] = _("Your departments")
        return chart
