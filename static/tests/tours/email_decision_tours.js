/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

function checkNoOverflow() {
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth + 1) {
        throw new Error(`The page is ${width}px wide on a ${window.innerWidth}px screen`);
    }
}

registry.category("web_tour.tours").add("customer_approval_email_approve", {
    steps: () => [
        {
            content: "The order is shown, without logging in",
            trigger: ".o_email_decision_lines:contains(Ballpoint pen)",
        },
        {
            content: "Nothing overflows the width of a phone",
            trigger: ".o_email_decision_form",
            run: checkNoOverflow,
        },
        {
            content: "Comment",
            trigger: "textarea[name=comment]",
            run: "edit Approved on the road",
        },
        {
            content: "Only the button decides",
            trigger: "button.o_email_decision_approve",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The decision is confirmed",
            trigger: ".alert-success:contains(approved)",
        },
        {
            content: "No second button",
            trigger: "body:not(:has(.o_email_decision_form))",
            run: checkNoOverflow,
        },
    ],
});
