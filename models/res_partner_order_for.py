# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may order on behalf of whom."""

from odoo import models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_order_for_domain(self):
        """The people ``self`` (the logged-in person) may order for, as a
        domain searched as superuser: a customer admin, the active people of
        their company; an approver, those whose next approver they are. Never
        themselves; nobody for an archived person. A domain, so that asking
        whether there is anybody, or whether one id is among them, reads one
        row whatever the size of the company."""
        self.ensure_one()
        company = self.commercial_partner_id
        if not (company.is_company and self.active):
            return Domain.FALSE
        if not (self.is_customer_admin or self.is_order_approver):
            return Domain.FALSE
        domain = Domain(
            [
                ("commercial_partner_id", "=", company.id),
                ("is_company", "=", False),
                ("type", "=", "contact"),
                ("id", "!=", self.id),
            ]
        )
        if not self.is_customer_admin:
            domain &= Domain("next_approver_id", "=", self.id)
        return domain

    def _get_order_for_people(self, search="", limit=None):
        """The people ``self`` may order for (see _get_order_for_domain), as
        superuser, by name; those whose name or e-mail holds ``search``."""
        self.ensure_one()
        return self.sudo().search(
            self._get_order_for_search_domain(search), order="name", limit=limit
        )

    def _count_order_for_people(self, search=""):
        self.ensure_one()
        return self.sudo().search_count(self._get_order_for_search_domain(search))

    def _get_order_for_search_domain(self, search=""):
        domain = self._get_order_for_domain()
        search = (search or "").strip()
        if search and not domain.is_false():
            domain &= Domain("name", "ilike", search) | Domain("email", "ilike", search)
        return domain

    def _has_order_for_people(self):
        """Whether ``self`` may order for anybody (the entry on /my)."""
        self.ensure_one()
        domain = self._get_order_for_domain()
        return not domain.is_false() and bool(self.sudo().search_count(domain, limit=1))

    def _get_order_for_person(self, person_id):
        """The person of id ``person_id`` if ``self`` may order for them (a
        posted or stored id is never trusted), else an empty recordset."""
        self.ensure_one()
        if not isinstance(person_id, int) or not person_id:
            return self.browse()
        return self.sudo().search(
            self._get_order_for_domain() & Domain("id", "=", person_id), limit=1
        )

    def _may_order_for(self, person):
        self.ensure_one()
        return bool(person) and bool(self._get_order_for_person(person.id))
