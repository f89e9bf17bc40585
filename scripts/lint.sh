#!/usr/bin/env bash
# `make lint`: ruff, pylint with OCA's Odoo checks, and OCA's module checks (XML, CSV,
# manifest, translations).
source "$(dirname "$0")/common.sh"
[ -x "$PY" ] || die "Nothing is set up yet: run 'make setup' first."
cd "$ROOT"
# The addon's code; scripts/ are command-line tools (they print and commit).
mapfile -t python_files < <(git ls-files --cached --others --exclude-standard '*.py' ':!scripts/')
mapfile -t po_files < <(git ls-files --cached --others --exclude-standard 'i18n/*.po' 'i18n/*.pot')

say "ruff check"
"$PY" -m ruff check .
say "ruff format --check"
"$PY" -m ruff format --check .
say "pylint (pylint_odoo)"
"$PY" -m pylint --rcfile=.pylintrc "${python_files[@]}"
say "oca-checks-odoo-module"
"$PY" -c "import sys; from oca_pre_commit_hooks.cli import main; sys.exit(main())" --no-verbose __manifest__.py
if [ ${#po_files[@]} -gt 0 ]; then
    say "oca-checks-po"
    "$PY" -c "import sys; from oca_pre_commit_hooks.cli_po import main; sys.exit(main())" --no-verbose "${po_files[@]}"
fi
say "README.rst generated from readme/"
"$PY" scripts/readme.py --check
say "lint clean"
