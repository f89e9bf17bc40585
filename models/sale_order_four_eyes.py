# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes: an order above an amount is released only once enough different
people of the customer company approved it in its round.

How many: ``_customer_approval_approvals_needed`` (an extension point): the
company's setting (res_partner_four_eyes) here, and the rules of different
approvers (sale_order_purchasing_routing); the most of all that apply.

Who counts: every person who approved in the round (passed on or released),
once, never the buyer nor who placed the order for them (even a customer
admin). An approval that would release the order while fewer people counted
keeps it waiting and asks the next decider (``_customer_approval_four_eyes_next``):

1. the current approver, when somebody else (a customer admin out of turn)
   approved before them;
2. else the approver's next approver (above their breakpoint as below it; an
   order that asks for a customer admin only goes to customer admins);
3. else the customer admins who have not approved it yet.

Nobody in those, nor anybody who approved in the round, the buyer or the placer,
is asked twice. A submission that could never gather enough different
approvers (the buyer's chain and the customer admins, less the buyer and the
placer) is refused with a sentence that says so; an approval that finds nobody
left (the company changed its people since) is refused the same way, and the
order stays with its approver, who may still reject it.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The history steps that are approvals (see _customer_approval_done_by).
APPROVAL_STEPS = ("passed_on", "released")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    approval_approvals_needed = fields.Integer(
        string="Different approvers needed",
        copy=False,
        readonly=True,
        help="How many different people approve the order before its release: "
        "worked out at the submission, each approval and each change of the "
        "approver (empty: one).",
    )
    approval_approvals_missing = fields.Integer(
        string="Approvals missing",
        compute="_compute_approval_approvals_missing",
        help="How many more different people must approve the waiting order "
        "before it may be released, the next decider included (an approval above "
        "a breakpoint still passes it on); 0 when it does not wait.",
    )

    @api.depends(
        "approval_state",
        "approval_round",
        "approval_approvals_needed",
        "approval_history_ids.decision",
    )
    def _compute_approval_approvals_missing(self):
        # From the stored number and the history (read for all the orders of a
        # list at once): no working out of rules an order.
        for order in self:
            if order.approval_state != "waiting":
                order.approval_approvals_missing = 0
                continue
            order_sudo = order.sudo()
            order.approval_approvals_missing = max(
                (order.approval_approvals_needed or 1)
                - len(order_sudo._customer_approval_counted_approvers()),
                0,
            )

    def _customer_approval_store_approvals_needed(self):
        """Keep the stored number of a waiting order up to date (the list, the
        portal and the e-mails read it)."""
        self.ensure_one()
        if self.approval_state != "waiting":
            return
        needed = self._customer_approval_approvals_needed()
        if needed != (self.approval_approvals_needed or 1):
            self.sudo().approval_approvals_needed = needed

    # ------------------------------------------------------------------
    # How many, and who counts
    # ------------------------------------------------------------------
    def _customer_approval_approvals_needed(self):
        """Extension point: how many different people approve the order before
        it is released, from the customer company's setting (its amount in the
        company's breakpoint currency, converted at the order's date). Rules
        extend it; the most of all that apply counts.

        :return: int, 1 when one approval is enough
        """
        self.ensure_one()
        company = self.partner_id.commercial_partner_id
        count = company.approval_distinct_count or 1
        if count <= 1:
            return 1
        currency = company._get_approval_currency()
        threshold = company.approval_distinct_amount
        if currency != self.currency_id:
            threshold = currency._convert(
                threshold,
                self.currency_id,
                self.company_id,
                fields.Date.to_date(self.date_order) or fields.Date.today(),
            )
        if self.currency_id.compare_amounts(self.amount_total, threshold) > 0:
            return count
        return 1

    def _customer_approval_never_counted(self):
        """The buyer, and who placed the order for them: their approvals never
        count (a customer admin who placed it may approve, it counts for
        nobody)."""
        self.ensure_one()
        return self.partner_id | self.placed_by_partner_id

    def _customer_approval_counted_approvers(self, approver=None):
        """The different people whose approvals count in the current round,
        with ``approver`` when given (the approval being taken)."""
        self.ensure_one()
        people = self._customer_approval_done_by()
        if approver:
            people |= approver
        return people - self._customer_approval_never_counted()

    def _customer_approval_history_step(self, decision, approver=False, comment=False):
        step = super()._customer_approval_history_step(decision, approver, comment)
        if decision in APPROVAL_STEPS and approver:
            needed = self._customer_approval_approvals_needed()
            if needed > 1:
                step[2]["approvals_needed"] = needed
                step[2]["approval_number"] = (
                    len(self._customer_approval_counted_approvers(approver))
                    if approver not in self._customer_approval_never_counted()
                    else 0
                )
        return step

    # ------------------------------------------------------------------
    # Submission: enough different people to ask
    # ------------------------------------------------------------------
    def _customer_approval_possible_approvers(self, first):
        """Everybody who could approve the order in a round starting with
        ``first``: ``first`` and their next approvers, and the customer admins;
        never the buyer nor the placer."""
        self.ensure_one()
        people = self.partner_id.sudo()._get_customer_admins()
        approver = first
        while approver and approver not in people:
            people |= approver
            approver = approver.next_approver_id
        return people - self._customer_approval_never_counted()

    def action_submit_for_customer_approval(self):
        # Before anything is written: an order that could never gather enough
        # different approvers is refused, rather than stuck at its last one.
        self.ensure_one()
        self._customer_approval_check_buyer()
        order = self.sudo()
        needed = order._customer_approval_approvals_needed()
        if needed > 1 and order.state in ("draft", "sent"):
            reasons = order._customer_approval_reasons()
            if reasons:
                first, _absent, _deciders = order._customer_approval_first_deciders(
                    reasons
                )
                possible = order._customer_approval_possible_approvers(first)
                if len(possible) < needed:
                    raise UserError(
                        _(
                            "Order %(order)s needs the approval of %(needed)s "
                            "different people of %(company)s, but only "
                            "%(count)s may approve it. Please ask your customer "
                            "admin to name more approvers.",
                            order=self.name,
                            needed=needed,
                            company=order.partner_id.commercial_partner_id.name,
                            count=len(possible),
                        )
                    )
        submitted = super().action_submit_for_customer_approval()
        if submitted and (order.approval_approvals_needed or 1) != needed:
            order.approval_approvals_needed = needed
        return submitted

    # ------------------------------------------------------------------
    # Approval: release only with enough different approvers
    # ------------------------------------------------------------------
    def _customer_approval_apply_changes(self, approver, changes):
        result = super()._customer_approval_apply_changes(approver, changes)
        self._customer_approval_store_approvals_needed()
        return result

    def _customer_approval_approve(self, approver, comment):
        result = super()._customer_approval_approve(approver, comment)
        self._customer_approval_store_approvals_needed()
        step = self.approval_history_ids.sorted("id")[-1:]
        if step.approvals_needed > 1 and step.approver_id == approver:
            self._customer_approval_log(
                _lt(
                    "Approval %(number)s of %(needed)s different approvers "
                    "(%(approver)s).",
                    number=step.approval_number,
                    needed=step.approvals_needed,
                    approver=approver.name,
                )
                if step.approval_number
                else _lt(
                    "%(approver)s placed the order: their approval does not count "
                    "among the %(needed)s different approvers.",
                    approver=approver.name,
                    needed=step.approvals_needed,
                )
            )
        return result

    def _customer_approval_release(self, approver, comment):
        needed = self._customer_approval_approvals_needed()
        if needed <= 1 or (
            len(self._customer_approval_counted_approvers(approver)) >= needed
        ):
            return super()._customer_approval_release(approver, comment)
        return self._customer_approval_four_eyes_pass_on(approver, comment)

    def _customer_approval_four_eyes_excluded(self, approver):
        """Who is never asked after ``approver``'s approval: the buyer, the
        placer, and everybody who approved in the round."""
        self.ensure_one()
        return (
            self._customer_approval_never_counted()
            | self._customer_approval_done_by()
            | approver
        )

    def _customer_approval_four_eyes_next(self, approver):
        """Who decides after ``approver`` when more different approvers are
        needed (see the module's docstring).

        :return: ``(next approver, waits for the customer admins)``; ``(empty,
            False)`` when nobody is left
        """
        self.ensure_one()
        excluded = self._customer_approval_four_eyes_excluded(approver)
        nobody = self.env["res.partner"]
        current = self.current_approver_id
        if current and current not in excluded:
            return current, False
        next_approver, _to_admins = self._customer_approval_escalation(approver)
        # Asked as the engine asks it: a pool of approvers (sale_order_pool)
        # counts when one of its people is not excluded.
        if next_approver and self._customer_approval_deciders_of(
            next_approver, done_by=excluded
        ):
            return next_approver, False
        admins = self.partner_id.sudo()._get_customer_admins() - excluded
        return nobody, bool(admins)

    def _customer_approval_is_waiting_for(self, decider):
        """Whether the order waits for ``decider`` already (then it stays with
        them). Pools of approvers extend it."""
        self.ensure_one()
        return bool(decider) and decider == self.current_approver_id

    def _customer_approval_four_eyes_pass_on(self, approver, comment):
        """Keep the order waiting after ``approver``'s approval, for the next
        decider; refused when nobody different is left to ask."""
        self.ensure_one()
        needed = self._customer_approval_approvals_needed()
        next_approver, to_admins = self._customer_approval_four_eyes_next(approver)
        if not (next_approver or to_admins):
            raise UserError(
                _(
                    "Order %(order)s needs the approval of %(needed)s different "
                    "people, and nobody of %(company)s who has not approved it yet "
                    "may do so. Ask a customer admin to name another approver, or "
                    "reject the order.",
                    order=self.name,
                    needed=needed,
                    company=self.partner_id.commercial_partner_id.name,
                )
            )
        values = {
            "approval_history_ids": [
                self._customer_approval_history_step("passed_on", approver, comment)
            ]
        }
        if to_admins or not self._customer_approval_is_waiting_for(next_approver):
            acting, absent = self._customer_approval_route_to(
                next_approver,
                excluded=self._customer_approval_four_eyes_excluded(approver),
            )
            values.update(
                self._customer_approval_waiting_for(acting, absent),
                approval_level=self.approval_level + 1,
            )
        self.write(values)
        deciders = self._customer_approval_deciders()
        missing = needed - len(self._customer_approval_counted_approvers())
        self._customer_approval_log(
            _lt(
                "Approved by %(approver)s and passed on to %(deciders)s: "
                "{%(missing)s, plural, one {one more different approver is} "
                "other {%(missing)s more different approvers are}} needed.",
                approver=approver.name,
                deciders=", ".join(deciders.mapped("name")),
                missing=missing,
            ),
            comment,
        )
        # The e-mail says why it comes (not a breakpoint) and how many are missing.
        self.with_context(approval_four_eyes=True)._customer_approval_send_mail(
            "passed_on", deciders
        )
        return True
