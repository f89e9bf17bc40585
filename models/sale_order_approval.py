# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The decisions: submit, approve (pass on or release), reject, withdraw.

One entry point each, for the portal, the backoffice and RPC. Each checks
everything before it writes and runs in a savepoint: an error leaves the orders
exactly as they were, whoever catches it."""

from odoo import Command, _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .sale_order import (
    DECIDING_STATE,
    customer_approval_access_error,
)

_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_check_buyer(self):
        """The buyer of the order, or the vendor's sales staff, may submit and
        withdraw it."""
        user = self.env.user
        if user._is_internal() and user.has_group("sales_team.group_sale_salesman"):
            return
        for order in self:
            if order.partner_id != user.partner_id:
                raise customer_approval_access_error(
                    _("Only the buyer of order %s may do this.", order.name)
                )

    def _customer_approval_lock(self):
        """Lock the orders so that two approvers acting at once decide once.

        The second transaction waits for the first one; under Odoo's repeatable-read
        isolation it then fails to serialise and is retried, and sees the decision.
        Decisions are public methods (JSON-2 calls them with any list of ids): an
        empty list gets a clear message, not a failed lock.
        """
        if not self:
            raise UserError(_("Select the orders to decide."))
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sale_order WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            [
                "approval_state",
                "current_approver_id",
                "absent_approver_id",
                "approval_level",
            ]
        )

    def _customer_approval_check_waiting(self):
        for order in self:
            if order.approval_state != DECIDING_STATE:
                raise UserError(
                    _(
                        "Order %(order)s does not wait for approval any more "
                        "(%(state)s).",
                        order=order.name,
                        state=order._customer_approval_state_label(),
                    )
                )

    def _customer_approval_check_decider(self, partner):
        self.ensure_one()
        self._customer_approval_check_waiting()
        if partner == self.partner_id:
            raise customer_approval_access_error(
                _("You cannot decide on your own order %s.", self.name)
            )
        if partner not in self._customer_approval_deciders(include_admins=True):
            if partner in self._customer_approval_done_by():
                raise UserError(_("You have already approved order %s.", self.name))
            raise customer_approval_access_error(
                _(
                    "Only the current approver of order %s, or a customer admin of "
                    "the buyer's company, may decide on it.",
                    self.name,
                )
            )

    def _customer_approval_prefetch_lines(self):
        """A change of state recomputes stored amounts of the lines, and Odoo writes
        each with its currency: read the currencies of all lines in one query rather
        than one per line."""
        self.order_line.fetch(["currency_id"])

    def _customer_approval_write_lines_state(self, state):
        """Give the lines their order's coming ``state`` in one UPDATE: the ORM
        writes the lines' stored state in UPDATEs of 100 rows each, so that an
        order of 200 lines would cost more queries than an order of one. Read
        back in one query, the lines have nothing left for the ORM to write when
        the order's state changes. Only inside the caller's savepoint: rolled
        back, it goes with the rest."""
        lines = self.order_line
        if not lines:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE sale_order_line SET state = %s WHERE order_id IN %s",
                state,
                tuple(self.ids),
            )
        )
        lines.invalidate_recordset(["state"])
        lines.fetch(["state"])

    def _customer_approval_history_step(self, decision, approver=False, comment=False):
        self.ensure_one()
        # A substitute's step says for whom they acted ("for Erik Berg, absent").
        absent = (
            self.absent_approver_id
            if approver and approver == self.current_approver_id
            else self.env["res.partner"]
        )
        return Command.create(
            {
                "decision": decision,
                "approver_id": approver and approver.id,
                "absent_approver_id": absent.id,
                "user_id": self.env.user.id,
                "level": self.approval_level,
                "round": self.approval_round,
                "comment": comment,
                "currency_id": self.currency_id.id,
                "amount_total": self.amount_total,
            }
        )

    def _customer_approval_waiting_for(self, approver, absent):
        """The values of whom the order waits for next: ``approver`` (empty:
        the customer admins), standing in for ``absent`` (or empty). Pools of
        approvers extend it (sale_order_pool.py)."""
        return {"current_approver_id": approver.id, "absent_approver_id": absent.id}

    def _customer_approval_deciders_text(self, deciders):
        """Who the order waits for, as the chatter says it (after the write):
        their names. Pools of approvers name the pool too."""
        return ", ".join(deciders.mapped("name"))

    def _customer_approval_first_deciders(self, reasons=None):
        """Who will decide the order once submitted, known before anything is
        written (the checkout names them): the buyer's next approver, or their
        substitute while they are away, else the customer admins.

        :param reasons: the reasons of the order, when the caller has them (a
            reason may ask for a level: see sale_order_purchasing)
        :return: ``(first approver, the absent approver they stand in for,
            deciders)``
        """
        self.ensure_one()
        first, absent = self._customer_approval_route_to(
            self.partner_id.next_approver_id
        )
        return first, absent, self._customer_approval_deciders_of(first)

    def action_submit_for_customer_approval(self):
        """Route the order of a buyer at checkout, or submit again an order whose
        approval ended (rejected, withdrawn, cancelled) and that is a quotation
        again: it starts a new round from the buyer's next approver.

        :return: True when the order now waits for approval, False when it needs
            none (it then continues as any other order).
        """
        self.ensure_one()
        self._customer_approval_check_buyer()
        self._customer_approval_lock()
        if self.approval_state == DECIDING_STATE:
            raise UserError(_("Order %s already waits for approval.", self.name))
        never_submitted = (self.approval_state or "none") == "none"
        if not (
            self.approval_resubmittable
            or (never_submitted and self.state in ("draft", "sent"))
        ):
            raise UserError(
                _("Only a quotation can be submitted for approval (%s).", self.name)
            )
        reasons = self._customer_approval_reasons()
        if not reasons:
            if not never_submitted:
                # The order needs no approval any more (the buyer's settings
                # changed): it becomes an ordinary quotation again.
                self.sudo().write(
                    {"approval_state": "none", "approval_fingerprint": False}
                )
            return False
        order = self.sudo()
        buyer = order.partner_id
        first, absent, deciders = order._customer_approval_first_deciders(reasons)
        if not deciders:
            raise UserError(
                _(
                    "Nobody of %s can approve this order. Please ask your customer "
                    "admin to choose your next approver.",
                    buyer.commercial_partner_id.display_name,
                )
            )
        with self.env.cr.savepoint():
            order._customer_approval_prefetch_lines()
            order._customer_approval_write_lines_state("sent")
            order.write(
                {
                    # A waiting order is no cart any more: website_sale starts a new
                    # cart for the buyer, and the vendor finds it among sent
                    # quotations.
                    "state": "sent",
                    "approval_state": DECIDING_STATE,
                    **order._customer_approval_waiting_for(first, absent),
                    "approval_level": 1,
                    "approval_round": order.approval_round + 1,
                    "approval_requested_date": fields.Datetime.now(),
                    # The period in which the order spends a budget or counts
                    # among the buyer's orders is the one it is submitted in.
                    "date_order": fields.Datetime.now(),
                    "approval_reminder_date": False,
                    "approval_reason_ids": [Command.clear()]
                    + [Command.create(values) for values in reasons],
                }
            )
            # Written now, whatever comes next: a later search ordered by the
            # orders' date would flush them or not, depending on whether the
            # date changed within the second, and the query counts would vary.
            order.flush_recordset()
            order.write(
                {
                    "approval_history_ids": [
                        order._customer_approval_history_step(
                            "submitted", order.current_approver_id
                        )
                    ]
                }
            )
            vendor_lang = order._customer_approval_vendor_lang()
            order._customer_approval_log(
                _lt(
                    "Submitted for approval to %(deciders)s: %(reasons)s",
                    deciders=order._customer_approval_deciders_text(deciders),
                    reasons="; ".join(
                        order.with_context(lang=vendor_lang).approval_reason_ids.mapped(
                            "name"
                        )
                    ),
                ),
                subtype="submitted",
            )
            order._customer_approval_send_mail("submitted", buyer)
            order._customer_approval_send_mail("request", deciders)
        return True

    def action_customer_approve(
        self, comment=None, refused_line_ids=None, quantities=None
    ):
        """Approve as the current user: pass the order on when its total is above
        the approver's breakpoint, else release it. All the orders or none: an
        error leaves every one of them as it was.

        :param refused_line_ids: ids of lines outside the contract assortment that
            the approver refuses (one order only): they are removed first.
        :param dict quantities: {line id: new quantity} (one order only): the
            approver's changes of the page, applied first, as
            :meth:`action_customer_change_lines` does.
        """
        orders = self.union()  # an id given twice is decided once
        if refused_line_ids or quantities:
            orders.ensure_one()
        approver = self.env.user.partner_id
        orders._customer_approval_lock()
        for order in orders:
            # What the approval may spend is serialised with every other order
            # that spends it (see _customer_approval_lock_spending).
            order._customer_approval_lock_spending()
        changes = {}
        for order in orders:
            order._customer_approval_check_decider(approver)
            order._customer_approval_check_approvable()
            if quantities:
                changes = order._customer_approval_parse_changes(quantities)
        with self.env.cr.savepoint():
            for order in orders.sudo():
                if changes:
                    order._customer_approval_apply_changes(approver, changes)
                if refused_line_ids:
                    order._customer_approval_refuse_lines(approver, refused_line_ids)
                order._customer_approval_approve(approver, comment)
        return True

    def _customer_approval_approve_each(self):
        """Bulk approval: approve each order on its own, as far as it goes.

        :return: ``(approved orders, {order: why it was not approved})``
        """
        approved = self.browse()
        refused = {}
        for order in self.union():
            try:
                order.action_customer_approve()
            except (UserError, AccessError) as error:
                refused[order] = self._customer_approval_error_text(error)
            else:
                approved |= order
        return approved, refused

    def _customer_approval_check_approvable(self):
        """What must hold before an approver approves (besides who they are)."""
        self.ensure_one()
        if self.is_free_text_order and not self._get_product_lines():
            raise UserError(
                _(
                    "Order %s is a free-text request: add the products it asks "
                    "for before you approve it.",
                    self.name,
                )
            )

    def _customer_approval_approve(self, approver, comment):
        """One approval, inside the caller's savepoint, after the approver's
        changes: a refusal (a rule, a budget, a delivery address) holds whatever
        the approver does, so it is asked again here, on the order as approved."""
        self.ensure_one()
        if error := self._customer_approval_refusal():
            raise UserError(error)
        next_approver, to_admins = self.env["res.partner"], False
        if self._customer_approval_is_above_breakpoint(approver):
            next_approver, to_admins = self._customer_approval_escalation(approver)
        if not (next_approver or to_admins):
            return self._customer_approval_release(approver, comment)
        acting, absent = self._customer_approval_route_to(
            next_approver, excluded=self._customer_approval_done_by() | approver
        )
        self.write(
            {
                "approval_history_ids": [
                    self._customer_approval_history_step("passed_on", approver, comment)
                ],
                **self._customer_approval_waiting_for(acting, absent),
                "approval_level": self.approval_level + 1,
            }
        )
        deciders = self._customer_approval_deciders()
        self._customer_approval_log(
            _lt(
                "Approved by %(approver)s (level %(level)s) and passed on to "
                "%(deciders)s: the total is above their breakpoint.",
                approver=approver.name,
                level=self.approval_level - 1,
                deciders=self._customer_approval_deciders_text(deciders),
            ),
            comment,
        )
        self._customer_approval_send_mail("passed_on", deciders)
        return True

    def action_customer_reject(self, reason):
        """Reject as the current user; the reason is mandatory and goes to the
        buyer. All the orders or none."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Please give the reason for the rejection."))
        orders = self.union()  # an id given twice is decided once
        approver = self.env.user.partner_id
        orders._customer_approval_lock()
        for order in orders:
            order._customer_approval_check_decider(approver)
        with self.env.cr.savepoint():
            for order in orders.sudo():
                order._customer_approval_end_round(
                    "rejected",
                    approver,
                    _lt(
                        "Rejected by %(approver)s (level %(level)s).",
                        approver=approver.name,
                        level=order.approval_level,
                    ),
                    reason,
                )
                order._customer_approval_send_mail("rejected", order.partner_id)
        return True

    def action_withdraw_customer_approval(self):
        """The buyer takes back an order that still waits; it is cancelled."""
        orders = self.union()
        orders._customer_approval_check_buyer()
        orders._customer_approval_lock()
        orders._customer_approval_check_waiting()
        me = self.env.user.partner_id
        with self.env.cr.savepoint():
            for order in orders.sudo():
                # The buyer, or who placed the order for them.
                if me == order.placed_by_partner_id and me != order.partner_id:
                    order._customer_approval_end_round(
                        "withdrawn", me, _lt("Withdrawn by %s.", me.name)
                    )
                else:
                    order._customer_approval_end_round(
                        "withdrawn", order.partner_id, _lt("Withdrawn by the buyer.")
                    )
        return True

    def _customer_approval_decision_message(self):
        """What the approver reads after deciding, on the portal or from the
        e-mail: released, passed on, or rejected."""
        self.ensure_one()
        if self.approval_state == "approved":
            return _("Order %s is approved and released.", self.name)
        if self.approval_state == "waiting":
            return _("Order %s is approved and passed on.", self.name)
        return _("Order %s is rejected.", self.name)

    def _customer_approval_end_round(self, state, partner, message, comment=False):
        """End the round of a waiting order as rejected or withdrawn: record the
        step, cancel the order (its lines' currencies read in one query) and log
        it with the "rejected or withdrawn" subtype."""
        self.ensure_one()
        self.write(
            {
                "approval_state": state,
                "current_approver_id": False,
                "absent_approver_id": False,
                "approval_history_ids": [
                    self._customer_approval_history_step(state, partner, comment)
                ],
            }
        )
        self._customer_approval_prefetch_lines()
        self._action_cancel()
        self._customer_approval_log(message, comment, subtype="rejected")
