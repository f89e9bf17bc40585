"""Time the shop listing of a "contract assortment only" sub-account against the
same listing for an unrestricted one, on one database, in one run.

Not a test: a benchmark to run by hand against a throwaway demo database
(``make run``), whose demo company it changes:

    .venv/bin/python scripts/bench_assortment.py -c .odoo/odoo.conf \\
        -d customer_approval_demo --url http://127.0.0.1:8069 \\
        --products 20000 --rules 3000

It adds (once; later runs reuse them) published products in a small category tree
and a contract pricelist with one rule per variant for ``--rules`` of them plus two
category rules, makes it the pricelist of Fjord Engineering AB, then requests the shop
pages as Lars (sees only the contract assortment) and as Anna (unrestricted, same
company) and prints the median times and their ratio. Only the loopback address given
by --url is contacted.
"""

import argparse

from benchlib import login, measure  # scripts/, next to this file

import odoo
from odoo import api
from odoo.modules.registry import Registry

DEMO = "website_sale_customer_approval."
BENCH_TAG = "BENCH-"


def populate(dbname, products, rules):
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        Category = env["product.category"]
        root = Category.search([("name", "=", "Bench assortment")], limit=1)
        if not root:
            root = Category.create({"name": "Bench assortment"})
            Category.create(
                [{"name": f"Bench shelf {i}", "parent_id": root.id} for i in range(10)]
            )
        shelves = Category.search([("parent_id", "=", root.id)], order="id")
        Product = env["product.product"]
        existing = Product.search_count([("default_code", "=like", BENCH_TAG + "%")])
        for start in range(existing, products, 1000):
            Product.create(
                [
                    {
                        "name": f"Bench product {i}",
                        "default_code": f"{BENCH_TAG}{i}",
                        "categ_id": shelves[i % len(shelves)].id,
                        "list_price": 10 + i % 90,
                        "is_published": True,
                        "sale_ok": True,
                    }
                    for i in range(start, min(start + 1000, products))
                ]
            )
            cr.commit()
        pricelist = env["product.pricelist"].search(
            [("name", "=", "Bench contract")], limit=1
        )
        if not pricelist:
            bench = Product.search(
                [("default_code", "=like", BENCH_TAG + "%")], order="id"
            )
            step = max(len(bench) // max(rules, 1), 1)
            chosen = bench[::step][:rules]
            pricelist = env["product.pricelist"].create(
                {
                    "name": "Bench contract",
                    "is_contract_assortment": True,
                    "sequence": 100,
                }
            )
            items = [
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "0_product_variant",
                    "product_id": product.id,
                    "compute_price": "percentage",
                    "percent_price": 10,
                }
                for product in chosen
            ] + [
                {
                    "pricelist_id": pricelist.id,
                    "applied_on": "2_product_category",
                    "categ_id": shelf.id,
                    "compute_price": "percentage",
                    "percent_price": 5,
                }
                for shelf in shelves[:2]
            ]
            for start in range(0, len(items), 1000):
                env["product.pricelist.item"].create(items[start : start + 1000])
            cr.commit()
        company = env.ref(DEMO + "partner_fjord_engineering")
        company.property_product_pricelist = pricelist
        env.ref(DEMO + "partner_lars").contract_assortment_only = True
        cr.commit()
        return (
            Product.search_count([]),
            len(pricelist.item_ids),
            pricelist.contract_product_count,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--rules", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    products, rules, covered = populate(args.database, args.products, args.rules)
    print(
        f"{products} products; contract pricelist: {rules} rules covering "
        f"{covered} products"
    )
    lars = login(args.url, "lars@fjord.example", "lars1234")
    anna = login(args.url, "anna@fjord.example", "anna1234")
    for path in ("/shop", "/shop/page/3", "/shop?search=Bench+product+1"):
        restricted = measure(lars, args.url, path, args.repeat, warm_up=True)
        free = measure(anna, args.url, path, args.repeat, warm_up=True)
        print(
            f"{path:32} assortment only {restricted * 1000:6.0f} ms   "
            f"unrestricted {free * 1000:6.0f} ms   ratio {restricted / free:.2f}"
        )


if __name__ == "__main__":
    main()
