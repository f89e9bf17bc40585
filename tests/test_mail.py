# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalMails(CustomerApprovalCase):
    def assertMailTo(self, order, template, partners, contains=()):
        mails = self._mails(order, template)
        self.assertEqual(
            mails.recipient_ids,
            partners,
            f"{template} should go to {partners.mapped('name')}",
        )
        self.assertEqual(len(mails), len(partners), "one mail per recipient")
        for text in contains:
            for mail in mails:
                self.assertIn(text, mail.body_html)
        return mails

    def assertChatter(self, order, text):
        notes = order.message_ids.filtered(lambda m: m.message_type == "notification")
        self.assertTrue(any(text in note.body for note in notes), notes.mapped("body"))

    def test_submit_mails_buyer_and_approver_with_link(self):
        order = self._create_order(self.buyer, amount=1250)
        self._submit(order)
        self.assertMailTo(order, "mail_template_order_submitted", self.buyer.partner_id)
        self.assertMailTo(
            order,
            "mail_template_approval_request",
            self.approver_1.partner_id,
            contains=(f"/my/approvals/{order.id}", "above the breakpoint"),
        )
        self.assertChatter(order, "Submitted for approval")

    def test_fallback_request_goes_to_every_admin(self):
        second_admin = self._create_sub_account("Dan Deputy", is_customer_admin=True)
        self.buyer.partner_id.next_approver_id = False
        order = self._create_order(self.buyer, amount=1250)
        self._submit(order)
        self.assertMailTo(
            order,
            "mail_template_approval_request",
            self.admin.partner_id | second_admin.partner_id,
            contains=(f"/my/approvals/{order.id}",),
        )

    def test_passed_on_mail_to_next_approver(self):
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertMailTo(
            order,
            "mail_template_approval_passed_on",
            self.approver_2.partner_id,
            contains=(f"/my/approvals/{order.id}",),
        )
        self.assertFalse(self._mails(order, "mail_template_order_approved"))
        self.assertChatter(order, "passed on")

    def test_release_mails_buyer_and_salesperson(self):
        order = self._create_order(self.buyer, amount=600)
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertMailTo(
            order,
            "mail_template_order_approved",
            self.buyer.partner_id,
            contains=(order.get_portal_url(),),
        )
        self.assertMailTo(
            order,
            "mail_template_order_released",
            self.salesperson.partner_id,
            contains=(f"/odoo/sales/{order.id}",),
        )

    def test_reject_mail_gives_the_reason(self):
        order = self._create_order(self.buyer, amount=600)
        self._submit(order)
        order.with_user(self.approver_1).action_customer_reject("Not this quarter")
        self.assertMailTo(
            order,
            "mail_template_order_rejected",
            self.buyer.partner_id,
            contains=("Not this quarter",),
        )
        self.assertChatter(order, "Rejected by")

    def test_mail_in_recipient_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.approver_1.partner_id.lang = "fr_FR"
        template = self.env.ref(
            "website_sale_customer_approval.mail_template_approval_request"
        )
        template.with_context(lang="fr_FR").subject = "Commande {{ object.name }}"
        order = self._create_order(self.buyer, amount=1250)
        self._submit(order)
        mail = self.env["mail.mail"].search(
            [
                ("res_id", "=", order.id),
                ("recipient_ids", "in", self.approver_1.partner_id.ids),
            ]
        )
        self.assertEqual(mail.subject, f"Commande {order.name}")

    def test_reminder_lists_waiting_orders_once(self):
        first = self._create_order(self.buyer, amount=700)
        second = self._create_order(self.buyer, amount=800)
        fresh = self._create_order(self.buyer, amount=900)
        for order in first | second | fresh:
            self._submit(order)
        old = fields.Datetime.now() - timedelta(days=3)
        (first | second).sudo().write({"approval_requested_date": old})
        reminders = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.approver_1.partner_id.id),
            ]
        )
        self.assertFalse(reminders)

        self.env["sale.order"]._cron_remind_customer_approvers()
        reminders = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.approver_1.partner_id.id),
            ]
        )
        self.assertEqual(len(reminders), 1, "one e-mail for all waiting orders")
        self.assertEqual(reminders.recipient_ids, self.approver_1.partner_id)
        for order in first | second:
            self.assertIn(f"/my/approvals/{order.id}", reminders.body_html)
        self.assertNotIn(f"/my/approvals/{fresh.id}", reminders.body_html)

        # Not again the next hour.
        self.env["sale.order"]._cron_remind_customer_approvers()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", self.approver_1.partner_id.id),
                ]
            ),
            1,
        )

    def test_release_confirms_by_default_even_with_online_payment(self):
        # Business customers buy on account: the last approval makes a sale order.
        order = self._create_order(self.buyer, amount=600)
        order.require_payment = True
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.type_name, "Sales Order")

    def test_release_of_an_order_paid_online(self):
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.prepayment", "True"
        )
        order = self._create_order(self.buyer, amount=600)
        order.require_payment = True
        self._submit(order)
        self.assertEqual(order.type_name, "Order")
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        # Not confirmed yet: the buyer pays it from the portal, which confirms it.
        self.assertEqual(order.state, "sent")
        self.assertTrue(order._has_to_be_paid())
        self.assertMailTo(
            order,
            "mail_template_order_approved",
            self.buyer.partner_id,
            contains=("Please pay it online", order.get_portal_url()),
        )

    def test_free_text_request_is_quoted_and_additions_told(self):
        self.buyer.partner_id.may_send_free_text_orders = True
        order = (
            self.env["sale.order"]
            .with_user(self.buyer)
            ._create_free_text_order("Twenty blue binders, A4")
        )
        self.assertMailTo(
            order,
            "mail_template_approval_request",
            self.approver_1.partner_id,
            contains=("Twenty blue binders, A4",),
        )
        self.product.write({"is_published": True})
        order.with_user(self.approver_1).action_customer_add_product(
            self.product.id, 20
        )
        self.assertMailTo(
            order,
            "mail_template_order_changed",
            self.buyer.partner_id,
            contains=("Ballpoint pen (box) added (20)",),
        )

    def test_followers_choose_the_approval_steps_they_hear_of(self):
        submitted = self.env.ref(
            "website_sale_customer_approval.mt_customer_approval_submitted"
        )
        released = self.env.ref(
            "website_sale_customer_approval.mt_customer_approval_released"
        )
        self.assertTrue(submitted.internal and released.internal)
        order = self._create_order(self.buyer, amount=800)
        order.message_subscribe(
            partner_ids=self.salesperson.partner_id.ids, subtype_ids=released.ids
        )
        self._submit(order)
        self._approve(order, self.approver_1)
        steps = order.message_ids.filtered("subtype_id")
        self.assertIn(submitted, steps.subtype_id)
        release_message = steps.filtered(lambda m: m.subtype_id == released)
        self.assertIn(self.salesperson.partner_id, release_message.notified_partner_ids)
        submit_message = steps.filtered(lambda m: m.subtype_id == submitted)
        self.assertNotIn(
            self.salesperson.partner_id, submit_message.notified_partner_ids
        )
