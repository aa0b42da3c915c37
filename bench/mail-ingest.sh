#!/usr/bin/env bash
# Measures mail intake throughput through `mail import` (the same pipeline as the Maildir): COUNT messages, one in
# five with a 1 MB PDF, into a fresh SQLite desk, and into PostgreSQL when CONNEXDESK_BENCH_POSTGRES holds a
# connection string to an empty database. Prints messages per second for each.
# Usage: bench/mail-ingest.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
WORK=$(mktemp -d /tmp/connexdesk-mailbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release bench/ConnexDesk.Bench -v quiet -clp:ErrorsOnly >/dev/null
APP=src/ConnexDesk/bin/Release/net10.0/ConnexDesk.dll
dotnet bench/ConnexDesk.Bench/bin/Release/net10.0/ConnexDesk.Bench.dll write-mail "$WORK/mail" "$COUNT"
echo "mail: $(du -sh "$WORK/mail" | cut -f1) in $COUNT files, $((COUNT / 5)) with a 1 MB PDF; $(nproc) cores"

run() {
  local name=$1; shift
  env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/data-$name" "$@" dotnet "$APP" migrate >/dev/null
  local start end
  start=$(date +%s.%N)
  env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/data-$name" "$@" dotnet "$APP" mail import "$WORK/mail" --json >"$WORK/$name.json"
  end=$(date +%s.%N)
  awk -v n="$COUNT" -v s="$start" -v e="$end" -v name="$name" 'BEGIN { printf "%-10s %d messages in %.1f s: %.0f messages/s (process start included)\n", name, n, e - s, n / (e - s) }'
  grep -o '"imported": *[0-9]*' "$WORK/$name.json"
}
run sqlite
if [ -n "${CONNEXDESK_BENCH_POSTGRES:-}" ]; then
  run postgres Database__Provider=Postgres ConnectionStrings__Desk="$CONNEXDESK_BENCH_POSTGRES"
fi
