# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""pytest markers, registered in pyproject.toml: ``make test-fast`` leaves out the
``tour`` tests (headless Chromium) and the ``threaded`` ones (threads, each on a
committed transaction of its own); ``make test`` runs them all."""

try:
    import pytest
except ImportError:  # pragma: no cover (Odoo's own test runner, without pytest)

    def tour(test):
        return test

    threaded = tour
else:
    tour = pytest.mark.tour
    threaded = pytest.mark.threaded
