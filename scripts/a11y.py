"""Accessibility audit of the addon's pages with axe-core (WCAG 2.1 A/AA).

Called by scripts/a11y.sh (`make a11y`), which serves a demo database and
installs axe-core (scripts/a11y/package.json) with `npm ci`; this script logs in
as each demo role, opens each page in headless Chromium at 1280 and 390 px
(scripts/screenshots.py's Browser), injects axe-core, runs the rules tagged
wcag2a, wcag2aa, wcag21a and wcag21aa and prints one row a page, role and width.

It fails (exit status 1) on any critical or serious violation on a page the
addon renders, and on an Odoo page the addon changes where a rule finds more
critical or serious elements than scripts/a11y/baseline.json records (Odoo's
own findings on that page; --write-baseline records them anew). Addon pages are
audited without Odoo's site header and footer, which count on the Odoo pages.

What the baseline holds, all in Odoo's own markup (website_sale 19.0): the
header's cart link whose name differs from its text (label-content-name-mismatch),
the shop's price range and category radios without labels and its search icons
(label, role-img-alt), the product page's link told by colour, the checkout
steps' muted step names (color-contrast), the cart's quantity field (label), the
checkout's "Add an address" buttons and its summary arrow icon.

    python scripts/a11y.py --url http://127.0.0.1:8076 --db wsca_a11y
"""

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import a11y_keyboard  # scripts/, next to this file
from a11y_demo import demo_refs, start_order_for, submit_and_find_link
from a11y_pages import Page, pages
from screenshots import LOGINS, PHONE_AGENT, Admin, Browser, fill_cart, log, login

HERE = Path(__file__).resolve().parent
AXE = HERE / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BASELINE = HERE / "a11y" / "baseline.json"

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = ["critical", "serious", "moderate", "minor"]
BLOCKING = {"critical", "serious"}
WIDTHS = {1280: (800, False), 390: (844, True)}
ROLES = {
    "anna@fjord.example": "customer admin",
    "karin@fjord.example": "approver",
    "erik@fjord.example": "approver (away), department manager",
    "maja@fjord.example": "buyer",
    "lars@fjord.example": "buyer (contract)",
    None: "public",
}

# An addon page is audited without Odoo's own site header and footer, which it
# does not change (they count on the Odoo pages, against the baseline).
ODOO_CHROME = [["header#top"], ["footer#bottom"]]


RUN_AXE = """
axe.run(%s, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
    .then(result => result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ')),
        html: v.nodes.map(n => n.html.slice(0, 300)),
        data: v.nodes.map(n => (n.any[0] || n.all[0] || n.none[0] || {}).data || null),
    })))
"""


class Auditor:
    """The browser, axe-core's source and the baseline: one result a page and
    width."""

    def __init__(self, browser, url, axe_source, baseline):
        self.browser = browser
        self.url = url
        self.axe_source = axe_source
        self.baseline = baseline

    def run_axe(self, page, width):
        browser = self.browser
        height, mobile = WIDTHS[width]
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        browser.send(
            "Emulation.setUserAgentOverride", userAgent=PHONE_AGENT if mobile else ""
        )
        browser.events.clear()
        browser.send("Page.navigate", url=self.url + page.path)
        browser.wait_event("Page.loadEventFired", 60)
        time.sleep(1.0)  # the frontend's interactions (the chart) start after the load
        if not browser.evaluate("typeof axe !== 'undefined'"):
            browser.evaluate(self.axe_source)
        context = "document"
        if page.kind == "addon":
            context = json.dumps({"exclude": ODOO_CHROME})
        result = browser.send(
            "Runtime.evaluate",
            expression=RUN_AXE % (context, json.dumps(TAGS)),
            awaitPromise=True,
            returnByValue=True,
        )
        violations = result.get("result", {}).get("value")
        if violations is None:
            sys.exit(f"axe-core did not run on {page.path}: {result}")
        return browser.evaluate("location.pathname"), violations

    def audit(self, page, width):
        """The row of the table of ``page`` at ``width``, with its failures."""
        landed, violations = self.run_axe(page, width)
        impacts = Counter()
        for violation in violations:
            impacts[violation["impact"]] += len(violation["nodes"])
        row = {
            "key": page.key,
            "path": page.shown,
            "role": ROLES[page.user],
            "width": width,
            "kind": page.kind,
            "impacts": dict(impacts),
            "violations": violations,
        }
        row["failures"] = self.judge(row)
        if landed != (page.lands or page.path.split("?")[0]):
            row["failures"].append(f"redirected to {landed}")
        log(
            f"{page.shown} as {row['role']} at {width}px: "
            + (", ".join(row["failures"]) or "ok")
        )
        return row

    def judge(self, row):
        """The reasons this result fails, if any."""
        counts = blocking_counts(row["violations"])
        if row["kind"] == "addon":
            return [f"{rule} ({n})" for rule, n in sorted(counts.items())]
        allowed = self.baseline.get(baseline_key(row), {})
        return [
            f"{rule} ({n} > {allowed.get(rule, 0)} of the baseline)"
            for rule, n in sorted(counts.items())
            if n > allowed.get(rule, 0)
        ]


def baseline_key(row):
    return f"{row['key']}|{row['role']}|{row['width']}"


def blocking_counts(violations):
    """Elements found by each rule of a critical or serious impact."""
    return {v["id"]: len(v["nodes"]) for v in violations if v["impact"] in BLOCKING}


def print_table(rows):
    header = ["page", "role", "width", "kind", *IMPACTS, "result"]
    table = [header]
    for row in rows:
        table.append(
            [
                row["path"],
                row["role"],
                str(row["width"]),
                row["kind"],
                *(str(row["impacts"].get(impact, 0)) for impact in IMPACTS),
                "FAIL" if row["failures"] else "ok",
            ]
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if number == 0:
            print("  ".join("-" * w for w in widths))


def print_failures(rows):
    failed = [row for row in rows if row["failures"]]
    print(f"\n{len(failed)} audits FAILED:")
    for row in failed:
        print(f"  {row['path']} as {row['role']} at {row['width']}px:")
        for violation in row["violations"]:
            if violation["impact"] in BLOCKING:
                print(
                    f"    {violation['impact']} {violation['id']}: "
                    f"{violation['help']}: {', '.join(violation['nodes'][:6])}"
                )
        for reason in row["failures"]:
            if reason.startswith("redirected"):
                print(f"    {reason}")


def after_submission(url, admin, sessions, refs):
    """Last, as they change the demo: the page after the submission, the
    e-mail's decision page (no login) and the shop while ordering for Lars."""
    link = submit_and_find_link(url, admin, sessions["maja@fjord.example"])
    refs["submitted_order"] = admin.call(
        "sale.order",
        "search",
        [("partner_id", "=", refs["partner_maja"]), ("approval_state", "=", "waiting")],
        order="id desc",
        limit=1,
    )[0]
    start_order_for(url, admin, sessions["anna@fjord.example"])
    return [
        Page("submitted", "maja@fjord.example", "/shop/approval/submitted", "addon"),
        Page(
            "email_decision",
            None,
            link,
            "addon",
            "/approval/decide/<link>",
            lands="/approval/decide",
        ),
        Page(
            "email_decision_invalid",
            None,
            "/approval/decide/1.forged",
            "addon",
            lands="/approval/decide",
        ),
        Page("shop_order_for", "anna@fjord.example", "/shop", "odoo"),
        Page("cart_order_for", "anna@fjord.example", "/shop/cart", "odoo"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--only", help="only the pages whose key contains this")
    parser.add_argument("--json", help="write every finding to this file")
    parser.add_argument(
        "--write-baseline",
        action="store_true",
        help="record the Odoo pages' findings as the baseline",
    )
    args = parser.parse_args()
    url = args.url.rstrip("/")
    if not AXE.exists():
        sys.exit(f"No {AXE}: scripts/a11y.sh installs it (npm ci)")
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}

    admin = Admin(url, args.db)
    refs = demo_refs(admin)
    sessions = {user: login(url, args.db, user) for user in LOGINS if user != "admin"}
    fill_cart(url, admin, sessions["maja@fjord.example"])

    rows, keyboard = [], ([], [])
    browser = Browser(args.chromium)
    auditor = Auditor(browser, url, AXE.read_text(encoding="utf-8"), baseline)
    started = time.monotonic()
    try:
        for batch in (pages(refs), None):
            for page in batch or after_submission(url, admin, sessions, refs):
                if args.only and args.only not in page.key:
                    continue
                if page.user:
                    browser.use_session(url, sessions[page.user])
                else:
                    browser.send("Network.clearBrowserCookies")
                rows.extend(auditor.audit(page, width) for width in WIDTHS)
        if not args.only:
            # Last: they decide two orders of the demo.
            keyboard = a11y_keyboard.journeys(
                browser,
                url,
                sessions,
                refs["sale_order_maja_waiting"],
                refs["submitted_order"],
            )
    finally:
        browser.close()

    finish(args, rows, keyboard, time.monotonic() - started)


def finish(args, rows, keyboard, seconds):
    """Print the tables; write the baseline, or exit 1 on a failure."""
    print()
    print_table(rows)
    print(f"\n{len(rows)} audits in {seconds:.0f} s")
    if keyboard[0]:
        a11y_keyboard.print_journeys(keyboard[0])
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    if args.write_baseline:
        recorded = {
            baseline_key(row): blocking_counts(row["violations"])
            for row in rows
            if row["kind"] == "odoo"
        }
        BASELINE.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
        log(f"Baseline written to {BASELINE.relative_to(HERE.parent)}")
    elif any(row["failures"] for row in rows) or keyboard[1]:
        print_failures(rows)
        for failure in keyboard[1]:
            print(f"  keyboard: {failure}")
        sys.exit(1)
    else:
        print("\nNo critical or serious violation on the addon's pages.")


if __name__ == "__main__":
    main()
