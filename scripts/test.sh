#!/usr/bin/env bash
# `make test`: a fresh database with demo data, the addon installed from this checkout,
# every test under tests/ (HttpCase and browser tours included), then the database
# is dropped. Independent of anything `make run` left behind.
source "$(dirname "$0")/common.sh"
require_setup

work=$(mktemp -d)
db="wsca_test_$(date +%Y%m%d%H%M%S)_$$"
data_dir="$work/data"
cleanup() {
    pg dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# The checkout under the addon's technical name, in an addons path of its own.
mkdir -p "$work/addons"
ln -s "$ROOT" "$work/addons/$ADDON"
addons_path="$work/addons,$(odoo_addons_path)"

# WITHOUT_DEMO=1: a database without demo data (the tests build their own).
demo_flag=--with-demo
[ -z "${WITHOUT_DEMO:-}" ] || demo_flag=
say "Installing $ADDON ${demo_flag:+with demo data }into a fresh database $db"
started=$(date +%s)
"$PY" -m odoo -c "$CONF" -d "$db" --addons-path="$addons_path" --data-dir="$data_dir" \
    $demo_flag -i "$ADDON" --stop-after-init --no-http --log-level=warn
say "Installed in $(($(date +%s) - started)) s; running the tests"

# pytest-odoo serves HTTP on a free port of its own: a running demo does not collide.
cd "$work"
set +e
"$PY" -m pytest -p no:cacheprovider \
    --odoo-database="$db" --odoo-config="$CONF" --odoo-addons-path="$addons_path" \
    --odoo-http --odoo-log-level=warn --odoo-extra="data-dir=$data_dir" \
    "$work/addons/$ADDON/tests" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "ERROR: pytest collected no test." >&2
fi
exit "$status"
