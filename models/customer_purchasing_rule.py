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
# The fields of a rule the change log keeps (customer.control.change).
LOGGED_RULE_FIELDS = (
    "name",
    "rule_type",
    "scope",
    "department_id",
    "partner_ids",
    "amount",
    "category_ids",
    "max_orders",
    "period",
    "approvals_count",
    "exceeded_action",
    "required_level",
    "vendor_owned",
    "company_partner_id",
    "active",
)
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

    vendor_owned = fields.Boolean(
        string="Set by the vendor",
        help="The customer admins see this rule in the portal but may neither "
        "change nor archive it.",
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
        "category_ids",
        "period",
        "approvals_count",
    )
    def _check_rule(self):
        for rule in self:
            errors = rule._get_rule_errors()
            if errors:
                raise ValidationError("\n".join(errors.values()))

    def _get_rule_errors(self):
        """What is wrong with the rule, by field: {field name: message}. The
        constraint refuses it; the portal shows each message at its field (it
        asks it of a new record before saving, see res_partner_team_rule.py)."""
        self.ensure_one()
        errors = {}
        company = self.company_partner_id
        if self.scope == "department" and not self.department_id:
            errors["department_id"] = _("Choose the department the rule applies to.")
        elif self.department_id and self.department_id.company_partner_id != company:
            errors["department_id"] = _(
                "%(department)s is not a department of %(company)s.",
                department=self.department_id.name,
                company=company.display_name,
            )
        if self.scope == "partners" and not self.partner_ids:
            errors["partner_ids"] = _("Choose the people the rule applies to.")
        strangers = self.partner_ids.filtered(
            lambda p, c=company: p.commercial_partner_id != c or p.is_company
        )
        if strangers:
            errors["partner_ids"] = _(
                "%(people)s are not people of %(company)s.",
                people=", ".join(strangers.mapped("display_name")),
                company=company.display_name,
            )
        if self.rule_type == "category" and not self.category_ids:
            errors["category_ids"] = _("Choose the product categories of the rule.")
        if self.rule_type == "order_count" and not self.period:
            errors["period"] = _("Choose the period of the number of orders.")
        if self.rule_type == "distinct_approvals":
            try:
                check_distinct_count(self.approvals_count)
            except ValidationError as error:
                errors["approvals_count"] = error.args[0]
        return errors

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

    # ------------------------------------------------------------------
    # In words, for the portal's list of rules
    # ------------------------------------------------------------------
    def _selection_label(self, field_name):
        labels = dict(self._fields[field_name]._description_selection(self.env))
        return labels.get(self[field_name], "")

    def _get_portal_summary(self):
        """What the rule asks: "Maximum order value: 750.00 €"."""
        self.ensure_one()
        kind = self._selection_label("rule_type")
        if self.rule_type in ("min_amount", "max_amount"):
            detail = format_amount(self.env, self.amount, self.currency_id)
        elif self.rule_type == "category":
            detail = ", ".join(self.category_ids.mapped("name"))
        elif self.rule_type == "distinct_approvals":
            if self.amount:
                detail = _(
                    "%(count)s above %(amount)s",
                    count=self.approvals_count,
                    amount=format_amount(self.env, self.amount, self.currency_id),
                )
            else:
                detail = _(
                    "%(count)s for every order needing approval",
                    count=self.approvals_count,
                )
        else:
            detail = _(
                "%(count)s per period (%(period)s)",
                count=self.max_orders,
                period=self._selection_label("period"),
            )
        return "%s: %s" % (kind, detail)

    def _get_portal_scope_text(self):
        self.ensure_one()
        if self.scope == "department":
            return self.department_id.display_name or ""
        if self.scope == "partners":
            return ", ".join(self.partner_ids.mapped("name"))
        return self._selection_label("scope")

    def _get_portal_action_text(self):
        self.ensure_one()
        if self.rule_type == "distinct_approvals":
            return _(
                "Approved by %(count)s different people",
                count=self.approvals_count,
            )
        if self.exceeded_action == "refuse":
            return self._selection_label("exceeded_action")
        return "%s (%s)" % (
            self._selection_label("exceeded_action"),
            self._selection_label("required_level"),
        )

    # ------------------------------------------------------------------
    # The change log (customer.control.change): whatever the path
    # ------------------------------------------------------------------
    def _control_change_company(self):
        return self.company_partner_id

    def _control_change_fields(self):
        """The fields of this rule worth reading: those its kind and scope use."""
        self.ensure_one()
        names = ["name", "rule_type", "scope"]
        names += {"department": ["department_id"], "partners": ["partner_ids"]}.get(
            self.scope, []
        )
        names += {
            "min_amount": ["amount"],
            "max_amount": ["amount"],
            "category": ["category_ids"],
            "order_count": ["max_orders", "period"],
            "distinct_approvals": ["amount", "approvals_count"],
        }.get(self.rule_type, [])
        # Different approvers neither refuse nor name who approves.
        if self.rule_type != "distinct_approvals":
            names.append("exceeded_action")
            if self.exceeded_action != "refuse":
                names.append("required_level")
        if self.vendor_owned:
            names.append("vendor_owned")
        return names

    def _control_change_kind(self):
        return _("Purchasing rule")

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        Change = self.env["customer.control.change"]
        after = {}
        for rule in rules:
            after.update(Change._snapshot(rule, rule._control_change_fields()))
        Change._log(rules, "create", after=after, kind=self._control_change_kind())
        return rules

    def write(self, vals):
        logged = [name for name in LOGGED_RULE_FIELDS if name in vals]
        if not logged:
            return super().write(vals)
        Change = self.env["customer.control.change"]
        before = Change._snapshot(self, logged)
        result = super().write(vals)
        Change._log(
            self,
            "write",
            before,
            Change._snapshot(self, logged),
            kind=self._control_change_kind(),
        )
        return result

    def unlink(self):
        Change = self.env["customer.control.change"]
        before = {}
        for rule in self:
            before.update(Change._snapshot(rule, rule._control_change_fields()))
        Change._log(self, "unlink", before=before, kind=self._control_change_kind())
        return super().unlink()
