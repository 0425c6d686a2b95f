#!/usr/bin/env bash
# Installs the Debian packages pgha needs when they are missing: apt-get update once, then install.
# Usage: scripts/install-deps.sh [--test | --bench]
#   --test adds what the test suites use; --bench what bench/run.sh uses (Patroni to compare with, wrk).
set -euo pipefail

# clang and zlib1g-dev: `dotnet publish` links the NativeAOT binary with clang (binutils, libc6-dev come with it).
want=(postgresql etcd-server etcd-client clang zlib1g-dev)
case "${1:-}" in
    --test) want+=(patroni haproxy iproute2 nftables procps jq) ;;
    --bench) want+=(patroni wrk procps) ;;
    "") ;;
    *) echo "scripts/install-deps.sh: unknown option '$1'; use --test, --bench or nothing" >&2; exit 2 ;;
esac

missing=()
for pkg in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if (( ${#missing[@]} > 0 )); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "pgha: missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "pgha: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # policy-rc.d keeps Debian from starting the packaged default etcd/postgres services on install.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get install -y -qq "${missing[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
fi
