# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Departments, budgets and purchasing rules in the routing of an order.

Each rule or budget that an order does not keep gives a reason (shown to the
buyer at the cart and to the approver), or refuses the order outright. A reason
may ask for a level: routing goes to the highest one asked (the order in which
reasons route: ``_customer_approval_first_deciders`` in
sale_order_purchasing_routing)."""

import copy

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .customer_budget import (
    SPENDING_FIELDS,
    flush_spending,
    get_period,
    period_timezone,
    spending_orders_sql,
)
from .customer_purchasing_input import PURCHASING_FACTS_MEMO
from .sale_order import SPENDING_BATCH_CONTEXT_KEY
from .spending_lock import lock_for_spending

# Sequences of the reasons, after those of the buyer's own settings.
SEQUENCES = {
    "min_amount": 50,
    "max_amount": 51,
    "category": 52,
    "order_count": 53,
    "budget": 60,
}


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "customer.purchasing.input"]

    # What other orders spend: a change of these forgets every order's findings
    # (see customer.purchasing.input); the order's own lines are inputs too.
    _purchasing_input_fields = frozenset([*SPENDING_FIELDS, "order_line"])

    customer_department_id = fields.Many2one(
        "customer.department",
        string="Department",
        compute="_compute_customer_department_id",
        store=True,
        readonly=True,
        help="The buyer's department when the order was placed.",
    )
    customer_department_code = fields.Char(
        string="Department code",
        compute="_compute_customer_department_id",
        store=True,
        readonly=True,
        index="btree_not_null",
        help="The code of the buyer's department when the order was placed.",
    )

    # The period's spending of a budget: one aggregated query on these.
    _customer_department_date_idx = models.Index(
        "(customer_department_id, date_order) WHERE customer_department_id IS NOT NULL"
    )
    _customer_partner_date_idx = models.Index("(partner_id, date_order)")

    @api.depends("partner_id")
    def _compute_customer_department_id(self):
        # On the partner only: an order keeps the department it was placed in
        # when its buyer moves to another one.
        for order in self:
            department = (
                order.partner_id._get_active_department()
                if order.partner_id
                else self.env["customer.department"]
            )
            order.customer_department_id = department
            order.customer_department_code = department.code

    # ------------------------------------------------------------------
    # What the rules and budgets say of an order
    # ------------------------------------------------------------------
    def _customer_purchasing_findings(self):
        """The rules and budgets that the order does not keep.

        :return: list of (values of a ``sale.order.approval.reason``, action),
            action being "approval" or "refuse"
        """
        return self._customer_purchasing_facts()["findings"]

    def _customer_purchasing_facts(self):
        """The findings, and what each budget of the buyer spent (the order
        left out), worked out once per transaction and state of the order: the
        notice, the readiness, the gate, the refusal and the routing all ask.

        Worked out again after any change of what they read (every model of it
        inherits customer.purchasing.input), in another call of a batch
        confirmation, or when a period may have ended.

        :return: dict: findings (see _customer_purchasing_findings), spending
            ({budget id: amount spent}), approvals_needed (four eyes)
        """
        self.ensure_one()
        if not self.id:
            return self._customer_purchasing_work_out()
        now = fields.Datetime.now()
        key = (
            self.id,
            tuple(self.env.context.get(SPENDING_BATCH_CONTEXT_KEY) or ()),
            # Periods start at midnight of the customer's time zone, which is a
            # quarter hour of UTC in every zone.
            now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0),
        )
        memo = self.env.cr.cache.setdefault(PURCHASING_FACTS_MEMO, {})
        if key not in memo:
            memo[key] = self._customer_purchasing_work_out()
        # The callers add to what they get: the memo keeps its own.
        return copy.deepcopy(memo[key])

    def _customer_purchasing_work_out(self):
        """The working out of :meth:`_customer_purchasing_facts`."""
        order = self.sudo()
        facts = {"findings": [], "spending": {}, "approvals_needed": 1}
        buyer = order.partner_id
        if not buyer or buyer.is_company or not buyer.parent_id:
            return facts
        company = order.company_id
        rules = buyer._get_purchasing_rules(company)
        budgets = buyer._get_budgets(company)
        if not (rules or budgets):
            return facts
        currency = company.currency_id
        amount = order._customer_approval_amount()
        lines = order._get_product_lines()
        findings = facts["findings"]
        four_eyes = rules.filtered(  # the most any rule asks (sale_order_four_eyes)
            lambda r: r.rule_type == "distinct_approvals" and amount > r.amount
        )
        facts["approvals_needed"] = max(four_eyes.mapped("approvals_count") or [1])

        def add(values, source):
            values.update(
                {
                    "sequence": SEQUENCES[values["code"]],
                    "currency_id": currency.id,
                    "required_level": source.required_level,
                    # the sentence names the buyer, also before it is saved
                    "order_id": order.id,
                }
            )
            findings.append((values, source.exceeded_action))

        counts = order._customer_order_counts(
            rules.filtered(lambda r: r.rule_type == "order_count")
        )
        for rule in rules:
            kind = rule.rule_type
            if (
                kind == "min_amount"
                and lines
                and currency.compare_amounts(amount, rule.amount) < 0
            ):
                add(
                    {
                        "code": kind,
                        "rule_id": rule.id,
                        "amount": amount,
                        "threshold": rule.amount,
                    },
                    rule,
                )
            elif (
                kind == "max_amount"
                and currency.compare_amounts(amount, rule.amount) > 0
            ):
                add(
                    {
                        "code": kind,
                        "rule_id": rule.id,
                        "amount": amount,
                        "threshold": rule.amount,
                    },
                    rule,
                )
            elif kind == "category":
                paths = [categ.parent_path for categ in rule.category_ids]
                matching = lines.filtered(
                    lambda line, paths=paths: any(
                        (line.product_id.categ_id.parent_path or "").startswith(path)
                        for path in paths
                    )
                )
                if matching:
                    add(
                        {
                            "code": kind,
                            "rule_id": rule.id,
                            "product_ids": [Command.set(matching.product_id.ids)],
                            "category_names": ", ".join(
                                rule.category_ids.mapped("name")
                            ),
                        },
                        rule,
                    )
            elif kind == "order_count" and lines:
                count, start = counts[rule]
                if count + 1 > rule.max_orders:
                    add(
                        {
                            "code": kind,
                            "rule_id": rule.id,
                            "order_count": count + 1,
                            "max_orders": rule.max_orders,
                            "period": rule.period or "month",
                            "period_start": start,
                        },
                        rule,
                    )
        spending = budgets._get_spending(exclude_order=order)
        facts["spending"] = {budget.id: spent for budget, spent in spending.items()}
        if lines:
            for budget in budgets:
                left = budget.amount - spending[budget]
                if currency.compare_amounts(amount, left) > 0:
                    add(
                        {
                            "code": "budget",
                            "budget_id": budget.id,
                            "amount": amount,
                            "threshold": max(left, 0.0),
                            "period": budget.period,
                            "period_start": budget._get_period()[0],
                            "budget_target_name": budget.department_id.name
                            or budget.partner_id.name
                            or "",
                        },
                        budget,
                    )
        return facts

    def _customer_order_counts(self, rules):
        """How many orders the buyer placed in the current period of each rule of
        the number of orders (this one excluded): one query, on the index
        (partner, date) of sale_order.

        :return: dict {rule: (count, first day of its period)}
        """
        self.ensure_one()
        if not rules:
            return {}
        query, periods = self._customer_order_counts_query(rules)
        flush_spending(self.env)
        self.env.cr.execute(query)
        row = self.env.cr.fetchone()
        return {
            rule: (row[index], start)
            for index, (rule, (start, _u, _e)) in enumerate(periods.items())
        }

    def _customer_order_counts_query(self, rules):
        """The query of :meth:`_customer_order_counts`: one count per rule.

        :return: (query, {rule: (first day, UTC start, UTC end)})
        """
        # a rule's period follows the customer company's calendar, as budgets do
        zone = period_timezone(
            self.partner_id.commercial_partner_id, self.company_id.partner_id
        )
        periods = {}
        for rule in rules:
            start, _end, utc_start, utc_end = get_period(rule.period or "month", zone)
            periods[rule] = (start, utc_start, utc_end)
        columns = SQL(", ").join(
            SQL(
                "COUNT(*) FILTER (WHERE so.date_order >= %s AND so.date_order < %s)",
                utc_start,
                utc_end,
            )
            for _start, utc_start, utc_end in periods.values()
        )
        query = SQL(
            """
            SELECT %(columns)s
              FROM sale_order so
             WHERE so.partner_id = %(buyer)s AND so.company_id = %(company)s
               AND so.date_order >= %(since)s AND so.date_order < %(until)s
               AND so.id != %(order)s AND %(spending)s
            """,
            columns=columns,
            buyer=self.partner_id.id,
            company=self.company_id.id,
            since=min(utc_start for _start, utc_start, _end in periods.values()),
            until=max(utc_end for _start, _utc_start, utc_end in periods.values()),
            order=self.id or 0,
            spending=spending_orders_sql(self.env),
        )
        return query, periods

    def _customer_approval_reasons(self):
        reasons = super()._customer_approval_reasons()
        reasons += [
            values
            for values, action in self._customer_purchasing_findings()
            if action == "approval"
        ]
        return reasons

    def _customer_purchasing_refusal(self):
        """Why the order may not be placed at all (a rule or budget that refuses
        it), or False."""
        self.ensure_one()
        refused = [
            values
            for values, action in self._customer_purchasing_findings()
            if action == "refuse"
        ]
        if not refused:
            return False
        reasons = self.env["sale.order.approval.reason"].sudo()
        return _(
            "Order %(order)s cannot be placed: %(reasons)s.",
            order=self.name,
            reasons="; ".join(reasons.new(values).name for values in refused),
        )

    def _customer_approval_cart_summary(self):
        """What the cart tells the buyer before checkout: the reasons the order
        will need approval, why it is refused, and what is left of each budget.

        :return: dict: reasons (sentences), refusal (a sentence or False),
            budgets (list of dicts: name, period, amount, spent, remaining,
            currency)
        """
        self.ensure_one()
        order = self.sudo()
        reasons = order._customer_approval_reasons()
        budgets = order.partner_id._get_budgets(order.company_id)
        spent = order._customer_purchasing_facts()["spending"]
        spending = {budget: spent.get(budget.id, 0.0) for budget in budgets}
        reason_model = self.env["sale.order.approval.reason"].sudo()
        return {
            "reasons": [reason_model.new(values).name for values in reasons],
            "refusal": order._customer_purchasing_refusal(),
            "budgets": [
                {
                    "name": budget.department_id.display_name or budget.partner_id.name,
                    "period": budget._get_period_name(),
                    "amount": budget.amount,
                    "spent": spending[budget],
                    "remaining": max(budget.amount - spending[budget], 0.0),
                    "currency": budget.currency_id,
                }
                for budget in budgets
            ],
        }

    # ------------------------------------------------------------------
    # Spending: serialised, stamped, and never around a refusal
    # ------------------------------------------------------------------
    def _customer_purchasing_lock(self):
        """Lock what the order spends, so that two orders at the same moment
        cannot both take what is left: the buyer, whose orders the rules of
        the number of orders count (whatever the rule's scope: locking the rule
        would make every buyer it covers wait for each other), then the
        budgets (the person's, the department's). See spending_lock."""
        self.ensure_one()
        order = self.sudo()
        buyer = order.partner_id
        if buyer._get_purchasing_rules(order.company_id).filtered(
            lambda rule: rule.rule_type == "order_count"
        ):
            lock_for_spending(self.env, buyer._table, buyer.ids)
        buyer._get_budgets(order.company_id)._lock_for_spending()

    def _customer_purchasing_stamp(self):
        """The department and its code, as the order is placed."""
        self.ensure_one()
        department = self.sudo().partner_id._get_active_department()
        values = {}
        if self.customer_department_id != department:
            values["customer_department_id"] = department.id
        if self.customer_department_code != (department.code or False):
            values["customer_department_code"] = department.code or False
        if values:
            self.sudo().write(values)

    def action_submit_for_customer_approval(self):
        self.ensure_one()
        self._customer_approval_check_buyer()
        with self.env.cr.savepoint():
            # Locked first: another order of the same buyer or budgets waits
            # until this one is placed, then is tried again (see spending_lock).
            self._customer_purchasing_lock()
            if error := self.sudo()._customer_purchasing_refusal():
                raise UserError(error)
            self._customer_purchasing_stamp()
            return super().action_submit_for_customer_approval()

    def action_confirm(self):
        # An order confirmed without approval spends budgets too: lock them
        # before the gate checks them. The gate is asked first, before other
        # modules act on the confirmation (the shop assigns its salesperson, a
        # write that a portal user may not do): whoever calls, over whatever
        # path, reads why the order may not be confirmed.
        # Every confirmation takes the locks, whoever confirms and whatever the
        # order: a buyer's portal acceptance of a vendor quotation spends too.
        for order in self.filtered(lambda order: order.state in ("draft", "sent")):
            order._customer_approval_lock_spending()
        self._customer_approval_check_gate()
        # A phone order of a department's member carries its code too.
        for order in self.filtered(
            lambda order: (order.approval_state or "none") == "none"
        ):
            order._customer_purchasing_stamp()
        return super().action_confirm()

    def _customer_approval_refusal(self):
        return self._customer_purchasing_refusal() or (
            super()._customer_approval_refusal()
        )

    def _customer_approval_lock_spending(self):
        result = super()._customer_approval_lock_spending()
        self._customer_purchasing_lock()
        return result

    @api.depends(
        "partner_id.customer_department_id", "partner_id.commercial_partner_id"
    )
    def _compute_customer_approval_submittable(self):
        res = super()._compute_customer_approval_submittable()
        for order in self.filtered(
            lambda o: (
                not o.customer_approval_submittable
                and o.state in ("draft", "sent")
                and (o.approval_state or "none") == "none"
                and o.partner_id
                and not o.partner_id.is_company
                and o.partner_id.parent_id
            )
        ):
            order.customer_approval_submittable = (
                order.partner_id._has_purchasing_controls(order.company_id)
            )
        return res
