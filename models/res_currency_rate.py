# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResCurrencyRate(models.Model):
    # Budgets and order values of another currency are converted at these.
    _name = "res.currency.rate"
    _inherit = ["res.currency.rate", "customer.purchasing.input"]
