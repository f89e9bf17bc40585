# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from ..models.plural_forms import select_plural

ORDERS = (
    "{%(count)s, plural, one {%(count)s zamówienie} few {%(count)s zamówienia}"
    " many {%(count)s zamówień} other {%(count)s zamówienia}}"
)


@tagged("post_install", "-at_install")
class TestPluralForms(TransactionCase):
    """Counts are said with the plural forms of the reader's language: the
    sentence carries every form (ICU's plural syntax), the language's rules
    (Babel's CLDR data) choose."""

    def test_each_language_chooses_its_form(self):
        def say(count, lang):
            return select_plural(ORDERS % {"count": count}, lang)

        self.assertEqual(
            [say(n, "pl_PL") for n in (1, 2, 5, 22, 25)],
            [
                "1 zamówienie",
                "2 zamówienia",
                "5 zamówień",
                "22 zamówienia",
                "25 zamówień",
            ],
        )
        english = "{%(count)s, plural, one {%(count)s order} other {%(count)s orders}}"
        self.assertEqual(select_plural(english % {"count": 1}, "en_US"), "1 order")
        self.assertEqual(select_plural(english % {"count": 0}, "fr_FR"), "0 order")
        self.assertEqual(select_plural(english % {"count": 3}, "de_DE"), "3 orders")
        # A form the translator left out: "other"; text around kept as it is.
        self.assertEqual(
            select_plural("Note: {4, plural, one {one day} other {4 days}}!", "pl"),
            "Note: 4 days!",
        )
        plain = "No count here {x}"
        self.assertEqual(select_plural(plain, "pl_PL"), plain)

    def test_sentences_of_the_addon_say_one_and_many(self):
        customer = self.env["res.partner"].create(
            {"name": "Acme Tools Ltd", "is_company": True}
        )
        admin = self.env["res.partner"].create(
            {"name": "Ada Admin", "parent_id": customer.id, "is_customer_admin": True}
        )
        texts = []
        for members in (1, 2):
            department = self.env["customer.department"].create(
                {"name": f"Dept {members}", "company_partner_id": customer.id}
            )
            self.env["res.partner"].create(
                [
                    {
                        "name": f"Person {members}.{n}",
                        "parent_id": customer.id,
                        "customer_department_id": department.id,
                    }
                    for n in range(members)
                ]
            )
            texts.append(admin._set_team_department_active(department, False))
        self.assertEqual(
            texts,
            [
                "Dept 1 is archived; its 1 member is in no department any more.",
                "Dept 2 is archived; its 2 members are in no department any more.",
            ],
        )
        products = self.env["product.product"].create(
            [{"name": "Stapler"}, {"name": "Ruler"}]
        )
        order = self.env["sale.order"].create({"partner_id": admin.id})
        reasons = self.env["sale.order.approval.reason"].create(
            [
                {
                    "order_id": order.id,
                    "code": "outside_assortment",
                    "product_ids": [(6, 0, ids)],
                }
                for ids in (products[:1].ids, products.ids)
            ]
        )
        self.assertEqual(
            reasons.mapped("name"),
            [
                "1 product outside the contract assortment: Stapler",
                "2 products outside the contract assortment: Stapler, Ruler",
            ],
        )
