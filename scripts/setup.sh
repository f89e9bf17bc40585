#!/usr/bin/env bash
# `make setup`: install what is missing, reuse what is there, and say which.
# Idempotent: a second run only checks.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

ODOO_ARCHIVE_URL=${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}
BASE_PYTHON=${PYTHON:-python3}
DEBIAN_PACKAGES=(
    postgresql postgresql-client
    # headers and libraries Odoo's requirements build against
    build-essential libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev
    libjpeg-dev zlib1g-dev
    # browser tours
    chromium fonts-dejavu-core
    # PDFs of quotations and payment post-processing
    wkhtmltopdf
)

# 1. Debian packages (only as root, only what is missing)
if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "Debian packages: all present, reused (${DEBIAN_PACKAGES[*]})"
    elif [ "$(id -u)" -eq 0 ]; then
        say "Debian packages: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        say "Debian packages missing (not root, not installed): ${missing[*]}"
    fi
fi

# 2. The virtualenv; it sees the packages of the interpreter it comes from, so an
#    Odoo 19.0 installed there is reused.
if [ -x "$PY" ]; then
    say "Virtualenv: reused .venv ($("$PY" --version))"
else
    command -v "$BASE_PYTHON" >/dev/null || die "No $BASE_PYTHON: install Python 3.10 to 3.12, or set PYTHON=/path/to/python3."
    say "Virtualenv: creating .venv from $BASE_PYTHON"
    "$BASE_PYTHON" -m venv --system-site-packages "$VENV"
fi

odoo_version() {
    "$PY" -c 'import odoo.release as r; print("%s.%s" % r.version_info[:2])' 2>/dev/null || true
}

install_odoo_from() {
    local src=$1
    [ -f "$src/odoo/release.py" ] && [ -f "$src/requirements.txt" ] \
        || die "ODOO_SRC=$src is not an Odoo source tree (no odoo/release.py or requirements.txt)."
    grep -q "version_info = (19, 0" "$src/odoo/release.py" \
        || die "ODOO_SRC=$src is not Odoo 19.0."
    say "Odoo: installing the 19.0 source tree $src into .venv"
    local constraints="$STATE/build-constraints.txt"
    mkdir -p "$STATE"
    # Odoo's pinned requirements build only with an older setuptools.
    echo 'setuptools<70' >"$constraints"
    "$PY" -m pip install -q 'setuptools<70' wheel
    PIP_CONSTRAINT="$constraints" "$PY" -m pip install -q -r "$src/requirements.txt"
    "$PY" -m pip install -q --no-build-isolation -e "$src"
}

# 3. Odoo 19.0: installed already, else ODOO_SRC, else Odoo's official source archive
version=$(odoo_version)
if [ "$version" = "19.0" ]; then
    say "Odoo: reused Odoo 19.0 at $("$PY" -c 'import odoo.release as r, os; print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))')"
elif [ -n "${ODOO_SRC:-}" ]; then
    install_odoo_from "$ODOO_SRC"
else
    src="$STATE/odoo-19.0"
    if [ ! -f "$src/odoo/release.py" ]; then
        say "Odoo: no Odoo 19.0 importable and no ODOO_SRC; downloading $ODOO_ARCHIVE_URL"
        mkdir -p "$src"
        if ! curl -fsSL --retry 2 "$ODOO_ARCHIVE_URL" | tar -xz -C "$src" --strip-components=1; then
            rm -rf "$src"
            die "Odoo 19.0 could not be found nor downloaded. Provide one of:
  - an Odoo 19.0 installed for $BASE_PYTHON (so that '$BASE_PYTHON -c \"import odoo\"' works), or
  - ODOO_SRC=/path/to/odoo-19.0, a source tree of Odoo 19.0 Community (with odoo-bin,
    setup.py and requirements.txt): make setup ODOO_SRC=/path/to/odoo-19.0, or
  - network access to $ODOO_ARCHIVE_URL (or set ODOO_ARCHIVE_URL)."
        fi
    fi
    install_odoo_from "$src"
fi
[ "$(odoo_version)" = "19.0" ] || die "Odoo 19.0 is still not importable from .venv."

# 3b. Odoo's live-notifications worker loads gevent's plugins through
#     pkg_resources, which must find zope.interface: the setuptools that builds
#     Odoo's requirements (<70) cannot, a current one can.
if "$PY" -c "import pkg_resources; pkg_resources.require('zope.interface')" 2>/dev/null; then
    say "Runtime: gevent's plugins resolve (zope.interface found)"
else
    say "Runtime: installing a setuptools whose pkg_resources finds zope.interface"
    "$PY" -m pip install -q 'setuptools>=75,<81' 'zope.interface'
fi

# 4. Test and lint tools, pinned
stamp="$VENV/.requirements-dev.sha256"
wanted=$(sha256sum requirements-dev.txt | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] \
    && "$PY" -c 'import pytest_odoo, websocket, pylint_odoo' 2>/dev/null; then
    say "Test tools: reused (requirements-dev.txt unchanged)"
else
    say "Test tools: installing requirements-dev.txt"
    "$PY" -m pip install -q -r requirements-dev.txt
    echo "$wanted" >"$stamp"
fi

# 5. PostgreSQL: the user's own server (PG* variables), else a local one
db_host=${PGHOST:-localhost}
db_port=${PGPORT:-5432}
if [ -n "${PGUSER:-}" ]; then
    db_user=$PGUSER
    db_password=${PGPASSWORD:-}
    [ "$db_user" != postgres ] || die "Odoo refuses the database user 'postgres': set PGUSER to another role."
    PGHOST=$db_host PGPORT=$db_port psql -d postgres -tAc 'SELECT 1' >/dev/null \
        || die "Cannot connect to PostgreSQL as $db_user on $db_host:$db_port (PGHOST/PGPORT/PGUSER/PGPASSWORD)."
    say "PostgreSQL: reused $db_user@$db_host:$db_port (from PG* variables)"
else
    db_user=odoo
    db_password=odoo
    if command -v pg_lsclusters >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
        if [ -z "$(pg_lsclusters -h)" ]; then
            version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
            say "PostgreSQL: creating cluster $version/main"
            pg_createcluster "$version" main >/dev/null
        fi
        read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
        db_port=$port
        if [ "$status" != online ]; then
            say "PostgreSQL: starting cluster $version/$cluster"
            pg_ctlcluster "$version" "$cluster" start
        else
            say "PostgreSQL: reused running cluster $version/$cluster on port $port"
        fi
        if runuser -u postgres -- psql -p "$db_port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'" | grep -q 1; then
            say "PostgreSQL: reused role odoo"
        else
            say "PostgreSQL: creating login role odoo"
            runuser -u postgres -- psql -p "$db_port" -qc "CREATE ROLE odoo LOGIN CREATEDB PASSWORD 'odoo'"
        fi
    fi
    PGHOST=$db_host PGPORT=$db_port PGUSER=$db_user PGPASSWORD=$db_password \
        psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
        || die "No PostgreSQL reachable as odoo@$db_host:$db_port. Run 'make setup' as root to install and start one, or point PGHOST/PGPORT/PGUSER/PGPASSWORD at your server."
fi

# 6. The Odoo configuration the other targets use
mkdir -p "$STATE"
cat >"$CONF" <<CONF
[options]
; written by make setup
db_host = $db_host
db_port = $db_port
db_user = $db_user
db_password = $db_password
addons_path = $(addon_link_dir),$(odoo_addons_path)
data_dir = $STATE/data
http_interface = 127.0.0.1
CONF
say "Configuration: $CONF"
say "Ready: 'make test' runs the tests, 'make run' serves a demo on http://127.0.0.1:8069"
