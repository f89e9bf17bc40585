#!/usr/bin/env bash
# `make load-test`: many buyers check out at once while approvers decide, against
# Odoo's multi-process server (4 workers) on a copy of the demo test database.
# BUYERS=200 APPROVERS=10 by default; the copy and the server go at the end.
source "$(dirname "$0")/common.sh"
require_setup

buyers=${BUYERS:-200}
approvers=${APPROVERS:-10}
server=""
scratch_run wsca_load
stop_server() {
    if [ -n "$server" ]; then
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
    fi
}
at_exit stop_server
"$PY" "$ROOT/scripts/test_db.py" prepare --conf "$CONF" --addons-path "$addons_path" \
    --target "$db" --data-dir "$work/data"

port=$(free_port)
log="$work/odoo.log"
launcher="$work/odoo-launcher"
printf '#!%s\nimport odoo.cli\n\nodoo.cli.main()\n' "$PY" >"$launcher"
chmod +x "$launcher"
say "Serving $db with 4 workers on port $port"
"$launcher" -c "$CONF" -d "$db" --db-filter="^$db\$" --addons-path="$addons_path" \
    --data-dir="$work/data" --http-port="$port" --gevent-port="$(free_port)" \
    --workers=4 --max-cron-threads=0 --limit-time-real=600 --limit-time-cpu=300 \
    --limit-memory-soft=1073741824 --limit-memory-hard=1610612736 \
    --logfile="$log" --log-level=info \
    --log-handler=odoo.addons.website_sale_customer_approval.models.spending_lock:DEBUG &
server=$!
for _i in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" && break
    sleep 1
done

"$PY" "$ROOT/scripts/load_test.py" -c "$CONF" -d "$db" --addons-path "$addons_path" \
    --url "http://127.0.0.1:$port" --log "$log" --buyers "$buyers" --approvers "$approvers"
