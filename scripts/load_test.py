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
from load_data import (  # scripts/, next to this file
    CHECKOUTS,
    PASSWORD,
    check,
    populate,
)

import odoo
from odoo.modules.registry import Registry

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_JS = re.compile(r'csrf_token["\']?\s*:\s*"([^"]+)"')
WAITING = re.compile(r'href="/my/approvals/(\d+)')
# Requests in flight at once, as a reverse proxy in front of Odoo would let
# through: Odoo's multi-process server queues 8 connections a worker and
# resets the others. The timings below include the wait for a place.
IN_FLIGHT = threading.BoundedSemaphore(32)


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
