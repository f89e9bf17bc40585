# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the large customer of scripts/scale_data.py says, in SQL, before and
after an upgrade (``make upgrade-check``): a digest of the rows an upgrade must
keep, and counts of the rows whose new stored values are wrong."""

from scale_data import WAITING_STEPS, table_columns  # scripts/, next to this file

from odoo.tools import SQL

# ----------------------------------------------------------------------------------
# What the large customer's rows say, in SQL (before and after an upgrade)
# ----------------------------------------------------------------------------------
# The columns whose values an upgrade must keep, where the table has them.
KEPT_COLUMNS = {
    "res_partner": (
        "name",
        "email",
        "parent_id",
        "customer_department_id",
        "approval_mode",
        "next_approver_id",
    ),
    "sale_order": (
        "name",
        "partner_id",
        "state",
        "date_order",
        "amount_total",
        "approval_state",
        "current_approver_id",
        "approval_level",
        "approval_round",
        "approval_requested_date",
        "approval_waiting_since",
        "customer_department_id",
        "customer_department_code",
    ),
    "sale_order_line": (
        "order_id",
        "product_id",
        "product_uom_qty",
        "price_unit",
        "price_subtotal",
    ),
    "sale_order_approval_history": (
        "order_id",
        "approver_id",
        "decision",
        "date",
        "level",
        "round",
    ),
    "sale_order_approval_reason": (
        "order_id",
        "code",
        "amount",
        "budget_id",
        "rule_id",
    ),
}


def digests(cr, first_ids, end_ids=None):
    """For each table: the number of the large customer's rows (from its first
    id to the id after its last, when known) and an md5 of the kept columns of
    all of them, in the order of their ids."""
    result = {}
    for table, wanted in KEPT_COLUMNS.items():
        existing = set(table_columns(cr, table))
        columns = [c for c in wanted if c in existing]
        cr.execute(
            SQL(
                "SELECT count(*), md5(string_agg(ROW(%s)::text, '|' ORDER BY id))"
                " FROM %s WHERE id >= %s AND id < %s",
                SQL(", ").join(SQL.identifier(c) for c in columns),
                SQL.identifier(table),
                first_ids[table],
                (end_ids or {}).get(table, 2**31 - 1),
            )
        )
        count, digest = cr.fetchone()
        result[table] = {"rows": count, "md5": digest, "columns": columns}
    return result


def _main_company_currency():
    return SQL(
        """(SELECT company.currency_id
              FROM res_company company
              LEFT JOIN ir_model_data main
                ON main.model = 'res.company' AND main.res_id = company.id
               AND main.module = 'base' AND main.name = 'main_company'
             ORDER BY main.id IS NULL, company.id
             LIMIT 1)"""
    )


def _wrong_rows_queries(first):
    """name -> (columns it needs as (table, column), SQL counting the large
    customer's rows whose stored value is not what it should be)."""
    orders, steps = first["sale_order"], first["sale_order_approval_history"]
    reasons = first["sale_order_approval_reason"]
    return {
        "orders: waiting since": (
            [("sale_order", "approval_waiting_since")],
            SQL(
                """
                SELECT count(*) FROM sale_order o
                  LEFT JOIN (
                        SELECT h.order_id, h.round, max(h.date) AS date
                          FROM sale_order_approval_history h
                         WHERE h.order_id >= %s AND h.decision IN %s
                         GROUP BY h.order_id, h.round
                       ) since
                    ON since.order_id = o.id AND since.round = o.approval_round
                 WHERE o.id >= %s
                   AND o.approval_waiting_since IS DISTINCT FROM
                       CASE WHEN o.approval_state = 'waiting' THEN since.date END
                """,
                orders,
                WAITING_STEPS,
                orders,
            ),
        ),
        "orders: department and its code": (
            [("sale_order", "customer_department_id")],
            SQL(
                """
                SELECT count(*) FROM sale_order o
                  JOIN res_partner buyer ON buyer.id = o.partner_id
                  LEFT JOIN customer_department d
                    ON d.id = buyer.customer_department_id AND d.active
                 WHERE o.id >= %s
                   AND (o.customer_department_id IS DISTINCT FROM d.id
                        OR o.customer_department_code IS DISTINCT FROM d.code)
                """,
                orders,
            ),
        ),
        "orders and steps: approval round": (
            [
                ("sale_order", "approval_round"),
                ("sale_order_approval_history", "round"),
            ],
            SQL(
                """
                SELECT (SELECT count(*) FROM sale_order
                         WHERE id >= %s AND approval_state != 'none'
                           AND COALESCE(approval_round, 0) < 1)
                     + (SELECT count(*) FROM sale_order_approval_history
                         WHERE id >= %s AND COALESCE(round, 0) < 1)
                """,
                orders,
                steps,
            ),
        ),
        "people: breakpoint currency": (
            [("res_partner", "approval_currency_id")],
            SQL(
                """
                SELECT count(*) FROM res_partner p
                  LEFT JOIN res_company c ON c.id = p.company_id
                 WHERE p.id >= %s
                   AND p.approval_currency_id IS DISTINCT FROM
                       COALESCE(c.currency_id, %s)
                """,
                first["res_partner"],
                _main_company_currency(),
            ),
        ),
        "reasons: budget's period and target": (
            [("sale_order_approval_reason", "budget_target_name")],
            SQL(
                """
                SELECT count(*) FROM sale_order_approval_reason r
                  JOIN customer_budget b ON b.id = r.budget_id
                  LEFT JOIN customer_department d ON d.id = b.department_id
                  LEFT JOIN res_partner p ON p.id = b.partner_id
                 WHERE r.id >= %s AND r.code = 'budget'
                   AND (r.period IS DISTINCT FROM b.period
                        OR r.budget_target_name IS DISTINCT FROM
                           COALESCE(d.name, p.name, ''))
                """,
                reasons,
            ),
        ),
        "reasons: rule's number of orders and period": (
            [("sale_order_approval_reason", "max_orders")],
            SQL(
                """
                SELECT count(*) FROM sale_order_approval_reason r
                  JOIN customer_purchasing_rule rule ON rule.id = r.rule_id
                 WHERE r.id >= %s AND r.code = 'order_count'
                   AND (r.max_orders IS DISTINCT FROM rule.max_orders
                        OR r.period IS DISTINCT FROM COALESCE(rule.period, 'month'))
                """,
                reasons,
            ),
        ),
        "reasons: rule's categories": (
            [("sale_order_approval_reason", "category_names")],
            SQL(
                """
                SELECT count(*) FROM sale_order_approval_reason r
                  JOIN (SELECT rel.customer_purchasing_rule_id AS rule_id,
                               string_agg(c.name, ', '
                                          ORDER BY c.complete_name, c.id) AS names
                          FROM customer_purchasing_rule_product_category_rel rel
                          JOIN product_category c ON c.id = rel.product_category_id
                         GROUP BY rel.customer_purchasing_rule_id) rule
                    ON rule.rule_id = r.rule_id
                 WHERE r.id >= %s AND r.code = 'category'
                   AND r.category_names IS DISTINCT FROM rule.names
                """,
                reasons,
            ),
        ),
    }


def wrong_rows(cr, first_ids):
    """name -> the number of the large customer's rows whose stored value is not
    what it should be, or None where the schema lacks the column (an older
    version)."""
    result = {}
    for name, (needs, query) in _wrong_rows_queries(first_ids).items():
        if all(column in table_columns(cr, table) for table, column in needs):
            cr.execute(query)
            result[name] = cr.fetchone()[0]
        else:
            result[name] = None
    return result
