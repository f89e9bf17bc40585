# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The approver edits the order before deciding: lower quantities, remove
lines. Posted values are checked here, never trusted."""

from odoo import Command, _, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from .sale_order import (
    format_quantity,
)

_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_customer_change_lines(self, quantities):
        """The approver lowers quantities or removes lines before approving.

        :param dict quantities: {order line id: new quantity}; 0 removes the line.
            Ids of other orders, section lines, and quantities above the ordered one
            are refused.
        :return: True when something changed.
        """
        self.ensure_one()
        approver = self.env.user.partner_id
        self._customer_approval_lock()
        self._customer_approval_check_decider(approver)
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
            quantity = self._customer_approval_parse_quantity(posted_quantity)
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
        # self.env._: a generator's frame has no env for _() to find (e-mail
        # links and crons run outside a request).
        summary = "; ".join(
            self.env._(
                "%(product)s: %(old)s → %(new)s",
                product=line.product_id.display_name,
                old=format_quantity(line.product_uom_qty),
                new=format_quantity(quantity),
            )
            if quantity
            else self.env._("%(product)s removed", product=line.product_id.display_name)
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
                    self._customer_approval_history_step("changed", approver, summary)
                ]
            }
        )
        self._customer_approval_log(
            _lt("Changed by %(approver)s.", approver=approver.name), summary
        )
        self._customer_approval_send_mail("changed", self.partner_id)

    def _customer_approval_parse_quantity(self, value):
        """A posted quantity: a finite number, 0 or more."""
        try:
            quantity = float(value)
        except (TypeError, ValueError):
            quantity = -1.0
        if not 0 <= quantity < float("inf"):
            raise UserError(_("Quantities must be numbers, 0 or more."))
        return quantity
