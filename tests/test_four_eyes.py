# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes: orders above an amount need the approvals of several different
people of the customer company before their release."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class FourEyesCase(CustomerApprovalCase):
    """Acme asks two different approvers for orders above 600.

    Chain: Bob Buyer (breakpoint 500) -> Alf Lead (1,000) -> Bea Boss (5,000)
    -> Carl Chief; Ada Admin is the customer admin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {"approval_distinct_count": 2, "approval_distinct_amount": 600}
        )
        cls.alf = cls.approver_1.partner_id
        cls.bea = cls.approver_2.partner_id
        cls.carl = cls.approver_3.partner_id
        cls.ada = cls.admin.partner_id

    def _submitted(self, amount, buyer=None):
        order = self._create_order(buyer or self.buyer, amount=amount)
        self._submit(order)
        return order

    def assertWaitsFor(self, order, partner, missing):
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, partner)
        self.assertEqual(order.approval_approvals_missing, missing)

    def assertReleased(self, order):
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.approval_approvals_missing, 0)

    def _approval_steps(self, order):
        return order.approval_history_ids.filtered(
            lambda step: step.decision in ("passed_on", "released")
        ).sorted("id")


class TestFourEyes(FourEyesCase):
    def test_above_the_amount_two_different_people_approve(self):
        order = self._submitted(800)
        self.assertEqual(order._customer_approval_approvals_needed(), 2)
        self.assertWaitsFor(order, self.alf, missing=2)
        # Alf's approval would be final (800 is below his breakpoint): it is
        # the first of two, the order goes to his next approver.
        self._approve(order, self.approver_1)
        self.assertWaitsFor(order, self.bea, missing=1)
        self._approve(order, self.approver_2)
        self.assertReleased(order)
        steps = self._approval_steps(order)
        self.assertEqual(steps.mapped("decision"), ["passed_on", "released"])
        self.assertEqual(steps.approver_id, self.alf | self.bea)
        self.assertEqual(steps.mapped("approval_count_label"), ["1 of 2", "2 of 2"])

    def test_below_the_amount_one_approval_releases(self):
        order = self._submitted(550)
        self.assertEqual(order._customer_approval_approvals_needed(), 1)
        self.assertWaitsFor(order, self.alf, missing=1)
        self._approve(order, self.approver_1)
        self.assertReleased(order)
        self.assertFalse(self._approval_steps(order).approval_count_label)

    def test_a_breakpoint_pass_on_counts_as_one_of_them(self):
        order = self._submitted(2000)
        self._approve(order, self.approver_1)  # above his breakpoint
        self.assertWaitsFor(order, self.bea, missing=1)
        self._approve(order, self.approver_2)
        self.assertReleased(order)

    def test_the_amount_is_in_the_company_currency_converted(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        other = eur if self.currency != eur else self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "rate": 10.0, "name": "2020-01-01"}
        )
        # 600 of the other currency are 60 in the order's currency.
        self.customer.approval_currency_id = other
        order = self._create_order(self.buyer, amount=550)
        self.assertEqual(order._customer_approval_approvals_needed(), 2)

    def test_the_same_approver_twice_is_refused(self):
        order = self._submitted(800)
        self._approve(order, self.approver_1)
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.approver_1).action_customer_approve()
        self.assertWaitsFor(order, self.bea, missing=1)
        # Bulk, the order given twice: refused, nothing changes.
        approved, refused = (
            self.env["sale.order"]
            .with_user(self.approver_1)
            .browse([order.id, order.id])
            ._customer_approval_approve_each()
        )
        self.assertFalse(approved)
        self.assertIn("already approved", refused[order])
        self.assertWaitsFor(order, self.bea, missing=1)
        self.assertEqual(len(self._approval_steps(order)), 1)

    def test_an_order_given_twice_in_one_call_is_approved_once(self):
        order = self._submitted(800)
        self.env["sale.order"].with_user(self.approver_1).browse(
            [order.id, order.id]
        ).action_customer_approve()
        self.assertWaitsFor(order, self.bea, missing=1)
        self.assertEqual(len(self._approval_steps(order)), 1)

    def test_a_replayed_or_new_email_link_of_the_same_approver_is_refused(self):
        order = self._submitted(800)
        Token = self.env["sale.order.approval.token"]
        link = Token._issue(order, self.alf)["approve"].rsplit("/", 1)[1]
        Token._find(link)._decide()
        self.assertWaitsFor(order, self.bea, missing=1)
        with self.assertRaisesRegex(UserError, "already used"):
            Token._find(link)._decide()
        # A link issued for him now (a forwarded or stale e-mail) is no use.
        fresh = Token._issue(order, self.alf)["approve"].rsplit("/", 1)[1]
        with self.assertRaises(UserError):
            Token._find(fresh)._decide()
        self.assertWaitsFor(order, self.bea, missing=1)
        self.assertEqual(len(self._approval_steps(order)), 1)

    def test_a_customer_admin_out_of_turn_counts_once(self):
        order = self._submitted(800)
        self._approve(order, self.admin)
        # It still waits for Alf, whose turn it was.
        self.assertWaitsFor(order, self.alf, missing=1)
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.admin).action_customer_approve()
        self._approve(order, self.approver_1)
        self.assertReleased(order)
        self.assertEqual(self._approval_steps(order).approver_id, self.ada | self.alf)

    def test_the_buyer_never_counts_nor_decides(self):
        order = self._submitted(800)
        with self.assertRaises(AccessError):
            order.with_user(self.buyer).action_customer_approve()
        self.assertWaitsFor(order, self.alf, missing=2)

    def test_an_admin_who_placed_the_order_does_not_count(self):
        order = self._create_order(self.buyer, amount=800)
        order.sudo().placed_by_partner_id = self.ada
        self._submit(order, self.admin)
        self._approve(order, self.admin)
        self.assertWaitsFor(order, self.alf, missing=2)
        step = self._approval_steps(order)
        self.assertEqual(step.approval_count_label, "0 of 2")
        self._approve(order, self.approver_1)
        self.assertWaitsFor(order, self.bea, missing=1)
        self._approve(order, self.approver_2)
        self.assertReleased(order)

    def test_an_approver_who_placed_the_order_is_never_asked(self):
        order = self._create_order(self.buyer, amount=800)
        order.sudo().placed_by_partner_id = self.alf
        self._submit(order, self.approver_1)
        self.assertWaitsFor(order, self.bea, missing=2)
        self._approve(order, self.approver_2)
        self.assertWaitsFor(order, self.carl, missing=1)
        with self.assertRaises(AccessError):
            order.with_user(self.approver_1).action_customer_approve()
        self._approve(order, self.approver_3)
        self.assertReleased(order)
        self.assertNotIn(self.alf, self._approval_steps(order).approver_id)

    def test_after_the_chain_the_customer_admins_are_asked(self):
        carl_buyer = self._create_sub_account(
            "Cid Clerk",
            approval_breakpoint_enabled=True,
            approval_breakpoint=0,
            next_approver_id=self.carl.id,
        )
        order = self._submitted(800, buyer=carl_buyer)
        self._approve(order, self.approver_3)
        self.assertWaitsFor(order, self.env["res.partner"], missing=1)
        self.assertEqual(order.approval_decider_ids, self.ada)
        self._approve(order, self.admin)
        self.assertReleased(order)

    def test_the_next_decider_gets_an_email_saying_why(self):
        order = self._submitted(800)
        self._approve(order, self.approver_1)
        mails = self._mails(order, "mail_template_approval_passed_on").filtered(
            lambda mail: self.bea in mail.recipient_ids
        )
        self.assertTrue(mails)
        self.assertIn("2 different people", mails.body_html)
        self.assertIn("Approvals still needed", mails.body_html)
        self.assertNotIn("above that approver", mails.body_html)
        chatter = " ".join(order.message_ids.mapped("body"))
        self.assertIn("Approval 1 of 2", chatter)
        self.assertIn("one more different approver is needed", chatter)

    def test_a_new_round_counts_again(self):
        order = self._submitted(800)
        self._approve(order, self.approver_1)
        order.with_user(self.approver_2).action_customer_reject("Too many pens")
        order.with_user(self.salesperson).action_draft()
        self._submit(order)
        self.assertWaitsFor(order, self.alf, missing=2)
        self._approve(order, self.approver_1)
        self.assertWaitsFor(order, self.bea, missing=1)
        self.assertEqual(
            self._approval_steps(order).mapped("approval_count_label"),
            ["1 of 2", "1 of 2"],
        )


class TestFourEyesSettings(FourEyesCase):
    def _rule(self, **values):
        return self.env["customer.purchasing.rule"].create(
            dict(
                company_partner_id=self.customer.id,
                rule_type="distinct_approvals",
                **values,
            )
        )

    def test_the_most_of_the_setting_and_the_rules_applies(self):
        self._rule(amount=700, approvals_count=3)
        self._rule(
            amount=0,
            approvals_count=4,
            scope="partners",
            partner_ids=[self.carl.id],
        )
        self.assertEqual(
            self._create_order(self.buyer, 800)._customer_approval_approvals_needed(),
            3,
        )
        self.assertEqual(
            self._create_order(self.buyer, 650)._customer_approval_approvals_needed(),
            2,
        )
        self.customer.approval_distinct_count = 1
        self.assertEqual(
            self._create_order(self.buyer, 650)._customer_approval_approvals_needed(),
            1,
        )

    def test_a_rule_asks_for_three(self):
        self._rule(amount=700, approvals_count=3)
        order = self._submitted(800)
        for user, next_partner, missing in (
            (self.approver_1, self.bea, 2),
            (self.approver_2, self.carl, 1),
        ):
            self._approve(order, user)
            self.assertWaitsFor(order, next_partner, missing=missing)
        self._approve(order, self.approver_3)
        self.assertReleased(order)
        self.assertEqual(
            self._approval_steps(order).mapped("approval_count_label"),
            ["1 of 3", "2 of 3", "3 of 3"],
        )

    def test_numbers_outside_the_range_are_refused(self):
        for count in (0, -1, 6):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.customer.approval_distinct_count = count
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self._rule(amount=100, approvals_count=count)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.customer.approval_distinct_amount = -5
        # Another kind of rule does not care for the number.
        self._rule(amount=100, approvals_count=5)
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": 100,
                "approvals_count": 0,
            }
        )

    def test_nobody_left_to_ask_is_refused_at_submission(self):
        # Alf, Bea, Carl and Ada: four people may approve Bob's orders.
        self.customer.approval_distinct_count = 5
        order = self._create_order(self.buyer, amount=800)
        with self.assertRaisesRegex(UserError, "only 4 may approve it"):
            self._submit(order)
        self.assertEqual(order.approval_state, "none")
        self.assertEqual(order.state, "draft")
        # Below the amount, one approval: submitted as before.
        small = self._create_order(self.buyer, amount=550)
        self.assertTrue(self._submit(small))

    def test_nobody_left_at_an_approval_is_refused_and_says_why(self):
        order = self._submitted(800)
        # Since the submission, the company asks for five approvers: Alf, Bea,
        # Carl and Ada are all it has.
        self.customer.approval_distinct_count = 5
        for user in (self.approver_1, self.approver_2, self.approver_3):
            self._approve(order, user)
        self.assertWaitsFor(order, self.env["res.partner"], missing=2)
        with self.assertRaisesRegex(UserError, "nobody of Acme Tools Ltd"):
            order.with_user(self.admin).action_customer_approve()
        self.assertWaitsFor(order, self.env["res.partner"], missing=2)
        self.assertEqual(len(self._approval_steps(order)), 3)
        # The admin may still reject it: it is not stuck.
        order.with_user(self.admin).action_customer_reject("Nobody else")
        self.assertEqual(order.approval_state, "rejected")

    def test_no_setting_changes_nothing(self):
        self.customer.approval_distinct_count = 1
        order = self._submitted(800)
        self._approve(order, self.approver_1)
        self.assertReleased(order)
