#!/usr/bin/env bash
# Measures mail intake throughput: COUNT messages, one in five with a 1 MB PDF, through
#   1. `mail import` of the folder (process start and the migrations check included), and
#   2. the Maildir of a running desk, default settings (files moved into new/ at once; timed until every one has moved to cur/),
# on a fresh SQLite desk, and on PostgreSQL when CONNEXDESK_BENCH_POSTGRES holds a connection string to a server where
# the script may create databases. Prints messages per second for each.
# Usage: bench/mail-ingest.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000}
WORK=$(mktemp -d /tmp/connexdesk-mailbench.XXXXXX)
DESK_PID=""
cleanup() { [ -n "$DESK_PID" ] && kill "$DESK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
dotnet build -c Release bench/ConnexDesk.Bench -v quiet -clp:ErrorsOnly >/dev/null
# The desk as it is deployed (README, "Deploying"): published for Linux, compiled ahead of time (ReadyToRun).
dotnet publish src/ConnexDesk -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/desk" -v quiet -clp:ErrorsOnly >/dev/null
APP="$WORK/desk/ConnexDesk.dll"
dotnet bench/ConnexDesk.Bench/bin/Release/net10.0/ConnexDesk.Bench.dll write-mail "$WORK/mail" "$COUNT"
echo "mail: $(du -sh "$WORK/mail" | cut -f1) in $COUNT files, $((COUNT / 5)) with a 1 MB PDF; $(nproc) cores"

rate() { awk -v n="$COUNT" -v s="$1" -v e="$2" -v what="$3" 'BEGIN { printf "%-34s %d messages in %.1f s: %.0f messages/s\n", what, n, e - s, n / (e - s) }'; }

import() {
  local name=$1; shift
  env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/import-$name" "$@" dotnet "$APP" migrate >/dev/null
  local start end
  start=$(date +%s.%N)
  env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$WORK/import-$name" "$@" dotnet "$APP" mail import "$WORK/mail" --json >"$WORK/$name.json"
  end=$(date +%s.%N)
  rate "$start" "$end" "$name, mail import (with start-up)"
  grep -q "\"imported\": $COUNT" "$WORK/$name.json" || { echo "not every message was imported:" >&2; cat "$WORK/$name.json" >&2; exit 1; }
}

maildir() {
  local name=$1; shift
  local data="$WORK/maildir-$name" port
  port=$((20000 + RANDOM % 30000))
  mkdir -p "$data/maildir/new" "$data/maildir/cur" "$data/maildir/tmp" "$data/staged"
  cp "$WORK"/mail/*.eml "$data/staged/"
  env DOTNET_ENVIRONMENT=Production Desk__DataDirectory="$data" ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" \
    dotnet "$APP" >"$WORK/desk-$name.log" 2>&1 &
  DESK_PID=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  local start end
  start=$(date +%s.%N)
  # A Maildir delivery is a rename into new/: all of them land at once.
  find "$data/staged" -name '*.eml' -exec mv -t "$data/maildir/new" {} +
  while [ "$(find "$data/maildir/cur" -type f | wc -l)" -lt "$COUNT" ]; do sleep 0.05; done
  end=$(date +%s.%N)
  kill "$DESK_PID"; wait "$DESK_PID" 2>/dev/null || true; DESK_PID=""
  rate "$start" "$end" "$name, Maildir of a running desk"
}

import sqlite
maildir sqlite
if [ -n "${CONNEXDESK_BENCH_POSTGRES:-}" ]; then
  for kind in import maildir; do
    db="connexdesk_bench_${kind}_$$"
    "$kind" postgres Database__Provider=Postgres ConnectionStrings__Desk="$CONNEXDESK_BENCH_POSTGRES;Database=$db"
  done
fi
