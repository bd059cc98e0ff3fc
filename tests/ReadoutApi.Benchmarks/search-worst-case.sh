#!/usr/bin/env bash
# The worst searches (`q`) on the 100k corpus: the time of each of a set of costly queries (5 runs, sorted), then
# resident memory after 32 of the worst at once (xargs -P32). Loopback only.
#   bash tests/ReadoutApi.Benchmarks/search-worst-case.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d /tmp/readoutapi-search.XXXXXX)
API=127.0.0.1:5304
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== publishing (Release) and generating the 100k corpus"
dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Corpus -c Release -v quiet -nologo >/dev/null
dotnet tests/ReadoutApi.Corpus/bin/Release/net10.0/ReadoutApi.Corpus.dll "$WORK/corpus" 100000 100000 >/dev/null

if curl -s -o /dev/null "http://$API/"; then echo "something already listens on $API; stop it first" >&2; exit 1; fi
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://$API" Seed__Path="$WORK/corpus" Seed__Watch=false \
  RateLimiting__PermitLimit=1000000000 dotnet "$WORK/app/ReadoutApi.dll" >"$WORK/api.log" 2>&1 &
PID=$!
until curl -sf "http://$API/health/ready" 2>/dev/null | grep -q '"rendered":true'; do
  kill -0 "$PID" 2>/dev/null || { tail -5 "$WORK/api.log" >&2; exit 1; }
  sleep 0.5
done
sleep 3
rss() { echo $(( $(ps -o rss= -p "$PID") / 1024 )); }
peak() { echo $(( $(awk '/VmHWM/{print $2}' "/proc/$PID/status") / 1024 )); }
echo "ready and rendered: resident $(rss) MiB"
echo 5 >"/proc/$PID/clear_refs" # the peak (VmHWM) counts from here

W36=$(echo {a..z} {0..9} | sed 's/ /%20/g')
W8="a%20c%20s%20b%20m%20d%20i%20p" # the eight letters whose one-letter search is slowest
for q in "timeline?q=$W36" "timeline?q=a%20b%20c%20d%20e%20f%20g%20h%20i" "timeline?q=a%20b%20c%20d%20e%20f%20g%20h" \
  "timeline?q=$W8" "readouts?q=$W8" "claims?q=$W8" "timeline?q=a" "claims?q=a" "readouts?q=s" \
  "claims?q=%E4%B8%AD" "claims?q=%F0%A0%80%80"; do
  times=$(for _ in 1 2 3 4 5; do curl -s -o "$WORK/body" -w '%{time_total}\n' "http://$API/v1/$q"; done | sort -n | tr '\n' ' ')
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "http://$API/v1/$q")
  echo "$code $q: $times s"
done
echo "resident $(rss) MiB, peak $(peak) MiB"
for q in "timeline?q=$W36" "timeline?q=$W8"; do
  slowest=$(seq 32 | xargs -P32 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://$API/v1/$q" | sort -k2 -n | tail -1)
  echo "32 at once of $q: slowest ${slowest#* } s (${slowest%% *}); resident then $(rss) MiB, peak $(peak) MiB"
done
