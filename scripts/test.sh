#!/usr/bin/env bash
# `make test`: a copy of a database where the addon is installed from this checkout
# with demo data, every test under tests/ (HttpCase and browser tours included), then
# the copy is dropped. Independent of anything `make run` left behind.
#
# The installed database is a template kept between runs (scripts/test_db.py): it is
# built again only when what an install reads changed (manifest, models, data, demo,
# security, views, i18n, migrations, the Odoo), so a run takes the tests' time.
#
# Arguments go to pytest; a path of this checkout (tests/test_routing.py, with or
# without ::Class::test) stands for the same file of the linked addon, and replaces
# the default tests/. FAST=1 leaves out the browser tours and the threaded tests
# (-m 'not tour and not threaded'); FRESH=1 rebuilds the template; WITHOUT_DEMO=1
# uses a template installed without demo data (the tests build their own).
source "$(dirname "$0")/common.sh"
require_setup

caller_pwd=$PWD
root_real=$(cd "$ROOT" && pwd -P)
scratch_run wsca_test
data_dir="$work/data"
addon="$work/addons/$ADDON"

# A path of this checkout (relative to where make ran, or to the checkout) becomes
# the same path under $addon, where pytest-odoo imports it as odoo.addons.<addon>.
map_path() {
    local arg=$1 path rest="" base abs
    path=${arg%%::*}
    [ "$path" = "$arg" ] || rest=${arg#"$path"}
    if [ -n "$path" ]; then
        for base in "$caller_pwd" "$ROOT"; do
            abs=$(cd "$base" && realpath -e -- "$path" 2>/dev/null) || continue
            case "$abs/" in
            "$root_real"/*)
                printf '%s\n' "$addon${abs#"$root_real"}$rest"
                return
                ;;
            esac
        done
    fi
    printf '%s\n' "$arg"
}

args=()
[ -z "${FAST:-}" ] || args+=(-m "not tour and not threaded")
paths=0
value_of=""
for arg in "$@"; do
    if [ -n "$value_of" ]; then
        # The value of an option: a path only for --deselect and --ignore.
        [ "$value_of" = path ] && arg=$(map_path "$arg")
        value_of=""
    else
        case "$arg" in
        --deselect | --ignore) value_of=path ;;
        --deselect=* | --ignore=*) arg="${arg%%=*}=$(map_path "${arg#*=}")" ;;
        -k | -m | -p | -o | -c | -W | --maxfail | --tb | --durations | --junitxml | \
            --junit-xml | --log-level | --log-cli-level | --rootdir | --confcutdir)
            value_of=other
            ;;
        -*) ;;
        *)
            arg=$(map_path "$arg")
            paths=$((paths + 1))
            ;;
        esac
    fi
    args+=("$arg")
done
[ "$paths" -gt 0 ] || args+=("$addon/tests")

prepare=(--conf "$CONF" --addons-path "$addons_path" --target "$db" --data-dir "$data_dir")
[ -z "${WITHOUT_DEMO:-}" ] || prepare+=(--without-demo)
[ -z "${FRESH:-}" ] || prepare+=(--fresh)
"$PY" "$ROOT/scripts/test_db.py" prepare "${prepare[@]}"
say "Running the tests on $db"

# pytest-odoo serves HTTP on a free port of its own: a running demo does not collide.
cd "$work"
set +e
"$PY" -m pytest -p no:cacheprovider \
    --odoo-database="$db" --odoo-config="$CONF" --odoo-addons-path="$addons_path" \
    --odoo-http --odoo-log-level=warn --odoo-extra="data-dir=$data_dir" \
    "${args[@]}"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "ERROR: pytest collected no test." >&2
fi
exit "$status"
