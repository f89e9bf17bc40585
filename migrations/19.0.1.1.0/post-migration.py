# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def migrate(cr, version):
    """Rounds of approval: orders that went through approval before this version
    had one round, and their history steps belong to it."""
    cr.execute(
        """
        UPDATE sale_order SET approval_round = 1
         WHERE approval_state IS NOT NULL AND approval_state != 'none'
           AND COALESCE(approval_round, 0) = 0
        """
    )
    cr.execute("UPDATE sale_order_approval_history SET round = 1 WHERE round IS NULL")
