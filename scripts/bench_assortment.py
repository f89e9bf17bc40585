"""Time the shop pages of a "contract assortment only" sub-account against the
same pages for an unrestricted one, side by side, on one database, in one run.

Not a test: a benchmark to run by hand against a throwaway copy of the demo
database (``make run``), whose demo company it changes. Serve it with workers
and a log file to get the query counts too:

    WORKERS=2 LOGFILE=/tmp/odoo.log make run
    .venv/bin/python scripts/bench_assortment.py -c .odoo/odoo.conf \\
        -d customer_approval_demo --url http://127.0.0.1:8069 \\
        --products 20000 --rules 2500 --server-log /tmp/odoo.log

It adds (once; later runs reuse them) published products in a small tree of
internal and eCommerce categories, and a contract pricelist with one rule per
variant for ``--rules`` of them plus two category rules, makes it the pricelist of
Fjord Engineering AB, then requests each page as Anna (A: unrestricted) and Lars
(B: sees only the contract assortment), interleaved, and prints the medians, their
ratio and, with --server-log, the queries of each page: the listing, a later page,
a category page and its parent, a product page, a search, the search box's
suggestions, /shop/contract, and the /my counters of a buyer (A: Nils) and an
approver (B: Erik). For how the cost grows, run it on a second copy with
``--products 2000 --rules 250``. Only the loopback address given by --url is
contacted.
"""

import argparse
import os
import re
import statistics
import time

from benchlib import login  # scripts/, next to this file

import odoo
from odoo import api
from odoo.fields import Domain
from odoo.modules.registry import Registry

DEMO = "website_sale_customer_approval."
BENCH_TAG = "BENCH-"


def populate_shop_categories(env, Product):
    """eCommerce categories for the bench products (once): 4 top categories of 5
    sub-categories each, every product in one sub-category, as shops have them."""
    Public = env["product.public.category"]
    if Public.search_count([("name", "=like", "Bench shop%")]):
        return
    leaves = Public
    for top in range(4):
        parent = Public.create({"name": f"Bench shop {top}"})
        leaves |= Public.create(
            [
                {"name": f"Bench shop {top}.{sub}", "parent_id": parent.id}
                for sub in range(5)
            ]
        )
    templates = Product.search(
        [("default_code", "=like", BENCH_TAG + "%")], order="id"
    ).product_tmpl_id
    for index, leaf in enumerate(leaves):
        templates[index :: len(leaves)].write({"public_categ_ids": [(4, leaf.id)]})


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
        populate_shop_categories(env, Product)
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


def pick_pages(dbname):
    """The pages compared: each shop page for both buyers, with a category and a
    product that the restricted buyer sees too."""
    with Registry(dbname).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        lars = env.ref(DEMO + "partner_lars")
        inside = lars._get_contract_assortment_domain("product.template")
        template = env["product.template"].search(
            Domain("default_code", "=like", BENCH_TAG + "%")
            & Domain("public_categ_ids", "!=", False)
            & inside,
            limit=1,
        )
        category = template.public_categ_ids[:1]
        return [
            ("/shop", "/shop"),
            ("/shop/page/5", "/shop/page/5"),
            ("/shop/category/<id>", f"/shop/category/{category.id}"),
            ("/shop/category/<id> (top)", f"/shop/category/{category.parent_id.id}"),
            ("/shop/<product>", f"/shop/{template.id}"),
            ("/shop?search=", "/shop?search=Bench+product+1"),
            ("suggestions", "autocomplete:Bench product 1"),
            ("/shop/contract", "/shop/contract"),
        ]


def autocomplete(session, url, term):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "search_type": "products",
            "term": term,
            "order": "name asc",
            "limit": 6,
            "max_nb_chars": 50,
            # as the shop's search box sends them
            "options": {
                "displayImage": True,
                "displayDescription": True,
                "displayExtraLink": True,
                "displayDetail": True,
                "allowFuzzy": True,
            },
        },
    }
    response = session.post(
        f"{url}/website/snippet/autocomplete", json=payload, timeout=120
    )
    response.raise_for_status()
    if "error" in response.json():
        raise RuntimeError(response.json()["error"]["data"]["message"])


def counters(session, url):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "counters": [
                "quotation_count",
                "order_count",
                "invoice_count",
                "approval_count",
            ]
        },
    }
    response = session.post(f"{url}/my/counters", json=payload, timeout=120)
    response.raise_for_status()
    if "error" in response.json():
        raise RuntimeError(response.json()["error"]["data"]["message"])


class ServerLog:
    """The query count Odoo logs for each request (werkzeug's access line ends
    with: queries, SQL time, other time), when the server logs to a file."""

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path) if path else 0

    def query_count(self):
        """The queries of the requests logged since the last call (a redirect
        and the page it leads to count as one request)."""
        if not self.path:
            return None
        with open(self.path, encoding="utf-8", errors="replace") as log:
            log.seek(self.offset)
            lines = log.read().splitlines()
            self.offset = log.tell()
        counts = [
            int(match.group(1))
            for line in lines
            if (match := re.search(r'HTTP/[\d.]+" \d+ - (\d+) ', line))
        ]
        return sum(counts) if counts else None


def request_page(session, url, path):
    """Request ``path`` once; return the seconds it took."""
    start = time.perf_counter()
    if path.startswith("autocomplete:"):
        autocomplete(session, url, path.split(":", 1)[1])
    elif path == "counters":
        counters(session, url)
    else:
        session.get(f"{url}{path}", timeout=120).raise_for_status()
    return time.perf_counter() - start


def compare(pairs, url, repeat, log):
    """Median time and query count of each page for two sessions, requests
    interleaved (A, B, B, A, ...) so that load affects both alike."""
    results = []
    for label, path, first, second in pairs:
        for session in (first, second):
            request_page(session, url, path)  # warm-up: caches of the worker
        times = {0: [], 1: []}
        queries = {0: None, 1: None}
        for round_ in range(repeat):
            order = (0, 1) if round_ % 2 == 0 else (1, 0)
            for side in order:
                session = (first, second)[side]
                log.query_count()  # skip what came before
                seconds = request_page(session, url, path)
                times[side].append(seconds)
                time.sleep(0.2)  # the server writes its access line last
                count = log.query_count()
                if count is not None:
                    queries[side] = count
        results.append(
            (
                label,
                statistics.median(times[0]),
                statistics.median(times[1]),
                queries[0],
                queries[1],
            )
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("--rules", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--server-log",
        help="the log file of the server (--logfile, log level info): adds the "
        "number of queries of each page",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    products, rules, covered = populate(args.database, args.products, args.rules)
    print(
        f"{products} products; contract pricelist: {rules} rules covering "
        f"{covered} products; medians of {args.repeat} interleaved requests"
    )
    lars = login(args.url, "lars@fjord.example", "lars1234")
    anna = login(args.url, "anna@fjord.example", "anna1234")
    erik = login(args.url, "erik@fjord.example", "erik1234")
    nils = login(args.url, "nils@fjord.example", "nils1234")
    log = ServerLog(args.server_log)
    pairs = [(label, path, anna, lars) for label, path in pick_pages(args.database)] + [
        ("/my/counters (buyer A, approver B)", "counters", nils, erik)
    ]
    print(
        f"{'page':36} {'A ms':>7} {'B ms':>7} {'B/A':>5} {'B-A ms':>7} "
        f"{'queries A / B':>14}"
    )
    for label, time_a, time_b, queries_a, queries_b in compare(
        pairs, args.url, args.repeat, log
    ):
        counts = f"{queries_a} / {queries_b}" if queries_a is not None else "-"
        print(
            f"{label:36} {time_a * 1000:7.1f} {time_b * 1000:7.1f} "
            f"{time_b / time_a:5.2f} {(time_b - time_a) * 1000:7.1f} {counts:>14}"
        )


if __name__ == "__main__":
    main()
