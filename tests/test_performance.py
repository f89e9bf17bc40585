# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CustomerApprovalCase

# Odoo's ORM writes the recomputed fields of many lines in UPDATE statements of
# 100 rows each: up to that many lines, an order costs the same whatever its size.
MANY_LINES = 100


@tagged("post_install", "-at_install")
class TestQueryCounts(CustomerApprovalCase):
    """Routing and approving cost the same whatever the number of lines."""

    def _count(self, func):
        """:return: the number of queries ``func`` runs, flushing included."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _create_order(self, buyer, amount=100.0, lines=1):
        # Placed yesterday: the submission then always writes its own date
        # (the ORM skips a write of the value a field has, which made the count
        # depend on whether the order was created in the same second).
        order = super()._create_order(buyer, amount=amount, lines=lines)
        order.date_order = fields.Datetime.now() - timedelta(days=1)
        return order

    def _measure(self, lines):
        # Warm up caches (templates, views, registry) with a throw-away order.
        warm = self._create_order(self.buyer, amount=2000, lines=lines)
        self._submit(warm)
        self._approve(warm, self.approver_1)
        self._approve(warm, self.approver_2)

        order = self._create_order(self.buyer, amount=2000, lines=lines)
        counts = {
            "submit": self._count(
                order.with_user(self.buyer).action_submit_for_customer_approval
            ),
            "pass_on": self._count(
                order.with_user(self.approver_1).action_customer_approve
            ),
            "release": self._count(
                order.with_user(self.approver_2).action_customer_approve
            ),
        }
        self.assertEqual(order.state, "sale")
        return counts

    def test_same_queries_for_1_and_many_lines(self):
        # First runs fill Odoo's caches (templates, rules, translations).
        self._measure(1)
        self._measure(MANY_LINES)
        one = self._measure(1)
        many = self._measure(MANY_LINES)
        self.assertEqual(one, many)

    def test_assortment_routing_same_queries_for_1_and_many_lines(self):
        """The contract-assortment reason: one query for all lines of an order."""
        pricelist = self.env["product.pricelist"].create(
            {"name": "Acme contract", "is_contract_assortment": True}
        )
        self.customer.property_product_pricelist = pricelist
        self.buyer.partner_id.write(
            {
                "approval_mode": "outside_assortment",
                "approval_breakpoint_enabled": False,
            }
        )

        def submit_count(lines):
            order = self._create_order(self.buyer, amount=100, lines=lines)
            count = self._count(
                order.with_user(self.buyer).action_submit_for_customer_approval
            )
            self.assertEqual(order.approval_reason_ids.code, "outside_assortment")
            return count

        # First runs fill Odoo's caches (templates, rules, translations).
        submit_count(1)
        submit_count(MANY_LINES)
        self.assertEqual(submit_count(1), submit_count(MANY_LINES))

    def test_reject_and_withdraw_same_queries_for_1_and_many_lines(self):
        def count(lines, decide):
            order = self._create_order(self.buyer, amount=2000, lines=lines)
            order.with_user(self.buyer).action_submit_for_customer_approval()
            return self._count(lambda: decide(order))

        def reject(order):
            order.with_user(self.approver_1).action_customer_reject("No budget")

        def withdraw(order):
            order.with_user(self.buyer).action_withdraw_customer_approval()

        for decide in (reject, withdraw):
            with self.subTest(decision=decide.__name__):
                # First runs fill Odoo's caches (templates, rules, translations).
                count(1, decide)
                count(MANY_LINES, decide)
                self.assertEqual(count(1, decide), count(MANY_LINES, decide))


class TestApprovalBadge(CustomerApprovalCase):
    """The badge of /my counts what /my/approvals lists, cheaply: every page of
    the portal asks it."""

    def test_badge_counts_the_approval_list(self):
        other_company = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        self._create_sub_account(
            "Olga Owner", company=other_company, is_customer_admin=True
        )
        other_buyer = self._create_sub_account(
            "Otto Other", company=other_company, approval_mode="always"
        )
        for buyer in (self.buyer, self.buyer, other_buyer):
            order = self._create_order(buyer, amount=2000)
            order.with_user(buyer).action_submit_for_customer_approval()
        Order = self.env["sale.order"]
        for person in (self.approver_1, self.admin):
            partner = person.partner_id
            listed = Order.with_user(person).search_count(
                Order._customer_approval_domain(partner)
            )
            self.assertEqual(
                Order.with_user(person)._customer_approval_count_to_decide(partner),
                listed,
            )
        self.assertEqual(
            Order._customer_approval_count_to_decide(self.buyer.partner_id), 0
        )

    def test_badge_costs_one_query(self):
        partner = self.approver_1.partner_id
        Order = self.env["sale.order"].with_user(self.approver_1)
        Order._customer_approval_count_to_decide(partner)  # warm-up
        with self.assertQueryCount(1):
            Order._customer_approval_count_to_decide(partner)
