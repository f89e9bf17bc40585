"""Time the routing of an order under every purchasing rule and budget, with many
orders already in the period.

Not a test: a benchmark to run by hand against a database where the addon is
installed (demo data or not):

    .venv/bin/python scripts/bench_routing.py -c .odoo/odoo.conf -d <database> \\
        --orders 10000 --repeat 15

It adds (once; later runs reuse them and add what is missing) a customer company
"Bench Routing AB" (Europe/Stockholm) with four departments and their managers,
20 buyers, a budget per department and one of the measured buyer, a rule of each
type (minimum and maximum value, category, number of orders), 200 products, and
``--orders`` orders in the current month spread over the buyers (created by SQL
from one real order, in one statement). Then, in a transaction that it rolls
back, it times for an order of 1 and of 200 lines:

- the routing: the reasons (``_customer_approval_reasons``) and who decides
  (``_customer_approval_first_deciders``);
- the submission (``action_submit_for_customer_approval``), each run in a
  savepoint rolled back;

and prints the median time of ``--repeat`` runs and their number of SQL
queries, then EXPLAIN ANALYZE of the spending query of the budgets and of the
count of orders. No network is used.
"""

import argparse
import contextlib
import statistics
import time

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tools import SQL

TAG = "[bench-routing]"
BUYERS = 20
DEPARTMENTS = 4
LINES = (1, 200)


class Rollback(Exception):
    """Leaves a savepoint, undoing what a timed run wrote."""


def populate(env, orders):
    """The company, its rules and budgets, and ``orders`` orders in the period;
    what exists already is kept. :return: (measured buyer's user, products)"""
    Partner = env["res.partner"]
    company = Partner.search([("ref", "=", TAG), ("is_company", "=", True)], limit=1)
    if not company:
        company = Partner.create(
            {
                "name": "Bench Routing AB",
                "ref": TAG,
                "is_company": True,
                "tz": "Europe/Stockholm",
            }
        )
        _create_organisation(env, company)
    people = Partner.search(
        [("parent_id", "=", company.id), ("ref", "=like", "bench-buyer-%")],
        order="id",
    )
    user = env["res.users"].search([("partner_id", "=", people[0].id)])
    products = env["product.product"].search(
        [("default_code", "=like", "BENCH-%")], order="id"
    )
    existing = env["sale.order"].search_count([("client_order_ref", "=", TAG)])
    if existing < orders:
        _create_orders(env, people, products[0], orders - existing)
    return user, products


def _create_organisation(env, company):
    Partner = env["res.partner"]

    def person(name, **values):
        return Partner.create(
            dict(
                name=name,
                email=f"{name.lower().replace(' ', '.')}@bench-routing.example",
                parent_id=company.id,
                **values,
            )
        )

    person("Bench Admin", is_customer_admin=True)
    chief = person("Bench Chief", is_order_approver=True)
    departments = env["customer.department"]
    for index in range(DEPARTMENTS):
        manager = person(
            f"Bench Manager {index}",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=5000,
            next_approver_id=chief.id,
        )
        departments |= env["customer.department"].create(
            {
                "name": f"Bench department {index}",
                "code": f"B{index}",
                "company_partner_id": company.id,
                "manager_id": manager.id,
            }
        )
    buyers = Partner.create(
        [
            {
                "name": f"Bench Buyer {index}",
                "ref": f"bench-buyer-{index:02d}",
                "email": f"bench.buyer.{index}@bench-routing.example",
                "parent_id": company.id,
                "customer_department_id": departments[index % DEPARTMENTS].id,
                "next_approver_id": chief.id,
            }
            for index in range(BUYERS)
        ]
    )
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": "bench.buyer.0@bench-routing.example",
            "partner_id": buyers[0].id,
            "group_ids": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    env["customer.budget"].create(
        [
            {"department_id": department.id, "amount": 50000, "period": "month"}
            for department in departments
        ]
        + [
            {
                "partner_id": buyers[0].id,
                "amount": 2000,
                "period": "quarter",
                "required_level": "manager",
            }
        ]
    )
    parent = env["product.category"].create({"name": "Bench"})
    restricted = env["product.category"].create(
        {"name": "Bench restricted", "parent_id": parent.id}
    )
    env["product.product"].create(
        [
            {
                "name": f"Bench product {index}",
                "default_code": f"BENCH-{index:03d}",
                "list_price": 10.0,
                "taxes_id": [],
                "categ_id": restricted.id,
            }
            for index in range(max(LINES))
        ]
    )
    Rule = env["customer.purchasing.rule"]
    common = {"company_partner_id": company.id}
    Rule.create(
        [
            dict(common, rule_type="min_amount", amount=50),
            dict(
                common,
                rule_type="max_amount",
                amount=1000,
                scope="department",
                department_id=departments[0].id,
            ),
            dict(
                common,
                rule_type="category",
                category_ids=[Command.set(parent.ids)],
                required_level="manager",
            ),
            dict(
                common,
                rule_type="order_count",
                max_orders=20,
                period="month",
                scope="partners",
                partner_ids=[Command.set(buyers[:5].ids)],
                required_level="admin",
            ),
        ]
    )


def _create_orders(env, buyers, product, count):
    """``count`` orders in the current month, spread over ``buyers`` and their
    departments: mostly released, some waiting, some cancelled. One real order,
    copied by one INSERT ... SELECT."""
    model = env["sale.order"]
    template = model.create(
        {
            "partner_id": buyers[0].id,
            "client_order_ref": TAG,
            "order_line": [
                Command.create(
                    {"product_id": product.id, "price_unit": 120.0, "tax_ids": []}
                )
            ],
        }
    )
    template.action_confirm()
    budget = env["customer.budget"].search(
        [("department_id", "=", buyers[0].customer_department_id.id)], limit=1
    )
    _start, _end, utc_start, _utc_end = budget._get_period()
    env.flush_all()
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'sale_order' "
            "AND column_name != 'id' ORDER BY ordinal_position"
        )
    )
    columns = [name for (name,) in env.cr.fetchall()]
    # The copies differ from the template in these columns; g is 1..count.
    overrides = {
        "name": SQL("'BENCH-' || g"),
        "access_token": SQL("NULL"),
        "partner_id": SQL("(%s::int[])[1 + g %% %s]", buyers.ids, len(buyers)),
        "customer_department_id": SQL(
            "(%s::int[])[1 + g %% %s]",
            [buyer.customer_department_id.id for buyer in buyers],
            len(buyers),
        ),
        "date_order": SQL(
            "%s::timestamp"
            " + (now() at time zone 'UTC' - %s::timestamp) * (g::float / %s)",
            utc_start,
            utc_start,
            count + 1,
        ),
        # each buyer's orders (g % 20) have all states: released, waiting
        # (one in 10) and rejected (one in 20)
        "state": SQL(
            "CASE WHEN (g / 20) %% 20 = 0 THEN 'cancel' "
            "WHEN (g / 20) %% 10 = 0 THEN 'sent' ELSE 'sale' END"
        ),
        "approval_state": SQL(
            "CASE WHEN (g / 20) %% 20 = 0 THEN 'rejected' "
            "WHEN (g / 20) %% 10 = 0 THEN 'waiting' ELSE 'none' END"
        ),
        "amount_total": SQL("50 + g %% 200"),
    }
    env.cr.execute(
        SQL(
            "INSERT INTO sale_order (%s) SELECT %s FROM sale_order, "
            "generate_series(1, %s) AS g WHERE sale_order.id = %s",
            SQL(", ").join(SQL.identifier(name) for name in columns),
            SQL(", ").join(
                overrides.get(name, SQL.identifier("sale_order", name))
                for name in columns
            ),
            count - 1,
            template.id,
        )
    )
    env.cr.execute("ANALYZE sale_order")


def _timed(env, func, repeat):
    """:return: (median seconds, queries of each run) of ``repeat`` runs, each
    with cold ORM caches, flushing included."""
    timings, queries = [], []
    for _run in range(repeat):
        env.flush_all()
        env.invalidate_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        env.flush_all()
        timings.append(time.perf_counter() - start)
        queries.append(env.cr.sql_log_count - count)
    return statistics.median(timings), queries


def _submit_and_undo(env, order, user):
    def run():
        with contextlib.suppress(Rollback), env.cr.savepoint():
            order.with_user(user).action_submit_for_customer_approval()
            env.flush_all()
            raise Rollback()

    return run


def _explain(env, query):
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
    return [line for (line,) in env.cr.fetchall()]


def measure(env, user, products, repeat):
    buyer = user.partner_id
    Order = env["sale.order"]
    department = buyer.customer_department_id
    print(
        f"{Order.search_count([('client_order_ref', '=', TAG)])} orders of Bench "
        f"Routing AB in the period; "
        f"{Order.search_count([('customer_department_id', '=', department.id)])} of "
        f"{department.name}; {Order.search_count([('partner_id', '=', buyer.id)])} of "
        f"{buyer.name}"
    )
    print("lines  routing ms  queries  submit ms  queries")
    for lines in LINES:
        order = env["sale.order"].create(
            {
                "partner_id": buyer.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "price_unit": 12.0, "tax_ids": []}
                    )
                    for product in products[:lines]
                ],
            }
        )

        def route(order=order):
            reasons = order._customer_approval_reasons()
            order._customer_approval_first_deciders(reasons)

        route()  # warm-up: registry caches, translations
        routing, routing_queries = _timed(env, route, repeat)
        submit = _submit_and_undo(env, order, user)
        submit()  # warm-up: templates
        submission, submission_queries = _timed(env, submit, repeat)
        print(
            f"{lines:>5} {routing * 1000:>11.1f} {_span(routing_queries):>8} "
            f"{submission * 1000:>10.1f} {_span(submission_queries):>8}"
        )
    codes = sorted({reason["code"] for reason in order._customer_approval_reasons()})
    print(
        "reasons:",
        ", ".join(codes),
        "- level:",
        order._customer_approval_required_level(),
    )
    budgets = buyer._get_budgets(order.company_id)
    print("\nEXPLAIN ANALYZE of the spending of the budgets:")
    print("\n".join(_explain(env, budgets._get_spending_query(exclude_order=order))))
    rules = buyer._get_purchasing_rules(order.company_id).filtered(
        lambda rule: rule.rule_type == "order_count"
    )
    print("\nEXPLAIN ANALYZE of the count of orders:")
    print("\n".join(_explain(env, order._customer_order_counts_query(rules)[0])))


def _span(counts):
    low, high = min(counts), max(counts)
    return str(low) if low == high else f"{low}-{high}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "--addons-path", help="as Odoo's option, when the config's is not the one"
    )
    parser.add_argument("--orders", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    options = ["-c", args.config, "-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    odoo.tools.config.parse_config(options)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        populate(env, args.orders)
        cr.commit()
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        user, products = populate(env, 0)
        measure(env, user, products, args.repeat)
        cr.rollback()


if __name__ == "__main__":
    main()
