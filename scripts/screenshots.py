"""Screenshots of the addon's pages for static/description/, taken from the demo.

Called by scripts/screenshots.sh (`make screenshots`), which serves the demo
database; this script logs in as each demo role, drives a headless Chromium over
the DevTools protocol and writes static/description/screenshots/<page>_<size>.png.

    python scripts/screenshots.py --url http://127.0.0.1:8075 --db wsca_screenshots
"""

import argparse
import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path
from urllib.parse import urlparse

import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "description" / "screenshots"
MODULE = "website_sale_customer_approval"

# The window of each size (CSS pixels) and the heights a picture is held between.
SIZES = {
    "desktop": {
        "width": 1280,
        "height": 800,
        "min_height": 360,
        "max_height": 1500,
        "mobile": False,
    },
    "phone": {
        "width": 390,
        "height": 844,
        "min_height": 400,
        "max_height": 2000,
        "mobile": True,
    },
}
PHONE_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
LOGINS = {
    "admin": "admin",
    "anna@fjord.example": "anna1234",
    "erik@fjord.example": "erik1234",
    "karin@fjord.example": "karin1234",
    "lars@fjord.example": "lars1234",
    "maja@fjord.example": "maja1234",
}

# Runs in the page before capture: no website footer, cookie bar, chat button or
# chatter below the backoffice form.
TIDY_PAGE = """
document.querySelectorAll(
    'footer, #footer, #website_cookies_bar, .o_livechat_button, .o-mail-Form-chatter'
).forEach(el => el.remove());
"""
CONTENT_HEIGHT = """
Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)
"""
ELEMENT_BOTTOM = """
document.querySelector(%s)?.getBoundingClientRect().bottom
"""
CLICK_TAB = """
(() => {
    const tab = [...document.querySelectorAll('.o_notebook .nav-link')]
        .find(a => a.textContent.trim() === %s);
    if (tab) { tab.click(); }
    return Boolean(tab);
})()
"""


def log(message):
    print("==> " + message, flush=True)


def login(url, db, user):
    """A requests session logged in as user (the session_id cookie is Odoo's)."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", params={"db": db}, timeout=60)
    page.raise_for_status()
    token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
    if not token:
        sys.exit("No csrf_token on /web/login")
    answer = session.post(
        f"{url}/web/login",
        data={
            "csrf_token": token.group(1),
            "login": user,
            "password": LOGINS[user],
            "redirect": "/my",
        },
        timeout=60,
    )
    answer.raise_for_status()
    if "/web/login" in answer.url:
        sys.exit(f"Login of {user} failed")
    return session


def jsonrpc(session, url, route, **params):
    answer = session.post(
        url + route,
        json={"jsonrpc": "2.0", "method": "call", "params": params},
        timeout=60,
    )
    answer.raise_for_status()
    body = answer.json()
    if "error" in body:
        sys.exit(f"{route}: {body['error'].get('data', {}).get('message')}")
    return body.get("result")


class Admin:
    """XML-RPC as the demo's admin: the ids of demo records."""

    def __init__(self, url, db):
        self.db = db
        uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            db, "admin", LOGINS["admin"], {}
        )
        if not uid:
            sys.exit("XML-RPC login of admin failed")
        self.uid = uid
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, LOGINS["admin"], model, method, list(args), kwargs
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call(
            "ir.model.data",
            "search_read",
            [["module", "=", module], ["name", "=", name]],
            fields=["res_id"],
        )
        if not rows:
            sys.exit(f"No record {xmlid} in the demo database")
        return rows[0]["res_id"]


class Browser:
    """A headless Chromium driven over the DevTools protocol."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="wsca-shots-")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = websocket.create_connection(
            self._page_socket(port), timeout=60, suppress_origin=True
        )
        self.next_id = 0
        self.events = []
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")

    def _page_socket(self, port):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=2)
                for target in targets.json():
                    if target.get("type") == "page":
                        return target["webSocketDebuggerUrl"]
            except (requests.ConnectionError, ValueError):
                pass
            time.sleep(0.3)
        sys.exit("Chromium did not open its DevTools port")

    def send(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(
            json.dumps({"id": message_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    sys.exit(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message["method"])

    def wait_event(self, name, timeout):
        deadline = time.monotonic() + timeout
        self.socket.settimeout(1)
        try:
            while time.monotonic() < deadline:
                if name in self.events:
                    return True
                try:
                    message = json.loads(self.socket.recv())
                except websocket.WebSocketTimeoutException:
                    continue
                if "method" in message:
                    self.events.append(message["method"])
        finally:
            self.socket.settimeout(60)
        return False

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        return result.get("result", {}).get("value")

    def use_session(self, url, session):
        host = urlparse(url).hostname
        self.send("Network.clearBrowserCookies")
        self.send(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain=host,
            path="/",
            httpOnly=True,
        )

    def _metrics(self, spec, height):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=spec["width"],
            height=height,
            deviceScaleFactor=1,
            mobile=spec["mobile"],
        )

    def shoot(self, url, page, size):
        spec = SIZES[size]
        tab = page.get("tab")
        height = page.get("window_height", spec["height"])
        self._metrics(spec, height)
        self.send(
            "Emulation.setUserAgentOverride",
            userAgent=PHONE_AGENT if spec["mobile"] else "",
        )
        self.events.clear()
        self.send("Page.navigate", url=url + page["path"])
        self.wait_event("Page.loadEventFired", 60)
        time.sleep(page.get("settle", 2))
        if tab:
            if not self.evaluate(CLICK_TAB % json.dumps(tab)):
                log(f"  (no tab {tab!r} on {page['path']})")
            time.sleep(1.0)
        self.evaluate(TIDY_PAGE)
        tallest = page.get("max_height", {}).get(size, spec["max_height"])
        if page.get("bottom_of"):
            # The web client fills the window and scrolls inside its own panes:
            # a tall window, then down to the bottom of the element named.
            self._metrics(spec, tallest)
            time.sleep(1.0)
            bottom = self.evaluate(ELEMENT_BOTTOM % json.dumps(page["bottom_of"]))
            content = int(bottom or height) + 16
        else:
            # The content's height, measured in a low window: pages stretch to
            # at least the window's height.
            self._metrics(spec, 100)
            time.sleep(0.5)
            content = int(self.evaluate(CONTENT_HEIGHT) or height)
        height = max(min(content, tallest), spec["min_height"])
        self._metrics(spec, height)
        time.sleep(0.5)
        data = self.send(
            "Page.captureScreenshot",
            format="png",
            clip={
                "x": 0,
                "y": 0,
                "width": spec["width"],
                "height": height,
                "scale": 1,
            },
        )["data"]
        path = OUT / f"{page['name']}_{size}.png"
        path.write_bytes(base64.b64decode(data))
        log(f"  {path.relative_to(ROOT)} ({spec['width']}x{height})")

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def pages(waiting, shopping_list, department):
    """What to take: name, login, path; optionally the seconds to wait after the
    load, the notebook tab to click, the sizes and the tallest picture of each."""
    return [
        {
            "name": "checkout_submit",
            "user": "maja@fjord.example",
            "path": "/shop/payment",
        },
        # Erik is away in the demo: Karin, his substitute, has his orders.
        {"name": "approvals", "user": "karin@fjord.example", "path": "/my/approvals"},
        {
            "name": "approval_decision",
            "user": "karin@fjord.example",
            "path": f"/my/approvals/{waiting}",
        },
        {
            "name": "order_buyer",
            "user": "maja@fjord.example",
            "path": f"/my/orders/{waiting}",
            # Down to the order's lines, without the chatter.
            "max_height": {"desktop": 875, "phone": 1600},
        },
        {"name": "team", "user": "anna@fjord.example", "path": "/my/team"},
        {
            "name": "absent_approver",
            "user": "erik@fjord.example",
            "path": "/my/approvals",
        },
        {
            "name": "shopping_list",
            "user": "lars@fjord.example",
            "path": f"/my/lists/{shopping_list}",
        },
        {
            "name": "team_statistics",
            "user": "anna@fjord.example",
            "path": "/my/team/statistics",
            "settle": 3,  # the chart is drawn after the page
        },
        {
            "name": "team_department",
            "user": "anna@fjord.example",
            "path": f"/my/team/departments/{department}",
        },
        # Maja's cart says before checkout why it will need approval.
        {"name": "cart_notice", "user": "maja@fjord.example", "path": "/shop/cart"},
        {
            "name": "backoffice_order",
            "user": "admin",
            "path": f"/odoo/customer-approvals/{waiting}",
            "settle": 8,  # the web client loads its assets, then the record
            "tab": "Customer approval",
            "sizes": ["desktop"],  # the backoffice is a desktop tool
            "bottom_of": ".o_form_sheet",
        },
    ]


def fill_cart(url, admin, session):
    """Maja's cart: 7 corner desks, above her breakpoint of 500."""
    product_id = admin.ref("product.product_product_13")
    template_id = admin.call(
        "product.product", "read", [product_id], fields=["product_tmpl_id"]
    )[0]["product_tmpl_id"][0]
    jsonrpc(session, url, "/shop/cart/clear")
    jsonrpc(
        session,
        url,
        "/shop/cart/add",
        product_template_id=template_id,
        product_id=product_id,
        quantity=7,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--only", help="only the pages whose name contains this")
    args = parser.parse_args()
    url = args.url.rstrip("/")

    admin = Admin(url, args.db)
    waiting = admin.ref(f"{MODULE}.sale_order_maja_waiting")
    shopping_list = admin.ref(f"{MODULE}.shopping_list_workshop_consumables")
    department = admin.ref(f"{MODULE}.department_fjord_logistics")
    sessions = {user: login(url, args.db, user) for user in LOGINS}
    fill_cart(url, admin, sessions["maja@fjord.example"])

    OUT.mkdir(parents=True, exist_ok=True)
    browser = Browser(args.chromium)
    try:
        for page in pages(waiting, shopping_list, department):
            if args.only and args.only not in page["name"]:
                continue
            log(f"{page['name']}: {page['path']} as {page['user']}")
            browser.use_session(url, sessions[page["user"]])
            for size in page.get("sizes", SIZES):
                browser.shoot(url, page, size)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
