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
    dotnet test "$suite" -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" | grep -E '^\s*(Failed|Passed|Skipped) |Error Message|Total tests|Passed!|Failed!' || true
    rc=${PIPESTATUS[0]}
    # The summary line: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
    summary="$(grep -E '(Passed|Failed)! +- Failed:' "$log" | tail -n 1)"
    if [[ -z "$summary" ]]; then
        if grep -q "No test is available" "$log"; then
            echo "   (no tests in $suite)"
        else
            echo "   $suite did not report a summary (exit $rc)"; failed=$((failed + 1)); status=1
        fi
    else
        f=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
        p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
        s=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
        passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    fi
    if [[ $rc -ne 0 ]]; then status=1; fi
    rm -f "$log"
done

echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $failed -ne 0 ]]; then status=1; fi
exit $status
