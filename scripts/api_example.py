"""List and decide the orders waiting for an approver, over Odoo's JSON-2 API.

An example for the ERP or procurement tool of a customer company. It acts as one
approver, with that approver's own API key, under the rules of the portal's
/my/approvals: it lists the orders waiting for this person, and the approval engine
refuses what the portal refuses (their own order, an order of another company, an
order that does not wait any more). Standard library only:

    export ODOO_API_KEY=...   # the approver's key
    python3 scripts/api_example.py --url https://shop.example.com --db shop
    python3 scripts/api_example.py --url ... --approve S00042 --comment "Budget OK"
    python3 scripts/api_example.py --url ... --reject S00043 --reason "Not now"

Each call is ``POST <url>/json/2/<model>/<method>`` with a JSON object of the
method's arguments (and ``ids`` for the records), the header
``Authorization: bearer <API key>``, and ``X-Odoo-Database`` when the server holds
several databases. The key decides who calls: no session, no password.

The approver is a portal user. Odoo lets portal users create API keys only when the
vendor allows it: *Settings > General Settings > Permissions > API Keys >
Customers can generate API Keys* (debug mode; the parameter
``portal.allow_api_keys``). The approver then creates the key on
``/my/security?debug=1``, section *Developer API Keys*. Such a key lasts one day
at most unless the vendor raises *API Keys maximum duration days* of the group
*Portal* (debug mode, *Settings > Users & Companies > Groups*).
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.request

TIMEOUT = 60
ORDER_FIELDS = ["name", "partner_id", "amount_total", "currency_id"]


class OdooError(Exception):
    """An error answered by Odoo.

    :ivar status: the HTTP status (403 access error, 422 user error, ...)
    :ivar name: the class of the exception, e.g. ``odoo.exceptions.AccessError``
    :ivar message: its text, as a user of the portal would read it
    """

    def __init__(self, status, name, message):
        super().__init__(message)
        self.status = status
        self.name = name
        self.message = message


def call(url, db, key, model, method, *, ids=(), **params):
    """Call ``method`` of ``model`` as the owner of ``key``; return its result."""
    if not url.startswith(("http://", "https://")):
        raise ValueError("The URL must start with http:// or https://: %s" % url)
    body = dict(params, ids=list(ids)) if ids else params
    headers = {
        "Authorization": "bearer %s" % key,
        "Content-Type": "application/json; charset=utf-8",
    }
    if db:
        headers["X-Odoo-Database"] = db
    # The scheme is checked above: only http(s) is opened.
    request = urllib.request.Request(  # noqa: S310
        "%s/json/2/%s/%s" % (url.rstrip("/"), model, method),
        data=json.dumps(body).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        text = error.read().decode(errors="replace")
        try:
            answer = json.loads(text)
        except ValueError:
            answer = {"name": error.reason, "message": text}
        raise OdooError(error.code, answer.get("name"), answer.get("message")) from None


def my_partner_id(url, db, key):
    """The contact of the key's owner: the approver the orders wait for."""
    uid = call(url, db, key, "res.users", "context_get")["uid"]
    [user] = call(url, db, key, "res.users", "read", ids=[uid], fields=["partner_id"])
    return user["partner_id"][0]


def list_waiting(url, db, key):
    """The orders waiting for the key's owner to decide, oldest request first."""
    domain = [
        ["approval_state", "=", "waiting"],
        ["current_approver_id", "=", my_partner_id(url, db, key)],
    ]
    params = {
        "domain": domain,
        "fields": ORDER_FIELDS,
        "order": "approval_requested_date, id",
    }
    return call(url, db, key, "sale.order", "search_read", **params)


def find_order(url, db, key, name):
    """The id of the order ``name``, among the orders the key's owner may read."""
    ids = call(url, db, key, "sale.order", "search", domain=[["name", "=", name]])
    if len(ids) != 1:
        raise LookupError("No order %s that you may read." % name)
    return ids[0]


def approve(url, db, key, name, comment=None):
    """Approve the order ``name``: Odoo passes it on to the next approver when its
    total is above the approver's breakpoint, else releases it. Return the order's
    new ``approval_state`` and ``state``."""
    order_id = find_order(url, db, key, name)
    _call_order(url, db, key, order_id, "action_customer_approve", comment=comment)
    return _states(url, db, key, order_id)


def reject(url, db, key, name, reason):
    """Reject the order ``name``; the reason goes to the buyer."""
    order_id = find_order(url, db, key, name)
    _call_order(url, db, key, order_id, "action_customer_reject", reason=reason)
    return _states(url, db, key, order_id)


def _call_order(url, db, key, order_id, method, **params):
    return call(url, db, key, "sale.order", method, ids=[order_id], **params)


def _states(url, db, key, order_id):
    fields = ["name", "approval_state", "state"]
    [order] = _call_order(url, db, key, order_id, "read", fields=fields)
    return order


def _print_orders(orders):
    if not orders:
        print("No order waits for your approval.")
        return
    print("%-10s %-36s %12s %s" % ("Order", "Buyer", "Total", "Currency"))
    for order in orders:
        print(
            "%-10s %-36s %12.2f %s"
            % (
                order["name"],
                order["partner_id"][1][:36],
                order["amount_total"],
                order["currency_id"][1],
            )
        )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="List the orders waiting for your approval, approve or reject one."
    )
    parser.add_argument(
        "--url", required=True, help="the shop, e.g. https://shop.example.com"
    )
    parser.add_argument("--db", help="the database, when the server holds several")
    parser.add_argument(
        "--key",
        default=os.environ.get("ODOO_API_KEY"),
        help="your API key (default: the environment variable ODOO_API_KEY)",
    )
    decision = parser.add_mutually_exclusive_group()
    decision.add_argument("--approve", metavar="NAME", help="approve this order")
    decision.add_argument("--reject", metavar="NAME", help="reject this order")
    parser.add_argument("--comment", help="a comment to the approval")
    parser.add_argument("--reason", help="the reason of a rejection (required)")
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("give --key or set ODOO_API_KEY")
    if args.reject and not args.reason:
        parser.error("--reject needs --reason")
    try:
        if args.approve:
            order = approve(args.url, args.db, args.key, args.approve, args.comment)
        elif args.reject:
            order = reject(args.url, args.db, args.key, args.reject, args.reason)
        else:
            _print_orders(list_waiting(args.url, args.db, args.key))
            return 0
    except (OdooError, LookupError, ValueError, urllib.error.URLError) as error:
        print("Error: %s" % error, file=sys.stderr)
        return 1
    print(
        "%s: approval %s, order %s"
        % (order["name"], order["approval_state"], order["state"])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
