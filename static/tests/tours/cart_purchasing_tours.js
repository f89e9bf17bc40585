/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A buyer of a department with a budget: the cart says the order will need
// approval and what is left; more items than a rule allows, and the cart
// refuses to go on.
registry.category("web_tour.tours").add("customer_approval_cart_budget", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Budget Tour Chair", { select: true }),
        {
            content: "Add the chair to the cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        {
            content: "The cart says the order will need approval",
            trigger: ".o_customer_approval_cart_notice:contains(This order will need approval)",
        },
        {
            content: "... and what is left of the department's budget",
            trigger: ".o_customer_approval_cart_budgets:contains(Budget of Logistics):contains(left of)",
        },
        {
            content: "The checkout button is there",
            trigger: "a[name=website_sale_main_button]:not(.disabled)",
        },
        {
            content: "Six chairs: more than the maximum of the company",
            trigger: "#cart_products input.js_quantity",
            run: "edit 6 && press Tab",
        },
        {
            content: "The cart refuses the order and says why",
            trigger: ".o_customer_approval_cart_refusal:contains(above the maximum)",
        },
        {
            content: "The checkout button is disabled",
            trigger: "a[name=website_sale_main_button].disabled",
        },
    ],
});
