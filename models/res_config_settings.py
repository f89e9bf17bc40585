# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .sale_order import (
    EMAIL_DECISION_DAYS_PARAM,
    REMINDER_DAYS_PARAM,
    get_days_setting,
)

# Settings field -> its parameter. Not `config_parameter` fields: Odoo stores 0
# of those as "no parameter", and the default would come back.
DAYS_FIELDS = {
    "customer_approval_reminder_days": REMINDER_DAYS_PARAM,
    "customer_approval_email_decision_days": EMAIL_DECISION_DAYS_PARAM,
}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_approval_reminder_days = fields.Integer(
        string="Remind approvers after (days)",
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
        help="Approval e-mails carry Approve and Reject links that open a "
        "confirmation page without logging in; each works once, for this many "
        "days. 0 sends no such links.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        for name, param in DAYS_FIELDS.items():
            values[name] = get_days_setting(self.env, param)
        return values

    def set_values(self):
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, param in DAYS_FIELDS.items():
            days = self[name]
            if days < 0:
                raise ValidationError(
                    _(
                        "%s cannot be negative: 0 turns it off.",
                        self._fields[name].get_description(self.env)["string"],
                    )
                )
            if params.get_param(param) != str(days):
                params.set_param(param, str(days))
        return result
