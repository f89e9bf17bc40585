"""The check of ``make two-servers`` (scripts/two_servers.sh), not run by hand.

Against two Odoo servers A and B on one database, with a streaming replica:

- Anna logs in on A; B serves her portal with A's session cookie (shared sessions);
- the read-only pages (the approver's list, the statistics) on both servers: their
  request lines in the servers' logs end with the cursor mode ``ro``, and the
  replica holds connections of the database;
- Karin (Erik's substitute) approves an order on B (read/write, on the
  primary); the replica replays the primary's WAL up to that commit, and then
  shows the order approved.

Prints the timings; exits 1 on the first check that fails.
"""

import argparse
import os
import re
import sys
import time

import psycopg2
import requests

CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
WAITING = re.compile(r'href="/my/approvals/(\d+)')
ANNA = ("anna@fjord.example", "anna1234")
ERIK = ("erik@fjord.example", "erik1234")
KARIN = ("karin@fjord.example", "karin1234")  # decides for Erik, who is away
READONLY_PAGES = {ANNA: ["/my/team/statistics"], ERIK: ["/my/approvals"]}


def fail(message):
    print(f"FAILED: {message}")
    sys.exit(1)


def timed(session, method, url, **kwargs):
    began = time.perf_counter()
    response = session.request(method, url, timeout=120, **kwargs)
    elapsed = time.perf_counter() - began
    if response.status_code >= 400:
        fail(f"{method.upper()} {url}: HTTP {response.status_code}")
    return response, elapsed


def log_in(url, login, password):
    session = requests.Session()
    page, _ = timed(session, "get", f"{url}/web/login")
    response, elapsed = timed(
        session,
        "post",
        f"{url}/web/login",
        data={
            "login": login,
            "password": password,
            "csrf_token": CSRF.search(page.text).group(1),
        },
    )
    if "/web/login" in response.url:
        fail(f"{login} could not log in on {url}")
    return session, elapsed


def cursor_modes(log, path):
    """The cursor modes of the request lines for ``path`` in a server's log."""
    with open(log, encoding="utf-8") as lines:
        return [
            line.split()[-1]
            for line in lines
            if "werkzeug" in line and f'"GET {path} HTTP' in line
        ]


def lsn(cursor, query):
    cursor.execute(f"SELECT {query} - '0/0'::pg_lsn")
    return int(cursor.fetchone()[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("db", "url-a", "url-b", "log-a", "log-b", "data-dir"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--primary-port", type=int, required=True)
    parser.add_argument("--replica-port", type=int, required=True)
    args = parser.parse_args()
    servers = {"A": (args.url_a, args.log_a), "B": (args.url_b, args.log_b)}
    connect = {
        "dbname": args.db,
        "host": "localhost",
        "user": os.environ.get("PGUSER") or "odoo",
        "password": os.environ.get("PGPASSWORD") or "odoo",
    }
    session = check_shared_sessions(args)
    check_readonly(args, servers, connect, session)
    check_decision(args, connect)
    print("two servers, one database, a replica: all checks passed")


def check_shared_sessions(args):
    """Logged in on A, known on B."""
    session, elapsed = log_in(args.url_a, *ANNA)
    print(f"Anna logs in on A: {elapsed * 1000:.0f} ms")
    sessions_dir = os.path.join(args.data_dir, "sessions")
    if not os.path.isdir(sessions_dir):
        fail(f"no sessions under {sessions_dir}")
    response, elapsed = timed(session, "get", f"{args.url_b}/my")
    if "/web/login" in response.url:
        fail("B does not know A's session")
    print(f"B serves /my with A's session cookie: {elapsed * 1000:.0f} ms")
    return session


def check_readonly(args, servers, connect, session):
    """The read-only pages on both servers, on the replica."""
    sessions = {ANNA: {"A": session}, ERIK: {}}
    for user in (ANNA, ERIK):
        for name, (url, _log) in servers.items():
            if name not in sessions[user]:
                sessions[user][name], _ = log_in(url, *user)
            for path in READONLY_PAGES[user]:
                times = []
                for _i in range(5):
                    _, elapsed = timed(sessions[user][name], "get", f"{url}{path}")
                    times.append(elapsed * 1000)
                times.sort()
                print(
                    f"{name} {path} as {user[0]}: median {times[2]:.0f} ms, "
                    f"best {times[0]:.0f} ms (5 requests)"
                )
    time.sleep(1)  # the log lines
    for name, (_url, log) in servers.items():
        for paths in READONLY_PAGES.values():
            for path in paths:
                modes = cursor_modes(log, path)
                if not modes or set(modes) != {"ro"}:
                    fail(f"{name} {path}: cursor modes {modes}, expected only ro")
                print(f"{name} log: {len(modes)} x GET {path} ... ro")
    with psycopg2.connect(port=args.replica_port, **connect) as replica:
        replica.autocommit = True
        cursor = replica.cursor()
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [args.db]
        )
        print(f"Replica: {cursor.fetchone()[0]} connections to {args.db}")


def check_decision(args, connect):
    """A decision on B, on the primary; the replica catches up."""
    karin, _ = log_in(args.url_b, *KARIN)
    page, _ = timed(karin, "get", f"{args.url_b}/my/approvals")
    waiting = sorted(set(map(int, WAITING.findall(page.text))))
    if not waiting:
        fail("Karin has no order waiting")
    order_id = waiting[0]
    order_page, _ = timed(karin, "get", f"{args.url_b}/my/approvals/{order_id}")
    _, elapsed = timed(
        karin,
        "post",
        f"{args.url_b}/my/approvals/{order_id}/approve",
        data={"csrf_token": CSRF.search(order_page.text).group(1)},
        allow_redirects=False,
    )
    print(f"Karin approves order {order_id} on B: {elapsed * 1000:.0f} ms")
    time.sleep(1)  # the log line
    with open(args.log_b, encoding="utf-8") as lines:
        modes = [
            line.split()[-1]
            for line in lines
            if f'"POST /my/approvals/{order_id}/approve HTTP' in line
        ]
    if modes != ["rw"]:
        fail(f"B POST approve: cursor modes {modes}, expected rw")
    print("B log: POST .../approve ... rw (the primary)")
    with (
        psycopg2.connect(port=args.primary_port, **connect) as primary,
        psycopg2.connect(port=args.replica_port, **connect) as replica,
    ):
        primary.autocommit = replica.autocommit = True
        target = lsn(primary.cursor(), "pg_current_wal_lsn()")
        began = time.perf_counter()
        while lsn(replica.cursor(), "pg_last_wal_replay_lsn()") < target:
            if time.perf_counter() - began > 30:
                fail("the replica did not catch up in 30 s")
            time.sleep(0.001)
        caught_up = time.perf_counter() - began
        states = []
        for connection in (primary, replica):
            cursor = connection.cursor()
            cursor.execute(
                "SELECT approval_state FROM sale_order WHERE id = %s", [order_id]
            )
            states.append(cursor.fetchone()[0])
    print(
        f"Replica replayed the primary's WAL within {caught_up * 1000:.1f} ms; "
        f"order {order_id}: {states[0]} on the primary, {states[1]} on the replica"
    )
    if states[0] != states[1]:
        fail("the replica shows another state")


if __name__ == "__main__":
    main()
