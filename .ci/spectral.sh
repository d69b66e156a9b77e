#!/usr/bin/env bash
# Lints openapi/gu1-kyc.yaml with Spectral's recommended OAS ruleset (.spectral.yaml).
# Fails on warnings and errors. Installs the pinned Spectral CLI (tools/spectral) on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/spectral"
if [ ! -x "$tools/node_modules/.bin/spectral" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$root"
exec "$tools/node_modules/.bin/spectral" lint --ruleset .spectral.yaml --fail-severity warn "${@:-openapi/gu1-kyc.yaml}"
