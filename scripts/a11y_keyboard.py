# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The keyboard journeys of ``make a11y``: an approver approves and rejects, a
customer admin reaches the team form, with the Tab and Enter keys alone (the
DevTools protocol's key events, as a keyboard sends them). Every element that
takes the focus on the way must show it (an outline or Bootstrap's focus ring),
and a decision must end on a page whose result is announced and focused."""

import json
import time

KEYS = {"Tab": 9, "Enter": 13}
# The focused element: what it is, whether it matches the target, whether its
# focus is drawn.
FOCUS = """(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ring = s.boxShadow && s.boxShadow !== 'none';
  return {
    what: (e.getAttribute('aria-label') || e.innerText || e.name || e.tagName)
      .trim().slice(0, 50),
    match: e.matches(%s),
    visible: outline || ring,
  };
})()"""
# After a decision: the announced result, and whether it has the focus.
RESULT = """(() => {
  const m = document.querySelector('[role=status], [role=alert]');
  return m && {text: m.innerText.trim().slice(0, 80), role: m.getAttribute('role'),
               focused: document.activeElement === m};
})()"""


def press(browser, name):
    for kind in ("keyDown", "keyUp"):
        params = {"type": kind, "key": name, "code": name}
        params["windowsVirtualKeyCode"] = KEYS[name]
        if name == "Enter" and kind == "keyDown":
            params["text"] = "\r"
        browser.send("Input.dispatchKeyEvent", **params)


def tab_to(browser, selector, limit=120):
    """Tab until an element matching ``selector`` has the focus.

    :return: (how many Tabs, or None if never reached, the focused elements
        whose focus was not drawn)"""
    hidden = []
    for count in range(1, limit + 1):
        press(browser, "Tab")
        time.sleep(0.03)
        focus = browser.evaluate(FOCUS % json.dumps(selector))
        if not focus:
            continue
        if not focus["visible"]:
            hidden.append(focus["what"])
        if focus["match"]:
            return count, hidden
    return None, hidden


def open_page(browser, url, path):
    browser.events.clear()
    browser.send("Page.navigate", url=url + path)
    browser.wait_event("Page.loadEventFired", 60)
    time.sleep(0.5)


def submit(browser):
    browser.events.clear()
    press(browser, "Enter")
    browser.wait_event("Page.loadEventFired", 60)
    time.sleep(0.5)


def journeys(browser, url, sessions, approve_id, reject_id):
    """Run the journeys; return (rows to print, failures)."""
    rows, failures = [], []

    def check(name, tabs, hidden, result=None):
        rows.append((name, tabs, len(hidden), result and result["text"]))
        if tabs is None:
            failures.append(f"{name}: the target was never reached with Tab")
        if hidden:
            failures.append(f"{name}: focus not shown on {sorted(set(hidden))}")
        if result is not None and not (result and result["focused"]):
            failures.append(f"{name}: the result is not announced and focused")

    def result_of():
        return browser.evaluate(RESULT) or {"text": "", "focused": False}

    # Karin approves with the keyboard alone.
    browser.use_session(url, sessions["karin@fjord.example"])
    open_page(browser, url, f"/my/approvals/{approve_id}")
    tabs, hidden = tab_to(browser, ".o_approval_approve button[type=submit]")
    if tabs:
        submit(browser)
    check("approve (approver)", tabs, hidden, result_of())

    # ... and rejects, with a reason typed in.
    open_page(browser, url, f"/my/approvals/{reject_id}")
    tabs, hidden = tab_to(browser, "#rejection_reason")
    if tabs:
        browser.send("Input.insertText", text="Not this month")
        more, hidden_more = tab_to(browser, ".o_approval_reject button[type=submit]")
        tabs = more and tabs + more
        hidden += hidden_more
        if more:
            submit(browser)
    check("reject (approver)", tabs, hidden, result_of())

    # Anna reaches the team's form from /my/team and its Save button.
    browser.use_session(url, sessions["anna@fjord.example"])
    open_page(browser, url, "/my/team")
    tabs, hidden = tab_to(browser, "a.o_team_new")
    if tabs:
        submit(browser)
        more, hidden_more = tab_to(browser, "button.o_team_save")
        tabs = more and tabs + more
        hidden += hidden_more
    check("team form (customer admin)", tabs, hidden)
    return rows, failures


def print_journeys(rows):
    print(f"\n{'keyboard journey':32} {'tabs':>5} {'no focus':>9}  result")
    for name, tabs, hidden, result in rows:
        print(f"{name:32} {tabs or '-':>5} {hidden:>9}  {result or ''}")
