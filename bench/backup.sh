#!/usr/bin/env bash
# Measures `backup` and `restore` of a desk holding COUNT imported messages (one in five with a 1 MB PDF, as
# bench/mail-ingest.sh writes them): the time to write the backup file, and to restore it into a fresh desk, each
# with process start included. SQLite always; PostgreSQL too when CONNEXDESK_BENCH_POSTGRES holds a connection string
# to a server where the script may create databases. Checks that the restored desk lists the same cases.
# Usage: bench/backup.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
WORK=$(mktemp -d /tmp/connexdesk-backupbench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
dotnet build -c Release bench/ConnexDesk.Bench -v quiet -clp:ErrorsOnly >/dev/null
dotnet publish src/ConnexDesk -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/desk" -v quiet -clp:ErrorsOnly >/dev/null
APP="$WORK/desk/ConnexDesk.dll"
dotnet bench/ConnexDesk.Bench/bin/Release/net10.0/ConnexDesk.Bench.dll write-mail "$WORK/mail" "$COUNT"
echo "mail: $(du -sh "$WORK/mail" | cut -f1) in $COUNT files, $((COUNT / 5)) with a 1 MB PDF; $(nproc) cores"

timed() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }'; }

run() {
  local name=$1; shift
  local from=(env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/$name-from")
  local to=(env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/$name-to")
  local from_settings=() to_settings=()
  if [ "$name" = postgres ]; then
    from_settings=(Database__Provider=Postgres ConnectionStrings__Desk="$CONNEXDESK_BENCH_POSTGRES;Database=connexdesk_bench_from_$$")
    to_settings=(Database__Provider=Postgres ConnectionStrings__Desk="$CONNEXDESK_BENCH_POSTGRES;Database=connexdesk_bench_to_$$")
  fi
  "${from[@]}" "${from_settings[@]}" dotnet "$APP" mail import "$WORK/mail" >/dev/null
  local written restored size
  written=$(timed "${from[@]}" "${from_settings[@]}" dotnet "$APP" backup "$WORK/$name.zip")
  size=$(du -m "$WORK/$name.zip" | cut -f1)
  restored=$(timed "${to[@]}" "${to_settings[@]}" dotnet "$APP" restore "$WORK/$name.zip")
  diff <("${from[@]}" "${from_settings[@]}" dotnet "$APP" cases list --json) <("${to[@]}" "${to_settings[@]}" dotnet "$APP" cases list --json) >/dev/null \
    || { echo "$name: the restored desk lists other cases" >&2; exit 1; }
  echo "$name: backup of $COUNT cases ($size MB file) in $written s; restore into a fresh desk in $restored s"
}

run sqlite
if [ -n "${CONNEXDESK_BENCH_POSTGRES:-}" ]; then
  run postgres
fi
