# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.urls import url_encode

from odoo.http import request, route

from .main import WebsiteSaleCustomerApproval
from .notices import notice_query, notice_text


class WebsiteSaleDeliveryAndReference(WebsiteSaleCustomerApproval):
    """Checkout of a sub-account: their company's delivery addresses allowed to
    them, and their own purchase-order reference. The rules are sale.order's and
    res.partner's (see sale_order_delivery.py, sale_order_reference.py)."""

    def _prepare_address_data(self, partner_sudo, **kwargs):
        data = super()._prepare_address_data(partner_sudo, **kwargs)
        offered = partner_sudo._get_checkout_delivery_addresses()
        if offered is not False:
            data["delivery_addresses"] = data["delivery_addresses"] & offered
        return data

    def _validate_address_values(self, address_values, partner_sudo, *args, **kwargs):
        # Odoo's address forms (/my/addresses and the shop's): the form says why
        # a buyer's change of a company address is refused, before res.partner
        # would raise it.
        invalid, missing, messages = super()._validate_address_values(
            address_values, partner_sudo, *args, **kwargs
        )
        if partner_sudo and (
            error := partner_sudo._get_address_book_error(address_values)
        ):
            messages.append(error)
            invalid |= set(address_values) & set(partner_sudo._address_fields())
        return invalid, missing, messages

    def _prepare_checkout_page_values(self, order_sudo, **kwargs):
        values = super()._prepare_checkout_page_values(order_sudo, **kwargs)
        values["customer_delivery_error"] = (
            order_sudo._customer_delivery_address_error()
        )
        values["customer_delivery_needs_approval"] = (
            not values["customer_delivery_error"]
            and not order_sudo._customer_delivery_address_is_allowed()
        )
        return values

    def _complete_address_values(self, address_values, *args, order_sudo=False, **kw):
        res = super()._complete_address_values(
            address_values, *args, order_sudo=order_sudo, **kw
        )
        # An address a sub-account types is their own, not one of the company's
        # delivery addresses (which the customer admin manages).
        buyer = order_sudo and order_sudo.partner_id
        if (
            buyer
            and not order_sudo._is_anonymous_cart()
            and address_values.get("type") in ("delivery", "other")
            and buyer._delivery_address_rule_applies()
        ):
            address_values["parent_id"] = buyer.id
        return res

    @route()
    def shop_payment(self, **post):
        order_sudo = request.cart
        if (
            order_sudo
            and order_sudo.state == "draft"
            and order_sudo._customer_delivery_address_error()
        ):
            return request.redirect("/shop/checkout")
        return super().shop_payment(**post)

    def _save_customer_reference(self, order_sudo, post):
        """Store the reference posted with the last checkout step; the first error
        or None."""
        errors = order_sudo._set_customer_reference(
            post.get("client_order_ref"), post.get("customer_cost_centre")
        )
        return next(iter(errors.values()), None)

    @route()
    def shop_submit_for_approval(self, **post):
        order_sudo = request.cart
        if order_sudo and order_sudo.state == "draft" and "client_order_ref" in post:
            if error := self._save_customer_reference(order_sudo, post):
                return request.redirect("/shop/payment?" + notice_query(error=error))
        return super().shop_submit_for_approval(**post)

    @route(
        "/shop/customer_reference",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def shop_customer_reference(self, **post):
        order_sudo = request.cart
        if redirection := self._check_cart(order_sudo):
            return redirection
        error = self._save_customer_reference(order_sudo, post)
        query = (
            notice_query(reference_error=error)
            if error
            else url_encode({"reference_saved": 1})
        )
        return request.redirect("/shop/payment?" + query)

    def _get_shop_payment_values(self, order, **kwargs):
        values = super()._get_shop_payment_values(order, **kwargs)
        values["reference_error"] = notice_text(kwargs.get("reference_error"))
        values["reference_saved"] = kwargs.get("reference_saved")
        return values
