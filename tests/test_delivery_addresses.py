# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

import odoo
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


class DeliveryAddressCase(CustomerApprovalCase):
    """Acme with two delivery addresses; Other Corp with one of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True, "type": "consu"})
        sweden = cls.env.ref("base.se").id
        address = {
            "street": "Storgatan 1",
            "phone": "+46 40 123 45 67",
            "city": "Malmö",
            "zip": "211 22",
            "country_id": sweden,
        }
        (cls.customer | cls.buyer.partner_id | cls.free_buyer.partner_id).write(address)
        cls.warehouse, cls.site = cls.env["res.partner"].create(
            [
                dict(address, name=name, parent_id=cls.customer.id, type="delivery")
                for name in ("Warehouse North", "Site South")
            ]
        )
        cls.other = cls.env["res.partner"].create(
            dict(address, name="Other Corp", is_company=True)
        )
        cls.other_address = cls.env["res.partner"].create(
            dict(address, name="Other depot", parent_id=cls.other.id, type="delivery")
        )
        cls.stranger = cls._create_sub_account(
            "Olga Owner", company=cls.other, is_customer_admin=True
        )
        # Fay orders without approval, restricted to the warehouse.
        cls.free_buyer.partner_id.allowed_delivery_address_ids = cls.warehouse


class TestDeliveryAddressRules(DeliveryAddressCase):
    def test_allowed_addresses(self):
        fay = self.free_buyer.partner_id
        self.assertEqual(fay._get_allowed_delivery_addresses(), self.warehouse)
        bob = self.buyer.partner_id
        self.assertEqual(
            bob._get_allowed_delivery_addresses(),
            self.warehouse | self.site | self.customer | bob,
        )
        # Another company's addresses are never theirs.
        self.assertNotIn(self.other_address, bob._get_checkout_delivery_addresses())
        self.assertNotIn(
            self.warehouse, self.stranger.partner_id._get_checkout_delivery_addresses()
        )

    def test_default_shipping_is_an_allowed_address(self):
        order = self._create_order(self.free_buyer)
        self.assertEqual(order.partner_shipping_id, self.warehouse)

    def test_allowed_addresses_belong_to_the_company(self):
        fay = self.free_buyer.partner_id
        for address in (self.other_address, self.buyer.partner_id):
            with self.subTest(address=address.name), self.assertRaises(ValidationError):
                fay.allowed_delivery_address_ids = address

    def test_address_outside_the_list_needs_approval(self):
        order = self._create_order(self.free_buyer)
        self.assertFalse(order._customer_approval_reasons())
        order.partner_shipping_id = self.site
        reasons = order._customer_approval_reasons()
        self.assertEqual([r["code"] for r in reasons], ["delivery_address"])
        name = self.env["sale.order.approval.reason"].new(reasons[0]).name
        self.assertEqual(
            name,
            "delivery to an address not allowed to Fay Free: Site South, "
            "Storgatan 1, 211 22 Malmö, Sweden",
        )
        self.assertTrue(order._customer_approval_gate_error(customer_side=True))
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.approval_reason_ids.delivery_address_id, self.site)
        self.assertIn("Fay Free: Site South", order.approval_reason_ids.name)

    def test_refuse_policy(self):
        self.customer.delivery_address_policy = "refuse"
        order = self._create_order(self.free_buyer)
        order.partner_shipping_id = self.site
        self.assertFalse(order._customer_approval_reasons())
        error = order._customer_approval_gate_error(customer_side=True)
        self.assertIn("Site South", error)
        with self.assertRaises(UserError):
            self._submit(order)
        self.assertEqual(order.approval_state or "none", "none")
        # Not offered at checkout either.
        self.assertEqual(
            self.free_buyer.partner_id._get_checkout_delivery_addresses(),
            self.warehouse,
        )

    def test_address_of_another_company_is_refused(self):
        order = self._create_order(self.buyer, amount=1000)
        order.partner_shipping_id = self.other_address
        self.assertIn(
            "not an address of Acme",
            order._customer_approval_gate_error(customer_side=True),
        )
        with self.assertRaises(UserError):
            self._submit(order)
        self.assertEqual(order.approval_state or "none", "none")

    def test_team_service_never_reaches_another_company(self):
        admin = self.admin.partner_id
        self.assertEqual(
            admin._get_team_delivery_addresses(), self.warehouse | self.site
        )
        self.assertFalse(admin._get_team_delivery_address(self.other_address.id))
        values = admin._check_team_values(
            {
                "name": "Fay Free",
                "email": self.free_buyer.login,
                "allowed_delivery_address_ids": [self.other_address.id],
            },
            self.free_buyer.partner_id,
        )
        self.assertIn("allowed_delivery_address_ids", values[2])


@tagged("post_install", "-at_install")
class TestDeliveryAddressPortal(HttpCase, DeliveryAddressCase):
    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _cart(self, user):
        order = self._create_order(user)
        order.website_id = self.website
        self.login(user)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        return order

    def test_admin_manages_the_company_addresses(self):
        self.login(self.admin)
        page = self.url_open("/my/team")
        self.assertIn("Warehouse North", page.text)
        self.assertNotIn("Other depot", page.text)
        response = self.post(
            "/my/team/addresses/save",
            name="Harbour gate",
            street="Kajen 2",
            city="Ystad",
            country_id=str(self.env.ref("base.se").id),
        )
        self.assertEqual(response.status_code, 200)
        new = self.env["res.partner"].search([("name", "=", "Harbour gate")])
        self.assertEqual((new.parent_id, new.type), (self.customer, "delivery"))
        self.post(f"/my/team/addresses/{new.id}/active", active="0")
        self.assertFalse(new.active)
        # Missing fields: nothing saved, the form comes back.
        response = self.post("/my/team/addresses/save", name="", street="", city="")
        self.assertIn("nothing was saved", response.text)

    def test_forged_address_ids_on_team_routes(self):
        self.login(self.admin)
        for url, data in (
            (f"/my/team/addresses/{self.other_address.id}", None),
            (f"/my/team/addresses/{self.other_address.id}/active", {"active": "0"}),
            (
                "/my/team/addresses/save",
                {"address_id": str(self.other_address.id), "name": "Mine now"},
            ),
        ):
            with self.subTest(url=url):
                if data is None:
                    response = self.url_open(url)
                else:
                    response = self.post(url, **data)
                self.assertEqual(response.status_code, 404)
        self.assertTrue(self.other_address.active)
        self.assertEqual(self.other_address.name, "Other depot")
        # Another company's address among the allowed ones: refused, nothing saved.
        fay = self.free_buyer.partner_id
        response = self.post(
            "/my/team/save",
            member_id=str(fay.id),
            name=fay.name,
            email=fay.email,
            approval_mode="none",
            delivery_addresses_shown="1",
            allowed_delivery_address_ids=str(self.other_address.id),
        )
        self.assertIn("Choose among the delivery addresses", response.text)
        self.assertEqual(fay.allowed_delivery_address_ids, self.warehouse)
        # A buyer is no customer admin.
        self.login(self.buyer)
        self.assertEqual(
            self.url_open(f"/my/team/addresses/{self.warehouse.id}").status_code, 404
        )

    def test_admin_chooses_the_allowed_addresses(self):
        self.login(self.admin)
        fay = self.free_buyer.partner_id
        page = self.url_open(f"/my/team/{fay.id}")
        self.assertIn('name="allowed_delivery_address_ids"', page.text)
        response = self.url_open(
            "/my/team/save",
            data=[
                ("csrf_token", http.Request.csrf_token(self)),
                ("member_id", str(fay.id)),
                ("name", fay.name),
                ("email", fay.email),
                ("approval_mode", "none"),
                ("delivery_addresses_shown", "1"),
                ("allowed_delivery_address_ids", str(self.warehouse.id)),
                ("allowed_delivery_address_ids", str(self.site.id)),
            ],
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(fay.allowed_delivery_address_ids, self.warehouse | self.site)

    def test_checkout_shows_only_the_allowed_addresses(self):
        self._cart(self.free_buyer)
        page = self.url_open("/shop/checkout")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Warehouse North", page.text)
        self.assertNotIn("Site South", page.text)
        self.assertNotIn("Other depot", page.text)
        # Another address may be typed: it needs approval (see the refusal below).
        delivery_list = page.text.split('id="delivery_address_list"')[1]
        self.assertIn("o_address_card_add_new", delivery_list.split("billing")[0])

    def _update_address(self, partner):
        return self.url_open(
            "/shop/update_address",
            data=json.dumps(
                {"params": {"partner_id": partner.id, "address_type": "delivery"}}
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    def test_forged_shipping_ids_at_checkout(self):
        order = self._cart(self.free_buyer)
        colleague_address = self.env["res.partner"].create(
            {
                "name": "Bob's home",
                "parent_id": self.buyer.partner_id.id,
                "type": "delivery",
            }
        )
        for forged in (self.other_address, colleague_address):
            with self.subTest(address=forged.name):
                self.assertIn("error", self._update_address(forged))
                order.invalidate_recordset()
                self.assertEqual(order.partner_shipping_id, self.warehouse)
        # A buyer does not edit the company's addresses.
        response = self.url_open(
            f"/shop/address?partner_id={self.warehouse.id}&address_type=delivery"
        )
        self.assertEqual(response.status_code, 403)

    def test_typed_address_is_the_buyers_own_and_needs_approval(self):
        order = self._cart(self.free_buyer)
        response = self.post(
            "/shop/address/submit",
            address_type="delivery",
            name="Fay at home",
            email="fay@home.example",
            phone="+46 40 000 00 00",
            street="Hemvägen 3",
            city="Lund",
            zip="222 22",
            country_id=str(self.env.ref("base.se").id),
        )
        self.assertIn("redirectUrl", response.json())
        order.invalidate_recordset()
        home = order.partner_shipping_id
        self.assertEqual(
            (home.name, home.parent_id), ("Fay at home", self.free_buyer.partner_id)
        )
        self.assertNotIn(home, self.admin.partner_id._get_team_delivery_addresses())
        page = self.url_open("/shop/payment")
        self.assertIn("Submit for approval", page.text)
        self.assertIn("delivery to an address not allowed to Fay Free", page.text)


@tagged("post_install", "-at_install")
class TestDeliveryAddressDemo(HttpCase):
    def test_demo_addresses(self):
        lars = self.env.ref("website_sale_customer_approval.partner_lars", False)
        if not lars:
            self.skipTest("no demo data")
        warehouse = self.env.ref(
            "website_sale_customer_approval.partner_fjord_warehouse_gothenburg"
        )
        self.assertEqual(lars._get_allowed_delivery_addresses(), warehouse)
        self.assertEqual(
            len(lars.commercial_partner_id._get_company_delivery_addresses()), 2
        )


@tagged("post_install", "-at_install")
class TestDeliveryAddressRefusedAtCheckout(HttpCase, DeliveryAddressCase):
    def test_refused_address_sends_the_buyer_back(self):
        self.customer.delivery_address_policy = "refuse"
        order = self._create_order(self.free_buyer)
        order.website_id = self.website
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        checkout = self.url_open("/shop/checkout")
        # No typing of another address where the company refuses them.
        delivery_list = checkout.text.split('id="delivery_address_list"')[1]
        delivery_list = delivery_list.split('id="billing_address_list"')[0]
        self.assertIn("Warehouse North", delivery_list)
        self.assertNotIn("o_address_card_add_new", delivery_list)
        self.assertNotIn("o_customer_delivery_error", checkout.text)
        # An address slipped onto the cart (the vendor, an old session): refused.
        order.partner_shipping_id = self.site
        response = self.url_open("/shop/payment")
        self.assertTrue(response.url.endswith("/shop/checkout"), response.url)
        self.assertIn("o_customer_delivery_error", response.text)
        self.assertIn("Site South", response.text)
