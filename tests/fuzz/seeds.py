#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seed corpora of the fuzz targets, made at run time.

    tests/fuzz/seeds.py [BUILD]        (BUILD defaults to build)

writes BUILD/fuzz/seed/<target>/ afresh:

  fuzz_rom_check  the built ROM (BUILD/vmi-rom.bin) and its raw objcopy
                  output (BUILD/vmi-rom.raw) when they exist; a synthetic
                  image made here from shim/calls.def and rom_private.h's
                  layout (valid, so the fuzzer starts past every check even
                  without a ROM build), the same unsealed, and a few tiny
                  inputs;
  fuzz_xlate      12-byte records (vector, lo, hi): the descriptors and
                  gates a native kernel writes, and the kinds Xen refuses.
"""
import os
import re
import shutil
import struct
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

CALL_RE = re.compile(r"^VMI_CALL\(\s*(\d+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,"
                     r"\s*(\w+)\s*,\s*(\w+)\s*,", re.M)

SLOT = 32
NR_SLOTS = 128
NR_CALLS = 85
NAME_LEN = 24
BOOT_BLOCK_SIZE = 1024  # more than struct vmix_boot_block needs
# rom-layout/rom_private.h
VIRTUAL_TOP = 0xF5000000
SHIM_TEXT_VA = 0xF5000000
SHIM_STATE_VA = 0xF5040000
MAX_VCPUS = 8
PRIV_VERSION = 3
PAGE = 4096


def calls_def():
    with open(os.path.join(TOP, "shim", "calls.def")) as f:
        text = f.read()
    return {int(m.group(1)): (m.group(2), m.group(4), m.group(5))
            for m in CALL_RE.finditer(text)}


def sum8(data):
    return sum(data) & 0xff


def synthetic_rom():
    """(raw, sealed): an image laid out as rom_private.h says (private
    block version 3: linked at VMIX_SHIM_TEXT_VA, the state at
    VMIX_SHIM_STATE_VA), with every slot in the pattern calls.def asks
    for.  Offsets as in tests/unit/test_rom_check.c."""
    priv, pcir, pnp = 0x1000, 0x1040, 0x1060
    unimpl, impl, fault = 0x1080, 0x10a0, 0x10c0
    status, names = 0x1100, 0x1180
    raw_len = names + NR_SLOTS * NAME_LEN
    img = bytearray(raw_len)
    img[0:2] = b"\x55\xaa"
    img[3:7] = b"\x31\xc0\xcb\x90"
    img[8:12] = b"cVmi"
    img[12], img[13] = 0, 13
    struct.pack_into("<IIHH", img, 0x10, VIRTUAL_TOP, priv, pcir, pnp)
    img[0x80:0x1000] = b"\xcc" * (0x1000 - 0x80)
    calls = calls_def()

    def rel(at, target):
        struct.pack_into("<i", img, at, target - (at + 4))

    for nr in range(4, NR_SLOTS):
        s = nr * SLOT
        name, st, ft = calls.get(nr, ("", "RESERVED", "NOFAULT"))
        if nr < NR_CALLS:
            img[status + nr] = 1 if st == "IMPL" else 2
            img[names + nr * NAME_LEN:names + nr * NAME_LEN + len(name)] = \
                name.encode()
        if st != "IMPL":
            img[s], img[s + 1], img[s + 2] = 0x6a, nr, 0xe9
            rel(s + 3, unimpl)
        elif ft == "NOFAULT":
            img[s] = 0xe9
            rel(s + 1, impl)
        else:
            img[s:s + 5] = b"\xff\x74\x24\x04\xe8"
            rel(s + 5, impl)
            img[s + 9:s + 17] = b"\x8d\x64\x24\x04\x85" + \
                (b"\xc0" if ft == "GP" else b"\xd2") + b"\x0f\x85"
            rel(s + 17, fault)
            img[s + 21] = 0xc3

    img[pcir:pcir + 4] = b"PCIR"
    struct.pack_into("<HH", img, pcir + 4, 0x15ad, 0)
    struct.pack_into("<H", img, pcir + 0x0a, 0x18)
    img[pcir + 0x15] = 0x80
    img[pnp:pnp + 4] = b"$PnP"
    img[pnp + 4], img[pnp + 5] = 1, 2
    img[unimpl:unimpl + 2] = b"\x0f\x0b"
    img[impl] = 0xc3
    img[fault:fault + 2] = b"\x0f\x0b"

    sealed_len = (raw_len // 512 + 1) * 512
    state = SHIM_STATE_VA
    boot = state + 2 * PAGE + MAX_VCPUS * PAGE
    state_size = (boot - state + BOOT_BLOCK_SIZE + PAGE - 1) & ~(PAGE - 1)
    struct.pack_into("<IHHIIIIIIIIIII", img, priv, 0x6e655876, PRIV_VERSION,
                     NR_SLOTS, SHIM_TEXT_VA, state, state_size, state,
                     state + PAGE, state + 2 * PAGE, boot, names, status,
                     unimpl, fault)
    raw = bytes(img)

    img += bytes(sealed_len - raw_len)
    img[2] = sealed_len // 512
    struct.pack_into("<H", img, pcir + 0x10, sealed_len // 512)
    img[pnp + 9] = -sum8(img[pnp:pnp + 32]) & 0xff
    img[-1] = -sum8(img) & 0xff
    return raw, bytes(img)


# (vector, lo, hi)
XLATE_SEEDS = [
    (0, 0x0000ffff, 0x00cf9a00),   # kernel code, flat
    (1, 0x0000ffff, 0x00cf9200),   # kernel data
    (2, 0x0000ffff, 0x00cffa00),   # user code
    (3, 0x0000ffff, 0x00cff200),   # user data
    (4, 0x0000ffff, 0x00cfba00),   # ring-1 code
    (5, 0x0000ffff, 0x00af9a00),   # 64-bit code (refused)
    (6, 0x12345678, 0x00cf1a00),   # not present
    (7, 0x00000000, 0x00000000),   # null
    (8, 0x20000067, 0x00008900),   # 32-bit TSS
    (9, 0x3000ffff, 0x00008200),   # LDT
    (10, 0x00601234, 0x0010ec00),  # 32-bit call gate, DPL 3
    (11, 0x00601234, 0x00108400),  # 16-bit call gate
    (13, 0x00601234, 0xc0108e00),  # interrupt gate -> cs 0x60
    (14, 0x00601234, 0xc0108f00),  # trap gate
    (0x80, 0x00601234, 0xc010ef00),  # DPL 3 trap gate (int 0x80)
    (32, 0x00280000, 0x00008500),  # task gate
    (33, 0x00601234, 0x00008600),  # 16-bit interrupt gate
    (34, 0x00600000, 0x00008e00),  # interrupt gate, handler 0
    (300, 0x00601234, 0xc0108e00),  # vector beyond the IDT
    (255, 0x00631234, 0xc0108e00),  # RPL 3 selector
    (40, 0xe0191234, 0xc0108e00),  # Xen's flat ring-1 code selector
    (41, 0xe0081234, 0xc0108e00),  # another of Xen's GDT entries
    (42, 0xe00c1234, 0xc0108f00),  # the same index in the LDT
]


def write_dir(path, files):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    for name, data in files.items():
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "build")
    seed = os.path.join(build, "fuzz", "seed")

    raw, sealed = synthetic_rom()
    rom = {"synthetic.bin": sealed, "synthetic.raw": raw,
           "empty": b"", "sig": b"\x55\xaa\x01" + bytes(509),
           "header": sealed[:128]}
    for name in ("vmi-rom.bin", "vmi-rom.raw"):
        p = os.path.join(build, name)
        if os.path.exists(p):
            with open(p, "rb") as f:
                rom[name] = f.read()
    write_dir(os.path.join(seed, "fuzz_rom_check"), rom)

    xl = {"all": b"".join(struct.pack("<III", *r) for r in XLATE_SEEDS)}
    for i, r in enumerate(XLATE_SEEDS):
        xl["rec%02d" % i] = struct.pack("<III", *r)
    write_dir(os.path.join(seed, "fuzz_xlate"), xl)
    print("seeds: %d for fuzz_rom_check%s, %d for fuzz_xlate in %s"
          % (len(rom), "" if "vmi-rom.bin" in rom else
             " (no built ROM: synthetic image only)", len(xl), seed))


if __name__ == "__main__":
    main()
