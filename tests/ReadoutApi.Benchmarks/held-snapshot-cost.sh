#!/usr/bin/env bash
# What holding an earlier snapshot for cursor walks costs on the 100k corpus: resident memory after a reload that
# replaces the data a walk is on, with Cursor:HeldSnapshots=0 (released) and =1 (held), in one run. Loopback only.
#   bash tests/ReadoutApi.Benchmarks/held-snapshot-cost.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d /tmp/readoutapi-held.XXXXXX)
API=127.0.0.1:5303
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== publishing (Release) and generating the 100k corpus"
dotnet publish src/ReadoutApi -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/ReadoutApi.Corpus -c Release -v quiet -nologo >/dev/null
dotnet tests/ReadoutApi.Corpus/bin/Release/net10.0/ReadoutApi.Corpus.dll "$WORK/corpus" 100000 100000 >/dev/null

health() { curl -sf "http://$API/health/ready"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
rss() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
version() { health | field 'd["checks"]["snapshot"]["data"]["dataVersion"]'; }
# Waits until the service serves a data version other than $1 (any, if empty) with every record rendered.
wait_rendered() {
  until [ "$(version 2>/dev/null)" != "$1" ] && health 2>/dev/null | grep -q '"rendered":true'; do
    kill -0 "$PID" 2>/dev/null || { tail -5 "$WORK/api-$HELD.log" >&2; exit 1; }
    sleep 0.2
  done
}

for HELD in 0 1; do
  rm -rf "$WORK/seed" && cp -r "$WORK/corpus" "$WORK/seed"
  if curl -s -o /dev/null "http://$API/"; then echo "something already listens on $API; stop it first" >&2; exit 1; fi
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://$API" Seed__Path="$WORK/seed" Seed__Watch=true \
    Cursor__HeldSnapshots=$HELD RateLimiting__PermitLimit=1000000000 dotnet "$WORK/app/ReadoutApi.dll" >"$WORK/api-$HELD.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_rendered ""
  sleep 2
  BEFORE=$(rss "$PID")
  V0=$(version)
  NEXT=$(curl -sf "http://$API/v1/readouts?limit=20" | field 'd["links"]["next"]')

  # An edit to one title: a new data version, loaded and swapped in while the walk is on the old one.
  python3 - "$WORK/seed/readouts.json" <<'PY'
import os, sys
path = sys.argv[1]
original = open(path, encoding="utf-8").read()
text = original.replace('"title":"', '"title":"Edited: ', 1).replace('"title": "', '"title": "Edited: ', 1)
assert text != original, "no title found to edit"
open(path + ".tmp", "w", encoding="utf-8").write(text)
os.replace(path + ".tmp", path)
PY
  wait_rendered "$V0"
  sleep 3
  AFTER=$(rss "$PID")
  HELDV=$(health | field 'len(d["checks"]["snapshot"]["data"]["heldVersions"])')
  PAGE=$(curl -sf -w ' %{time_total}' "http://$API$NEXT")
  SHOWN=$(echo "${PAGE% *}" | field 'd["meta"]["dataVersion"] + (" (crossed a change)" if d["meta"]["crossedChange"] else "")')
  echo "HeldSnapshots=$HELD: resident ${BEFORE} MiB before the reload, ${AFTER} MiB after; snapshots held: $HELDV; the walk's page 2 shows $SHOWN (began on $V0) in ${PAGE##* } s"
  echo "$HELD $BEFORE $AFTER" >>"$WORK/results"
  kill "$PID"; wait "$PID" 2>/dev/null || true
done

python3 - "$WORK/results" <<'PY'
import sys
rows = {int(h): (int(b), int(a)) for h, b, a in (l.split() for l in open(sys.argv[1]))}
print(f"\nholding one earlier snapshot of the 100k corpus costs {rows[1][1] - rows[0][1]} MiB of resident memory "
      f"({rows[1][1]} MiB held against {rows[0][1]} MiB released, after the same reload)")
PY
