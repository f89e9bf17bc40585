# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerDepartment(models.Model):
    """A department (cost centre, branch) of a customer company: it groups
    sub-accounts, may have a manager and a code that its orders carry."""

    _name = "customer.department"
    _inherit = ["customer.purchasing.input"]
    _description = "Department of a customer company"
    _order = "company_partner_id, name, id"

    name = fields.Char(required=True)
    code = fields.Char(
        help="Carried by the orders of the department's members (a cost centre "
        "or branch number)."
    )
    active = fields.Boolean(default=True)
    company_partner_id = fields.Many2one(
        "res.partner",
        string="Customer company",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    manager_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        ondelete="restrict",
        help="An approver of the company. Purchasing rules and budgets may ask "
        "for the manager's approval.",
    )
    manager_pool_id = fields.Many2one(
        "customer.approval.pool",
        string="Manager pool",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('company_partner_id', '=', company_partner_id)]",
        help="Instead of one manager: a pool of approvers of the company, any one "
        "of whom decides what purchasing rules and budgets ask of the manager.",
    )
    member_ids = fields.One2many(
        "res.partner",
        "customer_department_id",
        string="Members",
        help="The sub-accounts of the department; a person is in one department "
        "at most.",
    )
    budget_ids = fields.One2many(
        "customer.budget",
        "department_id",
        string="Budgets",
        context={"active_test": False},
    )
    member_count = fields.Integer(compute="_compute_member_count")

    _name_company_unique = models.Constraint(
        "UNIQUE(company_partner_id, name)",
        "A department of this name exists already in this company.",
    )

    @api.depends("member_ids")
    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("customer_department_id", "in", self.ids)],
                ["customer_department_id"],
                ["__count"],
            )
        )
        for department in self:
            department.member_count = counts.get(department, 0)

    @api.depends("name", "code")
    def _compute_display_name(self):
        for department in self:
            department.display_name = (
                f"{department.name} ({department.code})"
                if department.code
                else department.name
            )

    @api.constrains("company_partner_id", "manager_id")
    def _check_manager(self):
        for department in self:
            manager = department.manager_id
            if not manager:
                continue
            if manager.commercial_partner_id != department.company_partner_id:
                raise ValidationError(
                    _(
                        "The manager of %(department)s must be a person of "
                        "%(company)s.",
                        department=department.name,
                        company=department.company_partner_id.display_name,
                    )
                )
            if not (manager.is_order_approver or manager.is_customer_admin):
                raise ValidationError(
                    _(
                        "%(person)s cannot manage %(department)s: the manager of a "
                        "department is an approver of the company.",
                        person=manager.name,
                        department=department.name,
                    )
                )

    def _get_managers(self):
        """The people who manage the department ``self``: its manager, or the
        members of its manager pool. They see its orders and spending, and
        manage its members when the company lets them
        (res.partner.department_manager_rights). Searched the other way round by
        res.partner._get_managed_departments_domain."""
        self.ensure_one()
        return self.manager_id | self.sudo().manager_pool_id.member_ids.sudo(False)

    @api.constrains("company_partner_id", "manager_id", "manager_pool_id")
    def _check_manager_pool(self):
        for department in self.filtered("manager_pool_id"):
            if department.manager_id:
                raise ValidationError(
                    _(
                        "%s has a manager or a manager pool, not both.",
                        department.name,
                    )
                )
            pool = department.manager_pool_id.sudo()
            if pool.company_partner_id != department.company_partner_id:
                raise ValidationError(
                    _(
                        "The manager pool of %(department)s must belong to "
                        "%(company)s.",
                        department=department.name,
                        company=department.company_partner_id.display_name,
                    )
                )

    @api.constrains("company_partner_id")
    def _check_company_partner(self):
        # Not _check_company: that is Odoo's multi-company check of every model.
        for department in self:
            if not department.company_partner_id.is_company:
                raise ValidationError(
                    _("A department belongs to a customer company, not to a person.")
                )
            strangers = department.member_ids.filtered(
                lambda p, d=department: p.commercial_partner_id != d.company_partner_id
            )
            if strangers:
                raise ValidationError(
                    _(
                        "%(people)s cannot be in %(department)s: they are not of "
                        "%(company)s.",
                        people=", ".join(strangers.mapped("name")),
                        department=department.name,
                        company=department.company_partner_id.display_name,
                    )
                )
