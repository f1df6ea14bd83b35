#!/usr/bin/env bash
# npm test — the whole suite on the configured database:
#   Vitest (unit + database projects), a production build, then Playwright (setup, api, ui)
#   against `next start`. With DATABASE_URL unset everything runs on PGlite (in memory for
#   Vitest, a fresh .data directory for the server); with DATABASE_URL set, each Vitest file
#   and the end-to-end run get their own fresh database on that server.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${DATABASE_URL:-}" ]; then db_kind=PostgreSQL; else db_kind=PGlite; fi
echo "== vitest ($db_kind) =="
npx vitest run

echo "== next build =="
npx next build

E2E_TMP=$(mktemp -d)
cleanup() {
  rm -rf "$E2E_TMP"
  if [ -n "${E2E_DB_NAME:-}" ]; then
    npx tsx scripts/test-db.ts drop "$E2E_DB_NAME" || true
  fi
}
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  E2E_DB_NAME="roster_e2e_$(date +%s)_$$"
  BASE_DATABASE_URL="$DATABASE_URL"
  export DATABASE_URL
  DATABASE_URL=$(npx tsx scripts/test-db.ts create "$E2E_DB_NAME")
  export BASE_DATABASE_URL
else
  export E2E_DATA_DIR="$E2E_TMP/data"
fi

echo "== playwright =="
rm -rf e2e/.auth
npx playwright test "$@"
