/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

const tours = registry.category("web_tour.tours");

tours.add("customer_approval_submit", {
    url: "/shop",
    steps: () => [
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
            content: "The order needs approval: no payment, a submit button",
            trigger: ".o_customer_approval_submit:contains(above the breakpoint)",
        },
        {
            content: "Submit the order for approval",
            trigger: "button.o_submit_for_approval",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation says who decides and that the vendor waits",
            trigger: ".o_customer_approval_submitted:contains(only once it is released)",
        },
    ],
});

tours.add("customer_approval_approve", {
    url: "/my/approvals",
    steps: () => [
        {
            content: "Open the order waiting for me",
            trigger: ".o_customer_approval_list td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reasons are shown",
            trigger: ".o_customer_approval_details:contains(above the breakpoint)",
        },
        {
            content: "Comment",
            trigger: "textarea[name=comment]",
            run: "edit Fine for the workshop",
        },
        {
            content: "Approve",
            trigger: ".o_approval_approve button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is released",
            trigger: ".alert-success:contains(approved and released)",
        },
    ],
});

tours.add("customer_approval_reject", {
    url: "/my/approvals",
    steps: () => [
        {
            content: "Open the order waiting for me",
            trigger: ".o_customer_approval_list td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Give the reason",
            trigger: "textarea[name=reason]",
            run: "edit No budget left this quarter",
        },
        {
            content: "Reject",
            trigger: ".o_approval_reject button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is rejected",
            trigger: ".alert-success:contains(rejected)",
        },
    ],
});

tours.add("customer_approval_buyer_sees_rejection", {
    url: "/my/orders",
    steps: () => [
        {
            content: "The order list shows the approval state",
            trigger: "td .badge:contains(Rejected by approver)",
        },
        {
            content: "Open the order",
            trigger: "tr:has(.badge:contains(Rejected by approver)) td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reason of the rejection is shown",
            trigger: ".o_customer_approval_details:contains(No budget left this quarter)",
        },
    ],
});

tours.add("customer_approval_admin_creates_buyer", {
    url: "/my/team",
    steps: () => [
        {
            content: "New sub-account",
            trigger: "a.o_team_new",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: "input[name=name]", run: "edit Tove Tour" },
        { trigger: "input[name=email]", run: "edit tove.tour@acme.example" },
        { trigger: "input[name=password]", run: "edit tove.tour@acme.example" },
        { trigger: "input[name=approval_breakpoint_enabled]", run: "click" },
        { trigger: "input[name=approval_breakpoint]", run: "edit 500" },
        { trigger: "select[name=next_approver_id]", run: "selectByLabel Alf Lead" },
        {
            content: "Save",
            trigger: "button.o_team_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new buyer is in the team",
            trigger: ".alert-success:contains(Tove Tour is saved)",
        },
    ],
});

tours.add("customer_approval_contract_shop", {
    url: "/shop",
    steps: () => [
        {
            content: "The shop shows the agreed product",
            trigger: ".oe_product:contains(Agreed Torque Wrench)",
        },
        {
            content: "... and nothing outside the contract assortment",
            trigger: "#products_grid:not(:has(.oe_product:contains(Gadget Laser Pointer)))",
        },
        {
            content: "Open the contract assortment",
            trigger: ".o_contract_assortment_link a[href='/shop/contract']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Add the agreed product from the contract page",
            trigger: ".o_contract_product:contains(Agreed Torque Wrench) button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is in the cart",
            trigger: ".o_contract_assortment .alert-success:contains(is in your cart)",
        },
    ],
});

tours.add("customer_approval_buyer_sees_released_order", {
    url: "/my/orders",
    steps: () => [
        {
            content: "The released order is an approved sales order",
            trigger: "td .badge:contains(Approved)",
        },
        {
            content: "Open it",
            trigger: "tr:has(.badge:contains(Approved)) td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A sales order, nothing left to accept or pay",
            trigger: ".breadcrumb:contains(Sales Order)",
        },
        {
            trigger: "body:not(:has(a:contains(Accept & Pay)))",
        },
    ],
});

tours.add("customer_approval_delivery_is_no_product", {
    url: "/my/approvals",
    steps: () => [
        {
            content: "Open the order waiting for me",
            trigger: ".o_customer_approval_list td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The delivery line carries no 'outside the assortment' badge",
            trigger: ".o_approval_line:contains(Tour Delivery):not(:has(.o_outside_assortment))",
        },
        {
            content: "... and cannot be refused: only the product outside the assortment",
            trigger: ".o_approval_outside_lines:contains(Tour Gadget):not(:contains(Tour Delivery))",
        },
    ],
});

tours.add("customer_approval_approve_takes_the_edits", {
    url: "/my/approvals",
    steps: () => [
        {
            content: "Open the order waiting for me",
            trigger: ".o_customer_approval_list td a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Lower the quantity, without saving the changes",
            trigger: ".o_approval_line input[type=number]",
            run: "edit 1",
        },
        {
            content: "Approve at once",
            trigger: ".o_approval_approve button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is released",
            trigger: ".alert-success:contains(approved and released)",
        },
        {
            content: "... with the lowered quantity",
            trigger: ".o_customer_approval_history:contains(3 → 1)",
        },
    ],
});

tours.add("customer_approval_bulk_does_what_it_can", {
    url: "/my/approvals",
    steps: () => [
        {
            content: "Select every order",
            trigger: ".o_customer_approval_list input[type=checkbox]:not(:checked)",
            run: "click",
        },
        {
            trigger: ".o_customer_approval_list input[type=checkbox]:not(:checked)",
            run: "click",
        },
        {
            content: "Approve the selection",
            trigger: "button.o_approve_selected",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order that could be approved is",
            trigger: ".alert-success:contains(is approved)",
        },
        {
            content: "The free-text request without products says why it was not",
            trigger: ".alert-danger:contains(was not approved):contains(free-text request)",
        },
    ],
});
