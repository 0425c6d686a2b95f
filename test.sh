#!/usr/bin/env bash
# Builds pgha and runs every test suite against real etcd and PostgreSQL on loopback.
# Ends with one line: tests: N passed, N failed, N skipped. Exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

scripts/install-deps.sh --test || exit 1
dotnet restore pgha.slnx --nologo -v quiet || exit 1
if ! dotnet build pgha.slnx -c Release --no-restore --nologo -v quiet; then
    echo "tests: 0 passed, 1 failed, 0 skipped"
    exit 1
fi

passed=0; failed=0; skipped=0; status=0
suites=(tests/Pgha.Core.Tests tests/Pgha.IntegrationTests tests/Pgha.FaultTests)
for suite in "${suites[@]}"; do
    log="$(mktemp)"
    echo "== $suite"
    dotnet test "$suite" -c Release --no-build --nologo --logger "console;verbosity=normal" >"$log" 2>&1
    rc=$?
    # Show failures with their messages, skipped tests, and the summary; passing tests are only counted.
    grep -E -A14 '^\s+Failed [A-Za-z]' "$log" | grep -vE '^\s+Passed ' || true
    grep -E '^\s+Skipped [A-Za-z]|^Total tests|^\s+(Passed|Failed|Skipped): ' "$log" || true
    count() { grep -E "^\s+$1: +[0-9]+" "$log" | tail -n 1 | sed -E 's/[^0-9]*([0-9]+).*/\1/'; }
    if grep -qE '^Total tests: +[0-9]+' "$log"; then
        p=$(count Passed); f=$(count Failed); s=$(count Skipped)
        passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
    elif grep -q "No test is available" "$log"; then
        echo "   (no tests in $suite)"
    else
        tail -n 30 "$log"
        echo "   $suite did not report a summary (exit $rc)"; failed=$((failed + 1)); status=1
    fi
    if [[ $rc -ne 0 ]]; then status=1; fi
    rm -f "$log"
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $failed -ne 0 ]]; then status=1; fi
exit $status
