# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestShoppingListTours(HttpCase, CustomerApprovalCase):
    """A buyer limited to the contract assortment fills the cart from a list the
    customer admin shares with the company, then checks out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        category = cls.env["product.category"].create({"name": "Tour list tools"})

        def product(name, categ):
            return cls.env["product.product"].create(
                {
                    "name": name,
                    "list_price": 750.0,
                    "categ_id": categ.id,
                    "taxes_id": [Command.clear()],
                    "website_published": True,
                    "sale_ok": True,
                }
            )

        cls.desk = product("Approval Tour Desk", category)
        cls.gadget = product(
            "Tour Gadget", cls.env.ref("product.product_category_goods")
        )
        cls.customer.property_product_pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Tour contract",
                "is_contract_assortment": True,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": category.id,
                            "compute_price": "fixed",
                            "fixed_price": 700.0,
                        }
                    )
                ],
            }
        )
        address = {
            "street": "Storgatan 1",
            "city": "Malmö",
            "zip": "211 22",
            "phone": "+46 40 123 45 67",
            "country_id": cls.env.ref("base.se").id,
        }
        cls.customer.write(address)
        cls.buyer.partner_id.write(dict(address, contract_assortment_only=True))
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
