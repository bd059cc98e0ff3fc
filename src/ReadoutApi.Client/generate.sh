#!/usr/bin/env bash
# Regenerates the Kiota client in src/ReadoutApi.Client/Generated from the committed OpenAPI document
# (src/ReadoutApi/openapi/v1.json). Run it after every change to that document, then build and commit both.
#   bash src/ReadoutApi.Client/generate.sh [output folder]
# The drift test (tests/ReadoutApi.Client.Tests) runs it into a temporary folder and compares the result with
# the committed files, so these options are the only place the generation is defined.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-$root/src/ReadoutApi.Client/Generated}")"
cd "$root"

dotnet tool restore >/dev/null
# KIOTA_OFFLINE_ENABLED: no look for a newer Kiota on the internet.
KIOTA_OFFLINE_ENABLED=true dotnet kiota generate \
  --language CSharp \
  --openapi src/ReadoutApi/openapi/v1.json \
  --output "$out" \
  --class-name ReadoutClient \
  --namespace-name ReadoutApi.Client \
  --exclude-backward-compatible \
  --clean-output \
  --log-level Warning
# The log is Kiota's console output again; kiota-lock.json (options, Kiota version, document hash) is kept.
rm -f "$out/.kiota.log"
