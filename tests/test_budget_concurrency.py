# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two orders at the same moment against one budget: they cannot both spend
what is left. Each order is placed in its own transaction, as two HTTP requests
would be, and retried as Odoo retries a request that fails to serialise."""

import threading

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ThreadedCase
from .markers import threaded

ORDER_AMOUNT = 600
BUDGET = 1000

pytestmark = [threaded]


@tagged("post_install", "-at_install")
class TestBudgetConcurrency(ThreadedCase):
    """A department with a budget of 1,000.00 and two buyers who each order for
    600.00 at the same moment. This test commits its own data and removes it at
    the end."""

    def setUp(self):
        super().setUp()
        self.ids = {}
        self.addCleanup(self._cleanup)

    def _populate(self, buyer_settings, exceeded_action, website):
        """Commit the company, its budget and one quotation of each buyer."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.partner"].create(
                {"name": "Budget Brakes AB", "is_company": True, "tz": "Europe/Oslo"}
            )
            self.ids["company"] = company.id
            self.ids["partners"] = []
            self.ids["users"] = []

            def user(name, **settings):
                return self._commit_person(
                    env, company, name, "budget-brakes.example", **settings
                )

            user("bb-admin", is_customer_admin=True)
            approver = user("bb-approver", is_order_approver=True)
            department = env["customer.department"].create(
                {"name": "Workshop", "company_partner_id": company.id}
            )
            self.ids["department"] = department.id
            budget = env["customer.budget"].create(
                {
                    "department_id": department.id,
                    "amount": BUDGET,
                    "exceeded_action": exceeded_action,
                }
            )
            self.ids["budget"] = budget.id
            product = env["product.product"].create(
                {"name": "Brake pad", "list_price": ORDER_AMOUNT, "taxes_id": []}
            )
            self.ids["product"] = product.id
            self.ids["orders"] = {}
            for name in ("bb-buyer-1", "bb-buyer-2"):
                buyer = user(
                    name,
                    next_approver_id=approver.partner_id.id,
                    customer_department_id=department.id,
                    **buyer_settings,
                )
                order = env["sale.order"].create(
                    {
                        "partner_id": buyer.partner_id.id,
                        "require_payment": False,
                        "website_id": website and env["website"].search([], limit=1).id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "price_unit": ORDER_AMOUNT,
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
                self.ids["orders"][order.id] = buyer.id

    def _cleanup(self):
        if not self.ids.get("company"):
            return
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            orders = env["sale.order"].browse(list(self.ids["orders"]))
            self._remove_orders(env, orders)
            env["customer.budget"].browse(self.ids["budget"]).unlink()
            env["customer.department"].browse(self.ids["department"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            self._remove_people(env)

    def _at_once(self, method, as_buyer, portal=False):
        """Call ``method`` on both orders at the same moment, each in its own
        transaction, retried on serialisation failures as Odoo's HTTP layer does.
        ``portal``: as the buyer's portal routes do, on the order in sudo mode
        after the access check (the user stays the buyer).

        :return: {order id: (outcome, number of tries)}
        """
        barrier = threading.Barrier(2)
        outcomes = {}

        def place(order_id, buyer_id):
            uid = buyer_id if as_buyer else api.SUPERUSER_ID
            tries = []
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {"tracking_disable": True})

                def attempt():
                    tries.append(1)
                    order = env["sale.order"].browse(order_id)
                    if portal:
                        order = order.sudo()
                    return getattr(order, method)()

                try:
                    # Both transactions start (take their snapshot) before
                    # either order is placed.
                    env["sale.order"].browse(order_id).read(["state"])
                    barrier.wait(timeout=20)
                    retrying(attempt, env)
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[order_id] = ("placed", len(tries))
                except UserError as error:
                    cr.rollback()
                    outcomes[order_id] = (error.args[0], len(tries))

        threads = [
            threading.Thread(target=place, args=item)
            for item in self.ids["orders"].items()
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(len(outcomes), 2, "both transactions ended")
        return outcomes

    def _orders(self, env):
        return env["sale.order"].browse(sorted(self.ids["orders"]))

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_submissions_cannot_both_spend_the_remainder(self):
        self._populate({"approval_mode": "always"}, "approval", website=False)
        outcomes = self._at_once("action_submit_for_customer_approval", True)
        self.assertEqual(
            [outcome for outcome, _tries in outcomes.values()], ["placed", "placed"]
        )
        self.assertIn(
            2,
            [tries for _outcome, tries in outcomes.values()],
            "the second one waited for the first one and was tried again",
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            orders = self._orders(env)
            self.assertEqual(orders.mapped("approval_state"), ["waiting", "waiting"])
            reasons = sorted(
                orders.mapped(lambda o: tuple(o.approval_reason_ids.mapped("code")))
            )
            self.assertEqual(reasons, [("always",), ("always", "budget")])
            second = orders.filtered(
                lambda o: "budget" in o.approval_reason_ids.mapped("code")
            )
            budget_reason = second.approval_reason_ids.filtered(
                lambda r: r.code == "budget"
            )
            self.assertEqual(budget_reason.threshold, BUDGET - ORDER_AMOUNT)
            budget = env["customer.budget"].browse(self.ids["budget"])
            self.assertEqual(budget.spent, 2 * ORDER_AMOUNT)

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_submissions_the_second_refused(self):
        self._populate({"approval_mode": "always"}, "refuse", website=False)
        outcomes = self._at_once("action_submit_for_customer_approval", True)
        results = sorted(outcome for outcome, _tries in outcomes.values())
        self.assertEqual(results[1], "placed")
        self.assertIn("cannot be placed", results[0])
        self.assertIn("left, order", results[0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            states = sorted(self._orders(env).mapped("approval_state"))
            self.assertEqual(states, ["none", "waiting"])
            budget = env["customer.budget"].browse(self.ids["budget"])
            self.assertEqual(budget.spent, ORDER_AMOUNT)

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_confirmations_without_reason(self):
        """No reason at checkout: both go to payment, and the payment confirms
        them at once (as superuser, as the payment's processing does). The second
        one then needs approval: its confirmation fails."""
        self._populate({}, "approval", website=True)
        outcomes = self._at_once("action_confirm", False)
        results = sorted(outcome for outcome, _tries in outcomes.values())
        self.assertEqual(results[1], "placed")
        self.assertIn("needs the approval of your company", results[0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(
                sorted(self._orders(env).mapped("state")), ["draft", "sale"]
            )
            budget = env["customer.budget"].browse(self.ids["budget"])
            self.assertEqual(budget.spent, ORDER_AMOUNT)

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_portal_acceptances_of_vendor_quotations(self):
        """Two buyers without restriction accept (sign) a vendor quotation each
        at the same moment, as /my/orders/<id>/accept does: the budget refuses
        what is over it, as it does one at a time."""
        self._populate({}, "refuse", website=False)
        outcomes = self._at_once("action_confirm", True, portal=True)
        results = sorted(outcome for outcome, _tries in outcomes.values())
        self.assertEqual(results[1], "placed")
        self.assertIn("cannot be placed", results[0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(
                sorted(self._orders(env).mapped("state")), ["draft", "sale"]
            )
            budget = env["customer.budget"].browse(self.ids["budget"])
            self.assertEqual(budget.spent, ORDER_AMOUNT)
