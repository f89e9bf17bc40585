# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The lock that serialises the orders spending the same budget or number of
orders.

Odoo's transactions are REPEATABLE READ: each sees the database as it was at
its first statement, which in a web request is long before the checkout takes
any lock. A row only locked (``SELECT ... FOR UPDATE``) would make the second
order wait for the first, then count what is spent without the first order,
which its snapshot does not hold: the budget would be over-spent, whether the
lock is the transaction's first statement or not (the snapshot is taken when
that statement starts, before it waits). So the lock row is rewritten: the
second order waits while the first is placed, then fails to serialise, and
Odoo tries its request again with a snapshot that holds the first order.

What keeps this cheap is the choice of rows: the narrowest that still prevents
over-spending (the buyer for what counts per buyer, a person's or a
department's budget), so that the buyers of one company only wait for each
other where they share a budget. The conflict is expected: it is logged at
DEBUG here, not as Odoo's "bad query" error."""

import logging
import time

from psycopg2 import errors

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Expected when two orders spend the same at the same moment: Odoo retries them.
EXPECTED_CONFLICTS = (
    errors.SerializationFailure,
    errors.LockNotAvailable,
    errors.DeadlockDetected,
)
# A wait for another order's lock longer than this is worth a debug line.
LONG_WAIT = 0.05


def lock_for_spending(env, table, ids):
    """Lock and rewrite the rows ``ids`` of ``table`` (a trusted table name),
    in the order of their ids, so that two transactions locking several rows
    never wait for each other in a circle.

    Raises the serialisation failure of a concurrent order that spent the same
    since this transaction began (Odoo retries the request); logs it, and any
    long wait, at DEBUG."""
    if not ids:
        return
    ids = tuple(sorted(set(ids)))
    query = SQL(
        "UPDATE %(table)s SET write_date = write_date WHERE id IN ("
        "SELECT id FROM %(table)s WHERE id IN %(ids)s ORDER BY id "
        "FOR NO KEY UPDATE)",
        table=SQL.identifier(table),
        ids=ids,
    )
    start = time.monotonic()
    try:
        env.cr.execute(query, log_exceptions=False)
    except EXPECTED_CONFLICTS as error:
        _logger.debug(
            "Spending %s %s at the same moment as another order, after %.3f s: "
            "tried again (%s)",
            table,
            list(ids),
            time.monotonic() - start,
            error.pgcode,
        )
        raise
    waited = time.monotonic() - start
    if waited > LONG_WAIT:
        _logger.debug(
            "Spending %s %s waited %.3f s for another order", table, list(ids), waited
        )
