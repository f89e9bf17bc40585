#!/usr/bin/env bash
# `make upgrade-check`: installs the addon as it was before the last version bump of
# __manifest__.py, with demo data (orders in every approval state), into a fresh
# database; upgrades it to this checkout; fails if any order, line, approval step,
# reason, approval setting of a person or contract assortment flag was lost or
# changed, or if the migrations left new fields empty. The database is dropped.
#
# UPGRADE_ORDERS=<n> (100000 by default; 0: demo data only): before upgrading, adds
# to the old version's database a large customer (UPGRADE_PEOPLE=5000 people in 50
# departments, n orders over two years with lines, approval steps and reasons, one
# in twenty waiting) built in SQL by scripts/scale_data.py; times the upgrade and
# its phases from Odoo's log, fails if a stored field was computed in Python for
# every row, and checks in SQL that the customer's rows were kept and their
# stored values (waiting since, department, breakpoint currency, what reasons
# say) are right.
source "$(dirname "$0")/common.sh"
require_setup
cd "$ROOT"

# UPGRADE_FROM=<revision>: upgrade from that commit instead (a release tag, say).
if [ -n "${UPGRADE_FROM:-}" ]; then
    base=$(git rev-parse -q --verify "$UPGRADE_FROM^{commit}") \
        || die "UPGRADE_FROM=$UPGRADE_FROM is no commit of this repository."
else
    bump=$(git log -n1 --format=%H -G'"version"' -- __manifest__.py)
    [ -n "$bump" ] || die "No commit changed the version of __manifest__.py."
    base=$(git rev-parse -q --verify "$bump^") \
        || die "The commit $bump that set the version has no parent: nothing to upgrade from."
fi
version_of() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$1"; }

work=$(mktemp -d)
db="wsca_upgrade_$(date +%Y%m%d%H%M%S)_$$"
# UPGRADE_KEEP=1: keeps the upgraded database (to look into it); drop it yourself.
cleanup() {
    if [ -n "${UPGRADE_KEEP:-}" ]; then
        say "Kept the upgraded database $db"
    else
        pg dropdb --if-exists "$db" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The previous version, under the addon's technical name, in an addons path of its own.
mkdir -p "$work/old/$ADDON" "$work/new"
git archive "$base" | tar -x -C "$work/old/$ADDON"
ln -s "$ROOT" "$work/new/$ADDON"
old_version=$(version_of "$work/old/$ADDON/__manifest__.py")
new_version=$(version_of "$ROOT/__manifest__.py")
odoo_path=$(odoo_addons_path)

orders=${UPGRADE_ORDERS:-100000}
people=${UPGRADE_PEOPLE:-5000}
[[ "$orders" =~ ^[0-9]+$ && "$people" =~ ^[1-9][0-9]*$ ]] \
    || die "UPGRADE_ORDERS and UPGRADE_PEOPLE must be numbers (UPGRADE_PEOPLE > 0)."
scale=""

odoo() {
    local addons=$1
    shift
    "$PY" -m odoo "$@" -c "$CONF" -d "$db" --addons-path="$addons,$odoo_path" \
        --data-dir="$work/data" --no-http --log-level="${log_level:-warn}"
}
snapshot() {
    WSCA_SNAPSHOT="$work/$2.json" WSCA_SCALE="$scale" WSCA_SCRIPTS="$ROOT/scripts" \
        odoo "$1" shell <"$ROOT/scripts/upgrade_check.py"
}
now() { date +%s.%N; }
since() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

started=$(now)
say "Installing $ADDON $old_version ($(git log -n1 --format=%h "$base")) with demo data into $db"
odoo "$work/old" --with-demo -i "$ADDON" --stop-after-init
if [ "$orders" -gt 0 ]; then
    say "Adding a large customer: $people people, $orders orders (scripts/scale_data.py)"
    scale="$work/scale.json"
    odoo "$work/old" shell <<PY
import json, sys
sys.path.insert(0, "$ROOT/scripts")
import scale_data
built = scale_data.build_upgrade_customer(env, orders=$orders, people=$people, path="$scale")
print("built:", json.dumps(built["counts"]))
PY
fi
snapshot "$work/old" before
say "Upgrading to $new_version (this checkout)"
upgrade_started=$(now)
log_level=info odoo "$work/new" -u "$ADDON" --stop-after-init --logfile="$work/upgrade.log" \
    || { tail -n 50 "$work/upgrade.log" >&2; die "The upgrade failed (its log above)."; }
upgrade_seconds=$(since "$upgrade_started")
grep -E ' (WARNING|ERROR|CRITICAL) ' "$work/upgrade.log" | head -n 20 >&2 || true
snapshot "$work/new" after
say "Comparing (installed, upgraded and compared in $(since "$started") s)"
status=0
"$PY" "$ROOT/scripts/upgrade_check.py" log "$work/upgrade.log" "$upgrade_seconds" || status=1
"$PY" "$ROOT/scripts/upgrade_check.py" compare "$work/before.json" "$work/after.json" || status=1
exit $status
