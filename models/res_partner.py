# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
# Fields whose change may move a person out of their customer company.
COMPANY_CHANGE_FIELDS = {"parent_id", "is_company"}
# Fields whose change may end somebody's customer admin right.
ADMIN_CHANGE_FIELDS = {"is_customer_admin", "active", *COMPANY_CHANGE_FIELDS}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "customer.purchasing.input"]

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
        string="Breakpoint currency",
        compute="_compute_approval_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The currency of the breakpoint amount, stored with it: by default the "
        "currency of the vendor company when it is set. An order in another "
        "currency is compared with the breakpoint converted into the order's "
        "currency at the order's date.",
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
    approval_escalation_days = fields.Integer(
        string="Escalate after (working days)",
        help="An order that waits this many working days (of the company's working "
        "hours) for its approver passes to the next level: the approver's next "
        "approver, else the customer admins. 0: orders never escalate. Set on the "
        "customer company.",
    )
    approval_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working hours",
        groups="base.group_user",
        help="The working days, public holidays and time zone of the customer "
        "company: the escalation of waiting orders counts its working days. Empty: "
        "the working hours of the vendor's company. Set on the customer company.",
    )

    # The customer admins of a company: looked up by the constraints, the
    # routing and the record rules, in companies of thousands of people.
    _customer_admin_idx = models.Index(
        "(commercial_partner_id) WHERE is_customer_admin IS TRUE"
    )

    @api.depends("approval_breakpoint_enabled")
    def _compute_approval_currency_id(self):
        # Set once, then kept: whoever reads it later, in whatever company, reads
        # the currency the breakpoint was set in.
        for partner in self:
            if not partner.approval_currency_id:
                partner.approval_currency_id = partner._get_default_approval_currency()

    def _get_default_approval_currency(self):
        """The currency a breakpoint set now gets: that of the person's vendor
        company, else of the current company (also on an empty recordset: a
        person not created yet)."""
        return self[:1].company_id.currency_id or self.env.company.currency_id

    def _get_approval_currency(self):
        """The currency of the breakpoint of this person."""
        self.ensure_one()
        return self.approval_currency_id or self._get_default_approval_currency()

    def _get_approval_calendar(self, vendor):
        """The working hours of the customer company ``self``, else those of
        ``vendor`` (res.company, the company that sells)."""
        self.ensure_one()
        return self.sudo().approval_calendar_id or vendor.sudo().resource_calendar_id

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
    @api.constrains("approval_escalation_days")
    def _check_approval_escalation_days(self):
        if any(partner.approval_escalation_days < 0 for partner in self):
            raise ValidationError(_("The escalation delay cannot be negative."))

    @api.constrains("approval_breakpoint", "approval_breakpoint_enabled")
    def _check_approval_breakpoint(self):
        for partner in self:
            if partner.approval_breakpoint_enabled and partner.approval_breakpoint < 0:
                raise ValidationError(
                    _("The breakpoint of %s cannot be negative.", partner.display_name)
                )

    @api.constrains(*APPROVAL_SETUP_FIELDS)
    def _check_approval_setup(self):
        """What the people written can break, whatever the size of their
        company: their own next approver and chain (a circle closed by a change
        goes through the person changed), somebody to decide their orders, and
        the colleagues whose next approver they are. A new person is nobody's
        next approver yet. The loss of a customer admin, which may leave anybody
        of the company without a decider, is checked by write (which knows who
        was an admin)."""
        dependents = self._check_approver_departure()
        people = self.filtered("active")
        people._check_next_approver()
        # Colleagues whose next approver lost the right to approve.
        dependents.filtered(
            lambda person: not person.next_approver_id.is_order_approver
        )._check_next_approver()
        people._check_has_decider()

    def write(self, vals):
        # A person moved to another company leaves colleagues behind: their
        # former company is checked again once the move is written (the
        # constraints only see the company the person belongs to afterwards).
        # So is the company of a customer admin who is one no more.
        leaving, admins = {}, self.browse()
        if COMPANY_CHANGE_FIELDS & vals.keys():
            leaving = {
                person: person.commercial_partner_id
                for person in self
                if not person.is_company
            }
        if ADMIN_CHANGE_FIELDS & vals.keys():
            admins = self.filtered(lambda p: p.is_customer_admin and p.active)
        result = super().write(vals)
        left = self.browse().union(
            *(
                company
                for person, company in leaving.items()
                if person.commercial_partner_id != company
            ),
            *admins.filtered(
                lambda p: not (p.is_customer_admin and p.active)
            ).commercial_partner_id,
        )
        if left:
            self._check_company_approval_setup(left)
        return result

    def _check_approver_departure(self):
        """Nobody leaves the colleagues whose next approver they are: archived or
        moved to another company, they could no longer decide their orders.

        :return: those colleagues (active people whose next approver is one of
            ``self``)"""
        people = self.filtered(lambda partner: not partner.is_company)
        if not people:
            return self.browse()
        # Archived colleagues wait for nobody: the search skips them.
        dependents = (
            self.sudo()
            .with_context(active_test=True)
            .search([("next_approver_id", "in", people.ids)])
        )
        for person in people:
            stranded = dependents.filtered(
                lambda d, p=person: (
                    d.next_approver_id == p
                    and (
                        not p.active
                        or d.commercial_partner_id != p.commercial_partner_id
                    )
                )
            )
            if not stranded:
                continue
            colleagues = ", ".join(stranded.mapped("name"))
            if not person.active:
                raise ValidationError(
                    _(
                        "%(person)s cannot be archived: they are the next approver "
                        "of %(colleagues)s. Choose another next approver for them "
                        "first.",
                        person=person.name,
                        colleagues=colleagues,
                    )
                )
            raise ValidationError(
                _(
                    "%(person)s cannot leave %(company)s: they are the next approver "
                    "of %(colleagues)s, who could no longer reach them. Choose "
                    "another next approver for them first.",
                    person=person.name,
                    company=stranded[0].commercial_partner_id.display_name,
                    colleagues=colleagues,
                )
            )
        return dependents

    @api.model
    def _check_company_approval_setup(self, companies, people=None):
        """The approval set-up of the customer ``companies``: valid next approvers,
        and somebody to decide the orders of each person who may need approval.

        :param people: persons to check besides the active people of ``companies``
        """
        # Everybody of the companies: a change of one person (an approver who
        # loses the right, an admin archived or moved away) may break the chain of
        # another. The people written come first: a circle is named from where it
        # was closed.
        people = (people or self.browse()) | self.with_context(active_test=True).search(
            [
                ("commercial_partner_id", "in", companies.ids),
                ("is_company", "=", False),
            ]
        )
        people._check_next_approver()
        people._check_has_decider(admins=people.filtered("is_customer_admin"))

    def _check_has_decider(self, admins=None):
        """Somebody decides the orders of each of ``self`` that may need approval:
        their next approver, else a customer admin of their company (not
        themselves).

        :param admins: the active customer admins of the companies of ``self``,
            when known (else one query)"""
        waiting_for_admins = self.filtered(
            lambda person: person._needs_approver() and not person.next_approver_id
        )
        if not waiting_for_admins:
            return
        if admins is None:
            admins = self.browse().union(
                *waiting_for_admins._get_customer_admins_by_company().values()
            )
        for person in waiting_for_admins:
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
        people = self.filtered("next_approver_id")
        for person in people:
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
        if people._has_cycle("next_approver_id"):
            people._raise_approval_cycle()

    approval_reminder_order_ids = fields.Many2many(
        "sale.order",
        compute="_compute_approval_reminder_order_ids",
        help="The orders a reminder e-mail lists to this approver (read by the "
        "reminder template, from the orders the cron names in the context).",
    )

    @api.depends_context("approval_reminder_order_ids")
    def _compute_approval_reminder_order_ids(self):
        for person in self:
            person.approval_reminder_order_ids = (
                person._get_approval_reminder_orders() if person.id else False
            )

    def _get_approval_reminder_orders(self):
        """The orders a reminder e-mail lists (see the approval reminder cron):
        of the orders the cron names, those of this person's company that still
        wait for this person's decision: a crafted context never lists orders of
        others (the field is readable over RPC)."""
        self.ensure_one()
        order_ids = [
            order_id
            for order_id in self.env.context.get("approval_reminder_order_ids") or []
            if isinstance(order_id, int)
        ]
        if not order_ids:
            return self.env["sale.order"]
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("id", "in", order_ids),
                    (
                        "partner_id.commercial_partner_id",
                        "=",
                        self.commercial_partner_id.id,
                    ),
                    ("approval_state", "=", "waiting"),
                ],
                order="id",
            )
            .filtered(
                lambda order: (
                    self in order._customer_approval_deciders(include_admins=True)
                )
            )
        )
