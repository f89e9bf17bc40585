# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .readonly import readonly_unless_posted

_logger = logging.getLogger(__name__)


class CustomerApprovalEmailDecision(http.Controller):
    """The Approve / Reject links of an approval e-mail, without login.

    GET shows the order and a confirmation button and changes nothing (mail
    scanners follow links); only the POST of that button decides. The link is
    checked by the token model; the decision goes through the engine as the
    approver."""

    @http.route(
        "/approval/decide/<string:token>",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
        readonly=readonly_unless_posted,
    )
    def approval_decide(self, token, comment="", reason="", **kwargs):
        record = request.env["sale.order.approval.token"]._find(token)
        if not record:
            self._log_refusal(token, "unknown or forged link")
            return self._render(None, error=_("This link is not valid."), status=404)
        refusal = record._refusal()
        if refusal:
            self._log_refusal(token, refusal)
            return self._render(record, error=refusal)
        if request.httprequest.method != "POST":
            return self._render(record)
        text = reason if record.action == "reject" else comment
        try:
            record._decide(text)
        except (UserError, AccessError) as error:
            text = record.order_id._customer_approval_error_text(error)
            self._log_refusal(token, text)
            return self._render(record, error=text)
        return self._render(
            record, message=record.order_id._customer_approval_decision_message()
        )

    def _log_refusal(self, token, why):
        # The id only: the secret part of a link never goes to the log.
        _logger.warning(
            "E-mail decision link %s refused for %s: %s",
            (token or "").partition(".")[0][:12],
            request.httprequest.remote_addr,
            why,
        )

    def _render(self, record, message=None, error=None, status=200):
        can_decide = bool(record) and not message and not record._refusal()
        order = record.order_id if record else None
        values = {
            "token": record,
            "order": order,
            "lines": order
            and order.order_line.filtered(lambda line: not line.display_type),
            # The order is shown to its approver only while the link works, and
            # right after the decision it took.
            "show_order": can_decide or bool(message),
            "can_decide": can_decide,
            "action_url": request.httprequest.path,
            "message": message,
            "error": error,
        }
        response = request.render(
            "website_sale_customer_approval.email_decision_page", values, status=status
        )
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
