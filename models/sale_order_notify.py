# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails, chatter messages and reminders of the customer approval."""

import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.fields import Domain
from odoo.tools.translate import LazyGettext, get_translation

from .plural_forms import select_plural
from .sale_order import (
    MAIL_TEMPLATES,
    REMINDER_DAYS_PARAM,
    get_days_setting,
)

_logger = logging.getLogger(__name__)

# Approvers reminded in one batch (one transaction).
REMINDER_BATCH_SIZE = 50

SUBTYPES = {
    "submitted": "website_sale_customer_approval.mt_customer_approval_submitted",
    "released": "website_sale_customer_approval.mt_customer_approval_released",
    "rejected": "website_sale_customer_approval.mt_customer_approval_rejected",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_vendor_lang(self):
        """The language of the vendor's chatter of the order, whoever acted:
        the vendor company's (one language for all its staff, as its documents),
        else the salesperson's, else the website's default, else English."""
        self.ensure_one()
        order = self.sudo()
        Lang = self.env["res.lang"]
        for code in (
            order.company_id.partner_id.lang,
            order.user_id.lang,
            order.website_id.default_lang_id.code,
        ):
            if code and Lang._get_data(code=code).active:
                return code
        return "en_US"

    @api.model
    def _customer_approval_in_lang(self, message, lang):
        """``message`` in ``lang``: a lazy translation (``_lt``, its arguments
        lazy too) is translated there, its counts said in that language's
        plural forms (plural_forms.py); a text stays as it is."""
        if not isinstance(message, LazyGettext):
            return message
        args = message._args
        if isinstance(args, dict):
            args = {
                key: self._customer_approval_in_lang(value, lang)
                for key, value in args.items()
            }
        else:
            args = tuple(self._customer_approval_in_lang(arg, lang) for arg in args)
        return select_plural(
            get_translation(message._module, lang, message._source, args), lang
        )

    def _customer_approval_log(self, message, comment=None, subtype=None):
        """A step of the approval in the chatter of the order, in the vendor's
        language whoever acted (``message`` is an ``_lt``; the comment is the
        person's own words).

        :param subtype: a key of SUBTYPES: the step is posted with that message
            subtype, so that the vendor's followers who chose it are notified;
            without, it is only logged.
        """
        self.ensure_one()
        message = self._customer_approval_in_lang(
            message, self._customer_approval_vendor_lang()
        )
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
    def _cron_remind_customer_approvers(self, batch_size=None):
        """Remind each approver, in one e-mail, of the orders that wait for them
        for more than the configured number of days (and were not recalled since).

        Approvers go by batches of ``batch_size`` in the order of their ids,
        each batch committed with what remains (sale_order_cron.py); an order is
        marked reminded once its last approver got the e-mail. An order being
        decided meanwhile is left out (locked), an order that fails is logged and
        left to the next run, and the others go on."""
        days = get_days_setting(self.env, REMINDER_DAYS_PARAM)
        if days <= 0:
            return
        now = fields.Datetime.now()
        due = now - timedelta(days=days)
        run = self._customer_approval_cron_run("reminder")
        domain = Domain(
            [
                ("approval_state", "=", "waiting"),
                ("approval_requested_date", "<=", due),
                "|",
                ("approval_reminder_date", "=", False),
                ("approval_reminder_date", "<=", due),
                ("id", "not in", run["failed"]),
            ]
        )
        by_approver, last_approver = (
            self.sudo().search(domain)._customer_approval_orders_by_approver(run)
        )
        approvers = sorted(
            (approver for approver in by_approver if approver.id > run["cursor"]),
            key=lambda approver: approver.id,
        )
        self._customer_approval_cron_commit("reminder", run, 0, len(approvers))
        batch_size = batch_size or REMINDER_BATCH_SIZE
        for start in range(0, len(approvers), batch_size):
            batch = approvers[start : start + batch_size]
            locked = (
                self.sudo()
                .union(*(by_approver[approver] for approver in batch))
                ._customer_approval_cron_lock()
                .filtered_domain(domain)
            )
            for approver in batch:
                orders = by_approver[approver] & locked
                try:
                    with self.env.cr.savepoint():
                        orders._customer_approval_remind(approver)
                except Exception:  # pylint: disable=broad-except
                    _logger.exception(
                        "Orders %s: the reminder of %s failed; tried again in "
                        "the next run",
                        ", ".join(orders.mapped("name")),
                        approver.name,
                    )
                    run["failed"] += orders.ids
            run["cursor"] = batch[-1].id
            locked.filtered(
                lambda order: (
                    last_approver[order] <= run["cursor"]
                    and order.id not in run["failed"]
                )
            ).write({"approval_reminder_date": now})
            remaining = len(approvers) - start - len(batch)
            if not self._customer_approval_cron_commit(
                "reminder", run, len(batch), remaining
            ):
                break

    def _customer_approval_orders_by_approver(self, run):
        """Who is asked to decide the orders.

        :return: ``({approver: their orders}, {order: the largest id of its
            approvers})``; an order whose approvers cannot be found is logged
            and added to ``run["failed"]``."""
        admins = self.partner_id._get_customer_admins_by_company()
        by_approver, last_approver = {}, {}
        for order in self:
            try:
                with self.env.cr.savepoint(flush=False):
                    deciders = order._customer_approval_deciders(
                        admins=admins.get(order.partner_id.commercial_partner_id)
                    )
            except Exception:  # pylint: disable=broad-except
                _logger.exception(
                    "Order %s: its approvers could not be found for the reminder; "
                    "tried again in the next run",
                    order.name,
                )
                run["failed"].append(order.id)
                continue
            for approver in deciders:
                by_approver[approver] = by_approver.get(approver, self.browse()) | order
            last_approver[order] = max(deciders.ids, default=0)
        return by_approver, last_approver

    def _customer_approval_remind(self, approver):
        """One e-mail to ``approver`` that lists the orders."""
        template = self.env.ref(MAIL_TEMPLATES["reminder"], raise_if_not_found=False)
        if template and self:
            template.with_context(approval_reminder_order_ids=self.ids).send_mail(
                approver.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(approver.ids)]},
            )
