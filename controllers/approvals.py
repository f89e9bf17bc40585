# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import _, http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from ..models.plural_forms import select_plural
from .notices import notice_query, notice_text

APPROVALS_PER_PAGE = 20


class CustomerApprovalPortal(CustomerPortal):
    """The approver's pages. Every route checks the role and the company of the
    logged-in person; decisions go through the engine's methods on sale.order."""

    # ------------------------------------------------------------------
    # /my: counter
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "approval_count" in counters:
            values["approval_count"] = request.env[
                "sale.order"
            ]._customer_approval_count_to_decide(request.env.user.partner_id)
        return values

    # ------------------------------------------------------------------
    # /my/approvals
    # ------------------------------------------------------------------
    def _get_approval_sortings(self):
        return {
            "date": {
                "label": _("Newest"),
                "order": "approval_requested_date desc, id desc",
            },
            "date_asc": {
                "label": _("Waiting longest"),
                "order": "approval_requested_date asc, id asc",
            },
            "amount": {"label": _("Amount"), "order": "amount_total desc, id desc"},
        }

    def _get_approval_filters(self):
        filters = {
            "to_decide": {"label": _("Waiting for me")},
            "decided": {"label": _("Decided by me")},
        }
        # A department manager whose company lets them see: what waits in
        # their departments (read-only unless theirs to decide).
        if request.env.user.partner_id._get_department_manager_right() != "none":
            filters["department"] = {"label": _("Waiting in my departments")}
        return filters

    @http.route(
        ["/my/approvals", "/my/approvals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_approvals(
        self, page=1, sortby="date", filterby="to_decide", search="", **kwargs
    ):
        partner = request.env.user.partner_id
        if not (partner.is_order_approver or partner.is_customer_admin):
            raise request.not_found()
        sortings = self._get_approval_sortings()
        filters = self._get_approval_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "to_decide"
        search = (search or "").strip()[:100]

        SaleOrder = request.env["sale.order"]
        domain = SaleOrder._customer_approval_domain(partner, filterby)
        if search:
            domain &= Domain("name", "ilike", search) | Domain(
                "partner_id.name", "ilike", search
            )
        total = SaleOrder.search_count(domain)
        pager = portal_pager(
            url="/my/approvals",
            url_args={"sortby": sortby, "filterby": filterby, "search": search},
            total=total,
            page=page,
            step=APPROVALS_PER_PAGE,
        )
        orders = SaleOrder.search(
            domain,
            order=sortings[sortby]["order"],
            limit=APPROVALS_PER_PAGE,
            offset=pager["offset"],
        )
        # One query for the columns of the whole page.
        orders.fetch(["name", "partner_id", "amount_total", "currency_id"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "approvals",
                "orders": orders,
                "pager": pager,
                "default_url": "/my/approvals",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": {
                    "all": {"input": "all", "label": _("Search in buyer or reference")}
                },
                "search_in": "all",
                "search": search,
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_my_approvals", values
        )

    def _get_order_to_review(self, order_id):
        """The order, if the logged-in person may open its approval page; else
        an empty recordset (the caller answers with ``_approval_refused``).

        An access token never counts here: only the role and the company do.
        """
        partner = request.env.user.partner_id
        order = request.env["sale.order"].browse(order_id)
        try:
            order.check_access("read")
            allowed = order.exists() and order._customer_approval_can_review(partner)
        except (AccessError, MissingError):
            allowed = False
        return order if allowed else order.browse()

    def _approval_refused(self):
        """The page of an order the person may not open or decide: one sentence
        and a 404, whether the order is not theirs to decide, another company's
        or missing (nothing tells them apart)."""
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "approval_refused",
                "error": _(
                    "You may not decide this order: it is not waiting for your "
                    "approval."
                ),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_approval_refused",
            values,
            status=404,
        )

    @http.route(
        "/my/approvals/<int:order_id>",
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_approval(self, order_id, **kwargs):
        order = self._get_order_to_review(order_id)
        if not order:
            return self._approval_refused()
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        can_decide = partner in order._customer_approval_deciders(include_admins=True)
        product_search = (kwargs.get("product_search") or "").strip()[:100]
        order_sudo = order.sudo()
        found_products = can_decide and order._get_products_for_free_text_order(
            product_search
        )
        values.update(
            {
                "page_name": "approval",
                "order": order_sudo,
                "lines": order_sudo.order_line.filtered(
                    lambda line: not line.display_type
                ),
                "has_goods": bool(order_sudo._get_product_lines()),
                "can_decide": can_decide,
                # A free-text order: the products its approver may add
                "product_search": product_search,
                "found_products": found_products,
                "found_prices": found_products
                and order_sudo._get_free_text_product_prices(found_products),
                "message": notice_text(kwargs.get("message")),
                "error": notice_text(kwargs.get("error")),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_my_approval", values
        )

    def _redirect_after_decision(self, url, action):
        """Run ``action``; come back to ``url`` with its message or its error."""
        try:
            message = action()
        except (UserError, AccessError) as error:
            text = request.env["sale.order"]._customer_approval_error_text(error)
            return request.redirect(f"{url}?{notice_query(error=text)}")
        return request.redirect(f"{url}?{notice_query(message=message)}")

    @http.route(
        "/my/approvals/<int:order_id>/approve",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_approve(self, order_id, comment="", **kwargs):
        order = self._get_order_to_review(order_id)
        if not order:
            return self._approval_refused()
        # Line-level release: the engine accepts only lines of this order that
        # lie outside the contract assortment.
        refused = [key[7:] for key in kwargs if key.startswith("refuse_")]
        # The quantities of the page: approving takes the approver's edits, saved
        # or not (the engine checks them as "Save changes" does).
        quantities = self._posted_quantities(kwargs)

        def approve():
            order.action_customer_approve(
                (comment or "").strip()[:2000] or None,
                refused_line_ids=refused or None,
                quantities=quantities or None,
            )
            return order._customer_approval_decision_message()

        return self._redirect_after_decision(order.get_customer_approval_url(), approve)

    @staticmethod
    def _posted_quantities(values):
        """The quantity fields of the approval form, by line id (as posted: the
        engine parses and checks them)."""
        return {
            key.removeprefix("qty_"): value
            for key, value in values.items()
            if key.startswith("qty_")
        }

    @http.route(
        "/my/approvals/<int:order_id>/reject",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_reject(self, order_id, reason="", **kwargs):
        order = self._get_order_to_review(order_id)
        if not order:
            return self._approval_refused()

        def reject():
            order.action_customer_reject((reason or "")[:2000])
            return order._customer_approval_decision_message()

        return self._redirect_after_decision(order.get_customer_approval_url(), reject)

    @http.route(
        "/my/approvals/<int:order_id>/change",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_change(self, order_id, **post):
        order = self._get_order_to_review(order_id)
        if not order:
            return self._approval_refused()
        quantities = self._posted_quantities(post)

        def change():
            if order.action_customer_change_lines(quantities):
                return _("The order is changed; its buyer is told.")
            return _("Nothing changed.")

        return self._redirect_after_decision(order.get_customer_approval_url(), change)

    @http.route(
        "/my/approvals/<int:order_id>/add_product",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_add_product(self, order_id, product_id=None, quantity=1, **kw):
        order = self._get_order_to_review(order_id)
        if not order:
            return self._approval_refused()

        def add_product():
            name = order.action_customer_add_product(product_id, quantity)
            return _("%s is added to the order.", name)

        return self._redirect_after_decision(
            order.get_customer_approval_url(), add_product
        )

    @http.route(
        "/my/approvals/approve",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_approval_approve_several(self, **post):
        partner = request.env.user.partner_id
        ids = [
            int(key[6:])
            for key in post
            if key.startswith("order_") and key[6:].isdigit()
        ]
        # Only orders waiting for this person's decision, whatever was posted.
        orders = request.env["sale.order"].search(
            Domain("id", "in", ids)
            & request.env["sale.order"]._customer_approval_domain(partner)
        )

        if not orders:
            error = _("Select the orders to approve.")
            return request.redirect(f"/my/approvals?{notice_query(error=error)}")
        # Each order on its own: one that cannot be approved keeps the others.
        approved, refused = orders._customer_approval_approve_each()
        query = {}
        if approved:
            query["message"] = self._approved_orders_message(approved)
        if refused:
            query["error"] = "\n".join(
                _("%(order)s was not approved: %(reason)s", order=o.name, reason=why)
                for o, why in refused.items()
            )
        return request.redirect(f"/my/approvals?{notice_query(**query)}")

    def _approved_orders_message(self, approved):
        if len(approved) == 1:
            return _("Order %s is approved.", approved.name)
        return select_plural(
            _(
                "{%(count)s, plural, one {%(count)s order is approved: %(orders)s.}"
                " other {%(count)s orders are approved: %(orders)s.}}",
                count=len(approved),
                orders=", ".join(approved.mapped("name")),
            ),
            request.env.lang,
        )
