#!/usr/bin/env bash
# The command line from a shell, one command of each group: `gu1-kyc sandbox`, then entities,
# validations and webhooks against it. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build -q -p gu1-kyc-cli
bin="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/gu1-kyc"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

config="$(mktemp)"
"$bin" sandbox --port 0 --json > "$config" &
sandbox=$!
trap 'kill -TERM "$sandbox" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$config" ] && break; sleep 0.1; done
export GU1_BASE_URL GU1_API_KEY GU1_WEBHOOK_SECRET
GU1_BASE_URL="$(json '["baseUrl"]' < "$config")"
GU1_API_KEY="$(json '["apiKey"]' < "$config")"
GU1_WEBHOOK_SECRET="$(json '["webhookSecret"]' < "$config")"

entity="$("$bin" --json entities create-person --name "Smoke Test" --country AR | json '["id"]')"
echo "ok   entities create-person"
validation="$("$bin" --json validations create --entity "$entity" | json '["id"]')"
echo "ok   validations create"
[ "$("$bin" --json validations get "$validation" | json '["status"]')" = pending ]
echo "ok   validations get"
"$bin" validations list > /dev/null
echo "ok   validations list"
set +e
"$bin" validations get 00000000-0000-4000-8000-000000000000 2> /dev/null
[ $? -eq 3 ] || { echo "FAIL not found is exit 3"; exit 1; }
set -e
echo "ok   not found exits 3"
body='{"event":"kyc.validation_created","payload":{"id":"'"$validation"'","entityId":"'"$entity"'","status":"pending"}}'
signature="$(printf '%s' "$body" | "$bin" webhooks sign --secret-env GU1_WEBHOOK_SECRET)"
printf '%s' "$body" | "$bin" webhooks verify --secret-env GU1_WEBHOOK_SECRET --signature "$signature" --max-age-secs 0
echo "ok   webhooks sign and verify"
"$bin" trigger approved > /dev/null
echo "ok   trigger approved"
[ "$("$bin" --json events list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" -ge 3 ]
echo "ok   events list"
"$bin" logs tail --no-follow | grep -q approveValidation
echo "ok   logs tail"
out="$(mktemp -d)/export.csv"
today="$(date -u +%F)"; tomorrow="$(date -u -d tomorrow +%F)"
"$bin" export --from "$today" --to "$tomorrow" --out "$out"
[ "$(wc -l < "$out")" -ge 3 ]
echo "ok   export"
cargo xtask contract --base-url "$GU1_BASE_URL" --allow-writes --max-requests 80
echo "ok   cargo xtask contract (clean)"
kill -TERM "$sandbox"
wait "$sandbox"
trap - EXIT
echo "ok   sandbox stopped by SIGTERM"
