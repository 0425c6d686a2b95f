#!/usr/bin/env bash
# pgha against Patroni, side by side, on loopback (issue 6). Run as root from anywhere:
#   bench/run.sh            full run: 5 repetitions, both profiles, 60 s idle window, 10 s of wrk
#   bench/run.sh --quick    smoke test: 1 repetition of the fast profile, short windows (a few minutes)
# Any other arguments go to the harness (bench/Pgha.Bench/Arguments.cs), e.g. --reps 3 --profiles fast.
# The report (markdown) is written to bench/results/latest.md as runs complete; copy it into BENCHMARKS.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

# What is missing (etcd, PostgreSQL 15, Patroni, wrk, the NativeAOT linker) comes from Debian: apt-get update once,
# then install, with the packaged default services kept from starting.
scripts/install-deps.sh --bench

# The agent as operators run it: the published build.
dotnet publish src/Pgha/Pgha.csproj -c Release -o artifacts/pgha --nologo -v quiet
dotnet build bench/Pgha.Bench -c Release --nologo -v quiet
mkdir -p bench/results
exec dotnet bench/Pgha.Bench/bin/Release/net10.0/Pgha.Bench.dll --pgha artifacts/pgha/pgha --out bench/results/latest.md "$@"
