# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.tests import HttpCase

from .common import CustomerApprovalCase


class ShoppingListCase(HttpCase, CustomerApprovalCase):
    """Lists of Acme (private, shared with the company, with chosen colleagues)
    and of a rival company; a buyer limited to the contract assortment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.category = cls.env["product.category"].create({"name": "List tools"})

        def product(name, **values):
            return cls.env["product.product"].create(
                dict(
                    {
                        "name": name,
                        "list_price": 20.0,
                        "categ_id": cls.category.id,
                        "taxes_id": [Command.clear()],
                        "is_published": True,
                        "sale_ok": True,
                    },
                    **values,
                )
            )

        cls.wrench = product("List Torque Wrench")
        cls.gloves = product("List Safety Gloves")
        cls.gadget = product(
            "List Laser Gadget",
            categ_id=cls.env.ref("product.product_category_goods").id,
        )
        cls.pricelist = cls._create_contract_assortment(
            cls.category, 12.5, name="Acme list contract"
        )
        cls.restricted = cls._create_sub_account(
            "Rita Restricted", contract_assortment_only=True
        )
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Rival Works GmbH", "is_company": True}
        )
        cls.stranger = cls._create_sub_account("Sam Stranger", cls.other_company)
        cls.stranger_admin = cls._create_sub_account(
            "Sue Rival", cls.other_company, is_customer_admin=True
        )
        Lists = cls.env["customer.shopping.list"]
        cls.private = Lists.create(
            {"name": "Bob's private", "owner_id": cls.buyer.partner_id.id}
        )
        cls.company_list = Lists.create(
            {
                "name": "Workshop",
                "owner_id": cls.buyer.partner_id.id,
                "sharing": "company",
                "line_ids": [
                    Command.create({"product_id": cls.wrench.id, "quantity": 2}),
                    Command.create({"product_id": cls.gadget.id, "quantity": 3}),
                ],
            }
        )
        cls.chosen = Lists.create(
            {
                "name": "Chosen",
                "owner_id": cls.buyer.partner_id.id,
                "sharing": "chosen",
                "share_ids": [
                    Command.create(
                        {"partner_id": cls.free_buyer.partner_id.id, "can_edit": True}
                    ),
                    Command.create(
                        {"partner_id": cls.approver_1.partner_id.id, "can_edit": False}
                    ),
                ],
                "line_ids": [Command.create({"product_id": cls.gloves.id})],
            }
        )
        cls.rival_list = Lists.create(
            {
                "name": "Rival list",
                "owner_id": cls.stranger.partner_id.id,
                "sharing": "company",
                "line_ids": [Command.create({"product_id": cls.wrench.id})],
            }
        )

    def _readable(self, user):
        return self.env["customer.shopping.list"].with_user(user).search([])

    def _post(self, url, **data):
        return self.url_open(
            url, data=dict(data, csrf_token=http.Request.csrf_token(self))
        )

    def _cart(self, user):
        return self.env["sale.order"].search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "draft")]
        )
