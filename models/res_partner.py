# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

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
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 6

APPROVAL_MODES = [
    ("none", "No restriction"),
    ("always", "Always needs approval"),
    ("outside_assortment", "Only outside the contract assortment"),
]

# Fields whose change may break the approval set-up of the whole customer company
# (somebody may lose the person who decides their orders).
APPROVAL_SETUP_FIELDS = (
    "approval_mode",
    "approval_breakpoint_enabled",
    "may_send_free_text_orders",
    "is_order_approver",
    "is_customer_admin",
    "next_approver_id",
    "parent_id",
    "active",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    approval_mode = fields.Selection(
        APPROVAL_MODES,
        default="none",
        # Not required: no NOT NULL column on res.partner, which the tests of
        # modules below this one could not fill.
        help="When the web-shop orders of this person need the release of an approver "
        "of their company.",
    )
    is_order_approver = fields.Boolean(
        string="Approver",
        help="May release the orders of other people of the same company.",
    )
    is_customer_admin = fields.Boolean(
        string="Customer admin",
        help="Manages the sub-accounts of the company in the portal, may decide every "
        "order of the company and sees the company's statistics.",
    )
    approval_breakpoint_enabled = fields.Boolean(
        string="Breakpoint",
        help="Orders above the breakpoint amount need approval. For an approver, it is "
        "also the amount up to which their approval is final.",
    )
    approval_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_approval_currency_id",
        string="Breakpoint currency",
    )
    approval_breakpoint = fields.Monetary(
        string="Breakpoint amount",
        currency_field="approval_currency_id",
        help="Order total (taxes included) up to which this person may order without "
        "approval. 0 means that every order needs approval.",
    )
    next_approver_id = fields.Many2one(
        "res.partner",
        string="Next approver",
        domain="[('is_order_approver', '=', True), "
        "('commercial_partner_id', '=', commercial_partner_id), ('id', '!=', id)]",
        index="btree_not_null",
        help="The approver of the same company who decides the orders of this person, "
        "and to whom an approval above their own breakpoint is passed on.",
    )
    approval_delegator_ids = fields.One2many(
        "res.partner",
        "next_approver_id",
        string="Approver of",
        help="The people whose next approver this person is.",
    )
    contract_assortment_only = fields.Boolean(
        string="Show only contract assortment",
        help="In the shop, this person sees and orders only the products of the "
        "company's contract assortment.",
    )
    may_send_free_text_orders = fields.Boolean(
        string="May send free-text orders",
        help="May send a request without products, for the approver to fill.",
    )

    contract_assortment_id = fields.Many2one(
        "product.pricelist",
        string="Contract assortment",
        compute="_compute_contract_assortment_id",
        help="The pricelist of the customer company, when it is flagged as a contract "
        "assortment: its rules name the agreed products.",
    )

    approval_orders_visibility = fields.Selection(
        [
            ("role", "By role"),
            ("company", "Everyone sees all orders of the company"),
        ],
        string="Orders seen in the portal",
        default="role",
        help="By role: buyers see their own orders, approvers also the orders they "
        "decide or decided, customer admins all orders of the company. Set on the "
        "customer company.",
    )

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_contract_assortment_id(self):
        for partner in self:
            partner.contract_assortment_id = partner._get_contract_assortment()

    def _get_contract_assortment(self):
        """The contract pricelist of this person's company (the pricelist Odoo
        uses for the company and its contacts), or an empty recordset. Read as the
        superuser: a buyer may not read pricelists, but their own assortment is
        theirs to use."""
        self.ensure_one()
        pricelist = self.sudo().commercial_partner_id.property_product_pricelist
        return pricelist if pricelist.is_contract_assortment else pricelist.browse()

    def _get_contract_assortment_domain(self, model="product.product"):
        """The products this person's company agreed on, as a domain on ``model``.
        Nothing when the company has no contract assortment."""
        self.ensure_one()
        return self._get_contract_assortment()._get_contract_assortment_domain(model)

    def _get_shop_restriction_domain(self, model="product.template"):
        """The extra domain of the shop for this person: their contract assortment
        when they see only it, else None (no restriction)."""
        self.ensure_one()
        if not self.contract_assortment_only:
            return None
        return self._get_contract_assortment_domain(model)

    def _get_contract_assortment_shop_domain(self, website):
        """The products of /shop/contract: the shop's own domain within the
        assortment."""
        self.ensure_one()
        return Domain(website.sale_product_domain()) & (
            self._get_contract_assortment_domain("product.template")
        )

    def _filter_shop_templates(self, templates):
        """The part of ``templates`` this person may see in the shop (all of them
        unless they see only their contract assortment), in one query."""
        self.ensure_one()
        restriction = self._get_shop_restriction_domain()
        if restriction is None or not templates:
            return templates
        visible = (
            templates.sudo()
            .with_context(active_test=False)
            .search(Domain("id", "in", templates.ids) & restriction)
        )
        return templates.browse(visible.ids)

    def _get_products_outside_contract_assortment(self, products):
        """The part of ``products`` (``product.product``) outside this person's
        contract assortment, in one query."""
        self.ensure_one()
        inside = self._get_contract_assortment()._filter_contract_assortment(products)
        return products - inside

    def _check_contract_assortment_products(self, products):
        """Refuse products outside the assortment of a person who may order only
        inside it (the shop, the cart and RPC all end here)."""
        self.ensure_one()
        if not self.contract_assortment_only:
            return
        outside = self._get_products_outside_contract_assortment(products)
        if outside:
            raise UserError(
                _(
                    "%(products)s cannot be ordered: your account orders only from "
                    "the contract assortment of %(company)s.",
                    products=", ".join(outside.mapped("display_name")),
                    company=self.commercial_partner_id.display_name,
                )
            )

    @api.depends_context("company")
    def _compute_approval_currency_id(self):
        self.approval_currency_id = self.env.company.currency_id

    # ------------------------------------------------------------------
    # Chain helpers
    # ------------------------------------------------------------------
    def _get_customer_admins(self):
        """Active customer admins of the same customer company as ``self``."""
        self.ensure_one()
        return self._get_customer_admins_by_company()[self.commercial_partner_id]

    def _get_customer_admins_by_company(self):
        """The active customer admins of the companies of ``self``, in one query.

        :return: dict {commercial partner: customer admins}
        """
        companies = self.commercial_partner_id
        admins = self.search(
            [
                ("commercial_partner_id", "in", companies.ids),
                ("is_customer_admin", "=", True),
            ]
        )
        return {
            company: admins.filtered(
                lambda admin, c=company: admin.commercial_partner_id == c
            )
            for company in companies
        }

    def _get_approval_chain(self):
        """The successive next approvers of ``self`` (without ``self``)."""
        self.ensure_one()
        chain = self.browse()
        approver = self.next_approver_id
        while approver and approver not in chain and approver != self:
            chain |= approver
            approver = approver.next_approver_id
        return chain

    def _needs_approver(self):
        """Whether a setting of this person can make an order need approval."""
        self.ensure_one()
        return (
            self.approval_mode in ("always", "outside_assortment")
            or self.approval_breakpoint_enabled
            # a free-text order always waits for an approver
            or self.may_send_free_text_orders
        )

    # ------------------------------------------------------------------
    # Validation: one place for the backoffice, the portal and RPC
    # ------------------------------------------------------------------
    @api.constrains("approval_breakpoint", "approval_breakpoint_enabled")
    def _check_approval_breakpoint(self):
        for partner in self:
            if partner.approval_breakpoint_enabled and partner.approval_breakpoint < 0:
                raise ValidationError(
                    _("The breakpoint of %s cannot be negative.", partner.display_name)
                )

    @api.constrains(*APPROVAL_SETUP_FIELDS)
    def _check_approval_setup(self):
        companies = self.commercial_partner_id
        # Everybody of the touched companies: a change of one person (an approver who
        # loses the right, an admin archived) may break the chain of another.
        people = self.with_context(active_test=True).search(
            [
                ("commercial_partner_id", "in", companies.ids),
                ("is_company", "=", False),
            ]
        ) | self.filtered("active")
        people._check_next_approver()
        admins = people.filtered("is_customer_admin")
        for person in people:
            if not person._needs_approver() or person.next_approver_id:
                continue
            company_admins = admins.filtered(
                lambda a, p=person: a.commercial_partner_id == p.commercial_partner_id
            )
            if not company_admins - person:
                raise ValidationError(
                    _(
                        "The orders of %(person)s may need approval, but nobody can "
                        "decide them: choose a next approver, or make another person "
                        "of %(company)s a customer admin.",
                        person=person.display_name,
                        company=person.commercial_partner_id.display_name,
                    )
                )

    def _check_next_approver(self):
        for person in self.filtered("next_approver_id"):
            approver = person.next_approver_id
            if approver == person:
                raise ValidationError(
                    _("%s cannot be their own next approver.", person.display_name)
                )
            if approver.commercial_partner_id != person.commercial_partner_id:
                raise ValidationError(
                    _(
                        "The next approver of %(person)s must belong to %(company)s.",
                        person=person.display_name,
                        company=person.commercial_partner_id.display_name,
                    )
                )
            if not approver.active or not approver.is_order_approver:
                raise ValidationError(
                    _(
                        "%(approver)s is the next approver of %(person)s, so they "
                        "must be an active approver.",
                        approver=approver.display_name,
                        person=person.display_name,
                    )
                )
            seen = person
            while approver:
                if approver in seen:
                    raise ValidationError(
                        _(
                            "The approval chain of %(person)s goes round in a circle "
                            "(%(chain)s).",
                            person=person.display_name,
                            chain=" → ".join([*seen.mapped("name"), approver.name]),
                        )
                    )
                seen |= approver
                approver = approver.next_approver_id

    def _get_approval_reminder_orders(self):
        """The orders a reminder e-mail lists (see the approval reminder cron)."""
        order_ids = self.env.context.get("approval_reminder_order_ids") or []
        return self.env["sale.order"].sudo().browse(order_ids)

    # ------------------------------------------------------------------
    # The customer admin's team (/my/team): the rules live here, the portal only
    # renders them
    # ------------------------------------------------------------------
    def _check_team_admin(self):
        """``self`` is the logged-in person; they must be a customer admin."""
        self.ensure_one()
        if not self.is_customer_admin or not self.commercial_partner_id.is_company:
            raise AccessError(_("Only a customer admin may manage the team."))

    def _get_team(self):
        """The sub-accounts of the admin's company, archived ones included."""
        self._check_team_admin()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("is_company", "=", False),
                    ("type", "=", "contact"),
                ],
                order="active desc, name",
            )
        )

    def _get_team_member(self, member_id):
        """A sub-account of the admin's company, or an empty recordset."""
        team = self._get_team()
        return team.filtered(lambda member: member.id == member_id)

    def _parse_team_form(self, form, member=None):
        """Turn a posted /my/team form into values, never trusting it.

        :return: (values for res.partner, values for res.users, {field: error})
        """
        self._check_team_admin()
        errors = {}
        values = {}
        user_values = {}
        name = (form.get("name") or "").strip()
        if not name:
            errors["name"] = _("Enter the name.")
        values["name"] = name[:128]
        email = (form.get("email") or "").strip().lower()
        if not EMAIL_PATTERN.match(email):
            errors["email"] = _("Enter a valid e-mail address: it is the login.")
        else:
            users = self.env["res.users"].sudo().with_context(active_test=False)
            taken = users.search([("login", "=", email)]) - (
                member.user_ids if member else users
            )
            if taken:
                errors["email"] = _("This e-mail address is already someone's login.")
        values["email"] = email
        user_values["login"] = email
        password = form.get("password") or ""
        if password:
            if len(password) < MIN_PASSWORD_LENGTH:
                errors["password"] = _(
                    "The password needs at least %s characters.", MIN_PASSWORD_LENGTH
                )
            user_values["password"] = password
        self._parse_team_approval(form, member, values, errors)
        return values, user_values, errors

    def _parse_team_approval(self, form, member, values, errors):
        """The approval settings of a posted /my/team form (see _parse_team_form)."""
        mode = form.get("approval_mode") or "none"
        if mode not in dict(APPROVAL_MODES):
            errors["approval_mode"] = _("Choose an approval mode.")
        values["approval_mode"] = mode
        for field in TEAM_BOOLEANS:
            values[field] = bool(form.get(field))
        values["approval_breakpoint"] = 0.0
        if values["approval_breakpoint_enabled"]:
            try:
                breakpoint_amount = float(form.get("approval_breakpoint") or 0)
            except ValueError:
                breakpoint_amount = -1.0
            if not 0 <= breakpoint_amount < 1e12:
                errors["approval_breakpoint"] = _("Enter an amount of 0 or more.")
            else:
                values["approval_breakpoint"] = breakpoint_amount
        next_approver_id = form.get("next_approver_id") or ""
        values["next_approver_id"] = False
        if next_approver_id:
            approvers = self._get_team().filtered(
                lambda p: p.is_order_approver and p.active
            )
            next_approver = approvers.filtered(
                lambda p: str(p.id) == str(next_approver_id)
            )
            if not next_approver or next_approver == member:
                errors["next_approver_id"] = _(
                    "Choose an approver of your company other than this person."
                )
            else:
                values["next_approver_id"] = next_approver.id

    def _save_team_member(self, form, member=None):
        """Create or update a sub-account from the admin's form.

        :return: (the sub-account, {field: error}); nothing is saved when there
            are errors.
        """
        values, user_values, errors = self._parse_team_form(form, member)
        if not member and not user_values.get("password") and not form.get("invite"):
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
                    member.user_ids.write(user_values)
                else:
                    member = self.sudo().create(
                        dict(values, parent_id=company.id, type="contact")
                    )
                    user = (
                        self.env["res.users"]
                        .sudo()
                        .with_context(no_reset_password=True)
                        .create(
                            dict(
                                user_values,
                                partner_id=member.id,
                                group_ids=[
                                    Command.set([self.env.ref("base.group_portal").id])
                                ],
                            )
                        )
                    )
                    if not user_values.get("password"):
                        user.with_context(create_user=True).action_reset_password()
        except (ValidationError, UserError) as error:
            # The engine's rules (chain, cycle, somebody to decide) concern the chain.
            return member, {"next_approver_id": error.args[0]}
        return member, {}

    def _set_team_member_active(self, member, active):
        """Deactivate (no login, out of the chains) or reactivate a sub-account."""
        self._check_team_admin()
        if member == self and not active:
            raise UserError(_("You cannot deactivate yourself."))
        # The team is read with archived members; Odoo's own checks of the archiving
        # must see active records only.
        member = member.sudo().with_context(active_test=True)
        # Searched rather than read from user_ids, which lists active users only.
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", member.id)])
        )
        with self.env.cr.savepoint():
            if active:
                member.active = True
                users.active = True
            else:
                users.active = False
                member.active = False
        return True
