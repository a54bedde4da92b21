#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Builds Xen 4.17 from Debian bookworm's own source package with
# CONFIG_PV32=y, once, into build/xen/.  Debian's stock hypervisor is built
# without PV32 and refuses a 32-bit PV kernel ("Found 32-bit PV kernel, but
# CONFIG_PV32 missing"), so the rig needs this rebuild.
#
# Output: build/xen/xen (multiboot ELF that QEMU's -kernel boots), its
#         symbols build/xen/xen-syms (the rig's breakpoints) and
#         build/xen/xen-shim (Debian's stock PV shim, for the shim path).
set -e

TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/build/xen
WORK=$OUT/src
mkdir -p "$OUT"

if [ -f "$OUT/xen" ] && [ -f "$OUT/.pv32-ok" ]; then
	# The rig reads Xen's symbols (tests/rig/rig.py): keep them beside it.
	if [ ! -f "$OUT/xen-syms" ]; then
		syms=$(ls "$WORK"/xen-4.17*/xen/xen-syms 2>/dev/null | head -1 || true)
		[ -n "$syms" ] && cp "$syms" "$OUT/xen-syms"
	fi
	exit 0
fi

log() { echo "xen-build: $*"; }

# 1. A deb-src entry for bookworm, derived from the configured binary
#    archive (the security archive's sources are not reachable here).
if ! apt-cache showsrc xen 2>/dev/null | grep -q '^Package: xen'; then
	[ "$(id -u)" = 0 ] || { log "need root to add a deb-src entry"; exit 1; }
	log "adding a deb-src entry for bookworm"
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		awk 'BEGIN{RS="";ORS="\n\n"} /Suites: bookworm( |$|\n)/ && !/security/' \
			/etc/apt/sources.list.d/debian.sources |
			sed -e 's/^Types: deb$/Types: deb-src/' \
			    -e 's/^Suites: .*/Suites: bookworm/' \
			> /etc/apt/sources.list.d/vmi-xen-src.sources
	else
		grep -E '^deb [^ ]+ bookworm ' /etc/apt/sources.list |
			sed 's/^deb /deb-src /' > /etc/apt/sources.list.d/vmi-xen-src.list
	fi
	log "apt-get update"
	apt-get update -q >/dev/null
fi

VER=$(apt-cache showsrc xen | awk '/^Version:/{print $2}' | grep -v deb12u | sort -V | tail -1)
[ -n "$VER" ] || { log "no bookworm version of the xen source package found"; exit 1; }
log "Debian xen source $VER (bookworm)"

# 2. The source, unpacked once.
SRC=$(ls -d "$WORK"/xen-4.17*/ 2>/dev/null | head -1 || true)
if [ -z "$SRC" ]; then
	rm -rf "$WORK"; mkdir -p "$WORK"
	log "apt-get source xen=$VER (about 45 MB)"
	(cd "$WORK" && apt-get source -q -o APT::Sandbox::User=root "xen=$VER" >/dev/null)
	SRC=$(ls -d "$WORK"/xen-4.17*/ | head -1)
fi

# 3. Debian's own hypervisor config and its stock PV shim, from the binary
#    package of the same version (extracted, not installed).
if [ ! -f "$OUT/debian.config" ]; then
	log "fetching xen-hypervisor-4.17-amd64=$VER for its config and PV shim"
	rm -rf "$WORK/deb"; mkdir -p "$WORK/deb"
	(cd "$WORK/deb" && apt-get download -q -o APT::Sandbox::User=root "xen-hypervisor-4.17-amd64=$VER" >/dev/null &&
		dpkg-deb -x xen-hypervisor-4.17-amd64_*.deb root)
	cp "$WORK"/deb/root/boot/xen-4.17-amd64.config "$OUT/debian.config"
	shim=$(find "$WORK/deb/root" -name 'xen-shim*' -type f | head -1)
	[ -n "$shim" ] && cp "$shim" "$OUT/xen-shim"
	cp "$WORK"/deb/root/boot/xen-4.17-amd64.gz "$OUT/xen-stock.gz" 2>/dev/null || true
fi

# 4. Configure and build the hypervisor only.
log "building the hypervisor with CONFIG_PV32=y (1-3 minutes on 2 cores)"
cd "$SRC/xen"
sed -e 's/^# CONFIG_PV32 is not set$/CONFIG_PV32=y/' "$OUT/debian.config" > .config
grep -q '^CONFIG_PV32=y' .config || echo 'CONFIG_PV32=y' >> .config
make -s olddefconfig XEN_TARGET_ARCH=x86_64 >/dev/null
grep -q '^CONFIG_PV32=y' .config || { log "CONFIG_PV32 did not stick"; exit 1; }
start=$(date +%s)
make -s -j"$(nproc)" XEN_TARGET_ARCH=x86_64 >"$OUT/build.log" 2>&1 ||
	{ tail -30 "$OUT/build.log"; log "build failed (log: $OUT/build.log)"; exit 1; }
cp xen "$OUT/xen"
cp xen-syms "$OUT/xen-syms"
cp .config "$OUT/xen.config"
touch "$OUT/.pv32-ok"
log "built $OUT/xen in $(( $(date +%s) - start )) s"
