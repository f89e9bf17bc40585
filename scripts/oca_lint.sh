#!/usr/bin/env bash
# OCA's checks of an addon, run as OCA's CI runs them: on the addon as a directory
# named after it, under a parent directory.
#   bash scripts/oca_lint.sh pylint RCFILE [OPTION...] [FILE...]
#       pylint with OCA's Odoo checks (pylint_odoo) and the configuration RCFILE
#   bash scripts/oca_lint.sh module [OPTION...] [FILE...]
#       oca-checks-odoo-module (oca-odoo-pre-commit-hooks): manifest, XML, CSV
# FILEs are paths in the checkout (pre-commit passes the changed ones); without any:
# pylint every Python file of the addon but scripts/ (command-line tools: they
# print), the module checks the whole addon.
# Both tools look for the manifest above a file, but stop below the top of the git
# repository: at the checkout's root they never find it and the checks that need it
# pass silently (all of oca-checks-odoo-module). pylint follows a link to the
# checkout, so the files git knows (tracked and new, not ignored) are copied into
# <tmp>/website_sale_customer_approval/ and checked there; messages name them
# website_sale_customer_approval/<path in the checkout>.
source "$(dirname "$0")/common.sh"
[ -x "$PY" ] || die "Nothing is set up yet: run 'make setup' first."
cd "$ROOT"
usage="usage: scripts/oca_lint.sh pylint RCFILE | module [OPTION...] [FILE...]"
tool=${1:-}
shift || true
case $tool in
    pylint)
        [ $# -gt 0 ] && [ -f "$1" ] || die "$usage"
        options=(--rcfile="$ROOT/$1")
        shift
        ;;
    module) options=() ;;
    *) die "$usage" ;;
esac
targets=()
for arg in "$@"; do
    case $arg in
        -*) options+=("$arg") ;;
        *) targets+=("$ADDON/$arg") ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
while IFS= read -r -d '' f; do
    # Regular files only: not a deleted file, nor the link to the virtualenv.
    [ -f "$f" ] && [ ! -L "$f" ] && files+=("$f")
done < <(git ls-files -z --cached --others --exclude-standard)
mkdir -p "$work/$ADDON"
cp --parents -t "$work/$ADDON" -- "${files[@]}"

cd "$work"
case $tool in
    pylint)
        if [ ${#targets[@]} -eq 0 ]; then
            for f in "${files[@]}"; do
                case $f in
                    scripts/*) ;;
                    *.py) targets+=("$ADDON/$f") ;;
                esac
            done
        fi
        "$PY" -m pylint "${options[@]}" "${targets[@]}"
        ;;
    module)
        [ ${#targets[@]} -gt 0 ] || targets=("$ADDON/__manifest__.py")
        # It names files from the top of their git repository, here "/".
        "$VENV/bin/oca-checks-odoo-module" "${options[@]}" "${targets[@]}" | sed "s|${work#/}/||g"
        ;;
esac
