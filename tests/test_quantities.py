# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quantities print as numbers people read."""

from odoo.tests import BaseCase, tagged

from ..models.sale_order import format_quantity


@tagged("post_install", "-at_install")
class TestFormatQuantity(BaseCase):
    def test_quantities_people_read(self):
        cases = {2.0: "2", 2.5: "2.5", 1234567.0: "1234567", 0.001: "0.001", 10: "10"}
        for quantity, text in cases.items():
            self.assertEqual(format_quantity(quantity), text)
