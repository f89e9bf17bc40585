# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the crons of the customer approval work: by batches, each committed
with the progress Odoo asks for (``ir.cron._commit_progress``), so that a long
backlog is done in one sequence of runs, a decision made meanwhile is neither
waited for nor overwritten, and one order that fails stops nothing else.

A *run* lasts from the first call of the cron to the call that reports that
nothing remains. Odoo calls the cron again at once while something remains
(as long as its time slice lasts, then as soon as the other crons had their
turn); the cron's ``lastcall`` stays the same meanwhile. Where a run stands
(the last id it handled, the orders that failed) is kept between the calls in
a system parameter, written in SQL as Odoo's own crons do (no cache to clear):
an order that failed or was left because it was locked is not tried again in
the same run, and the next run starts from the beginning.

Called from code, outside a cron, a call does all in the caller's transaction
(no commit: the caller owns it)."""

import json
import logging

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

CRON_RUN_PARAM = "website_sale_customer_approval.cron_run.%s"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _customer_approval_in_cron(self):
        """Whether the call is a run of a cron (it reports its progress)."""
        return bool(self.env.context.get("ir_cron_progress_id"))

    @api.model
    def _customer_approval_cron_run(self, job):
        """Where the run of ``job`` stands: ``{"run", "cursor", "failed"}``,
        ``cursor`` the last id it handled and ``failed`` the ids of the
        orders that failed in this run."""
        run = {"run": str(self.env.context.get("lastcall")), "cursor": 0, "failed": []}
        if not self._customer_approval_in_cron():
            return run
        rows = self.env.execute_query(
            SQL(
                "SELECT value FROM ir_config_parameter WHERE key = %s",
                CRON_RUN_PARAM % job,
            )
        )
        try:
            stored = json.loads(rows[0][0]) if rows else {}
        except ValueError:
            stored = {}
        if isinstance(stored, dict) and stored.get("run") == run["run"]:
            run["cursor"] = int(stored.get("cursor") or 0)
            run["failed"] = [int(order_id) for order_id in stored.get("failed", [])]
        return run

    @api.model
    def _customer_approval_cron_commit(self, job, run, processed, remaining):
        """End a batch of ``job``: keep where ``run`` stands (forgotten when
        nothing remains), then commit and report the progress to Odoo.
        Outside a cron: nothing (the caller's transaction goes on).

        :return: whether the run may go on with another batch in this call
        """
        if not self._customer_approval_in_cron():
            return True
        key = CRON_RUN_PARAM % job
        if remaining:
            self.env.cr.execute(
                SQL(
                    """INSERT INTO ir_config_parameter
                           (key, value, create_uid, create_date, write_uid, write_date)
                       VALUES (%(key)s, %(value)s, %(uid)s, NOW() AT TIME ZONE 'UTC',
                               %(uid)s, NOW() AT TIME ZONE 'UTC')
                       ON CONFLICT (key) DO UPDATE
                       SET value = EXCLUDED.value, write_date = EXCLUDED.write_date""",
                    key=key,
                    value=json.dumps(run),
                    uid=self.env.uid,
                )
            )
        else:
            self.env.cr.execute(
                SQL("DELETE FROM ir_config_parameter WHERE key = %s", key)
            )
        time_left = self.env["ir.cron"]._commit_progress(processed, remaining=remaining)
        return bool(remaining and time_left)

    def _customer_approval_cron_lock(self):
        """Lock the orders that nobody else holds: a decision under way is
        neither waited for nor overwritten (its order is left to the next
        run). :return: the orders locked, read afresh."""
        locked = self.try_lock_for_update(allow_referencing=True)
        locked.invalidate_recordset()
        return locked

    @api.model
    def _customer_approval_cron_batches(self, job, domain, method, batch_size):
        """Call ``method`` (the name of a method of one order, returning
        whether it did something) on each order of ``domain``, by batches of
        ``batch_size`` in the order of their ids, each order in a savepoint.

        :return: the orders ``method`` did something to (in this call)
        """
        orders = self.sudo()
        run = self._customer_approval_cron_run(job)
        domain = Domain(domain) & Domain("id", "not in", run["failed"])
        remaining = orders.search_count(domain & Domain("id", ">", run["cursor"]))
        # Odoo learns what remains; the first batch starts a fresh transaction.
        self._customer_approval_cron_commit(job, run, 0, remaining)
        done = orders.browse()
        while remaining:
            batch = orders.search(
                domain & Domain("id", ">", run["cursor"]), order="id", limit=batch_size
            )
            if not batch:  # done by somebody else meanwhile
                self._customer_approval_cron_commit(job, run, 0, 0)
                break
            run["cursor"] = batch[-1].id
            for order in batch._customer_approval_cron_lock().filtered_domain(domain):
                try:
                    with self.env.cr.savepoint():
                        if getattr(order, method)():
                            done |= order
                except Exception:  # pylint: disable=broad-except
                    _logger.exception(
                        "Order %s: %s failed; tried again in the next run",
                        order.name,
                        job,
                    )
                    run["failed"].append(order.id)
            remaining = (
                orders.search_count(domain & Domain("id", ">", run["cursor"]))
                if len(batch) == batch_size
                else 0
            )
            if not self._customer_approval_cron_commit(job, run, len(batch), remaining):
                break
        return done
