# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, http
from odoo.http import request

from ..models.res_partner_delivery import DELIVERY_ADDRESS_FIELDS
from .notices import notice_query
from .team import CustomerTeamPortal


class CustomerTeamAddressesPortal(CustomerTeamPortal):
    """The company's delivery addresses on /my/team, and the addresses each
    sub-account may ship to. res.partner checks everything against the admin."""

    def _read_team_form(self, form):
        data = super()._read_team_form(form)
        # The checkboxes were on the page: none ticked means all addresses.
        if form.get("delivery_addresses_shown"):
            data["allowed_delivery_address_ids"] = [
                self._to_id(value) or -1
                for value in request.httprequest.form.getlist(
                    "allowed_delivery_address_ids"
                )
            ]
        return data

    def _render_team_form(self, admin, member, form=None, errors=None):
        response = super()._render_team_form(admin, member, form, errors)
        if not admin._is_team_admin():
            return response  # the company's addresses are the admins'
        if form is not None:
            chosen = {
                self._to_id(value)
                for value in request.httprequest.form.getlist(
                    "allowed_delivery_address_ids"
                )
            }
        else:
            chosen = set(member.sudo().allowed_delivery_address_ids.ids)
        response.qcontext.update(
            {
                "delivery_addresses": admin._get_team_delivery_addresses().filtered(
                    "active"
                ),
                "allowed_address_ids": chosen,
                "delivery_allows_none": bool(member)
                and member._delivery_address_allows_none(),
            }
        )
        return response

    @http.route()
    def portal_my_team(self, page=1, **kwargs):
        response = super().portal_my_team(page=page, **kwargs)
        admin = request.env.user.partner_id
        if not admin._is_team_admin():
            return response  # a department manager: their members only
        response.qcontext["delivery_addresses"] = admin._get_team_delivery_addresses()
        return response

    def _render_delivery_address_form(self, address, form=None, errors=None):
        values = self._prepare_portal_layout_values()
        if form is not None:
            shown = {field: form.get(field) or "" for field in DELIVERY_ADDRESS_FIELDS}
            shown["country_id"] = self._to_id(form.get("country_id"))
        elif address:
            shown = {field: address[field] or "" for field in DELIVERY_ADDRESS_FIELDS}
            shown["country_id"] = address.country_id.id
        else:
            company = request.env.user.partner_id.commercial_partner_id
            shown = dict.fromkeys(DELIVERY_ADDRESS_FIELDS, "")
            shown["country_id"] = company.country_id.id
        values.update(
            {
                "page_name": "team_address",
                "address": address,
                "shown": shown,
                "errors": errors or {},
                "countries": request.env["res.country"].sudo().search([]),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_address", values
        )

    @http.route(
        ["/my/team/addresses/new", "/my/team/addresses/<int:address_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_address(self, address_id=None, **kwargs):
        admin = self._get_team_admin()
        address = request.env["res.partner"]
        if address_id:
            address = admin._get_team_delivery_address(address_id)
            if not address:
                raise request.not_found()
        return self._render_delivery_address_form(address)

    @http.route(
        "/my/team/addresses/save",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_address_save(self, address_id=None, **form):
        admin = self._get_team_admin()
        address = request.env["res.partner"]
        if address_id:
            address = admin._get_team_delivery_address(self._to_id(address_id))
            if not address:
                raise request.not_found()
        data = {field: form.get(field) or "" for field in DELIVERY_ADDRESS_FIELDS}
        data["country_id"] = self._to_id(form.get("country_id"))
        address, errors = admin._save_team_delivery_address(data, address or None)
        if errors:
            return self._render_delivery_address_form(
                address or request.env["res.partner"], form, errors
            )
        message = _("%s is saved.", address.name)
        return request.redirect("/my/team?" + notice_query(message=message))

    @http.route(
        "/my/team/addresses/<int:address_id>/active",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_team_address_active(self, address_id, active="", **kwargs):
        admin = self._get_team_admin()
        address = admin._get_team_delivery_address(address_id)
        if not address:
            raise request.not_found()
        message = admin._set_team_delivery_address_active(address, active == "1")
        return request.redirect("/my/team?" + notice_query(message=message))
