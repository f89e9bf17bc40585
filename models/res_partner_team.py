# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import Command, _, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import email_normalize

from .res_partner import APPROVAL_MODES

# The settings a customer admin edits in the portal (/my/team).
TEAM_SETTINGS = (
    "approval_mode",
    "is_order_approver",
    "is_customer_admin",
    "approval_breakpoint_enabled",
    "approval_breakpoint",
    "next_approver_id",
    "contract_assortment_only",
    "may_send_free_text_orders",
)
TEAM_BOOLEANS = (
    "is_order_approver",
    "is_customer_admin",
    "approval_breakpoint_enabled",
    "contract_assortment_only",
    "may_send_free_text_orders",
)
# The order of the team: the active first, then by name.
TEAM_ORDER = "active desc, name, id"
MIN_PASSWORD_LENGTH = 6
MAX_BREAKPOINT = 1e12


class ResPartner(models.Model):
    """The customer admin's team (/my/team): the rules live here, the portal only
    reads the posted form and renders the answers.

    A customer admin manages the contacts of their own company that have no login
    or only portal logins. A contact with an internal (or any other non-portal)
    user is never theirs to manage, even when it is placed under their company:
    everything below works as the superuser, so each method checks that the
    records it touches belong to the admin's manageable team."""

    _inherit = "res.partner"

    def _check_team_admin(self):
        """``self`` is the logged-in person; they must be a customer admin."""
        self.ensure_one()
        if not self._is_team_admin():
            raise AccessError(_("Only a customer admin may manage the team."))

    def _get_team_people(self):
        """All contact persons of the admin's company, archived ones included, as
        the superuser (whether the admin may manage them or not)."""
        self._check_team_admin()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(self._get_team_people_domain(), order="active desc, name")
        )

    def _get_team_people_domain(self):
        """The contact persons of the admin's company (see _get_team_people)."""
        return [
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ("is_company", "=", False),
            ("type", "=", "contact"),
        ]

    def _get_team_users(self):
        """The users of the people ``self``, archived users included (``user_ids``
        lists active users only)."""
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
        )

    def _get_team_manageable_domain(self):
        """The people a customer admin may manage: without login, or whose
        logins (active or not) are all portal users. Never the contact of an
        internal user, nor of a share user who is not a portal user."""
        portal = self.env.ref("base.group_portal")
        return Domain(
            "user_ids",
            "not any",
            Domain("active", "in", [True, False])
            & (
                Domain("share", "=", False)
                | Domain("all_group_ids", "not in", [portal.id])
            ),
        )

    def _get_team_domain(self):
        """The sub-accounts the admin manages, archived ones included (a
        department manager: those of their departments, see
        _get_team_scope_domain)."""
        return (
            Domain(self._get_team_people_domain())
            & self._get_team_manageable_domain()
            & self._get_team_scope_domain()
        )

    def _get_team(self):
        """The sub-accounts the admin manages, archived ones included."""
        self._check_team_role()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(self._get_team_domain(), order=TEAM_ORDER)
        )

    def _get_team_search_domain(self, search="", department=None):
        """The sub-accounts the admin manages whose name or e-mail holds
        ``search``, of ``department`` when given (a customer.department of
        the company; an empty one: those in no department)."""
        self._check_team_role()
        domain = self._get_team_domain()
        search = (search or "").strip()
        if search:
            domain &= Domain("name", "ilike", search) | Domain("email", "ilike", search)
        if department is not None:
            domain &= Domain("customer_department_id", "=", department.id or False)
        return domain

    def _count_team(self, search="", department=None):
        """How many sub-accounts _get_team_page finds on all its pages."""
        domain = self._get_team_search_domain(search, department)
        return self.sudo().with_context(active_test=False).search_count(domain)

    def _get_team_page(
        self, search="", department=None, order=TEAM_ORDER, offset=0, limit=None
    ):
        """One page of the team (/my/team), see _get_team_search_domain."""
        domain = self._get_team_search_domain(search, department)
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(domain, order=order, offset=offset, limit=limit)
        )

    def _get_team_member(self, member_id):
        """A sub-account the admin manages, or an empty recordset: the one
        person looked up with the conditions of _get_team, not the whole team."""
        if not isinstance(member_id, int):
            return self.browse()
        self._check_team_role()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(Domain("id", "=", member_id) & self._get_team_domain())
        )

    def _get_team_person(self, partner_id):
        """A contact person of the admin's company, archived or not, managed by
        the admin or not (the statistics show the orders of all of them); or an
        empty recordset."""
        self._check_team_role("see")
        if not isinstance(partner_id, int):
            return self.browse()
        domain = Domain(
            [
                ("id", "=", partner_id),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("is_company", "=", False),
            ]
        )
        # A department manager: the members of their departments.
        departments = self._get_team_scope_departments()
        if departments is not None:
            domain &= Domain("customer_department_id", "in", departments.ids)
        return self.sudo().with_context(active_test=False).search(domain)

    def _check_team_member(self, member):
        """Refuse ``member`` unless the admin ``self`` manages them."""
        self._check_team_role()
        if not member or len(member) != 1 or self._get_team_member(member.id) != member:
            raise AccessError(
                _("You may manage only the portal sub-accounts of your own company.")
            )

    def _get_team_approvers(self):
        """The people of the admin's company who may be chosen as next approver:
        its active approvers (see _check_next_approver); one search, not the
        whole company."""
        self._check_team_role()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                Domain(self._get_team_people_domain())
                & Domain("is_order_approver", "=", True)
                & Domain("active", "=", True),
                order="name, id",
            )
        )

    def _check_team_values(self, data, member=None):
        """Check the values of a /my/team form, already read by the portal into
        Python values (see CustomerTeamPortal._read_team_form), never trusting
        them.

        :param dict data: name, email, password, approval_mode, approval_breakpoint
            (a float, or None when it was not a number), next_approver_id (an
            int, or False for none) and the booleans of TEAM_BOOLEANS
        :return: (values for res.partner, values for res.users, {field: error})
        """
        self._check_team_role()
        errors = {}
        values = {}
        user_values = {}
        name = (data.get("name") or "").strip()
        if not name:
            errors["name"] = _("Enter the name.")
        values["name"] = name[:128]
        email = email_normalize(data.get("email") or "") or ""
        if not email:
            errors["email"] = _("Enter a valid e-mail address: it is the login.")
        else:
            users = self.env["res.users"].sudo().with_context(active_test=False)
            taken = users.search([("login", "=", email)])
            if member:
                taken -= member._get_team_users()
            if taken:
                errors["email"] = _("This e-mail address is already someone's login.")
        values["email"] = email
        user_values["login"] = email
        if "phone" in data:
            # A new sub-account takes the company's phone unless the admin gives
            # one: the checkout then asks them nothing the admin entered.
            phone = (data.get("phone") or "").strip()[:64]
            values["phone"] = phone or (
                False if member else self.commercial_partner_id.phone or False
            )
        password = data.get("password") or ""
        if password:
            if len(password) < MIN_PASSWORD_LENGTH:
                errors["password"] = _(
                    "The password needs at least %s characters.", MIN_PASSWORD_LENGTH
                )
            user_values["password"] = password
        self._check_team_approval_values(data, member, values, errors)
        return values, user_values, errors

    def _check_team_approval_values(self, data, member, values, errors):
        """The approval settings of a /my/team form (see _check_team_values)."""
        mode = data.get("approval_mode") or "none"
        if mode not in dict(APPROVAL_MODES):
            errors["approval_mode"] = _("Choose an approval mode.")
        values["approval_mode"] = mode
        for field in TEAM_BOOLEANS:
            values[field] = bool(data.get(field))
        values["approval_breakpoint"] = 0.0
        if values["approval_breakpoint_enabled"]:
            amount = data.get("approval_breakpoint")
            if not isinstance(amount, (int, float)) or not 0 <= amount < MAX_BREAKPOINT:
                errors["approval_breakpoint"] = _("Enter an amount of 0 or more.")
            else:
                values["approval_breakpoint"] = float(amount)
        next_approver_id = data.get("next_approver_id")
        values["next_approver_id"] = False
        if next_approver_id:
            next_approver = self._get_team_approvers().filtered(
                lambda person: person.id == next_approver_id
            )
            if not next_approver or next_approver == member:
                errors["next_approver_id"] = _(
                    "Choose an approver of your company other than this person."
                )
            else:
                values["next_approver_id"] = next_approver.id

    def _save_team_member(self, data, member=None):
        """Create or update a sub-account from the admin's form (see
        _check_team_values for ``data``; ``invite``: send an invitation instead of
        setting a password).

        :return: (the sub-account, {field: error}); nothing is saved when there
            are errors.
        """
        if member:
            self._check_team_member(member)
        values, user_values, errors = self._check_team_values(data, member)
        if not member and not user_values.get("password") and not data.get("invite"):
            errors["password"] = _(
                "Set a password of at least %s characters, or send an invitation.",
                MIN_PASSWORD_LENGTH,
            )
        if errors:
            return member, errors
        company = self.commercial_partner_id
        try:
            with self.env.cr.savepoint():
                if member:
                    member = member.sudo()
                    member.write(values)
                    member._get_team_users().write(user_values)
                else:
                    member = self._create_team_member(company, values, user_values)
        except (ValidationError, UserError) as error:
            # The engine's rules (chain, cycle, somebody to decide) concern the chain.
            return member, {"next_approver_id": error.args[0]}
        return member, {}

    def _create_team_member(self, company, values, user_values):
        """A new contact of ``company`` with a portal login; an invitation e-mail
        when no password is set."""
        member = self.sudo().create(dict(values, parent_id=company.id, type="contact"))
        user = (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True)
            .create(
                dict(
                    user_values,
                    partner_id=member.id,
                    group_ids=[Command.set([self.env.ref("base.group_portal").id])],
                )
            )
        )
        if not user_values.get("password"):
            user.with_context(create_user=True).action_reset_password()
        return member

    def _set_team_member_active(self, member, active):
        """Deactivate (no login, out of the chains) or reactivate a sub-account.

        :return: the confirmation for the admin
        """
        self._check_team_member(member)
        if member == self and not active:
            raise UserError(_("You cannot deactivate yourself."))
        # The team is read with archived members; Odoo's own checks of the archiving
        # must see active records only.
        member = member.sudo().with_context(active_test=True)
        users = member._get_team_users()
        with self.env.cr.savepoint():
            if active:
                member.active = True
                users.active = True
            else:
                users.active = False
                member.active = False
        if active and users:
            return _("%s is active again: they can log in again.", member.name)
        if active:
            return _("%s is active again.", member.name)
        if users:
            return _(
                "%s is deactivated: they can no longer log in. Reactivate them to "
                "give them their login back.",
                member.name,
            )
        return _("%s is deactivated.", member.name)

    # ------------------------------------------------------------------
    # The settings of a person in words (the team list)
    # ------------------------------------------------------------------

    def _get_team_person_orders_domain(self, person, date_from, date_to):
        """The orders that spend of ``person`` of the admin's company from the
        local day ``date_from`` to ``date_to`` of the company's calendar (see
        _get_customer_spending_orders_domain); refused for anybody else."""
        self._check_team_role("see")
        if not person or self._get_team_person(person.id) != person:
            raise AccessError(_("You may see only the orders of your own company."))
        return self.commercial_partner_id._get_customer_spending_orders_domain(
            date_from, date_to, person=person
        )
