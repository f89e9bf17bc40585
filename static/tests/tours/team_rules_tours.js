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

// On a phone, a customer admin asks for two different approvers above an
// amount and lets the department managers see their departments; the page
// never scrolls sideways.
registry.category("web_tour.tours").add("customer_approval_team_settings_phone", {
    url: "/my/team/settings",
    steps: () => [
        {
            content: "The settings fit the screen",
            trigger: "form.o_team_settings_form .o_team_settings_four_eyes",
            run() {
                const root = document.documentElement;
                if (root.scrollWidth > window.innerWidth + 1) {
                    throw new Error(`The page is ${root.scrollWidth}px wide`);
                }
            },
        },
        {
            content: "Two different approvers",
            trigger: "input#settings_approval_distinct_count",
            run: "edit 2",
        },
        {
            content: "Above an amount in the approval currency",
            trigger: "input#settings_approval_distinct_amount",
            // A number input shown as "0.00" on a touch screen: typed over.
            run: "clear && edit 1000",
        },
        {
            content: "Managers see their departments",
            trigger: "input#settings_manager_rights_see",
            run: "click",
        },
        {
            content: "The form is valid",
            trigger: "form.o_team_settings_form",
            run() {
                const form = document.querySelector("form.o_team_settings_form");
                const bad = [...form.elements].filter(
                    (field) => field.willValidate && !field.checkValidity()
                );
                if (bad.length) {
                    const names = bad.map((field) => `${field.name}=${field.value}`);
                    throw new Error(`Invalid: ${names.join(", ")}`);
                }
            },
        },
        {
            content: "Save",
            trigger: "button.o_team_settings_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved",
            trigger: ".alert-success",
        },
    ],
});
