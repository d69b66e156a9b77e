#!/usr/bin/env bash
# Lints openapi/gu1-kyc.yaml with Redocly's recommended ruleset. Fails on warnings and errors.
# Installs the pinned Redocly CLI (tools/redocly) on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/redocly"
if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$root"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
spec="${1:-openapi/gu1-kyc.yaml}"
redocly="$tools/node_modules/.bin/redocly"
# Readable report first; then the totals, because Redocly exits 0 on warnings.
"$redocly" lint --extends=recommended --max-problems=100 "$spec"
"$redocly" lint --extends=recommended --format=json "$spec" 2>/dev/null | node -e '
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => {
    const { errors, warnings } = JSON.parse(text).totals;
    console.log(`Redocly: ${errors} errors, ${warnings} warnings`);
    process.exit(errors + warnings === 0 ? 0 : 1);
  });'
