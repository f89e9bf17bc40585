# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation: an order that waits too long for its approver passes to the next
level (the approver's next approver, else the customer admins).

The delay counts working days of a calendar: the customer company's working
hours, else those of the vendor's company (resource_calendar.py)."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.translate import LazyTranslate

# The steps after which an order waits for somebody new.
WAITING_STEPS = ("submitted", "passed_on", "escalated")
ESCALATION_BATCH_SIZE = 100


_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    approval_waiting_since = fields.Datetime(
        string="With the current approver since",
        compute="_compute_approval_waiting_since",
        store=True,
        copy=False,
        readonly=True,
        help="When the order reached the people who decide it now (submission, "
        "passing on or escalation): the escalation counts from here.",
    )

    # The escalation cron finds the waiting orders due by this date.
    _approval_waiting_since_idx = models.Index(
        "(approval_waiting_since) WHERE approval_state = 'waiting'"
    )

    @api.depends(
        "approval_state",
        "approval_round",
        "approval_history_ids.decision",
        "approval_history_ids.date",
    )
    def _compute_approval_waiting_since(self):
        for order in self:
            steps = order.approval_history_ids.filtered(
                lambda h, o=order: (
                    h.decision in WAITING_STEPS and h.round == o.approval_round
                )
            )
            order.approval_waiting_since = (
                order.approval_state == "waiting"
                and steps
                and max(steps.mapped("date"))
            ) or False

    def _customer_approval_escalation_due(self, now=None):
        """Whether the order waited the working days its customer company allows."""
        self.ensure_one()
        domain = self._customer_approval_escalation_domain(
            self.partner_id.commercial_partner_id,
            self.company_id,
            now or fields.Datetime.now(),
        )
        return bool(self.filtered_domain(domain))

    @api.model
    def _customer_approval_escalation_domain(self, customers, vendors, now):
        """The domain of the waiting orders of ``customers`` (customer
        companies) sold by ``vendors`` (res.company) that waited their
        company's working days by ``now``.

        One cut-off a calendar and delay, computed once: an order is due when
        it waits since that moment or earlier.
        """
        # Settings of the vendor (working hours), read whoever asks.
        customers = customers.sudo().filtered(
            lambda customer: customer.approval_escalation_days > 0
        )
        cutoffs, terms = {}, []
        for vendor in vendors:
            groups = customers.grouped(
                lambda customer, v=vendor: (
                    customer.approval_escalation_days,
                    customer._get_approval_calendar(v),
                )
            )
            for (days, calendar), group in groups.items():
                if not calendar:
                    continue
                if (days, calendar) not in cutoffs:
                    cutoffs[days, calendar] = calendar._customer_approval_cutoff(
                        days, now
                    )
                if cutoffs[days, calendar]:
                    terms.append(
                        Domain("company_id", "=", vendor.id)
                        & Domain("partner_id.commercial_partner_id", "in", group.ids)
                        & Domain(
                            "approval_waiting_since", "<=", cutoffs[days, calendar]
                        )
                    )
        return Domain.OR(terms) & self._customer_approval_waiting_domain()

    @api.model
    def _customer_approval_waiting_domain(self):
        """Orders waiting for an approver (not for the customer admins)."""
        return Domain("approval_state", "=", "waiting") & Domain(
            "current_approver_id", "!=", False
        )

    @api.model
    def _cron_escalate_customer_approvals(self, batch_size=None):
        """Pass the orders that waited too long to the next level, by batches
        of ``batch_size`` (sale_order_cron.py: each committed, what remains
        reported, one failure kept to its order).

        :return: the number of orders escalated (by this call)"""
        now = fields.Datetime.now()
        customers = (
            self.env["res.partner"]
            .sudo()
            .search([("approval_escalation_days", ">", 0), ("is_company", "=", True)])
        )
        if not customers:
            return 0
        # The vendor's companies that sell to them: their working hours count
        # for customers without their own.
        vendors = self.env["res.company"].union(
            *(
                company
                for [company] in self.sudo()._read_group(
                    self._customer_approval_waiting_domain()
                    & Domain("partner_id.commercial_partner_id", "in", customers.ids),
                    ["company_id"],
                )
            )
        )
        domain = self._customer_approval_escalation_domain(customers, vendors, now)
        escalated = self._customer_approval_cron_batches(
            "escalation",
            domain,
            "_customer_approval_escalate",
            batch_size or ESCALATION_BATCH_SIZE,
        )
        return len(escalated)

    def _customer_approval_escalate(self):
        """Pass the waiting order from its current approver to the next level.

        :return: False when nobody is above the current approver."""
        self.ensure_one()
        previous = self.current_approver_id
        next_approver, to_admins = self._customer_approval_escalation(previous)
        if not (next_approver or to_admins):
            return False
        days = self.partner_id.commercial_partner_id.approval_escalation_days
        # The next level, or their substitute while they are away.
        absent = self.env["res.partner"]
        if next_approver:
            next_approver, absent = self._customer_approval_route_to(
                next_approver, excluded=self._customer_approval_done_by() | previous
            )
        self.write(
            {
                **self._customer_approval_waiting_for(next_approver, absent),
                "approval_level": self.approval_level + 1,
            }
        )
        deciders = self._customer_approval_deciders()
        message = _lt(
            "Escalated to %(deciders)s: %(approver)s did not decide within "
            "{%(days)s, plural, one {%(days)s working day} other {%(days)s working"
            " days}}.",
            deciders=self._customer_approval_deciders_text(deciders),
            approver=previous.name,
            days=days,
        )
        self.write(
            {
                "approval_history_ids": [
                    self._customer_approval_history_step(
                        "escalated",
                        next_approver,
                        self._customer_approval_in_lang(
                            message, self.env.lang or "en_US"
                        ),
                    )
                ]
            }
        )
        self._customer_approval_log(message)
        self._customer_approval_send_mail("escalated", deciders)
        self._customer_approval_send_mail("escalated_notice", previous)
        return True
