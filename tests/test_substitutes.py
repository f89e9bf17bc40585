# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import http
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import CustomerApprovalCase
from .test_installation import DEMO, DemoDataCase


@tagged("post_install", "-at_install")
class TestSubstitutes(HttpCase, CustomerApprovalCase):
    """An approver away for a period: their orders go to their substitute."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.substitute = cls._create_sub_account("Sam Stand", is_order_approver=True)
        other = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        cls.stranger = cls._create_sub_account(
            "Olga Owner", company=other, is_customer_admin=True, is_order_approver=True
        )
        cls.today = cls.env["res.partner"]._approval_today()

    def _set_absent(self, person, substitute=None, start=0, end=7):
        person.partner_id.write(
            {
                "approval_substitute_id": (substitute or self.substitute).partner_id.id,
                "approval_absent_from": self.today + timedelta(days=start),
                "approval_absent_to": self.today + timedelta(days=end),
            }
        )

    # ------------------------------------------------------------------
    # Model: constraints and acting approver
    # ------------------------------------------------------------------
    def test_substitute_must_be_an_approver_of_the_same_company(self):
        erik = self.approver_1.partner_id
        for substitute in (erik, self.stranger.partner_id, self.buyer.partner_id):
            with (
                self.subTest(substitute=substitute.name),
                self.assertRaises(ValidationError),
            ):
                erik.write(
                    {
                        "approval_substitute_id": substitute.id,
                        "approval_absent_from": self.today,
                        "approval_absent_to": self.today,
                    }
                )
        with self.assertRaises(ValidationError):
            erik.write(
                {
                    "approval_substitute_id": self.substitute.partner_id.id,
                    "approval_absent_from": self.today + timedelta(days=2),
                    "approval_absent_to": self.today,
                }
            )

    def test_acting_approver_follows_absent_substitutes_without_cycles(self):
        alf, sam = self.approver_1.partner_id, self.substitute.partner_id
        self.assertEqual(alf._get_acting_approver(), alf)
        self._set_absent(self.approver_1)
        self.assertEqual(alf._get_acting_approver(), sam)
        # The substitute is away too: their own substitute decides.
        self._set_absent(self.substitute, self.approver_3)
        self.assertEqual(alf._get_acting_approver(), self.approver_3.partner_id)
        # A circle of people away at the same time: nobody along it is
        # present (the order goes to the customer admins).
        self._set_absent(self.approver_3, self.approver_1)
        self.assertFalse(alf._get_acting_approver())
        # Not yet absent, or absent no longer: the approver decides.
        self._set_absent(self.approver_1, start=1, end=3)
        self.assertEqual(alf._get_acting_approver(), alf)
        in_two_days = self.today + timedelta(days=2)
        self.assertFalse(alf._get_acting_approver(in_two_days))
        # Carl is back on that day: he decides.
        self._set_absent(self.approver_3, self.approver_1, start=0, end=1)
        self.assertEqual(
            alf._get_acting_approver(in_two_days), self.approver_3.partner_id
        )

    # ------------------------------------------------------------------
    # Routing
    # ------------------------------------------------------------------
    def test_new_order_goes_to_the_substitute_and_back_after_the_period(self):
        self._set_absent(self.approver_1)
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        self.assertEqual(order.current_approver_id, self.substitute.partner_id)
        self.assertEqual(order.absent_approver_id, self.approver_1.partner_id)
        step = order.approval_history_ids[-1]
        self.assertEqual(step.decision, "submitted")
        self.assertEqual(step.absent_approver_id, self.approver_1.partner_id)
        # The e-mail of the request goes to the substitute only.
        requests = self._mails(order, "mail_template_approval_request")
        self.assertEqual(requests.recipient_ids, self.substitute.partner_id)
        # The substitute decides; the history says for whom.
        self._approve(order, self.substitute)
        self.assertEqual(order.approval_state, "approved")
        released = order.approval_history_ids[-1]
        self.assertEqual(released.approver_id, self.substitute.partner_id)
        self.assertEqual(released.absent_approver_id, self.approver_1.partner_id)
        self.assertFalse(order.absent_approver_id)
        # After the period, new orders go back to the approver.
        self._set_absent(self.approver_1, start=-10, end=-1)
        order_2 = self._create_order(self.buyer, 600)
        self._submit(order_2)
        self.assertEqual(order_2.current_approver_id, self.approver_1.partner_id)
        self.assertFalse(order_2.absent_approver_id)

    def test_checkout_names_the_substitute(self):
        """The last checkout step says who will decide: not the absent one."""
        order = self._create_order(self.buyer, 600)
        self.assertEqual(
            order._customer_approval_first_deciders()[2], self.approver_1.partner_id
        )
        self._set_absent(self.approver_1)
        first, absent, deciders = order._customer_approval_first_deciders()
        self.assertEqual(first, self.substitute.partner_id)
        self.assertEqual(deciders, self.substitute.partner_id)
        self.assertEqual(absent, self.approver_1.partner_id)

    def test_the_absent_approver_cannot_decide_meanwhile(self):
        self._set_absent(self.approver_1)
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        with self.assertRaises(AccessError):
            order.with_user(self.approver_1).action_customer_approve()
        # The customer admin still may.
        self._approve(order, self.admin)
        self.assertEqual(order.approval_state, "approved")

    def test_passed_on_to_an_absent_approver_goes_to_their_substitute(self):
        self._set_absent(self.approver_2)
        order = self._create_order(self.buyer, 2000)
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertEqual(order.current_approver_id, self.substitute.partner_id)
        self.assertEqual(order.absent_approver_id, self.approver_2.partner_id)

    def test_substitute_who_is_the_buyer_is_skipped(self):
        # The buyer never decides their own order, even as a substitute; nor
        # does the absent approver: the customer admins do.
        self.buyer.partner_id.is_order_approver = True
        self._set_absent(self.approver_1, self.buyer)
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order.absent_approver_id, self.approver_1.partner_id)
        self.assertEqual(order._customer_approval_deciders(), self.admin.partner_id)

    def test_waiting_orders_are_handed_over_when_the_absence_starts(self):
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        later = self._create_order(self.buyer, 600)
        self._submit(later)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        # An absence from today: handed over at once.
        self._set_absent(self.approver_1)
        for waiting in order | later:
            self.assertEqual(waiting.current_approver_id, self.substitute.partner_id)
            self.assertEqual(waiting.absent_approver_id, self.approver_1.partner_id)
            step = waiting.approval_history_ids[-1]
            self.assertEqual(step.decision, "substituted")
            self.assertEqual(step.approver_id, self.substitute.partner_id)
        self.assertTrue(
            self._mails(order, "mail_template_approval_request").filtered(
                lambda m: m.recipient_ids == self.substitute.partner_id
            )
        )
        # The substitute reads and decides it under the record rules.
        self._approve(order, self.substitute)
        self.assertEqual(order.approval_state, "approved")

    def test_cron_hands_over_when_a_planned_absence_starts(self):
        self._set_absent(self.approver_1, start=1, end=5)
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        # The next day (the absence moved rather than the clock).
        self.approver_1.partner_id.write(
            {"approval_absent_from": self.today - timedelta(days=1)}
        )
        self.env["sale.order"]._cron_customer_approval_substitutes()
        self.assertEqual(order.current_approver_id, self.substitute.partner_id)
        # Run again: nothing changes, no second step.
        self.env["sale.order"]._cron_customer_approval_substitutes()
        self.assertEqual(
            order.approval_history_ids.mapped("decision").count("substituted"), 1
        )

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def test_approver_sets_their_own_absence_in_the_portal(self):
        order = self._create_order(self.buyer, 600)
        self._submit(order)
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self.url_open("/my/approvals/absence")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Sam Stand", page.text)
        self.assertNotIn("Olga Owner", page.text)
        response = self.post(
            "/my/approvals/absence",
            substitute_id=self.substitute.partner_id.id,
            date_from=str(self.today),
            date_to=str(self.today + timedelta(days=3)),
        )
        self.assertEqual(response.status_code, 200)
        alf = self.approver_1.partner_id
        self.assertEqual(alf.approval_substitute_id, self.substitute.partner_id)
        self.assertEqual(order.current_approver_id, self.substitute.partner_id)
        # Their list says who has their orders now.
        page = self.url_open("/my/approvals")
        self.assertIn("o_approval_absence_notice", page.text)
        self.assertIn(order.name, page.text)
        self.assertIn("(substitute)", page.text)
        # The substitute finds it among the orders waiting for them; its history
        # says for whom.
        self.authenticate(self.substitute.login, self.substitute.login)
        self.assertIn(order.name, self.url_open("/my/approvals").text)
        detail = self.url_open(f"/my/approvals/{order.id}").text
        self.assertIn("for Alf Lead, absent", detail)
        # Ending the absence.
        self.authenticate(self.approver_1.login, self.approver_1.login)
        self.post("/my/approvals/absence", clear="1")
        self.assertFalse(alf.approval_substitute_id)

    def test_bad_input_changes_nothing(self):
        self.authenticate(self.approver_1.login, self.approver_1.login)
        alf = self.approver_1.partner_id
        for data in (
            # another company's approver, the buyer, not a number
            {"substitute_id": self.stranger.partner_id.id},
            {"substitute_id": self.buyer.partner_id.id},
            {"substitute_id": "x"},
            # no dates, dates the wrong way round
            {"substitute_id": self.substitute.partner_id.id},
            {
                "substitute_id": self.substitute.partner_id.id,
                "date_from": str(self.today + timedelta(days=3)),
                "date_to": str(self.today),
            },
        ):
            with self.subTest(data=data):
                response = self.post(
                    "/my/approvals/absence",
                    date_from=data.pop("date_from", ""),
                    date_to=data.pop("date_to", ""),
                    **data,
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("alert-danger", response.text)
                self.assertFalse(alf.approval_substitute_id)

    def test_who_may_set_whose_absence(self):
        values = {
            "substitute_id": self.substitute.partner_id.id,
            "date_from": str(self.today),
            "date_to": str(self.today + timedelta(days=1)),
        }
        # A buyer has no absence page; an approver may not set another's.
        self.authenticate(self.buyer.login, self.buyer.login)
        self.assertEqual(self.url_open("/my/approvals/absence").status_code, 404)
        self.authenticate(self.approver_2.login, self.approver_2.login)
        response = self.post(
            "/my/approvals/absence", member_id=self.approver_1.partner_id.id, **values
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.approver_1.partner_id.approval_substitute_id)
        # An admin of another company may not either (a forged id).
        self.authenticate(self.stranger.login, self.stranger.login)
        response = self.post(
            "/my/approvals/absence", member_id=self.approver_1.partner_id.id, **values
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.approver_1.partner_id.approval_substitute_id)
        # The customer admin of the company may, from the team list.
        self.authenticate(self.admin.login, self.admin.login)
        self.assertIn(
            "/my/approvals/absence?member_id=%s" % self.approver_1.partner_id.id,
            self.url_open("/my/team").text,
        )
        response = self.post(
            "/my/approvals/absence", member_id=self.approver_1.partner_id.id, **values
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.approver_1.partner_id.approval_substitute_id,
            self.substitute.partner_id,
        )


@tagged("post_install", "-at_install")
class TestSubstituteDemoData(DemoDataCase, TransactionCase):
    def test_erik_is_away_and_karin_has_his_orders(self):
        erik = self.env.ref(DEMO + "partner_erik")
        karin = self.env.ref(DEMO + "partner_karin")
        self.assertTrue(erik._is_approval_absent())
        self.assertEqual(erik._get_acting_approver(), karin)
        on_behalf = self.env.ref(DEMO + "sale_order_lars_on_behalf")
        self.assertEqual(
            on_behalf.placed_by_partner_id, self.env.ref(DEMO + "partner_anna")
        )
        for order in on_behalf | self.env.ref(DEMO + "sale_order_lars_waiting"):
            self.assertEqual(order.current_approver_id, karin)
            self.assertEqual(order.absent_approver_id, erik)
            self.assertEqual(order.approval_history_ids[-1].decision, "substituted")
