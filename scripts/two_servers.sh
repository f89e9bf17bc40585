#!/usr/bin/env bash
# `make two-servers`: the addon on two Odoo servers against one PostgreSQL, with a
# streaming replica for the read-only routes, all on this machine; then a short check
# (scripts/two_servers_check.py) and everything it started stops again.
#
# - A streaming replica of the local PostgreSQL 15 cluster (Debian's pg_createcluster),
#   cluster "wsca_replica" on a free port; kept for the next run (--clean removes it).
#   Needs root or sudo: it creates the replication role wsca_replicator and, if no
#   pg_hba.conf line lets it replicate from 127.0.0.1, appends one; it says so.
# - A copy of the demo test database (as `make load-test`), dropped at the end.
# - Two servers (Odoo's launcher, 2 workers each) on free ports sharing one data_dir
#   (filestore and sessions), db_replica_host/port on the replica, crons on the first.
source "$(dirname "$0")/common.sh"
require_setup

clean=0
[ "${1:-}" != "--clean" ] || clean=1
version=15
cluster=wsca_replica
role=wsca_replicator
role_password=${REPLICATOR_PASSWORD:-wsca-replicator}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres -- "$@"
    fi
}
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo -- "$@"; fi
}
primary_sql() { as_postgres psql -p "$(conf_get db_port)" -d postgres -tAXc "$1"; }

command -v pg_createcluster >/dev/null || die "pg_createcluster is missing (Debian's postgresql-common)."
[ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null || die "Run as root or with sudo (the replica is a PostgreSQL cluster)."
case "$(conf_get db_host)" in
localhost | 127.0.0.1) ;;
*) die "The replica is made of the local cluster: db_host must be localhost." ;;
esac

if [ "$clean" = 1 ]; then
    if pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version $cluster"; then
        say "Removing the replica cluster $version/$cluster"
        as_root pg_dropcluster --stop "$version" "$cluster"
    fi
    if [ "$(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$cluster'")" = 1 ]; then
        say "Dropping the replication slot $cluster on the primary"
        primary_sql "SELECT pg_drop_replication_slot('$cluster')" >/dev/null
    fi
    exit 0
fi

# 1. The replication role and pg_hba.conf line on the primary.
if [ "$(primary_sql "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    say "CHANGED: created the role $role (REPLICATION LOGIN) on the primary"
    primary_sql "CREATE ROLE $role WITH REPLICATION LOGIN PASSWORD '$role_password'" >/dev/null
fi
hba_ok=$(primary_sql "SELECT count(*) FROM pg_hba_file_rules
    WHERE type = 'host' AND 'replication' = ANY(database)
      AND (user_name @> '{all}' OR user_name @> '{$role}')
      AND address = '127.0.0.1' AND netmask = '255.255.255.255'")
if [ "$hba_ok" = 0 ]; then
    hba=$(primary_sql "SHOW hba_file")
    say "CHANGED: appended to $hba: host replication $role 127.0.0.1/32 scram-sha-256"
    printf 'host replication %s 127.0.0.1/32 scram-sha-256  # scripts/two_servers.sh\n' "$role" \
        | as_root tee -a "$hba" >/dev/null
    primary_sql "SELECT pg_reload_conf()" >/dev/null
fi

# 2. The replica: a cluster of its own, filled by pg_basebackup (-R: a standby) through
# the replication slot wsca_replica (WAL the replica has not received yet is kept).
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version $cluster"; then
    port=$(free_port)
    say "CHANGED: created the cluster $version/$cluster on port $port"
    as_root pg_createcluster "$version" "$cluster" --port "$port" >/dev/null
fi
data=$(pg_lsclusters -h | awk -v c="$cluster" '$2 == c {print $6}')
if ! as_root test -f "$data/standby.signal"; then
    as_root pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
    as_root find "$data" -mindepth 1 -delete
    if [ "$(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$cluster'")" = 1 ]; then
        primary_sql "SELECT pg_drop_replication_slot('$cluster')" >/dev/null
    fi
    say "CHANGED: pg_basebackup of the primary into $data (replication slot $cluster)"
    SECONDS=0
    as_postgres pg_basebackup -d "host=localhost port=$(conf_get db_port) user=$role password=$role_password" \
        -D "$data" -R -X stream -C -S "$cluster"
    say "Base backup took $SECONDS s"
fi
replica_port=$(pg_lsclusters -h | awk -v c="$cluster" '$2 == c {print $3}')
as_root pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
replica_sql() { as_postgres psql -p "$replica_port" -d postgres -tAXc "$1"; }
for _i in $(seq 30); do
    [ "$(replica_sql "SELECT pg_is_in_recovery()" 2>/dev/null)" = t ] && break
    sleep 1
done
[ "$(replica_sql "SELECT pg_is_in_recovery()")" = t ] || die "The cluster $version/$cluster is not a standby."
say "Replica $version/$cluster on port $replica_port, streaming from the primary"

# 3. A copy of the demo test database, two servers on it.
work=$(mktemp -d)
db="wsca_two_$(date +%Y%m%d%H%M%S)_$$"
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
    pg dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "$work"
    say "Stopped the servers, dropped $db; the replica $version/$cluster stays (--clean removes it)"
}
trap cleanup EXIT

mkdir -p "$work/addons"
ln -s "$ROOT" "$work/addons/$ADDON"
addons_path="$work/addons,$(odoo_addons_path)"
"$PY" "$ROOT/scripts/test_db.py" prepare --conf "$CONF" --addons-path "$addons_path" \
    --target "$db" --data-dir "$work/data"

launcher="$work/odoo-launcher"
printf '#!%s\nimport odoo.cli\n\nodoo.cli.main()\n' "$PY" >"$launcher"
chmod +x "$launcher"
ports=()
for name in a b; do
    port=$(free_port)
    crons=0
    [ "$name" != a ] || crons=1
    say "Server ${name^^}: port $port, 2 workers, max_cron_threads=$crons, data_dir $work/data"
    "$launcher" -c "$CONF" -d "$db" --db-filter="^$db\$" --addons-path="$addons_path" \
        --data-dir="$work/data" --http-port="$port" --gevent-port="$(free_port)" \
        --db_replica_host=localhost --db_replica_port="$replica_port" \
        --workers=2 --max-cron-threads="$crons" --limit-time-real=600 \
        --limit-memory-soft=1073741824 --limit-memory-hard=1610612736 \
        --logfile="$work/$name.log" --log-level=info &
    servers+=("$!")
    ports+=("$port")
done
for port in "${ports[@]}"; do
    for _i in $(seq 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/web/login" && break
        sleep 1
    done
done

# 4. The check.
"$PY" "$ROOT/scripts/two_servers_check.py" --db "$db" \
    --url-a "http://127.0.0.1:${ports[0]}" --url-b "http://127.0.0.1:${ports[1]}" \
    --log-a "$work/a.log" --log-b "$work/b.log" --data-dir "$work/data" \
    --primary-port "$(conf_get db_port)" --replica-port "$replica_port"
