# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

import odoo
from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_delivery_addresses import DeliveryAddressCase


class TestAddressBookRules(DeliveryAddressCase):
    """What a buyer may add and edit, whatever the path (the models decide)."""

    def _as(self, user):
        # Odoo's address forms write as superuser, in the buyer's request.
        return self.env["res.partner"].with_user(user).sudo()

    def test_an_address_a_buyer_adds_is_their_own(self):
        fay = self.free_buyer.partner_id
        address = self._as(self.free_buyer).create(
            dict(
                self._shop_address(),
                name="Fay's cabin",
                parent_id=self.customer.id,
                type="delivery",
            )
        )
        self.assertEqual(address.parent_id, fay)
        self.assertNotIn(address, fay._get_company_delivery_addresses())
        self.assertNotIn(
            address, self.buyer.partner_id._get_allowed_delivery_addresses()
        )
        # A customer admin adds the company's addresses.
        depot = self._as(self.admin).create(
            {"name": "Depot", "parent_id": self.customer.id, "type": "delivery"}
        )
        self.assertEqual(depot.parent_id, self.customer)

    def test_a_buyer_never_moves_the_company_nor_their_own_contact(self):
        bob = self.buyer.partner_id
        for partner in (bob, self.customer, self.warehouse):
            with self.subTest(partner=partner.name):
                with self.assertRaises(UserError):
                    partner.with_user(self.buyer).sudo().write(
                        {"street": "Elsewhere 9"}
                    )
        # The external API (no superuser there) gets no further.
        with self.assertRaises(UserError):
            bob.with_user(self.buyer).write({"street": "Elsewhere 9"})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.buyer).create(
                {"name": "Mine", "parent_id": self.customer.id, "type": "delivery"}
            )
        self.assertEqual(self.customer.street, "Storgatan 1")
        self.assertEqual(bob.street, "Storgatan 1")
        # Nor renames the company or its addresses (Odoo's /my/account would
        # rename the company after its "company name" field).
        for partner in (self.customer, self.warehouse):
            with self.subTest(partner=partner.name), self.assertRaises(UserError):
                partner.with_user(self.buyer).sudo().write({"name": "Renamed"})
        # Nothing moved: the same address, a new phone number, is fine; so is
        # their own name.
        bob.with_user(self.buyer).sudo().write(
            {"street": "Storgatan 1", "phone": "+46 40 765 43 21", "name": "Bob B."}
        )
        self.assertEqual(bob.phone, "+46 40 765 43 21")
        self.assertEqual(bob.name, "Bob B.")
        # Their own addresses are theirs to edit, never to hand to the company.
        home = self._as(self.buyer).create(
            {"name": "Bob's home", "parent_id": bob.id, "type": "delivery"}
        )
        home.with_user(self.buyer).sudo().write({"street": "Hemvägen 1"})
        self.assertEqual(home.street, "Hemvägen 1")
        with self.assertRaises(UserError):
            home.with_user(self.buyer).sudo().write({"parent_id": self.customer.id})
        # A customer admin moves the company.
        self.customer.with_user(self.admin).sudo().write({"street": "Hamngatan 2"})
        self.assertEqual(self.customer.street, "Hamngatan 2")

    def test_an_allowed_list_without_active_address_allows_none(self):
        fay = self.free_buyer.partner_id
        self.warehouse.active = False
        fay.invalidate_recordset()
        self.assertFalse(fay._get_allowed_delivery_addresses())
        order = self._create_order(self.free_buyer)
        order.partner_shipping_id = self.site
        self.assertFalse(order._customer_delivery_address_is_allowed())
        self.customer.delivery_address_policy = "refuse"
        self.assertTrue(order._customer_delivery_address_error())
        # Restored, it is allowed again.
        self.warehouse.active = True
        self.assertEqual(fay._get_allowed_delivery_addresses(), self.warehouse)


@tagged("post_install", "-at_install")
class TestAddressBookPortal(HttpCase, DeliveryAddressCase):
    """Odoo's /my/addresses and the shop's address form, for a buyer."""

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _address(self, **values):
        return dict(
            {
                "name": "Somewhere",
                "email": "somewhere@acme.example",
                "phone": "+46 40 000 00 00",
                "street": "Hemvägen 3",
                "city": "Lund",
                "zip": "222 22",
                "country_id": str(self.env.ref("base.se").id),
            },
            **values,
        )

    def test_my_addresses_adds_the_buyers_own_address(self):
        self.customer.delivery_address_policy = "refuse"
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        response = self.post(
            "/my/address/submit",
            **self._address(name="Fay's cabin", address_type="delivery"),
        )
        self.assertIn("redirectUrl", response.json())
        cabin = self.env["res.partner"].search([("name", "=", "Fay's cabin")])
        self.assertEqual(cabin.parent_id, self.free_buyer.partner_id)
        self.assertNotIn(cabin, self.admin.partner_id._get_team_delivery_addresses())
        order = self._create_order(self.free_buyer)
        order.partner_shipping_id = cabin
        self.assertTrue(order._customer_delivery_address_error())

    def test_a_buyer_does_not_rewrite_their_contact(self):
        bob = self.buyer.partner_id
        self.authenticate(self.buyer.login, self.buyer.login)
        # The shop's form needs a cart.
        order = self._create_order(self.buyer)
        order.website_id = self.website
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)
        for url, address_type in (
            ("/my/address/submit", "billing"),
            ("/shop/address/submit", "delivery"),
        ):
            with self.subTest(url=url):
                response = self.post(
                    url,
                    **self._address(
                        name=bob.name,
                        email=bob.email,
                        partner_id=str(bob.id),
                        address_type=address_type,
                    ),
                )
                self.assertNotIn("redirectUrl", response.text)
                self.assertIn("which your customer admins manage", response.text)
                self.assertEqual(bob.street, "Storgatan 1")
                self.assertEqual(self.customer.street, "Storgatan 1")

    def test_the_admin_sees_that_nothing_is_allowed(self):
        fay = self.free_buyer.partner_id
        self.warehouse.active = False
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open(f"/my/team/{fay.id}")
        self.assertIn("None of the company's delivery addresses", page.text)
        # Saving the page with nothing ticked keeps the archived address chosen:
        # it does not widen Fay to every address.
        self.post(
            "/my/team/save",
            member_id=str(fay.id),
            name=fay.name,
            email=fay.email,
            approval_mode="none",
            delivery_addresses_shown="1",
        )
        self.assertEqual(
            fay.with_context(active_test=False).allowed_delivery_address_ids,
            self.warehouse,
        )
        self.assertFalse(fay._get_allowed_delivery_addresses())

    def test_express_checkout_ships_to_the_buyers_own_address(self):
        self.customer.delivery_address_policy = "refuse"
        fay = self.free_buyer.partner_id
        order = self._create_order(self.free_buyer)
        order.website_id = self.website
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        self.session["sale_order_id"] = order.id
        odoo.http.root.session_store.save(self.session)

        def express(name, street):
            return {
                "name": name,
                "email": fay.email,
                "phone": "+46 40 123 45 67",
                "street": street,
                "city": "Malmö",
                "zip": "211 22",
                "country": "SE",
                "state": "",
            }

        response = self.url_open(
            "/shop/express_checkout",
            data=json.dumps(
                {
                    "params": {
                        "billing_address": express(fay.name, "Storgatan 1"),
                        "shipping_address": express("Fay's boat", "Kajen 9"),
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        boat = order.partner_shipping_id
        self.assertEqual((boat.name, boat.parent_id), ("Fay's boat", fay))
        self.assertEqual(self.customer.street, "Storgatan 1")
        self.assertTrue(order._customer_delivery_address_error())
