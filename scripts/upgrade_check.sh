#!/usr/bin/env bash
# `make upgrade-check`: installs the addon as it was before the last version bump of
# __manifest__.py, with demo data (orders in every approval state), into a fresh
# database; upgrades it to this checkout; fails if any order, line, approval step,
# reason, approval setting of a person or contract assortment flag was lost or
# changed, or if the migrations left new fields empty. The database is dropped.
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
cleanup() {
    pg dropdb --if-exists "$db" >/dev/null 2>&1 || true
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

odoo() {
    local addons=$1
    shift
    "$PY" -m odoo "$@" -c "$CONF" -d "$db" --addons-path="$addons,$odoo_path" \
        --data-dir="$work/data" --no-http --log-level=warn
}
snapshot() {
    WSCA_SNAPSHOT="$work/$2.json" odoo "$1" shell <"$ROOT/scripts/upgrade_check.py"
}

started=$(date +%s)
say "Installing $ADDON $old_version ($(git log -n1 --format=%h "$base")) with demo data into $db"
odoo "$work/old" --with-demo -i "$ADDON" --stop-after-init
snapshot "$work/old" before
say "Upgrading to $new_version (this checkout)"
odoo "$work/new" -u "$ADDON" --stop-after-init
snapshot "$work/new" after
say "Comparing (installed and upgraded in $(($(date +%s) - started)) s)"
"$PY" "$ROOT/scripts/upgrade_check.py" compare "$work/before.json" "$work/after.json"
