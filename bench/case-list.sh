#!/usr/bin/env bash
# Measures the staff case pages on a desk holding many cases (default 100,000), on SQLite, through the real
# executable over HTTP: seeds with bench/ConnexDesk.Bench, starts the desk in Production on 127.0.0.1, signs in
# as a manager with curl and times each page N times. Prints median and 95th percentile in milliseconds.
# Usage: bench/case-list.sh [CASES] [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-100000}
REQUESTS=${2:-30}
WORK=$(mktemp -d /tmp/connexdesk-bench.XXXXXX)
PORT=$((20000 + RANDOM % 30000))
DESK_PID=""
trap '[ -n "$DESK_PID" ] && kill "$DESK_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export Desk__DataDirectory="$WORK/data" DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production

dotnet build -c Release bench/ConnexDesk.Bench -v quiet -clp:ErrorsOnly >/dev/null
APP=src/ConnexDesk/bin/Release/net10.0
dotnet bench/ConnexDesk.Bench/bin/Release/net10.0/ConnexDesk.Bench.dll seed-cases "$CASES"
printf '%s\n' "benchmark passphrase" | dotnet "$APP/ConnexDesk.dll" user add --email bench@unit.example --name "Bench Manager" --role Manager >/dev/null
(cd "$APP" && exec dotnet ConnexDesk.dll --urls "http://127.0.0.1:$PORT" >"$WORK/desk.log" 2>&1) &
DESK_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

JAR="$WORK/cookies"
TOKEN=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "Input.Email=bench@unit.example" --data-urlencode "Input.Password=benchmark passphrase" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "http://127.0.0.1:$PORT/sign-in"

measure() {
  local name=$1 path=$2
  curl -s -b "$JAR" -o /dev/null "http://127.0.0.1:$PORT$path" # warm-up
  local times
  times=$(for _ in $(seq 1 "$REQUESTS"); do
    curl -s -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT$path"
  done)
  if printf '%s\n' "$times" | grep -qv '^200 '; then echo "$name: non-200 answers" >&2; exit 1; fi
  printf '%s\n' "$times" | awk -v name="$name" '{ print $2 * 1000 }' | sort -n | awk -v name="$name" '
    { v[NR] = $1 } END { printf "%-34s median %7.1f ms   p95 %7.1f ms   (%d requests)\n", name, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], NR }'
}
echo "ConnexDesk case pages, $CASES cases, SQLite, $(nproc) cores"
measure "list, newest first (page 1)" "/cases"
measure "list, page 2000" "/cases?p=2000"
measure "list, stage filter" "/cases?stage=AwaitingFormalRequest"
measure "list, country + sector filter" "/cases?country=KE&sector=Mining"
measure "list, title search" "/cases?q=request%2077777"
measure "list, nearest deadline" "/cases?sort=deadline"
measure "case page" "/cases/$(printf "CNX-2026-%04d" $((CASES / 2)))"
measure "manager's desk" "/desk"
