# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestShoppingLists(HttpCase, CustomerApprovalCase):
    """Who reads and changes which shopping list, through the ORM and the routes,
    and what of a list reaches the cart."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.category = cls.env["product.category"].create({"name": "List tools"})

        def product(name, **values):
            return cls.env["product.product"].create(
                dict(
                    {
                        "name": name,
                        "list_price": 20.0,
                        "categ_id": cls.category.id,
                        "taxes_id": [Command.clear()],
                        "is_published": True,
                        "sale_ok": True,
                    },
                    **values,
                )
            )

        cls.wrench = product("List Torque Wrench")
        cls.gloves = product("List Safety Gloves")
        cls.gadget = product(
            "List Laser Gadget",
            categ_id=cls.env.ref("product.product_category_goods").id,
        )
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Acme list contract",
                "is_contract_assortment": True,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": cls.category.id,
                            "compute_price": "fixed",
                            "fixed_price": 12.5,
                        }
                    )
                ],
            }
        )
        cls.customer.property_product_pricelist = cls.pricelist
        cls.restricted = cls._create_sub_account(
            "Rita Restricted", contract_assortment_only=True
        )
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Rival Works GmbH", "is_company": True}
        )
        cls.stranger = cls._create_sub_account("Sam Stranger", cls.other_company)
        cls.stranger_admin = cls._create_sub_account(
            "Sue Rival", cls.other_company, is_customer_admin=True
        )
        Lists = cls.env["customer.shopping.list"]
        cls.private = Lists.create(
            {"name": "Bob's private", "owner_id": cls.buyer.partner_id.id}
        )
        cls.company_list = Lists.create(
            {
                "name": "Workshop",
                "owner_id": cls.buyer.partner_id.id,
                "sharing": "company",
                "line_ids": [
                    Command.create({"product_id": cls.wrench.id, "quantity": 2}),
                    Command.create({"product_id": cls.gadget.id, "quantity": 3}),
                ],
            }
        )
        cls.chosen = Lists.create(
            {
                "name": "Chosen",
                "owner_id": cls.buyer.partner_id.id,
                "sharing": "chosen",
                "share_ids": [
                    Command.create(
                        {"partner_id": cls.free_buyer.partner_id.id, "can_edit": True}
                    ),
                    Command.create(
                        {"partner_id": cls.approver_1.partner_id.id, "can_edit": False}
                    ),
                ],
                "line_ids": [Command.create({"product_id": cls.gloves.id})],
            }
        )
        cls.rival_list = Lists.create(
            {
                "name": "Rival list",
                "owner_id": cls.stranger.partner_id.id,
                "sharing": "company",
                "line_ids": [Command.create({"product_id": cls.wrench.id})],
            }
        )

    def _readable(self, user):
        return self.env["customer.shopping.list"].with_user(user).search([])

    def _post(self, url, **data):
        return self.url_open(
            url, data=dict(data, csrf_token=http.Request.csrf_token(self))
        )

    # ------------------------------------------------------------------
    # Through the ORM, as each person
    # ------------------------------------------------------------------
    def test_who_reads_which_list(self):
        ours = self.private | self.company_list | self.chosen
        self.assertEqual(self._readable(self.buyer), ours)
        self.assertEqual(self._readable(self.admin), ours)  # customer admin
        self.assertEqual(
            self._readable(self.free_buyer), self.company_list | self.chosen
        )
        self.assertEqual(
            self._readable(self.approver_1), self.company_list | self.chosen
        )
        self.assertEqual(self._readable(self.approver_2), self.company_list)
        self.assertEqual(self._readable(self.stranger), self.rival_list)
        # A customer admin of another company sees nothing of this one.
        self.assertEqual(self._readable(self.stranger_admin), self.rival_list)
        lines = self.env["customer.shopping.list.line"].with_user(self.stranger)
        self.assertEqual(lines.search([]), self.rival_list.line_ids)
        with self.assertRaises(AccessError):
            self.company_list.with_user(self.stranger).read(["name"])
        with self.assertRaises(AccessError):
            self.company_list.line_ids.with_user(self.stranger_admin).read(["quantity"])
        with self.assertRaises(AccessError):
            self.private.with_user(self.free_buyer).read(["name"])

    def test_who_changes_which_list(self):
        # Read-only colleagues may not change the lines.
        with self.assertRaises(AccessError):
            self.chosen.line_ids.with_user(self.approver_1).quantity = 5
        with self.assertRaises(AccessError):
            self.company_list.line_ids[:1].with_user(self.free_buyer).unlink()
        # Edit rights: lines, not the sharing nor the list itself.
        self.chosen.line_ids.with_user(self.free_buyer).quantity = 5
        self.assertEqual(self.chosen.line_ids.quantity, 5)
        with self.assertRaises(AccessError):
            self.chosen.with_user(self.free_buyer).sharing = "company"
        with self.assertRaises(AccessError):
            self.chosen.with_user(self.free_buyer).unlink()
        # Company sharing with edit rights.
        self.company_list.company_can_edit = True
        self.company_list.line_ids[:1].with_user(self.approver_2).quantity = 7
        # The customer admin manages every list of the company.
        self.private.with_user(self.admin).name = "Renamed by Ada"
        # Nobody of another company, whatever they post.
        with self.assertRaises(AccessError):
            self.env["customer.shopping.list.line"].with_user(self.stranger).create(
                {"list_id": self.company_list.id, "product_id": self.gloves.id}
            )
        with self.assertRaises(AccessError):
            self.env["customer.shopping.list"].with_user(self.stranger).create(
                {"name": "Forged", "owner_id": self.buyer.partner_id.id}
            )
        with self.assertRaises(AccessError):
            self.rival_list.with_user(self.admin).unlink()

    def test_sharing_only_within_the_company(self):
        shopping_list = self.private.with_user(self.buyer)
        with self.assertRaises(UserError):
            shopping_list._set_sharing(
                "chosen", rights={self.stranger.partner_id.id: "edit"}
            )
        shopping_list._set_sharing(
            "chosen", rights={self.approver_2.partner_id.id: "read"}
        )
        self.assertEqual(
            self._readable(self.approver_2), self.company_list | self.private
        )
        self.assertNotIn(self.private, self._readable(self.approver_3))

    # ------------------------------------------------------------------
    # Through the routes
    # ------------------------------------------------------------------
    def test_forged_ids_from_another_company_are_not_found(self):
        self.authenticate(self.stranger.login, self.stranger.login)
        own_line = self.company_list.line_ids[0]
        list_id = self.company_list.id
        self.assertEqual(self.url_open(f"/my/lists/{list_id}").status_code, 404)
        for url in (
            f"/my/lists/{list_id}/rename",
            f"/my/lists/{list_id}/share",
            f"/my/lists/{list_id}/lines",
            f"/my/lists/{list_id}/delete",
            f"/my/lists/{list_id}/cart",
            f"/my/lists/{list_id}/line/{own_line.id}/cart",
            f"/my/lists/{list_id}/line/{own_line.id}/remove",
            # The stranger's own list with a line of another company's list.
            f"/my/lists/{self.rival_list.id}/line/{own_line.id}/cart",
            f"/my/lists/{self.rival_list.id}/line/{own_line.id}/remove",
        ):
            response = self._post(url, name="Hacked", sharing="company")
            self.assertEqual(response.status_code, 404, url)
        response = self._post(
            "/shop/lists/add", product_id=self.gloves.id, list_id=list_id
        )
        self.assertEqual(response.status_code, 404)
        # Quantities of lines of another list, posted on one's own list.
        response = self._post(
            f"/my/lists/{self.rival_list.id}/lines", **{f"qty_{own_line.id}": "99"}
        )
        self.assertIn("not on the shopping list", response.text)
        self.company_list.invalidate_recordset()
        self.assertEqual(self.company_list.name, "Workshop")
        self.assertEqual(own_line.quantity, 2)
        self.assertEqual(len(self.company_list.line_ids), 2)
        page = self.url_open("/my/lists").text
        self.assertIn("Rival list", page)
        self.assertNotIn("Workshop", page)

    def test_list_pages_of_a_colleague(self):
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self.url_open("/my/lists").text
        self.assertIn("Workshop", page)
        self.assertIn("Chosen", page)
        self.assertNotIn("Bob&#39;s private", page)
        self.assertEqual(self.url_open(f"/my/lists/{self.private.id}").status_code, 404)
        # Read-only: no quantity field, no management, and a posted change is refused.
        page = self.url_open(f"/my/lists/{self.chosen.id}").text
        self.assertNotIn("qty_", page)
        self.assertNotIn("o_shopping_list_manage", page)
        response = self._post(
            f"/my/lists/{self.chosen.id}/lines",
            **{f"qty_{self.chosen.line_ids.id}": "9"},
        )
        self.assertIn("You may not change", response.text)
        self.assertEqual(self.chosen.line_ids.quantity, 1)
        response = self._post(f"/my/lists/{self.chosen.id}/delete")
        self.assertTrue(self.chosen.exists())

    def test_owner_edits_shares_and_deletes(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        wrench_line = self.company_list.line_ids.filtered(
            lambda line: line.product_id == self.wrench
        )
        gadget_line = self.company_list.line_ids - wrench_line
        self._post(
            f"/my/lists/{self.company_list.id}/lines",
            **{f"qty_{wrench_line.id}": "5", f"qty_{gadget_line.id}": "0"},
        )
        self.assertEqual(self.company_list.line_ids, wrench_line)
        self.assertEqual(wrench_line.quantity, 5)
        self._post(
            f"/my/lists/{self.private.id}/share",
            sharing="chosen",
            **{f"share_{self.approver_3.partner_id.id}": "edit"},
        )
        self.assertEqual(self.private.share_ids.partner_id, self.approver_3.partner_id)
        self.assertTrue(self.private.share_ids.can_edit)
        self._post(f"/my/lists/{self.private.id}/rename", name="Desk")
        self.assertEqual(self.private.name, "Desk")
        response = self._post("/my/lists/new", name="Brand new")
        new_list = self.env["customer.shopping.list"].search(
            [("name", "=", "Brand new")]
        )
        self.assertEqual(new_list.owner_id, self.buyer.partner_id)
        self.assertTrue(response.url.endswith(f"/my/lists/{new_list.id}"))
        self._post(
            "/shop/lists/add",
            product_id=self.gloves.id,
            quantity="2",
            list_id=new_list.id,
            redirect="/shop/contract",
        )
        self.assertEqual(new_list.line_ids.product_id, self.gloves)
        self._post("/shop/lists/add", product_id=self.gloves.id, new_list_name="Gloves")
        self.assertTrue(
            self.env["customer.shopping.list"]
            .search([("name", "=", "Gloves")])
            .line_ids
        )
        self._post(f"/my/lists/{new_list.id}/delete")
        self.assertFalse(new_list.exists())

    def test_customer_admin_sees_every_list_of_the_company(self):
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/my/lists").text
        for name in ("Bob&#39;s private", "Workshop", "Chosen"):
            self.assertIn(name, page)
        self.assertNotIn("Rival list", page)
        page = self.url_open(f"/my/lists/{self.private.id}").text
        self.assertIn("o_shopping_list_manage", page)

    # ------------------------------------------------------------------
    # Into the cart
    # ------------------------------------------------------------------
    def _cart(self, user):
        return self.env["sale.order"].search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "draft")]
        )

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
