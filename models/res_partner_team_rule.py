# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer admin's purchasing rules on /my/team/rules.

As the rest of the team service (res_partner_team.py), everything works as the
superuser after checking the admin and that every record touched (the rule, its
department, people and categories) is among what the admin may see. The
checks of a rule are the model's (customer.purchasing.rule._get_rule_errors
and its constraints); this file only resolves the posted ids."""

from odoo import _, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .customer_budget import BUDGET_PERIODS, EXCEEDED_ACTIONS, REQUIRED_LEVELS
from .customer_purchasing_rule import RULE_SCOPES, RULE_TYPES

MAX_RULE_AMOUNT = 1e12
MAX_RULE_ORDERS = 10000


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def _get_team_rules(self):
        """The purchasing rules of the admin's company (of the vendor's current
        company), archived ones included."""
        self._check_team_admin()
        return (
            self.env["customer.purchasing.rule"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", self.env.company.id),
                ],
                order="active desc, sequence, id",
            )
        )

    def _get_team_rule(self, rule_id):
        """A rule of the admin's company, or an empty recordset."""
        if not isinstance(rule_id, int) or isinstance(rule_id, bool) or not rule_id:
            return self.env["customer.purchasing.rule"]
        return self._get_team_rules().filtered(lambda rule: rule.id == rule_id)

    def _check_team_rule(self, rule):
        """``rule`` is one of the admin's company and not the vendor's."""
        self._check_team_admin()
        if len(rule) != 1 or rule not in self._get_team_rules():
            raise AccessError(_("You may manage only the rules of your own company."))
        if rule.vendor_owned:
            raise AccessError(
                _("This rule is set by the vendor: you may read it, not change it.")
            )

    def _get_team_rule_categories(self, rule=None):
        """The product categories a rule may name: those of the products the
        shop sells (saleable and published), and those the rule names already.
        Never the vendor's other categories, nor their parents: a customer
        sees a category where the shop shows its products."""
        self._check_team_admin()
        website = self.env["website"].get_current_website()
        products = (
            self.env["product.template"]
            .sudo()
            ._read_group(
                [
                    ("sale_ok", "=", True),
                    ("is_published", "=", True),
                    ("website_id", "in", [False, website.id]),
                    ("company_id", "in", [False, self.env.company.id]),
                ],
                ["categ_id"],
            )
        )
        categories = (
            self.env["product.category"]
            .sudo()
            .browse([category.id for (category,) in products])
        )
        if rule:
            categories |= rule.sudo().category_ids
        return categories.sorted(lambda category: (category.name or "", category.id))

    def _get_team_rule_people(self, rule=None):
        """The people a rule may name: the active people of the admin's
        company, and those the rule names already."""
        self._check_team_admin()
        people = self.sudo().search(self._get_team_people_domain(), order="name, id")
        if rule:
            people |= rule.sudo().partner_ids
        return people

    def _get_team_rule_selections(self):
        rule = self.env["customer.purchasing.rule"]
        return {
            key: rule._fields[key]._description_selection(self.env)
            for key in (
                "rule_type",
                "scope",
                "period",
                "exceeded_action",
                "required_level",
            )
        }

    # ------------------------------------------------------------------
    # Checking and saving
    # ------------------------------------------------------------------
    def _check_team_rule_values(self, data, rule=None):
        """The posted rule, read by the portal into Python values; every id
        is resolved among what the admin may see.

        :param dict data: name, rule_type, scope, department_id (an int),
            partner_ids, category_ids (lists of ints), amount (a number, or
            the text posted), max_orders and approvals_count (ints, or the
            text posted), period, exceeded_action, required_level
        :return: (values for customer.purchasing.rule, {field: error})
        """
        self._check_team_admin()
        errors = {}
        choices = {
            "rule_type": (RULE_TYPES, _("Choose the kind of rule.")),
            "scope": (RULE_SCOPES, _("Choose whom the rule applies to.")),
            "exceeded_action": (
                EXCEEDED_ACTIONS,
                _("Choose what happens when an order does not keep it."),
            ),
            "required_level": (REQUIRED_LEVELS, _("Choose who approves.")),
            "period": (BUDGET_PERIODS, _("Choose a period.")),
        }
        values = {"name": (data.get("name") or "").strip()[:128]}
        if data.get("rule_type") == "distinct_approvals":
            # Different approvers are neither refused nor routed: what the
            # form posts for them does not apply.
            del choices["exceeded_action"], choices["required_level"]
            values.update(exceeded_action="approval", required_level="chain")
        for key, (selection, message) in choices.items():
            value = data.get(key)
            if value not in dict(selection):
                errors[key] = message
                value = False
            values[key] = value
        if not values["name"] and values["rule_type"]:
            kinds = self._get_team_rule_selections()["rule_type"]
            values["name"] = dict(kinds)[values["rule_type"]]
        self._check_team_rule_amounts(data, values, errors)
        self._check_team_rule_records(data, values, errors, rule)
        # The model's own checks, field by field, on a rule not saved.
        if not errors:
            draft = self._get_team_rule_draft(values, rule)
            errors.update(draft._get_rule_errors())
        return values, errors

    def _check_team_rule_amounts(self, data, values, errors):
        """The amount and the number of orders of a posted rule (see
        _check_team_rule_values): what its kind does not use is emptied."""
        rule_type = values["rule_type"]
        # What the kind and the scope do not use is emptied.
        values["amount"] = 0.0
        if rule_type in ("min_amount", "max_amount", "distinct_approvals"):
            amount = data.get("amount")
            if amount is None and rule_type == "distinct_approvals":
                amount = 0.0  # empty: every order needing approval
            if (
                isinstance(amount, bool)
                or not isinstance(amount, (int, float))
                or not 0 <= amount < MAX_RULE_AMOUNT
            ):
                errors["amount"] = _("Enter an amount of 0 or more.")
            else:
                values["amount"] = amount
        values["max_orders"] = 0
        if rule_type == "order_count":
            count = data.get("max_orders")
            if (
                isinstance(count, bool)
                or not isinstance(count, int)
                or not 0 <= count <= MAX_RULE_ORDERS
            ):
                errors["max_orders"] = _("Enter a whole number of orders, 0 or more.")
            else:
                values["max_orders"] = count
        if rule_type == "distinct_approvals":
            # Its bounds are the model's (_get_rule_errors).
            count = data.get("approvals_count")
            if isinstance(count, bool) or not isinstance(count, int):
                errors["approvals_count"] = _("Enter a whole number of approvers.")
            else:
                values["approvals_count"] = count

    def _check_team_rule_records(self, data, values, errors, rule=None):
        """The categories, department and people of a posted rule (see
        _check_team_rule_values), among what the admin may see; what its kind
        and scope do not use is emptied."""
        rule_type, scope = values["rule_type"], values["scope"]
        values["category_ids"] = []
        if rule_type == "category":
            wanted = set(data.get("category_ids") or [])
            categories = self._get_team_rule_categories(rule).filtered(
                lambda category: category.id in wanted
            )
            if len(categories) != len(wanted):
                errors["category_ids"] = _(
                    "Choose among the product categories of the shop."
                )
            values["category_ids"] = categories.ids
        values["department_id"] = False
        if scope == "department" and data.get("department_id"):
            department_id = data["department_id"]
            department = self._get_team_departments().filtered(
                lambda d: (
                    d.id == department_id
                    and (d.active or (rule and d == rule.department_id))
                )
            )
            if not department:
                errors["department_id"] = _("Choose a department of your company.")
            values["department_id"] = department.id
        values["partner_ids"] = []
        if scope == "partners":
            wanted = set(data.get("partner_ids") or [])
            people = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    Domain(self._get_team_people_domain())
                    & Domain("id", "in", list(wanted))
                )
            )
            if len(people) != len(wanted):
                errors["partner_ids"] = _("Choose among the people of your company.")
            values["partner_ids"] = people.ids

    def _get_team_rule_draft(self, values, rule=None):
        """A new (unsaved) rule of the admin's company with ``values``."""
        Rule = self.env["customer.purchasing.rule"].sudo()
        draft_values = dict(
            values,
            company_partner_id=self.commercial_partner_id.id,
            company_id=(rule.company_id.id if rule else self.env.company.id),
            category_ids=[(6, 0, values["category_ids"])],
            partner_ids=[(6, 0, values["partner_ids"])],
        )
        return Rule.new(draft_values)

    def _save_team_rule(self, data, rule=None):
        """Create or update a rule of the admin's company (never the vendor's
        own, see _check_team_rule).

        :return: (the rule, {field: error}); nothing is saved when there are
            errors.
        """
        if rule:
            self._check_team_rule(rule)
        values, errors = self._check_team_rule_values(data, rule)
        if errors:
            return rule, errors
        values = dict(
            values,
            category_ids=[(6, 0, values["category_ids"])],
            partner_ids=[(6, 0, values["partner_ids"])],
        )
        saved = rule
        try:
            with self.env.cr.savepoint():
                if saved:
                    saved.sudo().write(values)
                else:
                    saved = (
                        self.env["customer.purchasing.rule"]
                        .sudo()
                        .create(
                            dict(
                                values,
                                company_partner_id=self.commercial_partner_id.id,
                                company_id=self.env.company.id,
                            )
                        )
                    )
        except (ValidationError, UserError) as error:
            return rule, {"rule": error.args[0]}
        return saved, {}

    def _set_team_rule_active(self, rule, active):
        """Archive or restore a rule of the admin's company; the model's checks
        apply (a restored refusing minimum above a refusing maximum is refused).

        :return: (message, error)
        """
        self._check_team_rule(rule)
        rule = rule.sudo()
        try:
            with self.env.cr.savepoint():
                rule.active = active
        except (ValidationError, UserError) as error:
            return None, error.args[0]
        if active:
            return _("%s is in use again.", rule.name), None
        return _("%s is archived.", rule.name), None
