#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Assembles the Linux dom0 the xl domU rig boots (tests/rig/domu.py), once,
# into build/dom0/, from Debian's own packages (downloaded, not installed):
#
#   build/dom0/vmlinuz       Debian's linux-image-amd64 kernel
#   build/dom0/initrd.cpio   busybox-static; xl, xenstored, xenconsoled,
#                            xen-init-dom0 and every shared library they
#                            load (libgcc_s.so.1 too: xl aborts at exit
#                            without it); the xen-evtchn, xen-gntdev,
#                            xen-gntalloc, xen-privcmd and xenfs modules;
#                            /init = dom0-init.sh
#   build/dom0/xen-stock     Debian's stock hypervisor (no PV32), unpacked
#   build/dom0/xen-shim      Debian's PV shim: domu.py adds it, for the
#                            stock runs only, at /usr/lib/xen-4.17/boot/
#                            xen-shim, where xl looks for it (pvshim = 1)
#
# The toolstack and the stock hypervisor are one version: the candidate of
# xen-utils-4.17.  The per-run files (the xl config, the boot image, the
# VMI kernel) are not in here: domu.py appends them as a second archive.
# Rebuilt when this script or dom0-init.sh changes; the packages stay
# cached in build/dom0/debs.
#
# Never: install a package on the host, or put a file in the archive that
# the host's own copy would shadow at run time.
set -e

TOP=$(cd "$(dirname "$0")/../.." && pwd)
RIG=$TOP/tests/rig
OUT=$TOP/build/dom0
DEBS=$OUT/debs
ROOT=$OUT/root
STAGE=$OUT/initrd
mkdir -p "$DEBS"

log() { echo "dom0-build: $*"; }

stamp=$(cat "$RIG/build-dom0.sh" "$RIG/dom0-init.sh" | sha256sum | cut -c1-16)
if [ -f "$OUT/initrd.cpio" ] && [ -f "$OUT/vmlinuz" ] &&
   [ -f "$OUT/xen-stock" ] && [ "$(cat "$OUT/.ok" 2>/dev/null)" = "$stamp" ]; then
	exit 0
fi

# 1. The packages, of one Xen version.
if ! apt-cache show xen-utils-4.17 >/dev/null 2>&1; then
	[ "$(id -u)" = 0 ] || { log "need root for apt-get update"; exit 1; }
	log "apt-get update"
	apt-get update -q >/dev/null
fi
XENVER=$(apt-cache policy xen-utils-4.17 | awk '/Candidate:/{print $2}')
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
[ -n "$XENVER" ] && [ -n "$KPKG" ] ||
	{ log "no candidate for xen-utils-4.17 or linux-image-amd64"; exit 1; }
# xenstore-utils: the xenstore client dom0's /init uses; xen-utils-common:
# xl.conf.
XENPKGS="xen-utils-4.17 xen-hypervisor-4.17-amd64 libxenmisc4.17 \
libxenstore4 libxencall1 libxenevtchn1 libxenforeignmemory1 libxengnttab1 \
libxentoollog1 libxentoolcore1 libxendevicemodel1 libxenhypfs1 \
xenstore-utils xen-utils-common"
want=""
for p in $XENPKGS; do
	ls "$DEBS/${p}_"*"_amd64.deb" >/dev/null 2>&1 ||
		want="$want $p=$XENVER"
done
for p in busybox-static libyajl2 "$KPKG"; do
	ls "$DEBS/${p}_"*.deb >/dev/null 2>&1 || want="$want $p"
done
if [ -n "$want" ]; then
	log "downloading:$want (about 80 MB, once)"
	(cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root $want >/dev/null)
fi

# 2. Unpacked side by side (nothing is installed).
rm -rf "$ROOT" "$STAGE"
mkdir -p "$ROOT"
for d in "$DEBS"/*.deb; do
	dpkg-deb -x "$d" "$ROOT"
done
KVER=$(ls "$ROOT/lib/modules" | head -1)
XB=$ROOT/usr/lib/xen-4.17/bin
LIBDIR=$ROOT/usr/lib/x86_64-linux-gnu
[ -x "$XB/xl" ] && [ -f "$ROOT/boot/vmlinuz-$KVER" ] ||
	{ log "the packages lack xl or the kernel"; exit 1; }

# 3. The archive's tree.
mkdir -p "$STAGE"
for d in bin sbin usr/bin usr/sbin proc sys dev run tmp etc/xen var/lib/xen \
	 var/log/xen/console lib/modules usr/lib/xen-4.17/bin \
	 usr/lib/xen-4.17/boot lib64 lib/x86_64-linux-gnu vmi; do
	mkdir -p "$STAGE/$d"
done
cp "$ROOT/bin/busybox" "$STAGE/bin/busybox"
cp "$RIG/dom0-init.sh" "$STAGE/init"
chmod 755 "$STAGE/init"
BINS="xl xenstored xenconsoled xen-init-dom0"
for b in $BINS; do
	cp "$XB/$b" "$STAGE/usr/lib/xen-4.17/bin/$b"
done
cp "$ROOT/etc/xen/xl.conf" "$STAGE/etc/xen/" 2>/dev/null || true
# xenstore's client (one binary, named by argv[0]): dom0's /init waits
# for xenconsoled's console/tty and writes into it.
cp "$ROOT/usr/bin/xenstore" "$STAGE/usr/bin/xenstore"
for n in read write exists ls list watch rm; do
	ln -s xenstore "$STAGE/usr/bin/xenstore-$n"
done

# Shared libraries: the packages' own first, then the host's (Debian's
# base libraries of the same release), found by the dynamic loader.
libs=$({ for b in $BINS; do
	LD_LIBRARY_PATH=$LIBDIR ldd "$XB/$b"
done; LD_LIBRARY_PATH=$LIBDIR ldd "$ROOT/usr/bin/xenstore"; } | awk '/=>/{ if ($3 == "not") { print "MISSING:" $1 } else print $3 }
	    /ld-linux/{ print $1 }' | sort -u)
if echo "$libs" | grep -q MISSING; then
	log "libraries not found: $(echo "$libs" | grep MISSING | tr '\n' ' ')"
	exit 1
fi
for l in $libs /lib/x86_64-linux-gnu/libgcc_s.so.1; do
	case $l in
	*/ld-linux-x86-64.so.2) cp -L "$l" "$STAGE/lib64/ld-linux-x86-64.so.2" ;;
	*) cp -L "$l" "$STAGE/lib/x86_64-linux-gnu/$(basename "$l")" ;;
	esac
done

MODS="xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs"
for m in $MODS; do
	f=$(find "$ROOT/lib/modules/$KVER" -name "$m.ko*" | head -1)
	[ -n "$f" ] || { log "module $m not in $KPKG"; exit 1; }
	case $f in
	*.xz) xz -dc "$f" > "$STAGE/lib/modules/$m.ko" ;;
	*) cp "$f" "$STAGE/lib/modules/$m.ko" ;;
	esac
done
echo "$MODS" > "$STAGE/lib/modules/order"

strip --strip-unneeded "$STAGE"/usr/lib/xen-4.17/bin/* "$STAGE/usr/bin/xenstore" \
	"$STAGE"/lib/x86_64-linux-gnu/* 2>/dev/null || true

# 4. The archive (newc, uncompressed: unpacking is faster than gunzip
#    under emulation), the kernel and the stock hypervisor.
(cd "$STAGE" && find . | sort | cpio -o -H newc --quiet --owner=0:0) \
	> "$OUT/initrd.cpio.new"
mv "$OUT/initrd.cpio.new" "$OUT/initrd.cpio"
cp "$ROOT/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
gzip -dc "$ROOT/boot/xen-4.17-amd64.gz" > "$OUT/xen-stock"
cp "$ROOT/usr/lib/xen-4.17/boot/xen-shim" "$OUT/xen-shim"
echo "$XENVER $KPKG" > "$OUT/versions"
echo "$stamp" > "$OUT/.ok"
log "dom0 ready: $KPKG, Xen toolstack $XENVER, initrd $(( $(stat -c %s "$OUT/initrd.cpio") / 1024 )) KiB"
