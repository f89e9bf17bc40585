# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ordering on behalf: the shop's cart belongs to the person ordered for."""

from odoo import models
from odoo.addons.website_sale.models.website import (
    CART_SESSION_CACHE_KEY,
    PRICELIST_SESSION_CACHE_KEY,
)
from odoo.exceptions import MissingError
from odoo.http import request

# The id of the person the logged-in user orders for, kept in their session.
ORDER_FOR_SESSION_KEY = "customer_approval_order_for"


class Website(models.Model):
    _inherit = "website"

    def _get_order_for_partner(self):
        """The person the logged-in user orders for, checked again on every
        request (rights change); an empty recordset outside the mode."""
        partner = self.env.user.partner_id
        if not request or self.env.user._is_public():
            return partner.browse()
        person_id = request.session.get(ORDER_FOR_SESSION_KEY)
        if not person_id:
            return partner.browse()
        person = partner._get_order_for_person(person_id)
        if not person:
            request.session.pop(ORDER_FOR_SESSION_KEY, None)
        return person

    def _get_shop_partner(self):
        """Whose settings (contract assortment, approval) the shop applies: the
        person ordered for, else the logged-in person."""
        return self._get_order_for_partner() or self.env.user.partner_id

    def _set_order_for_partner(self, person):
        """Enter (``person``) or leave (empty) the mode. The carts of both stay as
        they are: the session forgets its cart and finds the right one again."""
        self.sale_reset()
        if person:
            request.session[ORDER_FOR_SESSION_KEY] = person.id
        else:
            request.session.pop(ORDER_FOR_SESSION_KEY, None)

    def _prepare_sale_order_values(self, partner_sudo):
        person = self._get_order_for_partner()
        if not person:
            return super()._prepare_sale_order_values(partner_sudo)
        values = super()._prepare_sale_order_values(person.sudo())
        # The person's own pricelist and fiscal position, computed from them.
        values.pop("pricelist_id", None)
        values.pop("fiscal_position_id", None)
        values["placed_by_partner_id"] = partner_sudo.id
        return values

    def _create_cart(self):
        cart = super()._create_cart()
        if cart.placed_by_partner_id:
            # The session's pricelist was the placer's: take the cart's from now on.
            request.session.pop(PRICELIST_SESSION_CACHE_KEY, None)
        return cart

    def _get_and_cache_current_cart(self):
        person = self._get_order_for_partner()
        if not person:
            self._pick_own_cart()
            cart = super()._get_and_cache_current_cart()
            if cart.placed_by_partner_id:
                # A cart somebody fills for another person is theirs only in
                # the mode (and never the other person's).
                request.session[CART_SESSION_CACHE_KEY] = False
                return cart.browse()
            return cart
        # On behalf: only a draft cart of this website for the person, placed by
        # the logged-in user.
        placer = self.env.user.partner_id
        SaleOrder = self.env["sale.order"].sudo()
        cart = SaleOrder.browse(request.session.get(CART_SESSION_CACHE_KEY) or [])
        cart = cart.exists()
        if not (
            cart
            and cart.state == "draft"
            and cart.website_id == self
            and cart.partner_id == person
            and cart.placed_by_partner_id == placer
        ):
            cart = SaleOrder.search(
                [
                    ("partner_id", "=", person.id),
                    ("placed_by_partner_id", "=", placer.id),
                    ("website_id", "=", self.id),
                    ("state", "=", "draft"),
                ],
                order="id desc",
                limit=1,
            )
            request.session[CART_SESSION_CACHE_KEY] = cart.id
            request.session["website_sale_cart_quantity"] = cart.cart_quantity
        return cart

    def _pick_own_cart(self):
        """Outside the mode, before website_sale picks the session's cart: the
        cart is the logged-in person's own, never one placed on behalf (by them
        for somebody, or by somebody for them).

        - The session still holds a cart placed on behalf (the placer left the
          mode by losing the right to order for its buyer): the session forgets
          it, so that website_sale neither rewrites its customer to the placer
          nor hands it to them; it stays its buyer's, as it was.
        - With no cart in the session, website_sale takes the person's newest
          draft cart; when that one is somebody's cart for them, the session
          gets their own cart instead (or none: a new one is created at the
          first add). The placer's cart for them stays the placer's.
        """
        user = self.env.user
        if not request or user._is_public():
            return
        SaleOrder = self.env["sale.order"].sudo()
        if CART_SESSION_CACHE_KEY in request.session:
            cart = SaleOrder.browse(request.session[CART_SESSION_CACHE_KEY] or [])
            try:
                # The fields website_sale reads next come in the same query.
                placed = bool(cart.placed_by_partner_id)
            except MissingError:
                return  # website_sale forgets it
            if not placed:
                return
            self.sale_reset()
        domain = [
            ("partner_id", "=", user.partner_id.id),
            ("website_id", "=", self.id),
            ("state", "=", "draft"),
        ]
        if SaleOrder.search(domain, limit=1).placed_by_partner_id:
            own = SaleOrder.search(
                [*domain, ("placed_by_partner_id", "=", False)], limit=1
            )
            request.session[CART_SESSION_CACHE_KEY] = own.id
            request.session["website_sale_cart_quantity"] = own.cart_quantity
