# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchasing rules and budgets: the levels they route to, and the gate over
every path (the shop, the portal, the vendor, the external API)."""

from datetime import date, datetime, timedelta
from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, get_db_name, tagged

from .common import create_sub_account
from .common_purchasing import PurchasingCase
from .test_json2_api import load_api_example

api = load_api_example()


class TestLevels(PurchasingCase):
    """Routing to the level a reason asks for (see
    sale.order._customer_approval_first_deciders)."""

    def decide(self, order, user):
        order.with_user(user).action_customer_approve()
        order.invalidate_recordset()

    def test_manager_then_above_the_managers_breakpoint(self):
        self._budget(1000, required_level="manager")
        order = self._create_order(self.lena, 6000)
        self.assertTrue(self._submit(order))
        bea = self.approver_2.partner_id
        self.assertEqual(order.current_approver_id, bea, "not Lena's next approver")
        self.assertEqual(order.approval_reason_ids.required_level, "manager")
        with self.assertRaises(AccessError):
            self.decide(order, self.approver_1)
        self.decide(order, self.approver_2)  # above Bea's 5,000: passed on
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        self.decide(order, self.approver_3)
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            order.approval_history_ids.mapped("decision"),
            ["submitted", "passed_on", "released"],
        )

    def test_manager_within_breakpoint_releases(self):
        self._rule("max_amount", amount=100, required_level="manager")
        order = self._create_order(self.lena, 400)
        self._submit(order)
        self.decide(order, self.approver_2)
        self.assertEqual(order.state, "sale")

    def test_absent_manager_goes_to_the_substitute(self):
        self._rule("max_amount", amount=100, required_level="manager")
        sam = self._create_sub_account("Sam Stand", is_order_approver=True)
        today = self.env["res.partner"]._approval_today()
        self.approver_2.partner_id.write(
            {
                "approval_substitute_id": sam.partner_id.id,
                "approval_absent_from": today,
                "approval_absent_to": today + timedelta(days=3),
            }
        )
        order = self._create_order(self.lena, 400)
        self._submit(order)
        self.assertEqual(order.current_approver_id, sam.partner_id)
        self.assertEqual(order.absent_approver_id, self.approver_2.partner_id)

    def test_the_manager_buys_or_there_is_none(self):
        self._rule("max_amount", amount=100, required_level="manager")
        # The manager's own order goes above them (their next approver).
        bea = self.approver_2
        bea.partner_id.customer_department_id = self.logistics
        order = self._create_order(bea, 400)
        self._submit(order, bea)
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        # Sales has no manager, Pia no department: their chain.
        for user in (self.dan, self.pia):
            with self.subTest(user=user.name):
                order = self._create_order(user, 400)
                self._submit(order)
                self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        # Without a manager nor a next approver: the customer admins.
        order = self._create_order(self.free_buyer, 400)
        self.logistics.manager_id = False
        self._submit(order)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order._customer_approval_deciders(), self.admin.partner_id)

    def test_placed_on_behalf_by_the_manager_goes_above_them(self):
        self._rule("max_amount", amount=100, required_level="manager")
        order = self._create_order(self.lena, 400)
        order.placed_by_partner_id = self.approver_2.partner_id
        self._submit(order)
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        with self.assertRaises(AccessError):
            self.decide(order, self.approver_2)

    def test_admin_level_only_an_admin_releases(self):
        self._budget(100, required_level="admin")
        self._rule("max_amount", amount=100, required_level="manager")
        order = self._create_order(self.lena, 400)
        self.assertEqual(order._customer_approval_required_level(), "admin")
        self._submit(order)
        self.assertFalse(order.current_approver_id)
        self.assertEqual(order._customer_approval_deciders(), self.admin.partner_id)
        for user in (self.approver_1, self.approver_2, self.approver_3):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self.decide(order, user)
        self.decide(order, self.admin)
        self.assertEqual(order.state, "sale")

    def test_admin_above_breakpoint_passes_to_admins_only(self):
        self._rule("max_amount", amount=100, required_level="admin")
        ada = self.admin.partner_id
        ada.write(
            {
                "is_order_approver": True,
                "approval_breakpoint_enabled": True,
                "approval_breakpoint": 200,
                "next_approver_id": self.approver_3.partner_id.id,
            }
        )
        second = self._create_sub_account("Adam Second", is_customer_admin=True)
        order = self._create_order(self.lena, 400)
        self._submit(order)
        self.decide(order, self.admin)
        self.assertEqual(order.approval_state, "waiting")
        self.assertFalse(order.current_approver_id, "to the admins, not to Carl")
        self.assertEqual(order._customer_approval_deciders(), second.partner_id)
        with self.assertRaises(AccessError):
            self.decide(order, self.approver_3)
        self.decide(order, second)
        self.assertEqual(order.state, "sale")
        # The only admin: their approval is final.
        second.partner_id.is_customer_admin = False
        order = self._create_order(self.lena, 400)
        self._submit(order)
        self.decide(order, self.admin)
        self.assertEqual(order.state, "sale")

    def test_chain_level_and_buyer_settings_together(self):
        self._rule("max_amount", amount=100)
        # Bob: breakpoint 500 and the rule; both reasons, his chain.
        order = self._create_order(self.buyer, 600)
        self.assertEqual(self.codes(order), ["breakpoint", "max_amount"])
        self.assertFalse(order._customer_approval_required_level())
        self._submit(order)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)


class TestRefusalGate(PurchasingCase):
    """A refused order is not confirmed, paid nor signed, whatever the path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rule("max_amount", amount=300, exceeded_action="refuse")
        cls.provider = cls.env["payment.provider"].create(
            {"name": "Refusal test provider", "state": "test", "code": "none"}
        )
        cls.payment_method = cls.env["payment.method"].create(
            {"name": "Refusal test method", "code": "refusal_test_method"}
        )

    def test_every_path_refuses(self):
        cart = self._create_order(self.lena, 400)
        cart.website_id = self.website
        cart.require_payment = True
        with self.assertRaisesRegex(ValidationError, "cannot be placed"):
            cart._check_cart_is_ready_to_be_paid()
        with self.assertRaisesRegex(ValidationError, "cannot be placed"):
            self.env["payment.transaction"].create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.payment_method.id,
                    "amount": cart.amount_total,
                    "currency_id": cart.currency_id.id,
                    "partner_id": cart.partner_id.id,
                    "sale_order_ids": [Command.set(cart.ids)],
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            cart._validate_order()
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            cart.with_user(self.lena).action_confirm()
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            cart.with_user(self.salesperson).action_confirm()
        self.assertFalse(cart._has_to_be_paid())
        self.assertFalse(cart._has_to_be_signed())
        self.assertEqual(cart.state, "draft")
        self.assertFalse(cart.transaction_ids)

    def test_the_vendors_phone_order_stays_the_vendors(self):
        phone_order = self._create_order(self.lena, 400)
        with self.assertRaisesRegex(UserError, "cannot be placed"):
            phone_order.with_user(self.lena).action_confirm()
        phone_order.with_user(self.salesperson).action_confirm()
        self.assertEqual(phone_order.state, "sale")


@tagged("post_install", "-at_install")
class TestNoReasonConfirmation(PurchasingCase):
    """An order that needs no approval spends the budget when confirmed; the
    next one then needs approval."""

    def test_confirmation_spends_and_stamps(self):
        self._budget(1000)
        first = self._create_order(self.lena, 700)
        first.website_id = self.website
        self.assertFalse(self._submit(first), "no reason: the normal checkout")
        # as the shop's payment confirms it (as superuser, a web order)
        first.action_confirm()
        self.assertEqual(first.state, "sale")
        self.assertEqual(first.customer_department_code, "LOG")
        second = self._create_order(self.lena, 400)
        second.website_id = self.website
        with self.assertRaisesRegex(UserError, "needs the approval"):
            second.action_confirm()
        self.assertTrue(self._submit(second))
        self.assertEqual(second.approval_reason_ids.code, "budget")
        self.assertEqual(fields.Date.to_date(second.date_order), date(2026, 12, 15))


@tagged("post_install", "-at_install")
class TestPurchasingApi(HttpCase):
    """A portal user over the external API (JSON-2 with an API key, XML-RPC with
    a password) meets the rules the portal meets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env["res.partner"].create(
            {"name": "Apiary Tools AB", "is_company": True}
        )
        cls.approver = create_sub_account(
            cls.env, "api-approver@apiary.example", company, is_order_approver=True
        )
        cls.buyer = create_sub_account(
            cls.env,
            "api-buyer@apiary.example",
            company,
            next_approver_id=cls.approver.partner_id.id,
        )
        cls.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": company.id,
                "rule_type": "max_amount",
                "amount": 300,
                "exceeded_action": "refuse",
            }
        )
        cls.env["customer.budget"].create(
            {"partner_id": cls.buyer.partner_id.id, "amount": 100}
        )
        product = cls.env["product.product"].create(
            {"name": "Bee smoker", "list_price": 10, "taxes_id": [Command.clear()]}
        )
        website = cls.env["website"].get_current_website()

        def order(amount):
            return cls.env["sale.order"].create(
                {
                    "partner_id": cls.buyer.partner_id.id,
                    "website_id": website.id,
                    "require_payment": False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )

        cls.refused = order(400)
        cls.waiting = order(200)  # above the budget: needs approval
        cls.waiting.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.env["ir.config_parameter"].set_param("portal.allow_api_keys", True)
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.buyer)
            ._generate(None, "Purchasing tool", datetime.now() + timedelta(hours=20))
        )

    def json2(self, model, method, **params):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.allow_requests(all_requests=True):
            return api.call(
                self.base_url(), get_db_name(), self.key, model, method, **params
            )

    def xmlrpc(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            get_db_name(), self.buyer.id, self.buyer.login, model, method, list(args)
        )

    def assertUnchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.refused.state, "draft")
        self.assertEqual(self.refused.approval_state, "none")
        self.assertEqual(self.waiting.state, "sent")
        self.assertEqual(self.waiting.approval_state, "waiting")

    def test_json2(self):
        self.assertEqual(self.waiting.approval_reason_ids.code, "budget")
        for order, method, message in (
            (self.refused, "action_submit_for_customer_approval", "cannot be placed"),
            (self.refused, "action_confirm", "cannot be placed"),
            (self.waiting, "action_confirm", "waits for the approval"),
        ):
            with self.subTest(method=method), self.assertRaises(api.OdooError) as error:
                self.json2("sale.order", method, ids=order.ids)
            self.assertEqual(error.exception.name, "odoo.exceptions.UserError")
            self.assertIn(message, error.exception.message)
        for model in ("customer.budget", "customer.purchasing.rule"):
            with self.subTest(model=model), self.assertRaises(api.OdooError) as error:
                self.json2(model, "search_read", domain=[], fields=["amount"])
            self.assertEqual(error.exception.status, 403)
            self.assertEqual(error.exception.name, "odoo.exceptions.AccessError")
        self.assertUnchanged()

    def test_xmlrpc(self):
        for order, method, message in (
            (self.refused, "action_submit_for_customer_approval", "cannot be placed"),
            (self.refused, "action_confirm", "cannot be placed"),
            (self.waiting, "action_confirm", "waits for the approval"),
        ):
            with self.subTest(method=method), self.assertRaises(Fault) as error:
                self.xmlrpc("sale.order", method, order.ids)
            self.assertIn(message, error.exception.faultString)
        for model in ("customer.budget", "customer.purchasing.rule"):
            with self.subTest(model=model), self.assertRaises(Fault) as error:
                self.xmlrpc(model, "search_read", [], ["amount"])
            self.assertIn("You are not allowed to access", error.exception.faultString)
        self.assertUnchanged()
