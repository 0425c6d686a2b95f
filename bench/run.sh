#!/usr/bin/env bash
# pgha against Patroni, side by side, on loopback (issue 6). Run as root from anywhere:
#   bench/run.sh            full run: 5 repetitions, both profiles, 60 s idle window, 10 s of wrk
#   bench/run.sh --quick    smoke test: 1 repetition of the fast profile, short windows (a few minutes)
# Any other arguments go to the harness (bench/Pgha.Bench/Arguments.cs), e.g. --reps 3 --profiles fast.
# The report (markdown) is written to bench/results/latest.md as runs complete; copy it into BENCHMARKS.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need patroni || missing+=(patroni)
need wrk || missing+=(wrk)
need etcd || missing+=(etcd-server)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get install -y "${missing[@]}" >/dev/null
fi

# The agent as operators run it: the published build.
dotnet publish src/Pgha/Pgha.csproj -c Release -o artifacts/pgha --nologo -v quiet
dotnet build bench/Pgha.Bench -c Release --nologo -v quiet
mkdir -p bench/results
exec dotnet bench/Pgha.Bench/bin/Release/net10.0/Pgha.Bench.dll --pgha artifacts/pgha/pgha --out bench/results/latest.md "$@"
