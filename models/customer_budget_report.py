# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from .customer_budget import (
    BUDGET_PERIODS,
    SPENDING_FIELDS,
    spending_amount_sql,
    spending_sql,
)


class CustomerBudgetReport(models.Model):
    """What each budget of the customers spent in each of its periods, the
    current one included: the vendor's picture of budget use per customer.

    Spending is counted as the budgets count it (spending_sql, the conversion
    of spending_amount_sql, periods of the customer company's time zone, else
    the vendor's, else UTC); the amount is the budget's amount today."""

    _name = "customer.budget.report"
    _description = "Budget use of customers"
    _auto = False
    _rec_name = "budget_id"
    _order = "period_start desc, customer_id"
    # What the query reads: flushed before the report is searched.
    _depends = {
        "customer.budget": [
            "active",
            "amount",
            "period",
            "company_id",
            "company_partner_id",
            "department_id",
            "partner_id",
        ],
        "sale.order": SPENDING_FIELDS,
        "payment.transaction": ["state"],
        "res.partner": ["tz"],
        "res.company": ["currency_id", "partner_id"],
    }

    budget_id = fields.Many2one("customer.budget", readonly=True)
    customer_id = fields.Many2one(
        "res.partner", string="Customer company", readonly=True
    )
    department_id = fields.Many2one("customer.department", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    period = fields.Selection(BUDGET_PERIODS, string="Budget period", readonly=True)
    period_start = fields.Date(string="Period", readonly=True)
    is_current = fields.Boolean(string="Current period", readonly=True)
    amount = fields.Monetary(string="Budget amount", readonly=True)
    spent = fields.Monetary(readonly=True)
    remaining = fields.Monetary(string="Left", readonly=True)
    overspent = fields.Monetary(
        string="Over budget",
        readonly=True,
        help="Spent beyond the budget: orders approved above what was left.",
    )
    use_rate = fields.Float(
        string="Used (%)",
        readonly=True,
        aggregator="avg",
        help="Spent as a share of the budget; for a group, the average of its "
        "budgets' shares.",
    )

    @property
    def _table_query(self):
        def spending_of(column):
            # One branch per kind of budget, so that each uses its index.
            return SQL(
                """
                SELECT budget.id AS budget_id,
                       date_trunc(budget.period,
                                  so.date_order AT TIME ZONE 'UTC'
                                  AT TIME ZONE budget.tz)::date AS period_start,
                       %(amount)s AS spent
                  FROM budget
                  JOIN sale_order so ON so.%(column)s = budget.%(column)s
                   AND so.company_id = budget.company_id
                 WHERE budget.%(column)s IS NOT NULL AND %(spending)s
                """,
                column=SQL.identifier(column),
                amount=spending_amount_sql(SQL("budget.currency_id")),
                spending=spending_sql(),
            )

        return SQL(
            """
            WITH zones AS MATERIALIZED (SELECT name FROM pg_timezone_names),
                 budget AS MATERIALIZED (
                    SELECT b.id, b.amount, b.period, b.company_id,
                           b.company_partner_id, b.department_id,
                           b.partner_id, b.department_id AS customer_department_id,
                           company.currency_id,
                           COALESCE(customer_zone.name, vendor_zone.name, 'UTC') AS tz
                      FROM customer_budget b
                      JOIN res_company company ON company.id = b.company_id
                      LEFT JOIN res_partner customer
                             ON customer.id = b.company_partner_id
                      LEFT JOIN zones customer_zone ON customer_zone.name = customer.tz
                      LEFT JOIN res_partner vendor ON vendor.id = company.partner_id
                      LEFT JOIN zones vendor_zone ON vendor_zone.name = vendor.tz
                     WHERE b.active
                 ),
                 spending AS (
                    %(people)s
                    UNION ALL %(departments)s
                    UNION ALL
                    SELECT budget.id, date_trunc(budget.period,
                               NOW() AT TIME ZONE budget.tz)::date, 0
                      FROM budget
                 ),
                 used AS (
                    SELECT budget_id, period_start, SUM(spent) AS spent
                      FROM spending
                  GROUP BY budget_id, period_start
                 )
            SELECT budget.id::bigint * 100000
                       + (EXTRACT(YEAR FROM used.period_start) * 100
                          + EXTRACT(MONTH FROM used.period_start))::bigint AS id,
                   budget.id AS budget_id,
                   budget.company_partner_id AS customer_id,
                   budget.department_id,
                   budget.partner_id,
                   budget.company_id,
                   budget.currency_id,
                   budget.period,
                   used.period_start,
                   used.period_start = date_trunc(budget.period,
                       NOW() AT TIME ZONE budget.tz)::date AS is_current,
                   budget.amount,
                   used.spent,
                   GREATEST(budget.amount - used.spent, 0) AS remaining,
                   GREATEST(used.spent - budget.amount, 0) AS overspent,
                   CASE WHEN budget.amount > 0
                        THEN 100.0 * used.spent / budget.amount
                   END AS use_rate
              FROM used
              JOIN budget ON budget.id = used.budget_id
            """,
            people=spending_of("partner_id"),
            departments=spending_of("customer_department_id"),
        )
