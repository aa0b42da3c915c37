#!/usr/bin/env bash
# Runs every ConnexDesk test: installs what is missing (as root), checks build hygiene, starts a throwaway
# PostgreSQL, smtp4dev and Dovecot on 127.0.0.1, runs the domain/integration and browser tests, stops what it started, and ends
# with one line: "N passed, N failed" (", N skipped" if any).
# Under CI=true nothing is ever skipped for lack of PostgreSQL or Chromium: a missing piece is a failure.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
RESULTS="$ROOT/test-results"
WORK=$(mktemp -d /tmp/connexdesk-test.XXXXXX)
chmod 755 "$WORK"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PG_CTL=""
PGDATA="$WORK/postgres"
SMTP_PID=""
DOVECOT_DIR="$WORK/dovecot"

say() { printf '==> %s\n' "$*" >&2; }
fail_run() {
  printf 'test.sh: %s\n' "$*" >&2
  echo "0 passed, 1 failed"
  exit 1
}
stop_services() {
  if [ -f "$DOVECOT_DIR/run/master.pid" ]; then
    kill "$(cat "$DOVECOT_DIR/run/master.pid")" 2>/dev/null || true
  fi
  if [ -n "$SMTP_PID" ]; then
    kill "$SMTP_PID" 2>/dev/null || true
    pkill -f "smtp4dev.*--smtpport=$SMTP_PORT" 2>/dev/null || true
  fi
  if [ -n "$PG_CTL" ] && [ -f "$PGDATA/postmaster.pid" ]; then
    as_postgres "$PG_CTL" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap stop_services EXIT
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

# 1. System packages: PostgreSQL server, Dovecot (IMAP), Chromium for the browser tests, fonts for pages and PDFs, poppler for reading PDFs.
missing=()
for package in postgresql dovecot-imapd chromium fonts-liberation poppler-utils; do
  installed "$package" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$WORK/apt.log" 2>&1 \
      || { tail -20 "$WORK/apt.log" >&2; fail_run "could not install ${missing[*]}"; }
  else
    fail_run "missing packages: ${missing[*]}. Install them once with: sudo apt-get install -y ${missing[*]}"
  fi
fi
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$PG_BIN/initdb" ] || fail_run "PostgreSQL server binaries not found under /usr/lib/postgresql"
[ -x /usr/bin/chromium ] || fail_run "Chromium not found at /usr/bin/chromium"
[ -x /usr/sbin/dovecot ] || fail_run "Dovecot not found at /usr/sbin/dovecot"

# 2. .NET tools pinned in .config/dotnet-tools.json, then a build that must have zero warnings.
say "restoring tools and building"
dotnet tool restore >/dev/null || fail_run "dotnet tool restore failed"
dotnet build ConnexDesk.slnx --nologo -v quiet -clp:ErrorsOnly >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail_run "the build failed"; }
say "checking formatting"
dotnet format ConnexDesk.slnx --verify-no-changes --no-restore >"$WORK/format.log" 2>&1 || { tail -30 "$WORK/format.log" >&2; fail_run "dotnet format found unformatted code; run: dotnet format ConnexDesk.slnx"; }

# 3. A throwaway PostgreSQL server on 127.0.0.1, owned by this run.
PG_PORT=$(free_port) || fail_run "no free port for PostgreSQL"
mkdir -p "$PGDATA" "$WORK/socket"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA" "$WORK/socket"
say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
as_postgres "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log" >&2; fail_run "initdb failed"; }
PG_CTL="$PG_BIN/pg_ctl"
as_postgres "$PG_CTL" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $WORK/socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$PGDATA/server.log" >&2; fail_run "PostgreSQL did not start"; }
export CONNEXDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=40"

# 4. A real SMTP server that keeps what it receives and serves it over IMAP (smtp4dev, from the tool manifest).
SMTP_PORT=$(free_port) && IMAP_PORT=$(free_port) && SMTP_WEB_PORT=$(free_port) || fail_run "no free ports for smtp4dev"
say "starting smtp4dev: SMTP 127.0.0.1:$SMTP_PORT, IMAP 127.0.0.1:$IMAP_PORT"
XDG_CONFIG_HOME="$WORK/smtp4dev-config" dotnet smtp4dev --smtpport="$SMTP_PORT" --imapport="$IMAP_PORT" --pop3port="" \
  --urls="http://127.0.0.1:$SMTP_WEB_PORT" --bindaddress=127.0.0.1 --hostname=127.0.0.1 --db="" --nousersettings >"$WORK/smtp4dev.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_PORT") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break
  kill -0 "$SMTP_PID" 2>/dev/null || { tail -20 "$WORK/smtp4dev.log" >&2; fail_run "smtp4dev did not start"; }
  sleep 0.5
done
(exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null || { tail -20 "$WORK/smtp4dev.log" >&2; fail_run "smtp4dev is not listening"; }
export CONNEXDESK_TEST_SMTP="127.0.0.1:$SMTP_PORT" CONNEXDESK_TEST_IMAP="127.0.0.1:$IMAP_PORT"

# 5. A real IMAP server (Dovecot) with one throwaway user whose mail is a Maildir in the work directory.
IMAP_TEST_PORT=$(free_port) || fail_run "no free port for Dovecot"
mkdir -p "$DOVECOT_DIR/run" "$DOVECOT_DIR/state" "$DOVECOT_DIR/home"
if [ "$(id -u)" = 0 ]; then
  # Dovecot refuses to keep mail as root: the throwaway mailbox belongs to nobody; its own services use the package's users.
  chown nobody:nogroup "$DOVECOT_DIR/home"
  mail_user="uid=nobody gid=nogroup"
  service_users=""
  login_chroot=""
else
  mail_user="uid=$(id -u) gid=$(id -g)"
  service_users="default_login_user = $(id -un)
default_internal_user = $(id -un)
default_internal_group = $(id -gn)"
  # Only root may chroot: without root, the login process runs unconfined.
  login_chroot="chroot ="
fi
echo 'desk:{PLAIN}desk-imap-test' >"$DOVECOT_DIR/passwd"
cat >"$DOVECOT_DIR/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
$service_users
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_DIR/passwd
}
userdb {
  driver = static
  args = $mail_user home=$DOVECOT_DIR/home/%u
}
service imap-login {
  $login_chroot
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_TEST_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
say "starting Dovecot: IMAP 127.0.0.1:$IMAP_TEST_PORT"
/usr/sbin/dovecot -c "$DOVECOT_DIR/dovecot.conf" >"$WORK/dovecot-start.log" 2>&1 || { cat "$WORK/dovecot-start.log" >&2; fail_run "Dovecot did not start"; }
for _ in $(seq 1 40); do
  (exec 3<>"/dev/tcp/127.0.0.1/$IMAP_TEST_PORT") 2>/dev/null && break
  sleep 0.25
done
(exec 3<>"/dev/tcp/127.0.0.1/$IMAP_TEST_PORT") 2>/dev/null || { cat "$DOVECOT_DIR/dovecot.log" >&2; fail_run "Dovecot is not listening"; }
export CONNEXDESK_TEST_DOVECOT="127.0.0.1:$IMAP_TEST_PORT"

# 6. The tests. Each project writes a TRX file; the counts below come from those files.
rm -rf "$RESULTS"
mkdir -p "$RESULTS/screenshots"
export CONNEXDESK_SCREENSHOTS="$RESULTS/screenshots"
status=0
for project in ConnexDesk.Tests ConnexDesk.BrowserTests; do
  say "running $project"
  dotnet test "tests/$project/$project.csproj" --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" --blame-hang --blame-hang-timeout 10m || status=1
  [ -f "$RESULTS/$project.trx" ] || { say "$project produced no results"; status=1; }
done

passed=0 failed=0 skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  say "a test run failed without a failing test (crash or hang): see the output above"
fi
if [ "$passed" -eq 0 ]; then
  failed=$((failed + 1))
  say "no test passed"
fi
say "screenshots: $RESULTS/screenshots"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
