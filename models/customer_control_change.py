# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The change log of a customer company's controls: its purchasing rules and
its approval settings (delivery-address policy, cost centre, escalation).

Rows are written by the create/write/unlink overrides of the models logged
(customer_purchasing_rule.py, res_partner_control.py), whatever the path
(portal, backoffice, RPC): never by hand. Values are kept in words (labels,
names, amounts with their currency) in the customer company's language, as
they read when the change was made: a record renamed or deleted later does
not change the log."""

from odoo import _, api, fields, models
from odoo.tools.misc import format_amount

CHANGE_TYPES = [
    ("create", "Created"),
    ("write", "Changed"),
    ("archive", "Archived"),
    ("restore", "Restored"),
    ("unlink", "Deleted"),
]


class CustomerControlChange(models.Model):
    _name = "customer.control.change"
    _description = "Change of a customer company's purchasing rules or settings"
    _order = "date desc, id desc"
    _rec_name = "record_name"

    date = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Changed by", readonly=True, ondelete="set null"
    )
    author_name = fields.Char(
        string="By", readonly=True, help="The name of who changed it, as it was."
    )
    company_partner_id = fields.Many2one(
        "res.partner",
        string="Customer company",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    record_kind = fields.Char(string="What", readonly=True)
    record_name = fields.Char(string="Record", readonly=True)
    change_type = fields.Selection(CHANGE_TYPES, required=True, readonly=True)
    before = fields.Text(readonly=True)
    after = fields.Text(readonly=True)

    # ------------------------------------------------------------------
    # Values in words
    # ------------------------------------------------------------------
    @api.model
    def _value_text(self, record, field_name):
        """The value of ``field_name`` of ``record`` as a person reads it."""
        field = record._fields[field_name]
        value = record[field_name]
        if field.type == "boolean":
            if field_name == "active":
                text = _("In use") if value else _("Archived")
            else:
                text = _("Yes") if value else _("No")
        elif field.type == "selection":
            text = dict(field._description_selection(record.env)).get(value, "")
        elif field.type in ("many2one", "many2many", "one2many"):
            # A product category by its own name: its parents are the vendor's
            # (see res.partner._get_team_rule_categories).
            names = "name" if value._name == "product.category" else "display_name"
            text = ", ".join(value.sudo().mapped(names))
        elif field.type == "monetary":
            currency = record[field.get_currency_field(record)]
            text = format_amount(record.env, value, currency)
        else:
            text = "" if value is False or value is None else str(value)
        return text or ""

    @api.model
    def _snapshot(self, records, field_names):
        """{record id: {field: text}} of ``records`` now, in the language of
        their customer company."""
        snapshot = {}
        for each in records:
            lang = each._control_change_company().lang or self.env.lang
            record = each.with_context(lang=lang)
            snapshot[record.id] = {
                name: self._value_text(record, name)
                for name in field_names
                if name in record._fields
            }
        return snapshot

    @api.model
    def _lines(self, record, values):
        """'Label: value' lines of ``values`` ({field: text})."""
        lang = record._control_change_company().lang or self.env.lang
        env = record.with_context(lang=lang).env
        return "\n".join(
            "%s: %s" % (record._fields[name]._description_string(env), text)
            for name, text in values.items()
        )

    # ------------------------------------------------------------------
    # Writing the log (the overrides of the models logged)
    # ------------------------------------------------------------------
    @api.model
    def _log(self, records, change_type, before=None, after=None, kind=""):
        """One row for each of ``records`` whose values changed.

        :param before, after: {record id: {field: text}} (see _snapshot); the
            fields whose texts are equal are left out
        """
        rows = []
        user = self.env.user
        for record in records:
            old = (before or {}).get(record.id, {})
            new = (after or {}).get(record.id, {})
            if change_type == "write":
                changed = [name for name in new if new[name] != old.get(name)]
                if not changed:
                    continue
                if changed == ["active"]:
                    change_type_row = "restore" if record.active else "archive"
                else:
                    change_type_row = "write"
                old = {name: old.get(name, "") for name in changed}
                new = {name: new[name] for name in changed}
            else:
                change_type_row = change_type
            company = record._control_change_company()
            if not company:
                continue
            rows.append(
                {
                    "user_id": user.id,
                    "author_name": user.name,
                    "company_partner_id": company.id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "record_kind": kind,
                    "record_name": record.display_name,
                    "change_type": change_type_row,
                    "before": self._lines(record, old) if old else False,
                    "after": self._lines(record, new) if new else False,
                }
            )
        if rows:
            self.sudo().create(rows)
