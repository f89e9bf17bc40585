# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The facts of an order, under random sequences of every actor's actions.

A stateful property test (Hypothesis): the buyer submits, withdraws and
accepts; approvers approve and reject; the vendor changes quantities,
cancels, sets back to quotation and confirms; the customer admin changes the
refusing budget; a colleague's order spends the same budget. After every step:

1. an order becomes a sale only while an approval of exactly that order
   stands (its release still matches it);
2. a refusing budget is never over-spent by a confirmation;
3. an action that is refused leaves the order exactly as it was;
4. an approved order that no longer matches its release cannot be confirmed,
   paid or signed;
5. four eyes (in half the lives the company asks two different approvers
   for every order): a release comes only after as many different people
   (never the buyer) approved in its round as the order needs.
"""

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PaymentMixin
from .common_purchasing import PurchasingCase

REFUSALS = (UserError, AccessError, ValidationError)


ACTIONS = [
    "buyer submits",
    "approve",
    "vendor changes the quantity",
    "buyer accepts on the portal",
    "buyer pays",
    "vendor cancels and sets back to quotation",
    "reject",
    "buyer withdraws",
    "vendor confirms",
    "customer admin sets the budget",
    "a colleague's order is confirmed",
]
# Who approves or rejects: the order's current approver (or customer admin when
# it waits for them), a customer admin, the buyer, an approver whose turn it is
# not.
ACTORS = ["current approver", "customer admin", "buyer", "another approver"]


@tagged("post_install", "-at_install")
class TestApprovalFacts(PaymentMixin, PurchasingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lena.partner_id.approval_mode = "always"
        cls._setup_payment()

    # The machine defined inside calls super() in its own __init__.
    def test_facts_hold_whatever_the_actors_do(self):  # pylint: disable=missing-return
        case = self

        def actor(order, who):
            if who == "current approver":
                return order.approval_decider_ids.user_ids[:1] or case.admin
            if who == "another approver":
                current = order.approval_decider_ids.user_ids
                return next(
                    user
                    for user in (case.approver_3, case.approver_2, case.approver_1)
                    if user not in current
                )
            return {"customer admin": case.admin, "buyer": case.lena}[who]

        class OrderLife(RuleBasedStateMachine):
            def __init__(self):
                super().__init__()
                # Each example starts from the same database and leaves nothing.
                self.savepoint = case.env.cr.savepoint()
                self.budget = case._budget(1500, exceeded_action="refuse")
                self.order = case._order_of(case.lena, [case.paper], price=100)
                self.other = case._order_of(case.free_buyer, [case.paper], price=400)
                (self.order | self.other).website_id = case.website

            @initialize(first=st.booleans(), four_eyes=st.booleans())
            def vendor_asks_payment_first(self, first, four_eyes):
                """Half the lives: approved orders wait for the buyer's payment;
                half the lives: two different approvers for every order."""
                case.env["ir.config_parameter"].set_param(
                    "website_sale_customer_approval.prepayment", str(first)
                )
                self.order.require_payment = first
                case.customer.write(
                    {
                        "approval_distinct_count": 2 if four_eyes else 1,
                        "approval_distinct_amount": 0,
                    }
                )

            def teardown(self):
                self.savepoint.close(rollback=True)
                case.env.invalidate_all(flush=False)

            # --- what is checked around every step --------------------------
            def _state(self, order):
                order.invalidate_recordset()
                return (
                    order.state,
                    order.approval_state,
                    order.approval_round,
                    tuple(order.order_line.mapped("product_uom_qty")),
                    len(order.approval_history_ids),
                )

            def act(self, action, order=None):
                order = order or self.order
                before = self._state(order)
                try:
                    with case.env.cr.savepoint():
                        action()
                except REFUSALS:
                    case.assertEqual(
                        self._state(order), before, "a refused action changed nothing"
                    )
                    return
                after = self._state(order)
                if before[1] != "approved" and after[1] == "approved":
                    self._check_release(order)
                if before[0] != "sale" and after[0] == "sale":
                    self._check_confirmation(order)

            def _check_release(self, order):
                approvers = order.approval_history_ids.filtered(
                    lambda step: (
                        step.round == order.approval_round
                        and step.decision in ("passed_on", "released")
                    )
                ).approver_id - (order.partner_id | order.placed_by_partner_id)
                case.assertGreaterEqual(
                    len(approvers),
                    order._customer_approval_approvals_needed(),
                    "released by enough different approvers",
                )

            def _check_confirmation(self, order):
                if order == self.order:
                    case.assertEqual(order.approval_state, "approved")
                    case.assertTrue(
                        order._customer_approval_release_stands(),
                        "confirmed as it was approved",
                    )
                spent = self.budget._get_spending()[self.budget]
                case.assertLessEqual(spent, self.budget.amount, "budget kept")

            @invariant()
            def changed_approval_holds_the_order_back(self):
                order = self.order
                if (
                    order.approval_state == "approved"
                    and order.state in ("draft", "sent")
                    and not order._customer_approval_release_stands()
                ):
                    case.assertTrue(
                        order._customer_approval_gate_error(customer_side=True)
                    )
                    case.assertFalse(order._has_to_be_paid())
                    case.assertFalse(order._has_to_be_signed())

            # --- the actors ---------------------------------------------------
            # One rule that names the action: Hypothesis favours the first
            # values of a list, so the actions that move an order along come
            # first and the random lives reach release, change and confirm.
            @rule(
                action=st.sampled_from(ACTIONS),
                who=st.sampled_from(ACTORS),
                quantity=st.integers(min_value=1, max_value=30),
                amount=st.sampled_from([1500, 300, 0, 5000]),
            )
            def someone_acts(self, action, who, quantity, amount):
                order = self.order
                user = actor(order, who)
                vendor_order = order.with_user(case.salesperson)
                if action == "buyer submits":
                    self.act(
                        order.with_user(case.lena).action_submit_for_customer_approval
                    )
                elif action == "approve":
                    self.act(order.with_user(user).action_customer_approve)
                elif action == "vendor changes the quantity":
                    line = vendor_order.order_line
                    self.act(lambda: line.write({"product_uom_qty": quantity}))
                elif action == "buyer accepts on the portal":
                    self.act(order.with_user(case.lena).sudo().action_confirm)
                elif action == "buyer pays":
                    self.act(lambda: case._pay(order)._set_done())
                elif action == "vendor cancels and sets back to quotation":

                    def cancel_and_reset():
                        vendor_order.action_cancel()
                        vendor_order.action_draft()

                    self.act(cancel_and_reset)
                elif action == "reject":
                    self.act(
                        lambda: order.with_user(user).action_customer_reject("No.")
                    )
                elif action == "buyer withdraws":
                    self.act(
                        order.with_user(case.lena).action_withdraw_customer_approval
                    )
                elif action == "vendor confirms":
                    self.act(vendor_order.action_confirm)
                elif action == "customer admin sets the budget":
                    self.budget.amount = amount
                elif action == "a colleague's order is confirmed":
                    self.act(
                        self.other.with_user(case.salesperson).action_confirm,
                        self.other,
                    )

        run_state_machine_as_test(
            OrderLife,
            settings=settings(
                max_examples=80,
                stateful_step_count=15,
                deadline=None,
                derandomize=True,
                # No shrinking: on a database it takes many minutes; the
                # failing life is printed whole.
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
                database=None,
                suppress_health_check=[
                    HealthCheck.too_slow,
                    HealthCheck.function_scoped_fixture,
                ],
            ),
        )
