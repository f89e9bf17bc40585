# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Orders waiting for a pool of approvers (customer_approval_pool.py).

An order waits for a pool (``current_pool_id``; no current approver) when the
buyer's next approver is a pool, when a purchasing rule or budget asks for the
manager of a department whose manager is a pool, or when an approval above the
approver's breakpoint passes on to their pool. Its deciders are the pool's
active members, each absent one replaced by their substitute, never the buyer,
who placed it (unless a customer admin) nor who already approved it in the
round; with none left, the customer admins. Any one decides (the row lock of
``_customer_approval_lock`` makes a second decision at the same moment fail as
"does not wait for approval any more"); their decision changes the order, so
the others' links are refused and their lists no longer show it as waiting for
them. An approval above the member's own breakpoint passes on from that member.
An order that waits for a pool too long escalates to the customer admins.

Loaded after the engine and the purchasing routing, before the orders placed on
behalf: a pool reaches the substitutes' routing only as its members."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

POOL = "customer.approval.pool"
# The steps after which the order waits for somebody: they name the pool.
POOL_WAITING_STEPS = ("submitted", "passed_on", "escalated")


class SaleOrderApprovalHistory(models.Model):
    _inherit = "sale.order.approval.history"

    pool_id = fields.Many2one(
        POOL,
        readonly=True,
        index="btree_not_null",
        help="The pool of approvers the order waited for at this step.",
    )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    current_pool_id = fields.Many2one(
        POOL,
        string="Current pool",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The pool of approvers whose decision the order waits for: any one "
        "of its members decides.",
    )
    approval_pool_reader_ids = fields.Many2many(
        "res.partner",
        compute="_compute_approval_pool_reader_ids",
        search="_search_approval_pool_reader_ids",
        string="Pool readers",
        help="The members of the pools the order waits or waited for, and the "
        "substitutes of the absent ones: the record rules let them read it.",
    )

    @api.depends("current_pool_id", "approval_history_ids.pool_id")
    def _compute_approval_pool_reader_ids(self):
        # The same people as the search below: the ORM checks a record rule on
        # records in memory with this value.
        for order in self:
            pools = (order.current_pool_id | order.approval_history_ids.pool_id).sudo()
            standing_in = order.current_pool_id.sudo().member_ids.filtered_domain(
                self._customer_approval_absent_now_domain()
            )
            order.approval_pool_reader_ids = (
                pools.member_ids | standing_in.approval_substitute_id
            )

    @api.model
    def _search_approval_pool_reader_ids(self, operator, value):
        # Read by the record rules at each query: subqueries only, no query of
        # its own (the rules are evaluated on every read of an order).
        if operator != "in":
            return NotImplemented
        ids = [value] if isinstance(value, int) else list(value or [])
        ids = [i for i in ids if isinstance(i, int)]
        return (
            Domain("current_pool_id.member_ids", "in", ids)
            | Domain("approval_history_ids.pool_id.member_ids", "in", ids)
            | Domain(
                "current_pool_id.member_ids",
                "any",
                Domain("approval_substitute_id", "in", ids)
                & self._customer_approval_absent_now_domain(),
            )
        )

    @api.model
    def _customer_approval_absent_now_domain(self):
        """People away with a substitute around today: a day either side, so
        that whatever the time zone of their company the substitute who
        decides may read the order (the engine's deciders say who decides,
        see _customer_approval_pool_deciders)."""
        today = fields.Date.today()
        return (
            Domain("approval_substitute_id", "!=", False)
            & Domain("approval_absent_from", "<=", today + timedelta(days=1))
            & Domain("approval_absent_to", ">=", today - timedelta(days=1))
        )

    # ------------------------------------------------------------------
    # Who decides: the extension points
    # ------------------------------------------------------------------
    def _customer_approval_pool_deciders(self, pool, excluded=None):
        """The people deciding for ``pool`` on this order: its active members
        (an absent one replaced by their substitute), without the buyer, who
        placed the order (unless a customer admin) and ``excluded``. Empty
        when none is left: the order then waits for the customer admins."""
        self.ensure_one()
        # Who decides is the engine's question, whoever asks it (the absences
        # and calendars it reads are not the reader's to see).
        order = self.sudo()
        excluded = (
            (excluded or order.env["res.partner"]).sudo()
            | order.partner_id
            | order._customer_approval_placer_excluded()
        )
        deciders = order.env["res.partner"]
        for member in pool.sudo()._get_deciding_members().sudo() - excluded:
            acting, _absent = order._customer_approval_route_to(
                member, excluded=excluded
            )
            deciders |= acting
        return (deciders - excluded).with_env(self.env)

    def _customer_approval_route_to(self, approver, excluded=None):
        # A pool stays the pool while one of its people may decide; its
        # members' substitutes are found when its deciders are asked.
        if approver._name != POOL:
            return super()._customer_approval_route_to(approver, excluded=excluded)
        if self._customer_approval_pool_deciders(approver, excluded=excluded):
            return approver, self.env["res.partner"]
        return self.env["res.partner"], self.env["res.partner"]

    def _customer_approval_deciders_of(
        self, approver, include_admins=False, admins=None, done_by=None
    ):
        if approver._name == POOL:
            approver = self._customer_approval_pool_deciders(approver, done_by)
        return super()._customer_approval_deciders_of(
            approver, include_admins=include_admins, admins=admins, done_by=done_by
        )

    def _customer_approval_deciders(self, include_admins=False, admins=None):
        self.ensure_one()
        if self.approval_state != "waiting" or not self.current_pool_id:
            return super()._customer_approval_deciders(
                include_admins=include_admins, admins=admins
            )
        return self._customer_approval_deciders_of(
            self.current_pool_id.sudo(),
            include_admins=include_admins,
            admins=admins,
            done_by=self._customer_approval_done_by(),
        )

    def _customer_approval_first_deciders(self, reasons=None):
        """A pool first: the manager pool of the buyer's department when a
        reason asks for the manager, else the buyer's next approver pool (see
        DESIGN.md, "The order in which reasons route")."""
        self.ensure_one()
        nobody = self.env["res.partner"]
        level = self._customer_approval_required_level(reasons)
        buyer = self.partner_id
        if level == "manager":
            pool = buyer._get_active_department().sudo().manager_pool_id
            if pool and buyer not in pool.member_ids:
                if self._customer_approval_pool_deciders(pool):
                    return pool, nobody, self._customer_approval_deciders_of(pool)
        first, absent, deciders = super()._customer_approval_first_deciders(reasons)
        pool = buyer.sudo().next_approver_pool_id
        if level != "admin" and not first and pool:
            if self._customer_approval_pool_deciders(pool):
                return pool, nobody, self._customer_approval_deciders_of(pool)
        return first, absent, deciders

    def _customer_approval_escalation(self, approver):
        # Above a member's breakpoint: their own next approver pool.
        pool = approver.sudo().next_approver_pool_id
        if (
            pool
            and self._customer_approval_waiting_level() != "admin"
            and self._customer_approval_pool_deciders(
                pool, excluded=self._customer_approval_done_by() | approver
            )
        ):
            return pool, False
        return super()._customer_approval_escalation(approver)

    # ------------------------------------------------------------------
    # Four eyes: a pool gives its approvals one member at a time
    # ------------------------------------------------------------------
    def _customer_approval_four_eyes_next(self, approver):
        # Another member of the pool the order waits for gives the next
        # approval, before anybody above them is asked.
        pool = self.current_pool_id.sudo()
        if pool and self._customer_approval_pool_deciders(
            pool, excluded=self._customer_approval_four_eyes_excluded(approver)
        ):
            return pool.with_env(self.env), False
        return super()._customer_approval_four_eyes_next(approver)

    def _customer_approval_is_waiting_for(self, decider):
        if decider._name == POOL:
            return decider == self.current_pool_id
        return super()._customer_approval_is_waiting_for(decider)

    def _customer_approval_possible_approvers(self, first):
        """The members of a pool and their chains count among who could
        approve, the pool being first or somebody's next approver."""
        partners = self.env["res.partner"]
        pools = first if first._name == POOL else self.env[POOL]
        people = super()._customer_approval_possible_approvers(
            partners if pools else first
        )
        pools = (pools | people.sudo().next_approver_pool_id).sudo()
        seen = self.env[POOL].sudo()
        while pools - seen:
            pool = (pools - seen)[:1]
            seen |= pool
            for member in pool._get_deciding_members():
                people |= super()._customer_approval_possible_approvers(member)
            pools |= people.sudo().next_approver_pool_id
        return people

    # ------------------------------------------------------------------
    # What the order waits for, and what the history and chatter say
    # ------------------------------------------------------------------
    def _customer_approval_waiting_for(self, approver, absent):
        if approver._name == POOL:
            return {
                "current_approver_id": False,
                "absent_approver_id": False,
                "current_pool_id": approver.id,
            }
        values = super()._customer_approval_waiting_for(approver, absent)
        values["current_pool_id"] = False
        return values

    def _customer_approval_deciders_text(self, deciders):
        text = super()._customer_approval_deciders_text(deciders)
        pool = self.sudo().current_pool_id
        if not pool or self.approval_state != "waiting":
            return text
        return _lt("pool %(pool)s (%(people)s)", pool=pool.name, people=text)

    def _customer_approval_history_step(self, decision, approver=False, comment=False):
        pool = self.env[POOL]
        if approver and approver._name == POOL:
            pool, approver = approver, False
        elif decision in POOL_WAITING_STEPS or approver:
            pool = self.current_pool_id
        command = super()._customer_approval_history_step(decision, approver, comment)
        if pool:
            command[2]["pool_id"] = pool.id
        return command

    def write(self, vals):
        # An order that no longer waits waits for no pool.
        if vals.get("approval_state") and vals["approval_state"] != "waiting":
            vals = dict(vals, current_pool_id=False)
        return super().write(vals)

    def _customer_approval_lock(self):
        result = super()._customer_approval_lock()
        self.invalidate_recordset(["current_pool_id"])
        return result

    # ------------------------------------------------------------------
    # Lists and pages
    # ------------------------------------------------------------------
    @api.model
    def _customer_approval_domain(self, partner, scope="to_decide"):
        domain = super()._customer_approval_domain(partner, scope)
        if scope != "to_decide":
            return domain
        # Subqueries only: the badge of /my counts with this domain.
        person = partner.sudo()
        today = person._approval_today()
        pool_asked = Domain(
            "current_pool_id.member_ids",
            "any",
            Domain("approval_substitute_id", "=", person.id)
            & Domain("approval_absent_from", "<=", today)
            & Domain("approval_absent_to", ">=", today),
        )
        if not person._is_approval_absent(today):
            pool_asked |= Domain("current_pool_id.member_ids", "in", person.ids)
        decided = Domain(
            "approval_history_ids",
            "any",
            [
                ("approver_id", "=", partner.id),
                ("decision", "in", ("passed_on", "released", "rejected")),
            ],
        )
        waiting_for_pool = (
            Domain("approval_state", "=", "waiting")
            & Domain("partner_id", "!=", partner.id)
            & Domain("current_pool_id", "!=", False)
            & pool_asked
            & ~decided
        )
        return (domain & Domain("current_pool_id", "=", False)) | waiting_for_pool

    def _customer_approval_can_review(self, partner):
        if super()._customer_approval_can_review(partner):
            return True
        # Who was asked for a pool sees the order decided, and by whom.
        order = self.sudo()
        return bool(
            order.partner_id.commercial_partner_id == partner.commercial_partner_id
            and partner != order.partner_id
            and partner in order.approval_pool_reader_ids
        )

    # ------------------------------------------------------------------
    # Escalation: a pool that does not decide in time
    # ------------------------------------------------------------------
    @api.model
    def _customer_approval_waiting_domain(self):
        return super()._customer_approval_waiting_domain() | (
            Domain("approval_state", "=", "waiting")
            & Domain("current_pool_id", "!=", False)
        )

    def _customer_approval_escalate(self):
        """An order that waited too long for a pool goes to the customer
        admins (of those who did not approve it in the round): any of them
        decides it, as when nobody is above an approver."""
        self.ensure_one()
        pool = self.current_pool_id.sudo()
        if not pool or self.current_approver_id:
            return super()._customer_approval_escalate()
        excluded = (
            self.partner_id
            | self._customer_approval_done_by()
            | self._customer_approval_placer_excluded()
        )
        if not self.partner_id.sudo()._get_customer_admins() - excluded:
            return False
        previous = self._customer_approval_deciders()
        pool_text = pool._get_members_text()
        days = self.partner_id.commercial_partner_id.approval_escalation_days
        nobody = self.env["res.partner"]
        self.write(
            {
                **self._customer_approval_waiting_for(nobody, nobody),
                "approval_level": self.approval_level + 1,
            }
        )
        deciders = self._customer_approval_deciders()
        message = _lt(
            "Escalated to %(deciders)s: the pool %(pool)s did not decide within "
            "{%(days)s, plural, one {%(days)s working day} other {%(days)s working"
            " days}}.",
            deciders=", ".join(deciders.mapped("name")),
            pool=pool_text,
            days=days,
        )
        step = self._customer_approval_history_step(
            "escalated",
            False,
            self._customer_approval_in_lang(message, self.env.lang or "en_US"),
        )
        step[2]["pool_id"] = pool.id
        self.write({"approval_history_ids": [step]})
        self._customer_approval_log(message)
        self._customer_approval_send_mail("escalated", deciders)
        self._customer_approval_send_mail("escalated_notice", previous)
        return True
