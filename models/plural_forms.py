# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Counts in the reader's language.

Odoo's catalogues have no plural entries (no msgid_plural), and a language may
have more than two forms (Polish: 1 zamówienie, 2 zamówienia, 5 zamówień). A
sentence that says a count therefore carries every form in ICU's plural syntax,
with the count itself as the selector once the arguments are in::

    _("{%(count)s, plural, one {%(count)s order} other {%(count)s orders}}",
      count=n)

Translators write the forms of their language (one, two, few, many, other);
:func:`select_plural` keeps the one that the language's rules (CLDR, through
Babel) give for the count, "other" when the translation has no such form."""

import re

from babel import Locale, UnknownLocaleError

# {3, plural, one {...} few {...} other {...}}: no braces inside a form.
PLURAL = re.compile(r"\{\s*(\d+)\s*,\s*plural\s*,((?:\s*[a-z]+\s*\{[^{}]*\})+)\s*\}")
FORM = re.compile(r"([a-z]+)\s*\{([^{}]*)\}")


def plural_category(count, lang):
    """CLDR's plural category of ``count`` in ``lang`` (an Odoo code: pl_PL)."""
    try:
        return Locale.parse(lang or "en_US").plural_form(count)
    except (UnknownLocaleError, ValueError):
        return "other"


def select_plural(text, lang):
    """``text`` with each plural choice replaced by the form of its count in
    ``lang``; the rest of the text is left as it is."""

    def choose(match):
        forms = dict(FORM.findall(match.group(2)))
        category = plural_category(int(match.group(1)), lang)
        return forms.get(category, forms.get("other", ""))

    return PLURAL.sub(choose, text)
