#!/usr/bin/env bash
# Losing a replica loses no request: nginx (deploy/nginx/nginx.conf) in front of two published instances on
# loopback, a bounded load through it, and one instance killed (SIGKILL) in the middle of the run.
#   bash deploy/failover-test.sh [seconds, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
WORK=$(mktemp -d /tmp/readoutapi-failover.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; }
trap cleanup EXIT

need=(); command -v wrk >/dev/null || need+=(wrk); command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi

dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
# One cursor key and one change journal for both, as the scaled compose profile gives them.
KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
for port in 5401 5402; do
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" Seed__Path="$PWD/seed" Seed__Watch=false \
    RateLimiting__PermitLimit=1000000000 Cursor__SigningKey="$KEY" State__Path="$WORK/state/journal.db" dotnet "$WORK/app/ReadoutApi.dll" >"$WORK/api-$port.log" 2>&1 &
  PIDS+=($!)
done
for port in 5401 5402; do until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.1; done; done

echo "== a walk begun on one replica goes on on the other"
NEXT=$(curl -sf "http://127.0.0.1:5401/v1/claims?limit=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["links"]["next"])')
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:5402$NEXT")
echo "   page 2 of a walk begun on :5401, asked of :5402: $STATUS"
[ "$STATUS" = 200 ]

# The repository's nginx config, as is, with the replicas and the listening port mapped to loopback.
mkdir -p "$WORK/nginx/logs"
sed 's/listen 8080;/listen 127.0.0.1:5480;/' deploy/nginx/nginx.conf >"$WORK/nginx/nginx.conf"
sed -i "s|^events|pid $WORK/nginx.pid;\nerror_log $WORK/nginx/error.log;\nevents|" "$WORK/nginx/nginx.conf"
sed -e 's/api-a:8080/127.0.0.1:5401/' -e 's/api-b:8080/127.0.0.1:5402/' deploy/nginx/upstream.conf >"$WORK/nginx/upstream.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
until curl -sf http://127.0.0.1:5480/health/ready >/dev/null; do sleep 0.1; done

echo "== Atom links fetched through nginx carry its host and port; ids do not depend on the host"
# Chosen by Accept (no format=), with a client's own X-Forwarded-Host, which nginx replaces.
curl -sf -H 'Accept: application/atom+xml' -H 'X-Forwarded-Host: evil.example' "http://127.0.0.1:5480/v1/readouts?limit=2" >"$WORK/feed-proxy.xml"
curl -sf "http://127.0.0.1:5402/v1/readouts?limit=2&format=atom" >"$WORK/feed-direct.xml"
python3 - "$WORK" <<'PY'
import sys, urllib.request, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
work = sys.argv[1]
proxy, direct = (ET.parse(f"{work}/feed-{n}.xml").getroot() for n in ("proxy", "direct"))
hrefs = [l.get("href") for l in proxy.iter(A + "link")]
wrong = [h for h in hrefs if not h.startswith("http://127.0.0.1:5480/")]
print(f"   {len(hrefs)} links, {len(wrong)} not on http://127.0.0.1:5480/{': ' + wrong[0] if wrong else ''}")
ids = lambda feed: [e.text for e in feed.iter(A + "id")]
print(f"   ids through nginx and from :5402 directly the same: {ids(proxy) == ids(direct)} ({ids(proxy)[1]})")
rel = {l.get("rel"): l.get("href") for l in proxy.findall(A + "link")}
followed = {r: urllib.request.urlopen(rel[r]).headers.get_content_type() for r in ("self", "next")}
print(f"   self and next followed (no Accept): {followed}")
sys.exit(0 if hrefs and not wrong and ids(proxy) == ids(direct) and all(t == "application/atom+xml" for t in followed.values()) else 1)
PY

echo "== the change feed: a token of one replica is answered by the other; a stream comes through nginx unbuffered"
TOKEN=$(curl -sf "http://127.0.0.1:5401/v1/changes?since=now" | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["next"])')
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:5402/v1/changes?since=$TOKEN")
echo "   a token of :5401 asked of :5402: $STATUS"
[ "$STATUS" = 200 ] || { echo "the replicas do not share the journal"; exit 1; }
# Three small events (well under nginx's buffers) on a stream that does not end: they arrive only if not buffered.
EVENTS=$(curl -sN --max-time 3 "http://127.0.0.1:5480/v1/changes?feed=eventsource&collection=countries" | grep -c '^event: change' || true)
echo "   events of a stream through nginx within 3 s: $EVENTS"
[ "$EVENTS" = 3 ] || { echo "nginx buffered the event stream"; exit 1; }

echo "== the proxy's cluster-wide limit: a client (127.0.0.2) sending 200 requests at once gets 429 problem+json"
seq 1 200 | xargs -P 50 -I{} curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code} %{content_type}\n' \
  "http://127.0.0.1:5480/v1/countries" >"$WORK/burst.txt"
OK=$(grep -c '^200 ' "$WORK/burst.txt" || true)
LIMITED=$(grep -c '^429 application/problem+json' "$WORK/burst.txt" || true)
# A refusal's headers and body: the bucket refills at 10 a second, so ask again until one is refused.
for _ in $(seq 1 50); do
  HEADERS=$(curl -s --interface 127.0.0.2 -D - -o "$WORK/refused.json" "http://127.0.0.1:5480/v1/countries")
  grep -q '^HTTP/1.1 429' <<<"$HEADERS" && break
done
echo "   200: $OK, 429 problem+json: $LIMITED; one more: $(head -1 <<<"$HEADERS" | tr -d '\r')"
[ "$LIMITED" -gt 0 ] && [ "$OK" -ge 100 ] && [ $((OK + LIMITED)) -eq 200 ]
grep -qi '^Retry-After: 1' <<<"$HEADERS"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); assert p["status"] == 429, p' "$WORK/refused.json"
STATUS=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:5480/health/ready")
echo "   /health/ready from the same client meanwhile: $STATUS"
[ "$STATUS" = 200 ]

echo "== ${DURATION}s of load through nginx (wrk -t2 -c32); replica :5401 is killed after $((DURATION / 3))s"
( sleep $((DURATION / 3)); kill -9 "${PIDS[0]}"; echo "   killed the replica on :5401 (SIGKILL) at $(date +%T)" ) &
KILLER=$!
OUT=$(wrk -t2 -c32 -d"${DURATION}s" --latency http://127.0.0.1:5480/v1/readouts)
wait "$KILLER"
echo "$OUT" | grep -E "requests in|Requests/sec|99%|Non-2xx|Socket errors" | sed 's/^/   /'
python3 - "$OUT" <<'PY'
import re, sys
out = sys.argv[1]
sent = int(re.search(r"(\d+) requests in", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
failed = (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
print(f"requests sent: {sent}, failed: {failed}")
sys.exit(0 if failed == 0 else 1)
PY
