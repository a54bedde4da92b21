#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check-copy.py ROM_ELF - fails if the linked ROM image would not run from
a copy: a PC-relative reference (R_386_PC32, R_386_PLT32) from the image to
anything outside the image (the shim's state, the hypercall page) would
reach the wrong place from every copy but the one at VMIX_SHIM_TEXT_VA.
Absolute references are fine: they land in the shim range, mapped in every
address space.  The ELF must be linked with --emit-relocs.

Never: pass an image it could not read (no symbols, no relocations)."""
import re
import subprocess
import sys

elf = sys.argv[1]
env = {"LC_ALL": "C"}
syms = {}
for line in subprocess.run(["nm", elf], capture_output=True, text=True,
                           check=True, env=env).stdout.splitlines():
    parts = line.split()
    if len(parts) == 3:
        syms[parts[2]] = int(parts[0], 16)
if "rom_start" not in syms or "rom_image_end" not in syms:
    sys.exit("check-copy: no rom_start/rom_image_end in %s" % elf)
start, end = syms["rom_start"], syms["rom_image_end"]
out = subprocess.run(["readelf", "-rW", elf], capture_output=True, text=True,
                     check=True, env=env).stdout
sec, bad, seen = None, [], 0
for line in out.splitlines():
    m = re.match(r"Relocation section '([^']+)'", line)
    if m:
        sec = m.group(1)
        continue
    f = line.split()
    if sec == ".rel.rom" and len(f) >= 5 and f[2] in ("R_386_PC32",
                                                       "R_386_PLT32"):
        seen += 1
        target = int(f[3], 16)
        if not start <= target < end:
            bad.append("%s: %s to %s (%08x)" % (f[0], f[2], f[4], target))
if not seen:
    sys.exit("check-copy: %s has no PC-relative relocations to check (linked without --emit-relocs?)" % elf)
if bad:
    sys.exit("check-copy: the ROM image reaches outside itself PC-relatively:\n" + "\n".join(bad))
