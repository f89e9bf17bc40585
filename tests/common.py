# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, TransactionCase, get_db_name


def create_sub_account(env, login, company, **settings):
    """A portal user ``login`` (also their password) of ``company``, whose
    contact has the approval ``settings``."""
    partner = env["res.partner"].create(
        dict(name=login, email=login, parent_id=company.id, **settings)
    )
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "group_ids": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )


# An address that lets a buyer go through Odoo's checkout without typing one.
SHOP_ADDRESS = {
    "street": "Storgatan 1",
    "city": "Malmö",
    "zip": "211 22",
    "phone": "+46 40 123 45 67",
}


class PaymentMixin:
    """A payment provider and method of tests, and ``_pay``: what every payment
    route (shop, express checkout, the portal's Pay Now, RPC) does in the end."""

    @classmethod
    def _setup_payment(cls):
        cls.provider = cls.env["payment.provider"].create(
            {"name": "Test provider", "state": "test", "code": "none"}
        )
        cls.payment_method = cls.env["payment.method"].create(
            {"name": "Test method", "code": "customer_approval_test_method"}
        )

    def _pay(self, order):
        return self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "sale_order_ids": [Command.set(order.ids)],
            }
        )


class ThreadedCase(BaseCase):
    """Threads that each work in a committed transaction of their own, as
    concurrent HTTP requests would (the ``threaded`` tests). ``self.registry``
    opens their cursors.

    Odoo's own test runner (``--test-enable``) runs the post_install tests while
    the server holds ``Registry._lock``, and a thread that opens an Environment
    on a new cursor calls ``Registry(dbname)``, which takes that lock: the thread
    would wait until the whole run is over. HttpCase swaps the lock for a
    DummyRLock for its HTTP threads; these tests do the same while they run. The
    registry is loaded already, so nothing needs the lock meanwhile; under
    pytest-odoo no one holds it and the swap changes nothing.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.patch(Registry, "_lock", DummyRLock())

    # The data of these tests is committed: they record what they create in
    # self.ids and remove it at the end.
    def _commit_person(self, env, company, name, mail_domain, **settings):
        """A portal sub-account of ``company``, recorded for the clean-up."""
        login = f"{name}@{mail_domain}"
        partner = env["res.partner"].create(
            dict(name=name, email=login, parent_id=company.id, **settings)
        )
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "partner_id": partner.id,
                    "group_ids": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
        )
        self.ids.setdefault("partners", []).append(partner.id)
        self.ids.setdefault("users", []).append(user.id)
        return user

    @staticmethod
    def _remove_orders(env, orders):
        """Committed orders, their messages and e-mails."""
        for model in ("mail.mail", "mail.message"):
            env[model].search(
                [("model", "=", "sale.order"), ("res_id", "in", orders.ids)]
            ).unlink()
        orders.write({"state": "cancel"})
        orders.unlink()

    def _remove_people(self, env):
        """The recorded sub-accounts and their company, last."""
        env["res.users"].browse(self.ids.get("users", [])).unlink()
        env["res.partner"].browse(
            [*self.ids.get("partners", []), self.ids["company"]]
        ).unlink()


class CustomerApprovalCase(TransactionCase):
    """A customer company with a chain of approvers, and a product at 100.00.

    Chain: buyer -> approver_1 (breakpoint 1,000) -> approver_2 (breakpoint 5,000)
    -> approver_3 (no breakpoint); admin is the customer admin.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.currency = cls.env.company.currency_id
        # Sale's demo data asks for online payment before confirmation; these
        # tests expect a released order to be confirmed at once. The payment
        # path has its own test (test_mail).
        cls.env.company.portal_confirmation_pay = False
        cls.product = cls.env["product.product"].create(
            {
                "name": "Ballpoint pen (box)",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "sale_ok": True,
            }
        )
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Vera Vendor",
                "login": "vera.vendor@vendor.example",
                "email": "vera.vendor@vendor.example",
                "group_ids": [
                    Command.set([cls.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Acme Tools Ltd", "is_company": True}
        )
        cls.admin = cls._create_sub_account("Ada Admin", is_customer_admin=True)
        cls.approver_3 = cls._create_sub_account("Carl Chief", is_order_approver=True)
        cls.approver_2 = cls._create_sub_account(
            "Bea Boss",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=5000,
            next_approver_id=cls.approver_3.partner_id.id,
        )
        cls.approver_1 = cls._create_sub_account(
            "Alf Lead",
            is_order_approver=True,
            approval_breakpoint_enabled=True,
            approval_breakpoint=1000,
            next_approver_id=cls.approver_2.partner_id.id,
        )
        cls.buyer = cls._create_sub_account(
            "Bob Buyer",
            approval_breakpoint_enabled=True,
            approval_breakpoint=500,
            next_approver_id=cls.approver_1.partner_id.id,
        )
        cls.free_buyer = cls._create_sub_account("Fay Free")

    @classmethod
    def _create_sub_account(cls, name, company=None, **settings):
        company = company or cls.customer
        login = "%s@%s.example" % (
            name.lower().replace(" ", "."),
            company.name.split()[0].lower(),
        )
        partner = cls.env["res.partner"].create(
            dict(
                name=name,
                email=login,
                parent_id=company.id,
                **settings,
            )
        )
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "partner_id": partner.id,
                    "login": login,
                    "password": login,
                    "group_ids": [Command.set([cls.env.ref("base.group_portal").id])],
                }
            )
        )

    @classmethod
    def _create_stranger(cls):
        """Olga, customer admin and approver of another customer company
        (cls.other_customer): who must see and decide nothing of Acme's."""
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Other Corp", "is_company": True}
        )
        return cls._create_sub_account(
            "Olga Owner",
            company=cls.other_customer,
            is_customer_admin=True,
            is_order_approver=True,
        )

    @classmethod
    def _create_order(cls, buyer, amount=100.0, lines=1):
        """An order of ``buyer`` (a user) whose total is ``amount``."""
        price = amount / lines
        return cls.env["sale.order"].create(
            {
                "partner_id": buyer.partner_id.id,
                "user_id": cls.salesperson.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for _line in range(lines)
                ],
            }
        )

    def _submit(self, order, buyer=None):
        buyer = buyer or self.env["res.users"].search(
            [("partner_id", "=", order.partner_id.id)]
        )
        return order.with_user(buyer).action_submit_for_customer_approval()

    def _approve(self, order, user, comment=None):
        order.with_user(user).action_customer_approve(comment)
        order.invalidate_recordset()

    def _mails(self, order, template_xmlid):
        """The e-mails of ``order`` rendered from the given template."""
        template = self.env.ref("website_sale_customer_approval." + template_xmlid)
        return self.env["mail.mail"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                (
                    "subject",
                    "=",
                    template._render_field("subject", order.ids)[order.id],
                ),
            ]
        )

    @classmethod
    def _shop_address(cls, **values):
        return dict(SHOP_ADDRESS, country_id=cls.env.ref("base.se").id, **values)

    @classmethod
    def _create_shop_product(cls, name, price, **values):
        """A product published in the shop, without taxes."""
        return cls.env["product.product"].create(
            dict(
                name=name,
                list_price=price,
                taxes_id=[],
                website_published=True,
                sale_ok=True,
                **values,
            )
        )

    @classmethod
    def _create_contract_assortment(cls, category, price, name="Acme contract"):
        """A contract assortment of ``category`` at a fixed ``price``, set on the
        customer company."""
        pricelist = cls.env["product.pricelist"].create(
            {
                "name": name,
                "is_contract_assortment": True,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "2_product_category",
                            "categ_id": category.id,
                            "compute_price": "fixed",
                            "fixed_price": price,
                        }
                    )
                ],
            }
        )
        cls.customer.property_product_pricelist = pricelist
        return pricelist
