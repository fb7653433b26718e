#!/usr/bin/env bash
# Runs the frozen app's self-test the way a release check would: a throw-away folder, no display, and any
# unexpected output on stderr is a failure (qutebrowser's build_release.py does the same).
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/gridledger/gridledger
[ -x "$app" ] || app=dist/gridledger/gridledger.exe
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
err="$home/stderr.txt"
start=$(date +%s.%N)
if ! QT_QPA_PLATFORM=offscreen GRIDLEDGER_HOME="$home" HOME="$home" "$app" --selftest 2>"$err"; then
  echo "smoke: self-test of the frozen app failed:" >&2
  cat "$err" >&2
  exit 1
fi
if [ -s "$err" ]; then
  echo "smoke: the frozen app wrote to stderr:" >&2
  cat "$err" >&2
  exit 1
fi
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "smoke: frozen self-test passed in ${elapsed} s; folder size $(du -sh dist/gridledger | cut -f1)"
