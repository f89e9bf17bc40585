# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_lists import ShoppingListCase


@tagged("post_install", "-at_install")
class TestShoppingLists(ShoppingListCase):
    """Who reads and changes which shopping list, through the ORM and the routes."""

    # ------------------------------------------------------------------
    # Through the ORM, as each person
    # ------------------------------------------------------------------
    def test_who_reads_which_list(self):
        ours = self.private | self.company_list | self.chosen
        self.assertEqual(self._readable(self.buyer), ours)
        self.assertEqual(self._readable(self.admin), ours)  # customer admin
        self.assertEqual(
            self._readable(self.free_buyer), self.company_list | self.chosen
        )
        self.assertEqual(
            self._readable(self.approver_1), self.company_list | self.chosen
        )
        self.assertEqual(self._readable(self.approver_2), self.company_list)
        self.assertEqual(self._readable(self.stranger), self.rival_list)
        # A customer admin of another company sees nothing of this one.
        self.assertEqual(self._readable(self.stranger_admin), self.rival_list)
        lines = self.env["customer.shopping.list.line"].with_user(self.stranger)
        self.assertEqual(lines.search([]), self.rival_list.line_ids)
        with self.assertRaises(AccessError):
            self.company_list.with_user(self.stranger).read(["name"])
        with self.assertRaises(AccessError):
            self.company_list.line_ids.with_user(self.stranger_admin).read(["quantity"])
        with self.assertRaises(AccessError):
            self.private.with_user(self.free_buyer).read(["name"])

    def test_who_changes_which_list(self):
        # Read-only colleagues may not change the lines.
        with self.assertRaises(AccessError):
            self.chosen.line_ids.with_user(self.approver_1).quantity = 5
        with self.assertRaises(AccessError):
            self.company_list.line_ids[:1].with_user(self.free_buyer).unlink()
        # Edit rights: lines, not the sharing nor the list itself.
        self.chosen.line_ids.with_user(self.free_buyer).quantity = 5
        self.assertEqual(self.chosen.line_ids.quantity, 5)
        with self.assertRaises(AccessError):
            self.chosen.with_user(self.free_buyer).sharing = "company"
        with self.assertRaises(AccessError):
            self.chosen.with_user(self.free_buyer).unlink()
        # Company sharing with edit rights.
        self.company_list.company_can_edit = True
        self.company_list.line_ids[:1].with_user(self.approver_2).quantity = 7
        # The customer admin manages every list of the company.
        self.private.with_user(self.admin).name = "Renamed by Ada"
        # Nobody of another company, whatever they post.
        with self.assertRaises(AccessError):
            self.env["customer.shopping.list.line"].with_user(self.stranger).create(
                {"list_id": self.company_list.id, "product_id": self.gloves.id}
            )
        with self.assertRaises(AccessError):
            self.env["customer.shopping.list"].with_user(self.stranger).create(
                {"name": "Forged", "owner_id": self.buyer.partner_id.id}
            )
        with self.assertRaises(AccessError):
            self.rival_list.with_user(self.admin).unlink()
        # Nor hand a list over to another company, nor list unpublished products.
        with self.assertRaises(AccessError):
            self.private.with_user(self.buyer).owner_id = self.stranger.partner_id
        self.gloves.is_published = False
        with self.assertRaises(AccessError):
            self.env["customer.shopping.list.line"].with_user(self.buyer).create(
                {"list_id": self.private.id, "product_id": self.gloves.id}
            )

    def test_sharing_only_within_the_company(self):
        shopping_list = self.private.with_user(self.buyer)
        with self.assertRaises(UserError):
            shopping_list._set_sharing(
                "chosen", rights={self.stranger.partner_id.id: "edit"}
            )
        shopping_list._set_sharing(
            "chosen", rights={self.approver_2.partner_id.id: "read"}
        )
        self.assertEqual(
            self._readable(self.approver_2), self.company_list | self.private
        )
        self.assertNotIn(self.private, self._readable(self.approver_3))

    # ------------------------------------------------------------------
    # Through the routes
    # ------------------------------------------------------------------
    def test_forged_ids_from_another_company_are_not_found(self):
        self.authenticate(self.stranger.login, self.stranger.login)
        own_line = self.company_list.line_ids[0]
        list_id = self.company_list.id
        self.assertEqual(self.url_open(f"/my/lists/{list_id}").status_code, 404)
        for url in (
            f"/my/lists/{list_id}/rename",
            f"/my/lists/{list_id}/share",
            f"/my/lists/{list_id}/lines",
            f"/my/lists/{list_id}/delete",
            f"/my/lists/{list_id}/cart",
            f"/my/lists/{list_id}/line/{own_line.id}/cart",
            f"/my/lists/{list_id}/line/{own_line.id}/remove",
            # The stranger's own list with a line of another company's list.
            f"/my/lists/{self.rival_list.id}/line/{own_line.id}/cart",
            f"/my/lists/{self.rival_list.id}/line/{own_line.id}/remove",
        ):
            response = self._post(url, name="Hacked", sharing="company")
            self.assertEqual(response.status_code, 404, url)
        response = self._post(
            "/shop/lists/add", product_id=self.gloves.id, list_id=list_id
        )
        self.assertEqual(response.status_code, 404)
        # Quantities of lines of another list, posted on one's own list.
        response = self._post(
            f"/my/lists/{self.rival_list.id}/lines", **{f"qty_{own_line.id}": "99"}
        )
        self.assertIn("not on the shopping list", response.text)
        self.company_list.invalidate_recordset()
        self.assertEqual(self.company_list.name, "Workshop")
        self.assertEqual(own_line.quantity, 2)
        self.assertEqual(len(self.company_list.line_ids), 2)
        page = self.url_open("/my/lists").text
        self.assertIn("Rival list", page)
        self.assertNotIn("Workshop", page)

    def test_list_pages_of_a_colleague(self):
        self.authenticate(self.approver_1.login, self.approver_1.login)
        page = self.url_open("/my/lists").text
        self.assertIn("Workshop", page)
        self.assertIn("Chosen", page)
        self.assertNotIn("Bob&#39;s private", page)
        self.assertEqual(self.url_open(f"/my/lists/{self.private.id}").status_code, 404)
        # Read-only: no quantity field, no management, and a posted change is refused.
        page = self.url_open(f"/my/lists/{self.chosen.id}").text
        self.assertNotIn("qty_", page)
        self.assertNotIn("o_shopping_list_manage", page)
        response = self._post(
            f"/my/lists/{self.chosen.id}/lines",
            **{f"qty_{self.chosen.line_ids.id}": "9"},
        )
        self.assertIn("You may not change", response.text)
        self.assertEqual(self.chosen.line_ids.quantity, 1)
        response = self._post(f"/my/lists/{self.chosen.id}/delete")
        self.assertTrue(self.chosen.exists())

    def test_owner_edits_shares_and_deletes(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        wrench_line = self.company_list.line_ids.filtered(
            lambda line: line.product_id == self.wrench
        )
        gadget_line = self.company_list.line_ids - wrench_line
        self._post(
            f"/my/lists/{self.company_list.id}/lines",
            **{f"qty_{wrench_line.id}": "5", f"qty_{gadget_line.id}": "0"},
        )
        self.assertEqual(self.company_list.line_ids, wrench_line)
        self.assertEqual(wrench_line.quantity, 5)
        self._post(
            f"/my/lists/{self.private.id}/share",
            sharing="chosen",
            **{f"share_{self.approver_3.partner_id.id}": "edit"},
        )
        self.assertEqual(self.private.share_ids.partner_id, self.approver_3.partner_id)
        self.assertTrue(self.private.share_ids.can_edit)
        self._post(f"/my/lists/{self.private.id}/rename", name="Desk")
        self.assertEqual(self.private.name, "Desk")
        response = self._post("/my/lists/new", name="Brand new")
        new_list = self.env["customer.shopping.list"].search(
            [("name", "=", "Brand new")]
        )
        self.assertEqual(new_list.owner_id, self.buyer.partner_id)
        self.assertTrue(response.url.endswith(f"/my/lists/{new_list.id}"))
        self._post(
            "/shop/lists/add",
            product_id=self.gloves.id,
            quantity="2",
            list_id=new_list.id,
            redirect="/shop/contract",
        )
        self.assertEqual(new_list.line_ids.product_id, self.gloves)
        self._post("/shop/lists/add", product_id=self.gloves.id, new_list_name="Gloves")
        self.assertTrue(
            self.env["customer.shopping.list"]
            .search([("name", "=", "Gloves")])
            .line_ids
        )
        self._post(f"/my/lists/{new_list.id}/delete")
        self.assertFalse(new_list.exists())

    def test_customer_admin_sees_every_list_of_the_company(self):
        self.authenticate(self.admin.login, self.admin.login)
        page = self.url_open("/my/lists").text
        for name in ("Bob&#39;s private", "Workshop", "Chosen"):
            self.assertIn(name, page)
        self.assertNotIn("Rival list", page)
        page = self.url_open(f"/my/lists/{self.private.id}").text
        self.assertIn("o_shopping_list_manage", page)

    def test_contact_form_counts_the_lists(self):
        self.assertEqual(self.customer.shopping_list_count, 3)
        self.assertEqual(self.buyer.partner_id.shopping_list_count, 3)
        self.assertEqual(self.admin.partner_id.shopping_list_count, 0)
        action = self.customer.action_view_shopping_lists()
        self.assertEqual(
            self.env["customer.shopping.list"].search(action["domain"]),
            self.private | self.company_list | self.chosen,
        )

    def test_portal_pages_show_the_vendor_no_customer_list(self):
        Lists = self.env["customer.shopping.list"].with_user(self.salesperson)
        ours = self.private | self.company_list | self.chosen | self.rival_list
        self.assertEqual(Lists.search([("id", "in", ours.ids)]), ours)  # backoffice
        self.assertFalse(Lists.search(Lists._portal_domain()))
        self.assertFalse(Lists._get_editable_lists())
        # A sub-account's editable lists: own, shared for editing, not read-only.
        self.assertEqual(
            self.env["customer.shopping.list"]
            .with_user(self.free_buyer)
            ._get_editable_lists(),
            self.chosen,
        )
