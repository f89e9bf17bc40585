# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerShoppingListLine(models.Model):
    _name = "customer.shopping.list.line"
    _description = "Line of a shopping list"
    _order = "list_id, sequence, id"

    list_id = fields.Many2one(
        "customer.shopping.list", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(line.quantity <= 0 for line in self):
            raise ValidationError(_("The quantity of a list line must be above zero."))

    def _check_product_access(self):
        """A sub-account puts on a list only products they may read (published
        ones): a list never reveals other products by their posted ids."""
        if self.list_id._is_checked_user():
            self.product_id.check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.list_id._check_edit_access()
        lines._check_product_access()
        return lines

    def write(self, vals):
        self.list_id._check_edit_access()
        result = super().write(vals)
        if "list_id" in vals:
            self.list_id._check_edit_access()
        if "product_id" in vals:
            self._check_product_access()
        return result

    def unlink(self):
        self.list_id._check_edit_access()
        return super().unlink()
