"""Time the approver's and the customer admin's portal pages with much data.

Not a test: a benchmark to run by hand against a demo database (``make run``):

    .venv/bin/python scripts/bench_portal.py -c .odoo/odoo.conf \\
        -d customer_approval_demo --url http://127.0.0.1:8069 \\
        --orders 3000 --members 300

It adds (once; later runs reuse them) waiting orders for the demo approver Erik and
sub-accounts to the demo company Fjord Engineering AB, then requests each page a few
times over HTTP and prints the median time and the number of SQL queries Odoo logged
for it. Only the loopback address given by --url is contacted.
"""

import argparse

from benchlib import login, measure  # scripts/, next to this file

import odoo
from odoo import Command, api
from odoo.modules.registry import Registry

DEMO = "website_sale_customer_approval."
BENCH_TAG = "[bench]"


def populate(dbname, orders, members):
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        company = env.ref(DEMO + "partner_fjord_engineering")
        erik = env.ref(DEMO + "partner_erik")
        maja = env.ref(DEMO + "partner_maja")
        product = env.ref("product.product_product_13")
        existing = env["sale.order"].search_count(
            [("client_order_ref", "=", BENCH_TAG)]
        )
        vals = [
            {
                "partner_id": maja.id,
                "client_order_ref": BENCH_TAG,
                "state": "sent",
                "approval_state": "waiting",
                "approval_level": 1,
                "current_approver_id": erik.id,
                "approval_requested_date": odoo.fields.Datetime.now(),
                "order_line": [Command.create({"product_id": product.id})],
            }
            for _i in range(max(orders - existing, 0))
        ]
        for start in range(0, len(vals), 500):
            env["sale.order"].create(vals[start : start + 500])
            cr.commit()
        people = env["res.partner"].search_count(
            [("parent_id", "=", company.id), ("ref", "=", BENCH_TAG)]
        )
        env["res.partner"].create(
            [
                {
                    "name": f"Bench Buyer {i}",
                    "email": f"bench{i}@fjord.example",
                    "parent_id": company.id,
                    "ref": BENCH_TAG,
                    "approval_breakpoint_enabled": True,
                    "approval_breakpoint": 100 + i,
                    "next_approver_id": erik.id,
                }
                for i in range(people, max(members, people))
            ]
        )
        cr.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--orders", type=int, default=3000)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    populate(args.database, args.orders, args.members)

    erik = login(args.url, "erik@fjord.example", "erik1234")
    anna = login(args.url, "anna@fjord.example", "anna1234")
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        waiting = env["sale.order"].search_count(
            [("current_approver_id", "=", env.ref(DEMO + "partner_erik").id)]
        )
        team = env["res.partner"].search_count(
            [("parent_id", "=", env.ref(DEMO + "partner_fjord_engineering").id)]
        )
        last_page = max((waiting + 19) // 20, 1)
        some_order = env["sale.order"].search(
            [("client_order_ref", "=", BENCH_TAG)], limit=1
        )
    pages = [
        (erik, "/my/approvals"),
        (erik, f"/my/approvals/page/{last_page}"),
        (erik, "/my/approvals?sortby=amount&search=Maja"),
        (erik, f"/my/approvals/{some_order.id}"),
        (erik, "/my"),
        (anna, "/my/team"),
        (anna, "/my/team/statistics?date_from=2000-01-01"),
    ]
    print(f"{waiting} orders wait for Erik; the team has {team} sub-accounts")
    for session, path in pages:
        median = measure(session, args.url, path, args.repeat)
        print(f"{median * 1000:8.0f} ms  {path}")


if __name__ == "__main__":
    main()
