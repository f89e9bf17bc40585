# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may order on behalf of whom."""

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_order_for_people(self):
        """The people ``self`` (the logged-in person) may order for, as
        superuser: a customer admin, the active people of their company; an
        approver, the people whose next approver they are. Never themselves;
        nobody for an archived person."""
        self.ensure_one()
        people = self.browse()
        company = self.commercial_partner_id
        if not (company.is_company and self.active):
            return people
        if self.is_customer_admin:
            people = self.sudo().search(
                [
                    ("commercial_partner_id", "=", company.id),
                    ("is_company", "=", False),
                    ("type", "=", "contact"),
                ],
                order="name",
            )
        elif self.is_order_approver:
            people = self.sudo().approval_delegator_ids.filtered(
                lambda person: (
                    person.active
                    and person.commercial_partner_id == company
                    and person.type == "contact"
                )
            )
        return people - self

    def _get_order_for_person(self, person_id):
        """The person of id ``person_id`` if ``self`` may order for them (a
        posted or stored id is never trusted), else an empty recordset."""
        self.ensure_one()
        if not isinstance(person_id, int) or not person_id:
            return self.browse()
        return self._get_order_for_people().filtered(lambda p: p.id == person_id)

    def _may_order_for(self, person):
        self.ensure_one()
        return bool(person) and bool(self._get_order_for_person(person.id))
