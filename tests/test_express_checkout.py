# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.addons.website_sale.controllers.cart import Cart
from odoo.addons.website_sale.tests.common import MockRequest

from ..controllers.cart import CustomerApprovalCart
from .common import CustomerApprovalCase


class TestExpressCheckout(CustomerApprovalCase):
    """The cart offers express-checkout buttons (Google Pay, Apple Pay...) only
    when the order could be paid: not when it needs approval."""

    def _express_providers(self, user, order):
        provider = self.env["payment.provider"].sudo().search([], limit=1)
        self.assertTrue(provider, "Odoo's payment module ships providers")
        website = self.env["website"].get_current_website()
        odoo_values = {"providers_sudo": provider}
        with (
            MockRequest(self.env(user=user), website=website),
            patch.object(
                Cart, "_get_express_shop_payment_values", return_value=odoo_values
            ),
        ):
            values = CustomerApprovalCart()._get_express_shop_payment_values(
                order.with_user(user).sudo()
            )
        return values["providers_sudo"]

    def test_no_express_checkout_for_a_cart_that_needs_approval(self):
        order = self._create_order(self.buyer, amount=2000)
        self.assertFalse(self._express_providers(self.buyer, order))

    def test_express_checkout_for_a_cart_that_needs_none(self):
        order = self._create_order(self.free_buyer, amount=2000)
        self.assertTrue(self._express_providers(self.free_buyer, order))
