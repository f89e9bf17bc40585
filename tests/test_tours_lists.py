# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase
from .markers import tour

pytestmark = [tour]


@tagged("post_install", "-at_install")
class TestShoppingListTours(HttpCase, CustomerApprovalCase):
    """A buyer limited to the contract assortment fills the cart from a list the
    customer admin shares with the company, then checks out to an allowed company
    address with their purchase-order number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["product.category"].create({"name": "Tour list tools"})

        cls.desk = cls._create_shop_product(
            "Approval Tour Desk", 750.0, categ_id=category.id
        )
        cls.gadget = cls._create_shop_product(
            "Tour Gadget",
            750.0,
            categ_id=cls.env.ref("product.product_category_goods").id,
        )
        cls._create_contract_assortment(category, 700.0, name="Tour contract")
        address = cls._shop_address()
        cls.customer.write(address)
        cls.warehouse, cls.harbour = cls.env["res.partner"].create(
            [
                dict(address, name=name, parent_id=cls.customer.id, type="delivery")
                for name in ("Warehouse North", "Harbour Gate")
            ]
        )
        cls.buyer.partner_id.write(
            dict(
                address,
                contract_assortment_only=True,
                allowed_delivery_address_ids=[Command.set(cls.warehouse.ids)],
            )
        )
        cls.shopping_list = cls.env["customer.shopping.list"].create(
            {
                "name": "Workshop consumables",
                "owner_id": cls.admin.partner_id.id,
                "sharing": "company",
                "line_ids": [
                    Command.create({"product_id": cls.desk.id, "quantity": 2}),
                    Command.create({"product_id": cls.gadget.id, "quantity": 1}),
                ],
            }
        )

    def test_buyer_fills_the_cart_from_a_shared_list_and_checks_out(self):
        self.start_tour(
            "/my/lists", "customer_shopping_list_to_cart", login=self.buyer.login
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer.partner_id.id)], order="id desc", limit=1
        )
        goods = order._get_product_lines()  # not the delivery line
        self.assertEqual(goods.product_id, self.desk)
        self.assertEqual(goods.product_uom_qty, 2)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(order.partner_shipping_id, self.warehouse)
        self.assertEqual(order.client_order_ref, "PO-2026-118")
