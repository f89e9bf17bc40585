# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deciding from the e-mail, on the order's side: the decision links in the
e-mails that ask for a decision, the fingerprint they are bound to, and the
"from the e-mail" mark of the decisions taken with them.

Loaded after sale_order_notify (the name sorts after it): its overrides wrap
the sending of the e-mails."""

import hashlib
import json

from odoo import models
from odoo.tools import float_repr
from odoo.tools.translate import LazyTranslate

# The e-mails that ask someone to decide carry the decision links.
DECISION_MAIL_STEPS = ("request", "passed_on", "escalated")


_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_fingerprint(self):
        """A digest of what an approver decides on: state, round, level, current
        approver, total and lines. Any change makes earlier links refused."""
        self.ensure_one()
        order = self.sudo()
        order.order_line.fetch(["product_id", "product_uom_qty", "price_unit"])
        data = [
            order.id,
            order.approval_state,
            order.approval_round,
            order.approval_level,
            order.current_approver_id.id,
            order.currency_id.id,
            float_repr(order.amount_total, order.currency_id.decimal_places),
            sorted(
                (
                    line.id,
                    line.product_id.id,
                    repr(line.product_uom_qty),
                    repr(line.price_unit),
                )
                for line in order.order_line
            ),
        ]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()

    def _customer_approval_send_mail(self, step, partners):
        if step not in DECISION_MAIL_STEPS:
            return super()._customer_approval_send_mail(step, partners)
        tokens = self.env["sale.order.approval.token"]
        for partner in partners:
            urls = tokens._issue(self, partner)
            super(
                SaleOrder, self.with_context(approval_decision_urls=urls)
            )._customer_approval_send_mail(step, partner)
        return None

    def _customer_approval_history_step(self, decision, approver=False, comment=False):
        command = super()._customer_approval_history_step(decision, approver, comment)
        if self.env.context.get("customer_approval_from_email"):
            command[2]["from_email"] = True
        return command

    def _customer_approval_log(self, message, comment=None, subtype=None):
        if self.env.context.get("customer_approval_from_email"):
            message = _lt("%s (decided from the e-mail)", message)
        return super()._customer_approval_log(message, comment, subtype)
