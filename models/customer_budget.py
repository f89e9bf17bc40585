# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budgets of a department or a person of a customer company, per calendar
period, and their spending."""

from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.misc import format_date

from .sale_order import SPENDING_BATCH_CONTEXT_KEY
from .spending_lock import lock_for_spending

BUDGET_PERIODS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]
# What a budget or a purchasing rule does when it is not kept.
EXCEEDED_ACTIONS = [
    ("approval", "Needs approval"),
    ("refuse", "Refused"),
]
# Who must approve an order that a budget or a rule sends to approval. Routing
# goes to the highest level asked by the order's reasons (see DESIGN.md).
REQUIRED_LEVELS = [
    ("chain", "The buyer's next approver"),
    ("manager", "The department manager"),
    ("admin", "A customer admin"),
]
LEVEL_RANK = {False: 0, "chain": 0, "manager": 1, "admin": 2}

# What "spent" means, once for every figure of the addon (budgets, rules of
# the number of orders, /my/team/statistics, its drill-down lists and export,
# the contact form): the orders of the vendor's company that are released
# (confirmed), waiting for the customer's approval, or approved and awaiting
# the buyer's payment, and carts being paid (a transaction whose money is on
# its way or taken: until it is cancelled). Never carts, rejected, withdrawn
# or cancelled orders, nor an approved order that the vendor cancelled and set
# back to a quotation.
PAYING_TRANSACTION_STATES = ("pending", "authorized", "done")


def spending_sql(alias="so"):
    """The orders that spend, as a condition on the sale_order row ``alias``:
    the one definition (SPENDING_ORDERS_DOMAIN searches with it)."""
    so = SQL.identifier(alias)
    return SQL(
        "(%(so)s.state = 'sale'"
        " OR (%(so)s.approval_state = 'waiting' AND %(so)s.state != 'cancel')"
        " OR (%(so)s.approval_state = 'approved' AND %(so)s.state = 'sent')"
        " OR (%(so)s.state IN ('draft', 'sent') AND EXISTS ("
        "SELECT 1 FROM sale_order_transaction_rel paying_rel"
        " JOIN payment_transaction paying ON paying.id = paying_rel.transaction_id"
        " WHERE paying_rel.sale_order_id = %(so)s.id AND paying.state IN %(paying)s)))",
        so=so,
        paying=PAYING_TRANSACTION_STATES,
    )


SPENDING_ORDERS_SQL = spending_sql()


def spending_amount_sql(currency, alias="so"):
    """What an order of the row ``alias`` spends in ``currency`` (an id, or SQL
    giving one, the vendor company's): the one conversion of every figure. An
    order in another currency counts at the rate stored on the order, that of
    its order date (sale.order.currency_rate, the company's currency to the
    order's); a missing rate counts the amount as it is."""
    so = SQL.identifier(alias)
    return SQL(
        "CASE WHEN %(so)s.currency_id = %(currency)s THEN %(so)s.amount_total"
        " ELSE %(so)s.amount_total / COALESCE(NULLIF(%(so)s.currency_rate, 0), 1)"
        " END",
        so=so,
        currency=currency,
    )


# The fields of sale_order the spending queries read.
SPENDING_FIELDS = [
    "state",
    "approval_state",
    "amount_total",
    "currency_id",
    "currency_rate",
    "date_order",
    "partner_id",
    "customer_department_id",
    "company_id",
    "transaction_ids",
]
# The same orders as a domain, for searches and the lists behind a figure
# (see sale.order.customer_counts_as_spent, which searches with spending_sql).
SPENDING_ORDERS_DOMAIN = Domain("customer_counts_as_spent", "=", True)


def spending_orders_sql(env):
    """SPENDING_ORDERS_SQL, plus the orders confirmed earlier in the same call."""
    batch = env.context.get(SPENDING_BATCH_CONTEXT_KEY)
    if not batch:
        return SPENDING_ORDERS_SQL
    return SQL("(%s OR so.id IN %s)", SPENDING_ORDERS_SQL, tuple(batch))


def flush_spending(env):
    """Write pending changes of what SPENDING_ORDERS_SQL reads."""
    env["sale.order"].flush_model(SPENDING_FIELDS)
    env["payment.transaction"].flush_model(["state"])


def period_start(period, day):
    """The first day of the calendar ``period`` holding ``day``."""
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def period_end(period, start):
    """The first day after the period that begins on ``start``."""
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    return start + relativedelta(months=months)


def period_timezone(*partners):
    """The time zone of the first of ``partners`` that has a valid one (the
    customer company, then the vendor's), else UTC: its calendar gives the
    periods of budgets and of rules of the number of orders."""
    for partner in partners:
        if partner.tz and partner.tz in pytz.all_timezones_set:
            return pytz.timezone(partner.tz)
    return pytz.utc


def period_name(env, period, start):
    """The ``period`` (month, quarter, year) that begins on ``start`` as people
    say it in the language of ``env``: "November", "Q4 2026", "2026"."""
    if period == "month":
        return format_date(env, start, date_format="MMMM")
    if period == "quarter":
        return env._(
            "Q%(quarter)s %(year)s",
            quarter=(start.month - 1) // 3 + 1,
            year=start.year,
        )
    return str(start.year)


def get_period(period, zone, when=None):
    """The calendar ``period`` of the time zone ``zone`` that holds ``when`` (a
    naive UTC datetime, by default now).

    :return: (first day, first day after), local dates, and the same as naive
        UTC datetimes: (start, end, utc_start, utc_end)
    """
    now = pytz.utc.localize(when or fields.Datetime.now()).astimezone(zone)
    start = period_start(period, now.date())
    end = period_end(period, start)

    def to_utc(day):
        local = zone.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return start, end, to_utc(start), to_utc(end)


class CustomerBudget(models.Model):
    _name = "customer.budget"
    _inherit = ["customer.purchasing.input"]
    _description = "Budget of a customer department or person"
    _order = "company_partner_id, department_id, partner_id, id"

    active = fields.Boolean(default=True)
    department_id = fields.Many2one(
        "customer.department", index="btree_not_null", ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        index="btree_not_null",
        ondelete="cascade",
        domain=[("is_company", "=", False)],
    )
    company_partner_id = fields.Many2one(
        "res.partner",
        string="Customer company",
        compute="_compute_company_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The vendor's company whose orders spend the budget, in its currency.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, help="What may be spent in each period.")
    period = fields.Selection(BUDGET_PERIODS, required=True, default="month")
    exceeded_action = fields.Selection(
        EXCEEDED_ACTIONS,
        string="When exceeded",
        required=True,
        default="approval",
        help="An order that would exceed what is left of the budget needs approval, "
        "or is refused.",
    )
    required_level = fields.Selection(
        REQUIRED_LEVELS,
        string="Approved by",
        required=True,
        default="chain",
        help="Who must approve an order above what is left.",
    )
    name = fields.Char(compute="_compute_name")
    period_name = fields.Char(compute="_compute_spending", string="Current period")
    spent = fields.Monetary(
        compute="_compute_spending",
        help="Spent in the current period: orders released, waiting for or approved "
        "by the customer.",
    )
    remaining = fields.Monetary(compute="_compute_spending", string="Left")

    _amount_positive = models.Constraint(
        "CHECK(amount >= 0)", "The amount of a budget cannot be negative."
    )
    _one_target = models.Constraint(
        "CHECK((department_id IS NULL) != (partner_id IS NULL))",
        "A budget is either a department's or a person's.",
    )

    @api.depends("department_id.company_partner_id", "partner_id.commercial_partner_id")
    def _compute_company_partner_id(self):
        for budget in self:
            budget.company_partner_id = (
                budget.department_id.company_partner_id
                or budget.partner_id.commercial_partner_id
            )

    @api.depends("department_id", "partner_id", "period")
    @api.depends_context("lang")
    def _compute_name(self):
        # One sentence per period: a lowered selection label reads wrong in
        # languages that capitalise nouns.
        for budget in self:
            target = budget.department_id.name or budget.partner_id.name or ""
            if budget.period == "quarter":
                budget.name = _("%(target)s, per quarter", target=target)
            elif budget.period == "year":
                budget.name = _("%(target)s, per year", target=target)
            else:
                budget.name = _("%(target)s, per month", target=target)

    @api.constrains("partner_id")
    def _check_partner(self):
        for budget in self:
            person = budget.partner_id
            if person and (person.is_company or not person.parent_id):
                raise ValidationError(
                    _(
                        "%s is not a person of a customer company: a budget is a "
                        "department's or a sub-account's.",
                        person.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    def _get_timezone(self):
        """The customer company's time zone, else the vendor's, else UTC: its
        calendar gives the periods."""
        self.ensure_one()
        return period_timezone(self.company_partner_id, self.company_id.partner_id)

    def _get_period(self, when=None):
        """The current period of the budget (at ``when``, a naive UTC datetime).

        :return: (first day, first day after), local dates, and the same as naive
            UTC datetimes: (start, end, utc_start, utc_end)
        """
        self.ensure_one()
        return get_period(self.period, self._get_timezone(), when)

    def _get_period_name(self, start=None):
        """The period as people say it: "November", "Q4 2026", "2026"."""
        self.ensure_one()
        return period_name(self.env, self.period, start or self._get_period()[0])

    # ------------------------------------------------------------------
    # Spending: one aggregated query for any number of budgets
    # ------------------------------------------------------------------
    def _get_spending(self, exclude_order=None, when=None):
        """What each budget spent in its current period, in its company's
        currency: one query, on the indexes (partner, date) and (department,
        date) of sale_order, whatever the number of budgets and orders.

        :param exclude_order: an order not counted (the one being routed: an
            order submitted again is not counted against itself)
        :param when: a naive UTC datetime in the periods, by default now
        :return: dict {budget: amount}
        """
        if not self:
            return {}
        flush_spending(self.env)
        self.env.cr.execute(self._get_spending_query(exclude_order, when))
        spent = dict(self.env.cr.fetchall())
        return {
            budget: budget.currency_id.round(spent.get(budget.id) or 0.0)
            for budget in self
        }

    def _get_spending_query(self, exclude_order=None, when=None):
        """The query of :meth:`_get_spending`: (budget id, amount) rows.

        A person's budget counts the orders of the person, a department's those
        placed in the department; each in its own branch, so that each uses its
        index. Orders in another currency are converted by spending_amount_sql."""
        rows = []
        for budget in self:
            _start, _end, utc_start, utc_end = budget._get_period(when)
            rows.append(
                SQL(
                    "(%s::int, %s::int, %s::int, %s::int, %s::int, %s::timestamp, "
                    "%s::timestamp)",
                    budget.id,
                    budget.partner_id.id or None,
                    budget.department_id.id or None,
                    budget.company_id.id,
                    budget.currency_id.id,
                    utc_start,
                    utc_end,
                )
            )
        branch = """
                SELECT budget.id AS budget_id, %(amount)s AS amount
                  FROM budget
                  JOIN sale_order so ON so.%(column)s = budget.%(column)s
                   AND so.company_id = budget.company_id
                   AND so.date_order >= budget.date_start
                   AND so.date_order < budget.date_end
                 WHERE budget.%(column)s IS NOT NULL
                   AND %(spending)s AND so.id != %(exclude)s"""
        exclude = exclude_order.id if exclude_order and exclude_order.id else 0

        def orders_of(column):
            return SQL(
                branch,
                column=SQL.identifier(column),
                spending=spending_orders_sql(self.env),
                exclude=exclude,
                amount=spending_amount_sql(SQL("budget.currency_id")),
            )

        return SQL(
            """
            WITH budget(id, partner_id, customer_department_id, company_id,
                        currency_id, date_start, date_end) AS (VALUES %(rows)s),
                 spending AS (%(people)s UNION ALL %(departments)s)
            SELECT budget_id, SUM(amount)
              FROM spending
          GROUP BY budget_id
            """,
            rows=SQL(", ").join(rows),
            people=orders_of("partner_id"),
            departments=orders_of("customer_department_id"),
        )

    @api.depends("amount", "period", "department_id", "partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_spending(self):
        real = self.filtered("id")
        spending = real._get_spending()
        for budget in self:
            spent = spending.get(budget, 0.0)
            budget.spent = spent
            budget.remaining = max(budget.amount - spent, 0.0)
            budget.period_name = budget._get_period_name() if budget.period else False

    def _lock_for_spending(self):
        """Serialise the orders that spend these budgets: two submissions at the
        same moment cannot both spend the same remainder (see spending_lock:
        the second waits, then is tried again with a snapshot that holds the
        first)."""
        lock_for_spending(self.env, self._table, self.ids)

    def action_view_orders(self):
        """The orders that spend the budget in its current period."""
        self.ensure_one()
        _start, _end, utc_start, utc_end = self._get_period()
        target = (
            Domain("customer_department_id", "=", self.department_id.id)
            if self.department_id
            else Domain("partner_id", "=", self.partner_id.id)
        )
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Orders of %(budget)s, %(period)s",
                budget=self.name,
                period=self.period_name,
            ),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": list(
                target
                & SPENDING_ORDERS_DOMAIN
                & Domain("company_id", "=", self.company_id.id)
                & Domain("date_order", ">=", utc_start)
                & Domain("date_order", "<", utc_end)
            ),
            "context": {"create": False},
        }
