# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import float_repr

from ..models.res_partner_team import TEAM_BOOLEANS, TEAM_ORDER
from ..models.res_partner_team_manager import MANAGER_SETTINGS
from .notices import notice_query, notice_text

ORDERS_PER_PAGE = 20
# People a page of /my/team and /my/team/statistics (Odoo's portal: 80 documents).
TEAM_PER_PAGE = 40


class CustomerTeamPortal(CustomerPortal):
    """The customer admin's pages: the team and its spending. Everything is
    checked by res.partner's team methods against the logged-in admin."""

    def _get_team_admin(self):
        admin = request.env.user.partner_id
        try:
            admin._check_team_admin()
        except AccessError as error:
            raise request.not_found() from error
        return admin

    def _get_team_viewer(self, right="manage"):
        """The logged-in customer admin, or department manager whose company
        gives them ``right`` (see, manage) on their departments' people; a 404
        for anybody else (see res.partner._check_team_role)."""
        viewer = request.env.user.partner_id
        try:
            viewer._check_team_role(right)
        except AccessError as error:
            raise request.not_found() from error
        return viewer

    @staticmethod
    def _to_id(value):
        """A record id posted as text, or 0 when it is none."""
        value = str(value or "")
        return int(value) if value.isdigit() else 0

    def _read_team_form(self, form):
        """The posted /my/team form as Python values; res.partner checks them
        (see _check_team_values)."""
        data = {
            "name": form.get("name") or "",
            "email": form.get("email") or "",
            "phone": form.get("phone") or "",
            "password": form.get("password") or "",
            "invite": bool(form.get("invite")),
            "approval_mode": form.get("approval_mode") or "none",
            "next_approver_id": False,
        }
        for field in TEAM_BOOLEANS:
            data[field] = bool(form.get(field))
        try:
            data["approval_breakpoint"] = float(form.get("approval_breakpoint") or 0)
        except ValueError:
            data["approval_breakpoint"] = None  # refused by the model
        if form.get("next_approver_id"):
            # Not a number: an id that matches nobody, refused by the model.
            data["next_approver_id"] = self._to_id(form["next_approver_id"]) or -1
        return data

    def _render_team_form(self, admin, member, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        approvers = admin._get_team_approvers() - member
        fields_shown = (
            "name",
            "email",
            "phone",
            "approval_breakpoint",
            *TEAM_BOOLEANS,
        )
        # The currency stored with the member's breakpoint (the vendor sets it);
        # a new member's breakpoint gets the vendor company's.
        currency = (
            member._get_approval_currency()
            if member
            else member._get_default_approval_currency()
        )
        if form is not None:  # a posted form comes back with its errors
            shown = {field: form.get(field) for field in fields_shown}
            shown["approval_mode"] = form.get("approval_mode") or "none"
            shown["next_approver_id"] = str(form.get("next_approver_id") or "")
        elif member:
            shown = {field: member[field] for field in fields_shown}
            shown["approval_breakpoint"] = float_repr(
                member.approval_breakpoint, currency.decimal_places
            )
            shown["approval_mode"] = member.approval_mode or "none"
            shown["next_approver_id"] = str(member.next_approver_id.id or "")
        else:
            shown = {"approval_mode": "none", "next_approver_id": ""}
        values.update(
            {
                "page_name": "team_member",
                "is_team_admin": admin._is_team_admin(),
                "member": member,
                "shown": shown,
                "form": form or {},
                "errors": errors or {},
                "approvers": approvers,
                "breakpoint_currency": currency,
                # A department manager's limit (their own breakpoint), or None.
                "breakpoint_limit": (
                    admin._get_team_breakpoint_limit(member) if member else None
                ),
                "approval_modes": member._fields[
                    "approval_mode"
                ]._description_selection(request.env),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_member", values
        )

    @staticmethod
    def _get_team_search_values(search):
        """What the portal's search box needs: one input, names and e-mails."""
        return {
            "search": search,
            "search_in": "all",
            "searchbar_inputs": {
                "all": {"input": "all", "label": _("Search in names and e-mails")}
            },
        }

    def _get_team_sortings(self):
        return {
            "name": {"label": _("Name"), "order": TEAM_ORDER},
            "email": {"label": _("E-mail"), "order": "active desc, email, id"},
            "newest": {"label": _("Newest"), "order": "create_date desc, id desc"},
        }

    def _get_team_filters(self, admin):
        """The department filter of /my/team: all, none, or one of the active
        departments of the company."""
        filters = {"all": {"label": _("All departments")}}
        if admin._is_team_admin():
            filters["none"] = {"label": _("No department")}
            departments = admin._get_team_departments().filtered("active")
        else:
            departments = admin._get_managed_departments()
        for department in departments:
            filters[str(department.id)] = {
                "label": department.name,
                "department": department,
            }
        return filters

    @http.route(
        ["/my/team", "/my/team/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_team(self, page=1, search="", sortby=None, filterby=None, **kwargs):
        admin = self._get_team_viewer()
        sortings = self._get_team_sortings()
        sortby = sortby if sortby in sortings else "name"
        filters = self._get_team_filters(admin)
        filterby = filterby if filterby in filters else "all"
        department = None
        if filterby != "all":
            department = (
                filters[filterby].get("department")
                or request.env["customer.department"]
            )
        search = (search or "").strip()
        page = int(page) if str(page).isdigit() else 1
        url_args = {"sortby": sortby, "filterby": filterby}
        if search:
            url_args["search"] = search
        pager = portal_pager(
            url="/my/team",
            url_args=url_args,
            total=admin._count_team(search, department),
            page=page,
            step=TEAM_PER_PAGE,
        )
        members = admin._get_team_page(
            search,
            department,
            order=sortings[sortby]["order"],
            offset=pager["offset"],
            limit=TEAM_PER_PAGE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team",
                "team": members,
                "admin": admin,
                "is_team_admin": admin._is_team_admin(),
                "pager": pager,
                "default_url": "/my/team",
                **self._get_team_search_values(search),
                "sortby": sortby,
                "searchbar_sortings": sortings,
                "filterby": filterby,
                "searchbar_filters": filters,
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render("website_sale_customer_approval.portal_my_team", values)

    @http.route(
        ["/my/team/new", "/my/team/<int:member_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_member(self, member_id=None, **kwargs):
        admin = self._get_team_viewer()
        member = request.env["res.partner"]
        if not member_id and not admin._is_team_admin():
            raise request.not_found()
        if member_id:
            member = admin._get_team_member(member_id)
            if not member:
                raise request.not_found()
        return self._render_team_form(admin, member)

    @http.route(
        "/my/team/save", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_team_save(self, member_id=None, **form):
        admin = self._get_team_viewer()
        member = request.env["res.partner"]
        if member_id:
            member = admin._get_team_member(self._to_id(member_id))
        if not member and (member_id or not admin._is_team_admin()):
            raise request.not_found()
        data = self._read_team_form(form)
        if not admin._is_team_admin():
            # A department manager's page shows the approval settings only:
            # what it does not post stays as it is (the model refuses the rest).
            data = {
                key: value
                for key, value in data.items()
                if key in MANAGER_SETTINGS or key in form
            }
        member, errors = admin._save_team_member(data, member or None)
        if errors:
            return self._render_team_form(
                admin, member or request.env["res.partner"], form, errors
            )
        message = _("%s is saved.", member.name)
        return request.redirect("/my/team?" + notice_query(message=message))

    @http.route(
        "/my/team/<int:member_id>/active",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_set_active(self, member_id, active="", **kwargs):
        admin = self._get_team_admin()
        member = admin._get_team_member(member_id)
        if not member:
            raise request.not_found()
        try:
            message = admin._set_team_member_active(member, active == "1")
        except (UserError, ValidationError) as error:
            return request.redirect("/my/team?" + notice_query(error=error.args[0]))
        return request.redirect("/my/team?" + notice_query(message=message))

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------
    @http.route(
        ["/my/team/statistics", "/my/team/statistics/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_team_statistics(
        self, date_from=None, date_to=None, member_id=None, page=1, **kwargs
    ):
        admin = self._get_team_viewer("see")
        # The days of the customer company's calendar, whoever looks; the
        # figures of a department manager's departments only.
        company = admin._get_team_spending_company()
        today = company._get_customer_spending_today()
        try:
            start = (
                fields.Date.to_date(date_from) if date_from else today.replace(day=1)
            )
            end = fields.Date.to_date(date_to) if date_to else today
        except ValueError:
            start, end = today.replace(day=1), today
        if start > end:
            start, end = end, start
        SaleOrder = company.env["sale.order"]
        # The people a page at a time: the page of the path, unless it pages
        # the orders of the person chosen (then people_page).
        people_page = kwargs.get("people_page") if member_id else page
        people_page = int(people_page) if str(people_page or "").isdigit() else 1
        search = (kwargs.get("search") or "").strip()
        spending = SaleOrder._get_team_spending_page(
            company, start, end, search=search, page=people_page, step=TEAM_PER_PAGE
        )
        people_args = {"date_from": start, "date_to": end, "view": "people"}
        if search:
            people_args["search"] = search
        people_pager = portal_pager(
            url="/my/team/statistics",
            url_args=people_args,
            total=spending["total"],
            page=people_page,
            step=TEAM_PER_PAGE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team_statistics",
                "rows": spending["rows"],
                "summary": spending["summary"],
                "people_pager": people_pager,
                **self._get_team_search_values(search),
                "date_from": start,
                "date_to": end,
                "timezone": company._get_customer_spending_timezone().zone,
                "currency": request.env.company.currency_id,
                "member": request.env["res.partner"],
                "is_team_admin": admin._is_team_admin(),
            }
        )
        if member_id:
            member = admin._get_team_person(self._to_id(member_id))
            if not member:
                raise request.not_found()
            domain = admin._get_team_person_orders_domain(member, start, end)
            url_args = {"date_from": start, "date_to": end, "member_id": member.id}
            order_count = SaleOrder.search_count(domain)
            pager = portal_pager(
                url="/my/team/statistics",
                url_args=url_args,
                total=order_count,
                page=page,
                step=ORDERS_PER_PAGE,
            )
            values.update(
                {
                    "member": member,
                    "orders": SaleOrder.search(
                        domain,
                        order="date_order desc, id desc",
                        limit=ORDERS_PER_PAGE,
                        offset=pager["offset"],
                    ),
                    "pager": pager,
                    "order_count": order_count,
                }
            )
        return request.render(
            "website_sale_customer_approval.portal_team_statistics", values
        )
