#!/usr/bin/env bash
# `make wheel`: the addon as a pip package, odoo-addon-website_sale_customer_approval,
# built by whool (pyproject.toml) into dist/, after checking that it holds what Odoo
# loads: the manifest, every file its data/demo/assets lists name, the translations,
# the icon, and none of the local state (.venv, .odoo, caches).
source "$(dirname "$0")/common.sh"
[ -x "$PY" ] || die "Nothing is set up yet: run 'make setup' first."
"$PY" -c 'import whool.buildapi' 2>/dev/null \
    || die "whool is not installed in .venv: run 'make setup' (requirements-dev.txt)."
cd "$ROOT"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
    || die "Not a git checkout: the package holds the files git tracks."

rm -f "dist/odoo_addon_${ADDON}-"*.whl # a failed build leaves no stale wheel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# whool names the package after the directory it builds in, and ships what git tracks
# there. The checkout may have any name, so build in a copy of the tracked files under
# the addon's technical name. Files not yet added to git are not shipped: say so.
src="$work/src/$ADDON"
"$PY" - "$src" <<'PY'
import os
import shutil
import subprocess
import sys

src = sys.argv[1]
git = shutil.which("git") or "git"
tracked = subprocess.check_output([git, "ls-files", "-z"], text=True)  # noqa: S603
for path in [*filter(None, tracked.split("\0")), "pyproject.toml"]:
    if os.path.lexists(path):  # not a tracked file deleted in the working tree
        os.makedirs(os.path.join(src, os.path.dirname(path)), exist_ok=True)
        shutil.copy2(path, os.path.join(src, path), follow_symlinks=False)
PY
untracked=$(git ls-files --others --exclude-standard -- . ':!dist/' ':!pyproject.toml' | tr '\n' ' ')
[ -z "$untracked" ] \
    || say "Not in git, so not in the package (git add them to ship them): $untracked"

say "Building the wheel (whool)"
(cd "$src" && "$PY" -m pip wheel --quiet --no-deps --no-build-isolation \
    --wheel-dir "$work/dist" .)
wheel=$(find "$work/dist" -name '*.whl' -print -quit)
[ -n "$wheel" ] || die "pip wheel wrote no wheel."

"$PY" - "$wheel" "$ADDON" <<'PY'
import ast
import glob
import os
import sys
import zipfile

wheel_path, addon = sys.argv[1], sys.argv[2]
wheel_name = os.path.basename(wheel_path)
with open("__manifest__.py", encoding="utf-8") as manifest_file:
    manifest = ast.literal_eval(manifest_file.read())
version = manifest["version"]
prefix = f"odoo/addons/{addon}/"
with zipfile.ZipFile(wheel_path) as archive:
    names = archive.namelist()
files = {name[len(prefix) :] for name in names if name.startswith(prefix)}
for name in sorted(names):
    print("   ", name)

errors = []
expected = f"odoo_addon_{addon}-{version}-py3-none-any.whl"
if wheel_name != expected:
    errors.append(f"wheel {wheel_name}, expected {expected} (manifest version)")
if any(not name.startswith((prefix, f"odoo_addon_{addon}-")) for name in names):
    errors.append(f"files outside {prefix} and the package metadata")


def shipped(path, origin):
    if path not in files:
        errors.append(f"{path} ({origin}) is not in the wheel")


shipped("__manifest__.py", "the manifest")
shipped("__init__.py", "the package")
for key in ("data", "demo"):
    for path in manifest.get(key, []):
        shipped(path, f"manifest {key}")
for bundle, items in manifest.get("assets", {}).items():
    for item in items:
        # a path or glob; or (directive, ..., path): include names a bundle
        if isinstance(item, (tuple, list)) and item[0] == "include":
            continue
        asset = item[-1] if isinstance(item, (tuple, list)) else item
        if not asset.startswith(f"{addon}/"):
            continue  # another addon's file, or a URL
        pattern = asset[len(addon) + 1 :]
        matches = [p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p)]
        if not matches:
            errors.append(f"{asset} (assets {bundle}) names no file")
        for path in matches:
            shipped(path, f"assets {bundle}")
for path in sorted(glob.glob("i18n/*.po") + glob.glob("i18n/*.pot")):
    shipped(path, "translation")
if os.path.isfile("static/description/icon.png"):
    shipped("static/description/icon.png", "icon")

local_state = (".venv/", ".odoo/", "dist/", "build/", ".ruff_cache/", ".pytest_cache/")
for path in sorted(files):
    parts = path.split("/")
    if (
        path.startswith(local_state)
        or "__pycache__" in parts
        or path.endswith((".pyc", ".pyo"))
        or ".egg-info" in path
    ):
        errors.append(f"{path} is local state, it must not ship")

if errors:
    print("\nERROR: the wheel misses files or holds local state:", file=sys.stderr)
    for error in errors:
        print("  -", error, file=sys.stderr)
    sys.exit(1)
print(f"wheel {wheel_name}: {len(names)} files, checked")
PY

mkdir -p dist
cp "$wheel" dist/
say "dist/$(basename "$wheel"): install it with pip install dist/$(basename "$wheel")"
