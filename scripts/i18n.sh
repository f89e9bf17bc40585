#!/usr/bin/env bash
# `make i18n`: export the addon's terms to i18n/<addon>.pot (from a throw-away
# database) and merge them into the fr, de, sv and pl catalogues.
source "$(dirname "$0")/common.sh"
require_setup
command -v msgmerge >/dev/null || die "msgmerge is missing: apt-get install gettext"

db="wsca_i18n_$$"
work=$(mktemp -d)
cleanup() {
    pg dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# A copy of the addon's own files: Odoo exports the terms of every Python file
# under the addon's folder, and .venv/ holds those of other packages.
mkdir -p "$work/addons/$ADDON"
git ls-files --cached --others --exclude-standard -z \
    | tar --null -T - -cf - | tar -xf - -C "$work/addons/$ADDON"
addons_path="$work/addons,$(odoo_addons_path)"

say "Installing $ADDON into $db"
"$PY" -m odoo -c "$CONF" -d "$db" --addons-path="$addons_path" -i "$ADDON" \
    --stop-after-init --no-http --log-level=warn
pot="$ROOT/i18n/$ADDON.pot"
say "Exporting $pot"
"$PY" -m odoo --addons-path="$addons_path" i18n export -c "$CONF" -d "$db" \
    -o "$pot" "$ADDON"
for lang in fr de sv pl; do
    po="$ROOT/i18n/$lang.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --no-fuzzy-matching --update --backup=none --no-wrap "$po" "$pot"
    else
        msginit --no-translator --no-wrap --locale="$lang" --input="$pot" --output-file="$po"
    fi
    say "$po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
# The layout OCA's checks ask for (entries sorted, lines wrapped as Odoo does).
"$PY" -c "import sys; from oca_pre_commit_hooks.cli_po import main; sys.exit(main())" \
    --no-verbose --fix "$pot" "$ROOT"/i18n/*.po >/dev/null || true
