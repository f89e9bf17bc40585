# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shopping lists of a contact, for the vendor's contact form."""

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    shopping_list_count = fields.Integer(
        compute="_compute_shopping_list_count",
        groups="sales_team.group_sale_salesman",
    )

    def _shopping_list_domain(self):
        """A company's lists are those of all its people; a person's their own."""
        self.ensure_one()
        if self.is_company:
            return [("commercial_partner_id", "=", self.id)]
        return [("owner_id", "=", self.id)]

    def _compute_shopping_list_count(self):
        Lists = self.env["customer.shopping.list"]
        by_owner = dict(
            Lists._read_group([("owner_id", "in", self.ids)], ["owner_id"], ["__count"])
        )
        by_company = dict(
            Lists._read_group(
                [("commercial_partner_id", "in", self.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            counts = by_company if partner.is_company else by_owner
            partner.shopping_list_count = counts.get(partner._origin, 0)

    def action_view_shopping_lists(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "website_sale_customer_approval.action_customer_shopping_lists"
        )
        action["domain"] = self._shopping_list_domain()
        action["context"] = {"default_owner_id": self.id} if not self.is_company else {}
        return action
