# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Free-text orders: a request in words that the approver fills with products."""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools.translate import LazyTranslate

from .sale_order import (
    FREE_TEXT_MAX_LENGTH,
    FREE_TEXT_SEARCH_LIMIT,
    format_quantity,
)

_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    is_free_text_order = fields.Boolean(
        string="Free-text order",
        copy=False,
        readonly=True,
        help="A request of the buyer written in words, without products: the "
        "approver chooses the products before approving it.",
    )

    free_text_request = fields.Text(
        compute="_compute_free_text_request",
        help="The buyer's words of a free-text order.",
    )

    @api.depends("is_free_text_order", "order_line.display_type", "order_line.name")
    def _compute_free_text_request(self):
        for order in self:
            order.free_text_request = (
                order._get_free_text_request() if order.is_free_text_order else False
            )

    @api.model
    def _create_free_text_order(self, request_text, order_values=None):
        """Create and submit the free-text order of the current user.

        :param request_text: what the buyer needs, in their words.
        :param order_values: values of a new order from the shop (pricelist,
            fiscal position, sales team, website); the buyer and the request are
            set here whatever they say.
        :return: the order, waiting for approval.
        """
        buyer = self.env.user.partner_id
        if self.env.user._is_public() or not buyer.may_send_free_text_orders:
            raise AccessError(_("You may not send free-text orders."))
        request_text = (request_text or "").strip()
        if not request_text:
            raise UserError(_("Please describe what you need."))
        if len(request_text) > FREE_TEXT_MAX_LENGTH:
            raise UserError(
                _(
                    "Please describe what you need in %s characters at most.",
                    FREE_TEXT_MAX_LENGTH,
                )
            )
        values = dict(order_values or {})
        values.update(
            {
                "partner_id": buyer.id,
                "is_free_text_order": True,
                "order_line": [
                    Command.create({"display_type": "line_note", "name": request_text})
                ],
            }
        )
        if not values.get("company_id"):
            values["company_id"] = self.env.company.id
        # Nothing is kept of a request that cannot be submitted.
        with self.env.cr.savepoint():
            order = self.sudo().create(values)
            order.action_submit_for_customer_approval()
        return order

    def _get_free_text_request(self):
        """The buyer's words of a free-text order."""
        self.ensure_one()
        notes = self.order_line.filtered(lambda line: line.display_type == "line_note")
        return "\n".join(notes.mapped("name"))

    def _get_products_for_free_text_order(self, search, limit=FREE_TEXT_SEARCH_LIMIT):
        """Products an approver may add to this free-text order: those its buyer
        could order in the shop (sellable, published on the order's website, within
        the buyer's contract assortment when the buyer sees only that)."""
        self.ensure_one()
        search = (search or "").strip()
        if not search or not self.is_free_text_order:
            return self.env["product.product"]
        domain = self._get_free_text_product_domain() & Domain.OR(
            [
                Domain("name", "ilike", search),
                Domain("default_code", "ilike", search),
            ]
        )
        return self.env["product.product"].sudo().search(domain, limit=limit)

    def _get_free_text_product_prices(self, products):
        """Unit prices of ``products`` for this order, all in one go."""
        self.ensure_one()
        if not self.pricelist_id:
            return {product.id: product.lst_price for product in products}
        return self.pricelist_id._get_products_price(
            products, 1.0, currency=self.currency_id
        )

    def _get_free_text_product_domain(self):
        self.ensure_one()
        domain = Domain(
            [
                ("sale_ok", "=", True),
                ("is_published", "=", True),
                ("website_id", "in", [False, self.website_id.id]),
                # the order's vendor sells only its own products (or shared ones)
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        restriction = self.partner_id._get_shop_restriction_domain("product.product")
        return domain if restriction is None else domain & restriction

    def action_customer_add_product(self, product_id, quantity=1):
        """The approver adds a product to a free-text order (posted values are
        checked here, never trusted)."""
        self.ensure_one()
        approver = self.env.user.partner_id
        self._customer_approval_lock()
        self._customer_approval_check_decider(approver)
        if not self.is_free_text_order:
            raise UserError(
                _("Products can be added only to a free-text order (%s).", self.name)
            )
        order = self.sudo()
        product = self.env["product.product"]
        if str(product_id).isdigit():
            product = (
                product.sudo()
                .browse(int(product_id))
                .exists()
                .filtered_domain(order._get_free_text_product_domain())
            )
        quantity = self._customer_approval_parse_quantity(quantity)
        if not product:
            raise UserError(_("This product cannot be ordered."))
        if not quantity:
            raise UserError(_("Please give a quantity above 0."))
        self._customer_approval_lock_spending()
        with self.env.cr.savepoint():
            order.write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": quantity}
                        )
                    ]
                }
            )
            # The approver's additions are checked as a buyer's would be: what
            # the company refuses never enters the order.
            if error := order._customer_approval_refusal():
                raise UserError(error)
            summary = _(
                "%(product)s added (%(quantity)s)",
                product=product.display_name,
                quantity=format_quantity(quantity),
            )
            order.write(
                {
                    "approval_history_ids": [
                        order._customer_approval_history_step(
                            "changed", approver, summary
                        )
                    ]
                }
            )
            order._customer_approval_log(
                _lt("Changed by %(approver)s.", approver=approver.name), summary
            )
            # The buyer learns what their request became.
            order._customer_approval_send_mail("changed", order.partner_id)
        return product.display_name
