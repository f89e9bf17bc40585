# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import re
import secrets

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .readonly import readonly_unless_posted

_logger = logging.getLogger(__name__)

# The links opened in this session, by a key of the page's address.
LINKS_SESSION_KEY = "website_sale_customer_approval.decision_links"
# Enough for a few tabs; older ones are dropped.
MAX_LINKS = 10
# The longest link kept (a forged one can be anything).
MAX_LINK_LENGTH = 160
PAGE_PATH = "/approval/decide"
# The secret of a link in a logged address: kept is the id, for the audit.
LINK_SECRET_IN_PATH = re.compile(r"(/approval/decide/[^./\s\"'?#]{1,12}\.)[^\s\"'?#]+")
# The loggers that write the address of a request: Odoo's access log line
# (werkzeug's request handler, odoo/service/server.py), the CSRF warnings of
# odoo.http and the language redirects of http_routing (debug).
LOGGERS_OF_PATHS = (
    "werkzeug",
    "odoo.http",
    "odoo.addons.http_routing.models.ir_http",
)


def mask_decision_links(text):
    """``text`` with the secret of every decision link replaced by ``***``."""
    return LINK_SECRET_IN_PATH.sub(r"\1***", text)


class DecisionLinkLogFilter(logging.Filter):
    """Masks the secret of the decision links in the records of the loggers
    that write request addresses (installed once a process, on import)."""

    def filter(self, record):
        if isinstance(record.msg, str) and "/approval/decide/" in record.msg:
            record.msg = mask_decision_links(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                mask_decision_links(arg)
                if isinstance(arg, str) and "/approval/decide/" in arg
                else arg
                for arg in record.args
            )
        return True


def install_log_filter():
    for name in LOGGERS_OF_PATHS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DecisionLinkLogFilter) for f in logger.filters):
            logger.addFilter(DecisionLinkLogFilter())


install_log_filter()


class CustomerApprovalEmailDecision(http.Controller):
    """The Approve / Reject links of an approval e-mail, without login.

    The link moves out of the address at once: its GET keeps it in the session
    and redirects to ``/approval/decide?link=<key>``, so that nothing Odoo
    writes from the address of a page (the canonical link, og:url, the
    alternate languages, the language switcher, the login link) repeats the
    secret. That page shows the order and a confirmation button and changes
    nothing (mail scanners follow links); only the POST of that button, to
    ``/approval/decide`` with the link in a hidden field, decides. The link is
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
        if request.httprequest.method == "POST":
            # A page opened before the link moved into the form.
            return self._decide(token, comment, reason)
        key = secrets.token_urlsafe(9)
        links = dict(request.session.get(LINKS_SESSION_KEY) or {})
        links[key] = (token or "")[:MAX_LINK_LENGTH]
        request.session[LINKS_SESSION_KEY] = dict(list(links.items())[-MAX_LINKS:])
        response = request.redirect(f"{PAGE_PATH}?link={key}", code=303)
        self._private(response)
        return response

    @http.route(
        PAGE_PATH,
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
        readonly=readonly_unless_posted,
    )
    def approval_decide_page(self, link=None, token="", comment="", reason="", **kw):
        if request.httprequest.method == "POST":
            return self._decide(token, comment, reason)
        kept = request.session.get(LINKS_SESSION_KEY) or {}
        token = kept.get(link) if isinstance(link, str) else None
        if not token:
            # Opened without its link (another browser, an old tab): the link
            # of the e-mail opens it again.
            return self._render(
                None,
                error=_("Open the link of the e-mail again to decide."),
                status=404,
            )
        record, refused = self._check_link(token)
        return refused or self._render(record, link=token)

    def _check_link(self, token):
        """The link's record, or the page refusing it (unknown, forged, used,
        expired, the order decided): the same checks to show and to decide."""
        record = request.env["sale.order.approval.token"]._find(token)
        if not record:
            self._log_refusal(token, "unknown or forged link")
            return record, self._render(
                None, error=_("This link is not valid."), status=404
            )
        refusal = record._refusal()
        if refusal:
            self._log_refusal(token, refusal)
            return record, self._render(record, error=refusal)
        return record, None

    def _decide(self, token, comment, reason):
        record, refused = self._check_link(token)
        if refused:
            return refused
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

    @staticmethod
    def _private(response):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"

    def _render(self, record, message=None, error=None, status=200, link=None):
        can_decide = bool(link) and not message and not error
        order = record.order_id if record else None
        values = {
            "token": record,
            "link": link,
            "order": order,
            "lines": order
            and order.order_line.filtered(lambda line: not line.display_type),
            # The order is shown to its approver only while the link works, and
            # right after the decision it took.
            "show_order": can_decide or bool(message),
            "can_decide": can_decide,
            "action_url": PAGE_PATH,
            "message": message,
            "error": error,
        }
        response = request.render(
            "website_sale_customer_approval.email_decision_page", values, status=status
        )
        self._private(response)
        return response
