# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import sys
from pathlib import Path
from unittest import SkipTest

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

DEMO = "website_sale_customer_approval."


@tagged("post_install", "-at_install")
class TestInstallation(TransactionCase):
    def test_addon_installed(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "website_sale_customer_approval")]
        )
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.application)

    def test_catalogues_load_in_the_languages_of_the_seeds(self):
        expected = {
            "fr_FR": "En attente d'approbation",
            "de_DE": "Wartet auf Freigabe",
            "sv_SE": "Väntar på attest",
            "pl_PL": "Oczekuje na akceptację",
        }
        for code in expected:
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["website_sale_customer_approval"], list(expected)
        )
        field = self.env["sale.order"]._fields["approval_state"]
        for code, label in expected.items():
            with self.subTest(lang=code):
                env = self.env(context={"lang": code})
                self.assertEqual(
                    dict(field._description_selection(env))["waiting"], label
                )


class DemoDataCase:
    """The demo data's own checks: they run on a database installed with demo
    data (as `make test` does); every other test builds its own data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.env["ir.module.module"].search(
            [("name", "=", "website_sale_customer_approval")]
        )
        if not module.demo:
            raise SkipTest("installed without demo data")


@tagged("post_install", "-at_install")
class TestDemoData(DemoDataCase, TransactionCase):
    def test_demo_customer_company(self):
        company = self.env.ref(DEMO + "partner_fjord_engineering")
        self.assertTrue(company.is_company)
        people = company.child_ids.filtered(lambda child: child.type == "contact")
        self.assertEqual(len(people), 7)
        self.assertTrue(self.env.ref(DEMO + "partner_anna").is_customer_admin)
        erik = self.env.ref(DEMO + "partner_erik")
        self.assertEqual(erik.next_approver_id, self.env.ref(DEMO + "partner_karin"))
        for login in ("anna", "erik", "karin", "lars", "maja", "nils", "olle"):
            user = self.env.ref(f"{DEMO}user_{login}")
            self.assertTrue(user._is_portal(), login)

    def test_demo_contract_assortment(self):
        contract = self.env.ref(DEMO + "pricelist_fjord_contract")
        lars = self.env.ref(DEMO + "partner_lars")
        self.assertEqual(lars.contract_assortment_id, contract)
        self.assertTrue(lars.contract_assortment_only)
        self.assertEqual(contract.contract_product_count, 14)
        # Other customers keep Odoo's pricelists.
        self.assertNotEqual(
            self.env.ref("base.res_partner_2").property_product_pricelist, contract
        )

    def test_demo_orders_in_every_approval_state(self):
        company = self.env.ref(DEMO + "partner_fjord_engineering")
        orders = self.env["sale.order"].search([("partner_id", "child_of", company.id)])
        self.assertTrue(
            {"none", "waiting", "approved", "rejected"}
            <= set(orders.mapped("approval_state"))
        )
        # Business customers buy on account: a released demo order is a sale.
        approved = orders.filtered(lambda o: o.approval_state == "approved")
        self.assertEqual(set(approved.mapped("state")), {"sale"})
        free_text = self.env.ref(DEMO + "sale_order_maja_free_text")
        self.assertEqual(free_text.approval_reason_ids.code, "free_text")
        self.assertIn("office chairs", free_text._get_free_text_request())
        waiting = self.env.ref(DEMO + "sale_order_maja_level2")
        self.assertEqual(
            waiting.approval_decider_ids, self.env.ref(DEMO + "partner_karin")
        )
        # Contract prices, and a history that speaks of the order's own total.
        contract = self.env.ref(DEMO + "pricelist_fjord_contract")
        for order in orders:
            with self.subTest(order=order.name):
                self.assertEqual(order.pricelist_id, contract)
                for step in order.approval_history_ids:
                    self.assertEqual(
                        order.currency_id.compare_amounts(
                            step.amount_total, order.amount_total
                        ),
                        0,
                    )

    def test_demo_release_of_this_month(self):
        """The vendor's lead-time report opens on the current month: the demo has a
        release in it whatever day it is installed."""
        company = self.env.ref(DEMO + "partner_fjord_engineering")
        start = fields.Datetime.now().replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        rounds = self.env["sale.order.approval.report"].search(
            [
                ("customer_id", "=", company.id),
                ("outcome", "=", "released"),
                ("ended_date", ">=", start),
            ]
        )
        self.assertTrue(rounds)
        self.assertTrue(all(hours > 0 for hours in rounds.mapped("lead_time_hours")))


@tagged("post_install", "-at_install")
class TestDemoLogin(DemoDataCase, HttpCase):
    def test_portal_user_logs_in(self):
        self.authenticate("maja@fjord.example", "maja1234")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Maja Ek", response.text)


@tagged("post_install", "-at_install")
class TestEveryTestFileRuns(TransactionCase):
    def test_every_test_module_is_imported(self):
        """Odoo's own runner (make test-odoo, OCA's CI) runs only the test modules
        that tests/__init__.py imports; pytest finds every file. A file left out
        would pass under one runner and never run under the other."""
        folder = Path(__file__).parent
        files = {path.stem for path in folder.glob("test_*.py")}
        package = sys.modules[__package__]
        imported = {name for name in vars(package) if name.startswith("test_")}
        self.assertEqual(files - imported, set())
