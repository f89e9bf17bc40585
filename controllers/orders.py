# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.urls import url_encode

from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from ..models.sale_order import FREE_TEXT_MAX_LENGTH
from .notices import notice_query
from .readonly import readonly_unless_posted


class CustomerApprovalOrdersPortal(CustomerPortal):
    """The buyer's side of /my/orders: the approval state in Odoo's lists, who
    may open an order, withdrawing, submitting again, free-text orders."""

    # ------------------------------------------------------------------
    # Orders: the approval status belongs with Odoo's own lists
    # ------------------------------------------------------------------
    def _prepare_orders_domain(self, partner):
        # Orders that went through approval are orders for the buyer, whatever
        # Odoo's state (a waiting one is a sent quotation until it is released).
        return list(
            request.env["sale.order"]._customer_approval_portal_domain(partner)
            & Domain.OR(
                [
                    Domain("state", "=", "sale"),
                    Domain("approval_state", "not in", [False, "none"]),
                ]
            )
        )

    def _prepare_quotations_domain(self, partner):
        return list(
            request.env["sale.order"]._customer_approval_portal_domain(partner)
            & Domain("state", "=", "sent")
            & Domain("approval_state", "in", [False, "none"])
        )

    @http.route()
    def portal_order_page(self, order_id, access_token=None, payment_amount=None, **kw):
        # Odoo shows its payment form for any "?payment_amount=": not for an order
        # the customer's approval holds back (payment.transaction refuses it too).
        if payment_amount:
            try:
                order_sudo = self._document_check_access(
                    "sale.order", order_id, access_token=access_token
                )
            except (AccessError, MissingError):
                order_sudo = None
            if order_sudo and order_sudo._customer_approval_gate_error(
                customer_side=True
            ):
                payment_amount = None
        return super().portal_order_page(
            order_id, access_token=access_token, payment_amount=payment_amount, **kw
        )

    @http.route()
    def portal_quote_accept(
        self, order_id, access_token=None, name=None, signature=None
    ):
        # Odoo answers "The order is not in a state requiring customer signature"
        # when the gate holds a quotation back: the buyer reads the gate's reason
        # instead (a purchasing rule, a budget, the approval it needs), in their
        # language (the logged-in person's, else the buyer's of the order).
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            order_sudo = None
        if order_sudo and order_sudo.state in ("draft", "sent"):
            user = request.env.user
            lang = (
                order_sudo.partner_id.lang if user._is_public() else user.lang
            ) or request.env.lang
            error = order_sudo.with_context(lang=lang)._customer_approval_gate_error(
                customer_side=True
            )
            if error:
                return {"error": error}
        return super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kw
    ):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kw
        )
        if (
            document._name == "sale.order"
            and document.partner_id == request.env.user.partner_id
            and document.approval_state in (False, "none")
            and document.state in ("draft", "sent")
        ):
            # A quotation of the vendor that the buyer's settings hold back: they
            # submit it for approval from here.
            values["approval_gate_message"] = document._customer_approval_gate_error(
                customer_side=True
            )
        return values

    # ------------------------------------------------------------------
    # The buyer sends a free-text order
    # ------------------------------------------------------------------
    @http.route(
        "/my/orders/free-text",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        readonly=readonly_unless_posted,
    )
    def portal_free_text_order(self, request_text="", **kwargs):
        partner = request.env.user.partner_id
        if not partner.may_send_free_text_orders:
            raise request.not_found()
        error = None
        if request.httprequest.method == "POST":
            try:
                order = request.env["sale.order"]._create_free_text_order(
                    request_text,
                    request.website._prepare_sale_order_values(partner),
                )
            except (UserError, AccessError) as exception:
                error = exception.args[0]
            else:
                return request.redirect(order.get_portal_url())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "free_text_order",
                "request_text": request_text,
                "max_length": FREE_TEXT_MAX_LENGTH,
                "error": error,
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_free_text_order", values
        )

    # ------------------------------------------------------------------
    # The buyer withdraws a waiting order
    # ------------------------------------------------------------------
    def _get_own_order(self, order_id):
        """The logged-in buyer's own order, or one they placed for a colleague,
        else 404 (the model checks again who may act on it)."""
        order = request.env["sale.order"].browse(order_id)
        me = request.env.user.partner_id
        try:
            order.check_access("read")
            if not order.exists() or me not in (
                order.partner_id | order.placed_by_partner_id
            ):
                raise request.not_found()
        except (AccessError, MissingError) as error:
            raise request.not_found() from error
        return order

    @http.route(
        ["/my/orders/<int:order_id>/submit", "/my/orders/<int:order_id>/resubmit"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_order_resubmit(self, order_id, **kwargs):
        """The buyer submits a quotation of the vendor for approval, or submits
        again an order whose approval ended and that the vendor set back to
        quotation (a new round)."""
        order = self._get_own_order(order_id)
        return self._redirect_after_buyer_action(
            order, order.action_submit_for_customer_approval, "resubmitted"
        )

    def _redirect_after_buyer_action(self, order, action, message_code):
        """Run ``action``; back to the order's page with its message or error."""
        try:
            action()
        except (UserError, AccessError) as error:
            query = notice_query(error=order._customer_approval_error_text(error))
        else:
            query = url_encode({"approval_message": message_code})
        return request.redirect(order.get_portal_url(query_string=f"&{query}"))

    @http.route(
        "/my/orders/<int:order_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_order_withdraw(self, order_id, **kwargs):
        order = self._get_own_order(order_id)
        return self._redirect_after_buyer_action(
            order, order.action_withdraw_customer_approval, "withdrawn"
        )
