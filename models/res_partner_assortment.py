# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A person's contract assortment: which products they see and may order."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    contract_assortment_id = fields.Many2one(
        "product.pricelist",
        string="Contract assortment",
        compute="_compute_contract_assortment_id",
        help="The pricelist of the customer company, when it is flagged as a contract "
        "assortment: its rules name the agreed products.",
    )

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_contract_assortment_id(self):
        for partner in self:
            partner.contract_assortment_id = partner._get_contract_assortment()

    def _get_contract_assortment(self):
        """The contract pricelist of this person's company (the pricelist Odoo
        uses for the company and its contacts), or an empty recordset. Read as the
        superuser: a buyer may not read pricelists, but their own assortment is
        theirs to use."""
        self.ensure_one()
        pricelist = self.sudo().commercial_partner_id.property_product_pricelist
        return pricelist if pricelist.is_contract_assortment else pricelist.browse()

    def _get_contract_assortment_domain(self, model="product.product"):
        """The products this person's company agreed on, as a domain on ``model``.
        Nothing when the company has no contract assortment."""
        self.ensure_one()
        return self._get_contract_assortment()._get_contract_assortment_domain(model)

    def _get_shop_restriction_domain(self, model="product.template"):
        """The extra domain of the shop for this person: their contract assortment
        when they see only it, else None (no restriction)."""
        self.ensure_one()
        if not self.contract_assortment_only:
            return None
        return self._get_contract_assortment_domain(model)

    def _get_contract_assortment_shop_domain(self, website):
        """The products of /shop/contract: the shop's own domain within the
        assortment."""
        self.ensure_one()
        return Domain(website.sale_product_domain()) & (
            self._get_contract_assortment_domain("product.template")
        )

    def _filter_shop_templates(self, templates):
        """The part of ``templates`` this person may see in the shop (all of them
        unless they see only their contract assortment), in one query."""
        self.ensure_one()
        restriction = self._get_shop_restriction_domain()
        if restriction is None or not templates:
            return templates
        visible = (
            templates.sudo()
            .with_context(active_test=False)
            .search(Domain("id", "in", templates.ids) & restriction)
        )
        return templates.browse(visible.ids)

    def _get_products_outside_contract_assortment(self, products):
        """The part of ``products`` (``product.product``) outside this person's
        contract assortment, in one query."""
        self.ensure_one()
        inside = self._get_contract_assortment()._filter_contract_assortment(products)
        return products - inside

    def _check_contract_assortment_products(self, products):
        """Refuse products outside the assortment of a person who may order only
        inside it (the shop, the cart and RPC all end here)."""
        self.ensure_one()
        if not self.contract_assortment_only:
            return
        outside = self._get_products_outside_contract_assortment(products)
        if outside:
            raise UserError(
                _(
                    "%(products)s cannot be ordered: your account orders only from "
                    "the contract assortment of %(company)s.",
                    products=", ".join(outside.mapped("display_name")),
                    company=self.commercial_partner_id.display_name,
                )
            )
