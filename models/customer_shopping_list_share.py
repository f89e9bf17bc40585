# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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

    @api.constrains("list_id", "partner_id")
    def _check_same_company(self):
        # The list's own constraint sees shares written through the list only; a
        # share created or changed on its own (over RPC) is checked here.
        for share in self.sudo():
            company = share.list_id.commercial_partner_id
            if share.partner_id.commercial_partner_id != company:
                raise ValidationError(
                    _(
                        "A shopping list can only be shared within the company of "
                        "its owner (%(company)s), not with %(person)s.",
                        company=company.display_name,
                        person=share.partner_id.display_name,
                    )
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
