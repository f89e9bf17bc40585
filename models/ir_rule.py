# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError

# The models whose refusals a portal user reads in the addon's words.
ORDER_MODELS = ("sale.order", "sale.order.line")
# Contract assortments: a customer's prices are refused to everybody else.
PRICELIST_MODELS = ("product.pricelist", "product.pricelist.item")


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """A portal or public user (or an RPC client with their key) refused an
        order or a contract price list by a record rule reads the addon's
        sentence, never Odoo's generic one, and nothing of the record or its
        company; the vendor's staff keep Odoo's
        detailed message. Every path of the ORM (a read, a write, a method
        called on the order) builds its refusal here."""
        error = super()._make_access_error(operation, records)
        if self.env.su or not self.env.user.share:
            return error
        if records._name in ORDER_MODELS:
            return AccessError(
                self.env._(
                    "You may not open or change this order: it is neither yours "
                    "nor waiting for your approval."
                )
            )
        if records._name in PRICELIST_MODELS:
            return AccessError(
                self.env._(
                    "You may not read this price list: its contract prices are "
                    "not yours."
                )
            )
        return error
