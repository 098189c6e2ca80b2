#!/usr/bin/env bash
# Every bench with its budget, one after the other, on this machine:  bash bench/run-all.sh [bench ...]
#
# Builds the bench once (Release), runs each bench on SQLite and PostgreSQL and ends with one `SUMMARY <bench> <provider>: ...`
# line per bench and provider (PASS or OVER against the budget), headed by the commit and the machine, so that two
# commits can be compared on one machine by their last lines. Each bench's full output is kept under $BENCH_LOGS
# (default: a temp folder, printed).
#
# PostgreSQL: ELDERCARE_BENCH_POSTGRES (or ELDERCARE_TEST_POSTGRES) names a server; when neither is set, a throw-away
# cluster is started on a free loopback port (Debian's postgresql package; as root it runs as the postgres user) and
# removed afterwards. chromium (for `circuits` and `dashboard`): /usr/bin/chromium or ELDERCARE_TEST_CHROMIUM.
#
# Environment: QUICK=1 runs every bench at a small size (a smoke run: the figures are not the budgets' conditions).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

ALL=(search live circuits ingest alarms card dashboard storm)
BENCHES=("$@")
[ "${#BENCHES[@]}" -gt 0 ] || BENCHES=("${ALL[@]}")

declare -A QUICK_ARGS=(
  [search]="--elders 20000"
  [live]="--seconds 5"
  [circuits]="--consoles 10"
  [ingest]="--seconds 3 --batch 20"
  [alarms]="--seconds 5"
  [card]="--cards 2000 --seconds 5"
  [dashboard]="--elders 20000 --alarms 100000 --runs 3 --updates 5"
  [storm]="--elders 20000 --alarms 100000 --seconds 10 --reference-seconds 5"
)

LOGS="${BENCH_LOGS:-$(mktemp -d -t eldercare-bench.XXXXXX)}"
mkdir -p "$LOGS"
PG_TMP=""
PG_BIN=""
cleanup() {
  if [ -n "$PG_TMP" ]; then
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    else "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$PG_TMP"
  fi
}
trap cleanup EXIT

start_postgres() {
  PG_BIN="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "[run-all] no PostgreSQL binaries under /usr/lib/postgresql: the PostgreSQL half of each bench is skipped" >&2
    return 0
  fi
  PG_TMP="$(mktemp -d -t eldercare-bench-pg.XXXXXX)"
  chmod 755 "$PG_TMP"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); chown postgres "$PG_TMP"; fi
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log" 2>&1
  local port=55900
  while bash -c "</dev/tcp/127.0.0.1/$port" >/dev/null 2>&1; do port=$((port + 1)); done
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/pg.log" -w -t 60 \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  export ELDERCARE_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres"
  echo "[run-all] throw-away PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

if [ -z "${ELDERCARE_BENCH_POSTGRES:-}${ELDERCARE_TEST_POSTGRES:-}" ]; then start_postgres; fi

echo "[run-all] dotnet build bench/SmartEldercare.Bench -c Release"
dotnet build bench/SmartEldercare.Bench -c Release -v quiet -nologo >"$LOGS/build.log" 2>&1 || { tail -n 30 "$LOGS/build.log"; exit 1; }
DLL="$ROOT/bench/SmartEldercare.Bench/bin/Release/net10.0/SmartEldercare.Bench.dll"

SUMMARIES=()
FAILED=0
for bench in "${BENCHES[@]}"; do
  args=()
  if [ "${QUICK:-}" = "1" ]; then read -r -a args <<<"${QUICK_ARGS[$bench]:-}"; fi
  echo "[run-all] $bench ${args[*]:-} (log: $LOGS/$bench.log)"
  set +e
  dotnet "$DLL" "$bench" "${args[@]}" 2>&1 | tee "$LOGS/$bench.log"
  rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" -eq 0 ] || FAILED=1
  while IFS= read -r line; do
    SUMMARIES+=("SUMMARY $bench ${line#SUMMARY }")
  done < <(grep '^SUMMARY ' "$LOGS/$bench.log" || true)
  if ! grep -q '^SUMMARY ' "$LOGS/$bench.log"; then SUMMARIES+=("SUMMARY $bench: ERROR (exit code $rc, no summary; see $LOGS/$bench.log)"); fi
done

echo
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo 'cpu ?')${QUICK:+, QUICK=1}"
printf '%s\n' "${SUMMARIES[@]}"
exit "$FAILED"
