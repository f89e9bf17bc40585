"""Time the addon's pages on a large customer, side by side with Odoo's own.

Not a test: run by ``make bench-scale`` (scripts/bench_scale.sh), which copies the
demo test database and calls this script:

    .venv/bin/python scripts/bench_scale.py -c .odoo/odoo.conf -d DB \\
        --addons-path PATH --data-dir DIR --port PORT --log odoo.log \\
        --people 5000 --orders 100000 --waiting 2000

It builds a customer company of --people sub-accounts in 50 departments (ORM, in
batches, each timed), with a budget and a purchasing rule a department, and
--orders orders over two years (rows cloned in SQL, lines and approval history
for a fraction), --waiting of them waiting for one approver. It does so in two
steps: first a tenth of each (--small), then the rest. After each step it
starts Odoo (threaded, log level info) on --port and requests each page 5 times
with a logged-in session: the median time, the median number of SQL queries
Odoo logged for the request, and the ratio of the time to Odoo's comparable
page. Every request must be served as asked (status 200 at the URL requested;
a POST: its own redirect, no error), else the script stops. A page whose
queries grow from the small company to the large one is flagged, and the
script exits with status 1 when it is one of the addon's.
Only the loopback address is contacted.
"""

import argparse
import sys
import time

from benchlib import (  # scripts/, next to this file
    Meter,
    call_kw,
    create_portal_logins,
    csrf,
    login,
    start_odoo,
)
from scale_data import clone_rows

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tools import SQL

TAG = "[scale]"
PASSWORD = "scale-bench-1"  # noqa: S105 (the benchmark's own users)
DEPARTMENTS = 50
LINES_SHARE = 10  # one order in ten has its line and history rows
FLOOR = (100, 2000, 100)  # the small step: at least these people, orders, waiting
PER_PERSON = "view=people&date_from=2000-01-01"  # the tab, over all the orders


# ----------------------------------------------------------------------
# The customer company
# ----------------------------------------------------------------------
def create_people(env, company, depts, approver, *, start, count, batch):
    """The sub-accounts number ``start`` to ``start + count - 1``, in batches;
    the seconds of each batch."""
    timings = []
    people = env["res.partner"]
    for first in range(start, start + count, batch):
        began = time.perf_counter()
        last = min(first + batch, start + count)
        people |= env["res.partner"].create(
            [
                {
                    "name": f"Scale Buyer {i}",
                    "email": f"buyer{i}@scale.example",
                    "parent_id": company.id,
                    "approval_mode": "always",
                    "next_approver_id": approver.id,
                    "customer_department_id": depts[i % len(depts)].id,
                }
                for i in range(first, last)
            ]
        )
        env.flush_all()
        timings.append((last - first, time.perf_counter() - began))
        env.cr.commit()
    return people, timings


def populate(env):
    """The customer company without its people and orders (see grow): its
    departments with a budget and a rule each, an approver, a customer admin,
    the product, and the model order that the orders are cloned from."""
    company = env["res.partner"].create(
        {
            "name": f"Scale Corp {TAG}",
            "is_company": True,
            "country_id": env.ref("base.se").id,
        }
    )
    depts = env["customer.department"].create(
        [
            {"name": f"Dept {d}", "code": f"S{d}", "company_partner_id": company.id}
            for d in range(DEPARTMENTS)
        ]
    )
    approver, admin = env["res.partner"].create(
        [
            {
                "name": "Scale Approver",
                "email": "approver@scale.example",
                "parent_id": company.id,
                "is_order_approver": True,
            },
            {
                "name": "Scale Admin",
                "email": "admin@scale.example",
                "parent_id": company.id,
                "is_customer_admin": True,
            },
        ]
    )
    env["customer.budget"].create(
        [
            {"department_id": d.id, "amount": 10**9, "exceeded_action": "approval"}
            for d in depts
        ]
    )
    env["customer.purchasing.rule"].create(
        [
            {
                "company_partner_id": company.id,
                "rule_type": "max_amount",
                "scope": "department",
                "department_id": d.id,
                "amount": 10**8,
                "exceeded_action": "approval",
            }
            for d in depts
        ]
    )
    people, _timings = create_people(
        env, company, depts, approver, start=0, count=1, batch=1
    )
    buyer = people[0]
    create_portal_logins(env, approver | admin | buyer, PASSWORD)
    product = env["product.product"].create(
        {
            "name": f"Scale widget {TAG}",
            "list_price": 100.0,
            "taxes_id": [],
            "sale_ok": True,
        }
    )
    # The model order: released, one line, a submission in its history.
    order = env["sale.order"].create(
        {
            "partner_id": buyer.id,
            "client_order_ref": TAG,
            "order_line": [Command.create({"product_id": product.id})],
        }
    )
    order.action_confirm()
    env["sale.order.approval.history"].create(
        {"order_id": order.id, "approver_id": approver.id, "decision": "submitted"}
    )
    env.flush_all()
    env.cr.commit()
    return {
        "company": company,
        "depts": depts,
        "approver": approver,
        "buyer": buyer,
        "people": people,
        "product": product,
        "order": order,
        "orders": 1,
        "timings": [],
    }


def grow(env, data, *, people, orders, waiting, args):
    """More people and orders, until the company has ``people`` sub-accounts
    and ``orders`` orders (``waiting`` of the newest waiting for the approver);
    then quotations for the buyer to submit during the measures."""
    cr = env.cr
    env.invalidate_all()  # Odoo served the measures of the step before
    more, timings = create_people(
        env,
        data["company"],
        data["depts"],
        data["approver"],
        start=len(data["people"]),
        count=max(people - len(data["people"]), 0),
        batch=args.batch,
    )
    data["people"] |= more
    data["timings"] += timings
    order, everybody = data["order"], data["people"]
    cr.execute("SELECT max(id) FROM sale_order")
    first = cr.fetchone()[0] + 1
    began = time.perf_counter()
    clone_rows(
        cr,
        "sale_order",
        order.id,
        orders - data["orders"],
        {
            "name": SQL("'SC' || lpad((n + %s)::text, 7, '0')", data["orders"]),
            "date_order": SQL("now() - (n %% 730) * interval '1 day'"),
            "create_date": SQL("now() - (n %% 730) * interval '1 day'"),
            "partner_id": SQL(
                "(%s::int[])[1 + n %% %s]", everybody.ids, len(everybody)
            ),
        },
    )
    data["orders"] = orders
    # Lines and history for one order in LINES_SHARE: the same row for each.
    for table, line in (
        ("sale_order_line", order.order_line[0].id),
        ("sale_order_approval_history", order.approval_history_ids[0].id),
    ):
        cr.execute(
            SQL(
                "SELECT array_agg(id) FROM sale_order WHERE id >= %s AND id %% %s = 0",
                first,
                LINES_SHARE,
            )
        )
        targets = cr.fetchone()[0] or []
        clone_rows(
            cr, table, line, len(targets), {"order_id": SQL("(%s::int[])[n]", targets)}
        )
    # The approver's waiting orders: the newest clones (the others as released).
    cr.execute(
        SQL(
            """
            UPDATE sale_order so SET state = model.state,
                   approval_state = model.approval_state,
                   approval_level = model.approval_level,
                   current_approver_id = NULL, approval_requested_date = NULL
              FROM sale_order model
             WHERE model.id = %s AND so.name LIKE 'SC%%'
               AND so.approval_state = 'waiting'
            """,
            order.id,
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE sale_order SET state = 'sent', approval_state = 'waiting',
                   approval_level = 1, current_approver_id = %s,
                   approval_requested_date = date_order
             WHERE id IN (SELECT id FROM sale_order WHERE name LIKE 'SC%%'
                          ORDER BY date_order DESC, id DESC LIMIT %s)
            """,
            data["approver"].id,
            waiting,
        )
    )
    cr.execute("ANALYZE")
    cr.commit()
    print(
        f"{len(everybody)} people, {orders} orders "
        f"(cloned in {time.perf_counter() - began:.1f} s)",
        flush=True,
    )
    # Quotations for the buyer to submit: one a request, and their warm-up.
    drafts = env["sale.order"].create(
        [
            {
                "partner_id": data["buyer"].id,
                "order_line": [Command.create({"product_id": data["product"].id})],
            }
            for _i in range(args.repeat + 1)
        ]
    )
    drafts.write({"state": "sent"})
    cr.commit()
    data["drafts"] = drafts.ids


# ----------------------------------------------------------------------
# Odoo and the requests
# ----------------------------------------------------------------------
def waiting_list_spec(env):
    view = env.ref(
        "website_sale_customer_approval.view_order_list_waiting_customer_approval"
    )
    fields = env["sale.order"].get_views([(view.id, "list")])["models"]["sale.order"][
        "fields"
    ]
    return {
        name: {"fields": {"display_name": {}}} if field["type"] == "many2one" else {}
        for name, field in fields.items()
        if field["type"] not in ("one2many", "many2many")
    }


def measure(args, meter, data, spec):
    """(name, (seconds, queries), name of Odoo's comparable page or None) a
    page; each GET is requested once before it is timed."""
    url, repeat, drafts = meter.url, args.repeat, data["drafts"]
    buyer = login(url, "buyer0@scale.example", PASSWORD)
    approver = login(url, "approver@scale.example", PASSWORD)
    admin = login(url, "admin@scale.example", PASSWORD)
    vendor = login(url, "admin", "admin")
    odoo_counters = {"counters": ["order_count", "quotation_count"]}
    counters = {"counters": [*odoo_counters["counters"], "approval_count"]}
    search_read = "/web/dataset/call_kw/sale.order/web_search_read"
    from odoo.addons.website_sale_customer_approval.controllers.team import (  # noqa: PLC0415
        TEAM_PER_PAGE,
    )

    last_page = -(-len(data["people"]) // TEAM_PER_PAGE)

    def waiting_list(domain):
        kwargs = {"specification": spec, "limit": 80, "domain": domain}
        return call_kw("sale.order", "web_search_read", [], kwargs)["params"]

    def get(session, path):
        meter.one(session, "GET", path)  # warm-up
        return meter.many(session, "GET", [path] * repeat)

    def rpc(session, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        meter.one(session, "POST", path, json=payload)
        return meter.many(session, "POST", [path] * repeat, json=payload)

    stats, waiting = "/my/team/statistics", [("approval_state", "=", "waiting")]
    pages = [  # name, session, path, JSON-RPC params, row of Odoo's page
        ("Odoo /my/orders (buyer)", buyer, "/my/orders", None, None),
        ("/my/approvals (approver)", approver, "/my/approvals", None, 0),
        ("Odoo /my/orders (customer admin)", admin, "/my/orders", None, 0),
        ("/my/team", admin, "/my/team", None, 0),
        ("/my/team, last page", admin, f"/my/team/page/{last_page}", None, 0),
        ("/my/team, a search", admin, "/my/team?search=Buyer+42", None, 0),
        ("/my/team/statistics", admin, stats, None, 0),
        ("/my/team/statistics per person", admin, f"{stats}?{PER_PERSON}", None, 0),
        ("/my/team/statistics/export", admin, f"{stats}/export?format=csv", None, 0),
        ("Odoo /my (buyer)", buyer, "/my", None, None),
        ("/my (approver)", approver, "/my", None, 9),
        ("Odoo /my/counters (buyer)", buyer, "/my/counters", odoo_counters, None),
        ("/my/counters +approvals (approver)", approver, "/my/counters", counters, 11),
        ("Odoo sale.order list (vendor)", vendor, search_read, waiting_list([]), None),
        ("waiting list (vendor)", vendor, search_read, waiting_list(waiting), 13),
    ]
    rows = [
        (name, rpc(user, path, params) if params else get(user, path), base)
        for name, user, path, params, base in pages
    ]
    # A submission and an approval: POSTs, each on an order of its own, each
    # redirected to the order with its message (not an error).
    token = {"csrf_token": csrf(buyer, url)}
    paths = [f"/my/orders/{order}/submit" for order in drafts]
    submitted = lambda path: path.removesuffix("/submit")  # noqa: E731
    meter.one(buyer, "POST", paths[0], submitted(paths[0]), data=token)  # warm-up
    timed = meter.many(buyer, "POST", paths[1:], submitted, data=token)
    rows.append(("submission (buyer)", timed, 0))
    token = {"csrf_token": csrf(approver, url)}
    paths = [f"/my/approvals/{order}/approve" for order in drafts[:repeat]]
    decided = lambda path: path.removesuffix("/approve")  # noqa: E731
    timed = meter.many(approver, "POST", paths, decided, data=token)
    rows.append(("approval (approver)", timed, 0))
    return rows


def report(args, data, rounds):
    """The table of the last round, with the queries of the first beside; the
    names of the addon's pages whose queries grew."""
    timings = data["timings"]
    first, last = timings[0], timings[-1]
    (small, small_rows), (size, rows) = rounds[0], rounds[-1]
    print(
        f"\n{size[0]} people, {size[1]} orders, {size[2]} waiting for one "
        f"approver; median of {args.repeat} requests; queries also at "
        f"{small[0]} people, {small[1]} orders"
    )
    print(
        f"Creating people in batches of {args.batch}: first batch "
        f"{first[1] / first[0] * 1000:.1f} ms a person, last batch "
        f"{last[1] / last[0] * 1000:.1f} ms a person "
        f"({sum(t for _n, t in timings):.0f} s in all)"
    )
    print(f"\n{'page':36} {'ms':>7} {'queries':>8} {'x Odoo':>7} {'small':>6}")
    grew = []
    for (name, (seconds, queries), base), small_row in zip(
        rows, small_rows, strict=True
    ):
        ratio = f"{seconds / rows[base][1][0]:.2f}" if base is not None else ""
        before = small_row[1][1]
        flag = ""
        if queries > before:
            flag = "  <- queries grow"
            if not name.startswith("Odoo "):
                grew.append(name)
        print(
            f"{name:36} {seconds * 1000:7.0f} {queries:8.0f} {ratio:>7} "
            f"{before:6.0f}{flag}"
        )
    return grew


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--data-dir")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True, help="the server's log file")
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--orders", type=int, default=100000)
    parser.add_argument("--waiting", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--small", type=int, default=10, help="the first step: 1/SMALL of each"
    )
    args = parser.parse_args()
    options = ["-c", args.config, "-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(options)
    full = (args.people, args.orders, args.waiting)
    # The small step holds more than a page of each list (people, waiting).
    small = [
        min(n, max(n // args.small, least))
        for n, least in zip(full, FLOOR, strict=True)
    ]
    sizes = [tuple(small), full]
    rounds = []
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        data = populate(env)
        spec = waiting_list_spec(env)
        for people, orders, waiting in sizes:
            grow(env, data, people=people, orders=orders, waiting=waiting, args=args)
            server, url = start_odoo(args)
            try:
                rows = measure(args, Meter(url, args.log), data, spec)
            finally:
                server.terminate()
                server.wait()
            rounds.append(((people, orders, waiting), rows))
    grew = report(args, data, rounds)
    if grew:
        print(f"\nQueries grow with the data: {', '.join(grew)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
