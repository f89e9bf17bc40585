# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CustomerApprovalCase


@tagged("post_install", "-at_install")
class TestSubAccountSettings(CustomerApprovalCase):
    def test_chain(self):
        self.assertEqual(
            self.buyer.partner_id._get_approval_chain(),
            self.approver_1.partner_id
            | self.approver_2.partner_id
            | self.approver_3.partner_id,
        )

    def test_next_approver_must_be_an_approver(self):
        with self.assertRaisesRegex(ValidationError, "active approver"):
            self.buyer.partner_id.next_approver_id = self.free_buyer.partner_id

    def test_next_approver_is_not_oneself(self):
        with self.assertRaisesRegex(ValidationError, "own next approver"):
            self.approver_1.partner_id.next_approver_id = self.approver_1.partner_id

    def test_no_cycle(self):
        with self.assertRaisesRegex(
            ValidationError, "circle.*Carl Chief → Alf Lead → Bea Boss → Carl Chief"
        ):
            self.approver_3.partner_id.next_approver_id = self.approver_1.partner_id

    def test_next_approver_of_the_same_company(self):
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        stranger = self._create_sub_account(
            "Sam Stranger", company=other, is_order_approver=True
        )
        with self.assertRaisesRegex(ValidationError, "must belong to Acme"):
            self.buyer.partner_id.next_approver_id = stranger.partner_id

    def test_approver_losing_the_right_breaks_chains(self):
        with self.assertRaisesRegex(ValidationError, "active approver"):
            self.approver_1.partner_id.is_order_approver = False

    def test_archiving_a_next_approver_is_refused(self):
        # A contact without login (the portal locks those with one, see /my/team).
        approver = self.env["res.partner"].create(
            {
                "name": "Paula Paper",
                "parent_id": self.customer.id,
                "is_order_approver": True,
            }
        )
        self.free_buyer.partner_id.next_approver_id = approver
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Paula Paper cannot be archived: they are the next approver of "
                "Fay Free",
            ),
            self.env.cr.savepoint(),
        ):
            approver.active = False
        self.assertTrue(approver.active)
        # Once nobody depends on them, they may go.
        self.free_buyer.partner_id.next_approver_id = False
        approver.active = False
        self.assertFalse(approver.active)

    def test_moving_a_next_approver_to_another_company_is_refused(self):
        # Carl decides what Bea passes on; in another company he could not read
        # those orders any more.
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        carl = self.approver_3.partner_id
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Carl Chief cannot leave Acme Tools Ltd: they are the next approver of "
                "Bea Boss",
            ),
            self.env.cr.savepoint(),
        ):
            carl.parent_id = other
        self.assertEqual(carl.commercial_partner_id, self.customer)
        # Somebody nobody depends on may move.
        self.free_buyer.partner_id.parent_id = other
        self.assertEqual(self.free_buyer.partner_id.commercial_partner_id, other)

    def test_moving_the_last_customer_admin_away_is_refused(self):
        # Fay's orders wait for the customer admins: Ada is the only one.
        self.free_buyer.partner_id.approval_mode = "always"
        other = self.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        with (
            self.assertRaisesRegex(ValidationError, "Fay Free.*nobody can decide"),
            self.env.cr.savepoint(),
        ):
            self.admin.partner_id.parent_id = other
        self.assertEqual(self.admin.partner_id.commercial_partner_id, self.customer)
        # Out of any company, the same.
        with (
            self.assertRaisesRegex(ValidationError, "Fay Free.*nobody can decide"),
            self.env.cr.savepoint(),
        ):
            self.admin.partner_id.parent_id = False
        self.assertEqual(self.admin.partner_id.commercial_partner_id, self.customer)

    def test_somebody_must_decide(self):
        partner = self.free_buyer.partner_id
        partner.approval_mode = "always"  # the customer admin decides
        with self.assertRaisesRegex(ValidationError, "nobody can decide"):
            self.admin.partner_id.is_customer_admin = False
        # A customer admin cannot decide on their own orders either.
        with self.assertRaisesRegex(ValidationError, "nobody can decide"):
            self.admin.partner_id.approval_mode = "always"

    def test_negative_breakpoint_refused(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.buyer.partner_id.approval_breakpoint = -1

    def test_next_approver_domain_offers_company_approvers(self):
        partner = self.buyer.partner_id
        domain = partner._fields["next_approver_id"].domain
        self.assertIn("commercial_partner_id", domain)
        self.assertIn("is_order_approver", domain)
