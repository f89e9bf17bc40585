# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
import re
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import tagged

from .common import CustomerApprovalCase

# Odoo's ORM writes the recomputed fields of many lines in UPDATE statements of
# 100 rows each: that cost is Odoo's own and grows with the lines by design.
ORM_LINE_BATCH = 100
LINE_UPDATE = re.compile(r'^\s*UPDATE "sale_order_line"')


@tagged("post_install", "-at_install")
class TestQueryCounts(CustomerApprovalCase):
    """Routing and approving cost the same whatever the number of lines."""

    def _count(self, func):
        """:return: (queries other than batched line updates, line updates)"""
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        execute = Cursor.execute

        def logged_execute(cursor, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", logged_execute):
            func()
            self.env.flush_all()
        line_updates = sum(1 for query in queries if LINE_UPDATE.match(query))
        return len(queries) - line_updates, line_updates

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

    def test_same_queries_for_1_and_200_lines(self):
        # First runs fill Odoo's caches (templates, rules, translations).
        self._measure(1)
        self._measure(200)
        one = self._measure(1)
        many = self._measure(200)
        for step in one:
            with self.subTest(step=step):
                self.assertEqual(one[step][0], many[step][0])
                # Only the ORM's own 100-row batches of line updates may add up.
                self.assertLessEqual(
                    many[step][1],
                    one[step][1] * math.ceil(200 / ORM_LINE_BATCH),
                )
        # Passing an order on does not touch its lines at all.
        self.assertEqual(one["pass_on"], many["pass_on"])

    def test_assortment_routing_same_queries_for_1_and_200_lines(self):
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
        submit_count(200)
        one, many = submit_count(1), submit_count(200)
        self.assertEqual(one[0], many[0])
