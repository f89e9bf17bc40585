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
    customer_budget_ids = fields.One2many(
        "customer.budget", "company_partner_id", string="Budgets"
    )
    customer_purchasing_rule_ids = fields.One2many(
        "customer.purchasing.rule", "company_partner_id", string="Purchasing rules"
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

    def _get_purchasing_rules(self):
        """The active purchasing rules of the company of ``self`` that apply to
        them (one query)."""
        self.ensure_one()
        company = self.commercial_partner_id
        if not company.is_company or self.is_company:
            return self.env["customer.purchasing.rule"]
        rules = (
            self.env["customer.purchasing.rule"]
            .sudo()
            .search(
                [
                    ("company_partner_id", "=", company.id),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        department = self.customer_department_id
        return rules.filtered(lambda rule: rule._applies_to(self, department))

    def _has_purchasing_controls(self):
        """Whether a purchasing rule or a budget may make an order of ``self``
        need approval."""
        self.ensure_one()
        return bool(self._get_purchasing_rules() or self._get_budgets())

    def _get_budgets(self):
        """The active budgets of ``self`` and of their department (one query)."""
        self.ensure_one()
        if self.is_company or not self.parent_id:
            return self.env["customer.budget"]
        department = self.customer_department_id
        domain = [("partner_id", "=", self.id)]
        if department:
            domain = ["|", ("department_id", "=", department.id), *domain]
        return (
            self.env["customer.budget"]
            .sudo()
            .search([("company_id", "=", self.env.company.id), *domain])
        )
