# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The orders a department manager sees: those of the members of the
departments they manage, when their company lets its managers see (or manage).
The record rules (security/) search ``customer_department_manager_ids``, so the
answer follows the data at each query (a manager changed, a person moved, the
company's setting) on every path: the portal's lists, its order pages, RPC."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

# The company settings under which a department's managers see its orders.
SEEING_RIGHTS = ("see", "manage")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_department_manager_ids = fields.Many2many(
        "res.partner",
        string="Department managers",
        compute="_compute_customer_department_manager_ids",
        search="_search_customer_department_manager_ids",
        compute_sudo=True,
        help="The managers of the buyer's department who see the order in the "
        "portal (when the customer company lets them).",
    )

    @api.depends(
        "partner_id.customer_department_id.manager_id",
        "partner_id.commercial_partner_id.department_manager_rights",
    )
    def _compute_customer_department_manager_ids(self):
        for order in self:
            department = order.partner_id.customer_department_id
            company = order.partner_id.commercial_partner_id
            seen = (
                department.active
                and company.department_manager_rights in SEEING_RIGHTS
                and department.company_partner_id == company
            )
            order.customer_department_manager_ids = (
                department._get_managers() if seen else False
            )

    def _search_customer_department_manager_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        partner_ids = [v for v in value if isinstance(v, int)]
        departments = (
            self.env["customer.department"]
            .sudo()
            ._search(
                self.env["res.partner"]._get_managed_departments_domain(partner_ids)
                & Domain(
                    "company_partner_id.department_manager_rights", "in", SEEING_RIGHTS
                )
            )
        )
        buyers = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            ._search([("customer_department_id", "in", departments)])
        )
        return [("partner_id", "in", buyers)]

    @api.model
    def _customer_approval_domain(self, partner, scope="to_decide"):
        """``department``: the orders waiting for approval in the departments
        that ``partner`` manages (read-only unless they decide them)."""
        if scope != "department":
            return super()._customer_approval_domain(partner, scope)
        return (
            Domain("approval_state", "=", "waiting")
            & Domain("partner_id", "!=", partner.id)
            & Domain("customer_department_manager_ids", "in", [partner.id])
        )

    def _customer_approval_can_review(self, partner):
        """The managers of the buyer's department open the page too (read-only
        unless they are among its deciders)."""
        return super()._customer_approval_can_review(partner) or bool(
            self.partner_id.commercial_partner_id == partner.commercial_partner_id
            and partner != self.partner_id
            and partner in self.customer_department_manager_ids
        )

    def _team_spending_sql(self, company, date_from, date_to):
        """Kept to the members of the departments of the statistics' scope
        (see res_partner_spending_scope.py)."""
        query = super()._team_spending_sql(company, date_from, date_to)
        departments = company._get_customer_spending_scope()
        if departments is None:
            return query
        return SQL(
            """
            SELECT scoped.* FROM (%s) AS scoped
             WHERE scoped.partner_id IN (
                   SELECT id FROM res_partner WHERE customer_department_id IN %s)
            """,
            query,
            tuple(departments.ids) or (None,),
        )
