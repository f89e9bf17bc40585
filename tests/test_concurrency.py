# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ThreadedCase
from .markers import threaded

try:
    from psycopg2 import errors as pg_errors
except ImportError:  # pragma: no cover
    pg_errors = None

CONCURRENCY_ERRORS = (
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
)

pytestmark = [threaded]


@tagged("post_install", "-at_install")
class TestConcurrentApprovals(ThreadedCase):
    """Two approvers act on one order at the same moment: it is released once.

    This test commits its own data (each approver works in their own transaction,
    as two HTTP requests would) and removes it at the end.
    """

    def setUp(self):
        super().setUp()
        self.ids = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            portal = env.ref("base.group_portal")
            company = env["res.partner"].create(
                {"name": "Concurrent Cranes AB", "is_company": True}
            )

            def user(name, **settings):
                login = f"{name}@concurrent-cranes.example"
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

            admin = user("cc-admin", is_customer_admin=True)
            approver = user("cc-approver", is_order_approver=True)
            buyer = user(
                "cc-buyer",
                approval_mode="always",
                next_approver_id=approver.partner_id.id,
            )
            product = env["product.product"].create(
                {"name": "Crane hook", "list_price": 50}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.partner_id.id,
                    # Released means confirmed here, not waiting for payment.
                    "require_payment": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order.with_user(buyer).action_submit_for_customer_approval()
            self.ids = {
                "company": company.id,
                "users": (admin | approver | buyer).ids,
                "partners": (admin | approver | buyer).partner_id.ids,
                "product": product.id,
                "order": order.id,
                "approvers": [admin.id, approver.id],
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
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(
                self.ids["partners"] + [self.ids["company"]]
            ).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_approvers_at_once_release_once(self):
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
                    # Each approver's transaction ends as its HTTP request would.
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
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            self.assertEqual(order.state, "sale")
            self.assertEqual(
                order.approval_history_ids.mapped("decision"), ["submitted", "released"]
            )
