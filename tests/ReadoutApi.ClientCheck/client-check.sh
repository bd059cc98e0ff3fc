#!/usr/bin/env bash
# Reads every collection and one record of each from the running app (a real process on a loopback port) through
# the committed Kiota client, src/ReadoutApi.Client. Exit 0 when every read succeeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-5307}

dotnet build tests/ReadoutApi.ClientCheck -v quiet -nologo
dotnet build src/ReadoutApi -v quiet -nologo

ASPNETCORE_URLS="http://127.0.0.1:$PORT" Seed__Watch=false dotnet src/ReadoutApi/bin/Debug/net10.0/ReadoutApi.dll >/tmp/readoutapi-client-check.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.1; done
dotnet tests/ReadoutApi.ClientCheck/bin/Debug/net10.0/ReadoutApi.ClientCheck.dll "http://127.0.0.1:$PORT"
