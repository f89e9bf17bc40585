/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

registry.category("web_tour.tours").add("customer_approval_order_for", {
    url: "/my/order-for",
    steps: () => [
        {
            content: "Choose the colleague to order for",
            trigger: "select[name=person_id]",
            run: "selectByLabel Bob Buyer",
        },
        {
            content: "Start ordering for them",
            trigger: "button.o_order_for_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The header says for whom the shop orders",
            trigger: ".o_order_for_banner:contains(Bob Buyer)",
        },
        ...tourUtils.searchProduct("Approval Tour Desk", { select: true }),
        {
            content: "Add the desk to the cart",
            trigger: "#product_detail form #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart(),
        tourUtils.goToCheckout(),
        tourUtils.confirmOrder(),
        {
            content: "Bob's breakpoint applies: no payment, a submit button",
            trigger: ".o_customer_approval_submit:contains(above the breakpoint)",
        },
        {
            content: "Submit the order for approval",
            trigger: "button.o_submit_for_approval",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation of the order placed for Bob",
            trigger: ".o_customer_approval_submitted:contains(only once it is released)",
        },
        {
            content: "Leave the mode in one click",
            trigger: ".o_order_for_banner button.o_order_for_stop",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back to ordering for oneself",
            trigger: "body:not(:has(.o_order_for_banner))",
        },
    ],
});
