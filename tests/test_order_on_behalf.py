# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CustomerApprovalCase
from .markers import tour


@tagged("post_install", "-at_install")
class TestOrderOnBehalf(HttpCase, CustomerApprovalCase):
    """A customer admin, or an approver for their people, orders as another
    person; the vendor's salesperson submits a quotation for approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env["website"].get_current_website()
        cls.product.write({"website_published": True})
        other = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        cls.stranger = cls._create_sub_account(
            "Olga Owner", company=other, is_customer_admin=True
        )
        cls.stranger_buyer = cls._create_sub_account("Otto Other", company=other)
        address = cls._shop_address()
        (
            cls.customer
            | cls.buyer.partner_id
            | cls.admin.partner_id
            | cls.approver_1.partner_id
        ).write(address)

    # ------------------------------------------------------------------
    # Who may order for whom
    # ------------------------------------------------------------------
    def test_who_may_order_for_whom(self):
        admin, alf = self.admin.partner_id, self.approver_1.partner_id
        bob = self.buyer.partner_id
        admin_people = admin._get_order_for_people()
        self.assertIn(bob, admin_people)
        self.assertIn(alf, admin_people)
        self.assertNotIn(admin, admin_people)
        self.assertNotIn(self.stranger_buyer.partner_id, admin_people)
        # An approver: only the people whose next approver they are.
        self.assertEqual(alf._get_order_for_people(), bob)
        self.assertFalse(bob._get_order_for_people())
        # Ids of another company, or not numbers, match nobody.
        self.assertFalse(admin._get_order_for_person(self.stranger_buyer.partner_id.id))
        self.assertFalse(admin._get_order_for_person("7"))
        self.assertFalse(
            alf._get_order_for_person(self.approver_2.partner_id.id),
            "an approver does not order for their own next approver",
        )

    def test_my_entry_costs_the_same_for_many_people(self):
        """/my asks whether the person may order for anybody: a question of
        one row, not a read of everybody they approve for."""
        alf = self.approver_1.partner_id
        self.authenticate(self.approver_1.login, self.approver_1.login)

        def count_queries():
            self.url_open("/my")  # warm Odoo's caches
            before = self.cr.sql_log_count
            response = self.url_open("/my")
            self.assertIn("/my/order-for", response.text)
            return self.cr.sql_log_count - before

        few = count_queries()
        # Odoo reads records 1,000 at a time: past that, a read of everybody
        # shows in the count.
        self.env["res.partner"].create(
            [
                {
                    "name": f"Person {n:04d}",
                    "parent_id": self.customer.id,
                    "next_approver_id": alf.id,
                }
                for n in range(1100)
            ]
        )
        self.assertEqual(few, count_queries())
        self.assertEqual(len(alf._get_order_for_people()), 1101)

    def post(self, url, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        response = self.url_open(url, data=data)
        self.env.invalidate_all()
        return response

    def _order_for(self, user, person):
        self.authenticate(user.login, user.login)
        return self.post("/my/order-for", person_id=person.id)

    def _add_to_cart(self, quantity):
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.product.product_tmpl_id.id,
                "product_id": self.product.id,
                "quantity": quantity,
            },
        )

    def test_forged_and_wrong_role_requests_are_refused(self):
        for user, person in (
            (self.stranger, self.buyer.partner_id),  # another company
            (self.admin, self.stranger_buyer.partner_id),  # forged id
            (self.buyer, self.free_buyer.partner_id),  # a buyer orders for nobody
            (self.approver_1, self.free_buyer.partner_id),  # not their person
        ):
            with self.subTest(user=user.login, person=person.name):
                response = self._order_for(user, person)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("o_order_for_banner", self.url_open("/shop").text)
        self.authenticate(self.buyer.login, self.buyer.login)
        self.assertEqual(self.url_open("/my/order-for").status_code, 404)
        self.assertEqual(self.post("/my/order-for", person_id="abc").status_code, 404)

    def test_admin_orders_for_a_buyer_and_both_get_the_mails(self):
        self.assertEqual(self.url_open("/my/order-for").status_code, 200)  # login
        response = self._order_for(self.admin, self.buyer.partner_id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_order_for_banner", response.text)
        self.assertIn("You are ordering for", response.text)
        self.assertIn(self.buyer.name, response.text)
        self._add_to_cart(7)  # 700.00: above Bob's breakpoint
        cart = self.env["sale.order"].search(
            [("placed_by_partner_id", "=", self.admin.partner_id.id)]
        )
        self.assertEqual(len(cart), 1)
        self.assertEqual(cart.partner_id, self.buyer.partner_id)
        self.assertEqual(cart.order_line.product_uom_qty, 7)
        page = self.url_open("/shop/payment")
        self.assertIn("Submit for approval", page.text, page.url)
        self.assertIn(self.approver_1.name, page.text)
        response = self.post("/shop/submit_for_approval")
        self.assertTrue(response.url.endswith("/shop/approval/submitted"), response.url)
        self.assertEqual(cart.approval_state, "waiting")
        self.assertEqual(cart.current_approver_id, self.approver_1.partner_id)
        self.assertIn(
            "Placed by Ada Admin for Bob Buyer",
            "".join(cart.message_ids.mapped("body")),
        )
        self.assertEqual(cart.approval_history_ids[-1].user_id, self.admin)
        submitted = self._mails(cart, "mail_template_order_submitted")
        self.assertEqual(
            submitted.recipient_ids, self.buyer.partner_id | self.admin.partner_id
        )
        # The admin may release what they placed.
        self._approve(cart, self.admin)
        self.assertEqual(cart.approval_state, "approved")
        approved = self._mails(cart, "mail_template_order_approved")
        self.assertEqual(
            approved.recipient_ids, self.buyer.partner_id | self.admin.partner_id
        )

    def test_stop_and_the_carts_stay_apart(self):
        self._order_for(self.admin, self.buyer.partner_id)
        self._add_to_cart(1)
        on_behalf = self.env["sale.order"].search(
            [("placed_by_partner_id", "=", self.admin.partner_id.id)]
        )
        response = self.post("/my/order-for/stop")
        self.assertNotIn("o_order_for_banner", response.text)
        # The admin's own cart is another one.
        self._add_to_cart(2)
        own = self.env["sale.order"].search(
            [
                ("partner_id", "=", self.admin.partner_id.id),
                ("state", "=", "draft"),
            ]
        )
        self.assertEqual(len(own), 1)
        self.assertFalse(own.placed_by_partner_id)
        self.assertEqual(on_behalf.order_line.product_uom_qty, 1)
        # Back in the mode: the cart for Bob is found again.
        self.post("/my/order-for", person_id=self.buyer.partner_id.id)
        self._add_to_cart(1)
        self.assertEqual(on_behalf.order_line.product_uom_qty, 2)
        # Bob, logged in himself, never gets the cart the admin fills for him.
        self.authenticate(self.buyer.login, self.buyer.login)
        self._add_to_cart(1)
        self.assertEqual(on_behalf.order_line.product_uom_qty, 2)

    def test_approver_who_placed_it_cannot_release_it(self):
        self._order_for(self.approver_1, self.buyer.partner_id)
        self._add_to_cart(7)
        self.post("/shop/submit_for_approval")
        order = self.env["sale.order"].search(
            [("placed_by_partner_id", "=", self.approver_1.partner_id.id)]
        )
        self.assertEqual(order.approval_state, "waiting")
        # Alf is Bob's next approver, but placed the order: it goes above him.
        self.assertEqual(order.current_approver_id, self.approver_2.partner_id)
        self.assertNotIn(self.approver_1.partner_id, order.approval_decider_ids)
        with self.assertRaises(AccessError):
            order.with_user(self.approver_1).action_customer_approve()
        self._approve(order, self.approver_2)
        self.assertEqual(order.approval_state, "approved")

    def test_who_placed_the_order_may_withdraw_it(self):
        self._order_for(self.approver_1, self.buyer.partner_id)
        self._add_to_cart(7)
        self.post("/shop/submit_for_approval")
        order = self.env["sale.order"].search(
            [("placed_by_partner_id", "=", self.approver_1.partner_id.id)]
        )
        self.assertIn(
            "o_approval_withdraw_open", self.url_open(order.get_portal_url()).text
        )
        self.post(f"/my/orders/{order.id}/withdraw")
        self.assertEqual(order.approval_state, "withdrawn")
        step = order.approval_history_ids[-1]
        self.assertEqual(step.approver_id, self.approver_1.partner_id)
        # Nobody else of the company withdraws it for them.
        other = self._create_order(self.buyer, 700)
        self._submit(other)
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        response = self.post(f"/my/orders/{other.id}/withdraw")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other.approval_state, "waiting")

    def test_an_order_passed_on_skips_the_placer(self):
        order = self._create_order(self.buyer, 2000)
        order.sudo().placed_by_partner_id = self.approver_2.partner_id
        self._submit(order)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        # Above Alf's breakpoint: passed on above Bea, who placed it, to Carl.
        self._approve(order, self.approver_1)
        self.assertEqual(order.current_approver_id, self.approver_3.partner_id)
        with self.assertRaises(AccessError):
            order.with_user(self.approver_2).action_customer_approve()
        self._approve(order, self.approver_3)
        self.assertEqual(order.approval_state, "approved")

    def test_salesperson_submits_a_quotation_for_customer_approval(self):
        order = self._create_order(self.buyer, 700)
        self.assertTrue(order.customer_approval_submittable)
        order.with_user(
            self.salesperson
        ).action_submit_on_behalf_for_customer_approval()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.placed_by_partner_id, self.salesperson.partner_id)
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
        self.assertFalse(order.customer_approval_submittable)
        # Not twice, not for somebody without approval settings, not by the buyer.
        with self.assertRaises(UserError):
            order.with_user(
                self.salesperson
            ).action_submit_on_behalf_for_customer_approval()
        free = self._create_order(self.free_buyer, 700)
        self.assertFalse(free.customer_approval_submittable)
        with self.assertRaises(UserError):
            free.with_user(
                self.salesperson
            ).action_submit_on_behalf_for_customer_approval()
        small = self._create_order(self.buyer, 100)
        with self.assertRaises(UserError):
            small.with_user(
                self.salesperson
            ).action_submit_on_behalf_for_customer_approval()
        self.assertFalse(small.placed_by_partner_id)
        with self.assertRaises(AccessError):
            small.with_user(self.buyer).action_submit_on_behalf_for_customer_approval()

    def test_placed_by_is_written_by_the_engine_only(self):
        order = self._create_order(self.buyer, 100)
        with self.assertRaises(AccessError):
            order.with_user(self.salesperson).write(
                {"placed_by_partner_id": self.salesperson.partner_id.id}
            )

    def test_the_contract_assortment_of_the_person_applies(self):
        category = self.env["product.category"].create({"name": "Contract tools"})
        agreed, gadget = self.env["product.product"].create(
            [
                {
                    "name": name,
                    "list_price": 40.0,
                    "categ_id": categ.id,
                    "taxes_id": [Command.clear()],
                    "is_published": True,
                    "sale_ok": True,
                }
                for name, categ in (
                    ("Agreed Torque Wrench", category),
                    (
                        "Gadget Laser Pointer",
                        self.env.ref("product.product_category_goods"),
                    ),
                )
            ]
        )
        self._create_contract_assortment(category, 31.5)
        self.buyer.partner_id.contract_assortment_only = True
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/shop?search=Laser").text
        self.assertIn("Gadget Laser Pointer", page)
        # Ordering for Bob: Bob's restriction.
        self.post("/my/order-for", person_id=self.buyer.partner_id.id)
        page = self.url_open("/shop").text
        self.assertIn("Agreed Torque Wrench", page)
        self.assertNotIn("Gadget Laser Pointer", page)
        response = self.url_open(gadget.product_tmpl_id.website_url)
        self.assertEqual(response.status_code, 404)
        response = self.url_open(agreed.product_tmpl_id.website_url)
        self.assertEqual(response.status_code, 200)


@tour
@tagged("post_install", "-at_install")
class TestOrderOnBehalfTour(HttpCase, CustomerApprovalCase):
    """Ada, the customer admin, orders a desk for Bob in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls._create_shop_product("Approval Tour Desk", 750.0)
        (cls.customer | cls.buyer.partner_id | cls.admin.partner_id).write(
            cls._shop_address()
        )

    def test_admin_orders_for_a_buyer_in_the_browser(self):
        self.start_tour(
            "/my/order-for", "customer_approval_order_for", login=self.admin.login
        )
        order = self.env["sale.order"].search(
            [("order_line.product_id", "=", self.desk.id)]
        )
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.buyer.partner_id)
        self.assertEqual(order.placed_by_partner_id, self.admin.partner_id)
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.current_approver_id, self.approver_1.partner_id)
