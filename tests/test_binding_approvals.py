# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What was approved is what is sold: an approval binds the precise order it
released, a refusal holds whatever an approver does, what is being paid
counts against budgets, and settings mean what they say, 0 included."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import convert_file, float_repr

from .common import CustomerApprovalCase, PaymentMixin, create_sub_account
from .common_purchasing import PurchasingCase

MODULE = "website_sale_customer_approval"


@tagged("post_install", "-at_install")
class TestApprovalBinding(PaymentMixin, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payment()

    def _released(self, amount=800.0, prepayment=False):
        """An order of the buyer, released by Alf Lead (breakpoint 1,000)."""
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.prepayment", str(prepayment)
        )
        order = self._create_order(self.buyer, amount=amount)
        order.require_payment = prepayment
        self._submit(order)
        self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "approved")
        return order

    def test_release_records_what_was_approved(self):
        order = self._released()
        release = order.approval_history_ids.filtered(
            lambda step: step.decision == "released"
        )
        snapshot = release.approved_snapshot
        digits = self.env["decimal.precision"].precision_get("Product Unit")
        self.assertEqual(snapshot["buyer"], self.buyer.partner_id.id)
        self.assertEqual(snapshot["delivery"], order.partner_shipping_id.id)
        self.assertEqual(snapshot["currency"], order.currency_id.id)
        self.assertEqual(snapshot["total"], "800.00")
        self.assertEqual(
            snapshot["lines"],
            [
                [
                    self.product.id,
                    float_repr(1, digits),
                    order.order_line.product_uom_id.id,
                    "800.00",
                    "0.00",
                ]
            ],
        )
        self.assertTrue(order.approval_fingerprint)
        self.assertTrue(order._customer_approval_release_stands())

    def test_large_quantities_are_told_apart(self):
        order = self._released(prepayment=True)
        line = order.order_line
        line.write({"product_uom_qty": 1234567, "price_unit": 0.01})
        order.sudo().approval_fingerprint = (
            order._customer_approval_release_fingerprint()
        )
        self.assertTrue(order._customer_approval_release_stands())
        line.product_uom_qty = 1234568
        self.assertFalse(order._customer_approval_release_stands())

    def test_reset_to_quotation_ends_the_approval(self):
        order = self._released()
        self.assertEqual(order.state, "sale")
        vendor_order = order.with_user(self.salesperson)
        vendor_order.action_cancel()
        self.assertEqual(order.approval_state, "cancelled")
        self.assertEqual(order.approval_history_ids[-1].decision, "cancelled")
        self.assertFalse(order.approval_fingerprint)
        vendor_order.action_draft()
        vendor_order.order_line.product_uom_qty = 20  # 800 -> 16,000
        # The buyer cannot sign nor accept it with the old round's approval ...
        self.assertFalse(order.with_user(self.buyer)._has_to_be_signed())
        with self.assertRaisesRegex(UserError, "submitted for approval again"):
            order.with_user(self.buyer).sudo().action_confirm()
        # ... nor the vendor confirm it.
        with self.assertRaisesRegex(UserError, "submitted for approval again"):
            vendor_order.action_confirm()
        self.assertEqual(order.state, "draft")
        # A new round starts from the buyer's next approver.
        self.assertTrue(self._submit(order))
        self.assertEqual((order.approval_state, order.approval_round), ("waiting", 2))

    def test_change_of_an_approved_order_awaiting_payment_ends_the_approval(self):
        order = self._released(prepayment=True)
        self.assertEqual(order.state, "sent")
        self.assertTrue(order._has_to_be_paid())
        order.with_user(self.salesperson).order_line.product_uom_qty = 20
        self.assertFalse(order._customer_approval_release_stands())
        error = order._customer_approval_gate_error(customer_side=True)
        self.assertIn("changed after its approval", error)
        self.assertFalse(order._has_to_be_paid())
        self.assertFalse(order._has_to_be_signed())
        with self.assertRaisesRegex(ValidationError, "changed after its approval"):
            self._pay(order)
        with self.assertRaisesRegex(UserError, "changed after its approval"):
            order.with_user(self.buyer).sudo().action_confirm()
        with self.assertRaisesRegex(UserError, "changed after its approval"):
            order.with_user(self.salesperson).action_confirm()
        self.assertTrue(order.approval_resubmittable)
        self.assertTrue(self._submit(order))
        self.assertEqual(order.approval_state, "waiting")

    def test_other_delivery_address_ends_the_approval(self):
        order = self._released(prepayment=True)
        elsewhere = self.env["res.partner"].create(
            {
                "name": "Elsewhere",
                "type": "delivery",
                "parent_id": self.buyer.partner_id.id,
                "street": "Other street 1",
            }
        )
        order.partner_shipping_id = elsewhere
        self.assertIn(
            "changed after its approval",
            order._customer_approval_gate_error(customer_side=True),
        )

    def test_unchanged_approved_order_is_paid_and_confirmed(self):
        order = self._released(prepayment=True)
        order.invalidate_recordset()
        self.assertTrue(self._pay(order))
        order.with_user(self.buyer).sudo().action_confirm()
        self.assertEqual(order.state, "sale")


@tagged("post_install", "-at_install")
class TestRefusalsHoldOverApprovers(PaymentMixin, PurchasingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payment()
        cls.lena.partner_id.may_send_free_text_orders = True

    def test_approver_cannot_add_a_refused_product(self):
        self._rule(
            "category",
            category_ids=[Command.set(self.tools.ids)],
            exceeded_action="refuse",
        )
        order = (
            self.env["sale.order"]
            .with_user(self.lena)
            ._create_free_text_order("Two hammers for the workshop")
        )
        self.assertEqual(order.approval_state, "waiting")
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            order.with_user(self.approver_1).action_customer_add_product(
                self.hammer.id, 2
            )
        self.assertFalse(order._get_product_lines())

    def test_approver_cannot_release_a_refused_order(self):
        order = (
            self.env["sale.order"]
            .with_user(self.lena)
            ._create_free_text_order("Two hammers for the workshop")
        )
        order.with_user(self.approver_1).action_customer_add_product(self.hammer.id, 2)
        # The company refuses tools after the product was added.
        self._rule(
            "category",
            category_ids=[Command.set(self.tools.ids)],
            exceeded_action="refuse",
        )
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            self._approve(order, self.approver_1)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        approved, refused = order.with_user(
            self.approver_1
        )._customer_approval_approve_each()
        self.assertFalse(approved)
        self.assertIn("cannot be placed", refused[order])

    def test_refusing_budget_holds_over_an_approval(self):
        self.lena.partner_id.approval_mode = "always"
        budget = self._budget(500, exceeded_action="refuse")
        order = self._order_of(self.lena, [self.paper], price=300)
        self.assertTrue(self._submit(order))
        budget.amount = 100  # the customer admin cuts the budget meanwhile
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            self._approve(order, self.approver_1)
        self.assertEqual((order.approval_state, order.state), ("waiting", "sent"))

    def _cart(self, user, amount):
        order = self._order_of(user, [self.paper], price=amount)
        order.website_id = self.website
        return order

    def test_pending_payment_counts_against_the_budget(self):
        self._budget(500, exceeded_action="refuse")
        first = self._cart(self.lena, 400)
        self.assertFalse(first._customer_approval_gate_error(customer_side=True))
        self._pay(first)._set_pending()
        second = self._cart(self.free_buyer, 400)
        self.assertIn("cannot be placed", second._customer_purchasing_refusal())
        with self.assertRaisesRegex(ValidationError, "cannot be placed"):
            self._pay(second)
        self.assertFalse(second.transaction_ids)

    def test_cancelled_payment_no_longer_counts(self):
        self._budget(500, exceeded_action="refuse")
        first = self._cart(self.lena, 400)
        self._pay(first)._set_canceled()
        second = self._cart(self.free_buyer, 400)
        self.assertFalse(second._customer_purchasing_refusal())

    def test_a_payment_taken_is_never_refused_afterwards(self):
        budget = self._budget(500, exceeded_action="refuse")
        cart = self._cart(self.lena, 400)
        transaction = self._pay(cart)
        budget.amount = 100  # changed between the payment and the callback
        transaction._set_done()
        cart.action_confirm()
        self.assertEqual(cart.state, "sale")


@tagged("post_install", "-at_install")
class TestContradictoryRules(PurchasingCase):
    def test_refusing_minimum_above_refusing_maximum(self):
        self._rule("min_amount", amount=500, exceeded_action="refuse")
        with self.assertRaisesRegex(ValidationError, "nobody could order"):
            self._rule("max_amount", amount=100, exceeded_action="refuse")

    def test_department_rule_against_company_rule(self):
        self._rule("max_amount", amount=100, exceeded_action="refuse")
        with self.assertRaisesRegex(ValidationError, "nobody could order"):
            self._rule(
                "min_amount",
                amount=500,
                exceeded_action="refuse",
                scope="department",
                department_id=self.logistics.id,
            )

    def test_consistent_or_approval_rules_are_accepted(self):
        self._rule("min_amount", amount=50, exceeded_action="refuse")
        self._rule("max_amount", amount=100, exceeded_action="refuse")
        # needing approval is no contradiction: an approver can release it
        self._rule("min_amount", amount=500, exceeded_action="approval")
        maximum = self._rule(
            "max_amount",
            amount=100,
            exceeded_action="refuse",
            scope="department",
            department_id=self.sales.id,
        )
        with self.assertRaisesRegex(ValidationError, "nobody could order"):
            maximum.amount = 20


@tagged("post_install", "-at_install")
class TestSettingsMeanWhatTheySay(CustomerApprovalCase):
    def _settings(self, **values):
        self.env["res.config.settings"].create(values).execute()
        return self.env["res.config.settings"].create({})

    def test_zero_turns_reminders_off(self):
        settings = self._settings(customer_approval_reminder_days=0)
        self.assertEqual(settings.customer_approval_reminder_days, 0)
        order = self._create_order(self.buyer, amount=800)
        self._submit(order)
        order.sudo().approval_requested_date = fields.Datetime.now() - timedelta(
            days=30
        )
        self.env["sale.order"]._cron_remind_customer_approvers()
        self.assertFalse(order.approval_reminder_date)
        self.assertFalse(self._mails(order, "mail_template_approval_reminder"))
        settings = self._settings(customer_approval_reminder_days=3)
        self.assertEqual(settings.customer_approval_reminder_days, 3)

    def test_zero_turns_email_decision_links_off(self):
        settings = self._settings(customer_approval_email_decision_days=0)
        self.assertEqual(settings.customer_approval_email_decision_days, 0)
        tokens = self.env["sale.order.approval.token"]
        self.assertEqual(tokens._validity_days(), 0)
        order = self._create_order(self.buyer, amount=800)
        self._submit(order)
        self.assertFalse(tokens.sudo().search([("order_id", "=", order.id)]))

    def test_vendor_edits_of_emails_survive_an_upgrade(self):
        template = self.env.ref(f"{MODULE}.mail_template_approval_request")
        template.subject = "Edited by the vendor"
        cron = self.env.ref(f"{MODULE}.ir_cron_remind_customer_approvers")
        cron.interval_number = 7
        subtype = self.env.ref(f"{MODULE}.mt_customer_approval_submitted")
        subtype.default = not subtype.default
        edited_default = subtype.default
        for filename in (
            "data/mail_template_data.xml",
            "data/mail_template_approver_data.xml",
            "data/ir_cron_data.xml",
            "data/mail_message_subtype_data.xml",
        ):
            convert_file(self.env, MODULE, filename, {}, mode="update")
        self.env.invalidate_all()
        self.assertEqual(template.subject, "Edited by the vendor")
        self.assertEqual(cron.interval_number, 7)
        self.assertEqual(subtype.default, edited_default)


@tagged("post_install", "-at_install")
class TestBindingOverHttp(HttpCase):
    """What a buyer posts to stock Odoo's portal routes once their order's
    approval no longer stands."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.portal_confirmation_pay = False
        company = cls.env["res.partner"].create(
            {"name": "Bound Bolts AB", "is_company": True}
        )
        cls.approver = create_sub_account(
            cls.env, "bound-approver@bolts.example", company, is_order_approver=True
        )
        cls.buyer = create_sub_account(
            cls.env,
            "bound-buyer@bolts.example",
            company,
            approval_mode="always",
            next_approver_id=cls.approver.partner_id.id,
        )
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Bound Vendor",
                "login": "bound-vendor@vendor.example",
                "group_ids": [
                    Command.set([cls.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        cls.provider = cls.env["payment.provider"].create(
            {"name": "Bound provider", "state": "test", "code": "none"}
        )
        cls.payment_method = cls.env["payment.method"].create(
            {"name": "Bound method", "code": "bound_test_method"}
        )
        product = cls.env["product.product"].create(
            {"name": "Hex bolt (box)", "list_price": 212, "type": "service"}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.partner_id.id,
                "user_id": cls.salesperson.id,
                "website_id": cls.env["website"].get_current_website().id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )

    def _release(self, prepayment):
        self.env["ir.config_parameter"].set_param(
            "website_sale_customer_approval.prepayment", str(prepayment)
        )
        self.order.require_payment = prepayment
        self.order.require_signature = not prepayment
        self.order.with_user(self.buyer).action_submit_for_customer_approval()
        self.order.with_user(self.approver).action_customer_approve()

    def test_buyer_cannot_sign_after_a_reset(self):
        self._release(prepayment=False)
        self.assertEqual(self.order.state, "sale")
        vendor_order = self.order.with_user(self.salesperson)
        vendor_order.action_cancel()
        vendor_order.action_draft()
        vendor_order.order_line.product_uom_qty = 20  # 212 -> 4,240
        vendor_order.action_quotation_sent()
        self.authenticate(self.buyer.login, self.buyer.login)
        result = self.make_jsonrpc_request(
            f"/my/orders/{self.order.id}/accept",
            {
                "access_token": self.order._portal_ensure_token(),
                "name": "Bound Buyer",
                "signature": "R0lGODlhAQABAAAAACw=",
            },
        )
        self.assertIn("error", result)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "sent")
        self.assertFalse(self.order.signature)
        self.assertEqual(self.order.approval_state, "cancelled")

    def test_buyer_cannot_pay_a_changed_approved_order(self):
        self._release(prepayment=True)
        self.assertEqual(
            (self.order.approval_state, self.order.state), ("approved", "sent")
        )
        self.order.with_user(self.salesperson).order_line.product_uom_qty = 20
        self.authenticate(self.buyer.login, self.buyer.login)
        with self.assertRaises(JsonRpcException) as error:
            self.make_jsonrpc_request(
                f"/my/orders/{self.order.id}/transaction",
                {
                    "access_token": self.order._portal_ensure_token(),
                    "provider_id": self.provider.id,
                    "payment_method_id": self.payment_method.id,
                    "amount": self.order.amount_total,
                    "flow": "direct",
                    "token_id": None,
                    "tokenization_requested": False,
                    "landing_route": "/my/orders",
                },
            )
        self.assertIn("ValidationError", str(error.exception))
        self.order.invalidate_recordset()
        self.assertFalse(self.order.transaction_ids)
        self.assertEqual(self.order.state, "sent")
        page = self.url_open(self.order.get_portal_url())
        self.assertIn("o_approval_resubmit", page.text)
        self.assertIn("o_approval_changed", page.text)
        self.assertNotIn("o_payment_form", page.text)


@tagged("post_install", "-at_install")
class TestOneCallManyOrders(PurchasingCase):
    def test_confirming_several_orders_at_once_counts_each(self):
        """The vendor confirms two web orders of one department in one call: the
        second counts the first, as it would one after the other."""
        self._budget(1000, exceeded_action="refuse")
        first = self._order_of(self.lena, [self.paper], price=600)
        second = self._order_of(self.free_buyer, [self.paper], price=600)
        (first | second).website_id = self.website
        self.assertFalse(first._customer_purchasing_refusal())
        self.assertFalse(second._customer_purchasing_refusal())
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            (first | second).with_user(self.salesperson).action_confirm()
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])
        first.with_user(self.salesperson).action_confirm()
        self.assertEqual(first.state, "sale")
