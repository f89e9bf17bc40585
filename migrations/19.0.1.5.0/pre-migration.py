# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time

from odoo.tools.sql import column_exists, create_column, table_exists

_logger = logging.getLogger(__name__)

# The new stored columns of this version, created here so that the ORM finds
# them filled (and does not compute them for every row).
NEW_COLUMNS = (
    ("res_partner", "approval_currency_id", "int4"),
    ("sale_order_approval_reason", "category_names", "varchar"),
    ("sale_order_approval_reason", "max_orders", "int4"),
    ("sale_order_approval_reason", "period", "varchar"),
    ("sale_order_approval_reason", "budget_target_name", "varchar"),
)
# The stored computed columns of 19.0.1.3.0 on orders, which no migration
# created: an upgrade from an earlier version gets them here, filled in SQL as
# their computes would (instead of the ORM computing them order by order).
ORDER_COLUMNS_1_3 = (
    ("approval_waiting_since", "timestamp"),
    ("customer_department_id", "int4"),
    ("customer_department_code", "varchar"),
)
# The steps after which an order waits for somebody new (sale_order_escalation).
WAITING_STEPS = ("submitted", "passed_on", "escalated")


def migrate(cr, version):
    """19.0.1.5.0: breakpoints carry their currency; reasons keep what they said.

    - A person's breakpoint was read in the currency of whoever looked (their
      company's): it now stores its currency, filled with the currency of the
      person's vendor company, else of the main company.
    - A reason of a purchasing rule or a budget rendered its sentence from the
      rule or budget as it is now: it now stores what the sentence needs. Old
      reasons get what their rule or budget says today, the best that is
      known; those whose rule or budget was deleted stay without it.
    """
    began = time.perf_counter()
    for table, column, kind in NEW_COLUMNS:
        if not column_exists(cr, table, column):
            create_column(cr, table, column, kind)
    _fill_breakpoint_currencies(cr)
    _fill_rule_reasons(cr)
    _fill_budget_reasons(cr)
    created = set()
    for column, kind in ORDER_COLUMNS_1_3:
        if not column_exists(cr, "sale_order", column):
            create_column(cr, "sale_order", column, kind)
            created.add(column)
    if "approval_waiting_since" in created:
        _fill_waiting_since(cr)
    if "customer_department_id" in created:
        _fill_order_departments(cr)
    # Read by `make upgrade-check`, which times the phases of the upgrade.
    _logger.info(
        "19.0.1.5.0 pre-migration: new columns filled in %.1f s",
        time.perf_counter() - began,
    )


def _fill_waiting_since(cr):
    """When a waiting order reached the people who decide it now: its last
    submission, passing on or escalation of its current round (steps and orders
    of 19.0.1.1.0 without a round are in round 1, see 19.0.1.2.0)."""
    same_round = "TRUE"
    if column_exists(cr, "sale_order_approval_history", "round") and column_exists(
        cr, "sale_order", "approval_round"
    ):
        same_round = (
            "COALESCE(NULLIF(step.round, 0), COALESCE(o.approval_round, 1))"
            " = COALESCE(o.approval_round, 1)"
        )
    cr.execute(
        f"""
        UPDATE sale_order
           SET approval_waiting_since = since.date
          FROM (
                SELECT step.order_id, max(step.date) AS date
                  FROM sale_order_approval_history step
                  JOIN sale_order o ON o.id = step.order_id
                 WHERE o.approval_state = 'waiting'
                   AND step.decision IN %s
                   AND {same_round}
                 GROUP BY step.order_id
               ) since
         WHERE sale_order.id = since.order_id
        """,  # noqa: S608 (a constant of this file)
        [WAITING_STEPS],
    )


def _fill_order_departments(cr):
    """The department of the order's buyer, unless archived (as the compute:
    an upgrade from a version before departments has none to fill)."""
    if not (
        table_exists(cr, "customer_department")
        and column_exists(cr, "res_partner", "customer_department_id")
    ):
        return
    cr.execute(
        """
        UPDATE sale_order
           SET customer_department_id = department.id,
               customer_department_code = department.code
          FROM res_partner buyer
          JOIN customer_department department
            ON department.id = buyer.customer_department_id
         WHERE buyer.id = sale_order.partner_id
           AND department.active IS TRUE
        """
    )


def _fill_breakpoint_currencies(cr):
    cr.execute(
        """
        UPDATE res_partner partner
           SET approval_currency_id = company.currency_id
          FROM res_company company
         WHERE company.id = partner.company_id
           AND partner.approval_currency_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE res_partner
           SET approval_currency_id = (
               SELECT company.currency_id
                 FROM res_company company
                 LEFT JOIN ir_model_data main
                   ON main.model = 'res.company' AND main.res_id = company.id
                  AND main.module = 'base' AND main.name = 'main_company'
                ORDER BY main.id IS NULL, company.id
                LIMIT 1)
         WHERE approval_currency_id IS NULL
        """
    )


def _fill_rule_reasons(cr):
    if not (
        table_exists(cr, "customer_purchasing_rule")
        and column_exists(cr, "sale_order_approval_reason", "rule_id")
    ):
        return  # an upgrade from a version without purchasing rules
    # The names of the categories, in the order the rule lists them.
    cr.execute(
        """
        UPDATE sale_order_approval_reason reason
           SET category_names = names.names
          FROM (
                SELECT rel.customer_purchasing_rule_id AS rule_id,
                       string_agg(category.name, ', '
                                  ORDER BY category.complete_name, category.id)
                           AS names
                  FROM customer_purchasing_rule_product_category_rel rel
                  JOIN product_category category
                    ON category.id = rel.product_category_id
                 GROUP BY rel.customer_purchasing_rule_id
               ) names
         WHERE names.rule_id = reason.rule_id
           AND reason.code = 'category'
           AND reason.category_names IS NULL
        """
    )
    cr.execute(
        """
        UPDATE sale_order_approval_reason reason
           SET max_orders = rule.max_orders,
               period = COALESCE(rule.period, 'month')
          FROM customer_purchasing_rule rule
         WHERE rule.id = reason.rule_id
           AND reason.code = 'order_count'
           AND reason.period IS NULL
        """
    )


def _fill_budget_reasons(cr):
    if not (
        table_exists(cr, "customer_budget")
        and column_exists(cr, "sale_order_approval_reason", "budget_id")
    ):
        return  # an upgrade from a version without budgets
    cr.execute(
        """
        UPDATE sale_order_approval_reason reason
           SET period = budget.period,
               budget_target_name = COALESCE(department.name, person.name, '')
          FROM customer_budget budget
          LEFT JOIN customer_department department
            ON department.id = budget.department_id
          LEFT JOIN res_partner person ON person.id = budget.partner_id
         WHERE budget.id = reason.budget_id
           AND reason.code = 'budget'
           AND reason.budget_target_name IS NULL
        """
    )
