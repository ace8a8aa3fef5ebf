#!/usr/bin/env bash
# Prints how long the assembled distribution takes from launch until GET /health answers 200, the resident memory
# once idle, and how long a SIGTERM takes to stop it. A figure to compare between changes, not a test.
#
#   bench/startup.sh [distribution folder] [runs]     (default: distribution/target/chariot, 3 runs)
#
# Each run starts from a fresh copy (empty data/, so the database is created, as on a first start) on a free port.
set -euo pipefail
dist=${1:-$(dirname "$0")/../distribution/target/chariot}
runs=${2:-3}
idle_seconds=${IDLE_SECONDS:-10}
[ -x "$dist/bin/chariot" ] || { echo "no distribution at $dist: build it first (mvn -B -DskipTests package)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 2; }

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

printf '%-4s %14s %16s %12s\n' run "health 200 ms" "idle RSS MiB" "stop ms"
for run in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  cp -r "$dist" "$work/chariot"
  port=$(free_port)
  start=$(now_ms)
  CHARIOT_HTTP_PORT=$port CHARIOT_PUBLIC_URL=http://127.0.0.1:$port "$work/chariot/bin/chariot" >"$work/out.log" 2>&1 </dev/null &
  pid=$!
  up=""
  for _ in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" = 200 ]; then
      up=$(( $(now_ms) - start )); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$up" ] || { echo "run $run: /health never answered 200; see $work/out.log" >&2; kill "$pid" 2>/dev/null; exit 1; }
  sleep "$idle_seconds"
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  stop_start=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || true
  stopped=$(( $(now_ms) - stop_start ))
  printf '%-4s %14s %16s %12s\n' "$run" "$up" "$(( rss_kb / 1024 ))" "$stopped"
  rm -rf "$work"
done
echo "($(nproc) cores; JVM options: ${CHARIOT_JAVA_OPTS:--Xmx1g}; idle ${idle_seconds} s before reading RSS)"
