#!/usr/bin/env bash
# Publishes shoebox as one self-contained program per platform, from the profiles in
# src/Shoebox.Cli/Properties/PublishProfiles (osx-arm64, osx-x64, win-x64, linux-x64):
#   tools/publish.sh                  every profile, into artifacts/publish/RID/ (the program and DnnImageModels/)
#   tools/publish.sh osx-arm64 ...    only those
#   tools/publish.sh --check          what CI runs (tools/test.sh): every profile must publish. It publishes in Debug, so
#                                     that the projects the tests built are reused, into a folder thrown away after.
#                                     A platform whose .NET runtime packs the package source does not serve is skipped,
#                                     saying so; any other failure fails.
set -uo pipefail
cd "$(dirname "$0")/.."

profiles=src/Shoebox.Cli/Properties/PublishProfiles
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  for profile in "$profiles"/*.pubxml; do rids+=("$(basename "$profile" .pubxml)"); done
fi

status=0
for rid in "${rids[@]}"; do
  if [ ! -f "$profiles/$rid.pubxml" ]; then
    echo "tools/publish.sh: there is no profile $rid (the profiles: $(ls "$profiles" | sed -n 's/\.pubxml$//p' | tr '\n' ' '))" >&2
    status=1
    continue
  fi
  started=$SECONDS
  options=(-p:PublishProfile="$rid")
  if $check; then
    out=$(mktemp -d)
    options+=(-c Debug -o "$out")
  else
    out=artifacts/publish/$rid
  fi
  log=$(dotnet publish src/Shoebox.Cli/Shoebox.Cli.csproj "${options[@]}" 2>&1)
  code=$?
  program=$out/shoebox
  [[ $rid == win-* ]] && program=$out/shoebox.exe
  if [ $code -ne 0 ] && grep -qE 'NU110[123].*Microsoft\.(NETCore|AspNetCore)\.App\.(Runtime|Host)' <<<"$log"; then
    echo "publish $rid: skipped, the package source does not serve its .NET runtime packs:"
    grep -E 'NU110[123]' <<<"$log" | sort -u | head -n 3
  elif [ $code -ne 0 ] || [ ! -s "$program" ] || [ ! -d "$out/DnnImageModels" ]; then
    echo "$log"
    echo "publish $rid: FAILED (exit code $code; program $program)" >&2
    status=1
  else
    echo "publish $rid: $(du -m "$program" | cut -f1) MB program, $((SECONDS - started)) s$($check || echo ", in $out")"
  fi
  if $check; then rm -rf "$out"; fi
done
exit $status
