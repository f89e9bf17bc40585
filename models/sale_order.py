# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer approval of an order: its state contract, fields and labels.

The engine lives beside this file, one job a file: sale_order_routing (why and
who), sale_order_approval (the decisions), sale_order_approval_edit (the
approver's changes), sale_order_guard (the gate), sale_order_notify (e-mails),
sale_order_portal (who sees what), sale_order_assortment, sale_order_free_text
and sale_order_spending.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


def customer_approval_access_error(message):
    """A refusal of the engine, worded for the person who acts ("Only the
    current approver of order S00042 ..."): an AccessError (RPC clients see
    odoo.exceptions.AccessError) marked as the addon's own. The portal shows its
    sentence; any other AccessError (a record rule, an access right of the ORM)
    is shown as the addon's own sentence, never as Odoo's generic one."""
    error = AccessError(message)
    error.customer_approval_words = True
    return error


# The state contract of the customer approval, in one place.
APPROVAL_STATES = [
    ("none", "No approval needed"),
    ("waiting", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected by approver"),
    ("withdrawn", "Withdrawn by buyer"),
    ("cancelled", "Cancelled by vendor"),
]
# The vendor may not confirm, invoice nor take payment of an order in these states
# (nor of a web-shop order in "none" whose buyer's settings give reasons).
BLOCKED_APPROVAL_STATES = ("waiting", "rejected", "withdrawn", "cancelled")
# States that end a round: set back to quotation, such an order can be submitted
# again for a new round (so can an approved one that changed after its release:
# approval_resubmittable).
ENDED_APPROVAL_STATES = ("rejected", "withdrawn", "cancelled")
# The only state an approver decides in.
DECIDING_STATE = "waiting"
# History decisions that count as "decided by" their approver.
DECIDING_STEPS = ("passed_on", "released", "rejected")
# Fields only the approval engine writes (it does so as superuser, after its checks).
ENGINE_FIELDS = {
    "approval_state",
    "approval_fingerprint",
    "current_approver_id",
    "current_pool_id",
    "absent_approver_id",
    "placed_by_partner_id",
    "approval_level",
    "approval_round",
    "approval_approvals_needed",
    "approval_requested_date",
    "approval_reason_ids",
    "approval_history_ids",
    "approval_reminder_date",
    "approval_waiting_since",
    "is_free_text_order",
}
# Context key: the orders that earlier steps of the same call let through the gate
# (see _customer_approval_check_gate): spending counts them too.
SPENDING_BATCH_CONTEXT_KEY = "customer_approval_spending_batch_ids"
# The engine's extension points on sale.order: {method: (what it answers, the
# files that define it, in the order a call runs through them: each calls
# super(), the last one is the base)}. The order is Python's method order,
# which follows models/__init__.py; tests/test_extension_points.py fails when
# the code and this table disagree, and DESIGN.md shows it.
EXTENSION_POINTS = {
    "_customer_approval_reasons": (
        "why an order needs approval",
        ["sale_order_purchasing", "sale_order_delivery", "sale_order_routing"],
    ),
    "_customer_approval_refusal": (
        "what nobody may release",
        ["sale_order_purchasing", "sale_order_delivery", "sale_order_guard"],
    ),
    "_customer_approval_first_deciders": (
        "who decides first",
        ["sale_order_pool", "sale_order_purchasing_routing", "sale_order_approval"],
    ),
    "_customer_approval_route_to": (
        "who stands in for an approver",
        ["sale_order_on_behalf", "sale_order_pool", "sale_order_substitute"],
    ),
    "_customer_approval_deciders_of": (
        "who may decide now",
        ["sale_order_on_behalf", "sale_order_pool", "sale_order_routing"],
    ),
    "_customer_approval_check_decider": (
        "whether this person may decide",
        ["sale_order_on_behalf", "sale_order_approval"],
    ),
    "_customer_approval_check_buyer": (
        "who may submit and withdraw",
        ["sale_order_on_behalf", "sale_order_approval"],
    ),
    "action_submit_for_customer_approval": (
        "what a submission checks",
        [
            "sale_order_on_behalf",
            "sale_order_purchasing",
            "sale_order_delivery",
            "sale_order_four_eyes",
            "sale_order_approval",
        ],
    ),
    "_customer_approval_lock_spending": (
        "what a step towards the vendor locks",
        ["sale_order_purchasing", "sale_order_guard"],
    ),
    "_compute_customer_approval_submittable": (
        "whether the vendor may submit a quotation",
        ["sale_order_purchasing", "sale_order_routing"],
    ),
    "_customer_approval_approvals_needed": (
        "how many different people approve before release",
        ["sale_order_purchasing_routing", "sale_order_four_eyes"],
    ),
    "_customer_approval_send_mail": (
        "what is mailed",
        ["sale_order_on_behalf", "sale_order_via_email", "sale_order_notify"],
    ),
}
FREE_TEXT_MAX_LENGTH = 2000
FREE_TEXT_SEARCH_LIMIT = 8
REMINDER_DAYS_PARAM = "website_sale_customer_approval.reminder_days"
PREPAYMENT_PARAM = "website_sale_customer_approval.prepayment"
EMAIL_DECISION_DAYS_PARAM = "website_sale_customer_approval.email_decision_days"
# The days settings: (parameter, value when it was never set). 0 turns off.
DAYS_SETTINGS = {
    REMINDER_DAYS_PARAM: 2,
    EMAIL_DECISION_DAYS_PARAM: 7,
}

MAIL_TEMPLATES = {
    "request": "website_sale_customer_approval.mail_template_approval_request",
    "passed_on": "website_sale_customer_approval.mail_template_approval_passed_on",
    "submitted": "website_sale_customer_approval.mail_template_order_submitted",
    "approved": "website_sale_customer_approval.mail_template_order_approved",
    "rejected": "website_sale_customer_approval.mail_template_order_rejected",
    "released": "website_sale_customer_approval.mail_template_order_released",
    "reminder": "website_sale_customer_approval.mail_template_approval_reminder",
    "changed": "website_sale_customer_approval.mail_template_order_changed",
    "escalated": "website_sale_customer_approval.mail_template_approval_escalated",
    "escalated_notice": (
        "website_sale_customer_approval.mail_template_approval_escalated_notice"
    ),
}


def get_days_setting(env, param):
    """A days setting of the vendor: the stored number, 0 included (it turns
    the feature off), else its default."""
    value = env["ir.config_parameter"].sudo().get_param(param)
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return DAYS_SETTINGS[param]


def format_quantity(quantity):
    """A quantity as people write it: 2 rather than 2.0, 2.5 as it is, and
    1234567 rather than "%g"'s 1.23457e+06."""
    text = "%.6f" % quantity
    return text.rstrip("0").rstrip(".") if "." in text else text


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
    # Stored for the vendor's lists and reports, grouped by customer company
    # (a search view cannot group by a path); filled in SQL at upgrade.
    customer_company_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer company",
        store=True,
        index=True,
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
    approval_waiting_days = fields.Float(
        compute="_compute_approval_waiting_days",
        string="Waiting (days)",
        digits=(16, 1),
        help="Days since the submission, while the order waits: sorted as "
        "its submission date (see _order_field_to_sql).",
    )

    # The vendor's waiting list (waiting longest first) and the reminder cron
    # read the waiting orders by their submission date.
    _approval_waiting_requested_idx = models.Index(
        "(approval_requested_date, id) WHERE approval_state = 'waiting'"
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
            order.approval_decider_ids = order._customer_approval_deciders(
                admins=admins.get(order.partner_id.commercial_partner_id)
            )

    @api.depends("approval_history_ids.comment", "approval_history_ids.decision")
    def _compute_approval_rejection_reason(self):
        for order in self:
            rejections = order.approval_history_ids.filtered(
                lambda h: h.decision == "rejected"
            )
            order.approval_rejection_reason = rejections[-1:].comment

    @api.depends("approval_state")
    def _compute_type_name(self):
        # A buyer's order under approval is an order to them, not a quotation of
        # the vendor, whatever Odoo's state while it waits (or waits for payment).
        result = super()._compute_type_name()
        for order in self:
            if order.approval_state not in (False, "none") and order.state != "sale":
                order.type_name = _("Order")
        return result

    @api.depends("approval_state", "approval_requested_date")
    def _compute_approval_waiting_days(self):
        now = fields.Datetime.now()
        for order in self:
            if order.approval_state == "waiting" and order.approval_requested_date:
                delta = now - order.approval_requested_date
                order.approval_waiting_days = delta.total_seconds() / 86400
            else:
                order.approval_waiting_days = 0.0

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        # Waiting days are sortable: the longer an order waits, the earlier its
        # submission (orders that do not wait count 0 days, the fewest).
        if field_name != "approval_waiting_days":
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        flip = {"ASC": SQL("DESC"), "DESC": SQL("ASC"), "": SQL("DESC")}
        flip_nulls = {
            "NULLS FIRST": SQL("NULLS LAST"),
            "NULLS LAST": SQL("NULLS FIRST"),
            "": SQL(),
        }
        return SQL(
            "CASE WHEN %s = 'waiting' THEN %s END %s %s",
            self._field_to_sql(alias, "approval_state", query),
            self._field_to_sql(alias, "approval_requested_date", query),
            flip[direction.code],
            flip_nulls[nulls.code],
        )

    @api.model_create_multi
    def create(self, vals_list):
        # As in write: an order is not born approved, waiting or decided, neither
        # by its values nor by defaults of a crafted context.
        if not self.env.su and (
            any(ENGINE_FIELDS.intersection(vals) for vals in vals_list)
            or any(f"default_{name}" in self.env.context for name in ENGINE_FIELDS)
        ):
            raise AccessError(
                _(
                    "The customer approval of an order changes only through its "
                    "decisions (submit, approve, reject, withdraw)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and ENGINE_FIELDS.intersection(vals):
            raise AccessError(
                _(
                    "The customer approval of an order changes only through its "
                    "decisions (submit, approve, reject, withdraw)."
                )
            )
        return super().write(vals)

    @api.model
    def _customer_approval_error_text(self, error):
        """The sentence of a refused action for the person who acted: the
        engine's own (a UserError, a customer_approval_access_error), else, for an
        access error of the ORM (Odoo's generic "top-secret records"), the
        addon's sentence, which says nothing of the order or its company."""
        if isinstance(error, AccessError) and not getattr(
            error, "customer_approval_words", False
        ):
            return _(
                "You may not decide this order: it is not waiting for your approval."
            )
        return error.args[0]

    def _customer_approval_state_label(self):
        self.ensure_one()
        labels = dict(self._fields["approval_state"]._description_selection(self.env))
        return labels.get(self.approval_state or "none")

    def get_customer_approval_url(self, action=""):
        """The address of the order's approval page (``/my/approvals/<id>``), or of
        one of its actions (``approve``, ``reject``, ``change``, ``add_product``):
        relative, as the portal links it; e-mails prefix the base URL. Public, as
        Odoo's ``get_portal_url``, for templates."""
        self.ensure_one()
        url = f"/my/approvals/{self.id}"
        return f"{url}/{action}" if action else url
