# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routes that only read are declared ``readonly``: with ``db_replica_host``
Odoo serves them from the replica (odoo/http.py, ``Request._serve_db``)."""

from odoo.http import request


def readonly_unless_posted(controller, rule, args):
    """``readonly`` of a route that shows a page on GET and acts on POST (one
    address for both): the GET is served read-only, the POST read/write."""
    return request.httprequest.method in ("GET", "HEAD")
