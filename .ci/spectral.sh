#!/usr/bin/env bash
# Lints openapi/gu1-kyc.yaml with Spectral's recommended OAS ruleset (.spectral.yaml).
# Fails on errors (warnings are printed but do not fail yet). Installs the pinned Spectral CLI (tools/spectral) on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/spectral"
if [ ! -x "$tools/node_modules/.bin/spectral" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$root"
exec "$tools/node_modules/.bin/spectral" lint --ruleset .spectral.yaml --fail-severity error "${@:-openapi/gu1-kyc.yaml}"
