# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from .sale_order import APPROVAL_STATES

OUTCOMES = [
    ("waiting", "Waiting"),
    ("released", "Released"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
    ("cancelled", "Cancelled by vendor"),
    ("ended", "Ended otherwise"),
]
# History steps that end a round of approval, and the outcome each gives.
ENDING_STEPS = ("released", "rejected", "withdrawn", "cancelled")


class SaleOrderApprovalReport(models.Model):
    """One row per round of customer approval: an order submitted, and how and
    when that submission ended. The vendor's picture of how approvals go (lead
    time, waiting orders, rejection and withdrawal rates) in pivot and graph
    views; read from the approval history, so it holds on every path."""

    _name = "sale.order.approval.report"
    _description = "Customer approval analysis"
    _auto = False
    _rec_name = "order_id"
    _order = "submitted_date desc"
    # What the query reads: flushed before the report is searched.
    _depends = {
        "sale.order.approval.history": [
            "order_id",
            "round",
            "date",
            "decision",
            "approver_id",
            "currency_id",
            "amount_total",
        ],
        "sale.order": [
            "company_id",
            "user_id",
            "team_id",
            "partner_id",
            "customer_department_id",
            "approval_state",
            "approval_round",
            "current_approver_id",
            "currency_rate",
        ],
        "res.partner": ["commercial_partner_id"],
        "res.company": ["currency_id"],
    }

    order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    customer_id = fields.Many2one(
        "res.partner", string="Customer company", readonly=True
    )
    buyer_id = fields.Many2one("res.partner", readonly=True)
    department_id = fields.Many2one("customer.department", readonly=True)
    round = fields.Integer(readonly=True, aggregator=None)
    submitted_date = fields.Datetime(string="Submitted on", readonly=True)
    ended_date = fields.Datetime(string="Decided on", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    approval_state = fields.Selection(
        APPROVAL_STATES, string="Approval status now", readonly=True
    )
    approver_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="Who decided the round; while it waits, who decides it now.",
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(
        string="Amount submitted",
        readonly=True,
        help="The order total when submitted, in the vendor company's currency.",
    )
    lead_time_hours = fields.Float(
        string="Lead time (hours)",
        readonly=True,
        aggregator="avg",
        help="From the submission to the release, for released rounds.",
    )
    waiting_hours = fields.Float(
        string="Waiting (hours)",
        readonly=True,
        aggregator="avg",
        help="How long a round still waiting has waited so far.",
    )
    escalation_count = fields.Integer(string="Escalations", readonly=True)
    round_count = fields.Integer(string="Rounds", readonly=True)
    # 100 for a round with that outcome, else 0: the average is the rate.
    release_rate = fields.Float(string="Released (%)", readonly=True, aggregator="avg")
    rejection_rate = fields.Float(
        string="Rejected (%)", readonly=True, aggregator="avg"
    )
    withdrawal_rate = fields.Float(
        string="Withdrawn (%)", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT sub.id AS id,
                   so.id AS order_id,
                   so.company_id,
                   so.user_id,
                   so.team_id,
                   COALESCE(buyer.commercial_partner_id, buyer.id) AS customer_id,
                   so.partner_id AS buyer_id,
                   so.customer_department_id AS department_id,
                   sub.round,
                   sub.date AS submitted_date,
                   ending.date AS ended_date,
                   %(outcome)s AS outcome,
                   so.approval_state,
                   CASE WHEN ending.id IS NULL AND so.approval_state = 'waiting'
                        THEN so.current_approver_id ELSE ending.approver_id
                   END AS approver_id,
                   company.currency_id,
                   CASE WHEN sub.currency_id IS NULL
                          OR sub.currency_id = company.currency_id
                        THEN sub.amount_total
                        ELSE sub.amount_total
                             / COALESCE(NULLIF(so.currency_rate, 0), 1)
                   END AS amount,
                   CASE WHEN ending.decision = 'released'
                        THEN EXTRACT(EPOCH FROM ending.date - sub.date) / 3600.0
                   END AS lead_time_hours,
                   CASE WHEN ending.id IS NULL AND so.approval_state = 'waiting'
                        THEN EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC') - sub.date)
                             / 3600.0
                   END AS waiting_hours,
                   (SELECT COUNT(*) FROM sale_order_approval_history esc
                     WHERE esc.order_id = sub.order_id AND esc.round = sub.round
                       AND esc.decision = 'escalated') AS escalation_count,
                   1 AS round_count,
                   CASE WHEN ending.decision = 'released' THEN 100.0 ELSE 0.0 END
                       AS release_rate,
                   CASE WHEN ending.decision = 'rejected' THEN 100.0 ELSE 0.0 END
                       AS rejection_rate,
                   CASE WHEN ending.decision = 'withdrawn' THEN 100.0 ELSE 0.0 END
                       AS withdrawal_rate
              FROM sale_order_approval_history sub
              JOIN sale_order so ON so.id = sub.order_id
              JOIN res_company company ON company.id = so.company_id
              JOIN res_partner buyer ON buyer.id = so.partner_id
         LEFT JOIN LATERAL (
                    SELECT step.id, step.date, step.decision, step.approver_id
                      FROM sale_order_approval_history step
                     WHERE step.order_id = sub.order_id AND step.round = sub.round
                       AND step.decision IN %(ending)s
                  ORDER BY step.date DESC, step.id DESC
                     LIMIT 1
                   ) ending ON TRUE
             WHERE sub.decision = 'submitted'
            """,
            outcome=SQL(
                "CASE WHEN ending.id IS NOT NULL THEN ending.decision"
                " WHEN so.approval_state = 'waiting'"
                " AND sub.round = so.approval_round THEN 'waiting'"
                " ELSE 'ended' END"
            ),
            ending=ENDING_STEPS,
        )
