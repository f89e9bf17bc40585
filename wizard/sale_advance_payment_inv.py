# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleAdvancePaymentInv(models.TransientModel):
    _inherit = "sale.advance.payment.inv"

    def _create_invoices(self, sale_orders):
        # Down payments (percentage, fixed amount) do not go through
        # sale.order._create_invoices: ask the approval gate here too, before the
        # wizard adds down-payment lines to the order.
        sale_orders._customer_approval_check_gate()
        return super()._create_invoices(sale_orders)
