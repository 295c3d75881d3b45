#!/usr/bin/env bash
# Starts a PostgreSQL 17 with pgvector for the tests, on hosts without a package for it (Debian 12 has neither):
# a minimal Debian trixie tree made with debootstrap and kept in a cache folder, the server run inside it with chroot.
# Needs root. Running it again while the server runs only prints the URL. The last line is the connection URL.
# SHOEBOX_POSTGRES_PORT (55432) and SHOEBOX_POSTGRES_ROOT (the tree's folder) change where it goes; SHOEBOX_POSTGRES_DATA
# (a folder inside the tree) runs another server of its own beside it, as the worker tests do to restart one.
# Users with their distribution's postgresql + pgvector packages, or the pgvector/pgvector container image, do not need it.
set -euo pipefail

port="${SHOEBOX_POSTGRES_PORT:-55432}"
root="${SHOEBOX_POSTGRES_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/shoebox-ci/postgres-trixie}"
data="${SHOEBOX_POSTGRES_DATA:-/var/lib/postgresql/shoebox-test}"
url="postgres://postgres@127.0.0.1:$port/postgres"
pg_bin=/usr/lib/postgresql/17/bin

fail() { echo "tools/postgres/start.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"

in_root() { chroot "$root" "$@"; }
as_postgres() { chroot "$root" setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

# A tree whose debootstrap did not finish has no marker and is made again.
if [ ! -f "$root/.shoebox-ready" ]; then
  if ! command -v debootstrap >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
      || fail "cannot install debootstrap"
  fi
  rm -rf "$root"
  mkdir -p "$(dirname "$root")"
  echo "Making a Debian trixie tree with PostgreSQL 17 and pgvector in $root (about a minute)..." >&2
  debootstrap --variant=minbase --include=postgresql-17-pgvector trixie "$root" http://deb.debian.org/debian >"$root.log" 2>&1 \
    || fail "debootstrap failed; see $root.log"
  touch "$root/.shoebox-ready"
fi

# The server's unix socket and lock live in /run/postgresql, which a fresh tree lacks (no systemd-tmpfiles there).
mkdir -p "$root/run/postgresql"
in_root chown postgres:postgres /run/postgresql

if as_postgres "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi

if [ ! -f "$root$data/PG_VERSION" ]; then
  mkdir -p "$root$data"
  in_root chown postgres:postgres "$data"
  as_postgres "$pg_bin/initdb" -D "$data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
    || fail "initdb failed"
fi

as_postgres "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || fail "the server did not start (port $port taken? set SHOEBOX_POSTGRES_PORT); its log $root$data/server.log ends:
$(tail -n 3 "$root$data/server.log")"

as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtAc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null \
  || fail "pgvector's extension cannot be created"
echo "$url"
