# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, get_db_name, tagged

from .common import create_sub_account
from .test_json2_api import api


@tagged("post_install", "-at_install")
class TestContractPrivacy(HttpCase):
    """A contract pricelist and its items are read, by portal and public users,
    only by the customer it is set on; the shop's prices do not change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.website = cls.env["website"].get_current_website()
        cls.category = cls.env["product.category"].create({"name": "Fjord goods"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Fjord rope coil",
                "list_price": 40.0,
                "categ_id": cls.category.id,
                "taxes_id": [Command.clear()],
                "is_published": True,
                "sale_ok": True,
            }
        )
        cls.contract = cls.env["product.pricelist"].create(
            {
                "name": "Fjord contract",
                "is_contract_assortment": True,
                # A pricelist of the website: the shop lists it for everybody.
                "website_id": cls.website.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": cls.category.id,
                            "compute_price": "fixed",
                            "fixed_price": 31.5,
                        }
                    )
                ],
            }
        )
        cls.orphan = cls.env["product.pricelist"].create(
            {
                "name": "Contract of nobody",
                "is_contract_assortment": True,
                "item_ids": [Command.create({"compute_price": "percentage"})],
            }
        )
        cls.public_list = cls.env["product.pricelist"].create(
            {
                "name": "Open list",
                "selectable": True,
                "item_ids": [Command.create({"compute_price": "percentage"})],
            }
        )
        fjord, other = cls.env["res.partner"].create(
            [
                {"name": "Fjord Fisheries AS", "is_company": True},
                {"name": "Meadow Mills Ltd", "is_company": True},
            ]
        )
        fjord.property_product_pricelist = cls.contract
        cls.buyer = create_sub_account(cls.env, "fjord-buyer@fjord.example", fjord)
        cls.stranger = create_sub_account(cls.env, "meadow@meadow.example", other)
        cls.public = cls.env.ref("base.public_user")
        cls.env["ir.config_parameter"].set_param("portal.allow_api_keys", True)

    def _readable(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_only_the_customer_reads_its_contract(self):
        items = self.contract.item_ids
        for user in (self.stranger, self.public):
            with self.subTest(user=user.login):
                Pricelist = self.env["product.pricelist"].with_user(user)
                self.assertNotIn(self.contract, Pricelist.search([]))
                self.assertFalse(self._readable(user, "product.pricelist.item", items))
                with self.assertRaises(AccessError):
                    Pricelist.browse(self.contract.id).read(["name"])
                with self.assertRaises(AccessError):
                    items.with_user(user).read(["fixed_price"])
        self.assertEqual(
            self._readable(self.buyer, "product.pricelist", self.contract),
            self.contract,
        )
        self.assertEqual(
            self._readable(self.buyer, "product.pricelist.item", items), items
        )

    def test_a_refused_read_says_nothing_of_the_contract(self):
        """A portal or public user refused a contract reads the addon's sentence:
        neither Odoo's generic words nor the contract's name or company."""
        for user in (self.stranger, self.public):
            for records, field in (
                (self.contract, "name"),
                (self.contract.item_ids, "fixed_price"),
            ):
                with self.subTest(user=user.login, model=records._name):
                    with self.assertRaises(AccessError) as caught:
                        records.with_user(user).read([field])
                    message = str(caught.exception)
                    self.assertNotIn("top-secret", message)
                    self.assertNotIn("Fjord", message)
                    self.assertIn("price list", message)

    def test_a_contract_of_nobody_is_read_by_nobody(self):
        for user in (self.buyer, self.stranger, self.public):
            with self.subTest(user=user.login):
                self.assertFalse(self._readable(user, "product.pricelist", self.orphan))
                self.assertFalse(
                    self._readable(user, "product.pricelist.item", self.orphan.item_ids)
                )

    def test_other_pricelists_keep_odoos_rules(self):
        for user in (self.buyer, self.stranger, self.public):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self._readable(user, "product.pricelist", self.public_list),
                    self.public_list,
                )
                self.assertEqual(
                    self._readable(
                        user, "product.pricelist.item", self.public_list.item_ids
                    ),
                    self.public_list.item_ids,
                )

    def test_a_new_contract_is_read_at_once(self):
        # The rule is not cached per user: the customer's new pricelist is theirs
        # at once, the former one no longer.
        self.assertTrue(self._readable(self.buyer, "product.pricelist", self.contract))
        self.buyer.partner_id.commercial_partner_id.property_product_pricelist = (
            self.orphan
        )
        self.assertFalse(self._readable(self.buyer, "product.pricelist", self.contract))
        self.assertTrue(self._readable(self.buyer, "product.pricelist", self.orphan))

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_call_kw_of_the_browser_session(self):
        self.authenticate(self.stranger.login, self.stranger.login)
        answer = self._call_kw(
            "product.pricelist", "search_read", [[]], {"fields": ["name"]}
        )
        names = [row["name"] for row in answer["result"]]
        self.assertIn("Open list", names)
        self.assertNotIn("Fjord contract", names)
        answer = self._call_kw(
            "product.pricelist.item",
            "search_read",
            [[("pricelist_id", "=", self.contract.id)]],
            {"fields": ["fixed_price"]},
        )
        self.assertEqual(answer["result"], [])
        answer = self._call_kw(
            "product.pricelist", "read", [[self.contract.id], ["name", "item_ids"]]
        )
        self.assertIn("error", answer)
        self.assertNotIn("Fjord contract", json.dumps(answer))

    def test_json2(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.stranger)
            ._generate(None, "Prices", datetime.now() + timedelta(hours=20))
        )
        self.env.flush_all()
        args = (self.base_url(), get_db_name(), key)
        with self.allow_requests(all_requests=True):
            rows = api.call(
                *args,
                "product.pricelist.item",
                "search_read",
                domain=[("pricelist_id", "=", self.contract.id)],
                fields=["fixed_price"],
            )
            self.assertEqual(rows, [])
            rows = api.call(
                *args, "product.pricelist", "search_read", domain=[], fields=["name"]
            )
            self.assertNotIn("Fjord contract", [row["name"] for row in rows])
            with self.assertRaises(api.OdooError):
                api.call(
                    *args,
                    "product.pricelist",
                    "read",
                    ids=[self.contract.id],
                    fields=["name"],
                )

    def test_shop_prices_are_unchanged(self):
        url = self.product.product_tmpl_id.website_url
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("31.50", page.text)
        for login in (self.stranger.login, None):
            with self.subTest(login=login):
                self.authenticate(login, login)
                for path in ("/shop", url):
                    page = self.url_open(path)
                    self.assertEqual(page.status_code, 200)
                    self.assertNotIn("Fjord contract", page.text)
                self.assertIn("40.00", page.text)
                self.assertNotIn("31.50", page.text)

    def test_nobody_else_chooses_the_contract(self):
        # Even a contract the vendor left selectable is no pricelist of the
        # website for other visitors.
        self.contract.selectable = True
        url = self.product.product_tmpl_id.website_url
        for login in (self.stranger.login, None):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.url_open(f"/shop/change_pricelist/{self.contract.id}")
                for path in (url, f"{url}?pricelist={self.contract.id}"):
                    page = self.url_open(path)
                    self.assertEqual(page.status_code, 200)
                    self.assertIn("40.00", page.text)
                    self.assertNotIn("31.50", page.text)
