# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """Demo orders of 19.0.1.1.0 were put in approval without a round (real orders
    always went through the engine, which numbers them): they are in round 1, and
    steps recorded without a round belong to their order's round."""
    cr.execute(
        """
        UPDATE sale_order SET approval_round = 1
         WHERE approval_state NOT IN ('none') AND approval_round IS NULL
        """
    )
    cr.execute(
        """
        UPDATE sale_order_approval_history step
           SET round = sale_order.approval_round
          FROM sale_order
         WHERE sale_order.id = step.order_id
           AND COALESCE(step.round, 0) = 0
           AND sale_order.approval_round > 0
        """
    )
