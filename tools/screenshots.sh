#!/usr/bin/env bash
# Remakes docs/screenshots/ from a running `shoebox serve` with headless Chromium (Debian's chromium package).
# Usage: tools/screenshots.sh BASE_URL QUERY PHOTO_ID   e.g. tools/screenshots.sh http://127.0.0.1:8642 cat 854
set -euo pipefail
base=${1:?base URL}; query=${2:?query}; photo=${3:?photo id}
out=docs/screenshots
mkdir -p "$out"
shot() { # name width height url [extra chromium flags]
  local name=$1 width=$2 height=$3 url=$4; shift 4
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
    --virtual-time-budget=8000 --force-prefers-reduced-motion --screenshot="$out/$name.png" "$@" "$url" 2>/dev/null
}
shot home 1440 900 "$base/"
shot results 1440 900 "$base/search?q=$query"
shot photo 1440 900 "$base/photo/$photo"
# Chromium's dark mode flag makes the page's prefers-color-scheme dark.
shot results-dark 1440 900 "$base/search?q=$query" --force-dark-mode --blink-settings=preferredColorScheme=0
shot photo-dark 1440 900 "$base/photo/$photo" --force-dark-mode --blink-settings=preferredColorScheme=0
shot phone 390 844 "$base/search?q=$query" --force-device-scale-factor=2
