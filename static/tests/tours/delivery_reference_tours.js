/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

// A buyer ships to an address of their company allowed to them, with their own
// purchase-order number and cost centre.
registry.category("web_tour.tours").add("customer_approval_delivery_reference", {
    url: "/shop",
    steps: () => [
        ...tourUtils.searchProduct("Delivery Tour Drill", { select: true }),
        {
            content: "Add the drill to the cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        {
            content: "An address not allowed to me is not offered",
            trigger: "#delivery_address_list:not(:has(.card:contains(Harbour Gate)))",
        },
        tourUtils.waitForInteractionToLoad(),
        {
            content: "Choose the company's warehouse",
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
            content: "The order needs approval, for the buyer's own rule only",
            trigger: ".o_customer_approval_submit:contains(every order of this buyer)",
        },
        {
            content: "My purchase-order number",
            trigger: "input[name=client_order_ref]",
            run: "edit PO-4711",
        },
        {
            content: "My cost centre",
            trigger: "input[name=customer_cost_centre]",
            run: "edit CC-200",
        },
        {
            content: "Submit the order for approval",
            trigger: "button.o_submit_for_approval",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Submitted",
            trigger: ".o_customer_approval_submitted",
        },
    ],
});
