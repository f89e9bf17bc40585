# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, fields, http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request

from .approvals import CustomerApprovalPortal
from .notices import notice_query, notice_text


class CustomerApprovalSubstitutePortal(CustomerApprovalPortal):
    """An approver's absence and substitute: set by the approver on
    /my/approvals/absence, or by a customer admin for an approver of the team.
    The rules live on res.partner (_get_absence_person, _set_approval_absence)."""

    @staticmethod
    def _to_date(value):
        try:
            return fields.Date.to_date(value or None)
        except ValueError:
            return None

    def _get_absence_person(self, member_id):
        partner = request.env.user.partner_id
        member_id = str(member_id or "")
        person = partner._get_absence_person(
            int(member_id) if member_id.isdigit() else None
        )
        if not person:
            raise request.not_found()
        return partner, person

    @http.route()
    def portal_my_approvals(self, *args, **kwargs):
        response = super().portal_my_approvals(*args, **kwargs)
        partner = request.env.user.partner_id
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(
                {
                    "absence_partner": partner.sudo(),
                    "substituted_orders": request.env[
                        "sale.order"
                    ]._customer_approval_substituted_orders(partner),
                }
            )
        return response

    @http.route(
        "/my/approvals/absence",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_approval_absence(self, member_id=None, **kwargs):
        partner, person = self._get_absence_person(member_id)
        return self._render_absence(
            partner, person, error=notice_text(kwargs.get("error"))
        )

    def _render_absence(self, partner, person, error=None, form=None):
        values = self._prepare_portal_layout_values()
        person_sudo = person.sudo()
        values.update(
            {
                "page_name": "approval_absence",
                "person": person_sudo,
                "is_self": person == partner,
                "substitutes": person._get_absence_substitutes().sudo(),
                "form": form
                or {
                    "substitute_id": person_sudo.approval_substitute_id.id or "",
                    "date_from": person_sudo.approval_absent_from or "",
                    "date_to": person_sudo.approval_absent_to or "",
                },
                "error": error,
                "overlap_notes": person._get_absence_overlap_notes(),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_approval_absence", values
        )

    @http.route(
        "/my/approvals/absence",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_absence_save(self, member_id=None, **form):
        partner, person = self._get_absence_person(member_id)
        substitute_id = str(form.get("substitute_id") or "")
        if form.get("clear"):
            substitute_id = ""
        try:
            partner._set_approval_absence(
                person,
                int(substitute_id)
                if substitute_id.isdigit()
                else (-1 if substitute_id else 0),
                self._to_date(form.get("date_from")),
                self._to_date(form.get("date_to")),
            )
        except (ValidationError, AccessError) as error:
            return self._render_absence(partner, person, error.args[0], form)
        message = " ".join(
            [
                _("The absence of %s is saved.", person.sudo().name),
                *person._get_absence_overlap_notes(),
            ]
        )
        url = "/my/approvals" if person == partner else "/my/team"
        return request.redirect(f"{url}?{notice_query(message=message)}")
