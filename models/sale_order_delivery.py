# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where an order of a sub-account may be delivered: the company's delivery
addresses allowed to the buyer; another address needs approval or is refused,
per company; an address of another company never."""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.depends("partner_id")
    def _compute_partner_shipping_id(self):
        # Odoo takes the first delivery contact it finds in the company, which
        # may be one the buyer is not allowed, or a colleague's own address.
        res = super()._compute_partner_shipping_id()
        for order in self:
            buyer = order.partner_id
            if not buyer or not buyer._delivery_address_rule_applies():
                continue
            allowed = buyer._get_allowed_delivery_addresses()
            if order.partner_shipping_id not in allowed:
                order.partner_shipping_id = (
                    allowed.filtered(lambda a: a.type == "delivery")[:1] or buyer
                )
        return res

    def _customer_delivery_address_applies(self):
        """Whether the delivery address of the order is checked: an order of a
        sub-account with something to deliver."""
        self.ensure_one()
        return self.partner_id._delivery_address_rule_applies() and not (
            self.order_line and self.only_services
        )

    def _customer_delivery_address_is_allowed(self):
        self.ensure_one()
        if not self._customer_delivery_address_applies():
            return True
        order = self.sudo()
        buyer = order.partner_id
        return order.partner_shipping_id in buyer._get_allowed_delivery_addresses()

    def _customer_delivery_address_error(self):
        """Why the order may not be delivered where it says, or False: an address
        of another company, or (when the company refuses them) an address not
        allowed to the buyer."""
        self.ensure_one()
        if not self._customer_delivery_address_applies():
            return False
        shipping = self.partner_shipping_id.sudo()
        company = self.partner_id.commercial_partner_id
        if shipping.commercial_partner_id != company:
            return _(
                "Order %(order)s cannot be delivered to %(address)s: it is not an "
                "address of %(company)s.",
                order=self.name,
                address=shipping.name or "",
                company=company.display_name,
            )
        if (
            company.delivery_address_policy == "refuse"
            and not self._customer_delivery_address_is_allowed()
        ):
            return _(
                "Order %(order)s cannot be delivered to %(address)s: %(buyer)s may "
                "ship only to the delivery addresses of %(company)s allowed to them. "
                "Please choose one of them.",
                order=self.name,
                address=shipping._get_delivery_address_line(),
                buyer=self.partner_id.name,
                company=company.display_name,
            )
        return False

    def _customer_approval_reasons(self):
        reasons = super()._customer_approval_reasons()
        if (
            self.partner_id.commercial_partner_id.delivery_address_policy != "refuse"
            and not self._customer_delivery_address_is_allowed()
        ):
            reasons.append(
                {
                    "code": "delivery_address",
                    "sequence": 40,
                    # the sentence names the buyer, also before the reason is saved
                    "order_id": self.id,
                    "delivery_address_id": self.partner_shipping_id.id,
                }
            )
        return reasons

    def _customer_approval_refusal(self):
        return self._customer_delivery_address_error() or (
            super()._customer_approval_refusal()
        )

    def action_submit_for_customer_approval(self):
        self.ensure_one()
        self._customer_approval_check_buyer()
        # The products may be out of the buyer's reach; the engine reads as superuser.
        if error := self.sudo()._customer_delivery_address_error():
            raise UserError(error)
        return super().action_submit_for_customer_approval()

    def _update_address(self, partner_id, fnames=None):
        # The shop's address routes: a buyer ships only to an address offered to
        # them, never to one of another company or of a colleague, whatever id
        # was posted.
        if fnames and "partner_shipping_id" in fnames and not self.only_services:
            buyer = self.partner_id
            offered = buyer._get_checkout_delivery_addresses()
            if offered is not False and partner_id not in offered.ids:
                raise AccessError(_("You cannot ship to this address."))
        return super()._update_address(partner_id, fnames)
