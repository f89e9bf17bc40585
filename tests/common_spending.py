# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields
from odoo.tests import HttpCase

from .common import CustomerApprovalCase


class TeamSpendingCase(HttpCase, CustomerApprovalCase):
    """Acme's departments and people against their budgets, orders of the
    month that spend and that do not: the data of the statistics tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.tz = "Europe/Stockholm"
        Department = cls.env["customer.department"]
        cls.logistics = Department.create(
            {"name": "Logistics", "company_partner_id": cls.customer.id}
        )
        cls.sales = Department.create(
            {"name": "Sales", "company_partner_id": cls.customer.id}
        )
        (cls.buyer | cls.free_buyer).partner_id.customer_department_id = cls.logistics
        cls.approver_1.partner_id.customer_department_id = cls.sales
        Budget = cls.env["customer.budget"]
        cls.logistics_budget = Budget.create(
            {"department_id": cls.logistics.id, "amount": 1000, "period": "month"}
        )
        cls.fay_budget = Budget.create(
            {
                "partner_id": cls.free_buyer.partner_id.id,
                "amount": 2000,
                "period": "quarter",
            }
        )
        # Another currency, at 2 of it for 1 of the company's, from today.
        eur = cls.env.ref("base.EUR")
        cls.foreign = eur if eur != cls.currency else cls.env.ref("base.CHF")
        cls.foreign.active = True
        today = fields.Date.today()
        rate = cls.env["res.currency.rate"].search(
            [
                ("currency_id", "=", cls.foreign.id),
                ("name", "=", today),
                ("company_id", "in", [cls.env.company.id, False]),
            ]
        )
        rate.unlink()
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.foreign.id,
                "name": today,
                "rate": 2.0 * cls.currency.rate,
                "company_id": cls.env.company.id,
            }
        )
        cls.local_pricelist = cls.env["product.pricelist"].create(
            {"name": "Home prices", "currency_id": cls.currency.id}
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Export prices", "currency_id": cls.foreign.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Globex Corp", "is_company": True}
        )
        cls.stranger_admin = cls._create_sub_account(
            "Sam Stranger", company=cls.other_customer, is_customer_admin=True
        )
        cls.stranger_department = Department.create(
            {"name": "Globex Purchasing", "company_partner_id": cls.other_customer.id}
        )

    def _order(self, partner, amount, pricelist=None, **values):
        return self.env["sale.order"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "user_id": self.salesperson.id,
                    "pricelist_id": (pricelist or self.local_pricelist).id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                },
                **values,
            )
        )

    def _some_orders(self):
        """Orders of this month: what spends and what does not."""
        orders = {}
        orders["released"] = self._order(self.free_buyer.partner_id, 300)
        orders["released"].action_confirm()
        orders["foreign"] = self._order(
            self.free_buyer.partner_id, 400, pricelist=self.foreign_pricelist
        )
        orders["foreign"].action_confirm()
        # Bob's breakpoint is 500: his orders wait for Alf Lead.
        orders["waiting"] = self._order(self.buyer.partner_id, 700)
        self._submit(orders["waiting"])
        orders["rejected"] = self._order(self.buyer.partner_id, 600)
        self._submit(orders["rejected"])
        orders["rejected"].with_user(self.approver_1).action_customer_reject("No")
        orders["withdrawn"] = self._order(self.buyer.partner_id, 550)
        self._submit(orders["withdrawn"])
        orders["withdrawn"].with_user(self.buyer).action_withdraw_customer_approval()
        orders["cancelled"] = self._order(self.free_buyer.partner_id, 900)
        orders["cancelled"].action_confirm()
        orders["cancelled"]._action_cancel()
        orders["quotation"] = self._order(self.free_buyer.partner_id, 800)
        orders["sales"] = self._order(self.approver_1.partner_id, 120)
        orders["sales"].action_confirm()
        # Another customer's, and ours with another vendor company: never ours.
        orders["stranger"] = self._order(self.stranger_admin.partner_id, 5000)
        orders["stranger"].action_confirm()
        other_vendor = self.env["res.company"].create({"name": "Other Vendor"})
        orders["other_vendor"] = self._order(
            self.free_buyer.partner_id,
            7000,
            company_id=other_vendor.id,
            pricelist_id=False,
        )
        orders["other_vendor"].action_confirm()
        return orders

    def _overview(self, when=None):
        return self.customer._get_customer_spending_overview(when=when)

    def _row(self, rows, target):
        found = [row for row in rows if row["target"] == target]
        self.assertEqual(len(found), 1, target.display_name)
        return found[0]
