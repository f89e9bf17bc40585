# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Four eyes under concurrent requests: one person approving twice at once
(a double click, two tabs, the e-mail and the portal) counts once."""

import threading

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ThreadedCase
from .markers import threaded
from .test_concurrency import CONCURRENCY_ERRORS

pytestmark = [threaded]


@tagged("post_install", "-at_install")
class TestFourEyesAtOnce(ThreadedCase):
    def setUp(self):
        super().setUp()
        self.ids = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.partner"].create(
                {
                    "name": "Twin Eyes AB",
                    "is_company": True,
                    "approval_distinct_count": 2,
                    "approval_distinct_amount": 0,
                }
            )
            self.ids["company"] = company.id
            self.admin = self._commit_person(
                env, company, "te-admin", "twin-eyes.example", is_customer_admin=True
            )
            self.approver = self._commit_person(
                env, company, "te-approver", "twin-eyes.example", is_order_approver=True
            )
            buyer = self._commit_person(
                env,
                company,
                "te-buyer",
                "twin-eyes.example",
                approval_mode="always",
                next_approver_id=self.approver.partner_id.id,
            )
            product = env["product.product"].create({"name": "Lens", "list_price": 50})
            self.ids["product"] = product.id
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.partner_id.id,
                    "require_payment": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order.with_user(buyer).action_submit_for_customer_approval()
            self.ids["order"] = order.id
            self.admin_partner_id = self.admin.partner_id.id
            self.approver_id = self.approver.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self._remove_orders(env, env["sale.order"].browse(self.ids["order"]))
            env["product.product"].browse(self.ids["product"]).unlink()
            self._remove_people(env)

    @mute_logger("odoo.sql_db")
    def test_the_same_approver_twice_at_once_counts_once(self):
        barrier = threading.Barrier(2)
        outcomes = []

        def approve():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.approver_id, {"tracking_disable": True})
                order = env["sale.order"].browse(self.ids["order"])
                try:
                    order.read(["approval_state"])  # the transaction starts here
                    barrier.wait(timeout=10)
                    order.action_customer_approve()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes.append("approved")
                except (UserError, *CONCURRENCY_ERRORS) as error:
                    cr.rollback()
                    outcomes.append(type(error).__name__)

        threads = [threading.Thread(target=approve) for _i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(outcomes.count("approved"), 1, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            self.assertEqual(order.approval_state, "waiting")
            self.assertEqual(
                order.approval_history_ids.mapped("decision"),
                ["submitted", "passed_on"],
            )
            self.assertEqual(order.approval_approvals_missing, 1)
            self.assertEqual(order.approval_decider_ids.ids, [self.admin_partner_id])
            # A retry of the refused request, as Odoo retries it, is refused.
            with self.assertRaisesRegex(UserError, "already approved"):
                order.with_user(self.approver_id).action_customer_approve()
