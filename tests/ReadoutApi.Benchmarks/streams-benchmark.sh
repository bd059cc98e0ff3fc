#!/usr/bin/env bash
# Does a request answer normally while 1,000 change-feed streams are open? Publishes the service, starts it on
# 127.0.0.1:5305 with the shipped limits (8 streams per client, 2,000 per replica; the request rate limit raised so
# the measuring client is not the one limited), and runs ReadoutApi.Benchmarks streams against it.
#   bash tests/ReadoutApi.Benchmarks/streams-benchmark.sh [streams, default 1000] [requests per measurement, default 2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
STREAMS=${1:-1000}
REQUESTS=${2:-2000}
WORK=$(mktemp -d /tmp/readoutapi-streams.XXXXXX)
API=127.0.0.1:5305
if curl -s -o /dev/null "http://$API/health/live"; then echo "something already answers on $API"; exit 1; fi
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Benchmarks -c Release -v quiet -nologo >/dev/null
ulimit -n 20000
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://$API" Seed__Path="$PWD/seed" Seed__Watch=false \
  RateLimiting__PermitLimit=1000000000 dotnet "$WORK/app/ReadoutApi.dll" >"$WORK/api.log" 2>&1 &
PID=$!
until curl -sf "http://$API/health/ready" >/dev/null; do sleep 0.1; done
dotnet tests/ReadoutApi.Benchmarks/bin/Release/net10.0/ReadoutApi.Benchmarks.dll streams "http://$API" "$STREAMS" "$REQUESTS"
echo "resident memory of the service: peak $(( $(awk '/VmHWM/ {print $2}' /proc/$PID/status) / 1024 )) MiB (streams open included), $(( $(awk '/VmRSS/ {print $2}' /proc/$PID/status) / 1024 )) MiB now that they are closed"
