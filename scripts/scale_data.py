"""A large customer built fast, for the scripts that measure the addon at scale.

Shared by ``make bench-scale`` (scripts/bench_scale.py) and ``make upgrade-check``
(scripts/upgrade_check.sh with ``UPGRADE_ORDERS``). The few model records are
created with the ORM of whatever version of the addon is installed; their
thousands of copies are cloned from them in SQL (``INSERT ... SELECT``), column by
column as the table has them, so that the builders also fill the schema of an
older version: a column named in ``overrides`` that the table lacks is left out.
upgrade_check.sh runs ``build_upgrade_customer`` in ``odoo shell`` of the old
version; scripts/scale_checks.py reads what the rows say after the upgrade.
"""

import json
import time

from odoo.fields import Command
from odoo.tools import SQL

TAG = "[upgrade-scale]"
DEPARTMENTS = 50
# Orders are numbered n = 1..count: n % 20 is 0 waiting, 1 rejected, 2 a cart
# without approval, else approved and confirmed.
ORDER_MIX = 20
# The steps after which an order waits for somebody new (as sale_order_escalation).
WAITING_STEPS = ("submitted", "passed_on", "escalated")


def table_columns(cr, table):
    cr.execute(
        """
        SELECT column_name::text
          FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = %s
         ORDER BY ordinal_position
        """,
        (table,),
    )
    return [row[0] for row in cr.fetchall()]


def clone_rows(cr, table, source_id, count=None, overrides=None, *, rows=None):
    """Copies of row ``source_id`` of ``table``, in SQL.

    One copy for each ``n`` of 1..``count``, or for each row ``t`` of ``rows`` (an
    SQL query). ``overrides`` maps columns to SQL expressions of ``n`` or ``t``
    (and ``src``, the copied row); the other columns are copied, and overrides of
    columns the table lacks (an older schema) are ignored. Returns the number of
    rows inserted.
    """
    overrides = overrides or {}
    columns = [c for c in table_columns(cr, table) if c != "id"]
    values = [overrides.get(c, SQL("src.%s", SQL.identifier(c))) for c in columns]
    source = (
        SQL("generate_series(1, %s) AS n", count)
        if rows is None
        else SQL("(%s) AS t", rows)
    )
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s AS src, %s WHERE src.id = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in columns),
            SQL(", ").join(values),
            SQL.identifier(table),
            source,
            source_id,
        )
    )
    return cr.rowcount


def _first_ids(cr, tables):
    """The id the next row of each table will get (beyond every existing one)."""
    first = {}
    for table in tables:
        cr.execute(
            SQL("SELECT COALESCE(max(id), 0) + 1 FROM %s", SQL.identifier(table))
        )
        first[table] = cr.fetchone()[0]
    return first


# The model records (ORM of the installed version)
def _create_company(env):
    company = env["res.partner"].create(
        {"name": f"Upgrade Corp {TAG}", "is_company": True}
    )
    depts = env["customer.department"].create(
        [
            {"name": f"Dept {d}", "code": f"U{d}", "company_partner_id": company.id}
            for d in range(DEPARTMENTS)
        ]
    )
    approver = env["res.partner"].create(
        {
            "name": "Upgrade Approver",
            "email": "approver@upgrade.example",
            "parent_id": company.id,
            "is_order_approver": True,
        }
    )
    buyer = env["res.partner"].create(
        {
            "name": "Upgrade Buyer 0",
            "email": "buyer0@upgrade.example",
            "parent_id": company.id,
            "approval_mode": "always",
            "next_approver_id": approver.id,
            "customer_department_id": depts[0].id,
        }
    )
    budgets = env["customer.budget"].create(
        [
            {"department_id": d.id, "amount": 10**9, "exceeded_action": "approval"}
            for d in depts
        ]
    )
    category = env["product.category"].create({"name": f"Restricted {TAG}"})
    rules = env["customer.purchasing.rule"].create(
        [
            {
                "company_partner_id": company.id,
                "rule_type": "order_count",
                "scope": "department",
                "department_id": d.id,
                "max_orders": 50,
                "period": "month",
                "exceeded_action": "approval",
            }
            for d in depts
        ]
        + [
            {
                "company_partner_id": company.id,
                "rule_type": "category",
                "category_ids": [Command.set(category.ids)],
                "exceeded_action": "approval",
            }
        ]
    )
    return company, depts, approver, buyer, budgets, rules


def _create_model_order(env, buyer, approver, budget, rules):
    """An order with two lines, a step and three reasons: what the clones copy."""
    products = env["product.product"].create(
        [
            {"name": f"Upgrade widget {i} {TAG}", "list_price": 10.0 * (i + 1)}
            for i in range(2)
        ]
    )
    order = env["sale.order"].create(
        {
            "partner_id": buyer.id,
            "client_order_ref": TAG,
            "order_line": [
                Command.create({"product_id": p.id, "product_uom_qty": 2})
                for p in products
            ],
        }
    )
    step = env["sale.order.approval.history"].create(
        {"order_id": order.id, "approver_id": approver.id, "decision": "submitted"}
    )
    count_rule = rules.filtered(lambda r: r.rule_type == "order_count")[:1]
    category_rule = rules.filtered(lambda r: r.rule_type == "category")[:1]
    reasons = env["sale.order.approval.reason"].create(
        [
            {"order_id": order.id, "code": "always", "sequence": 1},
            {"order_id": order.id, "code": "budget", "budget_id": budget.id},
            {
                "order_id": order.id,
                "code": "order_count",
                "rule_id": count_rule.id,
                "order_count": 51,
            },
            {"order_id": order.id, "code": "category", "rule_id": category_rule.id},
        ]
    )
    env.flush_all()
    return order, step, reasons


# The clones (SQL)
def _clone_people(cr, buyer, depts, count):
    """``count`` people like ``buyer`` (who is the first), person i in department
    i % len(depts). Returns their ids in that order."""
    clone_rows(
        cr,
        "res_partner",
        buyer.id,
        overrides={
            "name": SQL("'Upgrade Buyer ' || n"),
            "complete_name": SQL("src.complete_name || ' ' || n"),
            "email": SQL("'buyer' || n || '@upgrade.example'"),
            "email_normalized": SQL("'buyer' || n || '@upgrade.example'"),
            "customer_department_id": SQL(
                "(%s::int[])[1 + n %% %s]", depts.ids, len(depts)
            ),
        },
        count=count - 1,
    )
    cr.execute(
        "SELECT id FROM res_partner WHERE id = %s OR (id > %s AND name LIKE %s)"
        " ORDER BY id",
        (buyer.id, buyer.id, "Upgrade Buyer %"),
    )
    return [row[0] for row in cr.fetchall()]


def _clone_orders(cr, order, people, depts, approver, *, count):
    """``count`` orders over two years (see ORDER_MIX), in the department of their
    buyer as the old compute stores it."""
    kind = SQL("n %% %s", ORDER_MIX)
    person = SQL("(%s::int[])[1 + n %% %s]", people, len(people))
    dept_index = SQL("1 + (n %% %s) %% %s", len(people), len(depts))
    date = SQL(
        "date_trunc('second', now()) - (n %% 730) * interval '1 day'"
        " - (n %% 600) * interval '1 minute'"
    )
    approval = SQL(
        "CASE %s WHEN 0 THEN 'waiting' WHEN 1 THEN 'rejected' WHEN 2 THEN 'none'"
        " ELSE 'approved' END",
        kind,
    )
    # Waiting orders: one in two was passed on to a second level an hour later.
    passed_on = SQL("(%s = 0 AND n %% %s = 0)", kind, 2 * ORDER_MIX)
    return clone_rows(
        cr,
        "sale_order",
        order.id,
        overrides={
            "name": SQL("'UPG' || lpad(n::text, 7, '0')"),
            "date_order": date,
            "create_date": date,
            "write_date": date,
            "partner_id": person,
            "partner_invoice_id": person,
            "partner_shipping_id": person,
            "customer_department_id": SQL("(%s::int[])[%s]", depts.ids, dept_index),
            "customer_department_code": SQL(
                "(%s::varchar[])[%s]", depts.mapped("code"), dept_index
            ),
            "state": SQL(
                "CASE %s WHEN 0 THEN 'sent' WHEN 1 THEN 'sent' WHEN 2 THEN 'draft'"
                " ELSE 'sale' END",
                kind,
            ),
            "approval_state": approval,
            "current_approver_id": SQL(
                "CASE WHEN %s = 0 THEN %s END", kind, approver.id
            ),
            "approval_level": SQL(
                "CASE WHEN %s THEN 2 WHEN %s = 2 THEN 0 ELSE 1 END", passed_on, kind
            ),
            "approval_round": SQL("CASE WHEN %s = 2 THEN 0 ELSE 1 END", kind),
            "approval_requested_date": SQL("CASE WHEN %s != 2 THEN %s END", kind, date),
            "approval_waiting_since": SQL(
                "CASE WHEN %s THEN %s + interval '1 hour' WHEN %s = 0 THEN %s END",
                passed_on,
                date,
                kind,
                date,
            ),
            "approval_reminder_date": SQL("NULL"),
            "approval_fingerprint": SQL("NULL"),
        },
        count=count,
    )


def _clone_lines(cr, order, first_order):
    count = 0
    for line in order.order_line:
        count += clone_rows(
            cr,
            "sale_order_line",
            line.id,
            overrides={
                "order_id": SQL("t.id"),
                "order_partner_id": SQL("t.partner_id"),
                "state": SQL("t.state"),
                "create_date": SQL("t.date_order"),
                "write_date": SQL("t.date_order"),
            },
            rows=SQL(
                "SELECT id, partner_id, state, date_order FROM sale_order"
                " WHERE id >= %s",
                first_order,
            ),
        )
    return count


def _clone_steps(cr, step, approver, first_order):
    """The submission of every order that asked for approval, the passing on of
    those at level 2, and the release or rejection of those decided."""
    count = 0
    for decision, who, hours, level, where in (
        ("submitted", SQL("t.partner_id"), 0, 0, SQL("TRUE")),
        ("passed_on", SQL("%s", approver.id), 1, 1, SQL("approval_level = 2")),
        ("released", SQL("%s", approver.id), 2, 1, SQL("approval_state = 'approved'")),
        ("rejected", SQL("%s", approver.id), 2, 1, SQL("approval_state = 'rejected'")),
    ):
        date = SQL("t.date + %s * interval '1 hour'", hours)
        count += clone_rows(
            cr,
            "sale_order_approval_history",
            step.id,
            overrides={
                "order_id": SQL("t.id"),
                "approver_id": who,
                "decision": SQL("%s", decision),
                "date": date,
                "create_date": date,
                "write_date": date,
                "level": SQL("%s", level),
                "round": SQL("1"),
                "amount_total": SQL("t.amount_total"),
            },
            rows=SQL(
                "SELECT id, partner_id, amount_total, approval_requested_date AS date"
                " FROM sale_order"
                " WHERE id >= %s AND approval_state != 'none' AND %s",
                first_order,
                where,
            ),
        )
    return count


def _clone_reasons(cr, reasons, first_order, category_name):
    """Every order that asked for approval gives the reason of its buyer's
    settings; one in ten also a budget, one in ten a rule of the number of orders
    and one in ten a category rule of its department or company."""
    asked = SQL("o.id >= %s AND o.approval_state != 'none'", first_order)
    by_code = {reason.code: reason for reason in reasons}
    # What a reason says of its rule or budget (19.0.1.5.0): written where the
    # schema has the columns, else filled by the upgrade's pre-migration.
    sources = {
        "always": (
            SQL("SELECT o.id, o.amount_total FROM sale_order o WHERE %s", asked),
            {},
        ),
        "budget": (
            SQL(
                "SELECT o.id, o.amount_total, b.id AS budget_id, b.period,"
                " d.name AS target FROM sale_order o"
                " JOIN customer_budget b ON b.department_id = o.customer_department_id"
                " JOIN customer_department d ON d.id = b.department_id"
                " WHERE %s AND o.id %% 10 = 0",
                asked,
            ),
            {
                "budget_id": SQL("t.budget_id"),
                "period": SQL("t.period"),
                "budget_target_name": SQL("t.target"),
            },
        ),
        "order_count": (
            SQL(
                "SELECT o.id, o.amount_total, r.id AS rule_id, r.max_orders, r.period"
                " FROM sale_order o JOIN customer_purchasing_rule r"
                " ON r.department_id = o.customer_department_id"
                " AND r.rule_type = 'order_count'"
                " WHERE %s AND o.id %% 10 = 5",
                asked,
            ),
            {
                "rule_id": SQL("t.rule_id"),
                "max_orders": SQL("t.max_orders"),
                "period": SQL("t.period"),
            },
        ),
        "category": (
            SQL(
                "SELECT o.id, o.amount_total FROM sale_order o"
                " WHERE %s AND o.id %% 10 = 3",
                asked,
            ),
            {"category_names": SQL("%s", category_name)},
        ),
    }
    count = 0
    for code, (rows, overrides) in sources.items():
        count += clone_rows(
            cr,
            "sale_order_approval_reason",
            by_code[code].id,
            overrides={
                "order_id": SQL("t.id"),
                "amount": SQL("t.amount_total"),
                **overrides,
            },
            rows=rows,
        )
    return count


SCALE_TABLES = (
    "res_partner",
    "sale_order",
    "sale_order_line",
    "sale_order_approval_history",
    "sale_order_approval_reason",
)


def build_upgrade_customer(env, orders, people=5000, path=None, commit=True):
    """A customer company of ``people`` people in 50 departments (with budgets
    and purchasing rules) and ``orders`` orders over two years with their lines,
    approval steps and reasons, in the installed version's schema. Commits
    (unless ``commit`` is false: in a test).

    Writes (and returns) the first id of each table's new rows, so that checks
    can tell the large customer's rows from the others, and what was built.
    """
    began = time.perf_counter()
    env = env(context=dict(env.context, tracking_disable=True))
    cr = env.cr
    _company, depts, approver, buyer, budgets, rules = _create_company(env)
    order, step, reasons = _create_model_order(env, buyer, approver, budgets[0], rules)
    first = _first_ids(cr, SCALE_TABLES)
    people_ids = _clone_people(cr, buyer, depts, people)
    counts = {"people": len(people_ids)}
    counts["orders"] = _clone_orders(
        cr, order, people_ids, depts, approver, count=orders
    )
    counts["lines"] = _clone_lines(cr, order, first["sale_order"])
    counts["steps"] = _clone_steps(cr, step, approver, first["sale_order"])
    counts["reasons"] = _clone_reasons(
        cr, reasons, first["sale_order"], f"Restricted {TAG}"
    )
    # The model order served its purpose: its lines, step and reasons go with it.
    cr.execute("DELETE FROM sale_order WHERE id = %s", (order.id,))
    cr.execute(
        "SELECT count(*) FROM sale_order WHERE id >= %s AND approval_state = 'waiting'",
        (first["sale_order"],),
    )
    counts["waiting"] = cr.fetchone()[0]
    if commit:
        cr.execute("ANALYZE")
        cr.commit()
    counts["seconds"] = round(time.perf_counter() - began, 1)
    result = {"first_ids": first, "end_ids": _first_ids(cr, SCALE_TABLES)}
    result["counts"] = counts
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=1)
    return result
