# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The export of /my/team/statistics: the figures of the statistics (see
res_partner_spending.py) as tables for a spreadsheet."""

from odoo import _, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Export: the same rows and figures, as tables
    # ------------------------------------------------------------------
    def _get_customer_spending_tables(self, overview):
        """The statistics ``overview`` (see _get_customer_spending_overview) as
        tables for a spreadsheet, in the language of the environment.

        :return: list of (title, header, rows); the amounts are numbers
        """
        currency = overview["currency"].name
        kinds = {
            "department": _("Department"),
            "person": _("Person"),
            "company": _("Whole company"),
        }
        header = [
            _("Type"),
            _("Name"),
            _("Department"),
            _("Period"),
            _("Budget (%(currency)s)", currency=currency),
            _("Spent (%(currency)s)", currency=currency),
            _("Left (%(currency)s)", currency=currency),
        ]
        rows = []
        for row in [*overview["departments"], *overview["people"], overview["company"]]:
            target = row["target"]
            department = (
                target.customer_department_id.name if row["kind"] == "person" else ""
            )
            rows.append(
                [
                    kinds[row["kind"]],
                    target.name,
                    department or "",
                    row["period_name"],
                    row["amount"],
                    row["spent"],
                    row["left"],
                ]
            )
        by_month = overview["by_month"]
        month_header = [
            _("Month"),
            *[series["label"] for series in by_month["departments"]],
        ]
        if len(by_month["departments"]) != 1:
            month_header.append(_("Whole company"))
        month_rows = []
        for position, title in enumerate(by_month["titles"]):
            line = [title]
            line += [s["amounts"][position] for s in by_month["departments"]]
            if len(by_month["departments"]) != 1:
                line.append(by_month["total"][position])
            month_rows.append(line)
        return [
            (_("Budgets"), header, rows),
            (
                _("Last 12 months (%(currency)s)", currency=currency),
                month_header,
                month_rows,
            ),
        ]
