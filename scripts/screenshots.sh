#!/usr/bin/env bash
# `make screenshots`: serve a demo database of its own on a port of its own, take the
# screenshots of static/description/screenshots/ with headless Chromium
# (scripts/screenshots.py), stop the server. The database is created afresh each
# time, so that the demo's dates ("waiting for 2 days") read the same; KEEP_DB=1
# reuses it as `make run` does. Extra arguments go to screenshots.py (--only NAME).
source "$(dirname "$0")/common.sh"
require_setup

db=${DEMO_DB:-wsca_screenshots}
port=${PORT:-8075}
url="http://127.0.0.1:$port"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || die "No chromium found: 'make setup' installs it."
start_demo "$db" "$port"

"$PY" "$ROOT/scripts/screenshots.py" --url "$url" --db "$db" --chromium "$chromium" "$@"
say "Screenshots in static/description/screenshots/"
