# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools of approvers: an order waits for several approvers of the customer
company; any one of them decides, the others see it decided."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CustomerApprovalCase
from .test_escalation import FRIDAY, TUESDAY_LATER, EscalationCase


class PoolCase(CustomerApprovalCase):
    """Acme's purchasing desk: Pia (breakpoint 1,000, next approver Carl), Paul
    (breakpoint 1,000, nobody above: the admins) and Bea (5,000). Petra's
    next approver is the desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pia = cls._create_sub_account(
            "Pia Pool",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=1000,
            next_approver_id=cls.approver_3.partner_id.id,
        )
        cls.paul = cls._create_sub_account(
            "Paul Pool",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=1000,
        )
        cls.pool = cls.env["customer.approval.pool"].create(
            {
                "name": "Purchasing desk",
                "company_partner_id": cls.customer.id,
                "member_ids": [
                    (
                        6,
                        0,
                        [
                            cls.pia.partner_id.id,
                            cls.paul.partner_id.id,
                            cls.approver_2.partner_id.id,
                        ],
                    )
                ],
            }
        )
        cls.petra = cls._create_sub_account(
            "Petra Buyer",
            approval_breakpoint_enabled=True,
            approval_breakpoint=500,
            next_approver_pool_id=cls.pool.id,
        )
        cls.members = cls.pia | cls.paul | cls.approver_2

    def _pool_order(self, amount=700, buyer=None):
        order = self._create_order(buyer or self.petra, amount=amount)
        self._submit(order)
        order.invalidate_recordset()
        return order

    def _request_count(self, order, partner, template="mail_template_approval_request"):
        return len(
            self._mails(order, template).filtered(
                lambda mail: partner in mail.recipient_ids
            )
        )


@tagged("post_install", "-at_install")
class TestPoolModel(PoolCase):
    def test_members_are_approvers_or_admins_of_the_company(self):
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        olga = self._create_sub_account(
            "Olga Owner", company=other, is_order_approver=True
        )
        for person in (self.buyer.partner_id, olga.partner_id):
            with self.subTest(person=person.name), self.assertRaises(ValidationError):
                self.pool.member_ids = [(4, person.id)]
        # A customer admin may be a member.
        self.pool.member_ids = [(4, self.admin.partner_id.id)]

    def test_next_approver_or_pool_not_both(self):
        with self.assertRaises(ValidationError):
            self.petra.partner_id.next_approver_id = self.approver_1.partner_id
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        strangers = self.env["customer.approval.pool"].create(
            {"name": "Theirs", "company_partner_id": other.id}
        )
        with self.assertRaises(ValidationError):
            self.buyer.partner_id.write(
                {"next_approver_id": False, "next_approver_pool_id": strangers.id}
            )

    def test_department_manager_or_pool_not_both(self):
        department = self.env["customer.department"].create(
            {
                "name": "Logistics",
                "company_partner_id": self.customer.id,
                "manager_pool_id": self.pool.id,
            }
        )
        self.assertEqual(
            department._get_managers(), self.pool.member_ids, "the pool's people"
        )
        with self.assertRaises(ValidationError):
            department.manager_id = self.approver_1.partner_id


@tagged("post_install", "-at_install")
class TestPoolRouting(PoolCase):
    def test_submission_waits_for_every_member(self):
        order = self._pool_order()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_pool_id, self.pool)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, self.members.partner_id)
        for member in self.members:
            with self.subTest(member=member.name):
                self.assertEqual(self._request_count(order, member.partner_id), 1)
                self.assertIn(
                    order,
                    self.env["sale.order"].search(
                        self.env["sale.order"]._customer_approval_domain(
                            member.partner_id
                        )
                    ),
                )
        # The admins are not asked: the pool is.
        self.assertEqual(self._request_count(order, self.admin.partner_id), 0)
        self.assertNotIn(
            order,
            self.env["sale.order"].search(
                self.env["sale.order"]._customer_approval_domain(self.admin.partner_id)
            ),
        )
        step = order.approval_history_ids
        self.assertEqual(step.pool_id, self.pool)
        chatter = "\n".join(order.message_ids.mapped("body"))
        self.assertIn("Purchasing desk", chatter)
        for member in self.members:
            self.assertIn(member.name, chatter)

    def test_any_member_decides_the_others_see_it_decided(self):
        order = self._pool_order()
        self._approve(order, self.paul)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(
            order.approval_history_ids[-1].approver_id, self.paul.partner_id
        )
        for member in self.pia | self.approver_2:
            with self.subTest(member=member.name):
                with self.assertRaises(UserError):
                    order.with_user(member).action_customer_approve()
                with self.assertRaises(UserError):
                    order.with_user(member).action_customer_reject("No")
                to_decide = self.env["sale.order"]._customer_approval_domain(
                    member.partner_id
                )
                self.assertNotIn(order, self.env["sale.order"].search(to_decide))
                # They may still read the order and see who decided it.
                self.assertTrue(order._customer_approval_can_review(member.partner_id))
                self.assertEqual(
                    order.with_user(member).approval_history_ids[-1].approver_id,
                    self.paul.partner_id,
                )

    def test_member_above_their_breakpoint_passes_on_from_them(self):
        order = self._pool_order(amount=2000)
        self._approve(order, self.pia)
        # Pia's own next approver: Carl.
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        self.assertFalse(order.current_pool_id)
        order2 = self._pool_order(amount=2000)
        self._approve(order2, self.paul)
        # Paul has nobody above: the customer admins.
        self.assertEqual(order2.approval_state, "waiting")
        self.assertFalse(order2.current_approver_id or order2.current_pool_id)
        self.assertEqual(order2.approval_decider_ids, self.admin.partner_id)

    def test_member_cannot_decide_twice(self):
        """Bea's next approver is the pool too: when her approval passes on, the
        pool's other members decide, not her again."""
        self.approver_2.partner_id.write(
            {"next_approver_id": False, "next_approver_pool_id": self.pool.id}
        )
        order = self._pool_order(amount=6000)
        self._approve(order, self.approver_2)
        self.assertEqual(order.current_pool_id, self.pool)
        self.assertEqual(order.approval_decider_ids, (self.pia | self.paul).partner_id)
        with self.assertRaisesRegex(UserError, "already approved"):
            order.with_user(self.approver_2).action_customer_approve()

    def test_buyer_in_the_pool_is_excluded(self):
        order = self._create_order(self.paul, amount=700)
        self.paul.partner_id.write(
            {"approval_mode": "always", "next_approver_pool_id": self.pool.id}
        )
        self._submit(order)
        order.invalidate_recordset()
        self.assertEqual(
            order.approval_decider_ids, (self.pia | self.approver_2).partner_id
        )
        self.assertEqual(self._request_count(order, self.paul.partner_id), 0)
        with self.assertRaises(AccessError):
            order.with_user(self.paul).action_customer_approve()

    def test_absent_member_replaced_by_their_substitute(self):
        today = self.env["res.partner"]._approval_today()
        sam = self._create_sub_account("Sam Stand", is_order_approver=True)
        self.paul.partner_id.write(
            {
                "approval_substitute_id": sam.partner_id.id,
                "approval_absent_from": today,
                "approval_absent_to": today + timedelta(days=3),
            }
        )
        order = self._pool_order()
        self.assertEqual(
            order.approval_decider_ids, (self.pia | sam | self.approver_2).partner_id
        )
        self.assertEqual(self._request_count(order, sam.partner_id), 1)
        self.assertEqual(self._request_count(order, self.paul.partner_id), 0)
        # The substitute reads and decides it.
        self.assertIn(
            order,
            self.env["sale.order"].search(
                [("approval_pool_reader_ids", "in", sam.partner_id.ids)]
            ),
        )
        self.assertEqual(order.with_user(sam).read(["name"])[0]["name"], order.name)
        self._approve(order, sam)
        self.assertEqual(order.approval_state, "approved")

    def test_reminders_go_to_each_member_once(self):
        order = self._pool_order()
        order2 = self._pool_order(amount=600)
        with freeze_time(order.approval_requested_date + timedelta(days=5)):
            self.env["sale.order"]._cron_remind_customer_approvers()
        template = self.env.ref(
            "website_sale_customer_approval.mail_template_approval_reminder"
        )
        reminders = (
            self.env["mail.mail"]
            .search(
                [
                    ("model", "=", "res.partner"),
                    ("mail_message_id.subject", "!=", False),
                ]
            )
            .filtered(lambda mail: mail.res_id in self.members.partner_id.ids)
        )
        self.assertTrue(template)
        for member in self.members:
            with self.subTest(member=member.name):
                mine = reminders.filtered(
                    lambda mail, m=member: m.partner_id in mail.recipient_ids
                )
                self.assertEqual(len(mine), 1, "one reminder of both orders")
        self.assertTrue(order2.approval_reminder_date)

    def test_department_manager_pool(self):
        department = self.env["customer.department"].create(
            {
                "name": "Logistics",
                "company_partner_id": self.customer.id,
                "manager_pool_id": self.pool.id,
            }
        )
        self.free_buyer.partner_id.customer_department_id = department
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": 50,
                "required_level": "manager",
            }
        )
        order = self._create_order(self.free_buyer, amount=300)
        self._submit(order)
        order.invalidate_recordset()
        self.assertEqual(order.current_pool_id, self.pool)
        self.assertEqual(order.approval_decider_ids, self.members.partner_id)

    def test_pool_decision_from_the_email_refuses_the_others_links(self):
        order = self._pool_order()
        tokens = (
            self.env["sale.order.approval.token"]
            .sudo()
            .search([("order_id", "=", order.id), ("action", "=", "approve")])
        )
        self.assertEqual(tokens.approver_id, self.members.partner_id)
        paul_token = tokens.filtered(lambda t: t.approver_id == self.paul.partner_id)
        paul_token._decide()
        order.invalidate_recordset()
        self.assertEqual(order.approval_state, "approved")
        for token in tokens - paul_token:
            with self.subTest(approver=token.approver_id.name):
                self.assertTrue(token._refusal())
                with self.assertRaises(UserError):
                    token._decide()


@tagged("post_install", "-at_install")
class TestPoolEscalation(EscalationCase):
    def test_pool_escalates_to_the_customer_admins(self):
        pia = self._create_sub_account("Pia Pool", is_order_approver=True)
        pool = self.env["customer.approval.pool"].create(
            {
                "name": "Purchasing desk",
                "company_partner_id": self.customer.id,
                "member_ids": [
                    (6, 0, [pia.partner_id.id, self.approver_1.partner_id.id])
                ],
            }
        )
        self.buyer.partner_id.write(
            {"next_approver_id": False, "next_approver_pool_id": pool.id}
        )
        order = self._submit_on(FRIDAY)
        self.assertEqual(order.current_pool_id, pool)
        self.assertEqual(self._escalate_on(TUESDAY_LATER), 1)
        self.assertEqual(order.approval_state, "waiting")
        self.assertFalse(order.current_pool_id or order.current_approver_id)
        self.assertEqual(order.approval_decider_ids, self.admin.partner_id)
        self.assertEqual(order.approval_level, 2)
        step = order.approval_history_ids[-1]
        self.assertEqual(step.decision, "escalated")
        self.assertIn("Purchasing desk", step.comment)
        self.assertEqual(
            self._mail_count(
                order, "mail_template_approval_escalated", self.admin.partner_id
            ),
            1,
        )
        for member in (pia, self.approver_1):
            self.assertEqual(
                self._mail_count(
                    order, "mail_template_approval_escalated_notice", member.partner_id
                ),
                1,
            )
        # Waiting for the admins: it escalates no further.
        self.assertEqual(self._escalate_on(TUESDAY_LATER + timedelta(days=7)), 0)
