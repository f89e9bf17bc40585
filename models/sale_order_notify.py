# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails, chatter messages and reminders of the customer approval."""

from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models

from .sale_order import (
    MAIL_TEMPLATES,
    REMINDER_DAYS_PARAM,
    get_days_setting,
)

SUBTYPES = {
    "submitted": "website_sale_customer_approval.mt_customer_approval_submitted",
    "released": "website_sale_customer_approval.mt_customer_approval_released",
    "rejected": "website_sale_customer_approval.mt_customer_approval_rejected",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_log(self, message, comment=None, subtype=None):
        """A step of the approval in the chatter of the order.

        :param subtype: a key of SUBTYPES: the step is posted with that message
            subtype, so that the vendor's followers who chose it are notified;
            without, it is only logged.
        """
        self.ensure_one()
        body = Markup("<p>%s</p>") % message
        if comment:
            body += Markup("<p><em>%s</em></p>") % comment
        if subtype:
            self.message_post(
                body=body,
                message_type="notification",
                subtype_xmlid=SUBTYPES[subtype],
            )
        else:
            self._message_log(body=body)

    def _customer_approval_send_mail(self, step, partners):
        """Send the editable template of ``step`` to each of ``partners``, in their
        own language."""
        self.ensure_one()
        template = self.env.ref(MAIL_TEMPLATES[step], raise_if_not_found=False)
        if not template:
            return
        for partner in partners:
            template.with_context(approval_mail_lang=partner.lang).send_mail(
                self.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(partner.ids)]},
            )

    @api.model
    def _cron_remind_customer_approvers(self):
        """Remind each approver, in one e-mail, of the orders that wait for them
        for more than the configured number of days (and were not recalled since)."""
        days = get_days_setting(self.env, REMINDER_DAYS_PARAM)
        if days <= 0:
            return
        due = fields.Datetime.now() - timedelta(days=days)
        orders = self.sudo().search(
            [
                ("approval_state", "=", "waiting"),
                ("approval_requested_date", "<=", due),
                "|",
                ("approval_reminder_date", "=", False),
                ("approval_reminder_date", "<=", due),
            ]
        )
        admins = orders.partner_id._get_customer_admins_by_company()
        orders_by_approver = {}
        for order in orders:
            for approver in order._customer_approval_deciders(
                admins=admins.get(order.partner_id.commercial_partner_id)
            ):
                orders_by_approver.setdefault(approver, self.browse())
                orders_by_approver[approver] |= order
        template = self.env.ref(MAIL_TEMPLATES["reminder"], raise_if_not_found=False)
        if template:
            for approver, approver_orders in orders_by_approver.items():
                template.with_context(
                    approval_reminder_order_ids=approver_orders.ids
                ).send_mail(
                    approver.id,
                    email_layout_xmlid="mail.mail_notification_light",
                    email_values={"recipient_ids": [Command.set(approver.ids)]},
                )
        orders.write({"approval_reminder_date": fields.Datetime.now()})
