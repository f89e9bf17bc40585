"""What the benchmark scripts share: a logged-in HTTP session and a median timing."""

import re
import statistics
import time

import requests


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
