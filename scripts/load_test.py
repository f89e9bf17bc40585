"""Load test: many buyers of one company check out at once while approvers decide.

Not a test of the suite: run by ``make load-test`` (scripts/load_test.sh), which
copies the demo test database, serves it with 4 workers and calls this script:

    .venv/bin/python scripts/load_test.py -c .odoo/odoo.conf -d DB \\
        --addons-path PATH --url http://127.0.0.1:PORT --log odoo.log \\
        --buyers 200 --approvers 10

It creates (in batches, passwords in SQL) a customer company with approvers,
buyers in departments, a budget per person and per department that refuse what
is over them, and a company-wide rule of the number of orders. Then each buyer,
a thread with a session of its own, checks out twice through the shop (cart,
payment step, "Submit for approval"), while each approver decides the orders
waiting on /my/approvals (one in ten rejected). Afterwards it checks that no
request failed, that every submitted order is there and released at most once,
that no budget or rule is over-spent, and prints the median and 95th percentile
of the submission and the approval, and the ERROR lines of the server's log.

Threads and requests rather than Locust: the run is a fixed set of journeys
with checks of the database afterwards, not a sustained rate; requests is
already installed, while Locust would bring its own Flask, Werkzeug and gevent
versions into the environment that runs Odoo.

Only the loopback address given by --url is contacted.
"""

import argparse
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter

import requests
from benchlib import create_portal_logins  # scripts/, next to this file

import odoo
from odoo import api
from odoo.modules.registry import Registry

TAG = "[load]"
PASSWORD = "load-test-1"  # noqa: S105 (the load test's own users)
PRICE = 100.0
CHECKOUTS = 2  # per buyer
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_JS = re.compile(r'csrf_token["\']?\s*:\s*"([^"]+)"')
WAITING = re.compile(r'href="/my/approvals/(\d+)')
# Requests in flight at once, as a reverse proxy in front of Odoo would let
# through: Odoo's multi-process server queues 8 connections a worker and
# resets the others. The timings below include the wait for a place.
IN_FLIGHT = threading.BoundedSemaphore(32)


# ----------------------------------------------------------------------
# The customer company
# ----------------------------------------------------------------------
def populate(registry, buyers, approvers, departments):
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        partners = env["res.partner"]
        run = f"{time.time():.0f}"  # a run's logins are its own
        country = env.ref("base.se")
        address = {
            "street": "Storgatan 1",
            "city": "Uppsala",
            "zip": "75320",
            "country_id": country.id,
            "phone": "+46 18 000 00 00",
        }
        company = partners.create(
            {
                "name": f"Load Test AB {TAG}",
                "is_company": True,
                "tz": "Europe/Stockholm",
            }
            | address
        )
        depts = env["customer.department"].create(
            [
                {"name": f"Dept {d}", "code": f"D{d}", "company_partner_id": company.id}
                for d in range(departments)
            ]
        )
        approver_partners = partners.create(
            [
                {
                    "name": f"Load Approver {a}",
                    "email": f"approver{a}.{run}@load.example",
                    "parent_id": company.id,
                    "is_order_approver": True,
                }
                | address
                for a in range(approvers)
            ]
        )
        buyer_partners = partners.create(
            [
                {
                    "name": f"Load Buyer {b}",
                    "email": f"buyer{b}.{run}@load.example",
                    "parent_id": company.id,
                    "approval_mode": "always",
                    "next_approver_id": approver_partners[b % approvers].id,
                    "customer_department_id": depts[b % departments].id,
                }
                | address
                for b in range(buyers)
            ]
        )
        create_portal_logins(env, approver_partners | buyer_partners, PASSWORD)
        # What each may spend: 1.5 orders a person, 3/4 of the department's
        # wishes a department: some checkouts are refused, none over-spends.
        per_department = -(-buyers // departments)
        env["customer.budget"].create(
            [
                {"partner_id": p.id, "amount": 1.5 * PRICE, "exceeded_action": "refuse"}
                for p in buyer_partners
            ]
            + [
                {
                    "department_id": d.id,
                    "amount": PRICE * int(0.75 * per_department),
                    "exceeded_action": "refuse",
                }
                for d in depts
            ]
        )
        env["customer.purchasing.rule"].create(
            {
                "company_partner_id": company.id,
                "rule_type": "order_count",
                "scope": "company",
                "max_orders": CHECKOUTS,
                "period": "month",
                "exceeded_action": "refuse",
            }
        )
        product = env["product.product"].create(
            {
                "name": f"Load widget {TAG}",
                "list_price": PRICE,
                "taxes_id": [],
                "sale_ok": True,
                "is_published": True,
            }
        )
        cr.commit()
        return {
            "company": company.id,
            "product": product.id,
            "template": product.product_tmpl_id.id,
            "buyers": buyer_partners.mapped("email"),
            "approvers": approver_partners.mapped("email"),
        }


# ----------------------------------------------------------------------
# HTTP
# ----------------------------------------------------------------------
class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = {"submission": [], "approval": []}
        self.failures = []
        self.outcomes = Counter()
        self.submitted = Counter()  # buyer login: orders submitted
        self.decided = {}  # order id: decision the approver was told succeeded

    def time(self, kind, seconds):
        with self.lock:
            self.timings[kind].append(seconds)

    def fail(self, what):
        with self.lock:
            self.failures.append(what)


def csrf_of(text):
    match = CSRF.search(text) or CSRF_JS.search(text)
    return match and match.group(1)


def session_for(url, login, stats):
    session = requests.Session()
    # One request a connection: a worker does not wait for a next request.
    session.headers["Connection"] = "close"
    page = request(session, "get", f"{url}/web/login", stats)
    response = request(
        session,
        "post",
        f"{url}/web/login",
        stats,
        data={"login": login, "password": PASSWORD, "csrf_token": csrf_of(page.text)},
    )
    if "/web/login" in response.url:
        raise RuntimeError(f"{login} could not log in")
    return session


def request(session, method, url, stats, **kwargs):
    """One request; a network error, a timeout or a status >= 400 is a failure."""
    kwargs.setdefault("timeout", 300)
    try:
        with IN_FLIGHT:
            response = session.request(method, url, **kwargs)
    except requests.RequestException as error:
        stats.fail(f"{method.upper()} {url}: {error!r}")
        raise
    if response.status_code >= 400:
        stats.fail(f"{method.upper()} {url}: HTTP {response.status_code}")
        raise RuntimeError(f"HTTP {response.status_code}")
    return response


def buyer_journey(url, login, data, stats, start_gate):
    start_gate.wait()
    time.sleep(random.uniform(0, 5))  # noqa: S311 (arrivals within seconds)
    try:
        session = session_for(url, login, stats)
        for _checkout in range(CHECKOUTS):
            request(
                session,
                "post",
                f"{url}/shop/cart/add",
                stats,
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "product_template_id": data["template"],
                        "product_id": data["product"],
                        "quantity": 1,
                    },
                },
            )
            page = request(session, "get", f"{url}/shop/payment", stats)
            if "/shop/submit_for_approval" not in page.text:
                # A rule or budget refuses the cart: the cart says why.
                with stats.lock:
                    stats.outcomes["refused at the cart"] += 1
                return
            began = time.perf_counter()
            response = request(
                session,
                "post",
                f"{url}/shop/submit_for_approval",
                stats,
                data={"csrf_token": csrf_of(page.text)},
                allow_redirects=False,
            )
            stats.time("submission", time.perf_counter() - began)
            target = response.headers.get("Location", "")
            if "/shop/approval/submitted" in target:
                with stats.lock:
                    stats.outcomes["submitted"] += 1
                    stats.submitted[login] += 1
            else:
                with stats.lock:
                    stats.outcomes["refused at submission"] += 1
                return
            time.sleep(random.uniform(0, 2))  # noqa: S311 (think time)
    except Exception as error:
        if not any(login in f for f in stats.failures):
            stats.fail(f"{login}: {error!r}")


def approver_loop(url, login, stats, buyers_done, start_gate):
    start_gate.wait()
    try:
        session = session_for(url, login, stats)
        idle = 0
        while idle < 3:
            page = request(session, "get", f"{url}/my/approvals", stats)
            waiting = sorted(set(map(int, WAITING.findall(page.text))))
            waiting = [i for i in waiting if i not in stats.decided]
            if not waiting:
                idle = idle + 1 if buyers_done.is_set() else 0
                time.sleep(1)
                continue
            idle = 0
            for order_id in waiting:
                order_page = request(
                    session, "get", f"{url}/my/approvals/{order_id}", stats
                )
                if f"/my/approvals/{order_id}/approve" not in order_page.text:
                    continue  # decided meanwhile
                decision = "reject" if order_id % 10 == 0 else "approve"
                began = time.perf_counter()
                response = request(
                    session,
                    "post",
                    f"{url}/my/approvals/{order_id}/{decision}",
                    stats,
                    data={
                        "csrf_token": csrf_of(order_page.text),
                        "reason": "Not this month (load test)",
                    },
                    allow_redirects=False,
                )
                stats.time("approval", time.perf_counter() - began)
                target = response.headers.get("Location", "")
                with stats.lock:
                    if "error=" in target:
                        stats.outcomes[f"{decision}: refused"] += 1
                    else:
                        stats.outcomes[f"{decision}: done"] += 1
                        stats.decided[order_id] = decision
    except Exception as error:
        stats.fail(f"{login}: {error!r}")


# ----------------------------------------------------------------------
# Checks afterwards
# ----------------------------------------------------------------------
def check(registry, data, stats):
    problems = []
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        company = env["res.partner"].browse(data["company"])
        orders = env["sale.order"].search([("partner_id.parent_id", "=", company.id)])
        submitted = orders.filtered(
            lambda o: "submitted" in o.approval_history_ids.mapped("decision")
        )
        per_buyer = Counter(order.partner_id.email for order in submitted)
        if per_buyer != stats.submitted:
            problems.append(
                f"orders lost or unknown: server {sum(per_buyer.values())}, "
                f"buyers told {sum(stats.submitted.values())}"
            )
            for login in set(per_buyer) | set(stats.submitted):
                if per_buyer[login] != stats.submitted[login]:
                    problems.append(
                        f"  {login}: server {per_buyer[login]}, told "
                        f"{stats.submitted[login]}, orders "
                        + ", ".join(
                            f"{o.name} {o.state}/{o.approval_state}"
                            for o in orders.filtered(
                                lambda o, e=login: o.partner_id.email == e
                            )
                        )
                    )
        for order in submitted:
            released = order.approval_history_ids.mapped("decision").count("released")
            if released > 1:
                problems.append(f"{order.name} released {released} times")
            told = stats.decided.get(order.id)
            if told == "approve" and order.state != "sale":
                problems.append(f"{order.name} approved but {order.state}")
            if told == "reject" and order.approval_state != "rejected":
                problems.append(f"{order.name} rejected but {order.approval_state}")
        waiting = submitted.filtered(lambda o: o.approval_state == "waiting")
        budgets = env["customer.budget"].search(
            [("company_partner_id", "=", company.id)]
        )
        for budget, spent in budgets._get_spending().items():
            if budget.currency_id.compare_amounts(spent, budget.amount) > 0:
                problems.append(f"budget {budget.name} over-spent: {spent}")
        rule = env["customer.purchasing.rule"].search(
            [("company_partner_id", "=", company.id)]
        )
        for buyer in submitted.partner_id:
            spending = orders.filtered(
                lambda o, b=buyer: o.partner_id == b and o.customer_counts_as_spent
            )
            if len(spending) > rule.max_orders:
                problems.append(f"{buyer.name}: {len(spending)} orders")
        return problems, len(submitted), len(waiting), len(budgets)


def percentile(values, share):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(args, elapsed, checked, stats):
    """Print the figures and what went wrong; 0 when nothing did."""
    problems, submitted, waiting, budgets = checked
    with open(args.log, encoding="utf-8", errors="replace") as log:
        lines = log.readlines()
    errors = [line for line in lines if " ERROR " in line]
    serialize = sum("could not serialize" in line for line in lines)
    retried = sum("tries left" in line for line in lines)
    # The expected conflicts, at DEBUG (scripts/load_test.sh asks for them).
    conflicts = Counter(
        line.split("Spending ")[1].split(" ")[0]
        for line in lines
        if " DEBUG " in line and "at the same moment" in line
    )

    print(
        f"\n{args.buyers} buyers x {CHECKOUTS} checkouts, {args.approvers} approvers, "
        f"4 workers: {elapsed:.0f} s"
    )
    for outcome, count in sorted(stats.outcomes.items()):
        print(f"  {outcome:24} {count}")
    for kind, values in stats.timings.items():
        median = statistics.median(values) if values else float("nan")
        print(
            f"  {kind:11} n={len(values):4}  p50 {median:.3f} s"
            f"  p95 {percentile(values, 0.95):.3f} s"
            f"  max {max(values, default=float('nan')):.3f} s"
        )
    print(f"  failed requests          {len(stats.failures)}")
    for failure in stats.failures[:10]:
        print(f"    {failure}")
    print(f"  orders submitted         {submitted} (left waiting: {waiting})")
    print(f"  budgets checked          {budgets}")
    print(f"  problems                 {len(problems)}")
    for problem in problems[:20]:
        print(f"    {problem}")
    print(f"  ERROR lines in the log   {len(errors)}")
    for line in errors[:10]:
        print(f"    {line.rstrip()}")
    print(
        f"  'could not serialize' lines {serialize}, retries by Odoo (INFO) {retried}"
    )
    print(f"  conflicts at DEBUG, by lock table: {dict(conflicts) or 0}")
    ok = not (stats.failures or problems or errors)
    print("\nOK" if ok else "\nFAILED")
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path")
    parser.add_argument("--url", required=True)
    parser.add_argument("--log", required=True, help="the server's log file")
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--approvers", type=int, default=10)
    parser.add_argument("--departments", type=int, default=10)
    args = parser.parse_args()
    options = ["-c", args.config, "-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(options)
    registry = Registry(args.database)

    began = time.perf_counter()
    data = populate(registry, args.buyers, args.approvers, args.departments)
    print(
        f"Created {args.buyers} buyers and {args.approvers} approvers in "
        f"{time.perf_counter() - began:.1f} s"
    )

    stats = Stats()
    start_gate = threading.Event()
    buyers_done = threading.Event()
    buyers = [
        threading.Thread(
            target=buyer_journey, args=(args.url, login, data, stats, start_gate)
        )
        for login in data["buyers"]
    ]
    approvers = [
        threading.Thread(
            target=approver_loop, args=(args.url, login, stats, buyers_done, start_gate)
        )
        for login in data["approvers"]
    ]
    for thread in buyers + approvers:
        thread.start()
    began = time.perf_counter()
    start_gate.set()
    for thread in buyers:
        thread.join()
    buyers_done.set()
    for thread in approvers:
        thread.join()
    elapsed = time.perf_counter() - began

    return report(args, elapsed, check(registry, data, stats), stats)


if __name__ == "__main__":
    sys.exit(main())
