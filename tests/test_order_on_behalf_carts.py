# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase, PaymentMixin


@tagged("post_install", "-at_install")
class TestOrderOnBehalfCarts(HttpCase, PaymentMixin, CustomerApprovalCase):
    """Ordering on behalf keeps carts apart: the buyer's own cart, the cart a
    colleague fills for them, and that colleague's own cart are three carts,
    and each stays its owner's, through the shop's own routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payment()
        cls.product.write({"website_published": True})
        cls.admin_2 = cls._create_sub_account("Ann Admin", is_customer_admin=True)
        (
            cls.customer
            | cls.buyer.partner_id
            | cls.admin.partner_id
            | cls.admin_2.partner_id
            | cls.approver_1.partner_id
        ).write(cls._shop_address())

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _login(self, user):
        """A new session of ``user``, as after a new log-in."""
        self.authenticate(user.login, user.login)

    def _order_for(self, user, person):
        """``user`` logs in and orders for ``person`` (a user)."""
        self._login(user)
        return self.post("/my/order-for", person_id=person.partner_id.id)

    def _add_to_cart(self, quantity=1):
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.product.product_tmpl_id.id,
                "product_id": self.product.id,
                "quantity": quantity,
            },
        )
        self.env.invalidate_all()

    def _carts(self, partner):
        return self.env["sale.order"].search(
            [("partner_id", "=", partner.id), ("state", "=", "draft")]
        )

    def _cart_of(self, partner, placer=False):
        carts = self._carts(partner).filtered(
            lambda cart: cart.placed_by_partner_id.id == (placer and placer.id)
        )
        self.assertLessEqual(len(carts), 1, carts)
        return carts

    def _on_behalf_cart(self, placer, person, quantity=3):
        response = self._order_for(placer, person)
        self.assertIn("o_order_for_banner", response.text)
        self._add_to_cart(quantity)
        cart = self._cart_of(person.partner_id, placer.partner_id)
        self.assertEqual(cart.order_line.product_uom_qty, quantity)
        return cart

    # ------------------------------------------------------------------
    # 1. The buyer's own cart survives a colleague's cart for them
    # ------------------------------------------------------------------
    def _check_buyer_keeps_their_own_cart(self, placer):
        self._login(self.buyer)
        self._add_to_cart(1)
        own = self._cart_of(self.buyer.partner_id)
        self.assertEqual(own.order_line.product_uom_qty, 1)
        on_behalf = self._on_behalf_cart(placer, self.buyer)
        # Bob logs in again: his next add goes to his own cart.
        self._login(self.buyer)
        self._add_to_cart(1)
        self.assertEqual(self._cart_of(self.buyer.partner_id), own)
        self.assertEqual(own.order_line.product_uom_qty, 2)
        page = self.url_open("/shop/cart").text
        self.assertIn(f'data-order-id="{own.id}"', page)
        self.assertNotIn(f'data-order-id="{on_behalf.id}"', page)
        # The colleague's cart is left alone, and stays theirs.
        self.assertEqual(on_behalf.order_line.product_uom_qty, 3)
        self.assertEqual(on_behalf.partner_id, self.buyer.partner_id)
        self._order_for(placer, self.buyer)
        self._add_to_cart(1)
        self.assertEqual(on_behalf.order_line.product_uom_qty, 4)
        self.assertEqual(own.order_line.product_uom_qty, 2)

    def test_buyer_keeps_their_own_cart_when_the_admin_orders_for_them(self):
        self._check_buyer_keeps_their_own_cart(self.admin)

    def test_buyer_keeps_their_own_cart_when_the_approver_orders_for_them(self):
        self._check_buyer_keeps_their_own_cart(self.approver_1)

    def test_buyer_without_own_cart_gets_a_new_one_not_the_colleagues(self):
        on_behalf = self._on_behalf_cart(self.admin, self.buyer)
        self._login(self.buyer)
        self._add_to_cart(1)
        own = self._cart_of(self.buyer.partner_id)
        self.assertTrue(own)
        self.assertNotEqual(own, on_behalf)
        # A second request of the same session finds the same cart.
        self._add_to_cart(1)
        self.assertEqual(own.order_line.product_uom_qty, 2)
        self.assertEqual(on_behalf.order_line.product_uom_qty, 3)

    # ------------------------------------------------------------------
    # 2. The placer loses the right to order for the buyer
    # ------------------------------------------------------------------
    def _lose_right(self, how):
        admin = self.admin.partner_id
        if how == "admin flag removed":
            admin.is_customer_admin = False
        elif how == "moved to another company":
            other = self.env["res.partner"].create(
                {"name": "Elsewhere AB", "is_company": True}
            )
            admin.parent_id = other
        elif how == "archived":
            self.admin.active = False
            admin.active = False
        self.env.invalidate_all()

    def _check_no_longer_theirs(self, placer, cart, quantity=3):
        """``placer`` (logged in, their session still in the mode) cannot add to,
        submit or pay ``cart`` any more, which stays its buyer's."""
        buyer = self.buyer.partner_id
        self._add_to_cart(1)
        self.assertEqual(cart.order_line.product_uom_qty, quantity)
        self.assertEqual(cart.partner_id, buyer, "the cart stays the buyer's")
        self.assertEqual(cart.placed_by_partner_id, placer.partner_id)
        own = self._cart_of(placer.partner_id)
        self.assertEqual(own.order_line.product_uom_qty, 1)
        self.assertNotIn("o_order_for_banner", self.url_open("/shop/cart").text)
        # The shop's submission works on the placer's own cart, not this one.
        self.post("/shop/submit_for_approval")
        self.assertEqual(cart.approval_state or "none", "none")
        self.assertEqual(cart.state, "draft")
        # Nor by the model (RPC), nor by a payment.
        with self.assertRaises(AccessError):
            cart.with_user(placer).action_submit_for_customer_approval()
        with self.assertRaises(ValidationError):
            self.env["payment.transaction"].with_user(placer).sudo().create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.payment_method.id,
                    "amount": cart.amount_total,
                    "currency_id": cart.currency_id.id,
                    "partner_id": buyer.id,
                    "sale_order_ids": [Command.set(cart.ids)],
                }
            )
        with self.assertRaises(AccessError):
            cart.with_user(placer)._set_customer_reference("PO-1")
        self.assertFalse(cart.transaction_ids)
        self.assertEqual(cart.partner_id, buyer)

    def test_admin_who_loses_the_flag_no_longer_works_on_the_cart(self):
        cart = self._on_behalf_cart(self.admin, self.buyer)
        # Still theirs while they may order for Bob: they may pay it.
        self._lose_right("admin flag removed")
        self._check_no_longer_theirs(self.admin, cart)

    def test_admin_moved_to_another_company_no_longer_works_on_the_cart(self):
        cart = self._on_behalf_cart(self.admin, self.buyer)
        self._lose_right("moved to another company")
        self._check_no_longer_theirs(self.admin, cart)

    def test_archived_placer_no_longer_works_on_the_cart(self):
        cart = self._on_behalf_cart(self.admin, self.buyer)
        self._lose_right("archived")
        with self.assertRaises(AccessError):
            cart.with_user(self.admin).action_submit_for_customer_approval()
        self.assertEqual(cart.partner_id, self.buyer.partner_id)
        self.assertEqual(cart.approval_state or "none", "none")

    def test_approver_no_longer_next_approver_no_longer_works_on_the_cart(self):
        cart = self._on_behalf_cart(self.approver_1, self.buyer, quantity=7)
        self.buyer.partner_id.next_approver_id = self.approver_2.partner_id
        self.env.invalidate_all()
        self._check_no_longer_theirs(self.approver_1, cart, quantity=7)

    def test_placer_who_keeps_the_right_still_submits(self):
        cart = self._on_behalf_cart(self.admin, self.buyer, quantity=7)
        self.post("/shop/submit_for_approval")
        self.assertEqual(cart.approval_state, "waiting")

    # ------------------------------------------------------------------
    # 3. The placer's own shopping goes to their own cart
    # ------------------------------------------------------------------
    def test_placer_back_to_their_own_cart(self):
        self._login(self.admin)
        self._add_to_cart(2)
        own = self._cart_of(self.admin.partner_id)
        # Ann, another customer admin, fills a cart for Ada meanwhile.
        for_ada = self._on_behalf_cart(self.admin_2, self.admin)
        # Ada orders for Bob, then for herself again: her own cart.
        for_bob = self._on_behalf_cart(self.admin, self.buyer)
        self.post("/my/order-for/stop")
        self._add_to_cart(1)
        self.assertEqual(own.order_line.product_uom_qty, 3)
        self.assertEqual(for_bob.order_line.product_uom_qty, 3)
        self.assertEqual(for_ada.order_line.product_uom_qty, 3)
        self.assertEqual(for_ada.placed_by_partner_id, self.admin_2.partner_id)
        # A new session of Ada: her own cart again.
        self._login(self.admin)
        self._add_to_cart(1)
        self.assertEqual(own.order_line.product_uom_qty, 4)
        self.assertEqual(len(self._carts(self.admin.partner_id)), 2)
