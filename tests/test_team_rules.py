# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A sub-account's settings in words, and what a new sub-account brings to their
first checkout."""

from odoo.tests import tagged
from odoo.tools import format_amount

from .common import CustomerApprovalCase


class TestTeamApprovalRule(CustomerApprovalCase):
    """The phrase that tells the customer admin which orders of a person need
    approval (res.partner's _get_approval_rule_text and
    _get_approval_limit_text)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls.free_buyer.partner_id
        cls.assortment = cls.env["product.pricelist"].create(
            {"name": "Acme contract", "is_contract_assortment": True}
        )
        cls.customer.property_product_pricelist = cls.assortment

    def rule(self, **settings):
        values = {
            "approval_mode": "none",
            "approval_breakpoint_enabled": False,
            "approval_breakpoint": 0,
            "may_send_free_text_orders": False,
            "contract_assortment_only": False,
            "next_approver_id": self.approver_1.partner_id.id,
        }
        values.update(settings)
        self.person.write(values)
        return self.person._get_approval_rule_text()

    def amount(self, value):
        return format_amount(self.env, value, self.currency)

    def test_each_combination_reads_as_one_rule(self):
        amount = self.amount(500)
        breakpoint_500 = {
            "approval_breakpoint_enabled": True,
            "approval_breakpoint": 500,
        }
        outside = {"approval_mode": "outside_assortment"}
        free_text = {"may_send_free_text_orders": True}
        cases = [
            ({}, "Orders without restriction"),
            (breakpoint_500, f"Orders above {amount} need approval"),
            (
                outside,
                "Orders with products outside the contract assortment need approval",
            ),
            (
                dict(outside, **breakpoint_500),
                "Orders with products outside the contract assortment or above "
                f"{amount} need approval",
            ),
            (free_text, "Only free-text orders need approval"),
            (
                dict(free_text, **breakpoint_500),
                f"Orders above {amount} and free-text orders need approval",
            ),
            (
                dict(free_text, **outside),
                "Free-text orders and orders with products outside the contract "
                "assortment need approval",
            ),
            (
                dict(free_text, **outside, **breakpoint_500),
                "Free-text orders and orders with products outside the contract "
                f"assortment or above {amount} need approval",
            ),
            ({"approval_mode": "always"}, "Every order needs approval"),
            (
                dict(breakpoint_500, approval_mode="always", **free_text),
                "Every order needs approval",
            ),
            # A breakpoint of 0: every order is above it.
            (
                {"approval_breakpoint_enabled": True, "approval_breakpoint": 0},
                "Every order needs approval",
            ),
            # A person who orders only inside the assortment never orders outside.
            (
                dict(outside, contract_assortment_only=True, **breakpoint_500),
                f"Orders above {amount} need approval",
            ),
        ]
        for settings, phrase in cases:
            with self.subTest(settings=settings):
                self.assertEqual(self.rule(**settings), phrase)

    def test_without_an_assortment_every_product_is_outside(self):
        self.customer.property_product_pricelist = self.env["product.pricelist"].create(
            {"name": "Plain prices"}
        )
        self.assertEqual(
            self.rule(approval_mode="outside_assortment"),
            "Every order needs approval: Acme Tools Ltd has no contract assortment",
        )

    def test_amounts_carry_their_currency(self):
        self.assertIn(self.currency.symbol, self.amount(500))
        phrase = self.rule(approval_breakpoint_enabled=True, approval_breakpoint=1234.5)
        self.assertIn(self.amount(1234.5), phrase)
        self.assertIn(self.currency.symbol, phrase)
        self.assertNotIn("1234.5 ", phrase)

    def test_approval_limit_of_approvers(self):
        self.assertEqual(self.buyer.partner_id._get_approval_limit_text(), "")
        self.assertEqual(
            self.approver_1.partner_id._get_approval_limit_text(),
            f"Approves up to {self.amount(1000)}; above, passes on to Bea Boss",
        )
        # Without a breakpoint, their approval is final.
        self.assertEqual(self.approver_3.partner_id._get_approval_limit_text(), "")
        # Without a next approver, the customer admins decide above it ...
        self.approver_3.partner_id.write(
            {"approval_breakpoint_enabled": True, "approval_breakpoint": 200}
        )
        self.assertEqual(
            self.approver_3.partner_id._get_approval_limit_text(),
            f"Approves up to {self.amount(200)}; above, passes on to the customer "
            "admins",
        )
        # ... unless they are a customer admin themselves: then it is final.
        self.approver_3.partner_id.is_customer_admin = True
        self.assertEqual(self.approver_3.partner_id._get_approval_limit_text(), "")

    def test_confirmation_of_deactivation(self):
        admin = self.admin.partner_id.with_user(self.admin)
        member = admin._get_team_member(self.person.id)
        self.assertEqual(
            admin._set_team_member_active(member, False),
            "Fay Free is deactivated: they can no longer log in. Reactivate them "
            "to give them their login back.",
        )
        member = admin._get_team_member(self.person.id)
        self.assertEqual(
            admin._set_team_member_active(member, True),
            "Fay Free is active again: they can log in again.",
        )
        # A person without login.
        contact = self.env["res.partner"].create(
            {"name": "Lea Loginless", "parent_id": self.customer.id}
        )
        member = admin._get_team_member(contact.id)
        self.assertEqual(
            admin._set_team_member_active(member, False),
            "Lea Loginless is deactivated.",
        )


@tagged("post_install", "-at_install")
class TestNewSubAccountChecksOut(CustomerApprovalCase):
    """What the admin entered is not asked again at the first checkout."""

    def test_new_sub_account_has_what_the_checkout_needs(self):
        self.customer.write(
            {
                "street": "Storgatan 1",
                "city": "Malmö",
                "zip": "211 22",
                "phone": "+46 40 123 45 67",
                "country_id": self.env.ref("base.se").id,
            }
        )
        admin = self.admin.partner_id.with_user(self.admin)
        member, errors = admin._save_team_member(
            {
                "name": "Nora New",
                "email": " Nora.New@Acme.example ",
                "phone": "",
                "password": "nora-new-1",
                "approval_mode": "always",
                "next_approver_id": self.approver_1.partner_id.id,
            }
        )
        self.assertFalse(errors)
        self.assertEqual(member.email, "nora.new@acme.example")
        # website_sale's mandatory billing and delivery fields
        for field in ("name", "email", "phone", "street", "city", "country_id"):
            self.assertTrue(member[field], field)
        self.assertEqual(member.phone, "+46 40 123 45 67")
        self.assertEqual(member.approval_rule_text, "Every order needs approval")
