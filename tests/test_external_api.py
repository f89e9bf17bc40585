# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from xmlrpc.client import Fault

from odoo import Command
from odoo.tests import HttpCase, get_db_name, tagged

from .common import create_sub_account


@tagged("post_install", "-at_install")
class TestExternalApi(HttpCase):
    """RPC clients get the engine's rules, as the portal and the backoffice do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.partner"].create(
            {"name": "Rpc Robotics GmbH", "is_company": True}
        )
        other = cls.env["res.partner"].create(
            {"name": "Elsewhere SA", "is_company": True}
        )

        def sub_account(login, parent, **settings):
            return create_sub_account(cls.env, login, parent, **settings)

        cls.approver = sub_account(
            "rpc-approver@robotics.example", company, is_order_approver=True
        )
        cls.buyer = sub_account(
            "rpc-buyer@robotics.example",
            company,
            approval_mode="always",
            next_approver_id=cls.approver.partner_id.id,
        )
        cls.stranger = sub_account(
            "rpc-stranger@elsewhere.example", other, is_customer_admin=True
        )
        product = cls.env["product.product"].create(
            {"name": "Servo motor", "list_price": 80}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.partner_id.id,
                # Released means confirmed here, not waiting for payment.
                "require_payment": False,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )

    def call(self, user, method, *args):
        return self.xmlrpc_object.execute_kw(
            get_db_name(),
            user.id,
            user.login,
            "sale.order",
            method,
            [self.order.ids, *args],
        )

    def test_approval_over_xmlrpc(self):
        self.assertTrue(self.call(self.buyer, "action_submit_for_customer_approval"))
        with self.assertRaises(Fault) as error:
            self.call(self.stranger, "action_customer_approve")
        # Another company cannot even read the order: the addon's sentence, which
        # says nothing of it (not Odoo's generic "top-secret records").
        self.assertIn("neither yours", error.exception.faultString)
        self.assertNotIn(self.order.name, error.exception.faultString)
        with self.assertRaises(Fault) as error:
            self.call(self.buyer, "action_customer_approve")
        self.assertIn("your own order", error.exception.faultString)
        with self.assertRaises(Fault) as error:
            self.call(self.buyer, "write", {"approval_state": "approved"})
        self.assertTrue(self.call(self.approver, "action_customer_approve", "OK"))
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(self.order.approval_history_ids[-1].comment, "OK")
        with self.assertRaises(Fault) as error:
            self.call(self.approver, "action_customer_reject", "too late")
        self.assertIn("does not wait for approval", error.exception.faultString)
