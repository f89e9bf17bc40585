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

from .customer_budget import SPENDING_ORDERS_DOMAIN, flush_spending, spending_sql


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
