# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A person's next approver may be a pool of approvers of their company."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    next_approver_pool_id = fields.Many2one(
        "customer.approval.pool",
        string="Next approver pool",
        domain="[('company_partner_id', '=', commercial_partner_id)]",
        index="btree_not_null",
        ondelete="restrict",
        help="Instead of one next approver: a pool of approvers of the same "
        "company, any one of whom decides this person's orders and the approvals "
        "they pass on.",
    )
    approval_pool_ids = fields.Many2many(
        "customer.approval.pool",
        "customer_approval_pool_member_rel",
        "partner_id",
        "pool_id",
        string="Member of pools",
        help="The pools this person decides for.",
    )

    customer_approval_pool_ids = fields.One2many(
        "customer.approval.pool",
        "company_partner_id",
        string="Pools of approvers",
        context={"active_test": False},
        help="The pools of approvers of this customer company.",
    )

    @api.constrains("next_approver_id", "next_approver_pool_id", "parent_id")
    def _check_next_approver_pool(self):
        for person in self.filtered("next_approver_pool_id"):
            pool = person.next_approver_pool_id.sudo()
            if person.next_approver_id:
                raise ValidationError(
                    _(
                        "%s has a next approver or a pool of approvers, not both.",
                        person.display_name,
                    )
                )
            if pool.company_partner_id != person.commercial_partner_id:
                raise ValidationError(
                    _(
                        "The pool of approvers of %(person)s must belong to "
                        "%(company)s.",
                        person=person.display_name,
                        company=person.commercial_partner_id.display_name,
                    )
                )
            if not pool.active:
                raise ValidationError(
                    _(
                        "The pool %(pool)s is archived: it cannot decide the orders "
                        "of %(person)s.",
                        pool=pool.name,
                        person=person.display_name,
                    )
                )

    @api.constrains("is_order_approver", "is_customer_admin", "parent_id")
    def _check_pool_membership(self):
        pools = self.sudo().approval_pool_ids
        if pools:
            pools._check_members()

    def _check_has_decider(self, admins=None):
        # A pool decides the orders of people whose next approver it is.
        pooled = self.filtered("next_approver_pool_id")
        return super(ResPartner, self - pooled)._check_has_decider(admins=admins)
