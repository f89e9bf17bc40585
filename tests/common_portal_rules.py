# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The data of the tests of the company's rules, settings and changes in the
portal (test_portal_rules.py, test_portal_changes.py)."""

from odoo import http
from odoo.tests import HttpCase

from .common_purchasing import PurchasingCase


class PortalRulesCase(HttpCase, PurchasingCase):
    """Acme's admin, Ada, and Olga, the admin of Other Corp, with a department,
    a person and a rule of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stranger = cls._create_stranger()
        cls.other_department = cls.env["customer.department"].create(
            {"name": "Elsewhere", "company_partner_id": cls.other_customer.id}
        )
        cls.other_person = cls._create_sub_account(
            "Otto Other", company=cls.other_customer
        )
        cls.other_rule = cls.env["customer.purchasing.rule"].create(
            {
                "name": "Other minimum",
                "company_partner_id": cls.other_customer.id,
                "rule_type": "min_amount",
                "amount": 50,
            }
        )
        # A category of the vendor's that the shop sells nothing of.
        cls.internal = cls.env["product.category"].create(
            {"name": "Internal write-offs"}
        )
        cls.env["product.product"].create(
            {"name": "Scrap", "categ_id": cls.internal.id, "sale_ok": False}
        )
        cls.salesperson.password = cls.salesperson.login  # for RPC
        # Vera edits the customer's settings on its contact form.
        cls.salesperson.group_ids = [(4, cls.env.ref("base.group_partner_manager").id)]

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, data):
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs.append(("csrf_token", http.Request.csrf_token(self)))
        response = self.url_open(url, data=pairs)
        self.env.invalidate_all()
        return response

    def rule_form(self, categories=(), people=(), **values):
        fields = {
            "name": "Paper needs the manager",
            "rule_type": "category",
            "scope": "department",
            "department_id": str(self.logistics.id),
            "amount": "",
            "max_orders": "",
            "period": "month",
            "exceeded_action": "approval",
            "required_level": "manager",
        }
        fields.update(values)
        return (
            list(fields.items())
            + [("category_ids", str(c)) for c in categories]
            + [("partner_ids", str(p)) for p in people]
        )

    def rules(self, **domain):
        return (
            self.env["customer.purchasing.rule"]
            .with_context(active_test=False)
            .search(
                [("company_partner_id", "=", self.customer.id)]
                + [(key, "=", value) for key, value in domain.items()]
            )
        )

    def changes(self, company=None):
        return self.env["customer.control.change"].search(
            [("company_partner_id", "=", (company or self.customer).id)],
            order="id",
        )
