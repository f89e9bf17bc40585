# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Department managers: what the customer admins let the managers of their
departments do (settings of the customer company), who manages which
department, and the role a person has on the team pages.

A customer admin manages the whole team; a department manager, when the company
allows it, sees (and may manage) the members of the departments they manage,
never a customer admin, never themselves, never anybody else. Every team method
(res_partner_team.py, res_partner_spending_scope.py) asks ``_check_team_role``
and scopes its records with ``_get_team_scope_domain``, so the portal, the
backoffice and RPC get the same answer."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

MANAGER_RIGHTS = [
    ("none", "Nothing more than an approver"),
    ("see", "See their departments' orders and spending"),
    ("manage", "See, and manage the approval settings of their members"),
]
# The order of the rights: "manage" includes "see".
RIGHT_LEVELS = {"none": 0, "see": 1, "manage": 2}


class ResPartner(models.Model):
    _inherit = "res.partner"

    department_manager_rights = fields.Selection(
        MANAGER_RIGHTS,
        string="Department managers",
        default="none",
        help="What the managers of the company's departments may do in the portal: "
        "see the orders, waiting approvals and spending of the members of their "
        "departments, and manage their approval settings. Set on the customer "
        "company.",
    )
    department_manager_breakpoint_limit = fields.Boolean(
        string="Breakpoints up to the manager's own",
        default=True,
        help="A department manager may not give a member a breakpoint above their "
        "own (nor none, which is no limit, when they have one). Set on the "
        "customer company.",
    )

    # ------------------------------------------------------------------
    # Who manages which department
    # ------------------------------------------------------------------
    @api.model
    def _get_managed_departments_domain(self, partner_ids):
        """The active departments that the people ``partner_ids`` manage (see
        customer.department._get_managers)."""
        people = list(partner_ids)
        return (
            Domain("manager_id", "in", people)
            | Domain("manager_pool_id.member_ids", "in", people)
        ) & Domain("active", "=", True)

    def _get_managed_departments(self):
        """The active departments where ``self`` is among the managers."""
        self.ensure_one()
        return (
            self.env["customer.department"]
            .sudo()
            .search(self._get_managed_departments_domain(self.ids))
        )

    # ------------------------------------------------------------------
    # The role on the team pages
    # ------------------------------------------------------------------
    def _is_team_admin(self):
        self.ensure_one()
        return bool(self.is_customer_admin and self.commercial_partner_id.is_company)

    def _get_department_manager_right(self):
        """What ``self`` may do as a department manager (see MANAGER_RIGHTS):
        "none" unless they manage an active department and their company lets
        its managers see or manage."""
        self.ensure_one()
        company = self.sudo().commercial_partner_id
        right = company.department_manager_rights or "none"
        if right == "none" or not company.is_company or not self.active:
            return "none"
        return right if self._get_managed_departments() else "none"

    def _get_team_role(self):
        """``admin``, ``manager`` (with a right of see or manage), or False."""
        self.ensure_one()
        if self._is_team_admin():
            return "admin"
        if self._get_department_manager_right() != "none":
            return "manager"
        return False

    def _check_team_role(self, right="manage"):
        """``self`` is the logged-in person: a customer admin, or a department
        manager whose company gives them at least ``right`` (see, manage)."""
        self.ensure_one()
        if self._is_team_admin():
            return
        level = RIGHT_LEVELS[self._get_department_manager_right()]
        if not level or level < RIGHT_LEVELS[right]:
            raise AccessError(_("Only a customer admin may manage the team."))

    def _get_team_scope_domain(self):
        """The people of the company whose figures and settings ``self`` may
        reach: everybody for a customer admin; for a department manager, the
        members of their departments who are not customer admins, without
        themselves."""
        self.ensure_one()
        if self._is_team_admin():
            return Domain.TRUE
        departments = self._get_managed_departments()
        return (
            Domain("customer_department_id", "in", departments.ids)
            & Domain("is_customer_admin", "=", False)
            & Domain("id", "!=", self.id)
        )

    def _get_team_scope_departments(self):
        """The departments whose figures ``self`` sees: all of the company for a
        customer admin (None: no restriction), else the managed ones."""
        self.ensure_one()
        if self._is_team_admin():
            return None
        return self._get_managed_departments()
