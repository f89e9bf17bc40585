# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An approver's substitute for a period of absence."""

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools.misc import format_date

from .customer_budget import period_timezone

ABSENCE_FIELDS = (
    "approval_substitute_id",
    "approval_absent_from",
    "approval_absent_to",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    approval_substitute_id = fields.Many2one(
        "res.partner",
        string="Substitute",
        domain="[('is_order_approver', '=', True), "
        "('commercial_partner_id', '=', commercial_partner_id), ('id', '!=', id)]",
        index="btree_not_null",
        help="The approver of the same company who decides this approver's orders "
        "while they are away.",
    )
    approval_absent_from = fields.Date(
        string="Absent from", help="First day of the absence (included)."
    )
    approval_absent_to = fields.Date(
        string="Absent until", help="Last day of the absence (included)."
    )

    approval_absence_note = fields.Text(
        string="Substitutes away",
        compute="_compute_approval_absence_note",
        help="Where the orders go while the substitute is away too.",
    )

    @api.depends(
        *ABSENCE_FIELDS,
        *(f"approval_substitute_id.{field}" for field in ABSENCE_FIELDS),
    )
    def _compute_approval_absence_note(self):
        for person in self:
            person.approval_absence_note = (
                "\n".join(person._get_absence_overlap_notes()) or False
            )

    @api.model
    def _approval_today(self):
        """Today in the calendar of the approver's customer company, else of the
        vendor's company, else UTC: the same day whoever asks (the buyer, the
        approver, the vendor, a cron or an e-mail link), as budgets count it."""
        zone = period_timezone(
            self[:1].commercial_partner_id, self.env.company.partner_id
        )
        now = pytz.utc.localize(fields.Datetime.now()).astimezone(zone)
        return now.date()

    def _is_approval_absent(self, date=None):
        """Whether this approver is away on ``date`` (today) with a substitute."""
        self.ensure_one()
        date = date or self._approval_today()
        return bool(
            self.approval_substitute_id
            and self.approval_absent_from
            and self.approval_absent_to
            and self.approval_absent_from <= date <= self.approval_absent_to
        )

    def _is_approval_away(self, date=None):
        """Whether this person's absence (with a substitute or not) covers
        ``date`` (today)."""
        self.ensure_one()
        date = date or self._approval_today()
        return bool(
            self.approval_absent_from
            and self.approval_absent_to
            and self.approval_absent_from <= date <= self.approval_absent_to
        )

    def _get_acting_approver(self, date=None, excluded=None):
        """Who decides in place of ``self`` on ``date``: ``self``, or while
        ``self`` is away, the first person present along the chain of
        substitutes (a substitute who is away hands on to their own).

        Never somebody away, nor of ``excluded`` (the buyer, those who already
        approved), nor who may no longer decide: when the chain reaches one
        (a substitute away without one of their own, a circle of people away at
        the same time), nobody along it is present and the result is empty;
        the order then goes to the customer admins (see
        sale.order._customer_approval_acting_approver)."""
        self.ensure_one()
        date = date or self._approval_today()
        excluded = excluded or self.browse()
        acting = self
        seen = self
        while acting._is_approval_absent(date):
            substitute = acting.approval_substitute_id
            if (
                substitute in seen
                or substitute in excluded
                or not substitute.active
                or not substitute.is_order_approver
                or (
                    substitute._is_approval_away(date)
                    and not substitute._is_approval_absent(date)
                )
            ):
                return self.browse()
            acting = substitute
            seen |= substitute
        return acting

    def _get_absence_overlap_notes(self):
        """What the absence of ``self`` meets: a sentence for each of its
        substitute's absences that overlaps it, naming the days and who
        decides then (the first person present along the substitutes, else
        the customer admins). Empty when the substitute is there throughout."""
        self.ensure_one()
        person = self.sudo()
        substitute = person.approval_substitute_id
        start, end = person.approval_absent_from, person.approval_absent_to
        if not (substitute and start and end and substitute.approval_absent_from):
            return []
        first = max(start, substitute.approval_absent_from)
        last = min(end, substitute.approval_absent_to or end)
        if first > last:
            return []
        acting = person._get_acting_approver(first)
        values = {
            "substitute": substitute.name,
            "start": format_date(self.env, first),
            "end": format_date(self.env, last),
        }
        if acting:
            return [
                _(
                    "%(substitute)s is away too from %(start)s to %(end)s: "
                    "meanwhile the orders go to %(acting)s, the first person "
                    "present along the substitutes.",
                    acting=acting.name,
                    **values,
                )
            ]
        return [
            _(
                "%(substitute)s is away too from %(start)s to %(end)s, and "
                "nobody along the substitutes is present: meanwhile the orders "
                "go to the customer admins.",
                **values,
            )
        ]

    @api.constrains(*ABSENCE_FIELDS)
    def _check_approval_substitute(self):
        for person in self:
            substitute = person.approval_substitute_id
            start, end = person.approval_absent_from, person.approval_absent_to
            if start and end and start > end:
                raise ValidationError(
                    _(
                        "The absence of %s cannot end before it starts.",
                        person.display_name,
                    )
                )
            if not substitute:
                continue
            if substitute == person:
                raise ValidationError(
                    _("%s cannot be their own substitute.", person.display_name)
                )
            if substitute.commercial_partner_id != person.commercial_partner_id:
                raise ValidationError(
                    _(
                        "The substitute of %(person)s must belong to %(company)s.",
                        person=person.display_name,
                        company=person.commercial_partner_id.display_name,
                    )
                )
            if not substitute.active or not substitute.is_order_approver:
                raise ValidationError(
                    _(
                        "%(substitute)s is the substitute of %(person)s, so they "
                        "must be an active approver.",
                        substitute=substitute.display_name,
                        person=person.display_name,
                    )
                )
            if not (start and end):
                raise ValidationError(
                    _(
                        "Please give the first and the last day of the absence of %s.",
                        person.display_name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if set(ABSENCE_FIELDS) & vals.keys():
            # An absence that starts today: the orders already waiting go to the
            # substitute at once (the daily cron does it for later starts).
            absent = self.filtered(lambda person: person._is_approval_absent())
            if absent:
                self.env["sale.order"].sudo()._customer_approval_hand_to_substitutes(
                    absent
                )
        return result

    # ------------------------------------------------------------------
    # The portal: an approver sets their own absence; a customer admin anybody's
    # ------------------------------------------------------------------
    def _get_absence_person(self, person_id=None):
        """The approver whose absence ``self`` (the logged-in person) may set:
        themselves, or, for a customer admin, an approver they manage. Empty when
        none (a forged id, another company, not an approver)."""
        self.ensure_one()
        if not person_id or person_id == self.id:
            return self if self.is_order_approver else self.browse()
        if not self.is_customer_admin:
            return self.browse()
        try:
            member = self._get_team_member(person_id)
        except AccessError:
            return self.browse()
        return member.filtered("is_order_approver")

    def _get_absence_substitutes(self):
        """The approvers ``self`` may name as their substitute."""
        self.ensure_one()
        return (
            self.sudo()
            .search(
                [
                    ("commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("is_order_approver", "=", True),
                    ("is_company", "=", False),
                    ("id", "!=", self.id),
                ],
                order="name",
            )
            .sudo(False)
        )

    def _set_approval_absence(self, person, substitute_id, date_from, date_to):
        """``self`` (the logged-in person) sets the absence of ``person`` (see
        _get_absence_person). An empty substitute ends the absence. Checked
        before anything is written; raises ValidationError / AccessError."""
        self.ensure_one()
        if not person or person != self._get_absence_person(person.id):
            raise AccessError(_("You may not set the absence of this person."))
        if not substitute_id:
            values = dict.fromkeys(ABSENCE_FIELDS, False)
        else:
            substitute = person._get_absence_substitutes().filtered(
                lambda p: p.id == substitute_id
            )
            if not substitute:
                raise ValidationError(
                    _("Please choose a substitute among the approvers of your company.")
                )
            if not (date_from and date_to):
                raise ValidationError(
                    _("Please give the first and the last day of the absence.")
                )
            if date_from > date_to:
                raise ValidationError(_("The absence cannot end before it starts."))
            values = {
                "approval_substitute_id": substitute.id,
                "approval_absent_from": date_from,
                "approval_absent_to": date_to,
            }
        # A constraint that fails leaves the person as they were, even when the
        # caller (the portal) catches the error and the request goes on.
        with self.env.cr.savepoint():
            person.sudo().write(values)
        return True
