# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
class TestConcurrentPoolApprovals(ThreadedCase):
    """Two members of a pool approve the order at the same moment: one wins,
    the other is told it was decided. Commits its own data and removes it."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            portal = env.ref("base.group_portal")
            company = env["res.partner"].create(
                {"name": "Pooled Pumps AB", "is_company": True}
            )

            def user(name, **settings):
                login = f"{name}@pooled-pumps.example"
                partner = env["res.partner"].create(
                    dict(name=name, email=login, parent_id=company.id, **settings)
                )
                return (
                    env["res.users"]
                    .with_context(no_reset_password=True)
                    .create(
                        {
                            "login": login,
                            "partner_id": partner.id,
                            "group_ids": [Command.set(portal.ids)],
                        }
                    )
                )

            admin = user("pp-admin", is_customer_admin=True)
            first = user("pp-first", is_order_approver=True)
            second = user("pp-second", is_order_approver=True)
            pool = env["customer.approval.pool"].create(
                {
                    "name": "Pump desk",
                    "company_partner_id": company.id,
                    "member_ids": [Command.set((first | second).partner_id.ids)],
                }
            )
            buyer = user(
                "pp-buyer", approval_mode="always", next_approver_pool_id=pool.id
            )
            product = env["product.product"].create(
                {"name": "Pump seal", "list_price": 50}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.partner_id.id,
                    "require_payment": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order.with_user(buyer).action_submit_for_customer_approval()
            users = admin | first | second | buyer
            self.ids = {
                "company": company.id,
                "pool": pool.id,
                "users": users.ids,
                "partners": users.partner_id.ids,
                "product": product.id,
                "order": order.id,
                "approvers": [first.id, second.id],
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            order.write({"state": "cancel"})
            env["mail.mail"].search(
                [("model", "=", "sale.order"), ("res_id", "=", order.id)]
            ).unlink()
            order.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).write(
                {"next_approver_pool_id": False}
            )
            env["customer.approval.pool"].browse(self.ids["pool"]).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(
                self.ids["partners"] + [self.ids["company"]]
            ).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_members_at_once_decide_once(self):
        barrier = threading.Barrier(2)
        outcomes = {}

        def approve(uid):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {"tracking_disable": True})
                order = env["sale.order"].browse(self.ids["order"])
                try:
                    order.read(["approval_state"])  # the transaction starts here
                    barrier.wait(timeout=10)
                    order.action_customer_approve()
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[uid] = "approved"
                except (UserError, *CONCURRENCY_ERRORS) as error:
                    cr.rollback()
                    outcomes[uid] = type(error).__name__

        threads = [
            threading.Thread(target=approve, args=(uid,))
            for uid in self.ids["approvers"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(list(outcomes.values()).count("approved"), 1, outcomes)
        # The loser, tried again as Odoo retries a failed serialisation, is
        # told that the order was decided.
        [loser] = [uid for uid, outcome in outcomes.items() if outcome != "approved"]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, loser, {})
            order = env["sale.order"].browse(self.ids["order"])
            with self.assertRaisesRegex(UserError, "does not wait for approval"):
                order.action_customer_approve()
            cr.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            self.assertEqual(order.state, "sale")
            self.assertEqual(
                order.approval_history_ids.mapped("decision"), ["submitted", "released"]
            )
