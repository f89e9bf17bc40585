# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contract assortments on the order: the cart, the lines judged, refused lines."""

from odoo import Command, _, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"

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
        quantity = self._customer_approval_parse_quantity(quantity)
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

    def _customer_approval_refuse_lines(self, approver, line_ids):
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
                    self._customer_approval_history_step(
                        "lines_refused", approver, summary
                    )
                ],
            }
        )
        self._customer_approval_log(
            _lt(
                "%(approver)s refused lines outside the contract assortment.",
                approver=approver.name,
            ),
            summary,
        )
        self._customer_approval_send_mail("changed", self.partner_id)
