# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's reference: their own purchase-order number (Odoo's customer
reference) and, where their company asks for it, a cost centre."""

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

MAX_REFERENCE_LENGTH = 64


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_cost_centre = fields.Char(
        string="Cost centre",
        copy=False,
        index="trigram",
        help="The cost centre of the customer that this order is booked on, given "
        "by the buyer at checkout.",
    )
    customer_asks_cost_centre = fields.Boolean(
        related="partner_id.commercial_partner_id.ask_cost_centre",
        string="Customer asks for a cost centre",
    )

    def _set_customer_reference(self, reference, cost_centre=None):
        """Store the buyer's purchase-order number and cost centre given at
        checkout, while the order is still the buyer's cart.

        :return: {field: error}; nothing is written when there are errors.
        """
        self.ensure_one()
        # The buyer, or who orders for them (ordering on behalf).
        if (
            self.env.user.share
            and self.env.user.partner_id
            not in (self.partner_id | self.placed_by_partner_id)
        ) or self._customer_approval_placer_lost_right():
            raise AccessError(_("Only the buyer of order %s may do this.", self.name))
        if self.state != "draft" or (self.approval_state or "none") == "waiting":
            raise UserError(
                _("The reference of order %s can no longer change.", self.name)
            )
        errors = {}
        values = {"client_order_ref": (reference or "").strip() or False}
        if self.partner_id.commercial_partner_id.ask_cost_centre:
            values["customer_cost_centre"] = (cost_centre or "").strip() or False
        for field, value in values.items():
            if value and len(value) > MAX_REFERENCE_LENGTH:
                errors[field] = _("Use at most %s characters.", MAX_REFERENCE_LENGTH)
        if not errors:
            self.sudo().write(values)
        return errors
