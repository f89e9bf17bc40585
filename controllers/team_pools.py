# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, http
from odoo.http import request

from .notices import notice_query, notice_text
from .team_departments import CustomerTeamDepartmentsPortal


class CustomerTeamPoolsPortal(CustomerTeamDepartmentsPortal):
    """The company's pools of approvers on /my/team/pools, and the pool a
    person's orders go to. res.partner checks everything against the admin
    (see res_partner_team_pool.py)."""

    # ------------------------------------------------------------------
    # The sub-account's form: next approver pool
    # ------------------------------------------------------------------
    def _read_team_form(self, form):
        data = super()._read_team_form(form)
        # The field was on the page: API-like posts without it change nothing.
        if form.get("pool_shown"):
            value = form.get("next_approver_pool_id")
            data["next_approver_pool_id"] = (
                (self._to_id(value) or -1) if value else False
            )
        return data

    def _render_team_form(self, admin, member, form=None, errors=None):
        response = super()._render_team_form(admin, member, form, errors)
        if form is not None:
            pool_id = self._to_id(form.get("next_approver_pool_id"))
        else:
            pool_id = member.next_approver_pool_id.id
        # Only customer admins choose pools (a department manager's form of a
        # member offers none).
        pools = request.env["customer.approval.pool"]
        if admin.is_customer_admin:
            pools = admin._get_team_member_pools(member or None)
        response.qcontext.update(
            {
                "approval_pools": pools,
                "shown_pool_id": pool_id,
            }
        )
        return response

    # ------------------------------------------------------------------
    # /my/team/pools
    # ------------------------------------------------------------------
    @http.route(
        "/my/team/pools",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_pools(self, **kwargs):
        admin = self._get_team_admin()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team_pools",
                "pools": admin._get_team_pools(),
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_pools", values
        )

    def _render_pool_form(self, admin, pool, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        if form is not None:
            shown = {
                "name": form.get("name") or "",
                "member_ids": {
                    self._to_id(value)
                    for value in request.httprequest.form.getlist("member_ids")
                },
            }
        elif pool:
            shown = {"name": pool.name, "member_ids": set(pool.member_ids.ids)}
        else:
            shown = {"name": "", "member_ids": set()}
        values.update(
            {
                "page_name": "team_pool",
                "pool": pool,
                "shown": shown,
                "errors": errors or {},
                "candidates": admin._get_team_pool_candidates(),
            }
        )
        return request.render("website_sale_customer_approval.portal_team_pool", values)

    @http.route(
        ["/my/team/pools/new", "/my/team/pools/<int:pool_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_pool(self, pool_id=None, **kwargs):
        admin = self._get_team_admin()
        pool = request.env["customer.approval.pool"]
        if pool_id:
            pool = admin._get_team_pool(pool_id)
            if not pool:
                raise request.not_found()
        return self._render_pool_form(admin, pool)

    @http.route(
        "/my/team/pools/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_pool_save(self, pool_id=None, **form):
        admin = self._get_team_admin()
        pool = request.env["customer.approval.pool"]
        if pool_id:
            pool = admin._get_team_pool(self._to_id(pool_id))
            if not pool:
                raise request.not_found()
        data = {
            "name": form.get("name") or "",
            "member_ids": [
                self._to_id(value) or -1
                for value in request.httprequest.form.getlist("member_ids")
            ],
        }
        saved, errors = admin._save_team_pool(data, pool or None)
        if errors:
            return self._render_pool_form(admin, pool, form, errors)
        message = _("%s is saved.", saved.name)
        return request.redirect("/my/team/pools?" + notice_query(message=message))

    @http.route(
        "/my/team/pools/<int:pool_id>/active",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_pool_active(self, pool_id, active="", **kwargs):
        admin = self._get_team_admin()
        pool = admin._get_team_pool(pool_id)
        if not pool:
            raise request.not_found()
        message = admin._set_team_pool_active(pool, active == "1")
        return request.redirect("/my/team/pools?" + notice_query(message=message))
