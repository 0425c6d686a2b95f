#!/usr/bin/env bash
# Reliability report: brings up a fresh sandbox (fast profile) in a temporary folder, runs `pgha verify` for each
# fault scenario in synchronous and asynchronous mode, RUNS times each, and prints a markdown table.
#
#   scripts/reliability.sh [RUNS] [SCENARIO...]      e.g. scripts/reliability.sh 3 kill-leader switchover
#
# Scenarios: kill-leader kill-leader-agent kill-leader-postmaster sigstop-leader-postmaster stop-etcd-minority
# stop-etcd-majority switchover random (random faults from all of them, seed printed). Environment: DURATION (60s),
# EVERY (20s), HOLD (10s), MODES ("sync async"), KEEP (folder for results.jsonl, verify.log and the members' logs afterwards,
# default /tmp/pgha-reliability-last). Synchronous runs need an agent that implements synchronous_mode;
# when it cannot be switched on, the table says so and only async rows are printed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
shift || true
scenarios=("$@")
if [[ ${#scenarios[@]} -eq 0 ]]; then
    scenarios=(kill-leader kill-leader-agent kill-leader-postmaster sigstop-leader-postmaster stop-etcd-minority stop-etcd-majority switchover random)
fi
duration="${DURATION:-60s}" every="${EVERY:-20s}" hold="${HOLD:-10s}"
read -r -a modes <<<"${MODES:-sync async}"
pgha="$here/pgha"
"$here/scripts/install-deps.sh" --test  # jq, psql
dir="$(mktemp -d /tmp/pgha-reliability-XXXXXX)"
chmod 755 "$dir"  # PostgreSQL runs as postgres and must reach its data dir below
results="$dir/results.jsonl"
notes=()

# The per-run JSON lines, the checker's log and the members' logs outlive the sandbox, for a post-mortem of any row.
keep="${KEEP:-/tmp/pgha-reliability-last}"
cleanup() {
    mkdir -p "$keep" && cp -f "$dir"/results.jsonl "$dir"/verify.log "$keep"/ 2>/dev/null || true
    # Before `sandbox down`, which removes the members' folders.
    for member in "$dir"/sandbox/pgha*/; do
        if [[ -d "$member/log" ]]; then
            rm -rf "$keep/$(basename "$member")-log"
            cp -r "$member/log" "$keep/$(basename "$member")-log" || true
        fi
    done
    "$pgha" sandbox down --dir "$dir/sandbox" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

echo "sandbox in $dir/sandbox (fast profile) ..." >&2
"$pgha" sandbox up --dir "$dir/sandbox" --profile fast >"$dir/up.log" 2>&1 || { cat "$dir/up.log" >&2; exit 1; }
config="$dir/sandbox/pgha1/config/pgha.yaml"

primary_setting() {
    PGPASSFILE="$dir/sandbox/pgpass" psql -Atq "host=127.0.50.10,127.0.50.11,127.0.50.12 dbname=postgres user=postgres target_session_attrs=read-write connect_timeout=2" \
        -c "show $1" 2>/dev/null || true
}

# Switches synchronous_mode; succeeds only when the primary then names a synchronous standby (or clears it).
set_mode() {
    local want="$1"
    "$pgha" edit-config -c "$config" -s "synchronous_mode=$want" --force -q >"$dir/edit.log" 2>&1 || return 1
    for _ in $(seq 1 30); do
        local names; names="$(primary_setting synchronous_standby_names)"
        if [[ "$want" == true && -n "$names" ]] || [[ "$want" == false && -z "$names" ]]; then return 0; fi
        sleep 1
    done
    return 1
}

for mode in "${modes[@]}"; do
    if [[ "$mode" == sync ]] && ! set_mode true; then
        notes+=("sync mode skipped: edit-config synchronous_mode=true failed or synchronous_standby_names stayed empty for 30 s ($(tail -1 "$dir/edit.log" 2>/dev/null)); this agent may not implement synchronous mode yet")
        continue
    fi
    [[ "$mode" == async ]] && { set_mode false || notes+=("async mode: synchronous_standby_names did not clear within 30 s"); }
    for scenario in "${scenarios[@]}"; do
        for run in $(seq 1 "$runs"); do
            faults=(--faults "$scenario")
            [[ "$scenario" == random ]] && faults=(--random --seed "$((1000 + run))")
            echo "== $scenario ($mode) run $run/$runs" >&2
            rc=0
            "$pgha" verify --sandbox "$dir/sandbox" --json "--$mode" --duration "$duration" --fault-every "$every" --fault-hold "$hold" \
                "${faults[@]}" >"$dir/run.json" 2>>"$dir/verify.log" || rc=$?
            if jq -e . "$dir/run.json" >/dev/null 2>&1; then
                jq -c --arg s "$scenario" --arg m "$mode" --argjson rc "$rc" '{scenario: $s, mode: $m, rc: $rc} + .' "$dir/run.json" >>"$results"
            else
                jq -nc --arg s "$scenario" --arg m "$mode" --argjson rc "$rc" '{scenario: $s, mode: $m, rc: $rc, error: true}' >>"$results"
                tail -3 "$dir/verify.log" >&2
            fi
        done
    done
done

echo
echo "| scenario | mode | runs | failed | acknowledged | lost | unknown | split-brain | max outage | median outage |"
echo "|---|---|---|---|---|---|---|---|---|---|"
[[ -f "$results" ]] && jq -rs '
    group_by([.scenario, .mode])[] |
    . as $g | ($g | map(select(.error != true))) as $ok |
    ($ok | map(.faults[]?.outage_s) | sort) as $o |
    "| \($g[0].scenario) | \($g[0].mode) | \($g | length) | \($g | map(select(.rc != 0)) | length) | \($ok | map(.acknowledged) | add // 0) | \($ok | map(.lost) | add // 0) | \($ok | map(.unknown) | add // 0) | \($ok | map(.split_brain) | add // 0) | \(if ($o | length) > 0 then ($o | max * 1000 | round / 1000 | tostring) + "s" else "-" end) | \(if ($o | length) > 0 then ($o[(($o | length) / 2 | floor)] * 1000 | round / 1000 | tostring) + "s" else "-" end) |"
' "$results"
for note in "${notes[@]}"; do echo; echo "note: $note"; done
