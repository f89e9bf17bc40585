# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer company with departments, for the tests of purchasing rules and
budgets."""

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools.misc import format_amount

from .common import CustomerApprovalCase

# Mid-December in Stockholm: the month is "December", the quarter "Q4 2026".
NOW = "2026-12-15 10:00:00"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class PurchasingCase(CustomerApprovalCase):
    """Acme Tools Ltd (Europe/Stockholm) with two departments:

    - Logistics (LOG), managed by Bea Boss (breakpoint 5,000, then Carl Chief):
      Lena Log (next approver Alf Lead) and Fay Free (no next approver);
    - Sales, without a manager: Dan Desk (next approver Alf Lead).

    Pia Plain (next approver Alf Lead) is in no department. Products: copy paper
    (category Office / Paper), a hammer (category Tools).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.tz = "Europe/Stockholm"
        Department = cls.env["customer.department"]
        cls.logistics = Department.create(
            {
                "name": "Logistics",
                "code": "LOG",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.sales = Department.create(
            {"name": "Sales", "company_partner_id": cls.customer.id}
        )
        alf = cls.approver_1.partner_id.id
        cls.lena = cls._create_sub_account(
            "Lena Log", next_approver_id=alf, customer_department_id=cls.logistics.id
        )
        cls.dan = cls._create_sub_account(
            "Dan Desk", next_approver_id=alf, customer_department_id=cls.sales.id
        )
        cls.pia = cls._create_sub_account("Pia Plain", next_approver_id=alf)
        cls.free_buyer.partner_id.customer_department_id = cls.logistics
        Category = cls.env["product.category"]
        cls.office = Category.create({"name": "Office"})
        cls.paper_category = Category.create(
            {"name": "Paper", "parent_id": cls.office.id}
        )
        cls.tools = Category.create({"name": "Tools"})
        cls.paper = cls._create_shop_product(
            "Copy paper", 10.0, categ_id=cls.paper_category.id
        )
        cls.hammer = cls._create_shop_product("Hammer", 10.0, categ_id=cls.tools.id)
        cls.website = cls.env["website"].get_current_website()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def money(self, amount):
        return format_amount(self.env, amount, self.currency)

    @classmethod
    def _rule(cls, rule_type, **values):
        return cls.env["customer.purchasing.rule"].create(
            dict(company_partner_id=cls.customer.id, rule_type=rule_type, **values)
        )

    @classmethod
    def _budget(cls, amount, **values):
        values.setdefault("department_id", cls.logistics.id)
        return cls.env["customer.budget"].create(dict(amount=amount, **values))

    @classmethod
    def _order_of(cls, buyer, products, price=10.0):
        """An order of ``buyer`` with one line of each of ``products``."""
        return cls.env["sale.order"].create(
            {
                "partner_id": buyer.partner_id.id,
                "user_id": cls.salesperson.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for product in products
                ],
            }
        )

    def _spent(self, buyer, amount, when=None):
        """A released order of ``buyer`` (confirmed by the vendor)."""
        order = self._create_order(buyer, amount)
        order.action_confirm()
        if when:
            order.date_order = when
        return order

    def sentences(self, order):
        Reason = self.env["sale.order.approval.reason"]
        return [
            Reason.new(values).name for values in order._customer_approval_reasons()
        ]

    def codes(self, order):
        return [values["code"] for values in order._customer_approval_reasons()]
