# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.addons.website_sale.controllers.main import WebsiteSale
from odoo.exceptions import AccessError, UserError
from odoo.http import request, route

from .notices import notice_query, notice_text


class WebsiteSaleCustomerApproval(WebsiteSale):
    """Checkout: an order that needs approval ends with "Submit for approval"
    instead of the payment step."""

    @route()
    def product(self, product, category=None, pricelist=None, **kwargs):
        # A buyer limited to the contract assortment: other products do not exist.
        if not request.website._get_shop_partner()._filter_shop_templates(product):
            raise NotFound()
        return super().product(
            product, category=category, pricelist=pricelist, **kwargs
        )

    def _get_cart_approval_reasons(self, order_sudo):
        """The reasons the cart of the logged-in buyer needs approval (none for a
        visitor: only sub-accounts have approval settings)."""
        user = request.env.user
        if (
            not order_sudo
            or user._is_public()
            or order_sudo.partner_id != request.website._get_shop_partner()
        ):
            return []
        return order_sudo._customer_approval_reasons()

    def _check_cart_and_addresses(self, order_sudo):
        # A cart that a purchasing rule or a budget refuses goes no further than
        # the cart, which says why (whichever checkout route is asked for).
        if redirection := self._check_cart(order_sudo):
            return redirection
        if order_sudo._customer_approval_cart_refusal():
            return request.redirect("/shop/cart")
        return super()._check_cart_and_addresses(order_sudo)

    @route()
    def shop_payment(self, **post):
        order_sudo = request.cart
        reasons = self._get_cart_approval_reasons(order_sudo)
        if not reasons:
            return super().shop_payment(**post)
        if redirection := self._check_cart_and_addresses(order_sudo):
            return redirection
        order_sudo._recompute_cart()
        # The reasons again: the cart may have changed with its recomputation.
        reasons = order_sudo._customer_approval_reasons()
        if not reasons:
            return super().shop_payment(**post)
        values = {
            "website_sale_order": order_sudo,
            "order": order_sudo,
            "approval_reasons": [
                request.env["sale.order.approval.reason"].new(reason).name
                for reason in reasons
            ],
            "approvers": self._get_future_deciders(order_sudo),
            "approval_notice": order_sudo._customer_approval_cart_notice(),
            "error": notice_text(post.get("error")),
        }
        values.update(request.website._get_checkout_step_values())
        return request.render(
            "website_sale_customer_approval.submit_for_approval", values
        )

    def _get_future_deciders(self, order_sudo):
        return order_sudo._customer_approval_first_deciders()[2]

    @route(
        "/shop/submit_for_approval",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def shop_submit_for_approval(self, **post):
        order_sudo = request.cart
        if not order_sudo:
            return request.redirect("/shop/cart")
        if redirection := self._check_cart_and_addresses(order_sudo):
            return redirection
        try:
            submitted = order_sudo.action_submit_for_customer_approval()
        except (UserError, AccessError) as error:
            return request.redirect(
                "/shop/payment?" + notice_query(error=error.args[0])
            )
        if not submitted:
            # Nothing needs approval any more: Odoo's own payment step.
            return request.redirect("/shop/payment")
        request.website.sale_reset()
        request.session["sale_last_order_id"] = order_sudo.id
        return request.redirect("/shop/approval/submitted")

    @route(
        "/shop/approval/submitted",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def shop_approval_submitted(self, **kwargs):
        order_id = request.session.get("sale_last_order_id")
        # The id is the session's own, set at submission; checked below.
        order = (
            request.env["sale.order"].sudo().browse(order_id).exists()
            if order_id
            else None
        )
        if not order or request.env.user.partner_id not in (
            order.partner_id | order.placed_by_partner_id
        ):
            return request.redirect("/my/orders")
        return request.render(
            "website_sale_customer_approval.approval_submitted",
            {"order": order.sudo(), "website_sale_order": order.sudo()},
        )
