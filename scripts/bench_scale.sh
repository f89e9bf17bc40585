#!/usr/bin/env bash
# `make bench-scale`: scripts/bench_scale.py on a copy of the demo test database
# (PEOPLE=5000 ORDERS=100000 WAITING=2000 by default); the copy goes at the end.
source "$(dirname "$0")/common.sh"
require_setup

scratch_run wsca_scale
"$PY" "$ROOT/scripts/test_db.py" prepare --conf "$CONF" --addons-path "$addons_path" \
    --target "$db" --data-dir "$work/data"
"$PY" "$ROOT/scripts/bench_scale.py" -c "$CONF" -d "$db" --addons-path "$addons_path" \
    --data-dir "$work/data" --port "$(free_port)" --log "$work/odoo.log" \
    --people "${PEOPLE:-5000}" --orders "${ORDERS:-100000}" --waiting "${WAITING:-2000}" "$@"
