# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The approval settings of a customer company (delivery-address policy,
cost-centre requirement, escalation days, four eyes, what department managers
may do): their change log, whatever the path,
and the customer admin's settings page and change log (/my/team/settings,
/my/team/changes). As the rest of the team service (res_partner_team.py), the
portal methods work as the superuser after checking the admin."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .res_partner_four_eyes import check_distinct_count

# The company settings a customer admin sets in the portal; the change log keeps them.
CONTROL_SETTINGS = (
    "delivery_address_policy",
    "ask_cost_centre",
    "approval_escalation_days",
    "approval_distinct_count",
    "approval_distinct_amount",
    "department_manager_rights",
    "department_manager_breakpoint_limit",
)
# Beyond a working year, an escalation delay is a typing error.
MAX_ESCALATION_DAYS = 365
# Above this, an amount is a typing error (as for the rules).
MAX_SETTINGS_AMOUNT = 1e12


class ResPartner(models.Model):
    _inherit = "res.partner"

    control_change_count = fields.Integer(
        compute="_compute_control_change_count",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_control_change_count(self):
        groups = self.env["customer.control.change"]._read_group(
            [("company_partner_id", "in", self.ids)],
            ["company_partner_id"],
            ["__count"],
        )
        counts = {company.id: count for company, count in groups}
        for partner in self:
            partner.control_change_count = counts.get(partner.id, 0)

    def action_view_control_changes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "website_sale_customer_approval.action_customer_control_changes"
        )
        action["domain"] = [("company_partner_id", "=", self.id)]
        action["context"] = {"default_company_partner_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Validation and the change log: one place for every path
    # ------------------------------------------------------------------
    @api.constrains("approval_escalation_days")
    def _check_approval_escalation_days_bound(self):
        if any(
            partner.approval_escalation_days > MAX_ESCALATION_DAYS for partner in self
        ):
            raise ValidationError(
                _(
                    "Escalate after at most %s working days.",
                    MAX_ESCALATION_DAYS,
                )
            )

    def _control_change_company(self):
        """A customer company's settings are logged, not those of its people."""
        return self.filtered("is_company")[:1]

    def _control_change_kind(self):
        return _("Company settings")

    def write(self, vals):
        logged = [name for name in CONTROL_SETTINGS if name in vals]
        companies = self.filtered("is_company") if logged else self.browse()
        if not companies:
            return super().write(vals)
        Change = self.env["customer.control.change"]
        before = Change._snapshot(companies, logged)
        result = super().write(vals)
        Change._log(
            companies,
            "write",
            before,
            Change._snapshot(companies, logged),
            kind=self._control_change_kind(),
        )
        return result

    # ------------------------------------------------------------------
    # The portal: the settings page
    # ------------------------------------------------------------------
    def _get_team_settings(self):
        """The settings of the admin's company, as the superuser."""
        self._check_team_admin()
        return self.commercial_partner_id.sudo()

    def _check_team_settings_values(self, data):
        """The settings form, read by the portal into Python values.

        :param dict data: delivery_address_policy, ask_cost_centre (bool),
            approval_escalation_days (an int; anything else is refused); and,
            when given (a key left out keeps the company's value):
            approval_distinct_count (an int), approval_distinct_amount (a
            number), department_manager_rights, department_manager_breakpoint_limit
            (bool)
        :return: (values for res.partner, {field: error})
        """
        self._check_team_admin()
        errors = {}
        values = {"ask_cost_centre": bool(data.get("ask_cost_centre"))}
        policy = data.get("delivery_address_policy")
        # The field's choices (res_partner_delivery.py loads after this file:
        # importing it here would change the order of the overrides).
        policies = self._fields["delivery_address_policy"].get_values(self.env)
        if policy not in policies:
            errors["delivery_address_policy"] = _(
                "Choose what happens to an order shipped to another address."
            )
        else:
            values["delivery_address_policy"] = policy
        days = data.get("approval_escalation_days")
        if isinstance(days, bool) or not isinstance(days, int):
            errors["approval_escalation_days"] = _(
                "Enter a whole number of working days (0: never)."
            )
        else:
            values["approval_escalation_days"] = days
        self._check_team_control_values(data, values, errors)
        return values, errors

    def _check_team_control_values(self, data, values, errors):
        """Four eyes and the department managers' limits of the settings form
        (see _check_team_settings_values): the model's bounds, at their field."""
        if "approval_distinct_count" in data:
            count = data["approval_distinct_count"]
            if isinstance(count, bool) or not isinstance(count, int):
                errors["approval_distinct_count"] = _(
                    "Enter a whole number of approvers."
                )
            else:
                try:
                    check_distinct_count(count)
                except ValidationError as error:
                    errors["approval_distinct_count"] = error.args[0]
                else:
                    values["approval_distinct_count"] = count
        if "approval_distinct_amount" in data:
            amount = data["approval_distinct_amount"]
            if (
                isinstance(amount, bool)
                or not isinstance(amount, (int, float))
                or not 0 <= amount < MAX_SETTINGS_AMOUNT
            ):
                errors["approval_distinct_amount"] = _("Enter an amount of 0 or more.")
            else:
                values["approval_distinct_amount"] = amount
        if "department_manager_rights" in data:
            right = data["department_manager_rights"]
            # The field's choices (res_partner_department_manager.py loads
            # after this file, as res_partner_delivery.py).
            rights = self._fields["department_manager_rights"].get_values(self.env)
            if right not in rights:
                errors["department_manager_rights"] = _(
                    "Choose what department managers may do."
                )
            else:
                values["department_manager_rights"] = right
        if "department_manager_breakpoint_limit" in data:
            values["department_manager_breakpoint_limit"] = bool(
                data["department_manager_breakpoint_limit"]
            )

    def _save_team_settings(self, data):
        """Set the settings of the admin's company; the model's constraints
        decide (their messages come back at their field).

        :return: {field: error}; nothing is saved when there are errors.
        """
        values, errors = self._check_team_settings_values(data)
        if errors:
            return errors
        company = self._get_team_settings()
        try:
            with self.env.cr.savepoint():
                company.write(values)
        except (ValidationError, UserError) as error:
            return {"approval_escalation_days": error.args[0]}
        return {}

    # ------------------------------------------------------------------
    # The portal: the change log of the admin's company
    # ------------------------------------------------------------------
    def _get_team_changes_domain(self):
        self._check_team_admin()
        return [("company_partner_id", "=", self.commercial_partner_id.id)]

    def _get_team_change_count(self):
        return (
            self.env["customer.control.change"]
            .sudo()
            .search_count(self._get_team_changes_domain())
        )

    def _get_team_changes(self, offset=0, limit=None):
        """The changes of the rules and settings of the admin's company, the
        newest first."""
        return (
            self.env["customer.control.change"]
            .sudo()
            .search(self._get_team_changes_domain(), offset=offset, limit=limit)
        )
