# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""scripts/scale_data.py, the large customer of ``make upgrade-check`` and
``make bench-scale``: it builds consistent data in SQL, and its SQL checks of the
stored values count each row that is wrong."""

import importlib.util
import sys
from pathlib import Path

from odoo.tests import TransactionCase, tagged


def load_script(name):
    """A module of scripts/, registered under its name (scale_checks imports
    scale_data as the scripts do, next to it)."""
    path = Path(__file__).parents[1] / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scale_data = load_script("scale_data")
scale_checks = load_script("scale_checks")


@tagged("post_install", "-at_install")
class TestScaleData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.built = scale_data.build_upgrade_customer(
            cls.env, orders=400, people=40, commit=False
        )
        cls.first = cls.built["first_ids"]

    def _one(self, query, *args):
        self.env.cr.execute(query, args)
        return self.env.cr.fetchone()[0]

    def test_built(self):
        counts = self.built["counts"]
        self.assertEqual(counts["people"], 40)
        self.assertEqual(counts["orders"], 400)
        self.assertEqual(counts["lines"], 800)
        self.assertEqual(counts["waiting"], 20)
        digests = scale_checks.digests(self.env.cr, self.first)
        self.assertEqual(digests["sale_order"]["rows"], 400)
        self.assertEqual(digests["res_partner"]["rows"], 39)  # and the model buyer
        self.assertEqual(
            digests["sale_order_approval_history"]["rows"], counts["steps"]
        )
        # Every kind of reason whose stored text the checks look at is there.
        codes = self._one(
            "SELECT array_agg(DISTINCT code ORDER BY code)"
            " FROM sale_order_approval_reason WHERE id >= %s",
            self.first["sale_order_approval_reason"],
        )
        self.assertEqual(codes, ["always", "budget", "category", "order_count"])

    def test_orm_reads_what_sql_wrote(self):
        """The ORM of this version computes what the builder stored."""
        orders = self.env["sale.order"].search(
            [("id", ">=", self.first["sale_order"]), ("approval_level", "=", 2)],
            limit=5,
        )
        self.assertTrue(orders)
        stored = [(o.approval_waiting_since, o.customer_department_id) for o in orders]
        self.env.add_to_compute(orders._fields["approval_waiting_since"], orders)
        self.env.add_to_compute(orders._fields["customer_department_id"], orders)
        self.assertEqual(
            [(o.approval_waiting_since, o.customer_department_id) for o in orders],
            stored,
        )

    def test_checks_count_wrong_rows(self):
        wrong = scale_checks.wrong_rows(self.env.cr, self.first)
        self.assertEqual(set(wrong.values()), {0}, wrong)
        cr = self.env.cr
        order = self.first["sale_order"]  # n = 1: rejected
        waiting = order + scale_data.ORDER_MIX - 1  # n = 20: waiting
        reason = self.first["sale_order_approval_reason"]
        cr.execute(
            "UPDATE sale_order SET approval_waiting_since = now() WHERE id = %s",
            [waiting],
        )
        cr.execute(
            "UPDATE sale_order SET customer_department_code = 'X' WHERE id = %s",
            [order],
        )
        cr.execute(
            "UPDATE res_partner SET approval_currency_id = NULL WHERE id = %s",
            [self.first["res_partner"]],
        )
        for code, column in (
            ("budget", "budget_target_name"),
            ("order_count", "max_orders"),
            ("category", "category_names"),
        ):
            cr.execute(
                f"UPDATE sale_order_approval_reason SET {column} = NULL"  # noqa: S608
                " WHERE id = (SELECT min(id) FROM sale_order_approval_reason"
                "             WHERE id >= %s AND code = %s)",
                [reason, code],
            )
        cr.execute(
            "UPDATE sale_order_approval_history SET round = 0"
            " WHERE id = (SELECT min(id) FROM sale_order_approval_history"
            "             WHERE id >= %s)",
            [self.first["sale_order_approval_history"]],
        )
        self.assertEqual(
            scale_checks.wrong_rows(cr, self.first),
            dict.fromkeys(wrong, 1),
        )
