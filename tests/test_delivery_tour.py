# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase
from .markers import tour

pytestmark = [tour]


@tagged("post_install", "-at_install")
class TestDeliveryReferenceTour(HttpCase, CustomerApprovalCase):
    """In the browser: a buyer ships to an allowed company address, with a
    purchase-order number and a cost centre."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drill = cls._create_shop_product("Delivery Tour Drill", 80.0, type="consu")
        address = cls._shop_address()
        cls.customer.write(dict(address, ask_cost_centre=True))
        cls.lars = cls._create_sub_account(
            "Lars Lorry",
            approval_mode="always",
            next_approver_id=cls.approver_1.partner_id.id,
        )
        cls.lars.partner_id.write(address)
        cls.site, cls.warehouse, cls.harbour = cls.env["res.partner"].create(
            [
                dict(address, name=name, parent_id=cls.customer.id, type="delivery")
                for name in ("Site South", "Warehouse North", "Harbour Gate")
            ]
        )
        cls.lars.partner_id.allowed_delivery_address_ids = cls.site | cls.warehouse

    def test_buyer_ships_to_an_allowed_address_with_a_reference(self):
        self.start_tour(
            "/shop", "customer_approval_delivery_reference", login=self.lars.login
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.lars.partner_id.id)], order="id desc", limit=1
        )
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.partner_shipping_id, self.warehouse)
        self.assertEqual(order.client_order_ref, "PO-4711")
        self.assertEqual(order.customer_cost_centre, "CC-200")
        self.assertEqual(order.approval_reason_ids.mapped("code"), ["always"])
