# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The spending of a customer company's people (/my/team/statistics, tab
"Orders per person"), counted as the tab "Spending" counts it: the same orders
(customer_budget.spending_sql), the same days (the customer company's calendar,
res.partner._get_customer_spending_timezone) and the same conversion of
currencies (customer_budget.spending_amount_sql)."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .customer_budget import (
    SPENDING_ORDERS_DOMAIN,
    flush_spending,
    spending_amount_sql,
    spending_sql,
)
from .res_partner_spending import local_to_utc


class SaleOrder(models.Model):
    _inherit = "sale.order"

    customer_counts_as_spent = fields.Boolean(
        string="Counts as spent",
        compute="_compute_customer_counts_as_spent",
        search="_search_customer_counts_as_spent",
        help="The order counts against the customer's budgets and statistics: "
        "released, waiting for or approved by the customer, or being paid.",
    )

    def _compute_customer_counts_as_spent(self):
        spending = self.browse()
        if self.ids:
            spending = self.sudo().search(
                Domain("id", "in", self.ids) & SPENDING_ORDERS_DOMAIN
            )
        for order in self:
            order.customer_counts_as_spent = order in spending

    def _search_customer_counts_as_spent(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        flush_spending(self.env)
        spends = Domain.custom(to_sql=lambda _model, alias, _query: spending_sql(alias))
        return spends if (operator == "=") == value else ~spends

    @api.model
    def _get_team_spending(self, company, date_from, date_to):
        """Spending per sub-account of ``company`` from the local day
        ``date_from`` to ``date_to`` (both included) of the company's calendar:
        the orders that spend and their amount in the vendor company's
        currency, with the orders waiting and rejected. Two queries.

        :return: list of dicts: partner, orders (that spend), spent, waiting,
            rejected; the person with the most orders first.
        """
        company = company.commercial_partner_id
        spent, counts = {}, {}
        for (
            _month,
            _department,
            partner_id,
            amount,
            count,
        ) in company._read_customer_spending(date_from, date_to + timedelta(days=1)):
            spent[partner_id] = spent.get(partner_id, 0.0) + amount
            counts[partner_id] = counts.get(partner_id, 0) + count
        by_state = self._read_group(
            company._get_customer_spending_period_domain(date_from, date_to)
            & Domain("state", "!=", "draft")
            & Domain("approval_state", "in", ["waiting", "rejected"]),
            ["partner_id", "approval_state"],
            ["__count"],
        )
        waiting = {p.id: n for p, state, n in by_state if state == "waiting"}
        rejected = {p.id: n for p, state, n in by_state if state == "rejected"}
        people = (
            self.env["res.partner"]
            .browse(set(counts) | set(rejected) | set(waiting))
            .filtered(lambda partner: not partner.is_company)
        )
        currency = self.env.company.currency_id
        rows = [
            {
                "partner": partner,
                "orders": counts.get(partner.id, 0),
                "spent": currency.round(spent.get(partner.id, 0.0)),
                "waiting": waiting.get(partner.id, 0),
                "rejected": rejected.get(partner.id, 0),
            }
            for partner in people
        ]
        return sorted(rows, key=lambda row: (-row["orders"], row["partner"].name or ""))

    @api.model
    def _sum_team_spending(self, rows):
        """The company's line of the statistics: the sums of ``rows`` (see
        _get_team_spending).

        :return: dict: orders, spent, waiting, rejected
        """
        currency = self.env.company.currency_id
        return {
            "orders": sum(row["orders"] for row in rows),
            "spent": currency.round(sum(row["spent"] for row in rows)),
            "waiting": sum(row["waiting"] for row in rows),
            "rejected": sum(row["rejected"] for row in rows),
        }

    @api.model
    def _get_team_spending_page(
        self, company, date_from, date_to, *, search="", page=1, step=80
    ):
        """One page of _get_team_spending (the same figures, the same order),
        and the whole company's line, in two queries whatever the number of
        people and orders: the sums of all people, then the page.

        :param search: only the people whose name or e-mail holds it (the
            company's line stays whole)
        :param page: the page (1 is the first; past the last: the last)
        :return: dict: rows (see _get_team_spending), total (the people on all
            pages), summary (see _sum_team_spending)
        """
        company = company.commercial_partner_id
        currency = self.env.company.currency_id
        people = self._team_spending_sql(company, date_from, date_to)
        search = (search or "").strip()
        matches = SQL("TRUE")
        if search:
            # As the ORM's ilike: the text anywhere in the name or e-mail.
            pattern = f"%{search}%"
            matches = SQL(
                "(person.name ILIKE %s OR person.email ILIKE %s)", pattern, pattern
            )
        self.env.cr.execute(
            SQL(
                """
                WITH people AS MATERIALIZED (%s)
                SELECT COALESCE(SUM(orders), 0), COALESCE(SUM(spent), 0),
                       COALESCE(SUM(waiting), 0), COALESCE(SUM(rejected), 0),
                       COUNT(*) FILTER (WHERE %s)
                  FROM people
                  JOIN res_partner person ON person.id = people.partner_id
                """,
                people,
                matches,
            )
        )
        orders, spent, waiting, rejected, total = self.env.cr.fetchone()
        summary = {
            "orders": orders,
            "spent": currency.round(spent),
            "waiting": waiting,
            "rejected": rejected,
        }
        pages = max((total + step - 1) // step, 1)
        page = max(1, min(int(page), pages))
        self.env.cr.execute(
            SQL(
                """
                WITH people AS (%s)
                SELECT people.partner_id, orders, spent, waiting, rejected
                  FROM people
                  JOIN res_partner person ON person.id = people.partner_id
                 WHERE %s
              ORDER BY orders DESC, person.name, person.id
                 LIMIT %s OFFSET %s
                """,
                people,
                matches,
                step,
                (page - 1) * step,
            )
        )
        fetched = self.env.cr.fetchall()
        partners = self.env["res.partner"].browse([row[0] for row in fetched])
        rows = [
            {
                "partner": partner,
                "orders": orders,
                "spent": currency.round(spent),
                "waiting": waiting,
                "rejected": rejected,
            }
            for partner, (_id, orders, spent, waiting, rejected) in zip(
                partners, fetched, strict=True
            )
        ]
        return {"rows": rows, "total": total, "summary": summary}

    @api.model
    def _team_spending_sql(self, company, date_from, date_to):
        """The query of the figures of _get_team_spending: one row a person of
        ``company`` (partner_id, orders, spent, waiting, rejected) who spent,
        or has orders waiting or rejected, from the local day ``date_from`` to
        ``date_to`` (both included) of the company's calendar."""
        zone = company._get_customer_spending_timezone()
        flush_spending(self.env)
        self.env["res.partner"].flush_model(
            ["commercial_partner_id", "is_company", "name", "email"]
        )
        spends = spending_sql()

        def decided(state):
            return SQL("so.state != 'draft' AND so.approval_state = %s", state)

        return SQL(
            """
            SELECT so.partner_id,
                   COUNT(*) FILTER (WHERE %(spends)s) AS orders,
                   COALESCE(SUM(%(amount)s) FILTER (WHERE %(spends)s), 0) AS spent,
                   COUNT(*) FILTER (WHERE %(waiting)s) AS waiting,
                   COUNT(*) FILTER (WHERE %(rejected)s) AS rejected
              FROM sale_order so
              JOIN res_partner buyer ON buyer.id = so.partner_id
             WHERE buyer.commercial_partner_id = %(customer)s
               AND buyer.is_company IS NOT TRUE
               AND so.company_id = %(company)s
               AND so.date_order >= %(start)s
               AND so.date_order < %(end)s
               AND (%(spends)s OR %(waiting)s OR %(rejected)s)
          GROUP BY so.partner_id
            """,
            spends=spends,
            amount=spending_amount_sql(self.env.company.currency_id.id),
            waiting=decided("waiting"),
            rejected=decided("rejected"),
            customer=company.id,
            company=self.env.company.id,
            start=local_to_utc(zone, date_from),
            end=local_to_utc(zone, date_to + timedelta(days=1)),
        )
