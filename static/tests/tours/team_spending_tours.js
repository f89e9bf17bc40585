/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("customer_approval_team_spending_chart", {
    url: "/my/team/statistics",
    steps: () => [
        {
            content: "The budgets of the departments are listed",
            trigger: ".o_customer_spending_department:contains(Logistics)",
        },
        {
            // Chart.js sizes the canvas once it has drawn the chart.
            content: "The chart of the last 12 months is drawn",
            trigger: ".o_team_spending_chart canvas[style*=width]",
        },
        {
            content: "Open the orders of Logistics",
            trigger: ".o_customer_spending_department a:contains(Logistics)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Its orders are shown",
            trigger: ".o_customer_spending_order",
        },
    ],
});
