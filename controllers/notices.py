# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The messages of a page after a redirect ("Order S00042 is approved."), kept
in the session: the URL carries a key to them (``?message=<key>``), never their
text, which anybody could write in a link and mail to an approver or a buyer
(as Odoo's portal carries codes). A key that is not this session's shows
nothing."""

import secrets

from werkzeug.urls import url_encode

from odoo.http import request

# Templates reading the messages of a request name this key too.
NOTICES_SESSION_KEY = "website_sale_customer_approval.notices"
# The last messages of a session, enough for a few tabs; older ones are dropped.
MAX_NOTICES = 20


def notice_key(text):
    """Keep ``text`` in the session; its key for the URL (None for no text)."""
    if not text:
        return None
    key = secrets.token_urlsafe(9)
    notices = dict(request.session.get(NOTICES_SESSION_KEY) or {})
    notices[key] = str(text)
    request.session[NOTICES_SESSION_KEY] = dict(list(notices.items())[-MAX_NOTICES:])
    return key


def notice_text(key):
    """The message kept under ``key`` in this session, or None."""
    if not isinstance(key, str):
        return None
    return (request.session.get(NOTICES_SESSION_KEY) or {}).get(key)


def notice_query(**texts):
    """The query string (without "?") of the given messages, e.g.
    ``notice_query(message=..., error=...)``; empty texts are left out."""
    keys = {name: notice_key(text) for name, text in texts.items()}
    return url_encode({name: key for name, key in keys.items() if key})


def notice_url(url, **texts):
    """``url`` with the keys of the given messages."""
    query = notice_query(**texts)
    if not query:
        return url
    return url + ("&" if "?" in url else "?") + query
