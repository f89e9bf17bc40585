#!/usr/bin/env bash
# `make a11y`: serve a demo database of its own on a port of its own, install
# axe-core (scripts/a11y/package.json, `npm ci`), audit the addon's pages with it
# in headless Chromium (scripts/a11y.py) and stop the server. Fails on a critical
# or serious WCAG 2.1 A/AA violation on an addon page, or on an Odoo page the
# addon changes that is worse than scripts/a11y/baseline.json. The database is
# created afresh each time (KEEP_DB=1 reuses it; the audit submits an order of
# it). Extra arguments go to a11y.py (--only KEY, --json FILE, --write-baseline).
source "$(dirname "$0")/common.sh"
require_setup

db=${DEMO_DB:-wsca_a11y}
port=${PORT:-8076}
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || die "No chromium found: 'make setup' installs it."
command -v npm >/dev/null || die "No npm found: the audit needs Node.js and npm."

# npm ci: exactly the axe-core of package-lock.json, unless it is there already.
dev="$ROOT/scripts/a11y"
installed=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$dev/node_modules/axe-core/package.json" 2>/dev/null || true)
locked=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["devDependencies"]["axe-core"])' \
    "$dev/package.json")
if [ "$installed" != "$locked" ]; then
    say "Installing axe-core $locked (npm ci in scripts/a11y)"
    (cd "$dev" && npm ci --no-audit --no-fund --silent)
fi

start_demo "$db" "$port"
"$PY" "$ROOT/scripts/a11y.py" --url "http://127.0.0.1:$port" --db "$db" --chromium "$chromium" "$@"
