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
if curl -s -o /dev/null "$url/web/login"; then
    die "Port $port already answers: set PORT to a free one."
fi

if [ -z "${KEEP_DB:-}" ]; then
    say "Dropping the database $db, if any (KEEP_DB=1 keeps it)"
    pg dropdb --if-exists "$db" >/dev/null
fi

log=$(mktemp)
server=
stop_server() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        say "Stopping the demo server"
        kill -- "-$server" 2>/dev/null || kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
    rm -f "$log"
}
trap stop_server EXIT

say "Starting the demo server on $url (database $db)"
# A process group of its own, so that the Odoo that run.sh execs stops with it.
setsid env PORT="$port" DEMO_DB="$db" WORKERS=0 bash "$ROOT/scripts/run.sh" >"$log" 2>&1 &
server=$!

waited=0
until curl -s -o /dev/null -f "$url/web/login?db=$db"; do
    if ! kill -0 "$server" 2>/dev/null; then
        cat "$log" >&2
        die "The demo server stopped before it answered."
    fi
    if [ "$waited" -ge 600 ]; then
        die "The demo server did not answer within 10 minutes."
    fi
    sleep 2
    waited=$((waited + 2))
done
say "The demo server answers after $waited s"

"$PY" "$ROOT/scripts/screenshots.py" --url "$url" --db "$db" --chromium "$chromium" "$@"
say "Screenshots in static/description/screenshots/"
