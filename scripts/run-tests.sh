#!/usr/bin/env bash
# Run the whole suite on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
# pytest's exit code 5 ("no tests collected") is a failure here: a green run must have tested something.
set -uo pipefail
PYTEST="${PYTEST:-.venv/bin/pytest}"

run() {
  local label="$1"; shift
  echo "=== test suite on ${label} ==="
  "$@"
  local rc=$?
  if [[ $rc -eq 5 ]]; then
    echo "pytest collected no tests on ${label}: treating as a failure" >&2
    return 1
  fi
  return $rc
}

start=$(date +%s)
env -u TEST_DATABASE_URL bash -c "$(printf '%q ' "$PYTEST" "$@")" ; rc=$?
[[ $rc -eq 5 ]] && { echo "pytest collected no tests on SQLite" >&2; exit 1; }
(( rc != 0 )) && exit $rc
echo "SQLite run took $(( $(date +%s) - start )) s"

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  start=$(date +%s)
  run "PostgreSQL" "$PYTEST" "$@" || exit $?
  echo "PostgreSQL run took $(( $(date +%s) - start )) s"
fi
