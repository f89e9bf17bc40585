# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.fields import Domain


class Website(models.Model):
    _inherit = "website"

    def sale_product_domain(self):
        # The shop's listing, search, suggestions, accessories and alternatives all
        # start from this domain: a buyer limited to the contract assortment sees
        # only its products there.
        domain = super().sale_product_domain()
        restriction = self._get_shop_partner()._get_shop_restriction_domain()
        if restriction is None:
            return domain
        return Domain(domain) & restriction
