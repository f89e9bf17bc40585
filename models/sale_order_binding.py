# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An approval binds the precise order it released.

At release the engine records what was approved (buyer, delivery address,
currency, total and each line's product, quantity, unit, price and discount) on
the release step of the history, and its fingerprint on the order. The gate
then asks one question before anything confirms, signs or pays the order: does
the release still match the order? Any change of those afterwards ends the
approval; cancelling the order ends it too (see sale_order_guard). The release
itself lives here too: it binds, then confirms or waits for the payment."""

import hashlib
import json

from odoo import api, fields, models
from odoo.tools import float_repr, str2bool
from odoo.tools.translate import LazyTranslate

from .sale_order import ENDED_APPROVAL_STATES, PREPAYMENT_PARAM

_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    approval_fingerprint = fields.Char(
        copy=False,
        readonly=True,
        help="Fingerprint of what the approvers of the customer released: the "
        "order may be confirmed, signed or paid only while it matches.",
    )
    approval_resubmittable = fields.Boolean(
        string="May be submitted again",
        compute="_compute_approval_resubmittable",
        help="A quotation whose approval ended (rejected, withdrawn, cancelled, "
        "or changed after its release): a new round of approval may start.",
    )

    @api.depends(
        "state",
        "approval_state",
        "approval_fingerprint",
        "partner_id",
        "partner_shipping_id",
        "amount_total",
        "order_line.product_uom_qty",
        "order_line.price_unit",
        "order_line.discount",
        "order_line.product_id",
    )
    def _compute_approval_resubmittable(self):
        for order in self:
            order.approval_resubmittable = order.state in ("draft", "sent") and (
                order.approval_state in ENDED_APPROVAL_STATES
                or (
                    order.approval_state == "approved"
                    and not order._customer_approval_release_stands()
                )
            )

    def _customer_approval_snapshot(self):
        """What an approval binds, as plain JSON values: amounts as strings in
        the order's currency precision, so that the same order always gives the
        same snapshot."""
        self.ensure_one()
        currency = self.currency_id
        digits = currency.decimal_places
        # Quantities at the precision Odoo stores them ("%g" would make
        # 1,234,567 and 1,234,568 the same).
        quantity_digits = self.env["decimal.precision"].precision_get("Product Unit")
        lines = sorted(
            [
                line.product_id.id,
                float_repr(line.product_uom_qty, quantity_digits),
                line.product_uom_id.id,
                float_repr(currency.round(line.price_unit), digits),
                float_repr(line.discount, 2),
            ]
            for line in self.order_line
            if not line.display_type
        )
        return {
            "buyer": self.partner_id.id,
            "delivery": self.partner_shipping_id.id,
            "currency": currency.id,
            "total": float_repr(currency.round(self.amount_total), digits),
            "lines": lines,
        }

    def _customer_approval_release_fingerprint(self, snapshot=None):
        self.ensure_one()
        snapshot = snapshot or self._customer_approval_snapshot()
        encoded = json.dumps(snapshot, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()

    def _customer_approval_release_stands(self):
        """Whether the order is still exactly what its approvers released."""
        self.ensure_one()
        return bool(
            self.approval_state == "approved"
            and self.approval_fingerprint
            and self.approval_fingerprint
            == self._customer_approval_release_fingerprint()
        )

    def _customer_approval_bind_release(self):
        """The values that bind a release to the order as it is now: the
        order's fingerprint, and the snapshot for the release step."""
        self.ensure_one()
        snapshot = self._customer_approval_snapshot()
        return snapshot, self._customer_approval_release_fingerprint(snapshot)

    def _customer_approval_release(self, approver, comment):
        """The last approval: Odoo confirms the order and the vendor processes it.

        An order that requires online payment is not confirmed here: the buyer pays
        it from the portal (the "approved" e-mail links to it), and the payment
        confirms it as any other paid order. Runs inside the caller's savepoint: a
        confirmation that fails undoes the release."""
        self.ensure_one()
        snapshot, fingerprint = self._customer_approval_bind_release()
        release_step = self._customer_approval_history_step(
            "released", approver, comment
        )
        release_step[2]["approved_snapshot"] = snapshot
        self.write(
            {
                "approval_state": "approved",
                "approval_fingerprint": fingerprint,
                "current_approver_id": False,
                "absent_approver_id": False,
                "approval_history_ids": [release_step],
            }
        )
        if not self._customer_approval_awaits_payment():
            self._customer_approval_prefetch_lines()
            self.action_confirm()
        self._customer_approval_log(
            _lt(
                "Approved and released by %(approver)s (level %(level)s).",
                approver=approver.name,
                level=self.approval_level,
            ),
            comment,
            subtype="released",
        )
        self._customer_approval_send_mail("approved", self.partner_id)
        self._customer_approval_send_mail("released", self.user_id.partner_id)
        return True

    def _customer_approval_awaits_payment(self):
        """Whether a released order waits for the buyer's online payment: only
        where the vendor asks approved orders to be paid first (a setting);
        business customers buy on account by default."""
        self.ensure_one()
        prepayment = str2bool(
            self.env["ir.config_parameter"].sudo().get_param(PREPAYMENT_PARAM, "")
            or "0"
        )
        return bool(
            prepayment
            and self.require_payment
            and not self.currency_id.is_zero(self.amount_total)
            and not self._is_confirmation_amount_reached()
        )
