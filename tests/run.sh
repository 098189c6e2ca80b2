#!/usr/bin/env bash
# The one test command of the project:  bash tests/run.sh
#
#  1. installs missing Debian packages (postgresql, redis-server, chromium, fonts-wqy-microhei) when root;
#  2. starts a throw-away PostgreSQL cluster and a throw-away Redis on free loopback ports and exports
#       ELDERCARE_TEST_POSTGRES  (Npgsql connection string; tests derive their own database names)
#       ELDERCARE_TEST_REDIS     (host:port)
#       ELDERCARE_TEST_CHROMIUM  (path of the chromium binary)
#       ELDERCARE_TEST_CLUSTER   (state directory of a cluster that deploy/local-cluster.sh brings up after the build,
#                                 on free ports: two app instances, nginx, its own PostgreSQL and Redis; for the
#                                 fault tests in tests/SmartEldercare.EndToEnd/ClusterFaultTests.cs)
#     Tests whose variable is unset skip themselves (outside CI; under CI=true a missing service fails the run);
#  3. builds the solution once (Release), runs every tests/*/*.csproj one after the other, each with a hang limit
#     (HANG_LIMIT, default 5m: when no test starts or ends for that long, the test host is dumped and killed, and the
#     tests then running are named as failed);
#     a test that failed is run once more on its own: if it passes then, it is FLAKY. Under CI a flaky test fails the
#     run (counted as failed, named as FLAKY); locally it is counted as passed and named at the end, to be fixed;
#  4. counts the TRX results, lists the failed tests with their messages, prints `Flaky: N` and, as the very last line:
#       Tests: N passed, N failed, N skipped
#
# Environment:
#   CI=true (or 1)     missing packages / services are hard failures; a flaky test is a failure; SKIP_E2E is refused
#   SKIP_E2E=1         (not under CI) skip test projects whose name ends with "EndToEnd": their tests are listed and
#                      counted as skipped, not left out of the count
#   RETRY_FAILED=0     no second run of failed tests
#   HANG_LIMIT=T       the hang limit, 5m by default (time without a test starting or ending; 90s, 10m, ...)
#   TEST_PROJECT=P     build and run only the test project P, without packages, services or the cluster: for the
#                      runner's own test (tests/SmartEldercare.Tests/Deployment/TestRunnerTests.cs)
#   TEST_RESULTS_DIR   where TRX files go (default: <repo>/TestResults); each project gets its own sub-folder
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

IS_CI=0
case "${CI:-}" in true | TRUE | True | 1) IS_CI=1 ;; esac

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

TMP_ROOT="$(mktemp -d -t eldercare-tests.XXXXXX)"
PG_BIN=""
PG_DATA="$TMP_ROOT/pg"
PG_SOCK="$TMP_ROOT/sock"
PG_LOG="$TMP_ROOT/pg.log"
PG_STARTED=0
REDIS_PIDFILE="$TMP_ROOT/redis.pid"
CLUSTER_ENV=()
FLAKY_FILE="$TMP_ROOT/flaky.txt"
FLAKY=()

log() { printf '[run.sh] %s\n' "$*"; }
warn() { printf '[run.sh] WARNING: %s\n' "$*" >&2; }

summary_and_exit() { # passed failed skipped [flaky]
  printf 'Flaky: %d\n' "${4:-0}"
  printf 'Tests: %d passed, %d failed, %d skipped\n' "$1" "$2" "$3"
  if [ "$2" -gt 0 ]; then exit 1; fi
  exit 0
}

# Under CI a problem with the environment is fatal; locally the dependent tests simply skip.
env_problem() {
  if [ "$IS_CI" -eq 1 ]; then
    printf '[run.sh] ERROR (CI=true): %s\n' "$*" >&2
    summary_and_exit 0 1 0
  fi
  warn "$* -- the tests that need it will be skipped"
}

# shellcheck disable=SC2317  # invoked through the EXIT trap
cleanup() {
  local rc=$?
  set +e
  if [ "${#CLUSTER_ENV[@]}" -gt 0 ]; then
    env "${CLUSTER_ENV[@]}" bash "$ROOT/deploy/local-cluster.sh" down >/dev/null 2>&1
  fi
  if [ "$PG_STARTED" -eq 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1
  fi
  if [ -f "$REDIS_PIDFILE" ]; then
    local pid
    pid="$(cat "$REDIS_PIDFILE" 2>/dev/null)"
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null; fi
    fi
  fi
  rm -rf "$TMP_ROOT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$IS_CI" -eq 1 ] && [ -n "${SKIP_E2E:-}" ] && [ "${SKIP_E2E}" != "0" ]; then
  printf '[run.sh] ERROR (CI=true): SKIP_E2E=%s is refused under CI: CI runs every test.\n' "$SKIP_E2E" >&2
  summary_and_exit 0 1 0
fi
HANG_LIMIT="${HANG_LIMIT:-5m}"

# ---------------------------------------------------------------------------------------------------
# 1. Debian packages
# ---------------------------------------------------------------------------------------------------
find_pg_bin() {
  local d
  PG_BIN=""
  while IFS= read -r d; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PG_BIN="$d"; fi
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
  [ -n "$PG_BIN" ]
}

have_font() { [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || dpkg -s fonts-wqy-microhei >/dev/null 2>&1; }

install_packages() {
  local missing=()
  find_pg_bin || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  have_font || missing+=(fonts-wqy-microhei)
  # The fault tests' cluster (deploy/local-cluster.sh): nginx in front of two app instances.
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ "${#missing[@]}" -eq 0 ] && return 0

  if [ "$IS_ROOT" -ne 1 ] || ! command -v apt-get >/dev/null 2>&1; then
    env_problem "missing packages (${missing[*]}) and cannot install them (needs root and apt-get)"
    return 0
  fi
  log "installing missing packages: ${missing[*]} (log: $TMP_ROOT/apt.log)"
  local apt_opts=(-o DPkg::Lock::Timeout=300 -q)
  if DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >"$TMP_ROOT/apt.log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y "${missing[@]}" >>"$TMP_ROOT/apt.log" 2>&1; then
    log "packages installed"
  else
    tail -n 20 "$TMP_ROOT/apt.log" >&2 || true
    env_problem "apt-get install ${missing[*]} failed"
  fi
}

# ---------------------------------------------------------------------------------------------------
# 2. Services
# ---------------------------------------------------------------------------------------------------
port_in_use() { bash -c "</dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }

free_port() { # first free port at or above $1
  local p="$1" end=$(($1 + 500))
  while [ "$p" -lt "$end" ]; do
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
    p=$((p + 1))
  done
  return 1
}

# initdb/postgres refuse to run as root: run them as the postgres OS user then.
as_pg() {
  if [ "$IS_ROOT" -eq 1 ]; then
    (cd "$TMP_ROOT" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

start_postgres() {
  if ! find_pg_bin; then
    env_problem "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
    return 0
  fi
  if [ "$IS_ROOT" -eq 1 ] && ! id postgres >/dev/null 2>&1; then
    env_problem "running as root but there is no 'postgres' OS user to run PostgreSQL as"
    return 0
  fi
  chmod 755 "$TMP_ROOT"
  mkdir -p "$PG_DATA" "$PG_SOCK"
  touch "$PG_LOG"
  if [ "$IS_ROOT" -eq 1 ]; then chown postgres "$PG_DATA" "$PG_SOCK" "$PG_LOG"; fi
  chmod 700 "$PG_DATA"

  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$TMP_ROOT/initdb.log" 2>&1; then
    find "$PG_DATA" -mindepth 1 -delete 2>/dev/null || true
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C >>"$TMP_ROOT/initdb.log" 2>&1; then
      tail -n 20 "$TMP_ROOT/initdb.log" >&2 || true
      env_problem "initdb failed"
      return 0
    fi
  fi

  local port="" base=55432
  for _ in 1 2 3; do
    port="$(free_port "$base")" || { port=""; break; }
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
      -o "-p $port -k $PG_SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      PG_STARTED=1
      break
    fi
    # Lost a race for the port (or another problem): make sure nothing is left running, try the next port.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    base=$((port + 1))
    port=""
    sleep 1
  done
  if [ "$PG_STARTED" -ne 1 ]; then
    tail -n 20 "$PG_LOG" >&2 || true
    env_problem "PostgreSQL did not start"
    return 0
  fi

  # The base database of the connection string exists too (tests create their own databases from it).
  if [ -x "$PG_BIN/createdb" ]; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres eldercare_test >/dev/null 2>&1 \
      || warn "could not create database eldercare_test"
  fi
  export ELDERCARE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=eldercare_test"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
  else
    local reply
    reply="$(bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$1"'; printf "PING\r\n" >&3; read -r -t 2 line <&3; printf "%s" "$line"' 2>/dev/null)" || return 1
    [ "${reply%$'\r'}" = "+PONG" ]
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    env_problem "redis-server not found"
    return 0
  fi
  local port ok=0
  if ! port="$(free_port 56379)"; then
    env_problem "no free port for Redis"
    return 0
  fi
  if ! redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --pidfile "$REDIS_PIDFILE" --dir "$TMP_ROOT" --logfile "$TMP_ROOT/redis.log" >/dev/null 2>&1; then
    env_problem "redis-server failed to start"
    return 0
  fi
  for _ in $(seq 1 100); do # at most ~10 s
    if redis_ping "$port"; then ok=1; break; fi
    sleep 0.1
  done
  if [ "$ok" -ne 1 ]; then
    tail -n 20 "$TMP_ROOT/redis.log" >&2 || true
    env_problem "Redis on port $port did not answer PING within 10 s"
    return 0
  fi
  export ELDERCARE_TEST_REDIS="127.0.0.1:$port"
  log "Redis on 127.0.0.1:$port"
}

find_chromium() {
  local c=""
  if [ -x /usr/bin/chromium ]; then c=/usr/bin/chromium; else c="$(command -v chromium 2>/dev/null || true)"; fi
  if [ -n "$c" ]; then
    export ELDERCARE_TEST_CHROMIUM="$c"
    log "Chromium at $c"
  else
    env_problem "chromium not found"
  fi
}

# ---------------------------------------------------------------------------------------------------
# 3. TRX counting
# ---------------------------------------------------------------------------------------------------
# Value of attribute $2 in the element text $1, or empty when absent.
xml_attr() { printf '%s\n' "$1" | sed -n "s/.*[[:space:]]$2=\"\([0-9][0-9]*\)\".*/\1/p" | head -n 1; }

# Sums the <Counters> of every TRX file under $1; sets TRX_FILES TRX_PASSED TRX_FAILED TRX_SKIPPED.
count_trx() {
  TRX_FILES=0 TRX_PASSED=0 TRX_FAILED=0 TRX_SKIPPED=0
  local f counters total passed failed error timeout aborted not_executed not_runnable
  [ -d "$1" ] || return 0
  while IFS= read -r -d '' f; do
    counters="$(tr '\r\n' '  ' <"$f" | grep -o '<Counters[^>]*>' | head -n 1 || true)"
    [ -n "$counters" ] || continue
    TRX_FILES=$((TRX_FILES + 1))
    total="$(xml_attr "$counters" total)"
    passed="$(xml_attr "$counters" passed)"
    failed="$(xml_attr "$counters" failed)"
    error="$(xml_attr "$counters" error)"
    timeout="$(xml_attr "$counters" timeout)"
    aborted="$(xml_attr "$counters" aborted)"
    not_executed="$(xml_attr "$counters" notExecuted)"
    not_runnable="$(xml_attr "$counters" notRunnable)"
    failed=$((${failed:-0} + ${error:-0} + ${timeout:-0} + ${aborted:-0}))
    # Microsoft.Testing.Extensions.TrxReport writes passed=; xunit's own TRX (--report-xunit-trx) does not.
    if [ -z "$passed" ]; then
      passed=$((${total:-0} - failed - ${not_executed:-0} - ${not_runnable:-0}))
      if [ "$passed" -lt 0 ]; then passed=0; fi
    fi
    TRX_PASSED=$((TRX_PASSED + passed))
    TRX_FAILED=$((TRX_FAILED + failed))
    TRX_SKIPPED=$((TRX_SKIPPED + ${not_executed:-0} + ${not_runnable:-0}))
  done < <(find "$1" -type f -name '*.trx' -not -path '*.retry/*' -print0)
}

# The failed tests of every TRX file under $1, each with the start of its message and of its stack: printed at the end
# of the run, so that a run's tail (all a CI log may keep) says which tests failed and why.
xml_unescape() { sed -e 's/&#xD;//g; s/&#xA;/\n/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'; }
list_failures() {
  local f name msg stack
  [ -d "$1" ] || return 0
  while IFS= read -r -d '' f; do
    # One record per <UnitTestResult ...> element (TRX files are small enough to flatten).
    while IFS=$'\t' read -r name msg stack; do
      if [ -s "$FLAKY_FILE" ] && grep -Fxq -- "$name" "$FLAKY_FILE"; then continue; fi
      printf '  FAILED %s\n' "$(printf '%s' "$name" | xml_unescape)"
      if [ -n "$msg" ]; then printf '%s' "$msg" | xml_unescape | head -c 700 | head -n 8 | sed 's/^/      /'; echo; fi
      if [ -n "$stack" ]; then printf '%s' "$stack" | xml_unescape | grep -v '^[[:space:]]*$' | head -n 4 | sed 's/^/      /'; fi
    done < <(tr '\r\n\t' '   ' <"$f" | awk 'BEGIN { RS = "<UnitTestResult " }
      NR > 1 {
        # Only the attributes of the element itself: the last record also holds the <ResultSummary outcome=…> of the file.
        head = substr($0, 1, index($0, ">"))
        if (!match(head, /outcome="(Failed|Error|Timeout|Aborted)"/)) next
        name = ""; msg = ""; stack = ""
        if (match(head, /testName="[^"]*"/)) name = substr(head, RSTART + 10, RLENGTH - 11)
        if (match($0, /<Message>[^<]*<\/Message>/)) msg = substr($0, RSTART + 9, RLENGTH - 19)
        if (match($0, /<StackTrace>[^<]*<\/StackTrace>/)) stack = substr($0, RSTART + 12, RLENGTH - 25)
        printf "%s\t%s\t%s\n", name, msg, stack
      }' || true)
  done < <(find "$1" -type f -name '*.trx' -not -path '*.retry/*' -print0)
}

# "testName<TAB>outcome" of every result in the TRX files under $1 (names as the TRX writes them, XML-escaped).
trx_outcomes() {
  local f
  [ -d "$1" ] || return 0
  while IFS= read -r -d '' f; do
    tr '\r\n\t' '   ' <"$f" | awk 'BEGIN { RS = "<UnitTestResult " }
      NR > 1 {
        head = substr($0, 1, index($0, ">"))
        if (!match(head, /testName="[^"]*"/)) next
        name = substr(head, RSTART + 10, RLENGTH - 11)
        if (match(head, /outcome="[A-Za-z]*"/)) print name "\t" substr(head, RSTART + 9, RLENGTH - 10)
      }' || true
  done < <(find "$1" -type f -name '*.trx' -print0)
}

# --report-trx needs Microsoft.Testing.Extensions.TrxReport in the test project; xunit.v3 alone only
# offers its own --report-xunit-trx. Pick by what the build put next to the test assembly.
trx_option() { # $1 = csproj
  local dir name hit
  dir="$(dirname "$1")"
  name="$(basename "$1" .csproj)"
  hit="$(find "$dir/bin" "$ROOT/artifacts/bin/$name" -name 'Microsoft.Testing.Extensions.TrxReport.dll' -print -quit 2>/dev/null || true)"
  if [ -n "$hit" ]; then
    echo "--report-trx"
  else
    echo "--report-xunit-trx"
  fi
}

# ---------------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------------
SLN=""
shopt -s nullglob
PROJECTS=(tests/*/*.csproj)
if [ -n "${TEST_PROJECT:-}" ]; then
  SLN="$TEST_PROJECT"
  PROJECTS=("$TEST_PROJECT")
  SKIP_CLUSTER=1
  log "TEST_PROJECT=$TEST_PROJECT: no packages, services or cluster"
else
  install_packages
  start_postgres
  start_redis
  find_chromium
  for candidate in SmartEldercare.sln SmartEldercare.slnx; do
    if [ -f "$candidate" ]; then SLN="$candidate"; break; fi
  done
  if [ -z "$SLN" ]; then
    printf '[run.sh] ERROR: SmartEldercare.sln not found in %s\n' "$ROOT" >&2
    summary_and_exit 0 1 0
  fi
fi

log "dotnet build $SLN -c Release"
if ! dotnet build "$SLN" -c Release; then
  printf '[run.sh] ERROR: build failed\n' >&2
  summary_and_exit 0 1 0
fi

# The production shape for the fault tests (tests/SmartEldercare.EndToEnd/ClusterFaultTests.cs): PostgreSQL, Redis,
# two published app instances and nginx, on free loopback ports, in the throw-away directory.
start_cluster() {
  local p ports=() at=5280
  for _ in 1 2 3 4; do
    p="$(free_port "$at")" || { env_problem "no free port for the cluster"; return 0; }
    ports+=("$p")
    at=$((p + 1))
  done
  CLUSTER_ENV=("CLUSTER_DIR=$TMP_ROOT/cluster" "CLUSTER_PORT=${ports[0]}" "APP1_PORT=${ports[1]}" "APP2_PORT=${ports[2]}"
    "PG_PORT=$(free_port 55533)" "REDIS_PORT=${ports[3]}")
  log "bringing up the fault tests' cluster (deploy/local-cluster.sh up; log: $TMP_ROOT/cluster.log)"
  if env "${CLUSTER_ENV[@]}" SKIP_SMOKE=1 bash "$ROOT/deploy/local-cluster.sh" up >"$TMP_ROOT/cluster.log" 2>&1; then
    export ELDERCARE_TEST_CLUSTER="$TMP_ROOT/cluster"
    log "cluster up: nginx on 127.0.0.1:${ports[0]}, instances on ${ports[1]} and ${ports[2]}"
  else
    tail -n 30 "$TMP_ROOT/cluster.log" >&2 || true
    env_problem "the cluster did not come up"
  fi
}
if [ "${SKIP_E2E:-}" != "1" ] && [ "${SKIP_CLUSTER:-}" != "1" ]; then
  start_cluster
fi

RESULTS="${TEST_RESULTS_DIR:-$ROOT/TestResults}"
mkdir -p "$RESULTS"

TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0 TOTAL_FLAKY=0
PROJECTS_RUN=0
REPORT=()
HUNG=()

# The tests of a project that is not run are still counted, as skipped: a run that does less says so in its last line.
count_listed_tests() { # csproj -> number of tests discovered
  dotnet test --project "$1" -c Release --no-build --list-tests 2>/dev/null \
    | sed -n 's/^Discovered \([0-9][0-9]*\) tests\.$/\1/p' | tail -n 1
}

# The hang limit's report: the tests that were running when the test host was dumped and killed (one
# "[h:mm:ss] Name" line each, in a .log beside the dump).
hung_tests() { # results directory
  local f
  while IFS= read -r -d '' f; do
    sed -n 's/^\[[0-9:.]*\] //p' "$f"
  done < <(find "$1" -type f -name '*_hang.log' -not -path '*/In/*' -print0 2>/dev/null)
}

for csproj in "${PROJECTS[@]}"; do
  name="$(basename "$csproj" .csproj)"
  if [ "${SKIP_E2E:-}" = "1" ] && [[ "$name" == *EndToEnd ]]; then
    listed="$(count_listed_tests "$csproj")"
    log "SKIP_E2E=1: not running $name (${listed:-?} tests, counted as skipped)"
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + ${listed:-0}))
    REPORT+=("$(printf '  %-45s not run   passed %5d  failed %4d  skipped %4d (SKIP_E2E=1)' "$name" 0 0 "${listed:-0}")")
    continue
  fi
  PROJECTS_RUN=$((PROJECTS_RUN + 1))
  out="$RESULTS/$name"
  rm -rf "$out" "$out.retry"
  mkdir -p "$out"
  report_opt="$(trx_option "$csproj")"
  hang_opts=(--hangdump --hangdump-timeout "$HANG_LIMIT" --hangdump-type Mini)
  log "dotnet test --project $csproj ($report_opt, hang limit $HANG_LIMIT)"
  set +e
  dotnet test --project "$csproj" -c Release --no-build "$report_opt" "${hang_opts[@]}" --results-directory "$out"
  rc=$?
  set -e

  count_trx "$out"
  project_flaky=0

  # A hang: the host was killed, so its TRX (if any) does not hold the tests that hung. Each one is a failure by name.
  mapfile -t hung < <(hung_tests "$out" | sort -u)
  if [ "${#hung[@]}" -gt 0 ]; then
    for h in "${hung[@]}"; do HUNG+=("$name: $h"); done
    TRX_FAILED=$((TRX_FAILED + ${#hung[@]}))
    find "$out" -type f -name '*.dmp' -delete 2>/dev/null || true
  fi

  # A test that failed is run once more, alone with the other failed ones (RETRY_FAILED=0 turns this off). One that
  # passes then is flaky: named at the end of the run; under CI it stays a failure (the rerun removes the very load
  # that makes a race show, so passing alone proves nothing), locally it is counted as passed, to be fixed.
  if [ "${#hung[@]}" -eq 0 ] && [ "$rc" -ne 0 ] && [ "$TRX_FAILED" -gt 0 ] && [ "$TRX_FAILED" -le 10 ] && [ "${RETRY_FAILED:-1}" = "1" ]; then
    mapfile -t failed_names < <(trx_outcomes "$out" | awk -F'\t' '$2 ~ /^(Failed|Error|Timeout|Aborted)$/ { print $1 }' | sort -u)
    filters=()
    while IFS= read -r method; do filters+=(--filter-method "$method"); done \
      < <(printf '%s\n' "${failed_names[@]}" | xml_unescape | sed 's/(.*//' | sort -u)
    if [ "${#filters[@]}" -gt 0 ]; then
      log "running the ${#failed_names[@]} failed test(s) of $name once more"
      set +e
      dotnet test --project "$csproj" -c Release --no-build "$report_opt" "${hang_opts[@]}" --results-directory "$out.retry" "${filters[@]}"
      set -e
      retried="$(trx_outcomes "$out.retry")"
      for failed_name in "${failed_names[@]}"; do
        if printf '%s\n' "$retried" | grep -Fxq -- "$failed_name"$'\tPassed'; then
          FLAKY+=("$(printf '%s' "$failed_name" | xml_unescape)")
          project_flaky=$((project_flaky + 1))
          if [ "$IS_CI" -ne 1 ]; then
            printf '%s\n' "$failed_name" >>"$FLAKY_FILE"
            TRX_FAILED=$((TRX_FAILED - 1))
            TRX_PASSED=$((TRX_PASSED + 1))
          fi
        fi
      done
      # The retry's results are not counted again (its TRX stays apart, next to the project's).
      if [ "$TRX_FAILED" -eq 0 ]; then rc=0; fi
    fi
  fi

  note=""
  if [ "$rc" -ne 0 ] && [ "$TRX_FAILED" -eq 0 ]; then
    if [ "$TRX_FILES" -gt 0 ] && [ "$TRX_PASSED" -eq 0 ] && [ "$TRX_SKIPPED" -gt 0 ]; then
      # Microsoft.Testing.Platform exits 8 ("zero tests ran") when every test was skipped.
      note=" (all tests skipped)"
    else
      TRX_FAILED=1
      note=" (exit code $rc without failed tests in TRX: crash, no tests, or bad arguments)"
    fi
  fi
  if [ "$project_flaky" -gt 0 ]; then note="$note ($project_flaky flaky)"; fi
  if [ "${#hung[@]}" -gt 0 ]; then note="$note (${#hung[@]} hung: killed after $HANG_LIMIT without progress)"; fi
  TOTAL_PASSED=$((TOTAL_PASSED + TRX_PASSED))
  TOTAL_FAILED=$((TOTAL_FAILED + TRX_FAILED))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + TRX_SKIPPED))
  TOTAL_FLAKY=$((TOTAL_FLAKY + project_flaky))
  REPORT+=("$(printf '  %-45s exit %3d  passed %5d  failed %4d  skipped %4d%s' \
    "$name" "$rc" "$TRX_PASSED" "$TRX_FAILED" "$TRX_SKIPPED" "$note")")
done

if [ "$PROJECTS_RUN" -eq 0 ]; then
  printf '[run.sh] ERROR: no test projects found (tests/*/*.csproj)\n' >&2
  summary_and_exit 0 1 0
fi

echo
if [ "${#FLAKY[@]}" -gt 0 ]; then
  if [ "$IS_CI" -eq 1 ]; then
    log "flaky: failed, then passed when run again alone; under CI that is a failure (fix the race, do not rerun):"
  else
    log "flaky: failed, then passed when run again (counted as passed locally; under CI they fail the run; fix them):"
  fi
  printf '  FLAKY %s\n' "${FLAKY[@]}"
fi
if [ "${#HUNG[@]}" -gt 0 ]; then
  log "hung: no test started or ended for $HANG_LIMIT; these were running when the test host was killed:"
  printf '  HUNG %s\n' "${HUNG[@]}"
fi
if [ "$TOTAL_FAILED" -gt 0 ]; then
  log "failed tests:"
  list_failures "$RESULTS"
fi
log "results per project (TRX files under $RESULTS):"
printf '%s\n' "${REPORT[@]}"
summary_and_exit "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED" "$TOTAL_FLAKY"
