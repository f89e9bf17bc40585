# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Company delivery addresses: the delivery contacts of a customer company,
which of them each sub-account may ship to, and their management on /my/team."""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

DELIVERY_ADDRESS_POLICIES = [
    ("approval", "Needs approval"),
    ("refuse", "Refused"),
]
# The address fields a customer admin edits on /my/team.
DELIVERY_ADDRESS_FIELDS = ("name", "street", "street2", "zip", "city")


class ResPartner(models.Model):
    _inherit = "res.partner"

    allowed_delivery_address_ids = fields.Many2many(
        "res.partner",
        "res_partner_allowed_delivery_address_rel",
        "partner_id",
        "address_id",
        string="Allowed delivery addresses",
        domain="[('parent_id', '=', commercial_partner_id), ('type', '=', 'delivery')]",
        help="The delivery addresses of the company this person may ship to. "
        "Empty: all delivery addresses of the company.",
    )
    delivery_address_policy = fields.Selection(
        DELIVERY_ADDRESS_POLICIES,
        string="Delivery to another address",
        default="approval",
        help="What happens to an order of a sub-account shipped to an address that "
        "is not among the delivery addresses allowed to them. Set on the customer "
        "company.",
    )

    # ------------------------------------------------------------------
    # Which addresses a person may ship to
    # ------------------------------------------------------------------
    def _delivery_address_rule_applies(self):
        """Whether ``self`` is a sub-account of a customer company, whose orders
        ship to the company's delivery addresses."""
        self.ensure_one()
        company = self.commercial_partner_id
        return bool(self.id) and company.is_company and company != self

    def _get_company_delivery_addresses(self):
        """The active delivery addresses of the company of ``self``: its delivery
        contacts (the addresses of a person are not the company's)."""
        company = self.commercial_partner_id
        return self.sudo().search(
            [("parent_id", "=", company.id), ("type", "=", "delivery")],
            order="name, id",
        )

    def _get_allowed_delivery_addresses(self):
        """The addresses ``self`` may ship to without approval: the company's
        delivery addresses chosen for them; when none are chosen, all of them,
        the company's own address and their own."""
        self.ensure_one()
        allowed = self.sudo().allowed_delivery_address_ids.filtered("active")
        if self.sudo().allowed_delivery_address_ids:
            return allowed
        company = self.commercial_partner_id
        return self._get_company_delivery_addresses() | company | self

    def _get_own_delivery_addresses(self):
        """The addresses ``self`` typed at checkout (children of the person)."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("id", "child_of", self.id),
                ("id", "!=", self.id),
                ("type", "in", ("delivery", "other")),
            ],
            order="id desc",
        )

    def _get_checkout_delivery_addresses(self):
        """The addresses offered to ``self`` at checkout: those allowed, and, where
        another address needs approval rather than being refused, their own."""
        self.ensure_one()
        if not self._delivery_address_rule_applies():
            return False
        addresses = self._get_allowed_delivery_addresses()
        if self.commercial_partner_id.delivery_address_policy != "refuse":
            addresses |= self._get_own_delivery_addresses() | self
        return addresses

    def _can_be_edited_by_current_customer(self, **kwargs):
        # The company's delivery addresses are the customer admins' to change (a
        # buyer who renamed one would ship anywhere without approval); a person's
        # own addresses are theirs alone.
        if not super()._can_be_edited_by_current_customer(**kwargs):
            return False
        current = self._get_current_partner(**kwargs)
        if (
            self == current
            or not current
            or self.type != "delivery"
            or not current._delivery_address_rule_applies()
        ):
            return True
        if self.parent_id == current:
            return True
        company = current.commercial_partner_id
        return self.parent_id == company and current.is_customer_admin

    def _get_delivery_address_line(self):
        """The address on one line, as the approver reads it in a reason."""
        self.ensure_one()
        city = " ".join(part for part in (self.zip, self.city) if part)
        parts = (self.name, self.street, self.street2, city, self.country_id.name)
        return ", ".join(part for part in parts if part)

    @api.constrains("allowed_delivery_address_ids")
    def _check_allowed_delivery_addresses(self):
        for person in self:
            company = person.commercial_partner_id
            wrong = person.sudo().allowed_delivery_address_ids.filtered(
                lambda a, c=company: a.type != "delivery" or a.parent_id != c
            )
            if wrong:
                raise ValidationError(
                    _(
                        "%(person)s may be allowed only delivery addresses of "
                        "%(company)s, not %(addresses)s.",
                        person=person.display_name,
                        company=company.display_name,
                        addresses=", ".join(wrong.mapped("display_name")),
                    )
                )

    # ------------------------------------------------------------------
    # /my/team: the customer admin manages the company's addresses
    # ------------------------------------------------------------------
    def _get_team_delivery_addresses(self):
        """The delivery addresses of the admin's company, archived ones included."""
        self._check_team_admin()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("parent_id", "=", self.commercial_partner_id.id),
                    ("type", "=", "delivery"),
                ],
                order="active desc, name, id",
            )
        )

    def _get_team_delivery_address(self, address_id):
        """A delivery address of the admin's company, or an empty recordset."""
        if not isinstance(address_id, int):
            return self.browse()
        return self._get_team_delivery_addresses().filtered(
            lambda address: address.id == address_id
        )

    def _check_team_delivery_address(self, address):
        self._check_team_admin()
        if len(address) != 1 or address not in self._get_team_delivery_addresses():
            raise AccessError(
                _("You may manage only the delivery addresses of your own company.")
            )

    def _check_team_delivery_address_values(self, data):
        """The values of a delivery address form (texts, ``country_id`` an int).

        :return: (values for res.partner, {field: error})
        """
        self._check_team_admin()
        values = {}
        errors = {}
        for field in DELIVERY_ADDRESS_FIELDS:
            values[field] = (data.get(field) or "").strip()[:128] or False
        for field in ("name", "street", "city"):
            if not values[field]:
                errors[field] = _("Fill in this field.")
        country = self.env["res.country"].sudo().browse()
        country_id = data.get("country_id")
        if isinstance(country_id, int) and country_id > 0:
            country = country.browse(country_id).exists()
        if not country:
            errors["country_id"] = _("Choose a country.")
        values["country_id"] = country.id
        return values, errors

    def _save_team_delivery_address(self, data, address=None):
        """Create or update a delivery address of the admin's company.

        :return: (the address, {field: error}); nothing is saved on errors.
        """
        if address:
            self._check_team_delivery_address(address)
        values, errors = self._check_team_delivery_address_values(data)
        if errors:
            return address, errors
        if address:
            address.sudo().write(values)
        else:
            address = self.sudo().create(
                dict(
                    values,
                    parent_id=self.commercial_partner_id.id,
                    type="delivery",
                )
            )
        return address, {}

    def _set_team_delivery_address_active(self, address, active):
        """Archive or restore a delivery address; return the confirmation."""
        self._check_team_delivery_address(address)
        address.sudo().active = active
        if active:
            return _("%s is in use again.", address.name)
        return _("%s is archived: nobody can choose it any more.", address.name)

    def _check_team_values(self, data, member=None):
        values, user_values, errors = super()._check_team_values(data, member)
        if "allowed_delivery_address_ids" in data:
            addresses = self._get_team_delivery_addresses().filtered("active")
            wanted = data["allowed_delivery_address_ids"] or []
            chosen = addresses.filtered(lambda address: address.id in wanted)
            if len(chosen) != len(set(wanted)):
                errors["allowed_delivery_address_ids"] = _(
                    "Choose among the delivery addresses of your company."
                )
            values["allowed_delivery_address_ids"] = [Command.set(chosen.ids)]
        return values, user_values, errors
