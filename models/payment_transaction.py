# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class PaymentTransaction(models.Model):
    _name = "payment.transaction"
    _inherit = ["payment.transaction", "customer.purchasing.input"]

    @api.model_create_multi
    def create(self, vals_list):
        # Every payment route ends here (shop, express checkout, the portal's
        # "Pay Now", RPC): no money is taken for an order the customer's approval
        # holds back; nothing of the refused transaction is kept.
        # An order being paid reserves what it spends (pending and authorized
        # transactions count against budgets): what it may spend is locked
        # first, so that two payments at once cannot both take what is left.
        with self.env.cr.savepoint():
            transactions = super().create(vals_list)
            for order in transactions.sale_order_ids:
                order._customer_approval_lock_spending()
                if error := order._customer_approval_gate_error(customer_side=True):
                    raise ValidationError(error)
        return transactions
