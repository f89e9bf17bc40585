# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate: what nobody may do with an order the customer has not released.

Confirmation, payment, signature, invoices, down payments and the vendor's
changes of lines all ask :meth:`_customer_approval_gate_error`."""

from odoo import _, models
from odoo.exceptions import UserError, ValidationError

from .sale_order import BLOCKED_APPROVAL_STATES, SPENDING_BATCH_CONTEXT_KEY


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _customer_approval_is_controlled(self):
        """Whether the buyer's company controls this order: it comes from the shop
        or the portal, or it went through approval before. A quotation that the
        vendor enters in the backoffice for a customer (a phone order) stays the
        vendor's to confirm."""
        self.ensure_one()
        return bool(
            self.website_id
            or self.is_free_text_order
            or self.approval_round
            or self.approval_state not in (False, "none")
        )

    def _customer_approval_gate_error(self, customer_side=None):
        """Why the order may not become a sale, be paid or be invoiced yet.

        The one gate of the vendor's processing: confirmation, payment
        transactions, signatures, invoices and down payments all ask it.

        :param customer_side: whether the customer acts (accepts, signs, pays,
            confirms); by default, whether the current user is a portal or public
            user. The customer's side never gets around the approval; the vendor
            may confirm a quotation they entered themselves (a phone order).
        :return: the message for the user, or False when the order may go on.
        """
        self.ensure_one()
        state = self.approval_state or "none"
        if state == "approved":
            return self._customer_approval_released_error()
        if state == "none":
            return self._customer_approval_unsubmitted_error(customer_side)
        if state not in BLOCKED_APPROVAL_STATES:
            return False
        messages = {
            "waiting": _(
                "Order %s waits for the approval of the customer: it can be "
                "confirmed, paid or invoiced only once an approver of the customer "
                "has released it.",
                self.name,
            ),
            "rejected": _(
                "Order %s was rejected by an approver of the customer: it cannot be "
                "confirmed, paid or invoiced unless it is submitted for approval "
                "again and released.",
                self.name,
            ),
            "withdrawn": _(
                "Order %s was withdrawn by its buyer: it cannot be confirmed, paid or "
                "invoiced unless it is submitted for approval again and released.",
                self.name,
            ),
            "cancelled": _(
                "Order %s was cancelled after it was submitted for the approval of "
                "the customer: it cannot be confirmed, paid or invoiced unless it "
                "is submitted for approval again and released.",
                self.name,
            ),
        }
        return messages[state]

    def _customer_approval_released_error(self):
        """The gate for a released order: it goes on only as it was approved,
        and never around a refusal.

        Once confirmed, the release was used: what follows (deliveries,
        invoices) is the vendor's processing. Before that, the order must still
        match the release, and a rule, a budget or a delivery address that
        refuses it holds, unless its payment is taken already: a payment is
        refused before money moves (payment.transaction.create asks this gate),
        never after."""
        self.ensure_one()
        if self.state == "sale":
            return False
        if not self._customer_approval_release_stands():
            return _(
                "Order %s changed after its approval (its lines, prices, delivery "
                "address or buyer): it cannot be confirmed, paid or signed unless "
                "it is submitted for approval again and released.",
                self.name,
            )
        if self._customer_approval_payment_taken():
            return False
        return self.sudo()._customer_approval_refusal()

    def _customer_approval_payment_taken(self):
        """Whether the money the order asks before confirmation is taken
        (authorized or done transactions), for its total as it is now."""
        self.ensure_one()
        order = self.sudo()
        currency = order.currency_id
        # Odoo's required amount is 0 for an order that does not ask payment
        # before confirmation: then the whole total must be paid.
        required = (
            order._get_prepayment_required_amount()
            if order.require_payment
            else order.amount_total
        )
        if currency.is_zero(required) or not order.transaction_ids:
            return False
        paid = sum(
            tx.amount
            for tx in order.transaction_ids
            if tx.state in ("authorized", "done")
        )
        return currency.compare_amounts(paid, required) >= 0

    def _customer_approval_unsubmitted_error(self, customer_side=None):
        """The gate for an order never submitted: refused outright, or in need
        of approval (see _customer_approval_gate_error)."""
        self.ensure_one()
        if customer_side is None:
            customer_side = self.env.user.share
        if not (customer_side or self._customer_approval_is_controlled()):
            return False
        # Checked when the payment was made (payment.transaction.create): a
        # payment is refused before money moves, never after.
        if self._customer_approval_payment_taken():
            return False
        # What no approver can release comes before what needs approval.
        if error := self.sudo()._customer_approval_refusal():
            return error
        if self._customer_approval_reasons():
            return _(
                "Order %s needs the approval of your company: it cannot be "
                "confirmed or paid before an approver has released it. Please "
                'use "Submit for approval" (at the last step of the checkout, '
                "or on the page of the order).",
                self.name,
            )
        return False

    def _customer_approval_refusal(self):
        """Why the order may not be placed at all, whatever an approver says
        (a delivery address, a purchasing rule or a budget that refuses it), or
        False. Asked at every step towards the vendor: the gate (confirmation,
        payment, signature), the submission and each approval.

        Extension point: each kind of refusal extends it and calls super()."""
        self.ensure_one()
        return False

    def _customer_approval_lock_spending(self):
        """Serialise what the order spends with every other order that spends
        the same (budgets, numbers of orders), before any check of it: taken by
        every path towards the vendor (submission, approval, confirmation,
        payment).

        Extension point: each kind of spending extends it and calls super()."""
        self.ensure_one()

    def _customer_approval_check_gate(self, customer_side=None):
        """Raise the gate's error of the first order that may not go on.

        Orders checked together go on together: each one's budgets count the
        orders before it in the call, as if they went one after the other."""
        checked = ()
        for order in self:
            in_batch = order.with_context(**{SPENDING_BATCH_CONTEXT_KEY: checked})
            if error := in_batch._customer_approval_gate_error(customer_side):
                raise UserError(error)
            checked = (*checked, order.id)

    def _confirmation_error_message(self):
        self.ensure_one()
        return self._customer_approval_gate_error() or (
            super()._confirmation_error_message()
        )

    def _check_cart_is_ready_to_be_paid(self):
        # The shop's payment routes (transaction, express checkout, zero amount)
        # all ask this before taking money or confirming.
        for order in self:
            if error := order._customer_approval_gate_error(customer_side=True):
                raise ValidationError(error)
        return super()._check_cart_is_ready_to_be_paid()

    def _create_invoices(self, *args, **kwargs):
        self._customer_approval_check_gate()
        return super()._create_invoices(*args, **kwargs)

    def _customer_approval_check_lines_frozen(self):
        """The lines of an order that waits for the customer's approvers change
        only through their decisions: what they approve is what the vendor gets."""
        waiting = self.filtered(lambda order: order.approval_state == "waiting")
        if waiting:
            raise UserError(
                _(
                    "Order %s waits for the approval of the customer: its lines "
                    "cannot change meanwhile. Wait for the decision, or cancel the "
                    "order and make a new quotation.",
                    waiting[0].name,
                )
            )

    def _action_cancel(self):
        # The vendor cancels an order that waits: its approvers have nothing left
        # to decide; or one that was approved: the approval ends with it, so that
        # set back to quotation it needs a new round. (The engine's own
        # cancellations have left "waiting" already.)
        ending = self.filtered(lambda o: o.approval_state in ("waiting", "approved"))
        for order in ending.sudo():
            order.write(
                {
                    "approval_state": "cancelled",
                    "approval_fingerprint": False,
                    "current_approver_id": False,
                    "absent_approver_id": False,
                    "approval_history_ids": [
                        order._customer_approval_history_step("cancelled")
                    ],
                }
            )
        return super()._action_cancel()

    def _has_to_be_signed(self):
        # No "Accept & Sign" on the portal for an order the gate holds back.
        if self._customer_approval_gate_error(customer_side=True):
            return False
        return super()._has_to_be_signed()

    def _has_to_be_paid(self):
        # No "Accept & Pay" nor "Pay Now" either.
        if self._customer_approval_gate_error(customer_side=True):
            return False
        return super()._has_to_be_paid()
