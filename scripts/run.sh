#!/usr/bin/env bash
# `make run`: create or update the demo database and serve it on 127.0.0.1:8069.
source "$(dirname "$0")/common.sh"
require_setup

db=${DEMO_DB:-customer_approval_demo}
port=${PORT:-8069}
url="http://127.0.0.1:$port"
addon_link_dir >/dev/null  # the link the configuration's addons path names

if pg psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    say "Updating the demo database $db"
    "$PY" -m odoo -c "$CONF" -d "$db" -u "$ADDON" --stop-after-init --no-http --log-level=warn
else
    say "Creating the demo database $db (a minute or two)"
    "$PY" -m odoo -c "$CONF" -d "$db" -i "$ADDON" --with-demo --stop-after-init --no-http --log-level=warn
fi

cat <<TEXT

Demo of $ADDON on $url  (Ctrl+C stops it)

Logins (login / password)
  Vendor (backoffice)          admin / admin
  Customer company "Fjord Engineering AB" (portal):
    customer admin             anna@fjord.example / anna1234
    approver, breakpoint 1,000 erik@fjord.example / erik1234   (next approver: Karin; away, Karin substitutes)
    approver, breakpoint 5,000 karin@fjord.example / karin1234 (above: the customer admin)
    buyer, always approval     lars@fjord.example / lars1234   (sees only the contract assortment)
    buyer, breakpoint 500      maja@fjord.example / maja1234   (may send free-text orders)
    buyer, no restriction      nils@fjord.example / nils1234
    buyer, outside assortment  olle@fjord.example / olle1234   (approval only for products outside it)

Pages
  $url/shop                     the shop
  $url/my                       the portal home of a sub-account
  $url/my/orders                orders with their approval status
  $url/my/orders/free-text      a request in words, for the approver to fill (Maja)
  $url/my/approvals             orders waiting for my decision (approvers)
  $url/my/team                  sub-accounts (customer admin)
  $url/my/team/statistics       spending per sub-account (customer admin)
  $url/shop/contract            the contract assortment
  $url/my/lists                 shopping lists (Anna shares one with the company)
  $url/my/order-for             order for a colleague (Anna, or an approver)
  $url/my/approvals/absence     an approver's absence and substitute
  $url/odoo/customer-approvals  backoffice: orders waiting for customer approval

TEXT
# WORKERS=N: Odoo's multi-process server, as in production, with its live
# notifications (gevent) worker. Odoo starts that worker by running its own
# launcher script again, which `python -m odoo` is not: use a launcher file.
# LOGFILE=path: log to that file at level info, one line a request with its
# number of queries (what scripts/bench_*.py read).
log_args=(--log-level=warn)
[ -z "${LOGFILE:-}" ] || log_args=(--logfile="$LOGFILE" --log-level=info)
workers=${WORKERS:-0}
if [ "$workers" -gt 0 ]; then
    launcher="$STATE/odoo-launcher"
    printf '#!%s\nimport odoo.cli\n\nodoo.cli.main()\n' "$PY" >"$launcher"
    chmod +x "$launcher"
    gevent_port=${GEVENT_PORT:-$((port + 3))}
    say "Serving with $workers workers (live notifications on port $gevent_port)"
    exec "$PY" "$launcher" -c "$CONF" -d "$db" --db-filter="^$db\$" \
        --http-port="$port" --gevent-port="$gevent_port" --workers="$workers" \
        --max-cron-threads=1 --limit-memory-soft=1073741824 \
        --limit-memory-hard=1610612736 "${log_args[@]}"
fi
exec "$PY" -m odoo -c "$CONF" -d "$db" --db-filter="^$db\$" --http-port="$port" "${log_args[@]}"
