# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util
import io
from contextlib import redirect_stdout
from datetime import datetime, timedelta
from pathlib import Path

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, get_db_name, tagged

from .common import create_sub_account


def load_api_example():
    """The module scripts/api_example.py of this addon."""
    path = Path(__file__).parents[1] / "scripts" / "api_example.py"
    spec = importlib.util.spec_from_file_location("api_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


api = load_api_example()


@tagged("post_install", "-at_install")
class TestJson2Api(HttpCase):
    """scripts/api_example.py, the example of an ERP client of the JSON-2 API,
    gets the engine's rules with an approver's API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env["res.partner"].create(
            {"name": "Jsontwo Joinery Ltd", "is_company": True}
        )
        other = cls.env["res.partner"].create(
            {"name": "Faraway Foods SA", "is_company": True}
        )

        def sub_account(login, parent, **settings):
            return create_sub_account(cls.env, login, parent, **settings)

        cls.approver = sub_account(
            "json2-approver@joinery.example", company, is_order_approver=True
        )
        cls.colleague = sub_account(
            "json2-colleague@joinery.example", company, is_order_approver=True
        )
        cls.buyer = sub_account(
            "json2-buyer@joinery.example",
            company,
            approval_mode="always",
            next_approver_id=cls.approver.partner_id.id,
        )
        colleague_buyer = sub_account(
            "json2-buyer-2@joinery.example",
            company,
            approval_mode="always",
            next_approver_id=cls.colleague.partner_id.id,
        )
        cls.stranger = sub_account(
            "json2-stranger@faraway.example", other, is_order_approver=True
        )
        other_buyer = sub_account(
            "json2-buyer@faraway.example",
            other,
            approval_mode="always",
            next_approver_id=cls.stranger.partner_id.id,
        )
        product = cls.env["product.product"].create(
            {"name": "Oak plank", "list_price": 45, "taxes_id": [Command.clear()]}
        )

        def submitted_order(buyer):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": buyer.partner_id.id,
                    # Released means confirmed here, not waiting for payment.
                    "require_payment": False,
                    "order_line": [
                        Command.create({"product_id": product.id, "tax_ids": []})
                    ],
                }
            )
            order.with_user(buyer).action_submit_for_customer_approval()
            return order

        cls.order = submitted_order(cls.buyer)
        cls.colleague_order = submitted_order(colleague_buyer)
        cls.other_order = submitted_order(other_buyer)
        cls.env["ir.config_parameter"].set_param("portal.allow_api_keys", True)
        cls.key = cls._api_key(cls.approver)

    def setUp(self):
        super().setUp()
        real_call = api.call

        def call(*args, **kwargs):
            # The server answers in this test's transaction, for requests the
            # test allows.
            self.env.flush_all()
            self.env.invalidate_all()
            with self.allow_requests(all_requests=True):
                return real_call(*args, **kwargs)

        self.patch(api, "call", call)

    @classmethod
    def _api_key(cls, user):
        """A key as a portal user creates it on /my/security: for one day at
        most, the longest Odoo allows portal users by default."""
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            ._generate(None, "Procurement tool", datetime.now() + timedelta(hours=20))
        )

    def args(self, key=None):
        return self.base_url(), get_db_name(), key or self.key

    def test_portal_users_get_keys_only_if_the_vendor_allows_it(self):
        wizard = self.env["res.users.apikeys.description"].with_user(self.approver)
        wizard.check_access_make_key()
        self.env["ir.config_parameter"].set_param("portal.allow_api_keys", False)
        with self.assertRaises(AccessError):
            wizard.check_access_make_key()

    def test_list_waiting(self):
        [order] = api.list_waiting(*self.args())
        self.assertEqual(order["id"], self.order.id)
        self.assertEqual(order["name"], self.order.name)
        self.assertEqual(order["partner_id"][0], self.buyer.partner_id.id)
        self.assertEqual(order["amount_total"], self.order.amount_total)
        self.assertEqual(order["currency_id"][1], self.order.currency_id.name)
        self.assertEqual(
            [
                o["id"]
                for o in api.list_waiting(*self.args(self._api_key(self.stranger)))
            ],
            self.other_order.ids,
        )
        self.assertEqual(api.list_waiting(*self.args(self._api_key(self.buyer))), [])

    def test_approve_releases_the_order(self):
        result = api.approve(*self.args(), self.order.name, comment="Budget OK")
        self.assertEqual(
            (result["approval_state"], result["state"]), ("approved", "sale")
        )
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(self.order.approval_history_ids[-1].comment, "Budget OK")
        self.assertEqual(api.list_waiting(*self.args()), [])
        with self.assertRaises(api.OdooError) as error:
            api.reject(*self.args(), self.order.name, reason="Too late")
        self.assertIn("does not wait for approval", error.exception.message)

    def test_reject(self):
        result = api.reject(*self.args(), self.order.name, reason="Not this quarter")
        self.assertEqual(result["approval_state"], "rejected")
        self.assertEqual(
            self.order.approval_history_ids[-1].comment, "Not this quarter"
        )

    def test_the_buyer_cannot_approve_their_own_order(self):
        with self.assertRaises(api.OdooError) as error:
            api.approve(*self.args(self._api_key(self.buyer)), self.order.name)
        self.assertEqual(error.exception.name, "odoo.exceptions.AccessError")
        self.assertIn("your own order", error.exception.message)
        self.assertEqual(self.order.approval_state, "waiting")

    def assertCannotSeeNorApprove(self, user):
        key = self._api_key(user)
        with self.assertRaises(LookupError):
            api.approve(*self.args(key), self.order.name)
        # By id, past the search: the record rules refuse it.
        with self.assertRaises(api.OdooError) as error:
            api.call(
                *self.args(key),
                "sale.order",
                "action_customer_approve",
                ids=self.order.ids,
            )
        self.assertEqual(error.exception.status, 403)
        self.assertEqual(error.exception.name, "odoo.exceptions.AccessError")
        self.assertEqual(self.order.approval_state, "waiting")

    def test_another_company_cannot_see_nor_approve(self):
        self.assertCannotSeeNorApprove(self.stranger)

    def test_a_colleague_cannot_approve_for_the_approver(self):
        self.assertCannotSeeNorApprove(self.colleague)

    def test_an_unknown_key_is_refused(self):
        with self.assertRaises(api.OdooError) as error:
            api.list_waiting(*self.args("0" * 40))
        self.assertEqual(error.exception.status, 401)

    def test_command_line(self):
        base_url, db, key = self.args()
        options = ["--url", base_url, "--db", db, "--key", key]
        output = io.StringIO()
        with redirect_stdout(output):
            status = api.main(options)
        self.assertEqual(status, 0)
        self.assertIn(self.order.name, output.getvalue())
        self.assertNotIn(self.colleague_order.name, output.getvalue())
        output = io.StringIO()
        with redirect_stdout(output):
            status = api.main(
                [*options, "--approve", self.order.name, "--comment", "OK"]
            )
        self.assertEqual(status, 0)
        self.assertEqual(
            output.getvalue(), "%s: approval approved, order sale\n" % self.order.name
        )
