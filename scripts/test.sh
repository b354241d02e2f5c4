#!/usr/bin/env bash
# npm test: typecheck, lint, then one node test run over unit, integration (PGlite and PostgreSQL) and browser
# tests, so the run ends with the test runner's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== typecheck (tsc, strict)"
npx tsc --noEmit
echo "== lint (eslint, zero warnings)"
npx eslint --max-warnings 0 .

pg_pid=""
cleanup() { if [ -n "$pg_pid" ]; then kill "$pg_pid" 2>/dev/null || true; wait "$pg_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  url_file=$(mktemp)
  # node itself, not npx: the npx wrapper does not pass SIGTERM on, and the server outlived every run.
  node --import tsx scripts/start-test-postgres.ts >"$url_file" &
  pg_pid=$!
  for _ in $(seq 1 150); do
    if grep -q '^postgres://' "$url_file"; then break; fi
    if ! kill -0 "$pg_pid" 2>/dev/null; then break; fi
    sleep 0.2
  done
  if grep -q '^postgres://' "$url_file"; then
    TEST_DATABASE_URL=$(grep '^postgres://' "$url_file" | head -1)
    export TEST_DATABASE_URL
    echo "== PostgreSQL for the integration tests: $TEST_DATABASE_URL"
  else
    echo "!! PostgreSQL did not start: integration tests run on PGlite only" >&2
  fi
else
  echo "!! PostgreSQL server binaries not found (Debian package postgresql): integration tests run on PGlite only" >&2
fi

echo "== tests"
# Node 20's test runner does not expand globs: list the files here.
mapfile -t files < <(find src test/integration test/browser -name '*.test.ts' 2>/dev/null | sort)
node --import tsx --test --test-reporter=spec --test-concurrency=2 "${files[@]}"
