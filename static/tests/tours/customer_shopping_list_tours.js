/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("customer_shopping_list_to_cart", {
    url: "/my/lists",
    steps: () => [
        {
            content: "Open the list a colleague shares with the company",
            trigger: ".o_shopping_list_row a:contains(Workshop consumables)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The product outside the buyer's assortment is unavailable",
            trigger: ".o_shopping_list_unavailable:contains(Tour Gadget):contains(Unavailable to you)",
        },
        {
            content: "Put the whole list in the cart",
            trigger: "button.o_shopping_list_cart",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The list says what went in and what did not",
            trigger: ".alert-success:contains(Put in your cart: 1)",
        },
        {
            content: "Go to the cart",
            trigger: "a.o_shopping_list_go_cart",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The desk of the list is in the cart",
            trigger: "#cart_products .o_cart_product:contains(Approval Tour Desk)",
        },
        tourUtils.goToCheckout(),
        tourUtils.confirmOrder(),
        {
            content: "Submit the order for approval",
            trigger: "button.o_submit_for_approval",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order waits for the approver",
            trigger: ".o_customer_approval_submitted",
        },
    ],
});
