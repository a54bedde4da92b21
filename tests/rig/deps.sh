#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Installs the Debian packages the build and the test rig need (or, given
# package names, those: tests/bench/deps.sh), skipping what is already
# present.  Idempotent; prints progress for the slow steps.
set -e

PKGS="make gcc gcc-multilib binutils python3 qemu-system-x86 \
libxen-dev libcmocka-dev flex bison dpkg-dev xz-utils \
clang libclang-rt-14-dev cpio"
if [ $# -gt 0 ]; then
	PKGS="$*"
fi

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
	echo "deps: missing packages:$missing" >&2
	echo "deps: run as root (or install them) and try again" >&2
	exit 1
fi

echo "deps: installing:$missing (apt-get, this takes a minute or two)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "deps: done"
