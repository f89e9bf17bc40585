# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.website_sale.controllers.cart import Cart
from odoo.http import request


class CustomerApprovalCart(Cart):
    def _get_express_shop_payment_values(self, order, **kwargs):
        values = super()._get_express_shop_payment_values(order, **kwargs)
        # A cart that needs approval is submitted, not paid, and a refused one
        # is neither: no express-checkout buttons (Google Pay, Apple Pay...)
        # whose payment the gate would refuse.
        user = request.env.user
        if (
            order
            and not user._is_public()
            and order.partner_id == request.env["website"]._get_shop_partner()
            and (
                order._customer_approval_reasons()
                or order._customer_approval_cart_refusal()
            )
        ):
            values["providers_sudo"] = request.env["payment.provider"].sudo().browse()
        return values
