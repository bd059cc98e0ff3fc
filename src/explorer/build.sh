#!/usr/bin/env bash
# Builds the explorer page (/explore) from src/explorer into src/ReadoutApi/wwwroot/explore, which is committed so that
# `dotnet run` serves it on a machine without Node. Run it after changing anything in src/explorer, then commit both.
#   bash src/explorer/build.sh [output folder]
# Installs the pinned packages of package-lock.json (npm ci), then bundles with esbuild (build.mjs). The drift test
# (tests/ReadoutApi.Tests/Explore/ExplorerAssetsDriftTests.cs) runs it into a temporary folder and compares.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(realpath -m "${1:-$here/../ReadoutApi/wwwroot/explore}")"
cd "$here"
npm ci --silent --no-audit --no-fund
node build.mjs "$out"
