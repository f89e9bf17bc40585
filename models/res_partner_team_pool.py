# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer admin's pools of approvers on /my/team/pools, and the pool a
person's orders go to (the sub-account's form).

As the rest of the team service (res_partner_team.py), everything here works
as the superuser after checking that the records touched belong to the
admin's company; posted ids are looked up among those records only."""

from odoo import _, models
from odoo.exceptions import AccessError, UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Reading: the company's pools and who may be in them
    # ------------------------------------------------------------------
    def _get_team_pools(self):
        """The pools of the admin's company, archived ones included."""
        self._check_team_admin()
        return (
            self.env["customer.approval.pool"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("company_partner_id", "=", self.commercial_partner_id.id)],
                order="active desc, name, id",
            )
        )

    def _get_team_pool(self, pool_id):
        """A pool of the admin's company, or an empty recordset."""
        if not isinstance(pool_id, int) or isinstance(pool_id, bool):
            return self.env["customer.approval.pool"]
        return self._get_team_pools().filtered(lambda pool: pool.id == pool_id)

    def _get_team_pool_candidates(self):
        """Who may be in a pool: the active approvers and customer admins of the
        admin's company (see customer.approval.pool._check_members)."""
        return self._get_team_department_managers()

    # ------------------------------------------------------------------
    # Writing: a pool
    # ------------------------------------------------------------------
    def _check_team_pool_values(self, data, pool=None):
        """The posted pool as values, or errors by field; ids of people not
        among the candidates are refused."""
        errors = {}
        name = (data.get("name") or "").strip()
        if not name:
            errors["name"] = _("Give the pool a name.")
        elif len(name) > 128:
            errors["name"] = _("The name is too long.")
        elif (
            self._get_team_pools() - (pool or self.env["customer.approval.pool"])
        ).filtered(lambda other: other.name == name):
            errors["name"] = _("A pool of this name exists already.")
        candidates = self._get_team_pool_candidates()
        member_ids = set(data.get("member_ids") or [])
        members = candidates.filtered(lambda person: person.id in member_ids)
        if len(members) != len(member_ids):
            errors["member_ids"] = _(
                "Choose among the approvers and customer admins of your company."
            )
        elif not members:
            errors["member_ids"] = _("Choose at least one member.")
        return {"name": name, "member_ids": [(6, 0, members.ids)]}, errors

    def _save_team_pool(self, data, pool=None):
        """Create or update a pool of the admin's company.

        :return: (the pool, {field: error}); nothing is saved when there are
            errors."""
        self._check_team_admin()
        if pool and pool not in self._get_team_pools():
            raise AccessError(_("You may manage only the pools of your own company."))
        values, errors = self._check_team_pool_values(data, pool)
        if errors:
            return pool, errors
        try:
            with self.env.cr.savepoint():
                if pool:
                    pool.sudo().write(values)
                    saved = pool
                else:
                    saved = (
                        self.env["customer.approval.pool"]
                        .sudo()
                        .create(
                            dict(
                                values, company_partner_id=self.commercial_partner_id.id
                            )
                        )
                    )
        except (ValidationError, UserError) as error:
            return pool, {"pool": error.args[0]}
        return saved, {}

    def _set_team_pool_active(self, pool, active):
        """Archive or restore a pool; return the sentence for the admin."""
        self._check_team_admin()
        if len(pool) != 1 or pool not in self._get_team_pools():
            raise AccessError(_("You may manage only the pools of your own company."))
        try:
            with self.env.cr.savepoint():
                pool.sudo().active = active
        except ValidationError as error:
            return error.args[0]
        if active:
            return _("%s is in use again.", pool.name)
        return _("%s is archived.", pool.name)

    # ------------------------------------------------------------------
    # A person's next approver pool (the sub-account's form)
    # ------------------------------------------------------------------
    def _get_team_member_pools(self, member=None):
        """The pools a person's orders may go to: the active ones, and theirs."""
        pools = self._get_team_pools().filtered("active")
        if member and member.next_approver_pool_id:
            pools |= member.sudo().next_approver_pool_id
        return pools

    def _check_team_values(self, data, member=None):
        values, user_values, errors = super()._check_team_values(data, member)
        if "next_approver_pool_id" in data:
            pool_id = data["next_approver_pool_id"]
            pool = self.env["customer.approval.pool"]
            if pool_id:
                pool = self._get_team_member_pools(member).filtered(
                    lambda p: p.id == pool_id
                )
                if not pool:
                    errors["next_approver_pool_id"] = _(
                        "Choose a pool of approvers of your company."
                    )
                elif values.get("next_approver_id"):
                    errors["next_approver_pool_id"] = _(
                        "Choose a next approver or a pool, not both."
                    )
            values["next_approver_pool_id"] = pool.id
        return values, user_values, errors
