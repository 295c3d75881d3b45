#!/usr/bin/env bash
# Stops the server tools/postgres/start.sh started (SHOEBOX_POSTGRES_DATA as there); its data stays for the next start.
set -euo pipefail
root="${SHOEBOX_POSTGRES_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/shoebox-ci/postgres-trixie}"
[ -f "$root/.shoebox-ready" ] || { echo "no PostgreSQL tree in $root: nothing to stop"; exit 0; }
chroot "$root" setpriv --reuid=postgres --regid=postgres --init-groups \
  /usr/lib/postgresql/17/bin/pg_ctl -D "${SHOEBOX_POSTGRES_DATA:-/var/lib/postgresql/shoebox-test}" -m fast stop
