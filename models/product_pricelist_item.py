# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# What a rule covers depends on these fields.
ASSORTMENT_RULE_FIELDS = {
    "pricelist_id",
    "applied_on",
    "categ_id",
    "product_tmpl_id",
    "product_id",
    "date_start",
    "date_end",
}


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    # The rules of a contract pricelist are its assortment: a change of any rule
    # rebuilds the assortment's rows and drops the domains kept for the
    # transaction.
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._rebuild_contract_assortments(rules.pricelist_id)
        return rules

    def write(self, vals):
        if not ASSORTMENT_RULE_FIELDS.intersection(vals):
            return super().write(vals)
        before = self.pricelist_id
        result = super().write(vals)
        self._rebuild_contract_assortments(before | self.pricelist_id)
        return result

    def unlink(self):
        pricelists = self.pricelist_id
        result = super().unlink()
        self._rebuild_contract_assortments(pricelists)
        return result

    @api.model
    def _rebuild_contract_assortments(self, pricelists):
        self.env["product.pricelist"]._invalidate_contract_assortment_cache()
        contract = pricelists.sudo().filtered("is_contract_assortment")
        if contract:
            self.env["product.pricelist.assortment.entry"]._rebuild(contract.ids)
