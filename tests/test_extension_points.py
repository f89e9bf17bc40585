# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Features meet at declared extension points, not through the order in which
files load: every contribution is reached."""

import inspect

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from ..models.sale_order import EXTENSION_POINTS
from .common_purchasing import PurchasingCase

ADDON = "website_sale_customer_approval"
ADDON_MODULE = f"odoo.addons.{ADDON}."
# Generic defaults of every model that a model of this addon replaces on purpose.
REPLACED_DEFAULTS = {"_compute_display_name", "init"}


@tagged("post_install", "-at_install")
class TestSubmittableByTheVendor(PurchasingCase):
    def test_vendor_submits_for_a_person_whose_only_control_is_a_budget(self):
        """Pia has no approval setting of her own; her company's budget is her
        only control: the salesperson may still submit her quotation."""
        self._budget(100, department_id=False, partner_id=self.pia.partner_id.id)
        order = self._create_order(self.pia, amount=400)
        self.assertFalse(self.pia.partner_id._needs_approver())
        self.assertTrue(order.customer_approval_submittable)
        order.with_user(
            self.salesperson
        ).action_submit_on_behalf_for_customer_approval()
        self.assertEqual(order.approval_state, "waiting")
        self.assertEqual(order.approval_reason_ids.mapped("code"), ["budget"])

    def test_vendor_submits_for_a_person_whose_only_control_is_a_rule(self):
        self._rule("max_amount", amount=300)
        order = self._create_order(self.pia, amount=400)
        self.assertTrue(order.customer_approval_submittable)


@tagged("post_install", "-at_install")
class TestEveryOverrideCallsSuper(TransactionCase):
    """A method of this addon that overrides another definition (Odoo's, or one
    of this addon's other files) calls super(): otherwise whatever loads before
    it is silently never reached."""

    def test_overrides_call_super(self):
        dropped = []
        for model_name in self.env.registry:
            cls = type(self.env[model_name])
            mro = [
                klass for klass in cls.__mro__ if klass.__module__.startswith("odoo.")
            ]
            for index, klass in enumerate(mro):
                if not klass.__module__.startswith(ADDON_MODULE):
                    continue
                for name, member in vars(klass).items():
                    if not inspect.isfunction(member) or name.startswith("__"):
                        continue
                    below = [k for k in mro[index + 1 :] if name in vars(k)]
                    if not below:
                        continue  # the base definition
                    generic = all(k.__module__.startswith("odoo.orm") for k in below)
                    if generic and name in REPLACED_DEFAULTS:
                        continue
                    if "super(" not in inspect.getsource(member):
                        dropped.append(f"{model_name}.{name} ({klass.__module__})")
        self.assertFalse(dropped, "overrides without super(): %s" % dropped)


@tagged("post_install", "-at_install")
class TestDeclaredExtensionPoints(TransactionCase):
    """The extension points of the engine are declared once (EXTENSION_POINTS):
    a call runs through the files named there, in that order, and each is
    reached."""

    def test_contributors_in_the_declared_order(self):
        mro = type(self.env["sale.order"]).__mro__
        for method, (_question, files) in EXTENSION_POINTS.items():
            defined = [
                klass.__module__.rsplit(".", 1)[-1]
                for klass in mro
                if klass.__module__.startswith(ADDON_MODULE) and method in vars(klass)
            ]
            self.assertEqual(defined, files, f"contributors of {method}")

    def test_every_contributor_is_reached(self):
        """Each contribution is reached through the one before it: every
        definition but the base calls super()."""
        mro = type(self.env["sale.order"]).__mro__
        for method, (_question, files) in EXTENSION_POINTS.items():
            for klass in mro:
                module = klass.__module__.rsplit(".", 1)[-1]
                if module in files[:-1] and method in vars(klass):
                    source = inspect.getsource(vars(klass)[method])
                    self.assertIn("super(", source, f"{module}.{method}")

    def test_design_shows_the_table(self):
        with file_open(f"{ADDON}/DESIGN.md") as design:
            text = design.read()
        for method, (question, files) in EXTENSION_POINTS.items():
            row = f"| `{method}` | {question} | {' → '.join(files)} |"
            self.assertIn(row, text)
