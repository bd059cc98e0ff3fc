#!/usr/bin/env bash
# The load benchmark: ReadoutApi (Release, production settings, logging on) against nginx serving the same
# bytes as a static file, measured with wrk in one run on this machine. Loopback only, bounded in time.
#   bash tests/ReadoutApi.Benchmarks/load-benchmark.sh [seconds per endpoint, default 10] [seconds per fairness phase, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
FAIR_SECONDS=${2:-30}
WORK=$(mktemp -d /tmp/readoutapi-bench.XXXXXX)
chmod 755 "$WORK"   # nginx's workers must read the static file
API=127.0.0.1:5301
CORPUS_API=127.0.0.1:5302
FAIR_API=127.0.0.1:5303
NGINX=127.0.0.1:5390
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

need=(); command -v wrk >/dev/null || need+=(wrk); command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

echo "== publishing (Release) and generating the 100k corpus"
dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Corpus -c Release -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet tests/ReadoutApi.Corpus/bin/Release/net10.0/ReadoutApi.Corpus.dll "$WORK/corpus" 100000 100000

# The throughput runs raise the rate limit, and the turns of expensive work, out of the way (32 connections of one
# client measure speed, not fairness); the fairness run keeps every shipped limit.
start_api() { # address, seed folder, log file, [shipped]; sets API_PID. Not run in a subshell, so the trap can stop it.
  if curl -s -o /dev/null "http://$1/"; then echo "something already listens on $1; stop it first" >&2; exit 1; fi
  local limits=(RateLimiting__PermitLimit=1000000000 Load__ExpensiveConcurrency=64 Load__ExpensiveQueue=10000)
  if [ "${4:-}" = shipped ]; then limits=(); fi
  env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://$1" Seed__Path="$2" Seed__Watch=false "${limits[@]}" \
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
run "GET /v1/readouts" "http://$API/v1/readouts"
run "GET /v1/readouts/{id}" "http://$API/v1/readouts/$READOUT"
run "GET /v1/readouts, If-None-Match (304)" "http://$API/v1/readouts" "If-None-Match: $ETAG"
run "GET /v1/claims?place=rafiqui-air-base" "http://$API/v1/claims?place=rafiqui-air-base"
run "GET /v1/timeline?q=intercepted" "http://$API/v1/timeline?q=intercepted"
run "GET /v1/claims?format=csv" "http://$API/v1/claims?format=csv"

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
