#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/bench/deps.sh - installs what make bench needs beyond
# tests/rig/deps.sh: gnuplot (no X) for docs/performance.svg.  Skips what
# is present; the same way tests/rig/deps.sh installs packages.
#
# Never: install anything the benchmark does not use.
set -e

PKGS="gnuplot-nox"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "bench deps: missing packages:$missing" >&2
	echo "bench deps: run as root (or install them) and try again" >&2
	exit 1
fi

echo "bench deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "bench deps: done"
