# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_approval_reminder_days = fields.Integer(
        string="Remind approvers after (days)",
        config_parameter="website_sale_customer_approval.reminder_days",
        default=2,
        help="Approvers get a daily e-mail listing the orders that wait for them "
        "for longer than this. 0 sends no reminder.",
    )
    customer_approval_prepayment = fields.Boolean(
        string="Approved orders wait for online payment",
        config_parameter="website_sale_customer_approval.prepayment",
        help="On: an approved order that asks for online payment waits for the "
        "buyer's payment before it is confirmed. Off (business customers buying on "
        "account): the last approval confirms the order.",
    )
    customer_approval_email_decision_days = fields.Integer(
        string="Decision links in e-mails valid for (days)",
        config_parameter="website_sale_customer_approval.email_decision_days",
        default=7,
        help="Approval e-mails carry Approve and Reject links that open a "
        "confirmation page without logging in; each works once, for this many "
        "days. 0 sends no such links.",
    )
