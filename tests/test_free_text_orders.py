# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


class FreeTextCase(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.is_published = True
        cls.hidden_product = cls.env["product.product"].create(
            {"name": "Ballpoint refill (unpublished)", "list_price": 5.0}
        )
        cls.buyer.partner_id.may_send_free_text_orders = True

    def _send(self, text="Ten blue folders, A4", user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.buyer)
            ._create_free_text_order(text)
        )

    def _orders_of(self, user):
        return self.env["sale.order"].search([("partner_id", "=", user.partner_id.id)])


class TestFreeTextOrders(FreeTextCase):
    """A request in words: it always waits for an approver, who chooses the
    products before approving it."""

    def test_a_free_text_order_waits_for_the_next_approver(self):
        order = self._send("  Ten blue folders\nA4, with labels  ")
        self.assertTrue(order.is_free_text_order)
        self.assertEqual(order.partner_id, self.buyer.partner_id)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertEqual(order.approval_reason_ids.mapped("code"), ["free_text"])
        self.assertIn("approver chooses the products", order.approval_reason_ids.name)
        self.assertEqual(
            order._get_free_text_request(), "Ten blue folders\nA4, with labels"
        )
        self.assertFalse(order._get_product_lines())
        self.assertEqual(order.approval_history_ids.decision, "submitted")

    def test_only_people_with_the_right_send_one(self):
        with self.assertRaises(AccessError):
            self._send(user=self.free_buyer)
        with self.assertRaises(UserError):
            self._send("   ")
        with self.assertRaises(UserError):
            self._send("x" * 2001)
        self.assertFalse(self._orders_of(self.free_buyer) | self._orders_of(self.buyer))

    def test_the_right_needs_somebody_who_decides(self):
        loner_company = self.env["res.partner"].create(
            {"name": "Loner AB", "is_company": True}
        )
        loner = self._create_sub_account("Lo Loner", company=loner_company)
        with self.assertRaises(ValidationError):
            loner.partner_id.may_send_free_text_orders = True

    def test_the_approver_adds_products_then_releases(self):
        order = self._send()
        with self.assertRaisesRegex(UserError, "add the products"):
            order.with_user(self.approver_1).action_customer_approve()
        name = order.with_user(self.approver_1).action_customer_add_product(
            str(self.product.id), "3"
        )
        self.assertEqual(name, self.product.display_name)
        line = order._get_product_lines()
        self.assertEqual(line.product_id, self.product)
        self.assertEqual(line.product_uom_qty, 3)
        # Priced as the shop prices it for the buyer: the order's pricelist.
        expected = (
            order.pricelist_id._get_product_price(self.product, 3.0)
            if order.pricelist_id
            else self.product.list_price
        )
        self.assertAlmostEqual(line.price_unit, expected)
        self.assertTrue(order.amount_total)
        step = order.approval_history_ids[-1]
        self.assertEqual(step.decision, "changed")
        self.assertEqual(step.approver_id, self.approver_1.partner_id)
        self.assertIn(self.product.display_name, step.comment)
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")

    def test_added_products_are_checked_on_the_server(self):
        order = self._send()
        as_approver = order.with_user(self.approver_1)
        for product_id, quantity in (
            (self.hidden_product.id, 1),  # not published
            ("abc", 1),
            (999999999, 1),
            (self.product.id, 0),
            (self.product.id, "-2"),
            (self.product.id, "lots"),
        ):
            with self.subTest(product_id=product_id, quantity=quantity):
                with self.assertRaises(UserError):
                    as_approver.action_customer_add_product(product_id, quantity)
        with self.assertRaises(AccessError):  # nobody decides their own order
            order.with_user(self.buyer).action_customer_add_product(self.product.id)
        stranger = self._create_sub_account(
            "Olga Other",
            company=self.env["res.partner"].create(
                {"name": "Other Corp", "is_company": True}
            ),
            is_customer_admin=True,
        )
        with self.assertRaises(AccessError):
            order.with_user(stranger).action_customer_add_product(self.product.id)
        self.assertFalse(order._get_product_lines())
        self.assertEqual(order.approval_history_ids.mapped("decision"), ["submitted"])
        # Only a free-text order gets new products.
        normal = self._create_order(self.buyer, amount=600)
        self._submit(normal)
        with self.assertRaises(UserError):
            normal.with_user(self.approver_1).action_customer_add_product(
                self.product.id
            )

    def test_a_buyer_limited_to_the_contract_gets_contract_products(self):
        agreed = self.env["product.product"].create(
            {"name": "Ballpoint pen (contract)", "list_price": 90, "is_published": True}
        )
        contract = self.env["product.pricelist"].create(
            {
                "name": "Acme contract",
                "is_contract_assortment": True,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": agreed.id,
                            "compute_price": "fixed",
                            "fixed_price": 80,
                        }
                    )
                ],
            }
        )
        self.customer.property_product_pricelist = contract
        self.buyer.partner_id.contract_assortment_only = True
        order = self._send()
        as_approver = order.with_user(self.approver_1)
        self.assertEqual(
            as_approver._get_products_for_free_text_order("Ballpoint"), agreed
        )
        with self.assertRaises(UserError):
            as_approver.action_customer_add_product(self.product.id)
        as_approver.action_customer_add_product(agreed.id, 2)
        self.assertEqual(order._get_product_lines().product_id, agreed)

    def test_product_search(self):
        order = self._send().with_user(self.approver_1)
        self.assertEqual(
            order._get_products_for_free_text_order("ballpoint"), self.product
        )
        self.assertFalse(order._get_products_for_free_text_order(""))
        normal = self._create_order(self.buyer).with_user(self.approver_1)
        self.assertFalse(normal._get_products_for_free_text_order("ballpoint"))


@tagged("post_install", "-at_install")
class TestFreeTextPortal(HttpCase, FreeTextCase):
    """/my/orders/free-text for the buyer, the product search and the add-product
    button of /my/approvals/<id> for the approver."""

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_the_buyer_sends_a_request(self):
        self.login(self.free_buyer)
        self.assertEqual(self.url_open("/my/orders/free-text").status_code, 404)
        self.assertNotIn("/my/orders/free-text", self.url_open("/my").text)
        self.login(self.buyer)
        self.assertIn("/my/orders/free-text", self.url_open("/my").text)
        page = self.url_open("/my/orders/free-text")
        self.assertEqual(page.status_code, 200)
        refused = self.post("/my/orders/free-text", request_text="  ")
        self.assertIn("Please describe what you need.", refused.text)
        self.assertFalse(self._orders_of(self.buyer))
        sent = self.post("/my/orders/free-text", request_text="Ten blue folders")
        order = self._orders_of(self.buyer)
        self.assertEqual(len(order), 1)
        self.assertIn(f"/my/orders/{order.id}", sent.url)
        self.assertIn("Waiting for approval", sent.text)
        self.assertIn("Ten blue folders", sent.text)
        self.assertTrue(order.website_id)

    def test_the_approver_searches_and_adds_products(self):
        order = self._send("Pens for the workshop")
        url = f"/my/approvals/{order.id}"
        self.login(self.buyer)
        self.assertEqual(
            self.url_open(url + "?product_search=Ballpoint").status_code, 404
        )
        self.assertEqual(
            self.post(url + "/add_product", product_id=self.product.id).status_code,
            404,
        )
        self.login(self.approver_1)
        page = self.url_open(url + "?product_search=Ballpoint").text
        self.assertIn("Pens for the workshop", page)
        self.assertIn(self.product.display_name, page)
        self.assertNotIn(self.hidden_product.display_name, page)
        self.assertIn(f"{url}/add_product", page)
        added = self.post(
            url + "/add_product", product_id=self.product.id, quantity="2"
        )
        self.assertIn("is added to the order", added.text)
        self.assertEqual(order._get_product_lines().product_uom_qty, 2)
        refused = self.post(url + "/add_product", product_id=self.hidden_product.id)
        self.assertIn("cannot be ordered", refused.text)
        self.assertEqual(len(order._get_product_lines()), 1)
