# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Substitutes never hand an order to somebody who is away: along a chain of
substitutes (cycles included) the order goes to the first person present,
else to the customer admins, on every path that routes or hands over."""

import random
from datetime import timedelta

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestSubstituteChains(HttpCase, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sam = cls._create_sub_account("Sam Stand", is_order_approver=True)
        cls.tia = cls._create_sub_account("Tia Temp", is_order_approver=True)
        cls.today = cls.env["res.partner"]._approval_today()

    def _away(self, person, substitute, start=0, end=7):
        person.partner_id.write(
            {
                "approval_substitute_id": substitute.partner_id.id,
                "approval_absent_from": self.today + timedelta(days=start),
                "approval_absent_to": self.today + timedelta(days=end),
            }
        )

    def _submitted(self, amount=600):
        order = self._create_order(self.buyer, amount)
        self._submit(order)
        return order

    def assertWithAdmins(self, order, absent):
        self.assertEqual(order.approval_state, "waiting")
        self.assertFalse(order.current_approver_id, "the customer admins decide")
        self.assertEqual(order.absent_approver_id, absent.partner_id)
        self.assertEqual(order._customer_approval_deciders(), self.admin.partner_id)

    # ------------------------------------------------------------------
    # Routing at submission
    # ------------------------------------------------------------------
    def test_substitute_away_too_and_back_to_the_approver_goes_to_admins(self):
        self._away(self.sam, self.approver_1, start=2, end=9)
        self._away(self.approver_1, self.sam)
        # Sam is not away yet: he decides.
        self.assertEqual(self._submitted().current_approver_id, self.sam.partner_id)
        # From the day both are away, nobody along the circle is present.
        self.sam.partner_id.approval_absent_from = self.today
        order = self._submitted()
        self.assertWithAdmins(order, self.approver_1)
        requests = self._mails(order, "mail_template_approval_request")
        self.assertEqual(requests.recipient_ids, self.admin.partner_id)
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")

    def test_a_chain_goes_to_the_first_person_present(self):
        self._away(self.approver_1, self.sam)
        self._away(self.sam, self.tia, start=-3, end=3)
        self.assertEqual(self._submitted().current_approver_id, self.tia.partner_id)
        # Tia away too, with Alf as her substitute: a circle of three.
        self._away(self.tia, self.approver_1, start=1, end=1)
        self.assertEqual(self._submitted().current_approver_id, self.tia.partner_id)
        self.tia.partner_id.approval_absent_from = self.today
        self.assertWithAdmins(self._submitted(), self.approver_1)
        # Tia names Carl instead, who is present: Carl.
        self.tia.partner_id.approval_substitute_id = self.approver_3.partner_id
        order = self._submitted()
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        self.assertEqual(order.absent_approver_id, self.approver_1.partner_id)

    def test_substitute_who_may_not_decide_leads_to_the_admins(self):
        # The buyer never decides their own order, even as a substitute; nor
        # does somebody who is no approver any more.
        self.buyer.partner_id.is_order_approver = True
        self._away(self.approver_1, self.buyer)
        self.assertWithAdmins(self._submitted(), self.approver_1)
        self._away(self.approver_1, self.sam)
        self.sam.partner_id.write({"is_order_approver": False})
        self.assertWithAdmins(self._submitted(), self.approver_1)

    def test_checkout_names_the_admins(self):
        self._away(self.approver_1, self.sam)
        self._away(self.sam, self.approver_1)
        order = self._create_order(self.buyer, 600)
        first, absent, deciders = order._customer_approval_first_deciders()
        self.assertFalse(first)
        self.assertEqual(absent, self.approver_1.partner_id)
        self.assertEqual(deciders, self.admin.partner_id)

    # ------------------------------------------------------------------
    # Passing on, escalation, hand-over when the absence starts, the cron
    # ------------------------------------------------------------------
    def test_passed_on_and_escalated_never_to_somebody_away(self):
        self._away(self.approver_2, self.sam)
        self._away(self.sam, self.approver_2)
        order = self._submitted(2000)
        self._approve(order, self.approver_1)
        self.assertWithAdmins(order, self.approver_2)
        other = self._submitted(2000)
        self.assertEqual(other.current_approver_id, self.approver_1.partner_id)
        other._customer_approval_escalate()
        self.assertWithAdmins(other, self.approver_2)

    def test_hand_over_when_the_absence_starts_skips_who_is_away(self):
        order = self._submitted()
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self._away(self.sam, self.approver_1)
        # Alf goes away naming Sam, away too: the orders go to the admins.
        self._away(self.approver_1, self.sam)
        self.assertWithAdmins(order, self.approver_1)
        step = order.approval_history_ids[-1]
        self.assertEqual(step.decision, "substituted")
        self.assertFalse(step.approver_id)
        self.assertIn(
            "Handed to the customer admins for Alf Lead, absent",
            "".join(order.message_ids.mapped("body")),
        )
        self.assertTrue(
            self._mails(order, "mail_template_approval_request").filtered(
                lambda mail: mail.recipient_ids == self.admin.partner_id
            )
        )

    def test_an_order_held_by_a_substitute_who_goes_away(self):
        self._away(self.approver_1, self.sam)
        order = self._submitted()
        self.assertEqual(order.current_approver_id, self.sam.partner_id)
        # Sam goes away the next days naming Alf, still away: at its start
        # (the cron), the order goes to the admins, not back to Alf.
        self._away(self.sam, self.approver_1, start=1, end=3)
        self.assertEqual(order.current_approver_id, self.sam.partner_id)
        self.sam.partner_id.approval_absent_from = self.today - timedelta(days=1)
        self.assertWithAdmins(order, self.approver_1)
        self.env["sale.order"]._cron_customer_approval_substitutes()
        self.assertWithAdmins(order, self.approver_1)

    def test_the_cron_skips_who_is_away(self):
        self._away(self.sam, self.approver_1)
        self._away(self.approver_1, self.sam, start=1, end=4)
        order = self._submitted()
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        # The absence starts (moved rather than the clock; the write hands
        # over too, so the cron is run on what a plain SQL move left).
        self.env.cr.execute(
            "UPDATE res_partner SET approval_absent_from = %s WHERE id = %s",
            (self.today, self.approver_1.partner_id.id),
        )
        self.env.invalidate_all()
        self.env["sale.order"]._cron_customer_approval_substitutes()
        self.assertWithAdmins(order, self.approver_1)

    # ------------------------------------------------------------------
    # The absence page says what happens
    # ------------------------------------------------------------------
    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _text(self, url):
        return " ".join(self.url_open(url).text.split())

    def test_the_absence_page_says_where_orders_go(self):
        self._away(self.sam, self.approver_1, start=2, end=4)
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self._text("/my/approvals/absence")
        self.assertIn("first person present", page)
        self.assertIn("customer admins", page)
        response = self.post(
            "/my/approvals/absence",
            substitute_id=self.sam.partner_id.id,
            date_from=str(self.today),
            date_to=str(self.today + timedelta(days=7)),
        )
        self.assertEqual(response.status_code, 200)
        # The overlap is named, and where orders go meanwhile.
        self.assertIn("Sam Stand is away too", response.text)
        self.assertIn("the customer admins", response.text)
        page = self._text("/my/approvals/absence")
        self.assertIn("Sam Stand is away too", page)
        self.assertIn("o_absence_overlap", page)
        # The backoffice's contact form says the same.
        alf = self.approver_1.partner_id
        self.assertIn("the customer admins", alf.approval_absence_note)
        self.sam.partner_id.approval_substitute_id = self.approver_3.partner_id
        self.assertIn("go to Carl Chief", alf.approval_absence_note)
        self._away(self.sam, self.approver_3, start=8, end=9)
        self.assertFalse(alf.approval_absence_note)

    # ------------------------------------------------------------------
    # A property: random absences, saved one after the other
    # ------------------------------------------------------------------
    def test_random_absences_never_leave_an_order_with_somebody_away(self):
        rng = random.Random(25)  # noqa: S311 (a seeded sequence of a test)
        approvers = self.approver_1 | self.approver_2 | self.approver_3
        approvers |= self.sam | self.tia
        orders = self.env["sale.order"]
        for amount in (600, 600, 2000, 2000, 6000):
            orders |= self._submitted(amount)
        for step in range(40):
            person = rng.choice(approvers)
            if rng.random() < 0.2:
                person.partner_id.write(
                    {
                        "approval_substitute_id": False,
                        "approval_absent_from": False,
                        "approval_absent_to": False,
                    }
                )
            else:
                start = rng.randint(-3, 2)
                self._away(
                    person,
                    rng.choice(approvers - person),
                    start=start,
                    end=start + rng.randint(0, 4),
                )
            if step % 8 == 7:
                self.env["sale.order"]._cron_customer_approval_substitutes()
            if step % 5 == 4:
                orders |= self._submitted(rng.choice((600, 2000, 6000)))
            for order in orders.filtered(lambda o: o.approval_state == "waiting"):
                current = order.current_approver_id
                with self.subTest(step=step, order=order.name):
                    self.assertFalse(
                        current and current._is_approval_absent(),
                        f"{order.name} waits for {current.name}, who is away",
                    )
                    self.assertTrue(order._customer_approval_deciders())
