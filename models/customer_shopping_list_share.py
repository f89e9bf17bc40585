# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerShoppingListShare(models.Model):
    """A colleague a shopping list is shared with, to read or to edit it."""

    _name = "customer.shopping.list.share"
    _description = "Colleague of a shared shopping list"
    _order = "list_id, id"

    list_id = fields.Many2one(
        "customer.shopping.list", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Colleague", required=True, index=True, ondelete="cascade"
    )
    can_edit = fields.Boolean(string="May edit")

    _unique_partner = models.Constraint(
        "UNIQUE(list_id, partner_id)",
        "A colleague is named only once on a shopping list.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        shares = super().create(vals_list)
        shares.list_id._check_edit_access(manage=True)
        return shares

    def write(self, vals):
        self.list_id._check_edit_access(manage=True)
        result = super().write(vals)
        self.list_id._check_edit_access(manage=True)
        return result

    def unlink(self):
        self.list_id._check_edit_access(manage=True)
        return super().unlink()
