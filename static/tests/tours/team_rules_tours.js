/** @odoo-module **/
// Copyright 2026 The website_sale_customer_approval authors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// A customer admin raises the maximum of a purchasing rule of their company,
// reads the vendor's rule without being able to change it, and finds the
// change in the log.
registry.category("web_tour.tours").add("customer_approval_team_rule_edit", {
    url: "/my/team",
    steps: () => [
        {
            content: "Open the purchasing rules from the team page",
            trigger: "a.o_team_rules_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The vendor's rule is shown, without an archive button",
            trigger:
                "tr.o_team_rule_row:has(.o_team_rule_vendor_owned):contains(Tour vendor ceiling):not(:has(.o_team_rule_archive))",
        },
        {
            content: "Open our own rule",
            trigger: "tr.o_team_rule_row a.o_team_rule_link:contains(Tour maximum)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Raise the maximum",
            trigger: "input#rule_amount",
            run: "edit 1500",
        },
        {
            content: "A customer admin approves above it",
            trigger: "select#rule_required_level",
            run: "select admin",
        },
        {
            content: "Save",
            trigger: "button.o_team_rule_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved, and the list says the new maximum",
            trigger: ".alert-success:contains(Tour maximum is saved)",
        },
        {
            content: "The list shows who approves now",
            trigger: "tr.o_team_rule_row:contains(Tour maximum):contains(A customer admin)",
        },
        {
            content: "Open the change log",
            trigger: ".o_team_controls_tabs a[href='/my/team/changes']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The change is logged with what it was before",
            trigger: "tr.o_team_change:contains(Tour maximum):contains(The buyer's next approver)",
        },
    ],
});
