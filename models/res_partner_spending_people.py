# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The people of /my/team/statistics, tab "Spending", a page at a time: a
customer company may have thousands. The departments, the company's line and the
months stay whole (res_partner_spending.py, _get_customer_spending_overview with
people=False); the export keeps every person."""

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.fields import Domain
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_customer_spending_people_domain(self, search="", when=None):
        """The people of the company ``self`` that the tab shows: those with a
        budget of the vendor's current company, and those who spent this month;
        whose name or e-mail holds ``search`` when given."""
        self.ensure_one()
        company = self.commercial_partner_id
        first = company._get_customer_spending_months(when, months=1)[0]
        last = first + relativedelta(months=1, days=-1)
        budgets = (
            self.env["customer.budget"]
            .sudo()
            ._search(
                [
                    ("company_partner_id", "=", company.id),
                    ("company_id", "=", self.env.company.id),
                    ("partner_id", "!=", False),
                ]
            )
        )
        with_budget = Domain.custom(
            to_sql=lambda model, alias, query: SQL(
                "%s IN %s",
                SQL.identifier(alias, "id"),
                budgets.subselect("partner_id"),
            )
        )
        spent = Domain(
            "sale_order_ids",
            "any",
            company._get_customer_spending_orders_domain(first, last),
        )
        domain = (
            Domain("commercial_partner_id", "=", company.id)
            & Domain("is_company", "=", False)
            & (with_budget | spent)
        )
        search = (search or "").strip()
        if search:
            domain &= Domain("name", "ilike", search) | Domain("email", "ilike", search)
        return domain

    def _get_customer_spending_people_page(self, search="", page=1, step=80, when=None):
        """One page of the people of the tab (see
        _get_customer_spending_people_domain), by name, with their budgets in
        the current period or what they spent this month: as many queries
        whatever the number of people.

        :param page: the page (1 is the first; past the last: the last)
        :return: (rows, see _customer_spending_row; the number of people on
            all pages)
        """
        self.ensure_one()
        company = self.commercial_partner_id
        People = self.env["res.partner"].sudo().with_context(active_test=False)
        domain = company._get_customer_spending_people_domain(search, when)
        total = People.search_count(domain)
        page = max(1, min(int(page), (total + step - 1) // step))
        people = People.search(
            domain, order="name, id", offset=(page - 1) * step, limit=step
        )
        first = company._get_customer_spending_months(when, months=1)[0]
        this_month = (first, first + relativedelta(months=1))
        spent = {}
        for (
            month,
            _department,
            partner_id,
            amount,
            _count,
        ) in company._read_customer_spending(*this_month, people=people):
            if month == first:
                spent[partner_id] = spent.get(partner_id, 0.0) + amount
        budgets = self.env["customer.budget"].search(
            [
                ("partner_id", "in", people.ids),
                ("company_id", "=", self.env.company.id),
            ]
        )
        rows = self._customer_spending_rows(
            people,
            budgets,
            budgets._get_spending(when=when),
            spent,
            this_month,
            when=when,
        )
        return rows, total
