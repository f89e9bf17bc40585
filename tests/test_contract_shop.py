# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import lxml.html

from odoo import Command, http
from odoo.tests import HttpCase, tagged

from ..controllers import contract as contract_controller
from .common import CustomerApprovalCase
from .markers import tour


@tagged("post_install", "-at_install")
class TestContractShop(HttpCase, CustomerApprovalCase):
    """What the shop shows and accepts, for a buyer limited to the contract
    assortment and for one who is not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["product.category"].create({"name": "Contract tools"})
        cls.public_inside = cls.env["product.public.category"].create(
            {"name": "Agreed Tools Shelf"}
        )
        cls.public_outside = cls.env["product.public.category"].create(
            {"name": "Gadget Corner"}
        )

        def product(name, category, public_category):
            return cls.env["product.product"].create(
                {
                    "name": name,
                    "list_price": 40.0,
                    "categ_id": category.id,
                    "public_categ_ids": [Command.set(public_category.ids)],
                    "taxes_id": [Command.clear()],
                    "is_published": True,
                    "sale_ok": True,
                }
            )

        cls.agreed = product("Agreed Torque Wrench", cls.category, cls.public_inside)
        cls.gadget = product(
            "Gadget Laser Pointer",
            cls.env.ref("product.product_category_goods"),
            cls.public_outside,
        )
        cls.pricelist = cls._create_contract_assortment(
            cls.category, 31.5, name="Acme contract"
        )
        cls.restricted = cls._create_sub_account(
            "Rita Restricted", contract_assortment_only=True
        )

    def _shop(self, login, url="/shop"):
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text

    def assertShows(self, page, text, shows=True):
        # Pages are long: say what was looked for, not the whole page.
        self.assertEqual(text in page, shows, f"{text!r} shown: {not shows}")

    def _add_to_cart(self, product):
        response = self.opener.post(
            self.base_url() + "/shop/cart/add",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 0,
                "params": {
                    "product_template_id": product.product_tmpl_id.id,
                    "product_id": product.id,
                    "quantity": 1,
                },
            },
        )
        return response.json()

    def test_restricted_buyer_sees_only_the_assortment(self):
        page = self._shop(self.restricted.login)
        self.assertShows(page, "Agreed Torque Wrench")
        self.assertShows(page, "Gadget Laser Pointer", False)
        self.assertShows(page, "Agreed Tools Shelf")
        self.assertShows(page, "Gadget Corner", False)
        self.assertShows(page, 'href="/shop/contract"')
        page = self.url_open("/shop?search=Gadget").text
        self.assertShows(page, "Gadget Laser Pointer", False)
        # The other product's page does not exist for them.
        response = self.url_open(self.gadget.product_tmpl_id.website_url)
        self.assertEqual(response.status_code, 404)
        response = self.url_open(self.agreed.product_tmpl_id.website_url)
        self.assertEqual(response.status_code, 200)

    def test_restricted_buyer_cannot_forge_an_add_to_cart(self):
        self.authenticate(self.restricted.login, self.restricted.login)
        answer = self._add_to_cart(self.gadget)
        self.assertIn("error", answer)
        self.assertIn(
            "only from the contract assortment", answer["error"]["data"]["message"]
        )
        answer = self._add_to_cart(self.agreed)
        self.assertNotIn("error", answer)
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.restricted.partner_id.id)]
        )
        self.assertEqual(cart.order_line.product_id, self.agreed)

    def test_unrestricted_buyer_sees_everything(self):
        page = self._shop(self.free_buyer.login, "/shop?search=Agreed")
        self.assertShows(page, "Agreed Torque Wrench")
        page = self._shop(self.free_buyer.login, "/shop?search=Gadget")
        self.assertShows(page, "Gadget Laser Pointer")
        response = self.url_open(self.gadget.product_tmpl_id.website_url)
        self.assertEqual(response.status_code, 200)
        # In the cart and on the order page, the gadget carries the badge.
        self.assertNotIn("error", self._add_to_cart(self.gadget))
        self.assertNotIn("error", self._add_to_cart(self.agreed))
        page = self.url_open("/shop/cart").text
        self.assertEqual(page.count("o_outside_assortment"), 1)
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.free_buyer.partner_id.id)]
        )
        page = self.url_open(cart.get_portal_url()).text
        self.assertEqual(page.count("o_outside_assortment"), 1)

    def test_contract_page_lists_the_assortment_at_contract_prices(self):
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        response = self.url_open("/shop/contract")
        self.assertEqual(response.status_code, 200)
        self.assertShows(response.text, "Agreed Torque Wrench")
        self.assertShows(response.text, "31.50")
        self.assertShows(response.text, "Agreed Tools Shelf")
        self.assertShows(response.text, "Gadget Laser Pointer", False)
        # Add to cart from the page: only assortment products, whatever is posted.
        response = self.url_open(
            "/shop/contract/add",
            data={
                "product_id": self.gadget.id,
                "quantity": 1,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertShows(response.text, "is not in your contract assortment")
        response = self.url_open(
            "/shop/contract/add",
            data={
                "product_id": self.agreed.id,
                "quantity": 3,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertShows(response.text, "is in your cart")
        cart = self.env["sale.order"].search(
            [("partner_id", "=", self.free_buyer.partner_id.id)]
        )
        self.assertEqual(cart.order_line.product_uom_qty, 3)
        self.assertEqual(cart.order_line.price_unit, 31.5)

    def _contract_catalogue(self):
        """More assortment products: a sub-category of the shop, a product in two
        eCommerce categories, and products without any (internal categories)."""
        Public = self.env["product.public.category"]
        self.public_inside.sequence = 10
        sockets = Public.create(
            {"name": "Sockets", "parent_id": self.public_inside.id, "sequence": 1}
        )
        boxes = Public.create({"name": "Bolt Boxes", "sequence": 20})
        fasteners = self.env["product.category"].create(
            {"name": "Fasteners", "parent_id": self.category.id}
        )
        # The assortment's category rule covers sub-categories.
        products = {}
        for name, categ, public in (
            ("Socket Set 3/8", self.category, sockets),
            ("Bolt Box M8", fasteners, boxes | self.public_inside),
            ("Hex Bolts M10", fasteners, Public),
            ("Safety Gloves", self.category, Public),
        ):
            products[name] = self.env["product.product"].create(
                {
                    "name": name,
                    "list_price": 10.0,
                    "categ_id": categ.id,
                    "public_categ_ids": [Command.set(public.ids)],
                    "taxes_id": [Command.clear()],
                    "is_published": True,
                    "sale_ok": True,
                }
            )
        return products

    def _contract_sections(self, page):
        """[(heading, [product names])] of /shop/contract, in page order."""
        tree = lxml.html.fromstring(page)
        return [
            (
                " ".join(section.xpath("string(.//h2)").split()),
                [
                    " ".join(link.text_content().split())
                    for link in section.xpath(
                        ".//a[hasclass('o_contract_product_name')]"
                    )
                ],
            )
            for section in tree.xpath(
                "//div[hasclass('o_contract_assortment')]//section"
            )
        ]

    def test_contract_page_groups_by_ecommerce_category(self):
        products = self._contract_catalogue()
        page = self._shop(self.free_buyer.login, "/shop/contract")
        # Breadcrumb and the ways back to the portal and to the shop.
        tree = lxml.html.fromstring(page)
        (breadcrumb,) = tree.xpath("//ol[hasclass('o_contract_breadcrumb')]")
        self.assertEqual(breadcrumb.xpath(".//a/@href"), ["/my"])
        self.assertIn(
            "Contract assortment",
            breadcrumb.xpath("string(.//li[hasclass('active')])"),
        )
        self.assertTrue(
            tree.xpath("//a[hasclass('o_contract_back_to_shop')][@href='/shop']")
        )
        # The shop's categories in the shop's order, sub-categories by their path; a
        # product in two categories once, under the first; internal categories for
        # products that have no eCommerce category, after the others.
        self.assertEqual(
            self._contract_sections(page),
            [
                ("Agreed Tools Shelf", ["Agreed Torque Wrench", "Bolt Box M8"]),
                ("Agreed Tools Shelf / Sockets", ["Socket Set 3/8"]),
                ("Contract tools", ["Safety Gloves"]),
                ("Contract tools / Fasteners", ["Hex Bolts M10"]),
            ],
        )
        # Names link to the product pages.
        for product in (self.agreed, *products.values()):
            template = product.product_tmpl_id
            self.assertTrue(
                tree.xpath(
                    "//a[hasclass('o_contract_product_name')][@href=$url]",
                    url=template.website_url,
                ),
                template.name,
            )
            self.assertEqual(self.url_open(template.website_url).status_code, 200)

    def test_contract_page_pages_through_the_groups(self):
        self._contract_catalogue()
        self.patch(contract_controller, "CONTRACT_PAGE_SIZE", 2)
        page_1 = self._contract_sections(
            self._shop(self.free_buyer.login, "/shop/contract")
        )
        page_2 = self._contract_sections(
            self._shop(self.free_buyer.login, "/shop/contract/page/2")
        )
        page_3 = self._contract_sections(
            self._shop(self.free_buyer.login, "/shop/contract/page/3")
        )
        self.assertEqual(
            page_1, [("Agreed Tools Shelf", ["Agreed Torque Wrench", "Bolt Box M8"])]
        )
        self.assertEqual(
            page_2,
            [
                ("Agreed Tools Shelf / Sockets", ["Socket Set 3/8"]),
                ("Contract tools", ["Safety Gloves"]),
            ],
        )
        self.assertEqual(page_3, [("Contract tools / Fasteners", ["Hex Bolts M10"])])

    def test_contract_groups_read_in_a_bounded_number_of_queries(self):
        website = self.env["website"].get_current_website()
        Template = self.env["product.template"].with_user(self.free_buyer)
        Public = self.env["product.public.category"].with_user(self.free_buyer)

        def queries(templates):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            shown = [
                (category.display_name, group.mapped("name"))  # what the page shows
                for category, group in Public._group_contract_templates(
                    templates, website
                )
            ]
            self.assertTrue(shown)
            return self.cr.sql_log_count - before

        def add_shelves(count):
            # Per shelf: a product in an eCommerce sub-category and one with only
            # an internal category of its own.
            for _index in range(count):
                parent = self.env["product.public.category"].create({"name": "Shelf"})
                child = self.env["product.public.category"].create(
                    {"name": "Drawer", "parent_id": parent.id}
                )
                internal = self.env["product.category"].create(
                    {"name": "Bin", "parent_id": self.category.id}
                )
                self.env["product.product"].create(
                    [
                        {
                            "name": "Item",
                            "categ_id": self.category.id,
                            "public_categ_ids": [Command.set(child.ids)],
                            "is_published": True,
                        },
                        {
                            "name": "Loose item",
                            "categ_id": internal.id,
                            "is_published": True,
                        },
                    ]
                )
            templates = Template.search([("categ_id", "child_of", self.category.id)])
            queries(templates)  # warm the caches of access rules
            return templates, queries(templates)

        self._contract_catalogue()
        few, count_few = add_shelves(2)
        many, count_many = add_shelves(10)
        self.assertGreaterEqual(len(many), 3 * len(few))
        self.assertEqual(
            len(Public._group_contract_templates(many, website)),
            len(Public._group_contract_templates(few, website)) + 20,
        )
        self.assertLessEqual(count_many, count_few)

    def test_contract_page_needs_an_assortment(self):
        self.customer.specific_property_product_pricelist = False
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        self.assertEqual(self.url_open("/shop/contract").status_code, 404)
        self.authenticate(None, None)
        response = self.url_open("/shop/contract")
        self.assertIn("/web/login", response.url)

    def test_outside_lines_carry_a_badge_for_the_approver(self):
        self.buyer.partner_id.approval_mode = "outside_assortment"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.buyer.partner_id.id,
                "order_line": [
                    Command.create({"product_id": self.agreed.id}),
                    Command.create({"product_id": self.gadget.id}),
                ],
            }
        )
        order.with_user(self.buyer).action_submit_for_customer_approval()
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self.url_open(f"/my/approvals/{order.id}").text
        self.assertEqual(page.count("o_outside_assortment"), 1)
        self.assertIn(f'name="refuse_{order.order_line[1].id}"', page)
        self.assertNotIn(f'name="refuse_{order.order_line[0].id}"', page)
        # Line-level release from the page.
        self.url_open(
            f"/my/approvals/{order.id}/approve",
            data={
                f"refuse_{order.order_line[1].id}": "1",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.order_line.product_id, self.agreed)

    @tour
    def test_restricted_buyer_shop_tour(self):
        self.start_tour(
            "/shop", "customer_approval_contract_shop", login=self.restricted.login
        )
