#!/usr/bin/env bash
# Run the whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
# pytest's exit code 5 ("no tests collected") is a failure here: a green run must have tested something.
set -uo pipefail
PYTEST="${PYTEST:-.venv/bin/pytest}"

run() {
  local label="$1"; shift
  echo "=== test suite on ${label} ==="
  local start rc
  start=$(date +%s)
  "$@"
  rc=$?
  echo "=== ${label}: pytest exit code ${rc}, $(( $(date +%s) - start )) s ==="
  if [[ $rc -eq 5 ]]; then
    echo "pytest collected no tests on ${label}: treating as a failure" >&2
    return 1
  fi
  return $rc
}

run "SQLite" env -u TEST_DATABASE_URL "$PYTEST" "$@" || exit $?
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  run "PostgreSQL" "$PYTEST" "$@" || exit $?
fi
