# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_lists import ShoppingListCase


class TestHardening(ShoppingListCase):
    """Smaller paths around the rules: RPC calls a page never makes."""

    def test_a_list_is_shared_only_within_the_company(self):
        Shares = self.env["customer.shopping.list.share"].with_user(self.buyer)
        with self.assertRaises(ValidationError):
            Shares.create(
                {"list_id": self.chosen.id, "partner_id": self.stranger.partner_id.id}
            )
        share = self.chosen.share_ids[:1].with_user(self.buyer)
        with self.assertRaises(ValidationError):
            share.write({"partner_id": self.stranger.partner_id.id})

    def test_engine_fields_are_not_created_either(self):
        Orders = self.env["sale.order"].with_user(self.salesperson)
        values = {
            "partner_id": self.buyer.partner_id.id,
            "order_line": [Command.create({"product_id": self.product.id})],
        }
        with self.assertRaises(AccessError):
            Orders.create(dict(values, approval_state="approved"))
        with self.assertRaises(AccessError):
            Orders.with_context(default_approval_state="approved").create(values)
        self.assertFalse(Orders.create(values).approval_state in ("approved",))

    def test_budgets_and_rules_of_a_contact_are_the_vendors(self):
        fields = self.env["res.partner"].with_user(self.buyer).fields_get()
        self.assertNotIn("customer_budget_ids", fields)
        self.assertNotIn("customer_purchasing_rule_ids", fields)
        self.assertIn(
            "customer_budget_ids",
            self.env["res.partner"].with_user(self.salesperson).fields_get(),
        )

    def test_a_crafted_context_lists_no_reminder_of_others(self):
        waiting = self._create_order(self.buyer, amount=700)
        self._submit(waiting)
        context = {"approval_reminder_order_ids": [waiting.id]}
        for user, listed in ((self.approver_2, False), (self.approver_1, True)):
            with self.subTest(user=user.name):
                [row] = (
                    user.partner_id.with_user(user)
                    .with_context(**context)
                    .read(["approval_reminder_order_ids"])
                )
                self.assertEqual(
                    row["approval_reminder_order_ids"], [waiting.id] if listed else []
                )

    def test_free_text_search_stays_in_the_vendors_company(self):
        other_vendor = self.env["res.company"].create({"name": "Other Vendor AB"})
        foreign = self.env["product.product"].create(
            {
                "name": "Ballpoint of another vendor",
                "sale_ok": True,
                "is_published": True,
                "company_id": other_vendor.id,
            }
        )
        self.buyer.partner_id.may_send_free_text_orders = True
        order = (
            self.env["sale.order"]
            .with_user(self.buyer)
            ._create_free_text_order("Ballpoints, blue")
            .with_user(self.approver_1)
        )
        self.assertNotIn(foreign, order._get_products_for_free_text_order("ballpoint"))
        with self.assertRaises(UserError):
            order.action_customer_add_product(foreign.id)

    def test_a_link_shows_no_sentence_of_its_own(self):
        crafted = "Your account is blocked, call 555 0100"
        pages = {
            self.admin: ("/my/team", "/my/approvals", "/my/lists"),
            self.buyer: ("/my/lists", f"/my/lists/{self.private.id}"),
        }
        for user, urls in pages.items():
            self.authenticate(user.login, user.login)
            for url in urls:
                with self.subTest(url=url):
                    for name in ("message", "error"):
                        response = self.url_open(f"{url}?{name}={crafted}")
                        self.assertEqual(response.status_code, 200)
                        self.assertNotIn(crafted, response.text)
        # The vendor's own messages still come back after a redirect.
        response = self.url_open(
            "/my/lists/new",
            data={"name": "", "csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("Please give the list a name.", response.text)
        self.assertNotIn("Please+give", response.url)

    def test_deciding_no_order(self):
        Orders = self.env["sale.order"].with_user(self.approver_1)
        with self.assertRaisesRegex(UserError, "Select the orders"):
            Orders.action_customer_approve()
        with self.assertRaisesRegex(UserError, "Select the orders"):
            Orders.action_customer_reject("No")
