"""What the benchmark scripts share: a logged-in HTTP session, a median timing,
portal logins created fast; for bench_scale.py, rows cloned in SQL, Odoo started
on a port, and a meter of requests that checks each was served as asked."""

import os
import re
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

import requests
from passlib.hash import pbkdf2_sha512


def login(url, user, password):
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{url}/web/login",
        data={"login": user, "password": password, "csrf_token": token},
        timeout=30,
    )
    if (
        not session.cookies.get("session_id")
        or "/web/login" in session.get(f"{url}/my", timeout=120).url
    ):
        raise RuntimeError(f"{user} could not log in")
    return session


def measure(session, url, path, repeat, warm_up=False):
    """The median time of ``repeat`` requests of ``path``, in seconds."""
    if warm_up:
        session.get(f"{url}{path}", timeout=120).raise_for_status()
    timings = []
    for _i in range(repeat):
        start = time.perf_counter()
        response = session.get(f"{url}{path}", timeout=120)
        timings.append(time.perf_counter() - start)
        response.raise_for_status()
    return statistics.median(timings)


def create_portal_logins(env, partners, password):
    """Portal users for ``partners``, all with ``password``: one hash of few rounds
    written in SQL, since the logins are not what is measured."""
    # Imported here: the HTTP-only benchmarks import this module before (or
    # without) setting up Odoo.
    from odoo import Command  # noqa: PLC0415

    portal = env.ref("base.group_portal")
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "login": partner.email,
                    "partner_id": partner.id,
                    "group_ids": [Command.set(portal.ids)],
                }
                for partner in partners
            ]
        )
    )
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE id IN %s",
        (pbkdf2_sha512.using(rounds=1000).hash(password), tuple(users.ids)),
    )
    return users


# ----------------------------------------------------------------------
# bench_scale.py: rows cloned in SQL, Odoo started on a port, requests timed
# with the queries Odoo logged for them
# ----------------------------------------------------------------------
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CSRF_JS = re.compile(r'csrf_token["\']?\s*:\s*"([^"]+)"')
# Odoo's werkzeug line: "GET /my HTTP/1.1" 200 - <queries> <query s> <other s>
ACCESS = re.compile(r'"(?:GET|POST) (\S+) HTTP/[\d.]+" (\d+) \S+ (\d+) ')


def start_odoo(args):
    """Odoo on the loopback port ``args.port`` (threaded, log level info, the
    log in ``args.log``): (the process, its URL)."""
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
    open(args.log, "a").close()
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


class NotServed(RuntimeError):
    """A timed request was not served as asked (an error, a redirect to the
    login page, a refused action): its time would mean nothing."""


class Meter:
    """Timings of requests and the query counts of Odoo's log for them. Each
    request must be served as asked: a GET with status 200 at the very URL
    requested (no redirect), a POST with the redirect ``redirect`` names (a
    prefix of its Location) and no error notice."""

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

    def check(self, response, method, path, redirect=None):
        """Raise NotServed unless ``response`` is what ``path`` asked for."""
        asked = f"{self.url}{path}"
        status = response.status_code
        where = response.headers.get("Location", "")
        if redirect is None:
            served = status == 200 and response.url == asked and not response.history
            problem = f"HTTP {status} at {response.url}" + (
                f" -> {where}" if where else ""
            )
            if served and "json" in response.headers.get("Content-Type", ""):
                answer = response.json()  # JSON-RPC: an error comes with 200
                served = not (isinstance(answer, dict) and answer.get("error"))
                problem = f"error {str(answer)[:300]}"
        else:
            location = urlsplit(where)
            served = (
                status in (301, 302, 303)
                and location.path.startswith(redirect)
                and "error=" not in location.query
            )
            problem = f"HTTP {status} -> {where or 'no redirect'}"
        if not served:
            raise NotServed(f"{method} {path} was not served as asked: {problem}")

    def one(self, session, method, path, redirect=None, **kwargs):
        offset = os.path.getsize(self.log)
        began = time.perf_counter()
        response = session.request(
            method, f"{self.url}{path}", timeout=600, allow_redirects=False, **kwargs
        )
        seconds = time.perf_counter() - began
        self.check(response, method, path, redirect)
        return seconds, self._queries(offset, path)

    def many(self, session, method, paths, redirect=None, **kwargs):
        """Median seconds and queries; ``paths`` gives a path a request;
        ``redirect``: a function of the path, the redirect expected."""
        results = [
            self.one(
                session, method, path, redirect(path) if redirect else None, **kwargs
            )
            for path in paths
        ]
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
