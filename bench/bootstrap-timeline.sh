#!/usr/bin/env bash
# Bootstrap timeline of one pgha or Patroni cluster kept by `bench/run.sh ... --bootstrap-only --keep-logs`: milliseconds from
# "agents started" (the bench's own line) to each step in the three agent logs and the replicas' PostgreSQL logs.
#   bench/bootstrap-timeline.sh <bench output file> [n-th cluster, default 1]
set -euo pipefail
line="$(grep 'agents started' "$1" | sed -n "${2:-1}p")"
root="$(sed 's/.*logs under \(.*\))/\1/' <<<"$line")"
start="$(sed 's/.*agents started \([0-9:.]*\),.*/\1/' <<<"$line")"
end="$(sed 's/.*streaming \([0-9:.]*\) .*/\1/' <<<"$line")"
ms() { awk -v t="$1" -v s="$start" 'function f(x, a) { split(x, a, ":"); return (a[1] * 3600 + a[2] * 60 + a[3]) * 1000 }
  BEGIN { printf "%6d", f(t) - f(s) }'; }
first() { # node, pattern: time (HH:MM:SS.fff) of the first agent log line matching
  # pgha logs to its stdout (agent.out) and log.dir; Patroni, given log.dir, only there.
  cat "$root/$1/agent.out" "$root/$1/log/patroni.log" 2>/dev/null | grep -m1 -E "$2" | awk '{ sub(",", ".", $2); print $2 }'; }
for node in n1 n2 n3; do
  for step in "pgha agent .* starting" "trying to bootstrap a new cluster" "claimed the initialize key" "bootstrap: running initdb" "bootstrap: initdb done" \
      "bootstrap: PostgreSQL started" "bootstrap: replication and rewind roles" "initialized a new cluster" "took the leader key" \
      "trying to bootstrap from leader" "clone: pg_basebackup from .* started" "clone: pg_basebackup from .* done" \
      "creating replica finished" "PostgreSQL started as Replica" \
      "postmaster pid=" "running post_bootstrap" "Lock owner: .*; I am" "acquired session lock as a leader" \
      "replica has been created using basebackup" "bootstrapped from leader"; do
    t="$(first "$node" "$step" || true)"
    if [ -n "$t" ]; then echo "$(ms "$t") ms  $node  $step"; fi
  done
  # pgha's pg_ctl -l file (beside the data directory, never copied): the postmaster's first line, before its log collector.
  t="$(head -n1 "$root/$node/data.run/postmaster.log" 2>/dev/null | awk '{ print $2 }' || true)"
  if [ -n "$t" ]; then echo "$(ms "$t") ms  $node  PostgreSQL: postmaster's first log line"; fi
  # A replica's log directory starts as a copy of the leader's: only lines a replica writes are unique to it.
  for step in "database system is ready to accept connections" "database system was interrupted" "entering standby mode" "ready to accept read-only" "started streaming WAL"; do
    t="$(grep -h -m1 "$step" "$root/$node"/data/log/*.log 2>/dev/null | awk '{ print $2 }' || true)"
    if [ -n "$t" ] && { [ "$step" != "database system is ready to accept connections" ] || grep -q "initialized a new cluster" "$root/$node/agent.out"; }; then
      echo "$(ms "$t") ms  $node  PostgreSQL: $step"
    fi
  done
done | sort -n
echo "$(ms "$end") ms  bench  1 writable + 2 streaming seen"
