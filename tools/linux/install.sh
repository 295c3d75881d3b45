#!/usr/bin/env bash
# Installs the Linux build of shoebox for the current user, with a menu entry that starts `shoebox app`:
#   tools/linux/install.sh [DIR]     DIR: a publish folder, default artifacts/publish/linux-x64 (tools/publish.sh linux-x64)
# The program goes to ~/.local/lib/shoebox (linked from ~/.local/bin/shoebox), the menu entry to
# ~/.local/share/applications (XDG_DATA_HOME) and the icon to the hicolor theme there. Run it again to update.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
from=${1:-$root/artifacts/publish/linux-x64}
if [ ! -x "$from/shoebox" ]; then
  echo "install.sh: $from holds no shoebox program: publish it first (tools/publish.sh linux-x64)" >&2
  exit 1
fi
data=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/shoebox
bin=$HOME/.local/bin

mkdir -p "$lib" "$bin" "$data/applications" "$data/icons/hicolor/512x512/apps" "$data/icons/hicolor/scalable/apps"
rm -rf "$lib.new" && cp -R "$from" "$lib.new" && rm -rf "$lib" && mv "$lib.new" "$lib"
ln -sf "$lib/shoebox" "$bin/shoebox"
cp "$root/src/Shoebox.Web/wwwroot/icons/icon-512.png" "$data/icons/hicolor/512x512/apps/shoebox.png"
cp "$root/src/Shoebox.Web/wwwroot/icons/icon.svg" "$data/icons/hicolor/scalable/apps/shoebox.svg"
# Menus start programs without the login shell's PATH, which may lack ~/.local/bin: the entry names the program in full.
sed "s|^Exec=shoebox |Exec=\"$lib/shoebox\" |" "$root/tools/linux/shoebox.desktop" > "$data/applications/shoebox.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Installed: $bin/shoebox, and Shoebox in the applications menu ($data/applications/shoebox.desktop)."
