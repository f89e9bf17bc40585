# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

# A select of more names is no help: the page asks for a search instead.
PEOPLE_SHOWN = 50


class OrderForPortal(CustomerPortal):
    """Ordering on behalf: choose the person, shop as them, leave in one click.
    Who may order for whom is res.partner's rule (_get_order_for_people); the
    cart is the website's (website_order_for)."""

    @http.route(
        "/my/order-for",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_order_for(self, search="", **kwargs):
        partner = request.env.user.partner_id
        if not partner._has_order_for_people():
            raise request.not_found()
        search = str(search or "").strip()[:100]
        people = partner._get_order_for_people(search, limit=PEOPLE_SHOWN)
        count = len(people)
        if count == PEOPLE_SHOWN:
            count = partner._count_order_for_people(search)
        current = request.website._get_order_for_partner()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "order_for",
                # The person ordered for stays offered whatever the search.
                "people": (current | people).filtered("active"),
                "people_count": count,
                "people_shown": PEOPLE_SHOWN,
                "search": search,
                "current": current,
            }
        )
        return request.render("website_sale_customer_approval.portal_order_for", values)

    @http.route(
        "/my/order-for", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_order_for_start(self, person_id=None, **kwargs):
        person_id = str(person_id or "")
        person = request.env.user.partner_id._get_order_for_person(
            int(person_id) if person_id.isdigit() else 0
        )
        if not person or not person.active:
            raise request.not_found()
        request.website._set_order_for_partner(person)
        return request.redirect("/shop")

    @http.route(
        "/my/order-for/stop", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_order_for_stop(self, **kwargs):
        request.website._set_order_for_partner(request.env["res.partner"])
        return request.redirect("/shop")
