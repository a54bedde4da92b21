#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-pic.sh OBJ... - fails if a ROM object needs an absolute address.
#
# The ROM must run at any load address, so its loaded sections may only use
# PC-relative and GOT-relative relocations.  Absolute R_386_32 is allowed in
# .rom.header alone, where the ROM's own offsets are written (it is linked
# at 0, so a link address is an offset).  Debug sections do not load.
set -e
bad=$(for o in "$@"; do
	LC_ALL=C readelf -rW "$o" | awk -v obj="$o" '
		/^Relocation section/ { sec = $3; gsub(/\047/, "", sec); next }
		/^ *[0-9a-f]+ +[0-9a-f]+ +R_386_/ {
			type = $3
			if (sec ~ /^\.rel\.debug/) next
			if (type == "R_386_PC32" || type == "R_386_PLT32" ||
			    type == "R_386_GOTPC" || type == "R_386_GOTOFF") next
			if (type == "R_386_32" && sec == ".rel.rom.header") next
			print obj ": " sec ": " type " " $5
		}'
done)
if [ -n "$bad" ]; then
	echo "check-pic: the ROM would not be position independent:" >&2
	echo "$bad" >&2
	exit 1
fi
