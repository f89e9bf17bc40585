/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A buyer limited to the contract assortment fills the cart from a list a
// colleague shares, and checks out to an allowed company address with their own
// purchase-order number.
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
        {
            content: "An address of the company not allowed to me is not offered",
            trigger: "#delivery_address_list:not(:has(.card:contains(Harbour Gate)))",
        },
        tourUtils.waitForInteractionToLoad(),
        {
            content: "Ship to the company's warehouse",
            trigger: "#delivery_address_list .card:contains(Warehouse North)",
            run: "click",
        },
        {
            content: "The warehouse is the delivery address",
            trigger: "#delivery_address_list .card.bg-400:contains(Warehouse North)",
        },
        {
            content: "The choice is saved before going on",
            trigger: "a[href^='/shop/payment']:not(.disabled)",
        },
        tourUtils.confirmOrder(),
        {
            content: "My purchase-order number",
            trigger: "input[name=client_order_ref]",
            run: "edit PO-2026-118",
        },
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
