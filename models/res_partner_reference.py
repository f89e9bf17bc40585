# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ask_cost_centre = fields.Boolean(
        string="Ask for a cost centre at checkout",
        help="The buyers of this company give the cost centre of each order at "
        "checkout, besides their own purchase-order number. Set on the customer "
        "company.",
    )
