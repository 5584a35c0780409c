#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: loopback only, a temporary data directory, run as a
# non-root user, trust authentication for one role. Prints shell `export` lines, so a caller does
#
#     eval "$(.ci/postgres.sh start)"      # exports SINOVIET_PG_DSN, SINOVIET_PG_DATA, SINOVIET_PG_TSEARCH_DATA
#     ...tests...
#     .ci/postgres.sh stop                 # stops the server in $SINOVIET_PG_DATA and deletes the directory
#
# `start` installs Debian's postgresql with apt-get when no server binary is found and we are root;
# `start --no-install` never installs (the test fixture uses it outside CI). Messages go to stderr.
set -euo pipefail

say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local candidate
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/postgres" ] && [ -x "$candidate/initdb" ] && { echo "$candidate"; return 0; }
    done
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/postgres" ]; then
        pg_config --bindir; return 0
    fi
    return 1
}

start() {
    local install=1
    [ "${1:-}" = "--no-install" ] && install=0
    local bindir
    if ! bindir=$(find_bindir); then
        if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            say "installing postgresql with apt-get"
            apt-get update -qq >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
            bindir=$(find_bindir) || { say "postgresql installed but no server binary found"; exit 1; }
        else
            say "no PostgreSQL server binary (postgres, initdb) found"; exit 1
        fi
    fi
    # the server refuses to run as root: use the postgres account Debian's package creates
    local runner=()
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
        runner=(runuser -u postgres --)
    fi
    local data
    data=$(mktemp -d "${TMPDIR:-/tmp}/sinoviet-pg.XXXXXX")
    chmod 700 "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${runner[@]}" "$bindir/initdb" -D "$data/db" -U sinoviet --auth=trust -E UTF8 --locale=C.UTF-8 >&2 \
        || "${runner[@]}" "$bindir/initdb" -D "$data/db" -U sinoviet --auth=trust -E UTF8 --locale=C >&2
    "${runner[@]}" "$bindir/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >&2 \
        || { say "server did not start:"; cat "$data/server.log" >&2 || true; exit 1; }
    local sharedir
    sharedir=$("$bindir/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$(basename "$(dirname "$bindir")")")
    echo "export SINOVIET_PG_DSN='postgresql://sinoviet@127.0.0.1:$port/postgres'"
    echo "export SINOVIET_PG_DATA='$data'"
    echo "export SINOVIET_PG_BINDIR='$bindir'"
    echo "export SINOVIET_PG_TSEARCH_DATA='$sharedir/tsearch_data'"
}

stop() {
    local data="${1:-${SINOVIET_PG_DATA:-}}"
    [ -n "$data" ] && [ -d "$data/db" ] || { say "nothing to stop (no SINOVIET_PG_DATA)"; return 0; }
    local bindir="${SINOVIET_PG_BINDIR:-$(find_bindir)}"
    local runner=()
    [ "$(id -u)" = 0 ] && runner=(runuser -u postgres --)
    "${runner[@]}" "$bindir/pg_ctl" -D "$data/db" -m fast -w stop >&2 || true
    rm -rf "$data"
}

case "${1:-start}" in
    start) shift || true; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) say "usage: postgres.sh start [--no-install] | stop [DATA_DIR]"; exit 2 ;;
esac
