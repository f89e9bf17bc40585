# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A person's approval settings in words: the phrases of the team pages and the
contact form."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount


class ResPartner(models.Model):
    _inherit = "res.partner"

    # What the team pages and the contact form show of a person, as fields so that
    # templates read values rather than call methods.
    approval_rule_text = fields.Char(
        string="Approval rule",
        compute="_compute_approval_texts",
        help="Which orders of this person need approval, in one phrase.",
    )

    approval_limit_text = fields.Char(
        string="Approval limit",
        compute="_compute_approval_texts",
        help="For an approver with a breakpoint: where their approvals above it go.",
    )

    approval_chain_text = fields.Char(
        string="Approval chain",
        compute="_compute_approval_texts",
        help="The successive next approvers of this person.",
    )

    @api.depends(
        "approval_mode",
        "approval_breakpoint_enabled",
        "approval_breakpoint",
        "approval_currency_id",
        "contract_assortment_only",
        "may_send_free_text_orders",
        "is_order_approver",
        "is_customer_admin",
        "next_approver_id",
        "commercial_partner_id",
    )
    @api.depends_context("company")
    def _compute_approval_texts(self):
        # The customer admins of all the people's companies, in one query.
        people = self.filtered(lambda person: person.id and not person.is_company)
        admins = (
            people.sudo()
            .with_context(active_test=True)
            ._get_customer_admins_by_company()
        )
        for person in self:
            if not person.id or person.is_company:
                person.approval_rule_text = False
                person.approval_limit_text = False
                person.approval_chain_text = False
                continue
            person.approval_rule_text = person._get_approval_rule_text()
            person.approval_limit_text = (
                person._get_approval_limit_text(
                    admins.get(person.commercial_partner_id.sudo())
                )
                or False
            )
            person.approval_chain_text = (
                " → ".join(person._get_approval_chain().mapped("name")) or False
            )

    def _format_approval_amount(self, amount):
        """``amount`` in the currency of this person's breakpoint, whoever reads
        it."""
        self.ensure_one()
        return format_amount(self.env, amount, self._get_approval_currency())

    def _get_approval_rule_text(self):
        """Which orders of this person need approval, in one phrase: the effect of
        the approval mode, the breakpoint, the contract assortment and free-text
        orders together (see sale.order's _customer_approval_reasons)."""
        self.ensure_one()
        currency = self._get_approval_currency()
        breakpoint_enabled = self.approval_breakpoint_enabled
        if self.approval_mode == "always" or (
            breakpoint_enabled and currency.is_zero(self.approval_breakpoint)
        ):
            return _("Every order needs approval")
        outside = self.approval_mode == "outside_assortment"
        assortment = self._get_contract_assortment()
        if outside and not (assortment and assortment.active):
            # Without an assortment, every product is outside it.
            return _(
                "Every order needs approval: %s has no contract assortment",
                self.commercial_partner_id.name,
            )
        if outside and self.contract_assortment_only:
            outside = False  # they cannot order anything outside it
        free_text = self.may_send_free_text_orders
        if not breakpoint_enabled:
            phrases = {
                (False, False): _("Orders without restriction"),
                (False, True): _("Only free-text orders need approval"),
                (True, False): _(
                    "Orders with products outside the contract assortment need approval"
                ),
                (True, True): _(
                    "Free-text orders and orders with products outside the contract "
                    "assortment need approval"
                ),
            }
            return phrases[outside, free_text]
        amount = self._format_approval_amount(self.approval_breakpoint)
        phrases = {
            (False, False): _("Orders above %s need approval", amount),
            (False, True): _(
                "Orders above %s and free-text orders need approval", amount
            ),
            (True, False): _(
                "Orders with products outside the contract assortment or above %s "
                "need approval",
                amount,
            ),
            (True, True): _(
                "Free-text orders and orders with products outside the contract "
                "assortment or above %s need approval",
                amount,
            ),
        }
        return phrases[outside, free_text]

    def _get_approval_limit_text(self, admins=None):
        """For an approver with a breakpoint: where their approvals above it go (see
        sale.order's _customer_approval_escalation); else nothing.

        :param admins: the customer admins of the person's company, when the caller
            already has them.
        """
        self.ensure_one()
        if not self.is_order_approver or not self.approval_breakpoint_enabled:
            return ""
        next_approver = self.next_approver_id
        if admins is None:
            admins = self.sudo().with_context(active_test=True)._get_customer_admins()
        if not next_approver and (self.is_customer_admin or not admins - self):
            return ""  # nobody above: their approval is always final
        if self._get_approval_currency().is_zero(self.approval_breakpoint):
            if next_approver:
                return _("Passes every approval on to %s", next_approver.name)
            return _("Passes every approval on to the customer admins")
        amount = self._format_approval_amount(self.approval_breakpoint)
        if next_approver:
            return _(
                "Approves up to %(amount)s; above, passes on to %(approver)s",
                amount=amount,
                approver=next_approver.name,
            )
        return _("Approves up to %s; above, passes on to the customer admins", amount)

    def _raise_approval_cycle(self):
        """Name the circle that one of ``self`` is in (see _has_cycle)."""
        for person in self:
            chain = [person]
            approver = person.next_approver_id
            while approver and approver not in chain:
                chain.append(approver)
                approver = approver.next_approver_id
            if approver == person:
                raise ValidationError(
                    _(
                        "The approval chain of %(person)s goes round in a circle "
                        "(%(chain)s).",
                        person=person.display_name,
                        chain=" → ".join([*(p.name for p in chain), person.name]),
                    )
                )
        raise ValidationError(
            _(
                "The approval chains of %s go round in a circle.",
                ", ".join(self.mapped("display_name")),
            )
        )
