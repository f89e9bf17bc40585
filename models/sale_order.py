# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, float_compare, str2bool

APPROVAL_STATES = [
    ("none", "No approval needed"),
    ("waiting", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected by approver"),
    ("withdrawn", "Withdrawn by buyer"),
    ("cancelled", "Cancelled by vendor"),
]
# The vendor must not process an order in these states.
BLOCKED_APPROVAL_STATES = ("waiting", "rejected", "withdrawn", "cancelled")
# States that end a round of approval: set back to quotation, such an order can be
# submitted again for a new round.
ENDED_APPROVAL_STATES = ("rejected", "withdrawn", "cancelled")
# Fields only the approval engine writes (it does so as superuser, after its checks).
ENGINE_FIELDS = {
    "approval_state",
    "current_approver_id",
    "approval_level",
    "approval_round",
    "approval_requested_date",
    "approval_reason_ids",
    "approval_history_ids",
    "approval_reminder_date",
    "is_free_text_order",
}
FREE_TEXT_MAX_LENGTH = 2000
FREE_TEXT_SEARCH_LIMIT = 8
REMINDER_DAYS_PARAM = "website_sale_customer_approval.reminder_days"
PREPAYMENT_PARAM = "website_sale_customer_approval.prepayment"

MAIL_TEMPLATES = {
    "request": "website_sale_customer_approval.mail_template_approval_request",
    "passed_on": "website_sale_customer_approval.mail_template_approval_passed_on",
    "submitted": "website_sale_customer_approval.mail_template_order_submitted",
    "approved": "website_sale_customer_approval.mail_template_order_approved",
    "rejected": "website_sale_customer_approval.mail_template_order_rejected",
    "released": "website_sale_customer_approval.mail_template_order_released",
    "reminder": "website_sale_customer_approval.mail_template_approval_reminder",
    "changed": "website_sale_customer_approval.mail_template_order_changed",
}


def format_quantity(quantity):
    """A quantity as people write it: 2 rather than 2.0, 2.5 as it is."""
    return "%g" % quantity


# History decisions that count as "decided by" their approver.
DECIDING_STEPS = ("passed_on", "released", "rejected")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Customer approval",
        default="none",
        # Not required: no NOT NULL column on sale_order, which the tests of the
        # modules below this one could not fill.
        copy=False,
        index=True,
        readonly=True,
    )
    current_approver_id = fields.Many2one(
        "res.partner",
        string="Current approver",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The approver of the customer company whose decision the order waits "
        "for. Empty while it waits for the customer admins.",
    )
    approval_level = fields.Integer(
        copy=False, readonly=True, help="Level of the approval chain the order is at."
    )
    approval_round = fields.Integer(
        copy=False,
        readonly=True,
        help="How many times the order was submitted for approval: an order set back "
        "to quotation after a rejection starts a new round.",
    )
    approval_requested_date = fields.Datetime(
        string="Waiting since", copy=False, readonly=True
    )
    approval_reminder_date = fields.Datetime(
        string="Approvers reminded on", copy=False, readonly=True
    )
    approval_reason_ids = fields.One2many(
        "sale.order.approval.reason",
        "order_id",
        string="Approval reasons",
        copy=False,
        readonly=True,
    )
    approval_history_ids = fields.One2many(
        "sale.order.approval.history",
        "order_id",
        string="Approval history",
        copy=False,
        readonly=True,
    )
    approval_decider_ids = fields.Many2many(
        "res.partner",
        compute="_compute_approval_decider_ids",
        string="May decide",
        help="The people of the customer company who may decide the order now.",
    )
    approval_rejection_reason = fields.Text(
        compute="_compute_approval_rejection_reason",
        help="The reason the approver gave when rejecting the order.",
    )
    is_free_text_order = fields.Boolean(
        string="Free-text order",
        copy=False,
        readonly=True,
        help="A request of the buyer written in words, without products: the "
        "approver chooses the products before approving it.",
    )
    free_text_request = fields.Text(
        compute="_compute_free_text_request",
        help="The buyer's words of a free-text order.",
    )
    approval_waiting_days = fields.Float(
        compute="_compute_approval_waiting_days",
        string="Waiting (days)",
        digits=(16, 1),
    )

    @api.depends(
        "approval_state",
        "current_approver_id",
        "partner_id",
        "approval_history_ids.decision",
    )
    def _compute_approval_decider_ids(self):
        waiting = self.filtered(lambda o: o.approval_state == "waiting")
        admins = waiting.partner_id.sudo()._get_customer_admins_by_company()
        for order in self:
            order.approval_decider_ids = order._get_customer_approval_deciders(
                admins=admins.get(order.partner_id.commercial_partner_id)
            )

    @api.depends("approval_history_ids.comment", "approval_history_ids.decision")
    def _compute_approval_rejection_reason(self):
        for order in self:
            rejections = order.approval_history_ids.filtered(
                lambda h: h.decision == "rejected"
            )
            order.approval_rejection_reason = rejections[-1:].comment

    @api.depends("is_free_text_order", "order_line.display_type", "order_line.name")
    def _compute_free_text_request(self):
        for order in self:
            order.free_text_request = (
                order._get_free_text_request() if order.is_free_text_order else False
            )

    @api.depends("approval_state")
    def _compute_type_name(self):
        # A buyer's order under approval is an order to them, not a quotation of
        # the vendor, whatever Odoo's state while it waits (or waits for payment).
        super()._compute_type_name()
        for order in self:
            if order.approval_state not in (False, "none") and order.state != "sale":
                order.type_name = _("Order")

    def _customer_approval_awaits_buyer_payment(self):
        """Released, and waiting for the buyer's online payment."""
        self.ensure_one()
        return self.approval_state == "approved" and self.state in ("draft", "sent")

    @api.depends("approval_state", "approval_requested_date")
    def _compute_approval_waiting_days(self):
        now = fields.Datetime.now()
        for order in self:
            if order.approval_state == "waiting" and order.approval_requested_date:
                delta = now - order.approval_requested_date
                order.approval_waiting_days = delta.total_seconds() / 86400
            else:
                order.approval_waiting_days = 0.0

    # ------------------------------------------------------------------
    # Guards: the vendor processes only released orders
    # ------------------------------------------------------------------
    def _customer_approval_is_controlled(self):
        """Whether the buyer's company controls this order: it comes from the shop
        or the portal, or it went through approval before. A quotation that the
        vendor enters in the backoffice for a customer (a phone order) stays the
        vendor's to confirm."""
        self.ensure_one()
        return bool(
            self.website_id
            or self.is_free_text_order
            or self.approval_round
            or self.approval_state not in (False, "none")
        )

    def _customer_approval_gate_error(self):
        """Why the order may not become a sale, be paid or be invoiced yet.

        The one gate of the vendor's processing: confirmation, payment
        transactions, signatures, invoices and down payments all ask it.

        :return: the message for the user, or False when the order may go on.
        """
        self.ensure_one()
        state = self.approval_state or "none"
        if state == "approved":
            return False
        if state == "none":
            if self._customer_approval_is_controlled() and (
                self._get_customer_approval_reasons()
            ):
                return _(
                    "Order %s needs the approval of your company: it cannot be "
                    "confirmed or paid before an approver has released it. Please "
                    'use "Submit for approval" at the last step of the checkout.',
                    self.name,
                )
            return False
        messages = {
            "waiting": _(
                "Order %s waits for the approval of the customer: it can be "
                "confirmed, paid or invoiced only once an approver of the customer "
                "has released it.",
                self.name,
            ),
            "rejected": _(
                "Order %s was rejected by an approver of the customer: it cannot be "
                "confirmed, paid or invoiced unless it is submitted for approval "
                "again and released.",
                self.name,
            ),
            "withdrawn": _(
                "Order %s was withdrawn by its buyer: it cannot be confirmed, paid or "
                "invoiced unless it is submitted for approval again and released.",
                self.name,
            ),
            "cancelled": _(
                "Order %s was cancelled while it waited for the approval of the "
                "customer: it cannot be confirmed, paid or invoiced unless it is "
                "submitted for approval again and released.",
                self.name,
            ),
        }
        return messages[state]

    def _check_customer_approval_gate(self):
        """Raise the gate's error of the first order that may not go on."""
        for order in self:
            if error := order._customer_approval_gate_error():
                raise UserError(error)

    def _confirmation_error_message(self):
        self.ensure_one()
        return self._customer_approval_gate_error() or (
            super()._confirmation_error_message()
        )

    def _check_cart_is_ready_to_be_paid(self):
        # The shop's payment routes (transaction, express checkout, zero amount)
        # all ask this before taking money or confirming.
        for order in self:
            if error := order._customer_approval_gate_error():
                raise ValidationError(error)
        return super()._check_cart_is_ready_to_be_paid()

    def _create_invoices(self, *args, **kwargs):
        self._check_customer_approval_gate()
        return super()._create_invoices(*args, **kwargs)

    def _check_customer_approval_lines_frozen(self):
        """The lines of an order that waits for the customer's approvers change
        only through their decisions: what they approve is what the vendor gets."""
        waiting = self.filtered(lambda order: order.approval_state == "waiting")
        if waiting:
            raise UserError(
                _(
                    "Order %s waits for the approval of the customer: its lines "
                    "cannot change meanwhile. Wait for the decision, or cancel the "
                    "order and make a new quotation.",
                    waiting[0].name,
                )
            )

    def _action_cancel(self):
        # The vendor cancels an order that waits: its approvers have nothing left
        # to decide. (The engine's own cancellations have left "waiting" already.)
        waiting = self.filtered(lambda o: o.approval_state == "waiting")
        for order in waiting.sudo():
            order.write(
                {
                    "approval_state": "cancelled",
                    "current_approver_id": False,
                    "approval_history_ids": [order._add_approval_history("cancelled")],
                }
            )
        return super()._action_cancel()

    def write(self, vals):
        if not self.env.su and ENGINE_FIELDS.intersection(vals):
            raise AccessError(
                _(
                    "The customer approval of an order changes only through its "
                    "decisions (submit, approve, reject, withdraw)."
                )
            )
        return super().write(vals)

    def _get_approval_state_label(self):
        self.ensure_one()
        labels = dict(self._fields["approval_state"]._description_selection(self.env))
        return labels.get(self.approval_state or "none")

    # ------------------------------------------------------------------
    # Routing
    # ------------------------------------------------------------------
    def _get_customer_approval_amount(self):
        """The order total in the company currency, the currency of breakpoints."""
        self.ensure_one()
        company_currency = self.company_id.currency_id
        if self.currency_id == company_currency:
            return self.amount_total
        return self.currency_id._convert(
            self.amount_total,
            company_currency,
            self.company_id,
            self.date_order or fields.Date.today(),
        )

    def _is_above_breakpoint(self, partner):
        """Whether the order exceeds the enabled breakpoint of ``partner``.

        A breakpoint of 0 means that every order is above it.
        """
        self.ensure_one()
        if not partner.approval_breakpoint_enabled:
            return False
        currency = self.company_id.currency_id
        if currency.is_zero(partner.approval_breakpoint):
            return True
        amount = self._get_customer_approval_amount()
        return (
            float_compare(
                amount,
                partner.approval_breakpoint,
                precision_rounding=currency.rounding,
            )
            > 0
        )

    def _cart_add(self, product_id, quantity=1.0, **kwargs):
        # A buyer limited to the contract assortment cannot add anything else,
        # whatever the request says (the cart works as superuser).
        self.partner_id._check_contract_assortment_products(
            self.env["product.product"].browse(product_id)
        )
        return super()._cart_add(product_id, quantity=quantity, **kwargs)

    def _cart_add_contract_product(self, product_id, quantity):
        """Add a product of the buyer's contract assortment to this cart, from the
        posted values of /shop/contract (checked here, never trusted).

        :return: the product's name, for the message to the buyer.
        """
        self.ensure_one()
        product = self.env["product.product"]
        if str(product_id).isdigit():
            product = product.browse(int(product_id)).exists()
        quantity = self._parse_approval_quantity(quantity)
        if not product or quantity < 1 or quantity != int(quantity):
            raise UserError(_("Please choose a product and a whole quantity."))
        inside = self.partner_id._get_contract_assortment()._filter_contract_assortment(
            product
        )
        if not inside or not product._is_add_to_cart_allowed():
            raise UserError(
                _("%s is not in your contract assortment.", product.display_name)
            )
        self._cart_add(product.id, quantity=int(quantity))
        return product.display_name

    def _get_product_lines(self):
        """The lines of goods the customer's rules judge: not sections nor notes,
        nor delivery, down payment, discount or reward lines."""
        self.ensure_one()
        return self.order_line.filtered("is_customer_approval_goods")

    def _get_lines_outside_contract_assortment(self):
        """The product lines outside the buyer's contract assortment (all of them
        when the buyer's company has none), in one query for the whole order."""
        self.ensure_one()
        lines = self._get_product_lines()
        if not lines:
            return lines
        outside = self.partner_id._get_products_outside_contract_assortment(
            lines.product_id
        )
        return lines.filtered(lambda line: line.product_id in outside)

    def _get_customer_approval_reasons(self):
        """Why the order needs approval, from the buyer's settings.

        :return: a list of values for ``sale.order.approval.reason``; empty when the
            order goes through the normal checkout.
        """
        self.ensure_one()
        buyer = self.partner_id
        currency = self.company_id.currency_id
        reasons = []
        if self.is_free_text_order:
            reasons.append({"code": "free_text", "sequence": 5})
        if buyer.approval_mode == "always":
            reasons.append({"code": "always", "sequence": 10})
        if self._is_above_breakpoint(buyer):
            reasons.append(
                {
                    "code": "breakpoint",
                    "sequence": 20,
                    "currency_id": currency.id,
                    "amount": self._get_customer_approval_amount(),
                    "threshold": buyer.approval_breakpoint,
                }
            )
        if buyer.approval_mode == "outside_assortment":
            lines = self._get_lines_outside_contract_assortment()
            if lines:
                reasons.append(
                    {
                        "code": "outside_assortment",
                        "sequence": 30,
                        "product_ids": [Command.set(lines.product_id.ids)],
                    }
                )
        return reasons

    def _get_customer_approval_done_by(self):
        """People who already approved the order in its current round: they are not
        asked again. (A new round after a rejection asks everybody again.)"""
        self.ensure_one()
        return self.approval_history_ids.filtered(
            lambda h: (
                h.decision in ("passed_on", "released")
                and h.round == self.approval_round
            )
        ).approver_id

    def _get_customer_approval_deciders(self, include_admins=False, admins=None):
        """Who is asked to decide the order now: its current approver, else the
        customer admins; never the buyer nor somebody who already approved it.

        :param include_admins: also the customer admins, who may decide any order
            of their company out of turn.
        :param admins: the customer admins of the buyer's company, when the caller
            already has them.
        """
        self.ensure_one()
        if self.approval_state != "waiting":
            return self.env["res.partner"]
        return self._customer_approval_deciders_of(
            self.current_approver_id,
            include_admins=include_admins,
            admins=admins,
            done_by=self._get_customer_approval_done_by(),
        )

    def _customer_approval_deciders_of(
        self, approver, include_admins=False, admins=None, done_by=None
    ):
        """Who decides when ``approver`` is the current approver (empty: the
        customer admins), without the buyer and ``done_by``. Needs no write, so a
        submission knows its deciders before it changes anything."""
        self.ensure_one()
        if admins is None and (include_admins or not approver):
            admins = self.partner_id.sudo()._get_customer_admins().sudo(False)
        deciders = approver or admins
        if include_admins:
            deciders |= admins
        return deciders - self.partner_id - (done_by or self.env["res.partner"])

    def _get_customer_approval_escalation(self, approver):
        """Where an approval above ``approver``'s breakpoint goes.

        :return: ``(next approver, waits for admins)``; ``(empty, False)`` when nobody
            is above: the approval is then final.
        """
        self.ensure_one()
        excluded = self.partner_id | self._get_customer_approval_done_by() | approver
        next_approver = approver.next_approver_id
        if next_approver and next_approver not in excluded:
            return next_approver, False
        if not approver.is_customer_admin:
            admins = self.partner_id.sudo()._get_customer_admins() - excluded
            if admins:
                return self.env["res.partner"], True
        return self.env["res.partner"], False

    # ------------------------------------------------------------------
    # Decisions: one entry point each, for the portal, the backoffice and RPC.
    # Each checks everything before it writes, and runs in a savepoint: an error
    # leaves the orders exactly as they were, whoever catches it.
    # ------------------------------------------------------------------
    def _check_customer_approval_buyer(self):
        """The buyer of the order, or the vendor's sales staff, may submit and
        withdraw it."""
        user = self.env.user
        if user._is_internal() and user.has_group("sales_team.group_sale_salesman"):
            return
        for order in self:
            if order.partner_id != user.partner_id:
                raise AccessError(
                    _("Only the buyer of order %s may do this.", order.name)
                )

    def _lock_for_customer_decision(self):
        """Lock the orders so that two approvers acting at once decide once.

        The second transaction waits for the first one; under Odoo's repeatable-read
        isolation it then fails to serialise and is retried, and sees the decision.
        """
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sale_order WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            ["approval_state", "current_approver_id", "approval_level"]
        )

    def _check_customer_approval_waiting(self):
        for order in self:
            if order.approval_state != "waiting":
                raise UserError(
                    _(
                        "Order %(order)s does not wait for approval any more "
                        "(%(state)s).",
                        order=order.name,
                        state=order._get_approval_state_label(),
                    )
                )

    def _check_customer_approval_decider(self, partner):
        self.ensure_one()
        self._check_customer_approval_waiting()
        if partner == self.partner_id:
            raise AccessError(_("You cannot decide on your own order %s.", self.name))
        if partner not in self._get_customer_approval_deciders(include_admins=True):
            if partner in self._get_customer_approval_done_by():
                raise UserError(_("You have already approved order %s.", self.name))
            raise AccessError(
                _(
                    "Only the current approver of order %s, or a customer admin of "
                    "the buyer's company, may decide on it.",
                    self.name,
                )
            )

    def _prefetch_lines_for_state_change(self):
        """A change of state recomputes stored amounts of the lines, and Odoo writes
        each with its currency: read the currencies of all lines in one query rather
        than one per line."""
        self.order_line.fetch(["currency_id"])

    def _add_approval_history(self, decision, approver=False, comment=False):
        self.ensure_one()
        return Command.create(
            {
                "decision": decision,
                "approver_id": approver and approver.id,
                "user_id": self.env.user.id,
                "level": self.approval_level,
                "round": self.approval_round,
                "comment": comment,
                "currency_id": self.currency_id.id,
                "amount_total": self.amount_total,
            }
        )

    def action_submit_for_customer_approval(self):
        """Route the order of a buyer at checkout, or submit again an order whose
        approval ended (rejected, withdrawn, cancelled) and that is a quotation
        again: it starts a new round from the buyer's next approver.

        :return: True when the order now waits for approval, False when it needs
            none (it then continues as any other order).
        """
        self.ensure_one()
        self._check_customer_approval_buyer()
        self._lock_for_customer_decision()
        if self.approval_state == "waiting":
            raise UserError(_("Order %s already waits for approval.", self.name))
        if self.approval_state == "approved" or self.state not in ("draft", "sent"):
            raise UserError(
                _("Only a quotation can be submitted for approval (%s).", self.name)
            )
        reasons = self._get_customer_approval_reasons()
        if not reasons:
            if self.approval_state in ENDED_APPROVAL_STATES:
                # The order needs no approval any more (the buyer's settings
                # changed): it becomes an ordinary quotation again.
                self.sudo().write({"approval_state": "none"})
            return False
        order = self.sudo()
        buyer = order.partner_id
        # Who will decide, known before anything is written.
        deciders = order._customer_approval_deciders_of(buyer.next_approver_id)
        if not deciders:
            raise UserError(
                _(
                    "Nobody of %s can approve this order. Please ask your customer "
                    "admin to choose your next approver.",
                    buyer.commercial_partner_id.display_name,
                )
            )
        with self.env.cr.savepoint():
            order._prefetch_lines_for_state_change()
            order.write(
                {
                    # A waiting order is no cart any more: website_sale starts a new
                    # cart for the buyer, and the vendor finds it among sent
                    # quotations.
                    "state": "sent",
                    "approval_state": "waiting",
                    "current_approver_id": buyer.next_approver_id.id,
                    "approval_level": 1,
                    "approval_round": order.approval_round + 1,
                    "approval_requested_date": fields.Datetime.now(),
                    "approval_reminder_date": False,
                    "approval_reason_ids": [Command.clear()]
                    + [Command.create(values) for values in reasons],
                }
            )
            order.write(
                {
                    "approval_history_ids": [
                        order._add_approval_history(
                            "submitted", order.current_approver_id
                        )
                    ]
                }
            )
            order._log_customer_approval(
                _(
                    "Submitted for approval to %(deciders)s: %(reasons)s",
                    deciders=", ".join(deciders.mapped("name")),
                    reasons="; ".join(order.approval_reason_ids.mapped("name")),
                )
            )
            order._send_customer_approval_mail("submitted", buyer)
            order._send_customer_approval_mail("request", deciders)
        return True

    def action_customer_approve(
        self, comment=None, refused_line_ids=None, quantities=None
    ):
        """Approve as the current user: pass the order on when its total is above
        the approver's breakpoint, else release it. All the orders or none: an
        error leaves every one of them as it was.

        :param refused_line_ids: ids of lines outside the contract assortment that
            the approver refuses (one order only): they are removed first.
        :param dict quantities: {line id: new quantity} (one order only): the
            approver's changes of the page, applied first, as
            :meth:`action_customer_change_lines` does.
        """
        orders = self.union()  # an id given twice is decided once
        if refused_line_ids or quantities:
            orders.ensure_one()
        approver = self.env.user.partner_id
        orders._lock_for_customer_decision()
        changes = {}
        for order in orders:
            order._check_customer_approval_decider(approver)
            order._check_customer_approval_approvable()
            if quantities:
                changes = order._customer_approval_parse_changes(quantities)
        with self.env.cr.savepoint():
            for order in orders.sudo():
                if changes:
                    order._customer_approval_apply_changes(approver, changes)
                if refused_line_ids:
                    order._customer_refuse_lines(approver, refused_line_ids)
                order._customer_approve(approver, comment)
        return True

    def _customer_approval_approve_each(self):
        """Bulk approval: approve each order on its own, as far as it goes.

        :return: ``(approved orders, {order: why it was not approved})``
        """
        approved = self.browse()
        refused = {}
        for order in self.union():
            try:
                order.action_customer_approve()
            except (UserError, AccessError) as error:
                refused[order] = error.args[0]
            else:
                approved |= order
        return approved, refused

    def _check_customer_approval_approvable(self):
        """What must hold before an approver approves (besides who they are)."""
        self.ensure_one()
        if self.is_free_text_order and not self._get_product_lines():
            raise UserError(
                _(
                    "Order %s is a free-text request: add the products it asks "
                    "for before you approve it.",
                    self.name,
                )
            )

    def _customer_refuse_lines(self, approver, line_ids):
        """Line-level release: remove the refused lines outside the contract
        assortment, record which, and tell the buyer."""
        self.ensure_one()
        outside = self._get_lines_outside_contract_assortment()
        outside_by_id = {line.id: line for line in outside}
        refused = self.env["sale.order.line"]
        for line_id in line_ids:
            line = outside_by_id.get(str(line_id).isdigit() and int(line_id))
            if not line:
                raise UserError(
                    _(
                        "Only lines outside the contract assortment of order %s can "
                        "be refused one by one.",
                        self.name,
                    )
                )
            refused |= line
        if refused == self._get_product_lines():
            raise UserError(_("An order cannot lose all its lines: reject it instead."))
        summary = ", ".join(refused.product_id.mapped("display_name"))
        self.write(
            {
                "order_line": [Command.unlink(line.id) for line in refused],
                "approval_history_ids": [
                    self._add_approval_history("lines_refused", approver, summary)
                ],
            }
        )
        self._log_customer_approval(
            _(
                "%(approver)s refused lines outside the contract assortment.",
                approver=approver.name,
            ),
            summary,
        )
        self._send_customer_approval_mail("changed", self.partner_id)

    def _customer_approve(self, approver, comment):
        self.ensure_one()
        next_approver, to_admins = self.env["res.partner"], False
        if self._is_above_breakpoint(approver):
            next_approver, to_admins = self._get_customer_approval_escalation(approver)
        if not (next_approver or to_admins):
            return self._customer_approval_release(approver, comment)
        self.write(
            {
                "approval_history_ids": [
                    self._add_approval_history("passed_on", approver, comment)
                ],
                "current_approver_id": next_approver.id,
                "approval_level": self.approval_level + 1,
            }
        )
        deciders = self._get_customer_approval_deciders()
        self._log_customer_approval(
            _(
                "Approved by %(approver)s (level %(level)s) and passed on to "
                "%(deciders)s: the total is above their breakpoint.",
                approver=approver.name,
                level=self.approval_level - 1,
                deciders=", ".join(deciders.mapped("name")),
            ),
            comment,
        )
        self._send_customer_approval_mail("passed_on", deciders)
        return True

    def _customer_approval_release(self, approver, comment):
        """The last approval: Odoo confirms the order and the vendor processes it.

        An order that requires online payment is not confirmed here: the buyer pays
        it from the portal (the "approved" e-mail links to it), and the payment
        confirms it as any other paid order. Runs inside the caller's savepoint: a
        confirmation that fails undoes the release."""
        self.ensure_one()
        self.write(
            {
                "approval_state": "approved",
                "current_approver_id": False,
                "approval_history_ids": [
                    self._add_approval_history("released", approver, comment)
                ],
            }
        )
        if not self._customer_approval_awaits_payment():
            self._prefetch_lines_for_state_change()
            self.action_confirm()
        self._log_customer_approval(
            _(
                "Approved and released by %(approver)s (level %(level)s).",
                approver=approver.name,
                level=self.approval_level,
            ),
            comment,
        )
        self._send_customer_approval_mail("approved", self.partner_id)
        self._send_customer_approval_mail("released", self.user_id.partner_id)
        return True

    def _customer_approval_awaits_payment(self):
        """Whether a released order waits for the buyer's online payment: only
        where the vendor asks approved orders to be paid first (a setting);
        business customers buy on account by default."""
        self.ensure_one()
        prepayment = str2bool(
            self.env["ir.config_parameter"].sudo().get_param(PREPAYMENT_PARAM, "")
            or "0"
        )
        return bool(
            prepayment
            and self.require_payment
            and not self.currency_id.is_zero(self.amount_total)
            and not self._is_confirmation_amount_reached()
        )

    def action_customer_reject(self, reason):
        """Reject as the current user; the reason is mandatory and goes to the
        buyer. All the orders or none."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Please give the reason for the rejection."))
        orders = self.union()  # an id given twice is decided once
        approver = self.env.user.partner_id
        orders._lock_for_customer_decision()
        for order in orders:
            order._check_customer_approval_decider(approver)
        with self.env.cr.savepoint():
            for order in orders.sudo():
                order.write(
                    {
                        "approval_state": "rejected",
                        "current_approver_id": False,
                        "approval_history_ids": [
                            order._add_approval_history("rejected", approver, reason)
                        ],
                    }
                )
                order._action_cancel()
                order._log_customer_approval(
                    _(
                        "Rejected by %(approver)s (level %(level)s).",
                        approver=approver.name,
                        level=order.approval_level,
                    ),
                    reason,
                )
                order._send_customer_approval_mail("rejected", order.partner_id)
        return True

    def action_withdraw_customer_approval(self):
        """The buyer takes back an order that still waits; it is cancelled."""
        orders = self.union()
        orders._check_customer_approval_buyer()
        orders._lock_for_customer_decision()
        orders._check_customer_approval_waiting()
        with self.env.cr.savepoint():
            for order in orders.sudo():
                order.write(
                    {
                        "approval_state": "withdrawn",
                        "current_approver_id": False,
                        "approval_history_ids": [
                            order._add_approval_history("withdrawn", order.partner_id)
                        ],
                    }
                )
                order._action_cancel()
                order._log_customer_approval(_("Withdrawn by the buyer."))
        return True

    def action_customer_change_lines(self, quantities):
        """The approver lowers quantities or removes lines before approving.

        :param dict quantities: {order line id: new quantity}; 0 removes the line.
            Ids of other orders, section lines, and quantities above the ordered one
            are refused.
        :return: True when something changed.
        """
        self.ensure_one()
        approver = self.env.user.partner_id
        self._lock_for_customer_decision()
        self._check_customer_approval_decider(approver)
        changes = self._customer_approval_parse_changes(quantities)
        if not changes:
            return False
        with self.env.cr.savepoint():
            self.sudo()._customer_approval_apply_changes(approver, changes)
        return True

    def _customer_approval_parse_changes(self, quantities):
        """Check posted quantities against the order's lines.

        :return: {line: new quantity} of the lines that change.
        """
        self.ensure_one()
        lines = self.sudo()._get_product_lines()
        lines_by_id = {line.id: line for line in lines}
        changes = {}
        for line_id, posted_quantity in (quantities or {}).items():
            line = lines_by_id.get(str(line_id).isdigit() and int(line_id))
            if not line:
                raise UserError(_("This order has no such line."))
            quantity = self._parse_approval_quantity(posted_quantity)
            if quantity > line.product_uom_qty:
                raise UserError(
                    _(
                        "%(product)s: an approver can lower the quantity (at most "
                        "%(quantity)s) or remove the line, not raise it.",
                        product=line.product_id.display_name,
                        quantity=format_quantity(line.product_uom_qty),
                    )
                )
            if quantity != line.product_uom_qty:
                changes[line] = quantity
        if changes and all(
            not changes.get(line, line.product_uom_qty) for line in lines
        ):
            raise UserError(_("An order cannot lose all its lines: reject it instead."))
        return changes

    def _customer_approval_apply_changes(self, approver, changes):
        """Write checked changes of quantities, record them and tell the buyer."""
        self.ensure_one()
        removed = self.order_line.browse(
            [line.id for line, quantity in changes.items() if not quantity]
        )
        summary = "; ".join(
            _(
                "%(product)s: %(old)s → %(new)s",
                product=line.product_id.display_name,
                old=format_quantity(line.product_uom_qty),
                new=format_quantity(quantity),
            )
            if quantity
            else _("%(product)s removed", product=line.product_id.display_name)
            for line, quantity in changes.items()
        )
        self.write(
            {
                "order_line": [
                    Command.update(line.id, {"product_uom_qty": quantity})
                    for line, quantity in changes.items()
                    if quantity
                ]
                + [Command.unlink(line.id) for line in removed],
            }
        )
        self.write(
            {
                "approval_history_ids": [
                    self._add_approval_history("changed", approver, summary)
                ]
            }
        )
        self._log_customer_approval(
            _("Changed by %(approver)s.", approver=approver.name), summary
        )
        self._send_customer_approval_mail("changed", self.partner_id)

    def _parse_approval_quantity(self, value):
        """A posted quantity: a finite number, 0 or more."""
        try:
            quantity = float(value)
        except (TypeError, ValueError):
            quantity = -1.0
        if not 0 <= quantity < float("inf"):
            raise UserError(_("Quantities must be numbers, 0 or more."))
        return quantity

    # ------------------------------------------------------------------
    # Free-text orders: a request in words, the approver chooses the products
    # ------------------------------------------------------------------
    @api.model
    def _create_free_text_order(self, request_text, order_values=None):
        """Create and submit the free-text order of the current user.

        :param request_text: what the buyer needs, in their words.
        :param order_values: values of a new order from the shop (pricelist,
            fiscal position, sales team, website); the buyer and the request are
            set here whatever they say.
        :return: the order, waiting for approval.
        """
        buyer = self.env.user.partner_id
        if self.env.user._is_public() or not buyer.may_send_free_text_orders:
            raise AccessError(_("You may not send free-text orders."))
        request_text = (request_text or "").strip()
        if not request_text:
            raise UserError(_("Please describe what you need."))
        if len(request_text) > FREE_TEXT_MAX_LENGTH:
            raise UserError(
                _(
                    "Please describe what you need in %s characters at most.",
                    FREE_TEXT_MAX_LENGTH,
                )
            )
        values = dict(order_values or {})
        values.update(
            {
                "partner_id": buyer.id,
                "is_free_text_order": True,
                "order_line": [
                    Command.create({"display_type": "line_note", "name": request_text})
                ],
            }
        )
        if not values.get("company_id"):
            values["company_id"] = self.env.company.id
        # Nothing is kept of a request that cannot be submitted.
        with self.env.cr.savepoint():
            order = self.sudo().create(values)
            order.action_submit_for_customer_approval()
        return order

    def _get_free_text_request(self):
        """The buyer's words of a free-text order."""
        self.ensure_one()
        notes = self.order_line.filtered(lambda line: line.display_type == "line_note")
        return "\n".join(notes.mapped("name"))

    def _get_products_for_free_text_order(self, search, limit=FREE_TEXT_SEARCH_LIMIT):
        """Products an approver may add to this free-text order: those its buyer
        could order in the shop (sellable, published on the order's website, within
        the buyer's contract assortment when the buyer sees only that)."""
        self.ensure_one()
        search = (search or "").strip()
        if not search or not self.is_free_text_order:
            return self.env["product.product"]
        domain = self._get_free_text_product_domain() & Domain.OR(
            [
                Domain("name", "ilike", search),
                Domain("default_code", "ilike", search),
            ]
        )
        return self.env["product.product"].sudo().search(domain, limit=limit)

    def _get_free_text_product_prices(self, products):
        """Unit prices of ``products`` for this order, all in one go."""
        self.ensure_one()
        if not self.pricelist_id:
            return {product.id: product.lst_price for product in products}
        return self.pricelist_id._get_products_price(
            products, 1.0, currency=self.currency_id
        )

    def _get_free_text_product_domain(self):
        self.ensure_one()
        domain = Domain(
            [
                ("sale_ok", "=", True),
                ("is_published", "=", True),
                ("website_id", "in", [False, self.website_id.id]),
            ]
        )
        restriction = self.partner_id._get_shop_restriction_domain("product.product")
        return domain if restriction is None else domain & restriction

    def action_customer_add_product(self, product_id, quantity=1):
        """The approver adds a product to a free-text order (posted values are
        checked here, never trusted)."""
        self.ensure_one()
        approver = self.env.user.partner_id
        self._lock_for_customer_decision()
        self._check_customer_approval_decider(approver)
        if not self.is_free_text_order:
            raise UserError(
                _("Products can be added only to a free-text order (%s).", self.name)
            )
        order = self.sudo()
        product = self.env["product.product"]
        if str(product_id).isdigit():
            product = (
                product.sudo()
                .browse(int(product_id))
                .exists()
                .filtered_domain(order._get_free_text_product_domain())
            )
        quantity = self._parse_approval_quantity(quantity)
        if not product:
            raise UserError(_("This product cannot be ordered."))
        if not quantity:
            raise UserError(_("Please give a quantity above 0."))
        with self.env.cr.savepoint():
            order.write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": quantity}
                        )
                    ]
                }
            )
            summary = _(
                "%(product)s added (%(quantity)s)",
                product=product.display_name,
                quantity=format_quantity(quantity),
            )
            order.write(
                {
                    "approval_history_ids": [
                        order._add_approval_history("changed", approver, summary)
                    ]
                }
            )
            order._log_customer_approval(
                _("Changed by %(approver)s.", approver=approver.name), summary
            )
            # The buyer learns what their request became.
            order._send_customer_approval_mail("changed", order.partner_id)
        return product.display_name

    # ------------------------------------------------------------------
    # Portal: who sees what
    # ------------------------------------------------------------------
    @api.model
    def _get_customer_approval_domain(self, partner, scope="to_decide"):
        """The orders of ``partner``'s approval lists.

        :param scope: ``to_decide``: orders waiting for their decision (as current
            approver, or as customer admin when they wait for the admins);
            ``decided``: orders they approved, passed on or rejected.
        """
        decided_by_partner = Domain(
            "approval_history_ids",
            "any",
            [("approver_id", "=", partner.id), ("decision", "in", DECIDING_STEPS)],
        )
        if scope == "decided":
            return decided_by_partner
        asked = Domain("current_approver_id", "=", partner.id)
        if partner.is_customer_admin:
            asked |= Domain("current_approver_id", "=", False) & Domain(
                "partner_id.commercial_partner_id",
                "=",
                partner.commercial_partner_id.id,
            )
        return (
            Domain("approval_state", "=", "waiting")
            & Domain("partner_id", "!=", partner.id)
            & asked
            & ~decided_by_partner
        )

    @api.model
    def _get_portal_orders_domain(self, partner):
        """The orders ``partner`` sees in the portal: by role, unless their company
        keeps Odoo's default of everyone seeing all orders of the company."""
        company = partner.commercial_partner_id
        company_orders = Domain("partner_id", "child_of", [company.id])
        if (
            company.approval_orders_visibility == "company"
            or partner.is_customer_admin
            or company == partner
        ):
            return company_orders
        mine = Domain("partner_id", "=", partner.id)
        if partner.is_order_approver:
            mine |= Domain("current_approver_id", "=", partner.id)
            mine |= self._get_customer_approval_domain(partner, "decided")
        return company_orders & mine

    def _customer_approval_can_review(self, partner):
        """Whether ``partner`` may open the approval page of the order: its deciders,
        the approvers who decided it, and the customer admins of its company."""
        self.ensure_one()
        if self.partner_id.commercial_partner_id != partner.commercial_partner_id:
            return False
        if partner == self.partner_id:
            return False
        return bool(
            partner.is_customer_admin
            or partner in self._get_customer_approval_deciders(include_admins=True)
            or partner in self.approval_history_ids.approver_id
        )

    def _has_to_be_signed(self):
        # No "Accept & Sign" on the portal for an order the gate holds back.
        if self._customer_approval_gate_error():
            return False
        return super()._has_to_be_signed()

    def _has_to_be_paid(self):
        # No "Accept & Pay" nor "Pay Now" either.
        if self._customer_approval_gate_error():
            return False
        return super()._has_to_be_paid()

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------
    def _log_customer_approval(self, message, comment=None):
        self.ensure_one()
        body = Markup("<p>%s</p>") % message
        if comment:
            body += Markup("<p><em>%s</em></p>") % comment
        self._message_log(body=body)

    def _send_customer_approval_mail(self, step, partners):
        """Send the editable template of ``step`` to each of ``partners``, in their
        own language."""
        self.ensure_one()
        template = self.env.ref(MAIL_TEMPLATES[step], raise_if_not_found=False)
        if not template:
            return
        for partner in partners:
            template.with_context(approval_mail_lang=partner.lang).send_mail(
                self.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"recipient_ids": [Command.set(partner.ids)]},
            )

    @api.model
    def _cron_remind_customer_approvers(self):
        """Remind each approver, in one e-mail, of the orders that wait for them
        for more than the configured number of days (and were not recalled since)."""
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 2)
        )
        if days <= 0:
            return
        due = fields.Datetime.now() - timedelta(days=days)
        orders = self.sudo().search(
            [
                ("approval_state", "=", "waiting"),
                ("approval_requested_date", "<=", due),
                "|",
                ("approval_reminder_date", "=", False),
                ("approval_reminder_date", "<=", due),
            ]
        )
        admins = orders.partner_id._get_customer_admins_by_company()
        orders_by_approver = {}
        for order in orders:
            for approver in order._get_customer_approval_deciders(
                admins=admins.get(order.partner_id.commercial_partner_id)
            ):
                orders_by_approver.setdefault(approver, self.browse())
                orders_by_approver[approver] |= order
        template = self.env.ref(MAIL_TEMPLATES["reminder"], raise_if_not_found=False)
        if template:
            for approver, approver_orders in orders_by_approver.items():
                template.with_context(
                    approval_reminder_order_ids=approver_orders.ids
                ).send_mail(
                    approver.id,
                    email_layout_xmlid="mail.mail_notification_light",
                    email_values={"recipient_ids": [Command.set(approver.ids)]},
                )
        orders.write({"approval_reminder_date": fields.Datetime.now()})
