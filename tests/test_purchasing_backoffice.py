# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerApprovalCase
from .test_installation import DEMO, DemoDataCase

# The mail templates that list the reasons of an order.
REASON_TEMPLATES = (
    "mail_template_order_submitted",
    "mail_template_approval_request",
    "mail_template_approval_passed_on",
    "mail_template_approval_escalated",
)


class PurchasingBackofficeCase(CustomerApprovalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logistics = cls.env["customer.department"].create(
            {
                "name": "Logistics",
                "code": "LOG",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.buyer.partner_id.customer_department_id = cls.logistics
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Other Works Ltd", "is_company": True}
        )
        cls.stranger = cls.env["res.partner"].create(
            {"name": "Sam Stranger", "parent_id": cls.other_company.id}
        )
        cls.tools = cls.env["product.category"].create({"name": "Power tools"})
        # Only sales administrators (and contact creators) edit contacts.
        cls.sales_manager = cls.env["res.users"].create(
            {
                "name": "Mona Manager",
                "login": "mona.manager@vendor.example",
                "email": "mona.manager@vendor.example",
                "group_ids": [
                    Command.set([cls.env.ref("sales_team.group_sale_manager").id])
                ],
            }
        )

    def _arch(self, xmlid):
        """The combined arch of a view (of this addon when ``xmlid`` has no
        module)."""
        if "." not in xmlid:
            xmlid = "website_sale_customer_approval." + xmlid
        return self.env.ref(xmlid)._get_combined_arch()


@tagged("post_install", "-at_install")
class TestPurchasingBackofficeForms(PurchasingBackofficeCase):
    def test_rule_form_shows_what_each_rule_needs(self):
        rules = self.env["customer.purchasing.rule"].with_user(self.salesperson)
        with Form(rules) as form:
            form.company_partner_id = self.customer
            form.rule_type = "category"
            # Only the categories: no amount, no number of orders.
            for field in ("amount", "max_orders", "period"):
                with self.assertRaises(AssertionError, msg=field):
                    setattr(form, field, 1)
            form.category_ids.add(self.tools)
            form.scope = "department"
            with self.assertRaises(AssertionError):
                form.partner_ids.add(self.free_buyer.partner_id)
            form.department_id = self.logistics
            form.exceeded_action = "refuse"
            with self.assertRaises(AssertionError):
                form.required_level = "admin"
        rule = form.record
        self.assertEqual(rule.rule_type, "category")
        self.assertEqual(rule.category_ids, self.tools)
        self.assertEqual(rule.department_id, self.logistics)
        self.assertEqual(rule.create_uid, self.salesperson)

        with Form(rules) as form:
            form.company_partner_id = self.customer
            form.rule_type = "max_amount"
            with self.assertRaises(AssertionError):
                form.category_ids.add(self.tools)
            form.amount = 2000
            form.scope = "partners"
            with self.assertRaises(AssertionError):
                form.department_id = self.logistics
            form.partner_ids.add(self.free_buyer.partner_id)
            form.required_level = "admin"
        self.assertEqual(form.record.partner_ids, self.free_buyer.partner_id)
        self.assertEqual(form.record.required_level, "admin")

        with Form(rules) as form:
            form.company_partner_id = self.customer
            form.rule_type = "order_count"
            with self.assertRaises(AssertionError):
                form.amount = 10
            form.max_orders = 3
            form.period = "quarter"
        self.assertEqual((form.record.max_orders, form.record.period), (3, "quarter"))

    def test_rule_form_requires_the_department_of_its_scope(self):
        form = Form(self.env["customer.purchasing.rule"].with_user(self.salesperson))
        form.company_partner_id = self.customer
        form.rule_type = "min_amount"
        form.amount = 100
        form.scope = "department"
        with self.assertRaisesRegex(AssertionError, "department_id"):
            form.save()

    def test_rule_form_offers_only_the_company_people(self):
        arch = self._arch("customer_purchasing_rule_view_form")
        for name in ("department_id", "partner_ids"):
            node = arch.xpath(f"//field[@name='{name}']")[0]
            self.assertIn("company_partner_id", node.get("domain"), name)
        # The domain holds: the people offered are those of the rule's company.
        domain = arch.xpath("//field[@name='partner_ids']")[0].get("domain")
        people = self.env["res.partner"].search(
            safe_eval(domain, {"company_partner_id": self.customer.id})
        )
        self.assertIn(self.free_buyer.partner_id, people)
        self.assertNotIn(self.stranger, people)
        self.assertNotIn(self.customer, people)

    def test_budget_form_by_a_sales_user(self):
        budgets = self.env["customer.budget"].with_user(self.salesperson)
        with Form(budgets) as form:
            form.department_id = self.logistics
            # A department's budget, or a person's: not both.
            with self.assertRaises(AssertionError):
                form.partner_id = self.buyer.partner_id
            form.amount = 1000
            form.period = "month"
            form.required_level = "manager"
        budget = form.record
        self.assertEqual(budget.company_partner_id, self.customer)
        self.assertEqual((budget.spent, budget.remaining), (0.0, 1000.0))

        order = self._create_order(self.buyer, 300)
        order.action_confirm()
        budget.invalidate_recordset(["spent", "remaining"])
        with Form(budget.with_user(self.salesperson)) as form:
            self.assertEqual(form.spent, 300.0)
            self.assertEqual(form.remaining, 700.0)
            self.assertTrue(form.period_name)
        action = budget.with_user(self.salesperson).action_view_orders()
        self.assertEqual(
            self.env["sale.order"].search(action["domain"]),
            order,
        )

        with Form(budgets) as form:
            form.partner_id = self.free_buyer.partner_id
            with self.assertRaises(AssertionError):
                form.department_id = self.logistics
            form.amount = 250
            form.period = "quarter"
            form.exceeded_action = "refuse"
            with self.assertRaises(AssertionError):
                form.required_level = "admin"
        self.assertEqual(form.record.company_partner_id, self.customer)

    def test_budget_form_needs_its_target(self):
        form = Form(self.env["customer.budget"].with_user(self.salesperson))
        form.amount = 100
        with self.assertRaisesRegex(AssertionError, "required"):
            form.save()

    def test_budget_list_marks_a_budget_spent(self):
        arch = self._arch("customer_budget_view_list")
        self.assertEqual(arch.get("decoration-danger"), "remaining == 0")
        self.assertTrue(arch.xpath("//button[@name='action_view_orders']"))

    def test_department_form_by_a_sales_user(self):
        departments = self.env["customer.department"].with_user(self.salesperson)
        with Form(departments) as form:
            form.name = "Workshop"
            form.code = "WS-7"
            form.company_partner_id = self.customer
            form.manager_id = self.approver_1.partner_id
            with form.budget_ids.new() as line:
                line.amount = 500
                line.period = "year"
        department = form.record
        self.assertEqual(department.display_name, "Workshop (WS-7)")
        self.assertEqual(department.budget_ids.amount, 500)
        self.assertEqual(department.budget_ids.company_partner_id, self.customer)
        # Members: the company's people only, a department at most each.
        arch = self._arch("customer_department_view_form")
        members = arch.xpath("//field[@name='member_ids']")[0]
        self.assertEqual(members.get("widget"), "many2many")
        self.assertIn("company_partner_id", members.get("domain"))
        department.with_user(self.salesperson).member_ids = [
            Command.link(self.buyer.partner_id.id)
        ]
        self.assertEqual(self.buyer.partner_id.customer_department_id, department)
        self.assertFalse(self.logistics.member_ids)

    def test_contact_form_shows_departments_budgets_and_rules(self):
        budget = self.env["customer.budget"].create(
            {"department_id": self.logistics.id, "amount": 1000, "period": "month"}
        )
        self.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": self.customer.id,
                "rule_type": "min_amount",
                "amount": 100,
                "exceeded_action": "refuse",
            }
        )
        self._create_order(self.buyer, 400).action_confirm()
        # What the web client reads: the fields of the tab's lists.
        view = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .get_views([(False, "form")])["views"]["form"]
        )
        arch = etree.fromstring(view["arch"])
        page = arch.xpath("//page[@name='customer_purchasing_company']")[0]
        lists = {
            name: [
                field.get("name")
                for field in page.xpath(f"field[@name='{name}']/list/field")
            ]
            for name in (
                "customer_department_ids",
                "customer_budget_ids",
                "customer_purchasing_rule_ids",
            )
        }
        self.assertTrue(
            {"period_name", "spent", "remaining"} <= set(lists["customer_budget_ids"])
        )
        self.assertIn("manager_id", lists["customer_department_ids"])
        self.assertIn("scope", lists["customer_purchasing_rule_ids"])
        spec = {
            name: {"fields": {field: {} for field in fields}}
            for name, fields in lists.items()
        }
        (values,) = self.customer.with_user(self.salesperson).web_read(spec)
        (department,) = values["customer_department_ids"]
        self.assertEqual(
            (department["name"], department["code"], department["member_count"]),
            ("Logistics", "LOG", 1),
        )
        (line,) = values["customer_budget_ids"]
        self.assertEqual((line["spent"], line["remaining"]), (400.0, 600.0))
        self.assertEqual(line["period_name"], budget.period_name)
        (rule,) = values["customer_purchasing_rule_ids"]
        self.assertEqual(rule["name"], "Minimum order value")
        # A sales administrator types a person's budget in the company's list.
        self.customer.with_user(self.sales_manager).web_save(
            {
                "customer_budget_ids": [
                    Command.create(
                        {
                            "partner_id": self.free_buyer.partner_id.id,
                            "amount": 50,
                            "period": "quarter",
                        }
                    )
                ]
            },
            {},
        )
        person_budget = self.customer.customer_budget_ids - budget
        self.assertEqual(person_budget.partner_id, self.free_buyer.partner_id)
        self.assertEqual(person_budget.company_partner_id, self.customer)

    def test_person_form_shows_the_department(self):
        with Form(self.buyer.partner_id.with_user(self.sales_manager)) as form:
            self.assertEqual(form.customer_department_id, self.logistics)
            form.customer_department_id = self.env["customer.department"]
        self.assertFalse(self.buyer.partner_id.customer_department_id)

    def test_sale_order_views_carry_the_department(self):
        # A phone order (entered in the backoffice) carries the code too.
        order = self._create_order(self.buyer, 200)
        order.action_confirm()
        self.assertEqual(order.customer_department_code, "LOG")
        with Form(order.with_user(self.salesperson)) as form:
            self.assertEqual(form.customer_department_id, self.logistics)
            self.assertEqual(form.customer_department_code, "LOG")
        waiting = self._arch("view_order_list_waiting_customer_approval")
        self.assertTrue(waiting.xpath("//field[@name='customer_department_id']"))
        search = self._arch("sale.view_sales_order_filter")
        self.assertTrue(search.xpath("//field[@name='customer_department_code']"))
        self.assertTrue(search.xpath("//filter[@name='group_customer_department']"))
        reasons = self._arch("sale.view_order_form").xpath(
            "//field[@name='approval_reason_ids']/list"
        )[0]
        self.assertEqual(
            [field.get("name") for field in reasons.xpath("field")],
            ["code", "name", "required_level", "rule_id", "budget_id"],
        )
        orders = self.env["sale.order"].with_user(self.salesperson)
        self.assertEqual(
            orders.search([("customer_department_code", "=", "LOG")]), order
        )
        groups = orders._read_group(
            [("id", "=", order.id)], ["customer_department_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.logistics, 1)])

    def test_menus_for_sales_users(self):
        salesman = self.env.ref("sales_team.group_sale_salesman")
        visible = self.env["ir.ui.menu"].with_user(self.salesperson)._visible_menu_ids()
        for name in ("departments", "budgets", "purchasing_rules"):
            action = self.env.ref(
                f"website_sale_customer_approval.action_customer_{name}"
            )
            # Website > eCommerce > Orders, where a vendor without the Sales app
            # looks; Sales > Orders once the Sales app shows its menu.
            shop = self.env.ref(
                f"website_sale_customer_approval.menu_ecommerce_customer_{name}"
            )
            sales = self.env.ref(f"website_sale_customer_approval.menu_customer_{name}")
            for menu, parent in (
                (shop, "website_sale.menu_orders"),
                (sales, "sale.sale_order_menu"),
            ):
                self.assertEqual(menu.action, action)
                self.assertEqual(menu.parent_id, self.env.ref(parent))
                self.assertEqual(menu.group_ids, salesman)
            self.assertIn(shop.id, visible, shop.complete_name)
            self.assertTrue(
                self.env[action.res_model]
                .with_user(self.salesperson)
                .has_access("read")
            )


@tagged("post_install", "-at_install")
class TestPurchasingMailTemplates(PurchasingBackofficeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget = cls.env["customer.budget"].create(
            {"department_id": cls.logistics.id, "amount": 1000, "period": "month"}
        )
        cls.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": cls.customer.id,
                "rule_type": "max_amount",
                "amount": 1500,
            }
        )

    def test_templates_name_the_new_reasons_and_the_department(self):
        order = self._create_order(self.buyer, 2000)
        self.assertTrue(self._submit(order))
        self.assertEqual(
            set(order.approval_reason_ids.mapped("code")),
            {"breakpoint", "max_amount", "budget"},
        )
        for xmlid in REASON_TEMPLATES:
            template = self.env.ref("website_sale_customer_approval." + xmlid)
            body = template._render_field("body_html", order.ids)[order.id]
            with self.subTest(template=xmlid):
                for reason in order.approval_reason_ids:
                    self.assertIn(reason.name, body)
                self.assertIn("budget of Logistics for ", body)
                self.assertIn("is above the maximum", body)
        request = self._mails(order, "mail_template_approval_request")
        self.assertEqual(request.recipient_ids, self.approver_1.partner_id)
        self.assertIn("Logistics", request.body_html)
        self.assertIn("(LOG)", request.body_html)
        self.assertIn("budget of Logistics for ", request.body_html)

    def test_request_without_department_names_none(self):
        order = self._create_order(self.free_buyer, 2000)
        self.assertTrue(self._submit(order))
        request = self._mails(order, "mail_template_approval_request")
        self.assertTrue(request)
        self.assertNotIn("Department:", request.body_html)
        self.assertIn("is above the maximum", request.body_html)


@tagged("post_install", "-at_install")
class TestPurchasingAccess(PurchasingBackofficeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget = cls.env["customer.budget"].create(
            {"department_id": cls.logistics.id, "amount": 1000}
        )
        cls.rule = cls.env["customer.purchasing.rule"].create(
            {
                "company_partner_id": cls.customer.id,
                "rule_type": "min_amount",
                "amount": 100,
            }
        )
        cls.other_department = cls.env["customer.department"].create(
            {"name": "Stores", "company_partner_id": cls.other_company.id}
        )
        cls.employee = cls.env["res.users"].create(
            {
                "name": "Ivan Internal",
                "login": "ivan.internal@vendor.example",
                "group_ids": [Command.set([cls.env.ref("base.group_user").id])],
            }
        )

    def test_portal_users_do_not_read_budgets_or_rules(self):
        for user in (self.admin, self.buyer):
            with self.subTest(user=user.name):
                with self.assertRaises(AccessError):
                    self.budget.with_user(user).read(["amount"])
                with self.assertRaises(AccessError):
                    self.rule.with_user(user).read(["amount"])
                with self.assertRaises(AccessError):
                    self.env["customer.budget"].with_user(user).create(
                        {"department_id": self.logistics.id, "amount": 1}
                    )

    def test_portal_users_read_only_their_own_departments(self):
        departments = self.env["customer.department"].with_user(self.buyer)
        self.assertEqual(departments.search([]), self.logistics)
        with self.assertRaises(AccessError):
            self.other_department.with_user(self.buyer).read(["name"])
        with self.assertRaises(AccessError):
            self.logistics.with_user(self.admin).write({"name": "Stores"})

    def test_internal_users_without_sales_rights(self):
        for record in (self.budget, self.rule, self.logistics):
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(self.employee).read(["display_name"])

    def test_sales_users_manage_them(self):
        for record in (self.budget, self.rule, self.logistics):
            record.with_user(self.salesperson).check_access("unlink")


@tagged("post_install", "-at_install")
class TestPurchasingDemoData(DemoDataCase, TransactionCase):
    """Each demo person meets the rule the demo data gives them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.portal_confirmation_pay = False
        cls.company = cls.env.ref(DEMO + "partner_fjord_engineering")
        cls.logistics = cls.env.ref(DEMO + "department_fjord_logistics")
        cls.sales = cls.env.ref(DEMO + "department_fjord_sales")

    def _partner(self, name):
        return self.env.ref(f"{DEMO}partner_{name}")

    def _cart(self, name, product_xmlid, quantity):
        """A cart of the demo person ``name`` as the shop makes it."""
        partner = self._partner(name)
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "pricelist_id": self.env.ref(DEMO + "pricelist_fjord_contract").id,
                "website_id": self.env.ref("website.default_website").id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env.ref(product_xmlid).id,
                            "product_uom_qty": quantity,
                        }
                    )
                ],
            }
        )

    def _codes(self, order):
        return {reason["code"] for reason in order._customer_approval_reasons()}

    def test_departments_budgets_and_rules(self):
        self.assertEqual(
            self.company.customer_department_ids, self.logistics | self.sales
        )
        self.assertEqual(self.logistics.manager_id, self._partner("karin"))
        self.assertEqual(
            self.logistics.member_ids,
            self._partner("karin") | self._partner("lars") | self._partner("olle"),
        )
        self.assertEqual(
            self.sales.member_ids, self._partner("erik") | self._partner("maja")
        )
        for name in ("anna", "nils"):
            self.assertFalse(self._partner(name).customer_department_id, name)
        rules = self.company.customer_purchasing_rule_ids
        self.assertEqual(
            set(rules.mapped("rule_type")),
            {
                "min_amount",
                "max_amount",
                "category",
                "order_count",
                "distinct_approvals",
            },
        )
        month = self.env.ref(DEMO + "budget_fjord_logistics_month")
        self.assertEqual(
            (month.period, month.exceeded_action, month.required_level),
            ("month", "approval", "manager"),
        )
        quarter = self.env.ref(DEMO + "budget_fjord_olle_quarter")
        self.assertEqual(
            (quarter.period, quarter.exceeded_action), ("quarter", "refuse")
        )
        # Lars's orders and Olle's waiting one went over the month's budget.
        self.assertEqual(month.spent, 1791.16)
        self.assertEqual(month.remaining, 0.0)

    def test_demo_orders_carry_their_department(self):
        company_orders = self.env["sale.order"].search(
            [("partner_id", "child_of", self.company.id)]
        )
        for order in company_orders:
            with self.subTest(order=order.name):
                department = order.partner_id.customer_department_id
                self.assertEqual(order.customer_department_id, department)
                self.assertEqual(
                    order.customer_department_code, department.code or False
                )
        olle = self.env.ref(DEMO + "sale_order_olle_budget")
        self.assertEqual(olle.approval_decider_ids, self._partner("karin"))
        self.assertIn("budget of Logistics for ", olle.approval_reason_ids.name)
        self.assertEqual(olle.approval_reason_ids.required_level, "manager")

    def test_nils_checks_out_without_approval(self):
        order = self._cart("nils", "product.product_product_27", 4)
        self.assertFalse(order._customer_approval_reasons())
        self.assertFalse(order._customer_purchasing_refusal())
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        # The one company rule he meets: no lounge furniture.
        sofa = self._cart("nils", "product.consu_delivery_01", 1)
        self.assertIn("Lounge", sofa._customer_purchasing_refusal())

    def test_each_rule_gives_its_reason(self):
        # Sales: nothing below 100.
        boxes = self._cart("maja", "product.product_product_7", 4)
        self.assertIn("below the minimum", boxes._customer_purchasing_refusal())
        # Maja's fourth order of the month.
        desks = self._cart("maja", "product.product_product_13", 2)
        self.assertEqual(self._codes(desks), {"order_count"})
        self.assertFalse(desks._customer_purchasing_refusal())
        # Logistics: nothing left of the month, the manager approves.
        olle = self._cart("olle", "product.product_product_5", 1)
        self.assertEqual(self._codes(olle), {"budget"})
        first, _absent, _deciders = olle._customer_approval_first_deciders()
        self.assertEqual(first, self._partner("karin"))
        # Above 2,000: a customer admin.
        big = self._cart("olle", "product.consu_delivery_03", 1)
        self.assertEqual(self._codes(big), {"budget", "max_amount"})
        _first, _absent, deciders = big._customer_approval_first_deciders()
        self.assertEqual(deciders, self._partner("anna"))
        # Olle's quarter: refused above what is left.
        table = self._cart("olle", "product.consu_delivery_02", 1)
        self.assertIn("budget of Olle Dahl", table._customer_purchasing_refusal())
