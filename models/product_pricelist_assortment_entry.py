# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .product_pricelist_item import ASSORTMENT_RULE_FIELDS


class ProductPricelistAssortmentEntry(models.Model):
    """One product template of a contract assortment, with the validity of the
    rule that names it.

    The shop of a buyer limited to the assortment filters every listing, count,
    category tree and search by it. Built from thousands of rules, that filter
    was a list of thousands of ids that PostgreSQL planned again in each query,
    and checked against the whole catalogue. Kept as rows, it is an indexed
    sub-select whose cost follows the assortment, not the catalogue.

    The rows are derived data: rebuilt for a pricelist when its rules or its flag
    change, when products change category, and when categories move. Nobody
    edits them.
    """

    _name = "product.pricelist.assortment.entry"
    _description = "Product of a contract assortment"
    _log_access = False

    pricelist_id = fields.Many2one(
        "product.pricelist", required=True, ondelete="cascade"
    )
    product_tmpl_id = fields.Many2one(
        "product.template", required=True, ondelete="cascade", index=True
    )
    date_start = fields.Datetime()
    date_end = fields.Datetime()

    _pricelist_product_idx = models.Index("(pricelist_id, product_tmpl_id)")

    def init(self):
        # Install and upgrade: the rows of the assortments that already exist.
        self._rebuild()

    @api.model
    def _rebuild(self, pricelist_ids=None, template_ids=None):
        """Rebuild the rows of ``pricelist_ids`` (all contract assortments when
        None), for ``template_ids`` only when given, from their rules: category
        rules (with sub-categories), product rules, and variant rules (which put
        their template in the shop). A global rule needs no rows: it covers
        everything."""
        if (pricelist_ids is not None and not pricelist_ids) or (
            template_ids is not None and not template_ids
        ):
            return
        env = self.env
        env["product.pricelist.item"].flush_model(sorted(ASSORTMENT_RULE_FIELDS))
        env["product.pricelist"].flush_model(["is_contract_assortment"])
        env["product.template"].flush_model(["categ_id"])
        env["product.product"].flush_model(["product_tmpl_id"])
        env["product.category"].flush_model(["parent_path"])
        pricelist_scope = SQL("TRUE")
        if pricelist_ids is not None:
            pricelist_scope = SQL("item.pricelist_id = ANY(%s)", list(pricelist_ids))
        template_scope = SQL("TRUE")
        if template_ids is not None:
            template_scope = SQL("template.id = ANY(%s)", list(template_ids))
        self.env.cr.execute(
            SQL(
                "DELETE FROM product_pricelist_assortment_entry AS entry "
                "WHERE %s AND %s",
                SQL("entry.pricelist_id = ANY(%s)", list(pricelist_ids))
                if pricelist_ids is not None
                else SQL("TRUE"),
                SQL("entry.product_tmpl_id = ANY(%s)", list(template_ids))
                if template_ids is not None
                else SQL("TRUE"),
            )
        )
        self.env.cr.execute(
            SQL(
                """
            WITH item AS (
                SELECT item.*
                  FROM product_pricelist_item item
                  JOIN product_pricelist pricelist
                    ON pricelist.id = item.pricelist_id
                   AND pricelist.is_contract_assortment
                 WHERE %(pricelists)s
            )
            INSERT INTO product_pricelist_assortment_entry
                   (pricelist_id, product_tmpl_id, date_start, date_end)
            SELECT item.pricelist_id, template.id, item.date_start, item.date_end
              FROM item
              JOIN product_category rule_category ON rule_category.id = item.categ_id
              JOIN product_category category
                ON category.parent_path LIKE rule_category.parent_path || '%%'
              JOIN product_template template ON template.categ_id = category.id
             WHERE item.applied_on = '2_product_category' AND %(templates)s
             UNION
            SELECT item.pricelist_id, template.id, item.date_start, item.date_end
              FROM item
              JOIN product_template template ON template.id = item.product_tmpl_id
             WHERE item.applied_on = '1_product' AND %(templates)s
             UNION
            SELECT item.pricelist_id, template.id, item.date_start, item.date_end
              FROM item
              JOIN product_product variant ON variant.id = item.product_id
              JOIN product_template template ON template.id = variant.product_tmpl_id
             WHERE item.applied_on = '0_product_variant' AND %(templates)s
                """,
                pricelists=pricelist_scope,
                templates=template_scope,
            )
        )
        if self.env.cr.rowcount > 1000:
            # Fresh statistics, or PostgreSQL plans the shop's joins as if the
            # table were empty.
            self.env.cr.execute(SQL("ANALYZE product_pricelist_assortment_entry"))
        self.invalidate_model()
        env["product.pricelist"]._invalidate_contract_assortment_cache()

    @api.model
    def _rebuild_category_assortments(self, template_ids=None):
        """Rebuild the assortments that name categories (for ``template_ids``
        only, when given): what such a rule covers changes with the products'
        categories and with the category tree."""
        self.env["product.pricelist.item"].flush_model(["applied_on", "pricelist_id"])
        self.env.cr.execute(
            SQL(
                """
            SELECT DISTINCT item.pricelist_id
              FROM product_pricelist_item item
              JOIN product_pricelist pricelist
                ON pricelist.id = item.pricelist_id
               AND pricelist.is_contract_assortment
             WHERE item.applied_on = '2_product_category'
                """
            )
        )
        pricelist_ids = [row[0] for row in self.env.cr.fetchall()]
        if pricelist_ids:
            self._rebuild(pricelist_ids, template_ids)

    @api.model
    def _subselect_templates(self, pricelist, now):
        """The templates of ``pricelist``'s assortment whose rule is valid at
        ``now``, as a sub-select for the shop's queries."""
        return SQL(
            """
            SELECT entry.product_tmpl_id
              FROM product_pricelist_assortment_entry entry
             WHERE entry.pricelist_id = %(pricelist)s
               AND (entry.date_start IS NULL OR entry.date_start <= %(now)s)
               AND (entry.date_end IS NULL OR entry.date_end >= %(now)s)
            """,
            pricelist=pricelist.id,
            now=now,
        )
