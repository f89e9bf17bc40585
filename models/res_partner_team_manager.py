# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a department manager may change of the members of their departments
(/my/team/<id>): their approval settings, within the limits the customer admins
set (res_partner_department_manager.py). Loaded after the other parts of the
team service, so that these checks run first: whoever calls the team methods,
a manager changes nothing else (no login, right, department, address or
budget), nobody outside their departments, and creates or deactivates nobody.
"""

from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize
from odoo.tools.misc import format_amount

# The settings of a member that their department manager may change.
MANAGER_SETTINGS = (
    "approval_mode",
    "approval_breakpoint_enabled",
    "approval_breakpoint",
    "next_approver_id",
    "contract_assortment_only",
    "may_send_free_text_orders",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _is_team_value_unchanged(self, member, key, value):
        """Whether the posted ``value`` of ``key`` (not a setting the manager
        may change) leaves ``member`` as they are."""
        if key == "name":
            return (value or "").strip() == (member.name or "")
        if key == "email":
            return email_normalize(value or "") == email_normalize(member.email or "")
        if key == "phone":
            return (value or "").strip() == (member.phone or "")
        if key in ("is_order_approver", "is_customer_admin"):
            return bool(value) == member[key]
        if key == "customer_department_id":
            return (value or False) == member.customer_department_id.id
        # A password, an invitation, a budget, delivery addresses: the admins'.
        return not value

    def _check_team_values(self, data, member=None):
        if self._is_team_admin():
            return super()._check_team_values(data, member)
        self._check_team_member(member)
        member = member.sudo()
        errors = {}
        wanted = {
            "name": member.name,
            "email": member.email,
            "is_order_approver": member.is_order_approver,
            "is_customer_admin": member.is_customer_admin,
        }
        for key, value in data.items():
            if key in MANAGER_SETTINGS:
                wanted[key] = value
            elif not self._is_team_value_unchanged(member, key, value):
                errors[key] = _("Only a customer admin may change this.")
        values, _user_values, checked = super()._check_team_values(wanted, member)
        values = {key: values[key] for key in MANAGER_SETTINGS if key in values}
        for key in MANAGER_SETTINGS:
            if key in checked:
                errors.setdefault(key, checked[key])
        self._check_team_breakpoint_limit(member, values, errors)
        return values, {}, errors

    def _get_team_breakpoint_limit(self, member):
        """The highest breakpoint the department manager ``self`` may give
        ``member``, in the member's currency; None: no limit (a customer
        admin, a company without the limit, a manager without breakpoint)."""
        company = self.sudo().commercial_partner_id
        if (
            self._is_team_admin()
            or not company.department_manager_breakpoint_limit
            or not self.approval_breakpoint_enabled
        ):
            return None
        currency = member._get_approval_currency()
        own = self._get_approval_currency()
        limit = self.approval_breakpoint
        if own != currency:
            limit = own._convert(
                limit, currency, self.env.company, fields.Date.context_today(self)
            )
        return limit

    def _check_team_breakpoint_limit(self, member, values, errors):
        """A department manager gives no breakpoint above their own (converted
        into the member's currency), nor none, when the company says so."""
        limit = self._get_team_breakpoint_limit(member)
        if limit is None or "approval_breakpoint" in errors:
            return
        currency = member._get_approval_currency()
        if not values.get("approval_breakpoint_enabled") or (
            currency.compare_amounts(values.get("approval_breakpoint") or 0.0, limit)
            > 0
        ):
            errors["approval_breakpoint"] = _(
                "Set a breakpoint of at most %s: your own.",
                format_amount(self.env, limit, currency),
            )

    def _save_team_member(self, data, member=None):
        if not member and not self._is_team_admin():
            raise AccessError(_("Only a customer admin may add sub-accounts."))
        return super()._save_team_member(data, member)

    def _set_team_member_active(self, member, active):
        self._check_team_admin()
        return super()._set_team_member_active(member, active)
