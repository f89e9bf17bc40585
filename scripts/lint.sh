#!/usr/bin/env bash
# `make lint`: OCA's checks, as OCA's CI runs them: ruff, pylint with OCA's Odoo checks
# (pylint_odoo: .pylintrc-mandatory, then .pylintrc with the optional ones) on the addon
# under a parent directory, OCA's module checks (manifest, XML, CSV) and translation
# checks; then that README.rst is up to date.
# With pre-commit in .venv: the hooks of .pre-commit-config.yaml on every file (all
# local, nothing is downloaded); like pre-commit, ruff fixes what it can, and the run
# fails when it did. Without pre-commit: the same tools, checking only.
source "$(dirname "$0")/common.sh"
[ -x "$PY" ] || die "Nothing is set up yet: run 'make setup' first."
cd "$ROOT"

if [ -x "$VENV/bin/pre-commit" ]; then
    say "pre-commit run --all-files"
    "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure
else
    mapfile -t po_files < <(git ls-files --cached --others --exclude-standard 'i18n/*.po' 'i18n/*.pot')
    say "ruff check"
    "$PY" -m ruff check .
    say "ruff format --check"
    "$PY" -m ruff format --check .
    say "pylint_odoo (.pylintrc-mandatory)"
    bash scripts/oca_lint.sh pylint .pylintrc-mandatory
    say "pylint_odoo (.pylintrc, optional checks too)"
    bash scripts/oca_lint.sh pylint .pylintrc
    say "oca-checks-odoo-module"
    bash scripts/oca_lint.sh module
    if [ ${#po_files[@]} -gt 0 ]; then
        say "oca-checks-po"
        "$VENV/bin/oca-checks-po" "${po_files[@]}"
    fi
fi
say "README.rst generated from readme/"
"$PY" scripts/readme.py --check
say "lint clean"
