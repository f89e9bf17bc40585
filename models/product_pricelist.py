# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.fields import Domain

# Keys of the per-transaction caches in ``cr.cache``: the assortment domains, and
# the eCommerce categories holding products of each assortment.
ASSORTMENT_CACHE_KEY = "website_sale_customer_approval.assortment_domains"
CATEGORIES_CACHE_KEY = "website_sale_customer_approval.assortment_categories"


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    is_contract_assortment = fields.Boolean(
        string="Contract assortment",
        help="The products named by the rules of this pricelist (variants, products, "
        "categories with their sub-categories, or all products for a global rule) are "
        "the agreed products of the customers who use it. Their sub-accounts can be "
        "limited to them, or need approval for anything else.",
    )
    contract_product_count = fields.Integer(
        string="Products in the assortment",
        compute="_compute_contract_product_count",
    )

    contract_partner_ids = fields.Many2many(
        "res.partner",
        string="Contract of",
        compute="_compute_contract_partner_ids",
        search="_search_contract_partner_ids",
        groups="base.group_user",
        help="The customer companies this contract assortment is set on.",
    )

    def _compute_contract_partner_ids(self):
        Partner = self.env["res.partner"].sudo()
        for pricelist in self:
            partners = Partner.browse()
            if pricelist.is_contract_assortment and pricelist.id:
                partners = Partner.search(
                    [("specific_property_product_pricelist", "=", pricelist.id)]
                ).commercial_partner_id
            pricelist.contract_partner_ids = partners

    def _search_contract_partner_ids(self, operator, value):
        # Read by the portal's record rules at each query, not kept with the
        # rules' cache: a customer's new contract is theirs at once.
        if operator != "in":
            return NotImplemented
        partners = self.env["res.partner"].sudo().browse(value).exists()
        pricelists = partners.commercial_partner_id.mapped(
            "specific_property_product_pricelist"
        )
        return [("id", "in", pricelists.filtered("is_contract_assortment").ids)]

    def _get_website_pricelists_domain(self, website):
        # A contract belongs to its customers: never one of the website's
        # pricelists offered to every visitor (its customers get it as their
        # own pricelist).
        return [
            *super()._get_website_pricelists_domain(website),
            ("is_contract_assortment", "=", False),
        ]

    def _compute_contract_product_count(self):
        Template = self.env["product.template"]
        for pricelist in self:
            pricelist.contract_product_count = (
                Template.search_count(
                    pricelist._get_contract_assortment_domain("product.template")
                )
                if pricelist.is_contract_assortment and pricelist.id
                else 0
            )

    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        # A contract assortment belongs to the customers it is set on: it is never
        # the fallback pricelist of the others.
        return [
            *super()._get_partner_pricelist_multi_search_domain_hook(company_id),
            ("is_contract_assortment", "=", False),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        pricelists = super().create(vals_list)
        pricelists._enable_pricelists_for_contract_assortments()
        self.env["product.pricelist.assortment.entry"]._rebuild(
            pricelists.filtered("is_contract_assortment").ids
        )
        return pricelists

    def write(self, vals):
        if "is_contract_assortment" in vals or "active" in vals:
            self._invalidate_contract_assortment_cache()
        result = super().write(vals)
        if "is_contract_assortment" in vals:
            self.env["product.pricelist.assortment.entry"]._rebuild(self.ids)
        if vals.get("is_contract_assortment"):
            self._enable_pricelists_for_contract_assortments()
        return result

    def _enable_pricelists_for_contract_assortments(self):
        """A contract assortment is the pricelist set on the customer company, which
        Odoo reads only with its "Pricelists" feature on: flagging a pricelist as a
        contract assortment turns the feature on, as its setting would."""
        if not self.filtered("is_contract_assortment"):
            return
        group = self.env.ref("product.group_product_pricelist")
        if self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return
        self.env.ref("base.group_user").sudo().write(
            {"implied_ids": [Command.link(group.id)]}
        )

    def action_view_contract_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "product.product_template_action"
        )
        action.update(
            {
                "name": _("Contract assortment: %s", self.display_name),
                # the rules' own domain: the client reads it as a list
                "domain": list(
                    self._build_contract_assortment_domain("product.template")
                ),
                "context": {"create": False},
            }
        )
        return action

    @api.model
    def _invalidate_contract_assortment_cache(self):
        self.env.cr.cache.pop(ASSORTMENT_CACHE_KEY, None)
        self.env.cr.cache.pop(CATEGORIES_CACHE_KEY, None)

    def _get_contract_assortment_domain(self, model="product.product"):
        """The products of the assortment, as a domain on ``model``
        (``product.product`` or ``product.template``).

        On templates (the shop's listings, categories and searches), an indexed
        sub-select of the assortment's rows (``product.pricelist.assortment.entry``);
        on variants (the few products of a cart or an order), the rules' own
        domain. Either is kept for the rest of the transaction (one request), and
        dropped when a rule changes. Rules are read as the superuser: the domain
        is data for the shop, not a disclosure of the pricelist. An empty
        recordset, or a pricelist that is no contract assortment, covers nothing.
        """
        if len(self) != 1 or not self.is_contract_assortment or not self.active:
            return Domain.FALSE
        cache = self.env.cr.cache.setdefault(ASSORTMENT_CACHE_KEY, {})
        key = (self.id, model, fields.Date.context_today(self))
        if key not in cache:
            if model == "product.template":
                cache[key] = self._build_contract_assortment_template_domain()
            else:
                cache[key] = self._build_contract_assortment_domain(model)
        return cache[key]

    def _build_contract_assortment_template_domain(self):
        now = fields.Datetime.now()
        has_global_rule = (
            self.env["product.pricelist.item"]
            .sudo()
            .search_count(
                self._valid_rules_domain(now) & Domain("applied_on", "=", "3_global"),
                limit=1,
            )
        )
        if has_global_rule:
            return Domain.TRUE
        return Domain(
            "id",
            "any!",
            self.env["product.pricelist.assortment.entry"]._subselect_templates(
                self, now
            ),
        )

    def _valid_rules_domain(self, now):
        return Domain(
            [
                ("pricelist_id", "=", self.id),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", now),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", now),
            ]
        )

    def _build_contract_assortment_domain(self, model):
        """The products named by the rules valid now, as a domain on ``model``
        built from the rules (one query reads them all)."""
        rules = (
            self.env["product.pricelist.item"]
            .sudo()
            .search_read(
                self._valid_rules_domain(fields.Datetime.now()),
                ["applied_on", "categ_id", "product_tmpl_id", "product_id"],
                load=None,
            )
        )
        categories, templates, variants = set(), set(), set()
        for rule in rules:
            if rule["applied_on"] == "3_global":
                return Domain.TRUE
            if rule["applied_on"] == "2_product_category" and rule["categ_id"]:
                categories.add(rule["categ_id"])
            elif rule["applied_on"] == "1_product" and rule["product_tmpl_id"]:
                templates.add(rule["product_tmpl_id"])
            elif rule["applied_on"] == "0_product_variant" and rule["product_id"]:
                variants.add(rule["product_id"])
        domains = []
        if categories:
            domains.append(Domain("categ_id", "child_of", sorted(categories)))
        if model == "product.template":
            # A template is in when one of its variants is: a plain id list is
            # cheaper for the shop's queries than a join on the variants.
            if variants:
                templates.update(
                    self.env["product.product"]
                    .sudo()
                    .with_context(active_test=False)
                    .browse(sorted(variants))
                    .product_tmpl_id.ids
                )
            if templates:
                domains.append(Domain("id", "in", sorted(templates)))
        else:
            if templates:
                domains.append(Domain("product_tmpl_id", "in", sorted(templates)))
            if variants:
                domains.append(Domain("id", "in", sorted(variants)))
        return Domain.OR(domains) if domains else Domain.FALSE

    def _filter_contract_assortment(self, products):
        """The part of ``products`` (``product.product``) inside the assortment, in
        one query; archived products named by a rule count as inside."""
        domain = self._get_contract_assortment_domain("product.product")
        if not products or domain.is_false():
            return products.browse()
        if domain.is_true():
            return products
        inside = (
            products.sudo()
            .with_context(active_test=False)
            .search(Domain("id", "in", products.ids) & domain)
        )
        return products.browse(inside.ids)
