#!/usr/bin/env bash
# The load benchmark: ReadoutApi (Release, production settings, logging on) against nginx serving the same
# bytes as a static file, measured with wrk in one run on this machine. Loopback only, bounded in time.
#   bash tests/ReadoutApi.Benchmarks/load-benchmark.sh [seconds per endpoint, default 10] [seconds per fairness phase, default 30]
# Ports: 127.0.0.1:BENCH_PORT_BASE+1..+6 (default 5300, so 5301-5306) for the instances, BENCH_NGINX_PORT (default 5390).
# BENCH_METRICS_ONLY=1 stops after the metrics on/off comparison (no 100k corpus, no fairness run);
# BENCH_METRICS_ROUNDS (default 10: one round alone varies by 20% either way) is how many pairs of runs it alternates.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
FAIR_SECONDS=${2:-30}
WORK=$(mktemp -d /tmp/readoutapi-bench.XXXXXX)
chmod 755 "$WORK"   # nginx's workers must read the static file
BASE=${BENCH_PORT_BASE:-5300}
API=127.0.0.1:$((BASE + 1))
CORPUS_API=127.0.0.1:$((BASE + 2))
FAIR_API=127.0.0.1:$((BASE + 3))
OFF_API=127.0.0.1:$((BASE + 4))     # metrics off: no Metrics:Port, no OTLP, so no meter provider
ON_API=127.0.0.1:$((BASE + 5))      # metrics on
METRICS_PORT=$((BASE + 6))          # /metrics of ON_API
ROUNDS=${BENCH_METRICS_ROUNDS:-10}
NGINX=127.0.0.1:${BENCH_NGINX_PORT:-5390}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

need=(); command -v wrk >/dev/null || need+=(wrk); command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

echo "== publishing (Release) and generating the 100k corpus"
dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Corpus -c Release -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Benchmarks -c Release -v quiet -nologo >/dev/null
[ "${BENCH_METRICS_ONLY:-}" = 1 ] || dotnet tests/ReadoutApi.Corpus/bin/Release/net10.0/ReadoutApi.Corpus.dll "$WORK/corpus" 100000 100000

# The throughput runs raise the rate limit, and the turns of expensive work, out of the way (32 connections of one
# client measure speed, not fairness); the fairness run keeps every shipped limit.
start_api() { # address, seed folder, log file, [shipped], [extra VAR=value...]; sets API_PID. Not run in a subshell, so the trap can stop it.
  if curl -s -o /dev/null "http://$1/"; then echo "something already listens on $1; stop it first" >&2; exit 1; fi
  local limits=(RateLimiting__PermitLimit=1000000000 Load__ExpensiveConcurrency=64 Load__ExpensiveQueue=10000)
  if [ "${4:-}" = shipped ]; then limits=(); fi
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://$1" Seed__Path="$2" Seed__Watch=false "${limits[@]}" "${@:5}" \
    dotnet "$WORK/app/ReadoutApi.dll" >"$3" 2>&1 &
  API_PID=$!
  PIDS+=("$API_PID")
}
wait_ready() { # address -> seconds until /health/ready answers 200
  local t0; t0=$(date +%s.%N)
  until curl -sf "http://$1/health/ready" >/dev/null; do sleep 0.05; done
  echo "$(date +%s.%N) - $t0" | bc
}

echo "== starting ReadoutApi on the seed data, and nginx"
start_api "$API" "$PWD/seed" "$WORK/api.log"
wait_ready "$API" >/dev/null
mkdir -p "$WORK/www"
curl -sf "http://$API/v1/readouts" -o "$WORK/www/readouts.json"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $WORK/nginx-access.log;
  server { listen $NGINX; root $WORK/www; location / { default_type application/json; } }
}
NGINX
nginx -c "$WORK/nginx.conf"

ETAG=$(curl -sI "http://$API/v1/readouts" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
READOUT=$(curl -sf "http://$API/v1/readouts?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
run() { # label, url, [header]; a short unmeasured run first, so the JIT has tiered up
  local out
  if [ $# -ge 3 ]; then wrk -t1 -c32 -d2s -H "$3" "$2" >/dev/null; else wrk -t1 -c32 -d2s "$2" >/dev/null; fi
  if [ $# -ge 3 ]; then out=$(wrk -t1 -c32 -d"${DURATION}s" --latency -H "$3" "$2"); else out=$(wrk -t1 -c32 -d"${DURATION}s" --latency "$2"); fi
  python3 - "$1" "$out" >>"$RESULTS" <<'PY'
import re, sys
label, out = sys.argv[1], sys.argv[2]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    if m is None:
        sys.exit(f"{label}: cannot read the latency '{v}' in wrk's output:\n{out}")
    n = float(m.group(1))
    return {"us": n / 1000, "ms": n, "s": n * 1000, "m": n * 60000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
# Anchored to the start of a line: "65.50%" in the thread statistics is not the 50th percentile.
p50 = ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)); p99 = ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
err = (int(bad.group(1)) if bad else 0) + (sum(int(x) for x in errors.groups()) if errors else 0)
print(f"{label}\t{rps:.0f}\t{p50:.2f}\t{p99:.2f}\t{err}")
PY
}

echo "== wrk -t1 -c32 -d${DURATION}s on each endpoint"
run "nginx: static file of GET /v1/readouts" "http://$NGINX/readouts.json"
if [ "${BENCH_METRICS_ONLY:-}" != 1 ]; then
  run "GET /v1/readouts" "http://$API/v1/readouts"
  run "GET /v1/readouts/{id}" "http://$API/v1/readouts/$READOUT"
  run "GET /v1/readouts, If-None-Match (304)" "http://$API/v1/readouts" "If-None-Match: $ETAG"
  run "GET /v1/claims?place=rafiqui-air-base" "http://$API/v1/claims?place=rafiqui-air-base"
  run "GET /v1/timeline?q=intercepted" "http://$API/v1/timeline?q=intercepted"
  run "GET /v1/claims?format=csv" "http://$API/v1/claims?format=csv"
fi

# The cost of metrics: GET /v1/readouts on two fresh instances of the same build, started and warmed up alike: one
# without a meter provider (no Metrics:Port, no OTLP), one with metrics on and scraped every 2 s (Prometheus's default
# is 15 s). Runs alternate, the order flipped each round, so that the machine's drift falls on both alike. Besides
# throughput, each run gives the server's CPU per request (utime + stime from /proc), which other work on the machine
# disturbs less.
echo "== metrics off and on, GET /v1/readouts, $ROUNDS rounds alternated"
if curl -s -o /dev/null "http://127.0.0.1:$METRICS_PORT/"; then echo "something already listens on port $METRICS_PORT; stop it first" >&2; exit 1; fi
start_api "$OFF_API" "$PWD/seed" "$WORK/off-api.log"
OFF_PID=$API_PID
start_api "$ON_API" "$PWD/seed" "$WORK/on-api.log" "" Metrics__Port="$METRICS_PORT"
ON_PID=$API_PID
wait_ready "$OFF_API" >/dev/null; wait_ready "$ON_API" >/dev/null
wrk -t1 -c32 -d5s "http://$OFF_API/v1/readouts" >/dev/null; wrk -t1 -c32 -d5s "http://$ON_API/v1/readouts" >/dev/null
SCRAPES="$WORK/scrapes.log"
CPU="$WORK/cpu.tsv"
: >"$SCRAPES"; : >"$CPU"
scrape_loop() { while true; do curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "http://127.0.0.1:$METRICS_PORT/metrics" >>"$SCRAPES"; sleep 2; done; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # on|off, round
  local address=$OFF_API pid=$OFF_PID before out
  if [ "$1" = on ]; then address=$ON_API; pid=$ON_PID; scrape_loop & SCRAPER=$!; PIDS+=("$SCRAPER"); fi
  wrk -t1 -c32 -d2s "http://$address/v1/readouts" >/dev/null
  before=$(ticks "$pid")
  out=$(wrk -t1 -c32 -d"${DURATION}s" --latency "http://$address/v1/readouts")
  printf '%s\t%s\t%s\n' "$1" "$(( $(ticks "$pid") - before ))" "$(echo "$out" | awk '/requests in/{print $1}')" >>"$CPU"
  [ "$1" = on ] && { kill "$SCRAPER"; wait "$SCRAPER" 2>/dev/null || true; }
  python3 - "GET /v1/readouts, metrics $1 ($2)" "$out" >>"$RESULTS" <<'PY'
import re, sys
label, out = sys.argv[1], sys.argv[2]
def ms(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s|m)$", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
p50 = ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)); p99 = ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
print(f"{label}\t{rps:.0f}\t{p50:.2f}\t{p99:.2f}\t{(int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)}")
PY
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then measure off "$round"; measure on "$round"; else measure on "$round"; measure off "$round"; fi
done
if grep -qv '^200 ' "$SCRAPES"; then echo "a scrape failed:" >&2; sort "$SCRAPES" | uniq -c >&2; exit 1; fi
METRICS_SUMMARY=$(python3 - "$RESULTS" "$CPU" "$(wc -l <"$SCRAPES")" "$(getconf CLK_TCK)" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
rps = {k: [float(r[1]) for r in rows if f", metrics {k} (" in r[0]] for k in ("off", "on")}
cpu = [l.split("\t") for l in open(sys.argv[2]).read().split("\n") if l]
per_request = {k: 1e6 * sum(int(c[1]) for c in cpu if c[0] == k) / int(sys.argv[4]) / sum(int(c[2]) for c in cpu if c[0] == k) for k in ("off", "on")}
print(f"metrics on / off, GET /v1/readouts, {len(rps['on'])} rounds: throughput {sum(rps['on']) / sum(rps['off']):.3f} "
      f"(rounds: {', '.join(f'{b / a:.3f}' for a, b in zip(rps['off'], rps['on']))}); server CPU per request "
      f"{per_request['off']:.1f} us off, {per_request['on']:.1f} us on ({per_request['on'] / per_request['off']:.3f}); {sys.argv[3]} scrapes, all 200")
PY
)
OFF_RSS_MB=$(( $(ps -o rss= -p "$OFF_PID") / 1024 )); OFF_PEAK_MB=$(awk '/^VmHWM:/{print int($2/1024)}' "/proc/$OFF_PID/status")
ON_RSS_MB=$(( $(ps -o rss= -p "$ON_PID") / 1024 )); ON_PEAK_MB=$(awk '/^VmHWM:/{print int($2/1024)}' "/proc/$ON_PID/status")
SEED_MEMORY="seed data, after the runs: resident $OFF_RSS_MB MiB (peak $OFF_PEAK_MB) metrics off; $ON_RSS_MB MiB (peak $ON_PEAK_MB) metrics on"

if [ "${BENCH_METRICS_ONLY:-}" = 1 ]; then
  python3 - "$RESULTS" <<'PY'
import sys
print(f"| {'endpoint':<48} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx/3xx, errors':>19} |")
for label, rps, p50, p99, err in (l.rstrip("\n").split("\t") for l in open(sys.argv[1])):
    print(f"| {label:<48} | {float(rps):>8.0f} | {float(p50):>7.2f} | {float(p99):>7.2f} | {err:>19} |")
PY
  echo "$METRICS_SUMMARY"; echo "$SEED_MEMORY"
  exit 0
fi
kill "$OFF_PID" "$ON_PID"; wait "$OFF_PID" "$ON_PID" 2>/dev/null || true

echo "== the 100k corpus: start-up, memory, queries"
STARTED=$(date +%s.%N)
start_api "$CORPUS_API" "$WORK/corpus" "$WORK/corpus-api.log"
CPID=$API_PID
until curl -sf "http://$CORPUS_API/health/ready" >/dev/null; do
  kill -0 "$CPID" 2>/dev/null || { echo "the service on the corpus exited:" >&2; tail -5 "$WORK/corpus-api.log" >&2; exit 1; }
  sleep 0.05
done
READY=$(echo "$(date +%s.%N) - $STARTED" | bc)
RSS_MB=$(( $(ps -o rss= -p "$CPID") / 1024 ))
# Ready serves every request; each record's JSON is then rendered behind (first use renders it sooner). Memory counts
# once that is done too.
until curl -sf "http://$CORPUS_API/health/ready" | grep -q '"rendered":true'; do
  kill -0 "$CPID" 2>/dev/null || { echo "the service on the corpus exited:" >&2; tail -5 "$WORK/corpus-api.log" >&2; exit 1; }
  sleep 0.1
done
RENDERED=$(echo "$(date +%s.%N) - $STARTED" | bc)
RSS_RENDERED_MB=$(( $(ps -o rss= -p "$CPID") / 1024 ))
PERSON=$(curl -sf "http://$CORPUS_API/v1/readouts?limit=1&sort=id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["participants"][0]["person"]["id"])')
NEXT="/v1/readouts?limit=20"
for _ in $(seq 1 999); do NEXT=$(curl -sf "http://$CORPUS_API$NEXT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["links"]["next"])'); done
# The machine's speed drifts over minutes: measure the ceiling again, and give the 100k figures as ratios to this one.
run "nginx: the same file, again before the 100k runs" "http://$NGINX/readouts.json"
run "100k: participant + date range, limit 20" "http://$CORPUS_API/v1/readouts?participant=$PERSON&from=2021-01-01&to=2023-12-31&limit=20"
run "100k: q with two words" "http://$CORPUS_API/v1/claims?q=cruise%20intercepted"
run "100k: cursor walk, page 1" "http://$CORPUS_API/v1/readouts?limit=20"
run "100k: cursor walk, page 1000" "http://$CORPUS_API$NEXT"

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(dotnet --version) SDK, $(nginx -v 2>&1 | cut -d/ -f2), wrk -t1 -c32 -d${DURATION}s"
RSS_END_MB=$(( $(ps -o rss= -p "$CPID") / 1024 ))
PEAK_MB=$(awk '/^VmHWM:/{print int($2/1024)}' "/proc/$CPID/status") # the most it was ever resident, loading included
python3 - "$RESULTS" "$READY" "$RSS_MB" "$RENDERED" "$RSS_RENDERED_MB" "$RSS_END_MB" "$PEAK_MB" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
print(f"| {'endpoint':<48} | {'req/s':>8} | {'x nginx':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'non-2xx/3xx, errors':>19} |")
print(f"|{'-'*50}|{'-'*10}|{'-'*9}|{'-'*9}|{'-'*9}|{'-'*21}|")
for label, rps, p50, p99, err in rows:
    if label.startswith("nginx"):
        nginx = float(rps)  # each figure is a ratio to the nginx run just before it
    print(f"| {label:<48} | {float(rps):>8.0f} | {float(rps)/nginx:>7.2f} | {float(p50):>7.2f} | {float(p99):>7.2f} | {err:>19} |")
print(f"\n100k corpus (100,000 readouts + 100,000 claims): start to ready {float(sys.argv[2]):.1f} s, resident memory then {sys.argv[3]} MiB;"
      f"\n  every record rendered {float(sys.argv[4]):.1f} s after start, resident memory then {sys.argv[5]} MiB; after the runs {sys.argv[6]} MiB;"
      f"\n  peak resident memory since start (VmHWM), loading included: {sys.argv[7]} MiB")
PY
echo "$METRICS_SUMMARY"
echo "$SEED_MEMORY"

echo
echo "== fairness on the 100k corpus: the shipped rate limits, victims alone, then beside an attacker (${FAIR_SECONDS}s each)"
kill "$CPID"; wait "$CPID" 2>/dev/null || true
start_api "$FAIR_API" "$WORK/corpus" "$WORK/fair-api.log" shipped
FPID=$API_PID
until curl -sf "http://$FAIR_API/health/ready" | grep -q '"rendered":true'; do
  kill -0 "$FPID" 2>/dev/null || { echo "the service on the corpus exited:" >&2; tail -5 "$WORK/fair-api.log" >&2; exit 1; }
  sleep 0.1
done
dotnet tests/ReadoutApi.Benchmarks/bin/Release/net10.0/ReadoutApi.Benchmarks.dll fairness "http://$FAIR_API" "$FPID" "$FAIR_SECONDS" 600 60 20 3
