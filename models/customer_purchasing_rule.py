# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchasing rules of a customer company: minimum and maximum order value,
product categories and number of orders per period; each gives a reason for
approval, or refuses the order. A rule of different approvers (four eyes) asks
for several approvals of the orders above its amount (sale_order_four_eyes)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_amount

from .customer_budget import BUDGET_PERIODS, EXCEEDED_ACTIONS, REQUIRED_LEVELS
from .res_partner_four_eyes import check_distinct_count

RULE_TYPES = [
    ("min_amount", "Minimum order value"),
    ("max_amount", "Maximum order value"),
    ("category", "Product categories"),
    ("order_count", "Number of orders per period"),
    ("distinct_approvals", "Different approvers"),
]
RULE_SCOPES = [
    ("company", "The whole company"),
    ("department", "A department"),
    ("partners", "Chosen people"),
]


class CustomerPurchasingRule(models.Model):
    _name = "customer.purchasing.rule"
    _inherit = ["customer.purchasing.input"]
    _description = "Purchasing rule of a customer company"
    _order = "company_partner_id, sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    company_partner_id = fields.Many2one(
        "res.partner",
        string="Customer company",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The vendor's company whose currency the amounts are in.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    rule_type = fields.Selection(RULE_TYPES, string="Rule", required=True)
    scope = fields.Selection(
        RULE_SCOPES, string="Applies to", required=True, default="company"
    )
    department_id = fields.Many2one("customer.department", ondelete="cascade")
    partner_ids = fields.Many2many(
        "res.partner",
        "customer_purchasing_rule_partner_rel",
        "rule_id",
        "partner_id",
        string="People",
    )
    amount = fields.Monetary(
        help="The minimum or maximum value of an order; for different approvers, "
        "the total above which they are needed."
    )
    category_ids = fields.Many2many(
        "product.category",
        string="Product categories",
        help="Products of these categories and of their sub-categories.",
    )
    max_orders = fields.Integer(
        string="Orders per period", help="How many orders a person may place."
    )
    period = fields.Selection(BUDGET_PERIODS, default="month")
    approvals_count = fields.Integer(
        string="Different approvers",
        default=2,
        help="How many different people approve an order above the amount before "
        "it is released (never the buyer, nor who placed it, nor one person twice).",
    )
    exceeded_action = fields.Selection(
        EXCEEDED_ACTIONS,
        string="When not kept",
        required=True,
        default="approval",
    )
    required_level = fields.Selection(
        REQUIRED_LEVELS, string="Approved by", required=True, default="chain"
    )

    _amount_positive = models.Constraint(
        "CHECK(amount >= 0)", "The amount of a purchasing rule cannot be negative."
    )
    _max_orders_positive = models.Constraint(
        "CHECK(max_orders >= 0)", "The number of orders cannot be negative."
    )

    @api.depends("rule_type")
    def _compute_name(self):
        # From the type only: a name the customer admin gives is kept when they
        # change the amount or the categories.
        types = dict(self._fields["rule_type"]._description_selection(self.env))
        for rule in self:
            rule.name = types.get(rule.rule_type) or _("Purchasing rule")

    @api.constrains(
        "company_partner_id",
        "scope",
        "department_id",
        "partner_ids",
        "rule_type",
        "approvals_count",
    )
    def _check_rule(self):
        for rule in self:
            company = rule.company_partner_id
            if rule.scope == "department" and not rule.department_id:
                raise ValidationError(_("Choose the department the rule applies to."))
            if rule.department_id and rule.department_id.company_partner_id != company:
                raise ValidationError(
                    _(
                        "%(department)s is not a department of %(company)s.",
                        department=rule.department_id.name,
                        company=company.display_name,
                    )
                )
            if rule.scope == "partners" and not rule.partner_ids:
                raise ValidationError(_("Choose the people the rule applies to."))
            strangers = rule.partner_ids.filtered(
                lambda p, c=company: p.commercial_partner_id != c or p.is_company
            )
            if strangers:
                raise ValidationError(
                    _(
                        "%(people)s are not people of %(company)s.",
                        people=", ".join(strangers.mapped("display_name")),
                        company=company.display_name,
                    )
                )
            if rule.rule_type == "category" and not rule.category_ids:
                raise ValidationError(_("Choose the product categories of the rule."))
            if rule.rule_type == "order_count" and not rule.period:
                raise ValidationError(_("Choose the period of the number of orders."))
            if rule.rule_type == "distinct_approvals":
                check_distinct_count(rule.approvals_count)

    @api.constrains(
        "rule_type",
        "amount",
        "exceeded_action",
        "active",
        "scope",
        "department_id",
        "partner_ids",
        "company_id",
    )
    def _check_refusals_leave_room(self):
        """A refusing minimum above a refusing maximum for the same people would
        refuse every order they place: refused when saved, with both rules."""
        bounds = ("min_amount", "max_amount")
        refusing = self.filtered(
            lambda r: (
                r.active and r.exceeded_action == "refuse" and r.rule_type in bounds
            )
        )
        if not refusing:
            return
        candidates = self.sudo().search(
            [
                ("company_partner_id", "in", refusing.company_partner_id.ids),
                ("exceeded_action", "=", "refuse"),
                ("rule_type", "in", bounds),
            ]
        )
        for rule in refusing.sudo():
            for other in candidates:
                if other.rule_type == rule.rule_type or (
                    (other.company_partner_id, other.company_id)
                    != (rule.company_partner_id, rule.company_id)
                ):
                    continue
                minimum, maximum = (
                    (rule, other) if rule.rule_type == "min_amount" else (other, rule)
                )
                if rule.currency_id.compare_amounts(
                    minimum.amount, maximum.amount
                ) > 0 and rule._overlaps(other):
                    raise ValidationError(
                        _(
                            "%(minimum)s refuses orders below %(low)s and "
                            "%(maximum)s refuses orders above %(high)s: nobody "
                            "could order under both. Lower the minimum, raise the "
                            "maximum, or let one of them ask for approval.",
                            minimum=minimum.display_name,
                            low=format_amount(
                                self.env, minimum.amount, rule.currency_id
                            ),
                            maximum=maximum.display_name,
                            high=format_amount(
                                self.env, maximum.amount, rule.currency_id
                            ),
                        )
                    )

    def _overlaps(self, other):
        """Whether the two rules apply to someone in common (today's members of
        a department)."""
        self.ensure_one()
        if "company" in (self.scope, other.scope):
            return True
        if self.scope == other.scope == "department":
            return self.department_id == other.department_id
        if self.scope == other.scope == "partners":
            return bool(self.partner_ids & other.partner_ids)
        department = (self | other).department_id
        people = (self | other).partner_ids
        return any(person._get_active_department() == department for person in people)

    def _applies_to(self, buyer, department):
        """Whether the rule applies to an order of ``buyer`` in ``department``."""
        self.ensure_one()
        if self.scope == "company":
            return True
        if self.scope == "department":
            return bool(department) and self.department_id == department
        return buyer in self.partner_ids
