#!/usr/bin/env bash
# `make test-odoo`: the whole test suite once under Odoo's own test runner, as OCA's CI
# and runboat run it: a fresh database, the addon installed from this checkout with
# demo data and --test-enable, so that the at_install tests run right after the
# install and the post_install ones once the registry is loaded; then the database is
# dropped. HttpCase and browser tours use an HTTP port of this run's own (a running
# `make run` does not collide), and a data-dir in a temporary directory.
#
# Fails when Odoo's exit status does, and also when its log holds a line of level
# ERROR or CRITICAL (a failed or broken test, an error logged during a test, a test
# module that did not import), or no test ran at all: Odoo's exit status alone misses
# the last ones. The full log is kept in .odoo/test-odoo.log; the terminal shows the
# errors with their tracebacks, and the counts.
#
# TEST_TAGS=<spec> runs a part instead (Odoo's --test-tags syntax, e.g.
# TEST_TAGS=/website_sale_customer_approval:TestRouting); the install still runs.
# TEST_ODOO_TIMEOUT=<seconds> (default 1800) stops a run that hangs, and fails: a
# thread or HTTP request of a test that waits for the end of the run never ends.
source "$(dirname "$0")/common.sh"
require_setup

scratch_run wsca_odoo_test
log="$STATE/test-odoo.log"
# Without pytest, as on OCA's CI: `import pytest` fails, so tests/markers.py gives
# its inert markers (`make test` runs the same tests with pytest's).
mkdir -p "$work/without-pytest"
echo 'raise ImportError("make test-odoo runs the tests without pytest")' \
    >"$work/without-pytest/pytest.py"
port=$(free_port)
tags=${TEST_TAGS:-/$ADDON}

say "Installing $ADDON with demo data into $db and running its tests ($tags) on port $port"
started=$(date +%s)
set +e
# Odoo's runner logs one line per test at INFO, and the tests' refusals log warnings:
# all of it goes to the log file; the terminal gets the errors (with the traceback
# lines that follow them), the skipped tests and the counts.
limit=${TEST_ODOO_TIMEOUT:-1800}
PYTHONPATH="$work/without-pytest${PYTHONPATH:+:$PYTHONPATH}" \
    timeout --signal=INT --kill-after=60 "$limit" "$PY" -m odoo -c "$CONF" -d "$db" \
    --addons-path="$addons_path" --data-dir="$work/data" \
    --http-interface=127.0.0.1 --http-port="$port" --workers=0 --max-cron-threads=0 \
    --with-demo -i "$ADDON" --test-enable --test-tags="$tags" \
    --stop-after-init --log-level=info 2>&1 \
    | tee "$log" \
    | awk -v addon="$ADDON" '
        /^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ / {
            shown = ($4 == "ERROR" || $4 == "CRITICAL") \
                || index($0, "Module " addon " loaded in") \
                || /Starting post tests|post-tests in|odoo\.tests\.stats:|tests when loading database/ \
                || /\.tests\.[a-z_0-9]+: skipped /
        }
        shown { print; fflush() }'
status=${PIPESTATUS[0]}
set -e
elapsed=$(($(date +%s) - started))

problems=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" || true)
warnings=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ WARNING ' "$log" || true)
skipped=$(grep -cE '\.tests\.[a-z_0-9]+: skipped ' "$log" || true)
# Odoo's count: "<n> failed, <n> error(s) of <n> tests when loading database ...".
summary=$(sed -n 's/.*odoo\.tests\.result: \(.* of [0-9]* tests\) when loading database.*/\1/p' "$log" | tail -n 1)
ran=$(printf '%s\n' "$summary" | sed -n 's/.* of \([0-9]*\) tests$/\1/p')
echo
say "Odoo's exit status $status, $problems line(s) of level ERROR or CRITICAL ($warnings WARNING), in $elapsed s"
say "Odoo's test runner: ${summary:-no count of tests}, $skipped skipped"
say "Full log: $log"
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    die "Stopped after TEST_ODOO_TIMEOUT=$limit s: a test hangs (see the end of the log)."
fi
if [ "$status" -ne 0 ] || [ "$problems" -ne 0 ]; then
    die "Tests failed under Odoo's test runner (see above, or the log)."
fi
if [ -z "$ran" ] || [ "$ran" -eq 0 ]; then
    die "Odoo's test runner ran no test."
fi
