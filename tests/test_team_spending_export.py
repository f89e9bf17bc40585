# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io
import zipfile

from odoo import fields
from odoo.tests import tagged
from odoo.tools.misc import format_date

from .common_spending import TeamSpendingCase

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None


@tagged("post_install", "-at_install")
class TestTeamSpendingExport(TeamSpendingCase):
    """/my/team/statistics/export: the figures of the page as a spreadsheet
    (XLSX) or CSV, for the customer admins of the company only."""

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    def _export(self, kind):
        return self.url_open(f"/my/team/statistics/export?format={kind}")

    def test_export_as_customer_admin(self):
        self._some_orders()
        self.env["res.lang"]._activate_lang("fr_FR")
        self.admin.lang = "fr_FR"
        self.authenticate(self.admin.login, self.admin.login)
        month = fields.Date.context_today(self.customer).replace(day=1)
        month_fr = format_date(
            self.env(context={"lang": "fr_FR"}), month, date_format="MMMM y"
        )

        response = self._export("xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.headers["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(".xlsx", disposition)
        self.assertIn("Acme", disposition)
        if openpyxl:
            book = openpyxl.load_workbook(io.BytesIO(response.content))
            budgets, months = book.worksheets
            rows = [list(row) for row in budgets.iter_rows(values_only=True)]
            month_rows = [list(row) for row in months.iter_rows(values_only=True)]
        else:
            with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
                self.assertIn("xl/worksheets/sheet2.xml", archive.namelist())
                shared = archive.read("xl/sharedStrings.xml").decode()
            self.assertIn("Logistics", shared)
            self.assertIn(month_fr, shared)
            rows = month_rows = None
        if rows:
            logistics = next(row for row in rows if row[1] == "Logistics")
            self.assertEqual(logistics[4:7], [1000, 1200, 0])
            fay = next(row for row in rows if row[1] == self.free_buyer.name)
            self.assertEqual(fay[2], "Logistics")
            self.assertEqual(fay[4:7], [2000, 500, 1500])
            self.assertEqual(len(month_rows), 13)  # the header and 12 months
            self.assertEqual(month_rows[-1][0], month_fr)
            self.assertEqual(month_rows[-1][-1], 1320)
            self.assertFalse([row for row in rows if row[1] == "Globex Corp"])

        response = self._export("csv")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        self.assertIn(".csv", response.headers["Content-Disposition"])
        lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        logistics = next(line for line in lines if line[1:2] == ["Logistics"])
        self.assertEqual([float(v) for v in logistics[4:7]], [1000, 1200, 0])
        self.assertIn(month_fr, [line[0] for line in lines if line])
        bob = next(line for line in lines if line[1:2] == [self.buyer.name])
        self.assertEqual(bob[4], "")  # no budget
        self.assertEqual(float(bob[5]), 700)

    def test_export_refused_to_others(self):
        self._some_orders()
        self.authenticate(self.buyer.login, self.buyer.login)
        self.assertEqual(self._export("xlsx").status_code, 404)
        self.assertEqual(self._export("csv").status_code, 404)
        # Another company's admin exports their own company only.
        self.authenticate(self.stranger_admin.login, self.stranger_admin.login)
        response = self._export("csv")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode("utf-8-sig")
        self.assertIn("Sam Stranger", content)
        for name in ("Logistics", self.buyer.name, self.free_buyer.name, "Acme"):
            self.assertNotIn(name, content)
        self.assertNotIn("Acme", response.headers["Content-Disposition"])
        # A format of no kind.
        self.authenticate(self.admin.login, self.admin.login)
        self.assertEqual(self._export("pdf").status_code, 404)
        # Nobody logged in: to the login page.
        self.authenticate(None, None)
        response = self.url_open(
            "/my/team/statistics/export?format=csv", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
