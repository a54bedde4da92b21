#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check-calls.sh BUILD_DIR OBJ... - fails unless every call shim/calls.def marks
# implemented has its entry symbol vmi_<Name> defined (as a global text
# symbol) in the object built from the file calls.def names, and a call
# marked not implemented has no such symbol anywhere.  This keeps the
# "implemented in" column of docs/calls.md true to the build.
set -e
build=$1
shift
list=$(printf '#define VMI_CALL(n, name, conv, st, fault, file, r, a, x) name st file\n#include "shim/calls.def"\n' |
	${CC:-gcc} -E -P -I. -x c - | awk 'NF')
bad=""
all_syms=$(for o in "$@"; do nm "$o"; done | awk '$2 == "T" { print $3 }')
echo "$list" | while read -r name st file; do
	file=$(echo "$file" | tr -d '"')
	if [ "$st" = IMPL ]; then
		obj="$build/${file%.*}.o"
		if [ ! -f "$obj" ]; then
			echo "check-calls: $name: calls.def says $file, but $obj was not built" >&2
			exit 1
		fi
		if ! nm "$obj" | awk -v s="vmi_$name" '$2 == "T" && $3 == s { f = 1 } END { exit !f }'; then
			echo "check-calls: $name: vmi_$name is not defined in $file" >&2
			exit 1
		fi
	elif echo "$all_syms" | grep -qx "vmi_$name"; then
		echo "check-calls: $name is not implemented in calls.def, but vmi_$name is defined" >&2
		exit 1
	fi
done
