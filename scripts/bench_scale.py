"""Time the addon's pages on a large customer, side by side with Odoo's own.

Not a test: run by ``make bench-scale`` (scripts/bench_scale.sh), which copies the
demo test database and calls this script:

    .venv/bin/python scripts/bench_scale.py -c .odoo/odoo.conf -d DB \\
        --addons-path PATH --data-dir DIR --port PORT --log odoo.log \\
        --people 5000 --orders 100000 --waiting 2000

It builds a customer company of --people sub-accounts in 50 departments (ORM, in
batches, each timed), with a budget and a purchasing rule a department, and
--orders orders over two years (rows cloned in SQL, lines and approval history
for a fraction), --waiting of them waiting for one approver. Then it starts Odoo
(threaded, log level info) on --port and requests each page 5 times with a
logged-in session: the median time, the median number of SQL queries Odoo logged
for the request, and the ratio of the time to Odoo's comparable page.
Only the loopback address is contacted.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import requests
from benchlib import create_portal_logins, login  # scripts/, next to this file
from scale_data import clone_rows

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tools import SQL

TAG = "[scale]"
PASSWORD = "scale-bench-1"  # noqa: S105 (the benchmark's own users)
DEPARTMENTS = 50
LINES_SHARE = 10  # one order in ten has its line and history rows
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_JS = re.compile(r'csrf_token["\']?\s*:\s*"([^"]+)"')
# Odoo's werkzeug line: "GET /my HTTP/1.1" 200 - <queries> <query s> <other s>
ACCESS = re.compile(r'"(?:GET|POST) (\S+) HTTP/[\d.]+" (\d+) \S+ (\d+) ')


# ----------------------------------------------------------------------
# The customer company
# ----------------------------------------------------------------------
def create_people(env, company, depts, approver, *, count, batch):
    """The sub-accounts, in batches; the seconds of each batch."""
    timings = []
    people = env["res.partner"]
    for start in range(0, count, batch):
        began = time.perf_counter()
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
                for i in range(start, min(start + batch, count))
            ]
        )
        env.flush_all()
        timings.append((min(batch, count - start), time.perf_counter() - began))
        env.cr.commit()
    return people, timings


def populate(env, args):
    cr = env.cr
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
    cr.commit()
    people, timings = create_people(
        env, company, depts, approver, count=args.people, batch=args.batch
    )
    buyer = people[0]
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
    cr.execute("SELECT max(id) FROM sale_order")
    first = cr.fetchone()[0] + 1
    began = time.perf_counter()
    clone_rows(
        cr,
        "sale_order",
        order.id,
        args.orders - 1,
        {
            "name": SQL("'SC' || lpad(n::text, 7, '0')"),
            "date_order": SQL("now() - (n %% 730) * interval '1 day'"),
            "create_date": SQL("now() - (n %% 730) * interval '1 day'"),
            "partner_id": SQL("(%s::int[])[1 + n %% %s]", people.ids, len(people)),
        },
    )
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
            cr,
            table,
            line,
            len(targets),
            {"order_id": SQL("(%s::int[])[n]", targets)},
        )
    # The approver's waiting orders: the newest.
    cr.execute(
        SQL(
            """
            UPDATE sale_order SET state = 'sent', approval_state = 'waiting',
                   approval_level = 1, current_approver_id = %s,
                   approval_requested_date = date_order
             WHERE id IN (SELECT id FROM sale_order WHERE id >= %s
                          ORDER BY date_order DESC LIMIT %s)
            """,
            approver.id,
            first,
            args.waiting,
        )
    )
    cr.execute("ANALYZE")
    cr.commit()
    print(
        f"Cloned {args.orders} orders in {time.perf_counter() - began:.1f} s",
        flush=True,
    )
    # Quotations for the buyer to submit: one a request, and their warm-up.
    drafts = env["sale.order"].create(
        [
            {
                "partner_id": buyer.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
            for _i in range(args.repeat + 1)
        ]
    )
    drafts.write({"state": "sent"})
    cr.commit()
    return {
        "timings": timings,
        "drafts": drafts.ids,
        "approver": approver.id,
    }


# ----------------------------------------------------------------------
# Odoo and the requests
# ----------------------------------------------------------------------
def start_odoo(args):
    command = [
        sys.executable,
        "-c",
        "import odoo.cli; odoo.cli.main()",
        "-c",
        args.config,
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        f"--http-port={args.port}",
        "--gevent-port=0",
        "--workers=0",
        "--max-cron-threads=0",
        f"--logfile={args.log}",
        "--log-level=info",
    ]
    if args.addons_path:
        command.append(f"--addons-path={args.addons_path}")
    if args.data_dir:
        command.append(f"--data-dir={args.data_dir}")
    server = subprocess.Popen(command)  # noqa: S603 (our own Odoo)
    url = f"http://127.0.0.1:{args.port}"
    for _i in range(180):
        try:
            requests.get(f"{url}/web/login", timeout=5)
            return server, url
        except requests.ConnectionError:
            time.sleep(1)
    server.terminate()
    raise RuntimeError("Odoo did not start")


class Meter:
    """Timings of requests and the query counts of Odoo's log for them."""

    def __init__(self, url, log):
        self.url = url
        self.log = log

    def _queries(self, offset, path):
        for _i in range(50):
            with open(self.log, encoding="utf-8", errors="replace") as log:
                log.seek(offset)
                for line in log:
                    match = ACCESS.search(line)
                    logged = re.split(r"[?#]", match.group(1))[0] if match else None
                    if logged == path.split("?")[0]:
                        return int(match.group(3))
            time.sleep(0.05)
        return -1

    def one(self, session, method, path, **kwargs):
        offset = os.path.getsize(self.log)
        began = time.perf_counter()
        response = session.request(
            method, f"{self.url}{path}", timeout=600, allow_redirects=False, **kwargs
        )
        seconds = time.perf_counter() - began
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {response.status_code}")
        return seconds, self._queries(offset, path)

    def many(self, session, method, paths, **kwargs):
        """Median seconds and queries; ``paths`` gives a path a request."""
        results = [self.one(session, method, path, **kwargs) for path in paths]
        return (
            statistics.median(r[0] for r in results),
            statistics.median(r[1] for r in results),
        )


def csrf(session, url):
    text = session.get(f"{url}/my", timeout=120).text
    match = CSRF.search(text) or CSRF_JS.search(text)
    return match.group(1)


def call_kw(model, method, args, kwargs):
    return {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
    }


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
    url, repeat = meter.url, args.repeat
    buyer = login(url, "buyer0@scale.example", PASSWORD)
    approver = login(url, "approver@scale.example", PASSWORD)
    admin = login(url, "admin@scale.example", PASSWORD)
    vendor = login(url, "admin", "admin")
    counters = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"counters": ["order_count", "quotation_count", "approval_count"]},
    }
    odoo_counters = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"counters": ["order_count", "quotation_count"]},
    }

    def get(session, path):
        session.get(f"{url}{path}", timeout=600)  # warm-up
        return meter.many(session, "GET", [path] * repeat)

    def rpc(session, path, payload):
        session.post(f"{url}{path}", json=payload, timeout=600)
        return meter.many(session, "POST", [path] * repeat, json=payload)

    rows = []
    base = get(buyer, "/my/orders")
    rows.append(("Odoo /my/orders (buyer)", base, None))
    rows.append(("/my/approvals (approver)", get(approver, "/my/approvals"), base))
    rows.append(("Odoo /my/orders (customer admin)", get(admin, "/my/orders"), base))
    rows.append(("/my/team", get(admin, "/my/team"), base))
    rows.append(
        (
            "/my/team/statistics",
            get(admin, "/my/team/statistics?date_from=2000-01-01"),
            base,
        )
    )
    rows.append(
        (
            "/my/team/statistics/export",
            get(admin, "/my/team/statistics/export?date_from=2000-01-01"),
            base,
        )
    )
    odoo_my = get(buyer, "/my")
    rows.append(("Odoo /my (buyer)", odoo_my, None))
    rows.append(("/my (approver)", get(approver, "/my"), odoo_my))
    odoo_count = rpc(buyer, "/my/counters", odoo_counters)
    rows.append(("Odoo /my/counters (buyer)", odoo_count, None))
    rows.append(
        (
            "/my/counters +approvals (approver)",
            rpc(approver, "/my/counters", counters),
            odoo_count,
        )
    )
    fields_kw = {"specification": spec, "limit": 80}
    odoo_list = rpc(
        vendor,
        "/web/dataset/call_kw/sale.order/web_search_read",
        call_kw("sale.order", "web_search_read", [], fields_kw | {"domain": []}),
    )
    rows.append(("Odoo sale.order list (vendor)", odoo_list, None))
    rows.append(
        (
            "waiting list (vendor)",
            rpc(
                vendor,
                "/web/dataset/call_kw/sale.order/web_search_read",
                call_kw(
                    "sale.order",
                    "web_search_read",
                    [],
                    fields_kw | {"domain": [("approval_state", "=", "waiting")]},
                ),
            ),
            odoo_list,
        )
    )
    # A submission and an approval: POSTs, each on an order of its own.
    drafts = data["drafts"]
    token = csrf(buyer, url)
    meter.one(
        buyer, "POST", f"/my/orders/{drafts[0]}/submit", data={"csrf_token": token}
    )
    rows.append(
        (
            "submission (buyer)",
            meter.many(
                buyer,
                "POST",
                [f"/my/orders/{order}/submit" for order in drafts[1:]],
                data={"csrf_token": token},
            ),
            base,
        )
    )
    token = csrf(approver, url)
    rows.append(
        (
            "approval (approver)",
            meter.many(
                approver,
                "POST",
                [f"/my/approvals/{order}/approve" for order in drafts[:repeat]],
                data={"csrf_token": token},
            ),
            base,
        )
    )
    return rows


def report(args, data, rows):
    timings = data["timings"]
    first, last = timings[0], timings[-1]
    print(
        f"\n{args.people} people, {args.orders} orders, {args.waiting} waiting for "
        f"one approver; median of {args.repeat} requests"
    )
    print(
        f"Creating people in batches of {args.batch}: first batch "
        f"{first[1] / first[0] * 1000:.1f} ms a person, last batch "
        f"{last[1] / last[0] * 1000:.1f} ms a person "
        f"({sum(t for _n, t in timings):.0f} s in all)"
    )
    print(f"\n{'page':40} {'ms':>8} {'queries':>8} {'x Odoo':>7}")
    for name, (seconds, queries), base in rows:
        ratio = f"{seconds / base[0]:.2f}" if base else ""
        print(f"{name:40} {seconds * 1000:8.0f} {queries:8.0f} {ratio:>7}")


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
    args = parser.parse_args()
    options = ["-c", args.config, "-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(options)
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        data = populate(env, args)
        spec = waiting_list_spec(env)
    open(args.log, "a").close()
    server, url = start_odoo(args)
    try:
        rows = measure(args, Meter(url, args.log), data, spec)
    finally:
        server.terminate()
        server.wait()
    report(args, data, rows)


if __name__ == "__main__":
    main()
