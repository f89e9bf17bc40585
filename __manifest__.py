# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "eShop Customer Order Approval",
    "summary": "Business customers release the web-shop orders of their own "
    "employees: approvers, breakpoints, approval chains, contract assortments",
    "version": "19.0.1.1.0",
    "category": "Website/eCommerce",
    "website": "https://github.com/website-sale-customer-approval",
    "author": "website_sale_customer_approval authors",
    "license": "LGPL-3",
    "application": True,
    "depends": [
        "mail",
        "portal",
        "sale",
        "website_sale",
    ],
    "data": [
        "security/website_sale_customer_approval_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_message_subtype_data.xml",
        "views/res_partner_views.xml",
        "views/product_pricelist_views.xml",
        "views/sale_order_approval_history_views.xml",
        "views/sale_order_views.xml",
        "views/sale_order_report_templates.xml",
        "views/res_config_settings_views.xml",
        "views/portal_snippets_templates.xml",
        "views/portal_approvals_templates.xml",
        "views/portal_orders_templates.xml",
        "views/portal_team_templates.xml",
        "views/portal_team_statistics_templates.xml",
        "views/website_sale_templates.xml",
        "views/contract_assortment_templates.xml",
        "views/free_text_order_templates.xml",
        "views/substitute_views.xml",
        "views/portal_substitute_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "website_sale_customer_approval/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/product_pricelist_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/res_partner_substitute_demo.xml",
    ],
}
