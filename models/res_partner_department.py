# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_department_id = fields.Many2one(
        "customer.department",
        string="Department",
        index="btree_not_null",
        ondelete="set null",
        help="The department (cost centre, branch) of the customer company this "
        "person belongs to.",
    )
    customer_department_ids = fields.One2many(
        "customer.department",
        "company_partner_id",
        string="Departments",
        context={"active_test": False},
    )
    # The vendor's: portal users read budgets and rules through the pages only.
    customer_budget_ids = fields.One2many(
        "customer.budget",
        "company_partner_id",
        string="Budgets",
        groups="sales_team.group_sale_salesman",
    )
    customer_purchasing_rule_ids = fields.One2many(
        "customer.purchasing.rule",
        "company_partner_id",
        string="Purchasing rules",
        groups="sales_team.group_sale_salesman",
    )

    @api.constrains("customer_department_id", "parent_id")
    def _check_customer_department(self):
        for person in self.filtered("customer_department_id"):
            department = person.customer_department_id
            if person.commercial_partner_id != department.company_partner_id:
                raise ValidationError(
                    _(
                        "%(person)s cannot be in %(department)s: it is a department "
                        "of %(company)s.",
                        person=person.display_name,
                        department=department.name,
                        company=department.company_partner_id.display_name,
                    )
                )

    def _get_purchasing_rules(self, company=None):
        """The active purchasing rules of the company of ``self`` that apply to
        them, for orders of the vendor's ``company`` (by default the current
        one): one query.

        Rules of an archived department do not apply: its members order as
        members of no department."""
        self.ensure_one()
        customer = self.commercial_partner_id
        Rule = self.env["customer.purchasing.rule"].sudo()
        if not customer.is_company or self.is_company:
            return Rule
        company = company or self.env.company
        rules = Rule.search(
            [
                ("company_partner_id", "=", customer.id),
                ("company_id", "=", company.id),
            ]
        )
        department = self._get_active_department()
        return rules.filtered(lambda rule: rule._applies_to(self, department))

    def _get_active_department(self):
        """The department of ``self``, unless it is archived."""
        self.ensure_one()
        department = self.sudo().customer_department_id
        return department if department.active else department.browse()

    def _has_purchasing_controls(self, company=None):
        """Whether a purchasing rule or a budget may make an order of ``self``
        need approval."""
        self.ensure_one()
        return bool(self._get_purchasing_rules(company) or self._get_budgets(company))

    def _get_budgets(self, company=None):
        """The active budgets of ``self`` and of their (active) department, for
        orders of the vendor's ``company`` (by default the current one): one
        query."""
        self.ensure_one()
        Budget = self.env["customer.budget"].sudo()
        if self.is_company or not self.parent_id:
            return Budget
        company = company or self.env.company
        department = self._get_active_department()
        domain = [("partner_id", "=", self.id)]
        if department:
            domain = ["|", ("department_id", "=", department.id), *domain]
        return Budget.search([("company_id", "=", company.id), *domain])
