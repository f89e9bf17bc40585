# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import SUPERUSER_ID, api

ADDON = "website_sale_customer_approval"


def migrate(cr, version):
    """19.0.1.4.0: an approval binds the order it released.

    Approved orders that still wait for their payment are bound to what they are
    now (the release steps of earlier versions recorded no lines); confirmed
    orders used their release already. The vendor's e-mails, crons, subtypes and
    settings become noupdate, as their data files now are: an upgrade keeps the
    vendor's edits."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    orders = env["sale.order"].search(
        [
            ("approval_state", "=", "approved"),
            ("state", "in", ("draft", "sent")),
            ("approval_fingerprint", "=", False),
        ]
    )
    # In SQL: the steps of the history stay as they were written (no new
    # write date), only bound.
    for order in orders:
        snapshot, fingerprint = order._customer_approval_bind_release()
        cr.execute(
            "UPDATE sale_order SET approval_fingerprint = %s WHERE id = %s",
            (fingerprint, order.id),
        )
        release = order.approval_history_ids.filtered(
            lambda step: step.decision == "released"
        )[-1:]
        if release:
            cr.execute(
                "UPDATE sale_order_approval_history SET approved_snapshot = %s "
                "WHERE id = %s",
                (json.dumps(snapshot), release.id),
            )
    cr.execute(
        """
        UPDATE ir_model_data SET noupdate = true
         WHERE module = %s
           AND model IN ('mail.template', 'ir.cron', 'mail.message.subtype',
                         'ir.config_parameter')
        """,
        (ADDON,),
    )
