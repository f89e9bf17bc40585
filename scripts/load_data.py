"""The load test's customer company, built before the run, and the checks of the
database after it (scripts/load_test.py runs the journeys between them)."""

import time
from collections import Counter

from benchlib import create_portal_logins  # scripts/, next to this file

from odoo import api

TAG = "[load]"
PASSWORD = "load-test-1"  # noqa: S105 (the load test's own users)
PRICE = 100.0
CHECKOUTS = 2  # per buyer


# ----------------------------------------------------------------------
# The customer company
# ----------------------------------------------------------------------
def populate(registry, buyers, approvers, departments):
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        partners = env["res.partner"]
        run = f"{time.time():.0f}"  # a run's logins are its own
        country = env.ref("base.se")
        address = {
            "street": "Storgatan 1",
            "city": "Uppsala",
            "zip": "75320",
            "country_id": country.id,
            "phone": "+46 18 000 00 00",
        }
        company = partners.create(
            {
                "name": f"Load Test AB {TAG}",
                "is_company": True,
                "tz": "Europe/Stockholm",
            }
            | address
        )
        depts = env["customer.department"].create(
            [
                {"name": f"Dept {d}", "code": f"D{d}", "company_partner_id": company.id}
                for d in range(departments)
            ]
        )
        approver_partners = partners.create(
            [
                {
                    "name": f"Load Approver {a}",
                    "email": f"approver{a}.{run}@load.example",
                    "parent_id": company.id,
                    "is_order_approver": True,
                }
                | address
                for a in range(approvers)
            ]
        )
        buyer_partners = partners.create(
            [
                {
                    "name": f"Load Buyer {b}",
                    "email": f"buyer{b}.{run}@load.example",
                    "parent_id": company.id,
                    "approval_mode": "always",
                    "next_approver_id": approver_partners[b % approvers].id,
                    "customer_department_id": depts[b % departments].id,
                }
                | address
                for b in range(buyers)
            ]
        )
        create_portal_logins(env, approver_partners | buyer_partners, PASSWORD)
        # What each may spend: 1.5 orders a person, 3/4 of the department's
        # wishes a department: some checkouts are refused, none over-spends.
        per_department = -(-buyers // departments)
        env["customer.budget"].create(
            [
                {"partner_id": p.id, "amount": 1.5 * PRICE, "exceeded_action": "refuse"}
                for p in buyer_partners
            ]
            + [
                {
                    "department_id": d.id,
                    "amount": PRICE * int(0.75 * per_department),
                    "exceeded_action": "refuse",
                }
                for d in depts
            ]
        )
        env["customer.purchasing.rule"].create(
            {
                "company_partner_id": company.id,
                "rule_type": "order_count",
                "scope": "company",
                "max_orders": CHECKOUTS,
                "period": "month",
                "exceeded_action": "refuse",
            }
        )
        product = env["product.product"].create(
            {
                "name": f"Load widget {TAG}",
                "list_price": PRICE,
                "taxes_id": [],
                "sale_ok": True,
                "is_published": True,
            }
        )
        cr.commit()
        return {
            "company": company.id,
            "product": product.id,
            "template": product.product_tmpl_id.id,
            "buyers": buyer_partners.mapped("email"),
            "approvers": approver_partners.mapped("email"),
        }


# ----------------------------------------------------------------------
# HTTP
# ----------------------------------------------------------------------


# ----------------------------------------------------------------------
# Checks afterwards
# ----------------------------------------------------------------------
def check(registry, data, stats):
    problems = []
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        company = env["res.partner"].browse(data["company"])
        orders = env["sale.order"].search([("partner_id.parent_id", "=", company.id)])
        submitted = orders.filtered(
            lambda o: "submitted" in o.approval_history_ids.mapped("decision")
        )
        per_buyer = Counter(order.partner_id.email for order in submitted)
        if per_buyer != stats.submitted:
            problems.append(
                f"orders lost or unknown: server {sum(per_buyer.values())}, "
                f"buyers told {sum(stats.submitted.values())}"
            )
            for login in set(per_buyer) | set(stats.submitted):
                if per_buyer[login] != stats.submitted[login]:
                    problems.append(
                        f"  {login}: server {per_buyer[login]}, told "
                        f"{stats.submitted[login]}, orders "
                        + ", ".join(
                            f"{o.name} {o.state}/{o.approval_state}"
                            for o in orders.filtered(
                                lambda o, e=login: o.partner_id.email == e
                            )
                        )
                    )
        for order in submitted:
            released = order.approval_history_ids.mapped("decision").count("released")
            if released > 1:
                problems.append(f"{order.name} released {released} times")
            told = stats.decided.get(order.id)
            if told == "approve" and order.state != "sale":
                problems.append(f"{order.name} approved but {order.state}")
            if told == "reject" and order.approval_state != "rejected":
                problems.append(f"{order.name} rejected but {order.approval_state}")
        waiting = submitted.filtered(lambda o: o.approval_state == "waiting")
        budgets = env["customer.budget"].search(
            [("company_partner_id", "=", company.id)]
        )
        for budget, spent in budgets._get_spending().items():
            if budget.currency_id.compare_amounts(spent, budget.amount) > 0:
                problems.append(f"budget {budget.name} over-spent: {spent}")
        rule = env["customer.purchasing.rule"].search(
            [("company_partner_id", "=", company.id)]
        )
        for buyer in submitted.partner_id:
            spending = orders.filtered(
                lambda o, b=buyer: o.partner_id == b and o.customer_counts_as_spent
            )
            if len(spending) > rule.max_orders:
                problems.append(f"{buyer.name}: {len(spending)} orders")
        return problems, len(submitted), len(waiting), len(budgets)
