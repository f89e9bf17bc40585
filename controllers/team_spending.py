# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
import json
import re

from dateutil.relativedelta import relativedelta

from odoo import fields, http
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.http import content_disposition, request

from .team import ORDERS_PER_PAGE, TEAM_PER_PAGE, CustomerTeamPortal

try:
    import xlsxwriter
except ImportError:  # pragma: no cover - it is in Odoo's requirements
    xlsxwriter = None

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters a worksheet's name may not hold; at most 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class CustomerTeamSpendingPortal(CustomerTeamPortal):
    """/my/team/statistics, tab "Budgets and spending": departments and people
    against their budgets, the last twelve months, the orders behind a figure,
    the export. The figures come from res.partner (models/res_partner_spending.py),
    as the superuser once the customer admin is checked."""

    @http.route()
    def portal_team_statistics(
        self, date_from=None, date_to=None, member_id=None, page=1, view=None, **kw
    ):
        if view == "people" or date_from or date_to or member_id:
            # The spending per person over a date range (the second tab).
            response = super().portal_team_statistics(
                date_from=date_from,
                date_to=date_to,
                member_id=member_id,
                page=page,
                **kw,
            )
            response.qcontext["view"] = "people"
            return response
        admin = self._get_team_viewer("see")
        company = admin._get_team_spending_company()
        # Departments and the company whole; the people a page at a time.
        overview = company._get_customer_spending_overview(people=False)
        search = (kw.get("search") or "").strip()
        page = int(page) if str(page).isdigit() else 1
        people, total = company._get_customer_spending_people_page(
            search, page=page, step=TEAM_PER_PAGE
        )
        overview["people"] = people
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team_statistics",
                "view": "budgets",
                "is_team_admin": admin._is_team_admin(),
                "overview": overview,
                "people_pager": portal_pager(
                    url="/my/team/statistics",
                    url_args={"search": search} if search else None,
                    total=total,
                    page=page,
                    step=TEAM_PER_PAGE,
                ),
                **self._get_team_search_values(search),
                "chart_json": json.dumps(
                    company._get_customer_spending_chart(overview["by_month"])
                ),
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_statistics", values
        )

    def _read_spending_period(self, company, date_from, date_to):
        """The local days asked for (both included), the current month of the
        company's calendar when they are missing or not dates."""
        first = company._get_customer_spending_months(months=1)[0]
        try:
            start = fields.Date.to_date(date_from) if date_from else first
            end = fields.Date.to_date(date_to) if date_to else None
        except ValueError:
            start, end = first, None
        end = end or start + relativedelta(months=1, days=-1)
        return (start, end) if start <= end else (end, start)

    @http.route(
        [
            "/my/team/statistics/orders",
            "/my/team/statistics/orders/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_spending_orders(
        self,
        department_id=None,
        person_id=None,
        date_from=None,
        date_to=None,
        page=1,
        **kw,
    ):
        admin = self._get_team_viewer("see")
        company = admin._get_team_spending_company()
        department = person = None
        url_args = {}
        if department_id:
            department = admin._get_team_spending_department(self._to_id(department_id))
            if not department:
                raise request.not_found()
            url_args["department_id"] = department.id
        if person_id:
            person = admin._get_team_person(self._to_id(person_id))
            if not person:
                raise request.not_found()
            url_args["person_id"] = person.id
        start, end = self._read_spending_period(company, date_from, date_to)
        url_args.update(date_from=start, date_to=end)
        domain = company._get_customer_spending_orders_domain(
            start, end, department=department, person=person
        )
        SaleOrder = company.env["sale.order"]
        order_count = SaleOrder.search_count(domain)
        pager = portal_pager(
            url="/my/team/statistics/orders",
            url_args=url_args,
            total=order_count,
            page=page,
            step=ORDERS_PER_PAGE,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "team_statistics_orders",
                "department": department,
                "person": person,
                "date_from": start,
                "date_to": end,
                "timezone": company._get_customer_spending_timezone().zone,
                "orders": SaleOrder.search(
                    domain,
                    order="date_order desc, id desc",
                    limit=ORDERS_PER_PAGE,
                    offset=pager["offset"],
                ),
                "order_count": order_count,
                "spent": company._get_customer_spending_sum(domain),
                "currency": request.env.company.currency_id,
                "pager": pager,
            }
        )
        return request.render(
            "website_sale_customer_approval.portal_team_spending_orders", values
        )

    @http.route(
        "/my/team/statistics/export",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_team_spending_export(self, **kw):
        admin = self._get_team_viewer("see")
        kind = kw.get("format") or "xlsx"
        if kind not in ("xlsx", "csv"):
            raise request.not_found()
        if kind == "xlsx" and not xlsxwriter:
            kind = "csv"
        # In the admin's own language, whatever the website's.
        lang = request.env.user.lang or request.env.lang
        company = admin._get_team_spending_company().with_context(lang=lang)
        tables = company._get_customer_spending_tables(
            company._get_customer_spending_overview()
        )
        today = fields.Date.context_today(company)
        filename = "%s - %s %s.%s" % (
            company.name,
            company.env._("Spending"),
            today.isoformat(),
            kind,
        )
        if kind == "xlsx":
            content, content_type = self._spending_xlsx(tables), XLSX_TYPE
        else:
            content, content_type = (
                self._spending_csv(tables),
                "text/csv; charset=utf-8",
            )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", content_type),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )

    @staticmethod
    def _spending_csv(tables):
        """The tables one after the other, each under its title, in UTF-8 with
        a byte order mark (spreadsheets then read the accents right)."""
        out = io.StringIO()
        writer = csv.writer(out)
        for position, (title, header, rows) in enumerate(tables):
            if position:
                writer.writerow([])
            writer.writerow([title])
            writer.writerow(header)
            for row in rows:
                writer.writerow(["" if cell is None else cell for cell in row])
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    @staticmethod
    def _spending_xlsx(tables):
        """One worksheet a table, the amounts as numbers."""
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        amount = workbook.add_format({"num_format": "#,##0.00"})
        for title, header, rows in tables:
            name = SHEET_NAME_FORBIDDEN.sub(" ", title)[:31]
            sheet = workbook.add_worksheet(name)
            sheet.write_row(0, 0, header, bold)
            for line, row in enumerate(rows, start=1):
                for column, cell in enumerate(row):
                    if isinstance(cell, (int, float)):
                        sheet.write_number(line, column, cell, amount)
                    elif cell is not None:
                        sheet.write_string(line, column, str(cell))
            widths = [
                max([len(str(header[c]))] + [len(str(r[c] or "")) for r in rows])
                for c in range(len(header))
            ]
            for column, width in enumerate(widths):
                sheet.set_column(column, column, min(max(width + 2, 10), 40))
            sheet.freeze_panes(1, 0)
        workbook.close()
        return out.getvalue()
