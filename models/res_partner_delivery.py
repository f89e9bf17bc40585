# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Company delivery addresses: the delivery contacts of a customer company,
which of them each sub-account may ship to, and their management on /my/team."""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

DELIVERY_ADDRESS_POLICIES = [
    ("approval", "Needs approval"),
    ("refuse", "Refused"),
]
# The address fields a customer admin edits on /my/team.
DELIVERY_ADDRESS_FIELDS = ("name", "street", "street2", "zip", "city")
# What places a contact, besides its address fields: its name (the first line of
# an address), whose it is, what it is for, whether it is in use. A buyer changes
# none of them on their company's contacts...
PLACING_FIELDS = ("name", "parent_id", "type", "active")
# ... but their own name, and whether their own contact is in use.
OWN_CONTACT_FIELDS = ("name", "active")


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
        "Empty: all delivery addresses of the company. When all those chosen are "
        "archived: none of them.",
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
        # Archived addresses stay chosen: a list whose addresses are all archived
        # allows none of them, it does not widen to all.
        chosen = (
            self.sudo().with_context(active_test=False).allowed_delivery_address_ids
        )
        if chosen:
            return chosen.filtered("active")
        company = self.commercial_partner_id
        return self._get_company_delivery_addresses() | company | self

    def _delivery_address_allows_none(self):
        """Whether the addresses chosen for ``self`` are all archived: they may
        ship to none of the company's addresses."""
        self.ensure_one()
        chosen = (
            self.sudo().with_context(active_test=False).allowed_delivery_address_ids
        )
        return bool(chosen) and not chosen.filtered("active")

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

    # ------------------------------------------------------------------
    # A buyer's address book: their own addresses, never the company's
    # ------------------------------------------------------------------
    @api.model
    def _get_address_book_buyer(self):
        """The contact of the current user when they are a sub-account whose
        places to ship to are decided by their customer admins; else an empty
        recordset. Odoo's address forms write as superuser in the buyer's request:
        the user, not the environment's rights, says who acts."""
        user = self.env.user
        partner = user.partner_id.sudo()
        if (
            not user.share
            or user._is_public()
            or partner.is_customer_admin
            or not partner._delivery_address_rule_applies()
        ):
            return self.browse()
        return partner

    def _is_own_address_of(self, buyer):
        """Whether ``self`` is an address of ``buyer`` (a contact under them)."""
        self.ensure_one()
        parent = self.sudo().parent_id
        while parent:
            if parent == buyer:
                return True
            parent = parent.parent_id
        return False

    def _get_address_book_error(self, vals):
        """Why the current buyer may not write ``vals`` on ``self``, or False.

        A buyer edits only their own addresses (contacts under them). Every other
        contact of the company (the company, its delivery addresses, colleagues,
        and the buyer's own contact, whose address is the company's: Odoo copies
        it up) keeps its address, its place and its state. Values equal to the
        current ones change nothing and pass.
        """
        buyer = self._get_address_book_buyer()
        names = (set(self._address_fields()) | set(PLACING_FIELDS)) & set(vals)
        if not buyer or not names:
            return False
        company = buyer.commercial_partner_id
        if vals.get("parent_id"):
            parent = self.sudo().browse(vals["parent_id"])
            if parent.commercial_partner_id == company and not (
                parent == buyer or parent._is_own_address_of(buyer)
            ):
                return _(
                    "%(address)s cannot become an address of %(company)s: your "
                    "customer admins manage the company's addresses.",
                    address=", ".join(self.mapped("name")),
                    company=company.display_name,
                )
        for partner in self.sudo():
            if partner.commercial_partner_id != company or partner._is_own_address_of(
                buyer
            ):
                continue
            changed = [
                name
                for name in names
                if not (name in OWN_CONTACT_FIELDS and partner == buyer)
                and partner._address_book_value_differs(name, vals[name])
            ]
            if changed:
                return _(
                    "You cannot change the address of %(partner)s: it is an "
                    "address of %(company)s, which your customer admins manage. "
                    "Add a delivery address of your own instead.",
                    partner=partner.name,
                    company=company.display_name,
                )
        return False

    def _address_book_value_differs(self, name, value):
        field = self._fields[name]
        current = self[name]
        if field.type == "many2one":
            current = current.id
            value = value.id if isinstance(value, models.BaseModel) else value
        return (current or False) != (value or False)

    @api.model_create_multi
    def create(self, vals_list):
        # An address a buyer adds is their own, never one of the company's (Odoo's
        # /my/addresses and express checkout put it under the company).
        if buyer := self._get_address_book_buyer():
            company = buyer.commercial_partner_id
            for vals in vals_list:
                if not vals.get("parent_id") or vals.get("type") in (None, "contact"):
                    continue
                parent = self.sudo().browse(vals["parent_id"])
                if parent.commercial_partner_id == company and not (
                    parent == buyer or parent._is_own_address_of(buyer)
                ):
                    vals["parent_id"] = buyer.id
        return super().create(vals_list)

    def write(self, vals):
        if error := self._get_address_book_error(vals):
            raise UserError(error)
        if self._get_address_book_buyer():
            vals = self._drop_unchanged_company_address(vals)
        return super().write(vals)

    def _drop_unchanged_company_address(self, vals):
        """``vals`` without the address fields when they change nothing on the
        buyer's own contact: Odoo would otherwise copy a contact's address up to
        its company whenever the two differ."""
        buyer = self._get_address_book_buyer()
        if self.sudo() != buyer or self.type != "contact" or not self.parent_id:
            return vals
        address_fields = set(self._address_fields())
        return {key: value for key, value in vals.items() if key not in address_fields}

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
            # Archived addresses stay chosen (they are not on the page): ticking
            # none of the others must not widen the person to all addresses.
            archived = (
                member.sudo()
                .with_context(active_test=False)
                .allowed_delivery_address_ids.filtered(lambda a: not a.active)
                if member
                else self.browse()
            )
            values["allowed_delivery_address_ids"] = [
                Command.set((chosen | archived).ids)
            ]
        return values, user_values, errors
