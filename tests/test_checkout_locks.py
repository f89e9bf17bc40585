# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many buyers of one company check out at the same moment, each in a committed
transaction of their own (as concurrent HTTP requests), under a company-wide
rule of the number of orders and budgets per person: they do not wait for each
other (the rule counts per buyer: the buyer is locked, not the rule), nothing
fails to serialise, nothing is logged as an error, nothing is over-spent."""

import logging
import threading

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged

from .common import ThreadedCase
from .markers import threaded

BUYERS = 8
ORDER_AMOUNT = 600
BUDGET = 1000

pytestmark = [threaded]


class _Records(logging.Handler):
    """Keeps the records of the level asked for and above."""

    def __init__(self, level):
        super().__init__(level)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@tagged("post_install", "-at_install")
class TestCheckoutLocks(ThreadedCase):
    def setUp(self):
        super().setUp()
        self.ids = {}
        self.addCleanup(self._cleanup)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.partner"].create(
                {"name": "Many Mills AB", "is_company": True, "tz": "Europe/Oslo"}
            )
            self.ids.update(company=company.id, partners=[], users=[], budgets=[])

            def user(name, **settings):
                return self._commit_person(
                    env, company, name, "many-mills.example", **settings
                )

            user("mm-admin", is_customer_admin=True)
            approver = user("mm-approver", is_order_approver=True)
            rule = env["customer.purchasing.rule"].create(
                {
                    "company_partner_id": company.id,
                    "rule_type": "order_count",
                    "scope": "company",
                    "max_orders": 1,
                    "period": "month",
                    "exceeded_action": "refuse",
                }
            )
            self.ids["rule"] = rule.id
            product = env["product.product"].create(
                {"name": "Mill stone", "list_price": ORDER_AMOUNT, "taxes_id": []}
            )
            self.ids["product"] = product.id
            self.ids["buyers"] = {}
            for index in range(BUYERS):
                buyer = user(
                    f"mm-buyer-{index}",
                    approval_mode="always",
                    next_approver_id=approver.partner_id.id,
                )
                budget = env["customer.budget"].create(
                    {"partner_id": buyer.partner_id.id, "amount": BUDGET}
                )
                self.ids["budgets"].append(budget.id)
                self.ids["buyers"][buyer.id] = [
                    env["sale.order"]
                    .create(
                        {
                            "partner_id": buyer.partner_id.id,
                            "require_payment": False,
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
                    .id
                    for _order in range(2)
                ]

    def _cleanup(self):
        if not self.ids.get("company"):
            return
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            orders = env["sale.order"].browse(
                [order for pair in self.ids["buyers"].values() for order in pair]
            )
            self._remove_orders(env, orders)
            env["customer.budget"].browse(self.ids["budgets"]).unlink()
            env["customer.purchasing.rule"].browse(self.ids["rule"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            self._remove_people(env)

    def _submit_at_once(self, jobs):
        """Submit each (buyer user id, order id) of ``jobs`` at the same moment,
        each in its own transaction, retried as Odoo's HTTP layer retries.

        :return: ({order id: (outcome, tries)}, error records logged)
        """
        barrier = threading.Barrier(len(jobs))
        outcomes = {}
        errors = _Records(logging.ERROR)
        odoo_logger = logging.getLogger("odoo")
        odoo_logger.addHandler(errors)
        self.addCleanup(odoo_logger.removeHandler, errors)

        def submit(uid, order_id):
            tries = []
            with self.registry.cursor() as cr:
                env = api.Environment(cr, uid, {"tracking_disable": True})

                def attempt():
                    tries.append(1)
                    order = env["sale.order"].browse(order_id)
                    return order.action_submit_for_customer_approval()

                try:
                    env["sale.order"].browse(order_id).read(["state"])
                    barrier.wait(timeout=60)
                    retrying(attempt, env)
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[order_id] = ("placed", len(tries))
                except UserError as error:
                    cr.rollback()
                    outcomes[order_id] = (error.args[0], len(tries))
                except Exception as error:
                    cr.rollback()
                    outcomes[order_id] = (repr(error), len(tries))

        threads = [threading.Thread(target=submit, args=job) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        odoo_logger.removeHandler(errors)
        self.assertEqual(len(outcomes), len(jobs), "every transaction ended")
        return outcomes, errors.records

    def _spent(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            budgets = env["customer.budget"].browse(self.ids["budgets"])
            return sorted(budgets.mapped("spent"))

    def test_buyers_of_one_company_do_not_wait_for_each_other(self):
        first = [(uid, orders[0]) for uid, orders in self.ids["buyers"].items()]
        outcomes, errors = self._submit_at_once(first)
        self.assertEqual(
            sorted(outcomes.values()),
            [("placed", 1)] * BUYERS,
            "every buyer placed the order at the first try",
        )
        self.assertFalse([record.getMessage() for record in errors])
        self.assertEqual(self._spent(), [ORDER_AMOUNT] * BUYERS)

        # The second order of each buyer, all at once: the rule allows one.
        second = [(uid, orders[1]) for uid, orders in self.ids["buyers"].items()]
        outcomes, errors = self._submit_at_once(second)
        for outcome, tries in outcomes.values():
            self.assertIn("cannot be placed", outcome)
            self.assertEqual(tries, 1)
        self.assertFalse([record.getMessage() for record in errors])
        self.assertEqual(self._spent(), [ORDER_AMOUNT] * BUYERS)

    def test_one_buyer_twice_at_once_waits_and_is_refused(self):
        """The same buyer submits both orders at the same moment (two tabs):
        the second one waits for the first, is tried again without an error in
        the log, and the rule refuses it; the budget is spent once."""
        uid, orders = next(iter(self.ids["buyers"].items()))
        debug = _Records(logging.DEBUG)
        lock_logger = logging.getLogger("odoo.addons.website_sale_customer_approval")
        level = lock_logger.level
        lock_logger.setLevel(logging.DEBUG)
        lock_logger.addHandler(debug)
        try:
            outcomes, errors = self._submit_at_once([(uid, order) for order in orders])
        finally:
            lock_logger.removeHandler(debug)
            lock_logger.setLevel(level)
        results = sorted(outcome for outcome, _tries in outcomes.values())
        self.assertIn("cannot be placed", results[0])
        self.assertEqual(results[1], "placed")
        self.assertFalse([record.getMessage() for record in errors])
        self.assertTrue(
            [r for r in debug.records if "same moment" in r.getMessage()],
            "the conflict is logged at DEBUG",
        )
        spent = self._spent()
        self.assertEqual(spent.count(ORDER_AMOUNT), 1)
