# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError

# The models whose refusals a portal user reads in the addon's words.
ORDER_MODELS = ("sale.order", "sale.order.line")


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """A portal user (or an RPC client with their key) refused an order by
        a record rule reads the addon's sentence, never Odoo's generic one, and
        nothing of the order or its company; the vendor's staff keep Odoo's
        detailed message. Every path of the ORM (a read, a write, a method
        called on the order) builds its refusal here."""
        error = super()._make_access_error(operation, records)
        if records._name in ORDER_MODELS and not self.env.su and self.env.user.share:
            return AccessError(
                self.env._(
                    "You may not open or change this order: it is neither yours "
                    "nor waiting for your approval."
                )
            )
        return error
