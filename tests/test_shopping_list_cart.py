# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common_lists import ShoppingListCase


@tagged("post_install", "-at_install")
class TestShoppingListCart(ShoppingListCase):
    """What of a list reaches the cart, at which price, and "Add to list" in the
    shop."""

    # ------------------------------------------------------------------
    # Into the cart
    # ------------------------------------------------------------------
    def test_restricted_buyer_list_keeps_outside_products_out_of_the_cart(self):
        self.authenticate(self.restricted.login, self.restricted.login)
        page = self.url_open(f"/my/lists/{self.company_list.id}").text
        self.assertIn("Unavailable to you", page)
        self.assertIn("12.50", page)  # the person's contract price
        gadget_line = self.company_list.line_ids.filtered(
            lambda line: line.product_id == self.gadget
        )
        response = self._post(
            f"/my/lists/{self.company_list.id}/line/{gadget_line.id}/cart"
        )
        self.assertIn("List Laser Gadget", response.text)
        self.assertFalse(self._cart(self.restricted).order_line)
        response = self._post(f"/my/lists/{self.company_list.id}/cart")
        self.assertIn("Put in your cart: 1", response.text)
        cart = self._cart(self.restricted)
        self.assertEqual(cart.order_line.product_id, self.wrench)
        self.assertEqual(cart.order_line.product_uom_qty, 2)
        # Nor can such a buyer add it to a list they may edit.
        response = self._post(
            "/shop/lists/add", product_id=self.gadget.id, new_list_name="Sneaky"
        )
        self.assertIn("cannot be added", response.text)
        self.assertFalse(
            self.env["customer.shopping.list"].search([("name", "=", "Sneaky")])
        )

    def test_unpublished_and_archived_products_are_unavailable(self):
        self.chosen.line_ids = [
            Command.create({"product_id": self.wrench.id}),
            Command.create({"product_id": self.gadget.id}),
        ]
        self.gloves.is_published = False
        self.wrench.active = False
        orderable = self.chosen.with_user(self.free_buyer)._get_orderable_lines(
            self.website
        )
        self.assertEqual(orderable.product_id, self.gadget)
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        page = self.url_open(f"/my/lists/{self.chosen.id}").text
        self.assertEqual(page.count("Unavailable to you"), 2)
        self._post(f"/my/lists/{self.chosen.id}/cart")
        self.assertEqual(self._cart(self.free_buyer).order_line.product_id, self.gadget)

    def test_contract_assortment_of_named_products(self):
        # An assortment naming products (templates and variants), not categories.
        self.pricelist.item_ids = [
            Command.clear(),
            Command.create(
                {
                    "applied_on": "1_product",
                    "product_tmpl_id": self.wrench.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 11.0,
                }
            ),
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": self.gloves.id,
                    "compute_price": "fixed",
                    "fixed_price": 9.0,
                }
            ),
        ]
        self.company_list.line_ids = [Command.create({"product_id": self.gloves.id})]
        orderable = self.company_list.with_user(self.restricted)._get_orderable_lines(
            self.website
        )
        self.assertEqual(orderable.product_id, self.wrench | self.gloves)

    def test_whole_list_to_cart(self):
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        response = self._post(f"/my/lists/{self.company_list.id}/cart")
        self.assertIn("Put in your cart: 2", response.text)
        cart = self._cart(self.free_buyer)
        self.assertEqual(
            {line.product_id: line.product_uom_qty for line in cart.order_line},
            {self.wrench: 2, self.gadget: 3},
        )
        # Again: the quantities add up on the same cart lines.
        self._post(f"/my/lists/{self.company_list.id}/cart")
        self.assertEqual(sorted(cart.order_line.mapped("product_uom_qty")), [4, 6])

    def test_list_page_queries_do_not_grow_with_lines(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Bulk item {index}", "is_published": True, "sale_ok": True}
                for index in range(20)
            ]
        )
        small = self.env["customer.shopping.list"].create(
            {
                "name": "Small",
                "owner_id": self.free_buyer.partner_id.id,
                "line_ids": [
                    Command.create({"product_id": product.id})
                    for product in products[:2]
                ],
            }
        )
        large = self.env["customer.shopping.list"].create(
            {
                "name": "Large",
                "owner_id": self.free_buyer.partner_id.id,
                "line_ids": [
                    Command.create({"product_id": product.id}) for product in products
                ],
            }
        )
        self.authenticate(self.free_buyer.login, self.free_buyer.login)

        def queries(shopping_list):
            self.url_open(f"/my/lists/{shopping_list.id}")  # warm the caches
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            response = self.url_open(f"/my/lists/{shopping_list.id}")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before

        count_small = queries(small)
        count_large = queries(large)
        self.assertLessEqual(count_large, count_small + 2)

    # ------------------------------------------------------------------
    # "Add to list" in the shop
    # ------------------------------------------------------------------
    def test_add_to_list_on_product_page_cart_and_contract_page(self):
        url = self.gloves.product_tmpl_id.website_url
        self.assertNotIn("o_add_to_list", self.url_open(url).text)  # public
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        page = self.url_open(url).text
        self.assertIn("o_add_to_list", page)
        self.assertIn("Chosen", page)  # a list shared with them for editing
        self.assertNotIn(">Workshop<", page)  # shared for reading only
        response = self._post(
            "/shop/lists/add",
            product_id=self.gloves.id,
            list_id=self.chosen.id,
            redirect=url,
        )
        self.assertIn("is on the list Chosen", response.text)
        self.assertEqual(self.chosen.line_ids.quantity, 2)
        # A list shared for reading only cannot be filled, whatever is posted.
        response = self._post(
            "/shop/lists/add", product_id=self.gloves.id, list_id=self.company_list.id
        )
        self.assertIn("You may not change", response.text)
        self.assertNotIn(self.gloves, self.company_list.line_ids.product_id)
        # The cart and the contract assortment offer it too.
        self._post(f"/my/lists/{self.chosen.id}/cart")
        self.assertIn("o_cart_add_to_list", self.url_open("/shop/cart").text)
        self.assertIn("o_contract_add_to_list", self.url_open("/shop/contract").text)
        # Back only to pages of this site.
        response = self._post(
            "/shop/lists/add",
            product_id=self.gloves.id,
            list_id=self.chosen.id,
            redirect="https://evil.example/shop",
        )
        self.assertTrue(response.url.split("?")[0].endswith("/my/lists"))
