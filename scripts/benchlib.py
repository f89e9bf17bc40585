"""What the benchmark scripts share: a logged-in HTTP session, a median timing, and
portal logins created fast."""

import re
import statistics
import time

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
