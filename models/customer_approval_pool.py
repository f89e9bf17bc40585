# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pools of approvers: several approvers of a customer company who share a
step. An order waiting for a pool is decided by any one of its members; the
others then see it decided (see sale_order_pool.py)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CustomerApprovalPool(models.Model):
    _name = "customer.approval.pool"
    _description = "Pool of approvers of a customer company"
    _order = "company_partner_id, name, id"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_partner_id = fields.Many2one(
        "res.partner",
        string="Customer company",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    member_ids = fields.Many2many(
        "res.partner",
        "customer_approval_pool_member_rel",
        "pool_id",
        "partner_id",
        string="Members",
        domain="[('commercial_partner_id', '=', company_partner_id), "
        "('is_company', '=', False), '|', ('is_order_approver', '=', True), "
        "('is_customer_admin', '=', True)]",
        help="Approvers or customer admins of the company: any one of them decides "
        "an order that waits for the pool.",
    )

    member_names = fields.Char(
        compute="_compute_member_names",
        help="The members' names, as the history and the pages show them.",
    )

    _name_company_unique = models.Constraint(
        "UNIQUE(company_partner_id, name)",
        "A pool of this name exists already in this company.",
    )

    @api.depends("member_ids.name")
    def _compute_member_names(self):
        # The colleagues' names, whoever reads the pool (a buyer of its company).
        for pool in self:
            pool.member_names = ", ".join(pool.sudo().member_ids.mapped("name"))

    def _get_deciding_members(self):
        """The members who may decide today (active approvers or customer
        admins of the pool's company), before substitutes and exclusions."""
        self.ensure_one()
        pool = self.sudo()
        return pool.member_ids.filtered(
            lambda person: (
                person.active
                and (person.is_order_approver or person.is_customer_admin)
                and person.commercial_partner_id == pool.company_partner_id
            )
        ).sudo(False)

    def _get_members_text(self):
        """``Pool (A, B, C)``, as the history and the chatter say it."""
        self.ensure_one()
        return "%s (%s)" % (self.sudo().name, self.member_names)

    @api.constrains("company_partner_id", "member_ids")
    def _check_members(self):
        for pool in self:
            if not pool.company_partner_id.is_company:
                raise ValidationError(
                    _("A pool of approvers belongs to a customer company.")
                )
            wrong = pool.member_ids.filtered(
                lambda person, p=pool: (
                    person.commercial_partner_id != p.company_partner_id
                    or person.is_company
                    or not (person.is_order_approver or person.is_customer_admin)
                )
            )
            if wrong:
                raise ValidationError(
                    _(
                        "%(people)s cannot be in the pool %(pool)s: its members are "
                        "approvers or customer admins of %(company)s.",
                        people=", ".join(wrong.mapped("name")),
                        pool=pool.name,
                        company=pool.company_partner_id.display_name,
                    )
                )

    @api.constrains("active")
    def _check_still_used(self):
        archived = self.filtered(lambda pool: not pool.active)
        if not archived:
            return
        users = (
            self.env["res.partner"]
            .sudo()
            .search([("next_approver_pool_id", "in", archived.ids)], limit=5)
        )
        departments = (
            self.env["customer.department"]
            .sudo()
            .search([("manager_pool_id", "in", archived.ids)], limit=5)
        )
        if users or departments:
            raise ValidationError(
                _(
                    "The pool cannot be archived: it decides for %s. Choose another "
                    "next approver or manager for them first.",
                    ", ".join(users.mapped("name") + departments.mapped("name")),
                )
            )
