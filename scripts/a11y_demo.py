# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What ``make a11y`` does to the demo before auditing a page: the records it
visits, Maja's submission and its e-mail link, ordering for Lars."""

import re
import sys

MODULE = "website_sale_customer_approval"


def demo_refs(admin):
    refs = {
        name: admin.ref(f"{MODULE}.{name}")
        for name in (
            "sale_order_maja_waiting",
            "sale_order_maja_rejected",
            "shopping_list_workshop_consumables",
            "shopping_list_lars_desk",
            "partner_maja",
            "department_fjord_logistics",
            "partner_fjord_warehouse_gothenburg",
            "purchasing_rule_fjord_vendor_ceiling",
            "approval_pool_fjord_workshop",
            "sale_order_nils_pool_waiting",
            "sale_order_erik_four_eyes",
        )
    }
    refs["product_slug"] = product_slug(admin)
    return refs


def product_slug(admin):
    """The shop path of the product of Maja's cart (Odoo's slug: name-id)."""
    product_id = admin.ref("product.product_product_13")
    template = admin.call(
        "product.product", "read", [product_id], fields=["product_tmpl_id"]
    )[0]["product_tmpl_id"]
    name = re.sub(r"[^a-z0-9]+", "-", template[1].lower()).strip("-")
    return f"{name}-{template[0]}"


def csrf_of(session, url):
    page = session.get(url, timeout=60)
    page.raise_for_status()
    token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
    if not token:
        sys.exit(f"No csrf_token on {url}")
    return token.group(1)


def submit_and_find_link(url, admin, session):
    """Maja submits her cart; the link of the approver's e-mail (Approve) to it."""
    decide = re.compile(r"/approval/decide/[0-9]+\.[A-Za-z0-9_-]+")
    answer = session.post(
        f"{url}/shop/submit_for_approval",
        data={"csrf_token": csrf_of(session, f"{url}/shop/payment")},
        timeout=60,
    )
    answer.raise_for_status()
    if "/shop/approval/submitted" not in answer.url:
        sys.exit(f"Maja's cart was not submitted ({answer.url})")
    for message in admin.call(
        "mail.mail",
        "search_read",
        [["body_html", "ilike", "/approval/decide/"]],
        fields=["body_html"],
        order="id desc",
        limit=1,
    ):
        found = decide.search(message["body_html"])
        if found:
            return found.group(0)
    sys.exit("No decision link in the approver's e-mail")


def start_order_for(url, admin, session):
    """Anna starts ordering for Lars: the banner on every page of the shop."""
    answer = session.post(
        f"{url}/my/order-for",
        data={
            "csrf_token": csrf_of(session, f"{url}/my/order-for"),
            "person_id": admin.ref(f"{MODULE}.partner_lars"),
        },
        timeout=60,
    )
    answer.raise_for_status()
