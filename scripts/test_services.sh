#!/usr/bin/env bash
# Run a command (the test suite) with the services its tests need, on any fresh Debian machine:
# installs Debian's chromium and postgresql when missing, starts a throw-away PostgreSQL on loopback,
# exports ONRECORD_TEST_POSTGRES for the tests, and stops and deletes the server when the command ends.
# Usage: scripts/test_services.sh COMMAND [ARGS...]      (make test calls it)
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "test_services: Debian packages missing: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
        exit 2
    fi
    echo "test_services: installing ${missing[*]} from Debian's packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d)
PGPORT=${ONRECORD_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
as_postgres=()
if [[ $(id -u) -eq 0 ]]; then  # initdb refuses to run as root
    chown postgres "$PGDIR"
    as_postgres=(runuser -u postgres --)
fi
"${as_postgres[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off" start >/dev/null
trap '"${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGDIR"' EXIT
export ONRECORD_TEST_POSTGRES="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"
"$@"
