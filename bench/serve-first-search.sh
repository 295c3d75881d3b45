#!/usr/bin/env bash
# Time from starting `shoebox serve` to its first answered search (the process start, the model, the engine and
# the first query included). Usage: bench/serve-first-search.sh LIBRARY [QUERY] [extra serve options...]
set -euo pipefail
library=${1:?library folder}; query=${2:-cat}; shift $(( $# > 1 ? 2 : 1 ))
shoebox=${SHOEBOX:-src/Shoebox.Cli/bin/Release/net10.0/shoebox}
port=$(( 20000 + RANDOM % 20000 ))
start=$(date +%s.%N)
"$shoebox" serve --library "$library" --urls "http://127.0.0.1:$port" --no-watch --offline "$@" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:$port/api/search?q=$query&limit=50" -o /dev/null; do sleep 0.02; done
end=$(date +%s.%N)
echo "first search answered $(echo "$end - $start" | bc) s after starting shoebox serve"
