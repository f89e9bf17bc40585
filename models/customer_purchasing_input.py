# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the rules and budgets say of an order is worked out once per transaction
and state of the order (sale.order._customer_purchasing_facts): the cart page,
a confirmation and a submission ask it several times. Every model whose records
that working out reads inherits the mixin below, so that a change of any of them
forgets it at once."""

from odoo import api, models

# Key of env.cr.cache: Odoo clears it at commit, rollback and the rollback of a
# savepoint, so nothing outlives what it was worked out from.
PURCHASING_FACTS_MEMO = "website_sale_customer_approval.purchasing_facts"


def forget_purchasing_facts(env):
    """Forget what the rules and budgets said of every order in this transaction.
    Code that writes what they read in SQL calls it, as it invalidates the ORM."""
    env.cr.cache.pop(PURCHASING_FACTS_MEMO, None)


class CustomerPurchasingInput(models.AbstractModel):
    """Records that the purchasing findings read: orders and lines (spending),
    rules, budgets, departments, people, products, rates and payments."""

    _name = "customer.purchasing.input"
    _description = "Input of the purchasing findings of orders"

    # The fields whose change may change the findings; None: every field.
    _purchasing_input_fields = None

    def _forget_purchasing_facts(self, vals=None):
        watched = self._purchasing_input_fields
        if vals is None or watched is None or not watched.isdisjoint(vals):
            forget_purchasing_facts(self.env)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._forget_purchasing_facts()
        return records

    def write(self, vals):
        # Before and after: what a write computes on its way (a constraint, a
        # recomputation) must not be kept either.
        self._forget_purchasing_facts(vals)
        result = super().write(vals)
        self._forget_purchasing_facts(vals)
        return result

    def unlink(self):
        self._forget_purchasing_facts()
        return super().unlink()
