"""The template databases behind `make test` (called by scripts/test.sh).

Installing Odoo and the addon takes minutes; the tests need seconds. So the installed
database is kept as a PostgreSQL template, with its filestore beside it, and every
run works on a copy of it (CREATE DATABASE ... TEMPLATE), dropped afterwards.

The template is named after a key, a hash of everything that changes an install:
the addon's manifest, Python models, data, demo data, security, views, translations
and migrations (file names and contents), the Odoo it is installed into (version
and the size and date of each of its files), with or without demo data, and this
machine (the filestore lives here, the database may be on a shared server). A
change gives another name, so a stale template is never used. The comment of a
template says its key, machine and last use: the ones of this machine beyond the
last KEEP used are dropped, those of other machines unused for STALE_DAYS days too.
Templates never take connections (ALLOW_CONNECTIONS false): nothing, a test least
of all, can change them.

Every step that reads, builds, copies or drops a template holds one PostgreSQL
advisory lock of the addon: checkouts that share a server wait for each other.

    test_db.py prepare --conf C --addons-path P --target DB --data-dir D
                       [--without-demo] [--fresh]
    test_db.py drop --conf C        (every template of this machine)
"""

import argparse
import configparser
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

ADDON = "website_sale_customer_approval"
ROOT = Path(__file__).resolve().parent.parent
PREFIX = "wsca_tpl_"
KEEP = 2
STALE_DAYS = 7
# Bump when the way a template is built changes.
RECIPE = "1"
# What an install reads of the addon (controllers and static files are read at
# run time, tests by pytest).
KEYED = (
    "data",
    "demo",
    "i18n",
    "migrations",
    "models",
    "report",
    "security",
    "views",
    "wizard",
)
# pg_advisory_lock() key: the addon's templates, on whatever server.
LOCK = int.from_bytes(hashlib.sha256(ADDON.encode()).digest()[:7], "big")


def say(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def _digest_tree(digest, base, relative):
    path = base / relative
    if path.is_file():
        digest.update(f"{relative}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
        return
    if not path.is_dir():
        return
    for child in sorted(path.iterdir()):
        if child.name == "__pycache__" or child.suffix == ".pyc":
            continue
        _digest_tree(digest, base, child.relative_to(base))


def odoo_fingerprint(digest):
    """Odoo's version, and the name, size and date of each file of its source."""
    import odoo.release  # noqa: PLC0415 (the venv's Odoo, only when needed)

    digest.update(f"odoo {odoo.release.version}\0".encode())
    source = Path(odoo.release.__file__).resolve().parent.parent
    for top in ("odoo", "addons"):
        for dirpath, dirnames, filenames in os.walk(source / top):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".pyc"):
                    continue
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(
                    f"{dirpath}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
                )


def template_key(demo):
    digest = hashlib.sha256()
    host = socket.gethostname()
    digest.update(f"recipe {RECIPE}\0demo {demo}\0host {host}\0".encode())
    digest.update(f"python {sys.version}\0".encode())
    for path in sorted(ROOT.glob("*.py")):
        _digest_tree(digest, ROOT, path.relative_to(ROOT))
    for name in KEYED:
        _digest_tree(digest, ROOT, Path(name))
    odoo_fingerprint(digest)
    return digest.hexdigest()


def read_conf(path):
    parser = configparser.ConfigParser()
    parser.read(path)
    options = parser["options"] if parser.has_section("options") else {}

    def get(name):
        value = options.get(name, "")
        return None if value in ("", "False") else value

    return {
        "host": get("db_host"),
        "port": get("db_port"),
        "user": get("db_user"),
        "password": get("db_password"),
    }


def cache_root(conf):
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    server = f"{conf['host'] or 'local'}_{conf['port'] or 5432}"
    return Path(base) / "wsca-test-templates" / server


class Server:
    def __init__(self, conf):
        self.conf = conf
        self.cnx = psycopg2.connect(dbname="postgres", **conf)
        self.cnx.autocommit = True

    def run(self, query, *params):
        with self.cnx.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall() if cr.description else None

    def lock(self):
        self.run("SELECT pg_advisory_lock(%s)", LOCK)

    def templates(self):
        """{name: comment} of the databases named like a template of this addon."""
        rows = self.run(
            "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
            " WHERE datname LIKE %s",
            PREFIX.replace("_", r"\_") + "%",
        )
        return dict(rows)

    def drop(self, name):
        ident = sql.Identifier(name)
        if self.run("SELECT 1 FROM pg_database WHERE datname = %s", name):
            self.run(sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(ident))
            self.run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))


def comment_for(key):
    """What the comment of a usable template starts with; ` used=<epoch>` follows."""
    return f"{ADDON} test template key={key} host={socket.gethostname()}"


def mark_used(server, name, key):
    server.run(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(name),
            sql.Literal(f"{comment_for(key)} used={time.time():.0f}"),
        )
    )


def parse_comment(comment):
    """{'key': ..., 'host': ..., 'used': ...} of a template's comment."""
    fields = dict(word.split("=", 1) for word in (comment or "").split() if "=" in word)
    try:
        fields["used"] = float(fields.get("used", 0))
    except ValueError:
        fields["used"] = 0.0
    return fields


def build(server, args, key, name, cache):
    """Installs the addon into a new database and turns it into the template."""
    building = f"{name}_build_{os.getpid()}"
    work = cache / f"{building}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    server.drop(building)
    demo = [] if args.without_demo else ["--with-demo"]
    say(
        f"Building the template {name}: installing {ADDON}"
        f"{'' if args.without_demo else ' with demo data'} (once for this key)"
    )
    started = time.monotonic()
    try:
        command = [
            *(sys.executable, "-m", "odoo", "-c", args.conf, "-d", building),
            *(f"--addons-path={args.addons_path}", f"--data-dir={work}", *demo),
            *("-i", ADDON, "--stop-after-init", "--no-http", "--log-level=warn"),
        ]
        subprocess.run(command, check=True)  # noqa: S603
        filestore = work / "filestore" / building
        filestore.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(cache / name, ignore_errors=True)
        (cache / name).mkdir(parents=True)
        filestore.rename(cache / name / "filestore")
        ident = sql.Identifier(name)
        server.run(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(
                sql.Identifier(building), ident
            )
        )
        server.run(
            sql.SQL(
                "ALTER DATABASE {} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"
            ).format(ident)
        )
        # Last: a template without its comment (a build cut short) is not used.
        mark_used(server, name, key)
    finally:
        server.drop(building)
        shutil.rmtree(work, ignore_errors=True)
    say(f"Template {name} built in {time.monotonic() - started:.0f} s")


def prune(server, cache, keep):
    """Drops what is left of builds cut short, this machine's templates beyond the
    KEEP last used, and other machines' templates unused for STALE_DAYS days."""
    host = socket.gethostname()
    templates = server.templates()
    ours = []
    for name, comment in templates.items():
        fields = parse_comment(comment)
        if "_build_" in name or "key" not in fields:
            # Under the lock nobody builds: a leftover.
            server.drop(name)
        elif fields.get("host") == host:
            ours.append((fields["used"], name))
        elif fields["used"] < time.time() - STALE_DAYS * 86400:
            say(f"Dropping {name}, unused for {STALE_DAYS} days")
            server.drop(name)
    for _, name in sorted(ours, reverse=True)[keep:]:
        say(f"Dropping the older template {name}")
        server.drop(name)
        shutil.rmtree(cache / name, ignore_errors=True)
    if cache.is_dir():
        for path in cache.iterdir():
            if path.name not in templates or path.name.endswith(".tmp"):
                shutil.rmtree(path, ignore_errors=True)


def prepare(args):
    conf = read_conf(args.conf)
    key = template_key(demo=not args.without_demo)
    name = PREFIX + key[:12]
    cache = cache_root(conf)
    cache.mkdir(parents=True, exist_ok=True)
    server = Server(conf)
    if not server.run("SELECT pg_try_advisory_lock(%s)", LOCK)[0][0]:
        say("Another checkout is using the templates of this server: waiting")
        server.lock()
    try:
        comment = server.templates().get(name)
        usable = (
            not args.fresh
            and (comment or "").startswith(comment_for(key))
            and (cache / name / "filestore").is_dir()
        )
        if not usable:
            server.drop(name)
            build(server, args, key, name, cache)
        else:
            mark_used(server, name, key)
        started = time.monotonic()
        server.run(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(args.target), sql.Identifier(name)
            )
        )
        target_store = Path(args.data_dir) / "filestore" / args.target
        target_store.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(cache / name / "filestore", target_store, symlinks=True)
        say(f"Copied {name} to {args.target} in {time.monotonic() - started:.1f} s")
        prune(server, cache, KEEP)
    finally:
        server.cnx.close()


def drop_all(args):
    conf = read_conf(args.conf)
    cache = cache_root(conf)
    server = Server(conf)
    server.lock()
    try:
        host = socket.gethostname()
        for name, comment in server.templates().items():
            fields = parse_comment(comment)
            if fields.get("host") == host or "_build_" in name or "key" not in fields:
                say(f"Dropping {name}")
                server.drop(name)
        shutil.rmtree(cache, ignore_errors=True)
    finally:
        server.cnx.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("prepare", help="a copy of the template (built first)")
    make.add_argument("--conf", required=True)
    make.add_argument("--addons-path", required=True)
    make.add_argument("--target", required=True)
    make.add_argument("--data-dir", required=True)
    make.add_argument("--without-demo", action="store_true")
    make.add_argument("--fresh", action="store_true", help="rebuild the template")
    drop = commands.add_parser("drop", help="drop this machine's templates")
    drop.add_argument("--conf", required=True)
    key = commands.add_parser("key", help="print the template key")
    key.add_argument("--without-demo", action="store_true")
    args = parser.parse_args()
    if args.command == "prepare":
        try:
            prepare(args)
        except subprocess.CalledProcessError as error:
            say(f"The install of the template failed (exit status {error.returncode})")
            sys.exit(error.returncode or 1)
    elif args.command == "drop":
        drop_all(args)
    else:
        print(template_key(demo=not args.without_demo))


if __name__ == "__main__":
    main()
