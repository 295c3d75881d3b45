#!/usr/bin/env bash
# Wraps the macOS build of shoebox into Shoebox.app, which a double-click starts as `shoebox app`:
#   tools/macos/make-app.sh [osx-arm64|osx-x64] [--from DIR] [--out DIR] [--version X.Y.Z]
# --from: a publish folder (the program and DnnImageModels/); default artifacts/publish/RID, published first
#         (tools/publish.sh RID) when it is not there. --out: where Shoebox.app goes; default artifacts/macos/RID.
# --version: the bundle's version; default the project's (dotnet msbuild -getProperty:Version).
#
# The icon is made from src/Shoebox.Web/wwwroot/icons/icon-512.png: on macOS with sips and iconutil (both part of
# the system) as a full icon set from 16 to 512 px; elsewhere (Linux, for checking the bundle) as an .icns holding
# the 512 px PNG alone, which macOS scales. On macOS the bundle is then signed ad hoc (codesign -s -), which Apple
# silicon requires of any program; it is not signed with a developer identity nor notarized: see the README for how
# to open it the first time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

rid=osx-arm64
from=""
out=""
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    osx-arm64|osx-x64) rid=$1 ;;
    --from) from=$2; shift ;;
    --out) out=$2; shift ;;
    --version) version=$2; shift ;;
    *) echo "make-app.sh: unknown argument '$1' (expected osx-arm64, osx-x64, --from DIR, --out DIR, --version X.Y.Z)" >&2; exit 1 ;;
  esac
  shift
done
if [ -z "$from" ]; then
  from=$root/artifacts/publish/$rid
  [ -x "$from/shoebox" ] || "$root/tools/publish.sh" "$rid"
fi
if [ ! -f "$from/shoebox" ]; then
  echo "make-app.sh: $from holds no shoebox program: publish it first (tools/publish.sh $rid)" >&2
  exit 1
fi
out=${out:-$root/artifacts/macos/$rid}
if [ -z "$version" ]; then
  version=$(dotnet msbuild "$root/src/Shoebox.Cli/Shoebox.Cli.csproj" -getProperty:Version)
fi

app=$out/Shoebox.app
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources/bin"
cp -R "$from"/. "$app/Contents/Resources/bin/"
chmod +x "$app/Contents/Resources/bin/shoebox"
printf 'APPL????' > "$app/Contents/PkgInfo"

# Finder gives the launcher no terminal: what the server says goes to a log the Console app shows.
cat > "$app/Contents/MacOS/Shoebox" <<'LAUNCHER'
#!/bin/sh
here=$(cd "$(dirname "$0")" && pwd)
logs="$HOME/Library/Logs/Shoebox"
mkdir -p "$logs"
exec "$here/../Resources/bin/shoebox" app "$@" >>"$logs/shoebox.log" 2>&1
LAUNCHER
chmod +x "$app/Contents/MacOS/Shoebox"

icon=$root/src/Shoebox.Web/wwwroot/icons/icon-512.png
icns=$app/Contents/Resources/Shoebox.icns
if command -v sips >/dev/null && command -v iconutil >/dev/null; then
  set_dir=$(mktemp -d)/Shoebox.iconset
  mkdir -p "$set_dir"
  for size in 16 32 128 256 512; do
    sips -z $size $size "$icon" --out "$set_dir/icon_${size}x${size}.png" >/dev/null
    [ $size -le 256 ] && sips -z $((size * 2)) $((size * 2)) "$icon" --out "$set_dir/icon_${size}x${size}@2x.png" >/dev/null
  done
  iconutil -c icns "$set_dir" -o "$icns"
  rm -rf "$(dirname "$set_dir")"
else
  # An .icns is 'icns' and its length, then entries of a type, a length and the data; 'ic09' is a 512 px PNG.
  perl -e 'local $/; open my $f, "<:raw", $ARGV[0] or die; my $png = <$f>;
           binmode STDOUT; print "icns", pack("N", 16 + length $png), "ic09", pack("N", 8 + length $png), $png' \
    "$icon" > "$icns"
fi

cat > "$app/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleName</key><string>Shoebox</string>
  <key>CFBundleDisplayName</key><string>Shoebox</string>
  <key>CFBundleIdentifier</key><string>app.shoebox.Shoebox</string>
  <key>CFBundleVersion</key><string>$version</string>
  <key>CFBundleShortVersionString</key><string>$version</string>
  <key>CFBundlePackageType</key><string>APPL</string>
  <key>CFBundleExecutable</key><string>Shoebox</string>
  <key>CFBundleIconFile</key><string>Shoebox</string>
  <key>CFBundleInfoDictionaryVersion</key><string>6.0</string>
  <key>LSApplicationCategoryType</key><string>public.app-category.photography</string>
  <key>NSHighResolutionCapable</key><true/>
</dict>
</plist>
PLIST

if command -v codesign >/dev/null; then
  codesign --force --sign - "$app/Contents/Resources/bin/shoebox"
  codesign --force --sign - "$app"
fi
echo "$app"
