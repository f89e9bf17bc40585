# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pages ``make a11y`` audits, by role (scripts/a11y.py runs them)."""

from collections import namedtuple


# key: the page's name in the baseline; kind: "addon" (the addon renders it) or
# "odoo" (an Odoo page the addon changes); label: the path in the table, if not
# the path itself; lands: where the page is expected to end, if not its path (a
# decision link leaves the address bar at once).
class Page(namedtuple("Page", "key user path kind label lands", defaults=(None, None))):
    @property
    def shown(self):
        return self.label or self.path


def pages(refs):
    """What to audit: a key (its name in the baseline), the login, the path and
    whether the page is the addon's ("addon") or an Odoo page it changes ("odoo")."""
    maja_waiting = refs["sale_order_maja_waiting"]
    entries = [
        # A buyer: Odoo's portal and shop with the addon's additions, and the
        # addon's own pages of a buyer.
        ("my", "maja@fjord.example", "/my", "odoo"),
        ("my_orders", "maja@fjord.example", "/my/orders", "odoo"),
        ("my_quotes", "maja@fjord.example", "/my/quotes", "odoo"),
        (
            "my_order_waiting",
            "maja@fjord.example",
            f"/my/orders/{maja_waiting}",
            "odoo",
        ),
        (
            "my_order_rejected",
            "maja@fjord.example",
            f"/my/orders/{refs['sale_order_maja_rejected']}",
            "odoo",
        ),
        ("shop", "lars@fjord.example", "/shop", "odoo"),
        ("shop_product", "lars@fjord.example", f"/shop/{refs['product_slug']}", "odoo"),
        ("shop_contract", "lars@fjord.example", "/shop/contract", "addon"),
        ("free_text", "maja@fjord.example", "/my/orders/free-text", "addon"),
        ("lists", "lars@fjord.example", "/my/lists", "addon"),
        (
            "list",
            "lars@fjord.example",
            f"/my/lists/{refs['shopping_list_workshop_consumables']}",
            "addon",
        ),
        (
            "list_own",
            "lars@fjord.example",
            f"/my/lists/{refs['shopping_list_lars_desk']}",
            "addon",
        ),
        ("cart", "maja@fjord.example", "/shop/cart", "odoo"),
        ("checkout", "maja@fjord.example", "/shop/checkout", "odoo"),
        # The addon's step instead of the payment, in Odoo's checkout layout.
        ("checkout_submit", "maja@fjord.example", "/shop/payment", "odoo"),
        # Approvers: Erik is away, Karin substitutes for him.
        ("approvals", "karin@fjord.example", "/my/approvals", "addon"),
        ("approval", "karin@fjord.example", f"/my/approvals/{maja_waiting}", "addon"),
        ("approvals_away", "erik@fjord.example", "/my/approvals", "addon"),
        ("absence", "erik@fjord.example", "/my/approvals/absence", "addon"),
        ("order_for", "karin@fjord.example", "/my/order-for", "addon"),
        # An order waiting for a pool (Karin is a member).
        (
            "approval_pool",
            "karin@fjord.example",
            f"/my/approvals/{refs['sale_order_nils_pool_waiting']}",
            "addon",
        ),
        # Erik manages the Sales department.
        ("team_manager", "erik@fjord.example", "/my/team", "addon"),
        (
            "team_member_manager",
            "erik@fjord.example",
            f"/my/team/{refs['partner_maja']}",
            "addon",
        ),
        (
            "team_statistics_manager",
            "erik@fjord.example",
            "/my/team/statistics",
            "addon",
        ),
        (
            "approvals_department",
            "erik@fjord.example",
            "/my/approvals?filterby=department",
            "addon",
        ),
        # The customer admin.
        ("my", "anna@fjord.example", "/my", "odoo"),
        ("team", "anna@fjord.example", "/my/team", "addon"),
        (
            "team_member",
            "anna@fjord.example",
            f"/my/team/{refs['partner_maja']}",
            "addon",
        ),
        ("team_new", "anna@fjord.example", "/my/team/new", "addon"),
        (
            "team_department",
            "anna@fjord.example",
            f"/my/team/departments/{refs['department_fjord_logistics']}",
            "addon",
        ),
        (
            "team_department_new",
            "anna@fjord.example",
            "/my/team/departments/new",
            "addon",
        ),
        (
            "team_address",
            "anna@fjord.example",
            f"/my/team/addresses/{refs['partner_fjord_warehouse_gothenburg']}",
            "addon",
        ),
        ("team_address_new", "anna@fjord.example", "/my/team/addresses/new", "addon"),
        ("team_statistics", "anna@fjord.example", "/my/team/statistics", "addon"),
        (
            "team_statistics_orders",
            "anna@fjord.example",
            "/my/team/statistics/orders",
            "addon",
        ),
        # The company's own controls.
        ("team_rules", "anna@fjord.example", "/my/team/rules", "addon"),
        ("team_rule_new", "anna@fjord.example", "/my/team/rules/new", "addon"),
        (
            "team_rule_vendor",
            "anna@fjord.example",
            f"/my/team/rules/{refs['purchasing_rule_fjord_vendor_ceiling']}",
            "addon",
        ),
        ("team_settings", "anna@fjord.example", "/my/team/settings", "addon"),
        ("team_changes", "anna@fjord.example", "/my/team/changes", "addon"),
        ("team_pools", "anna@fjord.example", "/my/team/pools", "addon"),
        (
            "team_pool",
            "anna@fjord.example",
            f"/my/team/pools/{refs['approval_pool_fjord_workshop']}",
            "addon",
        ),
        # Four eyes: Karin approved Erik's order, it waits for Anna.
        (
            "approval_four_eyes",
            "anna@fjord.example",
            f"/my/approvals/{refs['sale_order_erik_four_eyes']}",
            "addon",
        ),
        ("absence_admin", "anna@fjord.example", "/my/approvals/absence", "addon"),
        ("order_for", "anna@fjord.example", "/my/order-for", "addon"),
        ("lists", "anna@fjord.example", "/my/lists", "addon"),
    ]
    return [Page(*entry) for entry in entries]
