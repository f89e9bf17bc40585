# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    """19.0.1.6.0: orders know their customer company (the vendor's lists and
    reports group by it). The column is created and filled here, in one
    statement, so that the ORM does not compute it order by order."""
    if column_exists(cr, "sale_order", "customer_company_id"):
        return
    create_column(cr, "sale_order", "customer_company_id", "int4")
    cr.execute(
        """
        UPDATE sale_order
           SET customer_company_id = COALESCE(buyer.commercial_partner_id, buyer.id)
          FROM res_partner buyer
         WHERE buyer.id = sale_order.partner_id
        """
    )
