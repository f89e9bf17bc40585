# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The links of an approval e-mail: deciding without logging in.

A link is ``/approval/decide/<record id>.<secret>``. The secret is 32 random
bytes (``secrets.token_urlsafe``) and only its SHA-256 is stored: whoever reads
the database (a backup, a vendor user) cannot rebuild a link. A link is bound to
one order, one approver and one action, works once, expires, and is refused once
the order is no longer in the state it was in when the e-mail was written (its
fingerprint). Stored records rather than HMAC-signed links: "once" and "refused
after any decision" need a state anyway, and a record can be revoked."""

import hashlib
import logging
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, consteq, format_datetime

from .sale_order import EMAIL_DECISION_DAYS_PARAM, get_days_setting

_logger = logging.getLogger(__name__)

ID_SEPARATOR = "."
# Kept this long after expiry (for the vendor's audit), then deleted.
TOKEN_RETENTION_DAYS = 30
# Hashed when the id is unknown, so that unknown and wrong links cost the same.
_DUMMY_HASH = hashlib.sha256(b"").hexdigest()


def hash_secret(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class SaleOrderApprovalToken(models.Model):
    _name = "sale.order.approval.token"
    _description = "Customer approval: decision link of an e-mail"
    _order = "id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, readonly=True
    )
    approver_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", readonly=True
    )
    action = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, readonly=True
    )
    secret_hash = fields.Char(required=True, readonly=True, groups="base.group_system")
    fingerprint = fields.Char(required=True, readonly=True)
    expires_at = fields.Datetime(required=True, readonly=True)
    state = fields.Selection(
        [("valid", "Valid"), ("used", "Used"), ("revoked", "No longer valid")],
        default="valid",
        required=True,
        readonly=True,
    )
    used_at = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------
    # Issue and revoke
    # ------------------------------------------------------------------
    @api.model
    def _validity_days(self):
        return get_days_setting(self.env, EMAIL_DECISION_DAYS_PARAM)

    @api.model
    def _approver_user(self, approver):
        """The login the approver decides as (their portal user)."""
        return approver.sudo().user_ids.filtered(lambda user: not user._is_public())[:1]

    @api.model
    def _issue(self, order, approver):
        """New links for ``approver`` to approve or reject ``order``; the earlier
        links of that approver for the order stop working (one set per approver
        and step of the order).

        :return: {"approve": url, "reject": url}, or {} when the vendor turned
            e-mail decisions off or the approver has no login to decide as.
        """
        days = self._validity_days()
        if days <= 0 or not self._approver_user(approver):
            return {}
        tokens = self.sudo()
        tokens.search(
            [
                ("order_id", "=", order.id),
                ("approver_id", "=", approver.id),
                ("state", "=", "valid"),
            ]
        ).write({"state": "revoked"})
        fingerprint = order._customer_approval_fingerprint()
        expires_at = fields.Datetime.now() + timedelta(days=days)
        secrets_by_action = {
            action: secrets.token_urlsafe(32) for action in ("approve", "reject")
        }
        created = tokens.create(
            [
                {
                    "order_id": order.id,
                    "approver_id": approver.id,
                    "action": action,
                    "secret_hash": hash_secret(secret),
                    "fingerprint": fingerprint,
                    "expires_at": expires_at,
                }
                for action, secret in secrets_by_action.items()
            ]
        )
        base_url = order.get_base_url()
        return {
            token.action: (
                f"{base_url}/approval/decide/{token.id}{ID_SEPARATOR}"
                f"{secrets_by_action[token.action]}"
            )
            for token in created
        }

    @api.model
    def _revoke_for_orders(self, orders):
        """Every step of an order (a decision, a change, an escalation) ends the
        links sent before it."""
        self.sudo().search(
            [("order_id", "in", orders.ids), ("state", "=", "valid")]
        ).write({"state": "revoked"})

    @api.autovacuum
    def _gc_expired_tokens(self):
        limit = fields.Datetime.now() - timedelta(days=TOKEN_RETENTION_DAYS)
        self.sudo().search([("expires_at", "<", limit)]).unlink()

    # ------------------------------------------------------------------
    # Verify and decide
    # ------------------------------------------------------------------
    @api.model
    def _find(self, token):
        """The token record of the link ``token``, or an empty recordset for an
        unknown, malformed or forged link. The secret is compared in constant
        time."""
        token_id, separator, secret = (token or "").partition(ID_SEPARATOR)
        if not (
            separator
            and token_id.isascii()
            and token_id.isdigit()
            and len(token_id) <= 9  # a database integer, whatever is posted
            and 0 < len(secret) <= 128
        ):
            return self.browse()
        record = self.sudo().browse(int(token_id)).exists()
        stored = record.secret_hash if record else _DUMMY_HASH
        if not consteq(stored, hash_secret(secret)) or not record:
            return self.browse()
        return record

    def _refusal(self):
        """Why the link cannot be used now, or False."""
        self.ensure_one()
        return self._refusal_of_link() or self._refusal_of_order()

    def _refusal_of_link(self):
        if self.state == "used":
            return _("This link was already used.")
        if self.state == "revoked":
            return _(
                "This link is no longer valid: the order was decided or changed "
                "since, or a newer e-mail replaced it."
            )
        if self.expires_at < fields.Datetime.now():
            return _(
                "This link expired on %s.",
                format_datetime(self.env, self.expires_at, dt_format="short"),
            )
        return False

    def _refusal_of_order(self):
        """The approver must still be allowed to decide (the engine's checks) and
        the order must be as it was when the e-mail was written."""
        order, approver = self.order_id, self.approver_id
        if not (
            self._approver_user(approver)
            and (approver.is_order_approver or approver.is_customer_admin)
            and order._customer_approval_can_review(approver)
        ):
            return _("You can no longer decide order %s.", order.name)
        try:
            order._customer_approval_check_decider(approver)
        except (UserError, AccessError) as error:
            return error.args[0]
        if order._customer_approval_fingerprint() != self.fingerprint:
            return _(
                "Order %s changed since the e-mail was sent: please open it in "
                "your portal to decide.",
                order.name,
            )
        return False

    def _decide(self, text=None):
        """Take the decision of the link, as its approver, through the same
        methods as the portal. The link is used up in the same transaction.

        :param text: the approver's comment (approve) or reason (reject)
        """
        self.ensure_one()
        # Two clicks at once decide once: the second waits, then sees "used".
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sale_order_approval_token WHERE id = %s "
                "FOR NO KEY UPDATE",
                self.id,
            )
        )
        self.invalidate_recordset(["state"])
        refusal = self._refusal()
        if refusal:
            raise UserError(refusal)
        user = self._approver_user(self.approver_id)
        order = self.order_id.with_user(user).with_context(
            customer_approval_from_email=True
        )
        with self.env.cr.savepoint():
            self.sudo().write({"state": "used", "used_at": fields.Datetime.now()})
            if self.action == "approve":
                order.action_customer_approve((text or "").strip()[:2000] or None)
            else:
                order.action_customer_reject((text or "")[:2000])
        return True
