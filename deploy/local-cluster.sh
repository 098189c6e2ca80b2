#!/usr/bin/env bash
# The production shape on one Linux machine, without containers, from Debian packages, on loopback:
#   PostgreSQL, Redis, two app instances (published Release build), nginx with cookie-hash sticky sessions.
#
#   bash deploy/local-cluster.sh up       # install what is missing (root), build, start everything, smoke check
#   bash deploy/local-cluster.sh status   # what runs, each instance's /health directly and through nginx
#   bash deploy/local-cluster.sh smoke    # the smoke check alone (cluster up)
#   bash deploy/local-cluster.sh down     # stop everything (the state directory stays; `down --purge` removes it)
#   bash deploy/local-cluster.sh start    # start whatever part is down (after a fault), no build, no smoke check
# Faults, for the fault tests (tests/SmartEldercare.EndToEnd/ClusterFaultTests.cs) and for rehearsing by hand:
#   kill-app N (kill -9 app-N) · stop-redis · stop-postgres (fast shutdown) — then `start` brings the part back.
#
# Ports (environment): CLUSTER_PORT nginx (5180), APP1_PORT (5181), APP2_PORT (5182), PG_PORT (55433), REDIS_PORT (56380).
# State: CLUSTER_DIR (/tmp/eldercare-cluster): database, logs (logs/*.log), pid files, nginx.conf, the published app,
#        cluster.env (the ports and paths above, for the fault tests: ELDERCARE_TEST_CLUSTER=<CLUSTER_DIR>).
# Demo data is seeded (the smoke check signs in as the demo accounts): this is a rehearsal, not a production install.
#
# Smoke check: sign in through nginx (the route cookie pins the browser), open the console page, listen for live
# updates on BOTH instances directly (hub clients), raise an SOS through nginx with the device simulator, and see
# alarm.raised arrive on both — whichever instance took the device's request, the other got it through Redis.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${CLUSTER_DIR:-/tmp/eldercare-cluster}"
CLUSTER_PORT="${CLUSTER_PORT:-5180}"
APP1_PORT="${APP1_PORT:-5181}"
APP2_PORT="${APP2_PORT:-5182}"
PG_PORT="${PG_PORT:-55433}"
REDIS_PORT="${REDIS_PORT:-56380}"
PASSWORD='Eldercare#2026'
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

IS_ROOT=0
[ "$(id -u)" -eq 0 ] && IS_ROOT=1

log() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

pg_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && best="$d"; done
  printf '%s' "$best"
}

as_pg() {
  if [ "$IS_ROOT" -eq 1 ]; then (cd "$DIR" && runuser -u postgres -- "$@"); else "$@"; fi
}

install_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$IS_ROOT" -eq 1 ] || die "missing packages (${missing[*]}); run once as root or install them"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q update >"$DIR/apt.log" 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q install -y --no-install-recommends "${missing[@]}" >>"$DIR/apt.log" 2>&1 \
    || { tail -n 20 "$DIR/apt.log" >&2; die "apt-get install failed"; }
  # The package's own nginx service is not ours: ours runs from $DIR on loopback.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now nginx >/dev/null 2>&1 || true; fi
  if [ -f /run/nginx.pid ]; then kill "$(cat /run/nginx.pid)" 2>/dev/null || true; fi
}

nginx_bin() { command -v nginx 2>/dev/null || printf '/usr/sbin/nginx'; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() { # url seconds
  local i
  for i in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

connection_string() { printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=postgres;Database=eldercare;Maximum Pool Size=40' "$PG_PORT"; }

start_postgres() {
  local bin; bin="$(pg_bin)"
  mkdir -p "$DIR/pg" "$DIR/logs" "$DIR/sock"
  chmod 755 "$DIR"
  if [ "$IS_ROOT" -eq 1 ]; then chown postgres "$DIR/pg" "$DIR/sock"; touch "$DIR/logs/postgres.log"; chown postgres "$DIR/logs/postgres.log"; fi
  chmod 700 "$DIR/pg"
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$DIR/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/logs/initdb.log" 2>&1 \
      || as_pg "$bin/initdb" -D "$DIR/pg" -U postgres --auth=trust -E UTF8 --locale=C >>"$DIR/logs/initdb.log" 2>&1 \
      || die "initdb failed (see $DIR/logs/initdb.log)"
  fi
  if ! as_pg "$bin/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$DIR/pg" -l "$DIR/logs/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
      || die "PostgreSQL did not start (see $DIR/logs/postgres.log)"
  fi
  "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres eldercare 2>/dev/null || true
  log "PostgreSQL on 127.0.0.1:$PG_PORT"
}

start_redis() {
  if alive "$DIR/redis.pid"; then return 0; fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/logs/redis.log" --dir "$DIR" >/dev/null
  local i
  for i in $(seq 1 50); do [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
  log "Redis on 127.0.0.1:$REDIS_PORT"
}

publish() {
  if [ -f "$DIR/app/SmartEldercare.Web.dll" ] && [ -z "${REBUILD:-}" ]; then return 0; fi
  log "publishing the app and tools (Release) ..."
  dotnet publish "$ROOT/src/SmartEldercare.Web" -c Release -o "$DIR/app" -nologo -v q >"$DIR/logs/publish.log" 2>&1 \
    || { tail -n 30 "$DIR/logs/publish.log" >&2; die "publish failed"; }
  dotnet publish "$ROOT/tools/SmartEldercare.DeviceSimulator" -c Release -o "$DIR/simulator" -nologo -v q >>"$DIR/logs/publish.log" 2>&1 || die "publish (simulator) failed"
  dotnet publish "$ROOT/tools/SmartEldercare.LiveClient" -c Release -o "$DIR/liveclient" -nologo -v q >>"$DIR/logs/publish.log" 2>&1 || die "publish (live client) failed"
}

kek() { # the key ring's key-encryption key, made once per cluster directory (as a secret store would hold it)
  [ -s "$DIR/kek" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$DIR/kek")
  cat "$DIR/kek"
}

app_env() { # instance-number (0: the one-off commands)
  printf '%s\n' \
    "ASPNETCORE_ENVIRONMENT=Production" \
    "Database__Provider=PostgreSql" \
    "Database__ConnectionString=$(connection_string)" \
    "Database__MigrateOnStartup=false" \
    "Live__Redis=127.0.0.1:$REDIS_PORT,abortConnect=false" \
    "Seed__Demo=false" \
    "Proxy__KnownProxies=127.0.0.1" \
    "Metrics__ScrapeToken=${METRICS_TOKEN:-local-cluster-metrics}" \
    "Security__SignInAttemptsPerMinute=1000" \
    "Emergency__IngestWriters=2" \
    "DataProtection__KeyEncryptionKey=$(kek)"
}

start_app() { # n port
  local n="$1" port="$2"
  if alive "$DIR/app-$n.pid"; then return 0; fi
  local vars; mapfile -t vars < <(app_env "$n")
  # exec all the way down: the recorded pid is the app's, and nothing of this script keeps its output open.
  (cd "$DIR/app" && exec env "${vars[@]}" setsid dotnet SmartEldercare.Web.dll --urls "http://127.0.0.1:$port") \
    >"$DIR/logs/app-$n.log" 2>&1 </dev/null &
  echo $! >"$DIR/app-$n.pid"
  wait_http "http://127.0.0.1:$port/health" 120 || { tail -n 30 "$DIR/logs/app-$n.log" >&2; die "app-$n did not become healthy"; }
  log "app-$n on 127.0.0.1:$port (pid $(cat "$DIR/app-$n.pid"))"
}

migrate() {
  local vars; mapfile -t vars < <(app_env 0)
  log "migrating ..."
  (cd "$DIR/app" && env "${vars[@]}" dotnet SmartEldercare.Web.dll migrate >"$DIR/logs/migrate.log" 2>&1) \
    || { tail -n 30 "$DIR/logs/migrate.log" >&2; die "migrate failed"; }
  # Demo data once, before the instances start (two instances seeding an empty database at once would race).
  if [ ! -f "$DIR/seeded" ]; then
    log "seeding demo data ..."
    (cd "$DIR/app" && env "${vars[@]}" dotnet SmartEldercare.Web.dll seed --elders "${SEED_ELDERS:-600}" >>"$DIR/logs/migrate.log" 2>&1) \
      || { tail -n 30 "$DIR/logs/migrate.log" >&2; die "seed failed"; }
    touch "$DIR/seeded"
  fi
}

write_nginx_conf() {
  mkdir -p "$DIR/nginx"
  cat >"$DIR/nginx.conf" <<EOF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $DIR/logs/nginx-access.log;
  client_body_temp_path $DIR/nginx/body;
  proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi;
  uwsgi_temp_path $DIR/nginx/uwsgi;
  scgi_temp_path $DIR/nginx/scgi;
  map \$cookie_eldercare_route \$eldercare_route { "" \$request_id; default \$cookie_eldercare_route; }
  map \$cookie_eldercare_route \$eldercare_set_route { "" "eldercare_route=\$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  upstream eldercare {
    hash \$eldercare_route consistent;
    server 127.0.0.1:$APP1_PORT max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$APP2_PORT max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$CLUSTER_PORT;
    client_max_body_size 11m;
    proxy_read_timeout 120s;
    add_header Set-Cookie \$eldercare_set_route;
    add_header X-Upstream \$upstream_addr;
    location / {
      proxy_pass http://eldercare;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502 http_503;
    }
    location = /metrics { return 404; }
  }
}
EOF
}

start_nginx() {
  write_nginx_conf
  if alive "$DIR/nginx.pid"; then "$(nginx_bin)" -c "$DIR/nginx.conf" -p "$DIR" -s reload 2>/dev/null; return 0; fi
  "$(nginx_bin)" -c "$DIR/nginx.conf" -p "$DIR" -e "$DIR/logs/nginx-error.log" 2>>"$DIR/logs/nginx-error.log" \
    || "$(nginx_bin)" -c "$DIR/nginx.conf" -p "$DIR" || die "nginx did not start (see $DIR/logs/nginx-error.log)"
  wait_http "http://127.0.0.1:$CLUSTER_PORT/health" 30 || die "nginx does not reach the app"
  log "nginx on http://127.0.0.1:$CLUSTER_PORT/ (sticky: cookie eldercare_route)"
}

stop_pidfile() { # file name
  if alive "$1"; then
    local pid; pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped $2"
  fi
  rm -f "$1"
}

cmd_down() {
  [ -d "$DIR" ] || { log "nothing to stop"; return 0; }
  if alive "$DIR/nginx.pid"; then "$(nginx_bin)" -c "$DIR/nginx.conf" -p "$DIR" -s quit 2>/dev/null || true; sleep 0.5; fi
  stop_pidfile "$DIR/nginx.pid" nginx
  stop_pidfile "$DIR/app-1.pid" app-1
  stop_pidfile "$DIR/app-2.pid" app-2
  if alive "$DIR/redis.pid"; then redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; fi
  stop_pidfile "$DIR/redis.pid" redis
  local bin; bin="$(pg_bin)"
  if [ -n "$bin" ] && [ -f "$DIR/pg/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null && log "stopped PostgreSQL"
  fi
  if [ "${1:-}" = "--purge" ]; then rm -rf "$DIR"; log "removed $DIR"; fi
}

cmd_status() {
  local rc=0 name
  for name in app-1 app-2 nginx redis; do
    if alive "$DIR/$name.pid"; then log "$name: running (pid $(cat "$DIR/$name.pid"))"; else log "$name: DOWN"; rc=1; fi
  done
  local bin; bin="$(pg_bin)"
  if [ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then log "postgres: running"; else log "postgres: DOWN"; rc=1; fi
  for port in "$APP1_PORT" "$APP2_PORT" "$CLUSTER_PORT"; do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health"; then log "http://127.0.0.1:$port/health: healthy"; else log "http://127.0.0.1:$port/health: FAILING"; rc=1; fi
  done
  return "$rc"
}

cmd_smoke() {
  local base="http://127.0.0.1:$CLUSTER_PORT" jar="$DIR/smoke.cookies" out
  rm -f "$jar"
  # 1. Sign in through nginx: a session cookie and the route cookie that pins this browser to one instance.
  out="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H 'Content-Type: application/json' -H 'X-Eldercare-Request: 1' \
    --data "{\"userName\":\"district\",\"password\":\"$PASSWORD\"}" "$base/account/login")"
  [ "$out" = 204 ] || die "smoke: sign-in through nginx answered $out"
  grep -q eldercare_route "$jar" || die "smoke: nginx set no route cookie"
  local pinned first second
  pinned="$(curl -sS -D - -o /dev/null -b "$jar" "$base/" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-upstream"{print $2}')"
  second="$(curl -sS -D - -o /dev/null -b "$jar" "$base/emergency" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-upstream"{print $2}')"
  [ -n "$pinned" ] && [ "$pinned" = "$second" ] || die "smoke: the browser was not kept on one instance ($pinned, $second)"
  out="$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$base/")"
  [ "$out" = 200 ] || die "smoke: the console page answered $out"
  log "smoke: signed in through nginx as district, console open, pinned to $pinned"

  # 2. Hub clients on both instances directly, listening to the district.
  local l1="$DIR/logs/smoke-live-1.log" l2="$DIR/logs/smoke-live-2.log" p1 p2
  dotnet "$DIR/liveclient/SmartEldercare.LiveClient.dll" "http://127.0.0.1:$APP1_PORT" district "$PASSWORD" 120111 >"$l1" 2>&1 </dev/null & p1=$!
  dotnet "$DIR/liveclient/SmartEldercare.LiveClient.dll" "http://127.0.0.1:$APP2_PORT" district "$PASSWORD" 120111 >"$l2" 2>&1 </dev/null & p2=$!
  local i
  for i in $(seq 1 60); do grep -q Listening "$l1" 2>/dev/null && grep -q Listening "$l2" 2>/dev/null && break; sleep 0.5; done
  grep -q Listening "$l1" && grep -q Listening "$l2" || { kill "$p1" "$p2" 2>/dev/null; die "smoke: hub clients did not connect"; }

  # 3. An SOS through nginx, signed by a device the simulator registers.
  (cd "$DIR" && dotnet "$DIR/simulator/SmartEldercare.DeviceSimulator.dll" event --type sos --url "$base" --user village --password "$PASSWORD" \
    --state "$DIR/smoke-devices.json" >"$DIR/logs/smoke-simulator.log" 2>&1) || { kill "$p1" "$p2" 2>/dev/null; cat "$DIR/logs/smoke-simulator.log" >&2; die "smoke: the simulator failed"; }

  # 4. alarm.raised on both instances.
  for i in $(seq 1 40); do grep -q 'alarm.raised' "$l1" && grep -q 'alarm.raised' "$l2" && break; sleep 0.5; done
  kill "$p1" "$p2" 2>/dev/null || true
  grep -q 'alarm.raised' "$l1" || die "smoke: app-1's hub client saw no alarm.raised"
  grep -q 'alarm.raised' "$l2" || die "smoke: app-2's hub client saw no alarm.raised"
  log "smoke: an SOS raised through nginx reached hub clients on both instances — OK"
}

write_env() {
  printf '%s\n' "ROOT=$ROOT" "CLUSTER_DIR=$DIR" "CLUSTER_PORT=$CLUSTER_PORT" "APP1_PORT=$APP1_PORT" "APP2_PORT=$APP2_PORT" \
    "PG_PORT=$PG_PORT" "REDIS_PORT=$REDIS_PORT" >"$DIR/cluster.env"
}

cmd_up() {
  mkdir -p "$DIR/logs"
  install_packages
  start_postgres
  start_redis
  publish
  migrate
  start_app 1 "$APP1_PORT"
  start_app 2 "$APP2_PORT"
  start_nginx
  write_env
  [ -n "${SKIP_SMOKE:-}" ] || cmd_smoke
  log "up: http://127.0.0.1:$CLUSTER_PORT/  (demo accounts, password $PASSWORD)"
}

cmd_start() {
  [ -f "$DIR/app/SmartEldercare.Web.dll" ] || die "no cluster in $DIR: run up first"
  start_postgres
  start_redis
  start_app 1 "$APP1_PORT"
  start_app 2 "$APP2_PORT"
  start_nginx
}

cmd_kill_app() { # n
  alive "$DIR/app-$1.pid" || die "app-$1 is not running"
  kill -9 "$(cat "$DIR/app-$1.pid")"
  rm -f "$DIR/app-$1.pid"
  log "killed app-$1 (SIGKILL)"
}

cmd_stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 50); do alive "$DIR/redis.pid" || break; sleep 0.1; done
  stop_pidfile "$DIR/redis.pid" redis
}

cmd_stop_postgres() {
  as_pg "$(pg_bin)/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null && log "stopped PostgreSQL"
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "${1:-}" ;;
  status) cmd_status ;;
  smoke) cmd_smoke ;;
  start) cmd_start ;;
  kill-app) cmd_kill_app "${2:?kill-app N}" ;;
  stop-redis) cmd_stop_redis ;;
  stop-postgres) cmd_stop_postgres ;;
  *) echo "usage: $0 up | down [--purge] | status | smoke | start | kill-app N | stop-redis | stop-postgres" >&2; exit 2 ;;
esac
