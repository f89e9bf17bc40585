"""Helper of scripts/upgrade_check.sh (`make upgrade-check`).

Two uses:

- piped into ``odoo shell`` (``env`` is given): writes a snapshot of the addon's data
  as JSON to the file named by ``$WSCA_SNAPSHOT``: the orders and their lines, the
  approval history and reasons, the approval settings of people, the pricelists'
  contract assortment flags, the addon's settings and who may decide each waiting
  order;
- ``python upgrade_check.py compare BEFORE AFTER``: compares two snapshots, prints
  what was lost or changed and checks what the migrations must have filled; exits
  with 1 if anything is wrong;
- ``python upgrade_check.py log LOG SECONDS``: the phases of the upgrade in Odoo's
  log (level info) and whether a stored field was computed in Python for every
  row (Odoo's "Prepare computation of"); exits with 1 if one was.

With ``$WSCA_SCALE`` (the JSON file of scripts/scale_data.py, which built a large
customer), the snapshot holds the rows of the large customer as digests and SQL
counts of wrong stored values (scale_checks.digests / wrong_rows), not row by row.
"""

import datetime
import json
import os
import re
import sys

from psycopg2 import sql

# Columns per table; a column missing in a version is left out of its snapshot.
ORDER_COLUMNS = (
    "name",
    "partner_id",
    "state",
    "pricelist_id",
    "amount_total",
    "approval_state",
    "current_approver_id",
    "approval_level",
    "approval_round",
    "approval_requested_date",
    "approval_reminder_date",
    "is_free_text_order",
    "approval_fingerprint",
)
LINE_COLUMNS = (
    "order_id",
    "product_id",
    "product_uom_qty",
    "price_unit",
    "display_type",
)
PARTNER_COLUMNS = (
    "name",
    "active",
    "parent_id",
    "approval_mode",
    "approval_breakpoint_enabled",
    "approval_breakpoint",
    "approval_currency_id",
    "next_approver_id",
    "is_order_approver",
    "is_customer_admin",
    "contract_assortment_only",
    "may_send_free_text_orders",
    "approval_orders_visibility",
)
PRICELIST_COLUMNS = ("name", "is_contract_assortment")
# None: every column of the table.
TABLES = {
    "sale_order": ORDER_COLUMNS,
    "sale_order_line": LINE_COLUMNS,
    "sale_order_approval_history": None,
    "sale_order_approval_reason": None,
    "res_partner": PARTNER_COLUMNS,
    "product_pricelist": PRICELIST_COLUMNS,
}
# Columns added by the new version (filled by its migrations), not compared.
NEW_COLUMNS = {
    "sale_order": {"approval_round", "approval_fingerprint"},
    "sale_order_approval_history": {"round"},
}
ADDON = "website_sale_customer_approval"


# ----------------------------------------------------------------------------------
# Snapshot (inside odoo shell)
# ----------------------------------------------------------------------------------
def _read_table(cr, table, wanted, below=None):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s",
        [table],
    )
    existing = {row[0] for row in cr.fetchall()}
    columns = sorted(existing if wanted is None else existing & set(wanted))
    columns = [c for c in columns if c != "id"]
    # below: the first id of the large customer's rows, snapshot apart.
    query = sql.SQL("SELECT id, {} FROM {} WHERE id < %s ORDER BY id").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table)
    )
    cr.execute(query, [below or 2**31 - 1])
    return {
        str(row[0]): dict(zip(columns, row[1:], strict=True)) for row in cr.fetchall()
    }


def take_snapshot(env, path, scale_path=None):
    cr = env.cr
    snapshot = {"tables": {}}
    first_ids = {}
    if scale_path:
        sys.path.insert(0, os.environ["WSCA_SCRIPTS"])
        import scale_checks  # noqa: PLC0415 (in scripts/, named by $WSCA_SCRIPTS)

        with open(scale_path, encoding="utf-8") as f:
            built = json.load(f)
        first_ids = built["first_ids"]
        snapshot["scale"] = {
            "digests": scale_checks.digests(cr, first_ids, built.get("end_ids")),
            "wrong": scale_checks.wrong_rows(cr, first_ids),
        }
    cr.execute(
        "SELECT latest_version, state FROM ir_module_module WHERE name = %s", [ADDON]
    )
    snapshot["version"], snapshot["module_state"] = cr.fetchone()
    for table, columns in TABLES.items():
        snapshot["tables"][table] = _read_table(
            cr, table, columns, first_ids.get(table)
        )
    cr.execute(
        "SELECT key, value FROM ir_config_parameter WHERE key LIKE %s ORDER BY key",
        [ADDON + ".%"],
    )
    snapshot["settings"] = dict(cr.fetchall())
    domain = [("approval_state", "=", "waiting")]
    if first_ids:
        domain.append(("id", "<", first_ids["sale_order"]))
    orders = env["sale.order"].sudo().search(domain)
    snapshot["deciders"] = {
        str(order.id): sorted(order.approval_decider_ids.ids) for order in orders
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(snapshot, out, indent=1, sort_keys=True, default=str)


# ----------------------------------------------------------------------------------
# Comparison (plain Python)
# ----------------------------------------------------------------------------------
def _has_approval_settings(person):
    return bool(
        (person.get("approval_mode") or "none") != "none"
        or person.get("approval_breakpoint_enabled")
        or person.get("next_approver_id")
        or person.get("is_order_approver")
        or person.get("is_customer_admin")
        or person.get("contract_assortment_only")
        or person.get("may_send_free_text_orders")
        or (person.get("approval_orders_visibility") or "role") != "role"
    )


def _compare_rows(before, after):
    """Lines of what was lost or changed from ``before`` to ``after``, and how many
    rows ``after`` has in addition."""
    problems = []
    for table, rows in before["tables"].items():
        rows_after = after["tables"].get(table, {})
        skip = NEW_COLUMNS.get(table, set())
        for row_id, row in rows.items():
            if row_id not in rows_after:
                problems.append(f"{table} {row_id}: lost ({row})")
                continue
            for column, value in row.items():
                if column in skip:
                    continue
                if column not in rows_after[row_id]:
                    problems.append(f"{table} {row_id}: column {column} lost")
                elif rows_after[row_id][column] != value:
                    problems.append(
                        f"{table} {row_id}.{column}: {value!r} -> "
                        f"{rows_after[row_id][column]!r}"
                    )
    for key, value in before["settings"].items():
        if after["settings"].get(key) != value:
            problems.append(
                f"setting {key}: {value!r} -> {after['settings'].get(key)!r}"
            )
    for order_id, deciders in before["deciders"].items():
        if after["deciders"].get(order_id) != deciders:
            problems.append(
                f"waiting order {order_id}: deciders {deciders} -> "
                f"{after['deciders'].get(order_id)}"
            )
    return problems


def _frozen_columns(reason):
    """What a reason of a rule or budget must have kept of it (when the rule or
    budget still exists to tell)."""
    if reason["code"] == "category" and reason.get("rule_id"):
        return ("category_names",)
    if reason["code"] == "order_count" and reason.get("rule_id"):
        return ("max_orders", "period")
    if reason["code"] == "budget" and reason.get("budget_id"):
        return ("budget_target_name", "period")
    return ()


def _check_currencies_and_reasons(after):
    """Lines of breakpoints without their currency and of reasons without what
    their rule or budget said (19.0.1.5.0)."""
    problems = [
        f"res_partner {partner_id}: no breakpoint currency"
        for partner_id, partner in after["tables"]["res_partner"].items()
        if not partner.get("approval_currency_id")
    ]
    for reason_id, reason in after["tables"]["sale_order_approval_reason"].items():
        problems += [
            f"sale_order_approval_reason {reason_id} ({reason['code']}): "
            f"{column} not filled"
            for column in _frozen_columns(reason)
            if reason.get(column) in (None, "")
        ]
    return problems


def _check_migrated(before, after):
    """Lines of what the migrations of the new version should have filled."""
    problems = []
    if after["module_state"] != "installed":
        problems.append(f"module state after the upgrade: {after['module_state']}")
    if after["version"] == before["version"]:
        problems.append(
            f"the version stayed {after['version']}: the migrations did not run"
        )
    for order_id, order in after["tables"]["sale_order"].items():
        if order.get("approval_state") in (None, "none"):
            continue
        if (order.get("approval_round") or 0) < 1:
            problems.append(
                f"sale_order {order_id} ({order['approval_state']}): approval_round "
                f"{order.get('approval_round')!r}, expected >= 1"
            )
        if (
            order["approval_state"] == "approved"
            and order.get("state") in ("draft", "sent")
            and not order.get("approval_fingerprint")
        ):
            problems.append(
                f"approved order {order_id} awaiting payment: not bound to what "
                "was approved (no approval_fingerprint)"
            )
        if order["approval_state"] == "waiting":
            if not order.get("current_approver_id"):
                problems.append(f"waiting order {order_id}: no current approver")
            if not after["deciders"].get(order_id):
                problems.append(f"waiting order {order_id}: nobody may decide it")
    problems += _check_currencies_and_reasons(after)
    for step_id, step in after["tables"]["sale_order_approval_history"].items():
        if (step.get("round") or 0) < 1:
            problems.append(
                f"sale_order_approval_history {step_id}: round "
                f"{step.get('round')!r}, expected >= 1"
            )
    return problems


def _compare_scale(before, after):
    """Lines of what the upgrade lost or changed of the large customer's rows and
    of its stored values that are not what they should be; and its summary."""
    if "scale" not in before:
        return [], ""
    problems = []
    digests = after["scale"]["digests"]
    for table, was in before["scale"]["digests"].items():
        now = digests[table]
        if now["rows"] != was["rows"]:
            problems.append(
                f"large customer, {table}: {was['rows']} -> {now['rows']} rows"
            )
        elif now["columns"] == was["columns"] and now["md5"] != was["md5"]:
            problems.append(
                f"large customer, {table}: values of "
                f"{', '.join(was['columns'])} changed"
            )
    for name, count in after["scale"]["wrong"].items():
        if count is None:
            problems.append(f"large customer, {name}: not checked (no column)")
        elif count:
            problems.append(f"large customer, {name}: {count} row(s) wrong")
    rows = before["scale"]["digests"]
    summary = (
        f"large customer: {rows['sale_order']['rows']} orders, "
        f"{rows['sale_order_line']['rows']} lines, "
        f"{rows['sale_order_approval_history']['rows']} history steps, "
        f"{rows['sale_order_approval_reason']['rows']} reasons, "
        f"{rows['res_partner']['rows']} people kept; stored values right "
        f"({', '.join(after['scale']['wrong'])})"
    )
    return problems, summary


# Odoo's log line: date time,ms pid LEVEL db logger: message
LOG_LINE = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \d+ (\w+) \S+ (\S+): (.*)$"
)


def _log_events(path):
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.match(line)
            if match:
                when = datetime.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")
                seconds = when.timestamp() + int(match.group(2)) / 1000
                yield seconds, match.group(4), match.group(5)


def read_log(path, total):
    """Prints the phases of the upgrade of the addon in Odoo's log; 1 if a stored
    field was computed in Python for the existing rows."""
    events = list(_log_events(path))
    marks = {}
    computed = []
    for index, (when, _logger, message) in enumerate(events):
        if message.startswith(f"Loading module {ADDON} "):
            marks.setdefault("module", when)
        elif message.startswith(f"module {ADDON}: Running migration"):
            phase = "post" if message.endswith("post-migration") else "pre"
            marks.setdefault(phase, when)
            if phase == "pre" and index + 1 < len(events):
                marks["pre_end"] = events[index + 1][0]
        elif message.startswith(f"loading {ADDON}/"):
            marks.setdefault("data", when)
        elif message.startswith("Modules loaded."):
            marks["loaded"] = when
        elif message.startswith("Prepare computation of"):
            computed.append(message.removeprefix("Prepare computation of "))
    start = next(iter(events))[0] if events else 0
    parts = []
    if "module" in marks:
        parts.append(f"registry {marks['module'] - start:.1f} s")
    if "pre" in marks:
        parts.append(f"pre-migration {marks['pre_end'] - marks['pre']:.1f} s")
    if "data" in marks:
        schema_from = marks.get("pre_end", marks.get("module", start))
        parts.append(f"schema (columns, indexes) {marks['data'] - schema_from:.1f} s")
        if "loaded" in marks:
            parts.append(
                f"data files and the rest {marks['loaded'] - marks['data']:.1f} s"
            )
    print(f"upgrade: {total:.1f} s ({', '.join(parts)})")
    if computed:
        print(
            "UPGRADE CHECK FAILED: stored fields computed in Python for every row "
            "(a pre-migration should create and fill their columns): "
            + ", ".join(computed),
            file=sys.stderr,
        )
        return 1
    print("no stored field computed in Python at the upgrade")
    return 0


def compare(before_path, after_path):
    with open(before_path, encoding="utf-8") as f:
        before = json.load(f)
    with open(after_path, encoding="utf-8") as f:
        after = json.load(f)
    problems = _compare_rows(before, after) + _check_migrated(before, after)
    scale_problems, scale_summary = _compare_scale(before, after)
    problems += scale_problems
    added = {
        table: len(set(after["tables"][table]) - set(rows))
        for table, rows in before["tables"].items()
        if set(after["tables"].get(table, {})) - set(rows)
    }
    if added:
        print(
            "rows added by the upgrade (new data of the new version): "
            + ", ".join(f"{table} {n}" for table, n in sorted(added.items()))
        )
    orders = [
        o
        for o in before["tables"]["sale_order"].values()
        if o.get("approval_state") not in (None, "none")
    ]
    people = [
        p for p in before["tables"]["res_partner"].values() if _has_approval_settings(p)
    ]
    steps = before["tables"]["sale_order_approval_history"]
    reasons = before["tables"]["sale_order_approval_reason"]
    contracts = [
        p
        for p in before["tables"]["product_pricelist"].values()
        if p.get("is_contract_assortment")
    ]
    if not orders or not steps or not people:
        problems.append(
            "the old version's data has no approval orders, steps or people: "
            "nothing was checked (was it installed with demo data?)"
        )
    if problems:
        print(f"\nUPGRADE CHECK FAILED: {len(problems)} problem(s)", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(
        f"upgrade {before['version']} -> {after['version']}: {len(orders)} orders, "
        f"{len(steps)} history steps, {len(reasons)} reasons, {len(people)} people, "
        f"{len(contracts)} contract assortments kept"
    )
    if scale_summary:
        print(scale_summary)
    return 0


if __name__ == "__main__":
    if "env" in globals():
        take_snapshot(
            globals()["env"],
            os.environ["WSCA_SNAPSHOT"],
            os.environ.get("WSCA_SCALE") or None,
        )
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "log":
        sys.exit(read_log(sys.argv[2], float(sys.argv[3])))
    else:
        sys.exit(
            f"usage: {sys.argv[0]} compare BEFORE.json AFTER.json"
            f" | log ODOO.log SECONDS"
        )
