#!/usr/bin/env bash
# Installs the Debian packages pgha needs when they are missing: apt-get update once, then install.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suites and benchmarks use)
set -euo pipefail

# clang and zlib1g-dev: `dotnet publish` links the NativeAOT binary with clang (binutils, libc6-dev come with it).
want=(postgresql etcd-server etcd-client clang zlib1g-dev)
if [[ "${1:-}" == "--test" ]]; then
    want+=(patroni haproxy iproute2 nftables procps jq)
fi

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
