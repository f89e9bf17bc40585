# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The words people get when they may not do something: the addon's own
sentence, never Odoo's generic access error, a bare 404 page or a traceback."""

import json

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase

NOT_YOURS = "You may not decide this order: it is not waiting for your approval."
GENERIC = ("top-secret", "Traceback", "Internal Server Error", "Forbidden")


@tagged("post_install", "-at_install")
class TestRefusalWords(HttpCase, CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = cls._create_stranger()
        cls.order = cls._create_order(cls.buyer, amount=2000)
        cls.order.with_user(cls.buyer).action_submit_for_customer_approval()

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(url, data=data)

    def assertAddonSentence(self, response, *sentences):
        for generic in GENERIC:
            self.assertFalse(generic in response.text, (generic, response.url))
        found = [s for s in sentences or (NOT_YOURS,) if s in response.text]
        self.assertTrue(found, (response.status_code, response.url))

    def approval_urls(self, order):
        return [
            f"/my/approvals/{order.id}/approve",
            f"/my/approvals/{order.id}/reject",
            f"/my/approvals/{order.id}/change",
            f"/my/approvals/{order.id}/add_product",
        ]

    def test_people_who_may_not_decide_read_why(self):
        # The buyer, an approver outside the chain, another company's admin, and
        # an order that does not exist: one sentence, the same status.
        missing = self.env["sale.order"].search([], order="id desc", limit=1).id + 99
        for user in (self.buyer, self.approver_3, self.stranger):
            self.login(user)
            for order_id in (self.order.id, missing):
                with self.subTest(user=user.name, order=order_id):
                    page = self.url_open(f"/my/approvals/{order_id}")
                    self.assertEqual(page.status_code, 404)
                    self.assertAddonSentence(page)
                    self.assertNotIn(self.order.name, page.text)
                    for url in self.approval_urls(self.order.browse(order_id)):
                        response = self.post(url, reason="no")
                        self.assertEqual(response.status_code, 404)
                        self.assertAddonSentence(response)

    def test_approver_no_longer_current_reads_why(self):
        # Alf's next approver changes: the order goes to Bea, Alf never decided.
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        order.sudo().write({"current_approver_id": self.approver_2.partner_id.id})
        self.login(self.approver_1)
        page = self.url_open(f"/my/approvals/{order.id}")
        self.assertAddonSentence(page, "This order does not wait for your decision.")
        only_current = f"Only the current approver of order {order.name}"
        for url in self.approval_urls(order):
            self.assertAddonSentence(self.post(url, reason="no"), only_current)

    def test_orm_access_error_is_not_shown(self):
        # Whatever the ORM refuses on the way (a record rule), the approver reads
        # the addon's sentence, not Odoo's generic one.
        self.login(self.approver_1)
        SaleOrder = type(self.env["sale.order"])

        def refuse(order, *args, **kwargs):
            raise order.env["ir.rule"]._make_access_error("write", order)

        original = SaleOrder.action_customer_approve
        SaleOrder.action_customer_approve = refuse
        try:
            response = self.post(f"/my/approvals/{self.order.id}/approve")
        finally:
            SaleOrder.action_customer_approve = original
        self.assertAddonSentence(response)


@tagged("post_install", "-at_install")
class TestAcceptRefusedForARule(HttpCase, CustomerApprovalCase):
    """A vendor quotation that a purchasing rule refuses: accepting it says so,
    in the buyer's language."""

    def accept(self, order, token):
        response = self.url_open(
            f"/my/orders/{order.id}/accept",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "params": {
                        "access_token": token,
                        "name": "Fay Free",
                        "signature": "iVBORw0KGgo=",
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()["result"]

    def test_accept_refused_by_a_rule_gives_the_rule(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["website_sale_customer_approval"], ["fr_FR"]
        )
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "max_amount",
                "amount": 300,
                "exceeded_action": "refuse",
            }
        )
        order = self._create_order(self.free_buyer, amount=2000)
        order.require_signature = True
        order.action_quotation_sent()
        token = order._portal_ensure_token()
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        result = self.accept(order, token)
        self.assertNotIn("customer signature", result["error"])
        self.assertIn(f"Order {order.name} cannot be placed", result["error"])
        self.free_buyer.partner_id.lang = "fr_FR"
        result = self.accept(order, token)
        self.assertIn(f"La commande {order.name} ne peut pas", result["error"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.signature)


@tagged("post_install", "-at_install")
class TestRefusalWordsOverRpc(CustomerApprovalCase):
    """An RPC client (the JSON-2 API, XML-RPC) acting as a portal user on an
    order that is not theirs reads the addon's sentence too; the vendor's own
    staff keep Odoo's detailed message."""

    def test_portal_user_reads_the_addons_sentence(self):
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        stranger = self._create_sub_account(
            "Olga Owner", company=other, is_order_approver=True
        )
        order = self._create_order(self.buyer, amount=2000)
        self._submit(order)
        # A write is refused by the access rights of portal users first (Odoo's
        # sentence on the model: nothing of the order either).
        for call, addons_words in (
            (lambda o: o.read(["name"]), True),
            (lambda o: o.action_customer_approve(), True),
            (lambda o: o.write({"note": "mine"}), False),
        ):
            with self.assertRaises(AccessError) as caught:
                call(order.with_user(stranger))
            message = str(caught.exception)
            self.assertNotIn("top-secret", message)
            self.assertNotIn(order.name, message, "nothing of the order is told")
            self.assertEqual("You may not" in message, addons_words, message)

    def test_vendor_staff_keep_odoos_message(self):
        order = self._create_order(self.buyer, amount=2000)
        order.user_id = self.env.ref("base.user_admin")
        order.flush_recordset()
        self.salesperson.group_ids = [
            Command.link(self.env.ref("sales_team.group_sale_salesman").id)
        ]
        with self.assertRaises(AccessError) as caught:
            order.with_user(self.salesperson).read(["name"])
        self.assertIn("top-secret", str(caught.exception))
