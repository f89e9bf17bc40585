# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routes served on a read-only cursor (a PostgreSQL replica with
``db_replica_host``).

Odoo opens a read-only cursor for a route declared ``readonly``; when the route
writes all the same, PostgreSQL refuses the write, Odoo logs a warning and serves
the request again from the start on the primary (odoo/http.py, ``_serve_db``).
HttpCase does the same on its test cursor (``SET TRANSACTION READ ONLY``), so a
request that writes is served twice: once read-only, once read/write. These tests
count the cursors a request was served on and expect exactly one read-only one.
"""

from contextlib import contextmanager
from unittest.mock import patch

from odoo import http

from .common_lists import ShoppingListCase

ADDON_MODULE = "odoo.addons.website_sale_customer_approval."

# Every route of the addon (its own, and Odoo's that it overrides), by address
# and HTTP methods (() = any). A new route goes in one of the two lists: a route
# that only reads belongs on the replica, and then has a request below.
READONLY_ROUTES = {
    ("/approval/decide", ("GET", "POST")),  # GET only (callable)
    ("/approval/decide/<string:token>", ("GET", "POST")),  # GET only (callable)
    ("/my/approvals", ()),
    ("/my/approvals/<int:order_id>", ()),
    ("/my/approvals/absence", ("GET",)),
    ("/my/approvals/page/<int:page>", ()),
    ("/my/lists", ()),
    ("/my/lists/<int:list_id>", ()),
    ("/my/order-for", ("GET",)),
    ("/my/orders/free-text", ("GET", "POST")),  # GET only (callable)
    ("/my/team", ()),
    ("/my/team/<int:member_id>", ("GET",)),
    ("/my/team/addresses/<int:address_id>", ("GET",)),
    ("/my/team/addresses/new", ("GET",)),
    ("/my/team/departments/<int:department_id>", ("GET",)),
    ("/my/team/departments/new", ("GET",)),
    ("/my/team/new", ("GET",)),
    ("/my/team/page/<int:page>", ()),
    ("/my/team/changes", ("GET",)),
    ("/my/team/changes/page/<int:page>", ("GET",)),
    ("/my/team/rules", ("GET",)),
    ("/my/team/rules/<int:rule_id>", ("GET",)),
    ("/my/team/rules/new", ("GET",)),
    ("/my/team/settings", ("GET",)),
    ("/my/team/pools", ("GET",)),
    ("/my/team/pools/<int:pool_id>", ("GET",)),
    ("/my/team/pools/new", ("GET",)),
    ("/my/team/statistics", ()),
    ("/my/team/statistics/export", ("GET",)),
    ("/my/team/statistics/orders", ("GET",)),
    ("/my/team/statistics/orders/page/<int:page>", ("GET",)),
    ("/my/team/statistics/page/<int:page>", ()),
    ("/shop/contract", ()),
    ("/shop/contract/page/<int:page>", ()),
}
# Routes whose method depends on the request: read-only for GET, read/write
# for the POST that decides or creates.
READONLY_WHEN_GET = {
    ("/approval/decide", ("GET", "POST")),
    ("/approval/decide/<string:token>", ("GET", "POST")),
    ("/my/orders/free-text", ("GET", "POST")),
}
READ_WRITE_ROUTES = {
    # Everything posted changes something.
    ("/my/approvals/<int:order_id>/add_product", ("POST",)),
    ("/my/approvals/<int:order_id>/approve", ("POST",)),
    ("/my/approvals/<int:order_id>/change", ("POST",)),
    ("/my/approvals/<int:order_id>/reject", ("POST",)),
    ("/my/approvals/absence", ("POST",)),
    ("/my/approvals/approve", ("POST",)),
    ("/my/lists/<int:list_id>/cart", ("POST",)),
    ("/my/lists/<int:list_id>/delete", ("POST",)),
    ("/my/lists/<int:list_id>/line/<int:line_id>/cart", ("POST",)),
    ("/my/lists/<int:list_id>/line/<int:line_id>/remove", ("POST",)),
    ("/my/lists/<int:list_id>/lines", ("POST",)),
    ("/my/lists/<int:list_id>/rename", ("POST",)),
    ("/my/lists/<int:list_id>/share", ("POST",)),
    ("/my/lists/new", ("POST",)),
    ("/my/order-for", ("POST",)),
    ("/my/order-for/stop", ("POST",)),
    ("/my/orders/<int:order_id>/resubmit", ("POST",)),
    ("/my/orders/<int:order_id>/submit", ("POST",)),
    ("/my/orders/<int:order_id>/withdraw", ("POST",)),
    ("/my/team/<int:member_id>/active", ("POST",)),
    ("/my/team/addresses/<int:address_id>/active", ("POST",)),
    ("/my/team/addresses/save", ("POST",)),
    ("/my/team/departments/<int:department_id>/active", ("POST",)),
    ("/my/team/departments/save", ("POST",)),
    ("/my/team/rules/<int:rule_id>/active", ("POST",)),
    ("/my/team/rules/save", ("POST",)),
    ("/my/team/settings", ("POST",)),
    ("/my/team/pools/<int:pool_id>/active", ("POST",)),
    ("/my/team/pools/save", ("POST",)),
    ("/my/team/save", ("POST",)),
    ("/shop/contract/add", ("POST",)),
    ("/shop/customer_reference", ("POST",)),
    ("/shop/lists/add", ("POST",)),
    ("/shop/submit_for_approval", ("POST",)),
    # Odoo's, read/write there (an override cannot make them read-only): the
    # order page gives the order an access token, the product page and the
    # payment step write the cart.
    ("/my/orders/<int:order_id>", ()),
    # The acceptance of a quotation signs and confirms it.
    ("/my/orders/<int:order_id>/accept", ()),
    (
        '/shop/<model("product.public.category"):category>'
        '/<model("product.template"):product>',
        (),
    ),
    ('/shop/<model("product.template"):product>', ()),
    ("/shop/payment", ()),
    # After a submission: website_sale's confirmation templates link the order
    # with get_portal_url(), which gives it an access token.
    ("/shop/approval/submitted", ()),
}


def addon_routes(env):
    """{(address, methods): readonly} of every route whose endpoint the addon
    defines or overrides, as Odoo merges them (readonly: True, False or
    "callable")."""
    IrHttp = env["ir.http"]
    found = {}
    for url, endpoint in IrHttp._generate_routing_rules(
        sorted(env.registry._init_modules), converters=IrHttp._get_converters()
    ):
        name = endpoint.__name__
        if not any(
            cls.__module__.startswith(ADDON_MODULE) and name in cls.__dict__
            for cls in type(endpoint.func.__self__).mro()
        ):
            continue
        readonly = endpoint.routing["readonly"]
        methods = tuple(sorted(endpoint.routing["methods"] or ()))
        found[(url, methods)] = "callable" if callable(readonly) else readonly
    return found


class TestReadonlyRoutes(ShoppingListCase):
    """Every page of the addon that only reads runs on a read-only cursor,
    whatever it shows (orders without an access token included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["customer.department"].create(
            {
                "name": "Workshop",
                "code": "WS",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.buyer.partner_id.customer_department_id = cls.department
        # A purchasing rule (its creation is logged: the change log has a row).
        cls.rule = cls.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": cls.customer.id,
                "rule_type": "max_amount",
                "amount": 900,
            }
        )
        cls.pool = cls.env["customer.approval.pool"].create(
            {"name": "Desk", "company_partner_id": cls.customer.id}
        )
        cls.pool.member_ids = cls.approver_2.partner_id
        cls.env["customer.budget"].create(
            {"department_id": cls.department.id, "amount": 10000}
        )
        cls.address = cls.env["res.partner"].create(
            {
                "name": "Acme warehouse",
                "type": "delivery",
                "parent_id": cls.customer.id,
                **cls._shop_address(),
            }
        )
        cls.free_buyer.partner_id.may_send_free_text_orders = True
        # A waiting order for Alf, and one released, in this month.
        cls.waiting = cls._create_order(cls.buyer, 600.0)
        cls.waiting.with_user(cls.buyer).action_submit_for_customer_approval()
        cls.released = cls._create_order(cls.free_buyer, 50.0)
        cls.released.action_confirm()
        # A free-text order for the customer admins, who may add products.
        cls.free_text = (
            cls.env["sale.order"]
            .with_user(cls.free_buyer)
            ._create_free_text_order("Ten boxes of blue pens")
            .sudo()
        )
        # Bob left a cart in the shop.
        cls.cart = cls._create_order(cls.buyer, 40.0)
        cls.cart.website_id = cls.website
        cls.links = cls.env["sale.order.approval.token"]._issue(
            cls.waiting, cls.approver_1.partner_id
        )
        # Orders the vendor never sent have no access token: linking them must
        # not give them one.
        (cls.waiting | cls.released | cls.free_text | cls.cart).write(
            {"access_token": False}
        )

    @contextmanager
    def assertServedReadOnly(self, url):
        """The requests inside were each served once, on a read-only cursor."""
        cursors = []
        serve = http.Request._serve_ir_http

        def spy(request, rule, args):
            cursors.append(request.env.cr.readonly)
            return serve(request, rule, args)

        with (
            patch.object(http.Request, "_serve_ir_http", spy),
            self.assertNoLogs("odoo.http", "WARNING"),
        ):
            yield
        self.assertEqual(
            cursors,
            [True],
            f"{url}: served on cursors {cursors} (True = read-only); a retry "
            "after [True] means the request wrote",
        )

    # Not a page: a decision link moves into the session and redirects; the
    # decision page without its link says to open the link again.
    STATUS = {
        "/approval/decide/<string:token>": 303,
        "/approval/decide": 404,
    }

    def _get(self, login, url, status=200, same_session=False):
        if same_session:
            pass
        elif login:
            self.authenticate(login, login)
        else:
            self.authenticate(None, None)
        with self.assertServedReadOnly(url):
            response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def _requests(self):
        """(route, login, url): at least one request a read-only route."""
        alf, ada = self.approver_1.login, self.admin.login
        buyer = self.buyer.partner_id.id
        people = f"member_id={buyer}&view=people"
        return [
            ("/my/approvals", alf, "/my/approvals"),
            ("/my/approvals", alf, "/my/approvals?filterby=decided&search=S"),
            ("/my/approvals/page/<int:page>", alf, "/my/approvals/page/1"),
            (
                "/my/approvals/<int:order_id>",
                alf,
                f"/my/approvals/{self.waiting.id}",
            ),
            ("/my/approvals", ada, "/my/approvals?sortby=date_asc"),
            (
                "/my/approvals/<int:order_id>",
                ada,
                f"/my/approvals/{self.free_text.id}?product_search=List",
            ),
            ("/my/approvals/absence", alf, "/my/approvals/absence"),
            (
                "/my/approvals/absence",
                ada,
                f"/my/approvals/absence?member_id={self.approver_1.partner_id.id}",
            ),
            ("/my/lists", self.buyer.login, "/my/lists"),
            (
                "/my/lists/<int:list_id>",
                self.buyer.login,
                f"/my/lists/{self.company_list.id}",
            ),
            (
                "/my/lists/<int:list_id>",
                self.restricted.login,
                f"/my/lists/{self.company_list.id}",
            ),
            ("/my/order-for", ada, "/my/order-for"),
            ("/my/orders/free-text", self.free_buyer.login, "/my/orders/free-text"),
            ("/my/team", ada, "/my/team"),
            ("/my/team", ada, "/my/team?search=Bob&filterby=none&sortby=email"),
            ("/my/team/page/<int:page>", ada, "/my/team/page/1?search=a"),
            ("/my/team/new", ada, "/my/team/new"),
            ("/my/team/<int:member_id>", ada, f"/my/team/{buyer}"),
            ("/my/team/addresses/new", ada, "/my/team/addresses/new"),
            (
                "/my/team/addresses/<int:address_id>",
                ada,
                f"/my/team/addresses/{self.address.id}",
            ),
            ("/my/team/departments/new", ada, "/my/team/departments/new"),
            ("/my/team/pools", ada, "/my/team/pools"),
            ("/my/team/pools/new", ada, "/my/team/pools/new"),
            ("/my/team/pools/<int:pool_id>", ada, f"/my/team/pools/{self.pool.id}"),
            (
                "/my/team/departments/<int:department_id>",
                ada,
                f"/my/team/departments/{self.department.id}",
            ),
            ("/my/team/rules", ada, "/my/team/rules"),
            ("/my/team/rules/new", ada, "/my/team/rules/new"),
            ("/my/team/rules/<int:rule_id>", ada, f"/my/team/rules/{self.rule.id}"),
            ("/my/team/settings", ada, "/my/team/settings"),
            ("/my/team/changes", ada, "/my/team/changes"),
            ("/my/team/changes/page/<int:page>", ada, "/my/team/changes/page/1"),
            ("/my/team/statistics", ada, "/my/team/statistics"),
            ("/my/team/statistics", ada, f"/my/team/statistics?{people}"),
            ("/my/team/statistics", ada, "/my/team/statistics?search=Bob"),
            (
                "/my/team/statistics",
                ada,
                "/my/team/statistics?view=people&search=Bob&people_page=2",
            ),
            (
                "/my/team/statistics/page/<int:page>",
                ada,
                f"/my/team/statistics/page/1?{people}",
            ),
            (
                "/my/team/statistics/orders",
                ada,
                f"/my/team/statistics/orders?department_id={self.department.id}",
            ),
            (
                "/my/team/statistics/orders/page/<int:page>",
                ada,
                f"/my/team/statistics/orders/page/1?person_id={buyer}",
            ),
            ("/my/team/statistics/export", ada, "/my/team/statistics/export"),
            (
                "/my/team/statistics/export",
                ada,
                "/my/team/statistics/export?format=csv",
            ),
            ("/shop/contract", self.free_buyer.login, "/shop/contract"),
            ("/shop/contract", self.restricted.login, "/shop/contract"),
            ("/shop/contract", self.buyer.login, "/shop/contract"),
            (
                "/shop/contract/page/<int:page>",
                self.free_buyer.login,
                "/shop/contract/page/1",
            ),
            (
                "/approval/decide/<string:token>",
                None,
                self.links["approve"].removeprefix(self.base_url()),
            ),
            ("/approval/decide", None, "/approval/decide"),
        ]

    # ------------------------------------------------------------------
    # What the addon declares
    # ------------------------------------------------------------------
    def test_every_route_is_a_conscious_choice(self):
        routes = addon_routes(self.env)
        self.assertEqual(
            set(routes) - READONLY_ROUTES - READ_WRITE_ROUTES,
            set(),
            "a new route: add it to READONLY_ROUTES (and a request below) or "
            "to READ_WRITE_ROUTES",
        )
        self.assertEqual(
            (READONLY_ROUTES | READ_WRITE_ROUTES) - set(routes),
            set(),
            "a route of the lists is gone",
        )
        readonly = {key for key, value in routes.items() if value}
        self.assertEqual(readonly, READONLY_ROUTES)
        self.assertEqual(
            {key for key, value in routes.items() if value == "callable"},
            READONLY_WHEN_GET,
        )

    def test_every_readonly_route_is_requested(self):
        requested = {route for route, _login, _url in self._requests()}
        self.assertEqual(
            requested, {url for url, _methods in READONLY_ROUTES}, "untested routes"
        )

    # ------------------------------------------------------------------
    # What the requests do
    # ------------------------------------------------------------------
    def test_readonly_routes_render_on_a_readonly_cursor(self):
        for route, login, url in self._requests():
            with self.subTest(url=url, login=login):
                self._get(login, url, self.STATUS.get(route, 200))

    def test_statistics_link_orders_without_giving_them_a_token(self):
        """The admin reads the company's orders by right: the lists behind a
        figure link them without a token (get_portal_url() would write one)."""
        buyer = self.buyer.partner_id.id
        url = f"/my/orders/{self.waiting.id}"
        for page in (
            f"/my/team/statistics?member_id={buyer}",
            f"/my/team/statistics/orders?person_id={buyer}",
        ):
            response = self._get(self.admin.login, page)
            self.assertIn(f'href="{url}"', response.text)
        self.assertFalse(self.waiting.access_token)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.waiting.name, response.text)

    def test_get_of_the_decision_page_reads_its_post_decides(self):
        url = self.links["approve"].removeprefix(self.base_url())
        moved = self._get(None, url, status=303)
        page = self._get(None, moved.headers["Location"], same_session=True)
        self.assertIn("csrf_token", page.text)
        self.assertEqual(self.waiting.approval_state, "waiting")

    def test_posted_free_text_order_is_created_on_the_primary(self):
        Orders = self.env["sale.order"]
        mine = [("partner_id", "=", self.free_buyer.partner_id.id)]
        before = Orders.search_count(mine)
        self.authenticate(self.free_buyer.login, self.free_buyer.login)
        response = self.url_open(
            "/my/orders/free-text",
            data={
                "request_text": "Ten boxes of blue pens",
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(Orders.search_count(mine), before + 1)

    def test_odoo_readonly_routes_the_addon_extends(self):
        """/my/counters and /my/addresses are read-only in Odoo; the addon's
        counters and address rules must not write there either."""
        self.authenticate(self.approver_1.login, self.approver_1.login)
        with self.assertServedReadOnly("/my/counters"):
            counters = self.make_jsonrpc_request(
                "/my/counters",
                {"counters": ["approval_count", "shopping_list_count"]},
            )
        self.assertEqual(counters["approval_count"], 1)
        self._get(self.buyer.login, "/my/addresses")
        self._get(self.admin.login, "/my/addresses")
        self._get(self.free_buyer.login, "/my/address?address_type=delivery")
