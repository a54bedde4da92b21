#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""ROM image checks of the suite: romtool verify on the built image,
docs/calls.md freshness, and romtool refusing every kind of damaged image.
run-all.py calls run(report).

Each corruption case damages a copy of build/vmi-rom.bin in one place and,
unless the checksum itself is the target, re-seals it (fixes the checksum
byte, and the PnP checksum when the PnP header was touched), so that only
the check aimed at can catch it: the case passes when `romtool verify`
exits 1 naming that check's ROM_ERR_* code.  The copies are left in
build/logs/corrupt-<case>.bin.

The private block is version 3 (rom-layout/rom_private.h): the image is
linked at VMIX_SHIM_TEXT_VA and is all that lies in the window; the state
lives at fixed linear addresses from VMIX_SHIM_STATE_VA."""
import os
import re
import struct
import subprocess

import rig

TOP = rig.TOP
BUILD = rig.BUILD
ROMTOOL = os.path.join(BUILD, "romtool")
ROM = os.path.join(BUILD, "vmi-rom.bin")

# rom-layout/rom_private.h
HDR_ENTRY = 0x03
HDR_VIRTUAL_TOP = 0x10
HDR_PRIVATE = 0x14
HDR_PCI = 0x18
HDR_PNP = 0x1a
PNP_CHECKSUM = 0x09
PNP_LENGTH = 0x05
SLOT_SIZE = 32
NR_SLOTS = 128
NR_CALLS = 85
FALLIBLE_LEN = 22
WINDOW_END = 0xE0000
SCAN_STEP = 0x800
SHIM_TEXT_VA = 0xF5000000
SHIM_STATE_VA = 0xF5040000
SHIM_STATE_MAX = 0x000C0000
MAX_VCPUS = 8
PAGE = 4096
# struct vmix_rom_private (version 3): field -> (offset, struct format)
PRIV = {
    "magic": (0, "<I"), "version": (4, "<H"), "nr_slots": (6, "<H"),
    "image_va": (8, "<I"), "state_va": (12, "<I"), "state_size": (16, "<I"),
    "hypercall_page_va": (20, "<I"), "shared_info_va": (24, "<I"),
    "percpu_va": (28, "<I"), "boot_block_va": (32, "<I"),
    "names_off": (36, "<I"), "status_off": (40, "<I"),
    "unimpl_off": (44, "<I"), "fault_off": (48, "<I"),
}
INFO_RE = re.compile(r"^image (\d+) bytes, state (\d+) bytes at "
                     r"(0x[0-9a-f]+), text at (0x[0-9a-f]+)$")

CALL_RE = re.compile(r"^VMI_CALL\(\s*(\d+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,"
                     r"\s*(\w+)\s*,\s*(\w+)\s*,", re.M)


def calls_def():
    """{number: (name, status, fault)} from shim/calls.def."""
    with open(os.path.join(TOP, "shim", "calls.def")) as f:
        text = f.read()
    return {int(m.group(1)): (m.group(2), m.group(4), m.group(5))
            for m in CALL_RE.finditer(text)}


def romtool(*args):
    return subprocess.run([ROMTOOL] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def sum8(data):
    return sum(data) & 0xff


def reseal(data, pnp=False):
    """Make the image's 8-bit sum 0 again through its last byte (the one
    romtool seal sets), after the PnP header's own checksum when pnp."""
    data = bytearray(data)
    if pnp:
        off = struct.unpack_from("<H", data, HDR_PNP)[0]
        n = data[off + PNP_LENGTH] * 16
        data[off + PNP_CHECKSUM] = 0
        data[off + PNP_CHECKSUM] = -sum8(data[off:off + n]) & 0xff
    data[-1] = 0
    data[-1] = -sum8(data) & 0xff
    return data


def priv_get(data, field):
    base = struct.unpack_from("<I", data, HDR_PRIVATE)[0]
    off, fmt = PRIV[field]
    return struct.unpack_from(fmt, data, base + off)[0]


def priv_set(data, field, value):
    base = struct.unpack_from("<I", data, HDR_PRIVATE)[0]
    off, fmt = PRIV[field]
    struct.pack_into(fmt, data, base + off, value)


def set_rel32(data, at, target):
    """The rel32 at offset at (ending at + 4) reaches target."""
    struct.pack_into("<i", data, at, target - (at + 4))


def corrupt(name, offset=None, value=None, truncate=None, edit=None,
            seal=True, pnp=False):
    """A damaged copy of the ROM in build/logs/corrupt-<name>.bin: byte
    offset set to value (or inverted), or cut to truncate bytes, or
    edit(bytearray) applied; then re-sealed unless seal is False."""
    data = bytearray(open(ROM, "rb").read())
    if truncate is not None:
        data = data[:truncate]
    elif edit is not None:
        edit(data)
    else:
        data[offset] = value if value is not None else data[offset] ^ 0xff
    if seal:
        data = reseal(data, pnp)
    path = os.path.join(BUILD, "logs", "corrupt-%s.bin" % name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def first_call(calls, status, fault=None):
    for nr in sorted(calls):
        name, st, ft = calls[nr]
        if st == status and (fault is None or ft == fault):
            return nr
    return None


def cases(data, calls):
    """{case: (corrupt() kwargs, expected ROM_ERR_* name)}; cases whose
    calls.def prerequisite is missing are left out."""
    pci = struct.unpack_from("<H", data, HDR_PCI)[0]
    pnp = struct.unpack_from("<H", data, HDR_PNP)[0]
    state_va = priv_get(data, "state_va")
    state_size = priv_get(data, "state_size")
    percpu = priv_get(data, "percpu_va")
    boot = priv_get(data, "boot_block_va")
    hc = priv_get(data, "hypercall_page_va")
    si = priv_get(data, "shared_info_va")
    unimpl = priv_get(data, "unimpl_off")

    def put32(at, v):
        return lambda d: struct.pack_into("<I", d, at, v)

    def priv(field, v):
        return lambda d: priv_set(d, field, v)

    def swap_pages(d):
        priv_set(d, "hypercall_page_va", si)
        priv_set(d, "shared_info_va", hc)

    def state_after_image(d):
        # version 2's place: the first page past the image, every state
        # field moved along, so that only state_va's own check can object
        sva = SHIM_TEXT_VA + ((len(d) + PAGE - 1) & ~(PAGE - 1))
        priv_set(d, "state_va", sva)
        priv_set(d, "hypercall_page_va", sva)
        priv_set(d, "shared_info_va", sva + PAGE)
        priv_set(d, "percpu_va", sva + 2 * PAGE)
        priv_set(d, "boot_block_va", boot - state_va + sva)

    c = {
        # the BIOS header, the checksum, the VMI header
        "signature": (dict(offset=0, value=0x54), "ROM_ERR_SIGNATURE"),
        "checksum": (dict(offset=len(data) - 1, seal=False),
                     "ROM_ERR_CHECKSUM"),
        "length": (dict(offset=2, value=data[2] + 1),
                   "ROM_ERR_LENGTH_MISMATCH"),
        "truncated": (dict(truncate=len(data) - 512),
                      "ROM_ERR_LENGTH_MISMATCH"),
        "vmi_signature": (dict(offset=8, value=ord("X")),
                          "ROM_ERR_VMI_SIGNATURE"),
        "api_major": (dict(offset=13, value=12), "ROM_ERR_API_MAJOR"),
        "rom_entry": (dict(edit=lambda d: d.__setitem__(
            slice(HDR_ENTRY, HDR_ENTRY + 4), b"\xcb\x90\x90\x90")),
            "ROM_ERR_ROM_ENTRY"),
        "rom_entry_byte": (dict(offset=HDR_ENTRY + 1, value=0xc1),
                           "ROM_ERR_ROM_ENTRY"),
        "virtual_top_zero": (dict(edit=put32(HDR_VIRTUAL_TOP, 0)),
                             "ROM_ERR_VIRTUAL_TOP"),
        "virtual_top_ff": (dict(edit=put32(HDR_VIRTUAL_TOP, 0xffffffff)),
                           "ROM_ERR_VIRTUAL_TOP"),
        "virtual_top_compat_hole": (
            dict(edit=put32(HDR_VIRTUAL_TOP, 0xf5801000)),
            "ROM_ERR_VIRTUAL_TOP"),
        "virtual_top_shim_range": (
            dict(edit=put32(HDR_VIRTUAL_TOP, SHIM_TEXT_VA + 0x1000)),
            "ROM_ERR_VIRTUAL_TOP"),
        # PCI and PnP headers
        "pci_header": (dict(offset=pci, value=ord("X")),
                       "ROM_ERR_PCI_SIGNATURE"),
        "pnp_header": (dict(offset=pnp + PNP_CHECKSUM),
                       "ROM_ERR_PNP_CHECKSUM"),
        "pnp_signature": (dict(offset=pnp, value=ord("#"), pnp=True),
                          "ROM_ERR_PNP_SIGNATURE"),
        # the private block
        "priv_version": (dict(edit=priv("version", 2)),
                         "ROM_ERR_PRIV_VERSION"),
        "fault_off_in_slots": (dict(edit=priv("fault_off", 0x100)),
                               "ROM_ERR_FAULT_OFFSET"),
        "fault_off_is_unimpl": (dict(edit=priv("fault_off", unimpl)),
                                "ROM_ERR_FAULT_OFFSET"),
        # the image's link address and the shim's state
        "image_va_window": (dict(edit=priv("image_va", 0xC8000)),
                            "ROM_ERR_IMAGE_VA"),
        "image_va_zero": (dict(edit=priv("image_va", 0)),
                          "ROM_ERR_IMAGE_VA"),
        "state_va_after_image": (dict(edit=state_after_image),
                                 "ROM_ERR_STATE_VA"),
        "state_va_in_window": (dict(edit=priv("state_va", 0xCA000)),
                               "ROM_ERR_STATE_VA"),
        "state_size_zero": (dict(edit=priv("state_size", 0)),
                            "ROM_ERR_STATE_SIZE_ZERO"),
        "state_size_unaligned": (dict(edit=priv("state_size",
                                                state_size - 16)),
                                 "ROM_ERR_STATE_SIZE_ALIGN"),
        "state_size_big": (dict(edit=priv("state_size",
                                          SHIM_STATE_MAX + PAGE)),
                           "ROM_ERR_STATE_SIZE_BIG"),
        "hypercall_page_moved": (dict(edit=priv("hypercall_page_va",
                                                state_va + PAGE)),
                                 "ROM_ERR_HYPERCALL_PAGE_VA"),
        "state_pages_swapped": (dict(edit=swap_pages),
                                "ROM_ERR_HYPERCALL_PAGE_VA"),
        "shared_info_on_hypercall_page": (
            dict(edit=priv("shared_info_va", state_va)),
            "ROM_ERR_SHARED_INFO_VA"),
        "percpu_moved": (dict(edit=priv("percpu_va", state_va + 3 * PAGE)),
                         "ROM_ERR_PERCPU_VA"),
        "boot_block_in_percpu": (
            dict(edit=priv("boot_block_va",
                           percpu + (MAX_VCPUS - 1) * PAGE)),
            "ROM_ERR_BOOT_BLOCK_VA"),
        "boot_block_on_hypercall_page": (
            dict(edit=priv("boot_block_va", hc)), "ROM_ERR_BOOT_BLOCK_VA"),
        "boot_block_past_state": (
            dict(edit=priv("boot_block_va", state_va + state_size - 16)),
            "ROM_ERR_BOOT_BLOCK_END"),
        "state_size_short": (
            dict(edit=priv("state_size", (boot - state_va) & ~(PAGE - 1))),
            "ROM_ERR_BOOT_BLOCK_END"),
        # slots
        "reserved_slot_number": (dict(offset=100 * SLOT_SIZE + 1, value=99),
                                 "ROM_ERR_UNIMPL_NUMBER"),
        "reserved_slot_padding": (dict(offset=100 * SLOT_SIZE + 31,
                                       value=0x90), "ROM_ERR_SLOT_PADDING"),
    }

    def slot_ret(nr):
        def edit(d):
            d[nr * SLOT_SIZE:(nr + 1) * SLOT_SIZE] = b"\xc3" + b"\xcc" * 31
        return edit

    nf = first_call(calls, "IMPL", "NOFAULT")
    if nf is not None:
        s = nf * SLOT_SIZE
        c["impl_ret"] = (dict(edit=slot_ret(nf)), "ROM_ERR_IMPL_PATTERN")
        c["impl_jmp_unimpl"] = (
            dict(edit=lambda d, s=s: set_rel32(d, s + 1, unimpl)),
            "ROM_ERR_IMPL_TARGET")
        c["impl_jmp_slots"] = (
            dict(edit=lambda d, s=s: set_rel32(d, s + 1, 0x200)),
            "ROM_ERR_IMPL_TARGET")
        c["impl_padding"] = (dict(offset=s + 5, value=0x90),
                             "ROM_ERR_SLOT_PADDING")
    gp = first_call(calls, "IMPL", "GP")
    if gp is not None:
        s = gp * SLOT_SIZE
        c["gp_ret"] = (dict(edit=slot_ret(gp)), "ROM_ERR_IMPL_PATTERN")
        c["gp_test_edx"] = (dict(offset=s + 14, value=0xd2),
                            "ROM_ERR_IMPL_FAULT_KIND")
        c["gp_jnz_elsewhere"] = (
            dict(edit=lambda d, s=s: set_rel32(d, s + 17, unimpl)),
            "ROM_ERR_IMPL_FAULT_TARGET")
        c["gp_call_slots"] = (
            dict(edit=lambda d, s=s: set_rel32(d, s + 5, 0x200)),
            "ROM_ERR_IMPL_TARGET")
        c["gp_padding"] = (dict(offset=s + FALLIBLE_LEN, value=0x00),
                           "ROM_ERR_SLOT_PADDING")
    gpv = first_call(calls, "IMPL", "GPV")
    if gpv is not None:
        c["gpv_test_eax"] = (dict(offset=gpv * SLOT_SIZE + 14, value=0xc0),
                             "ROM_ERR_IMPL_FAULT_KIND")
    none = first_call(calls, "NONE")
    if none is not None:
        c["unimpl_slot_number"] = (
            dict(offset=none * SLOT_SIZE + 1, value=none + 1),
            "ROM_ERR_UNIMPL_NUMBER")
    return c


def run(report):
    os.makedirs(os.path.join(BUILD, "logs"), exist_ok=True)
    p = romtool("verify", ROM)
    base_ok = p.returncode == 0
    report("rom/verify", base_ok, p.stdout.strip())

    p = romtool("info", ROM)
    why = "romtool info: exit %d: %s" % (p.returncode, p.stdout.strip())
    ok = False
    if p.returncode == 0 and os.path.exists(ROM):
        m = INFO_RE.match(p.stdout.strip())
        data = open(ROM, "rb").read()
        try:
            want = (len(data), priv_get(data, "state_size"),
                    priv_get(data, "state_va"), priv_get(data, "image_va"))
        except (struct.error, IndexError):
            want = None
        got = m and (int(m.group(1)), int(m.group(2)), int(m.group(3), 16),
                     int(m.group(4), 16))
        ok = got is not None and got == want
        why += "; the image's length and private block say %s" % (want,)
    report("rom/info", ok, why)

    p = romtool("calls-md")
    with open(os.path.join(TOP, "docs", "calls.md")) as f:
        current = f.read()
    report("rom/docs_calls_md_current", p.returncode == 0 and
           p.stdout == current,
           "docs/calls.md differs from `romtool calls-md`: run `make docs`")

    if not os.path.exists(ROM):
        report("rom/rejects", False, "%s was not built" % ROM)
        return
    data = bytearray(open(ROM, "rb").read())
    # Re-sealing an intact image changes nothing: the cases below differ
    # from the built image only where they mean to.
    report("rom/reseal_identity", reseal(data) == data,
           "reseal() of the built image is not the built image")

    # Every kind of damage a file can carry must be refused, by the check
    # aimed at, with a reason.
    try:
        todo = cases(data, calls_def())
    except (struct.error, IndexError) as e:
        report("rom/rejects", False,
               "cannot read the built image's header or private block: %s"
               % e)
        return
    for name, (how, want) in todo.items():
        path = corrupt(name, **how)
        p = romtool("verify", path)
        out = p.stdout.strip()
        ok = p.returncode == 1 and "romtool:" in out and want in out
        why = "expected exit 1 and %s, got exit %d: %s" % (
            want, p.returncode, out)
        if not ok and not base_ok:
            why += " (the built image itself does not verify)"
        report("rom/rejects_%s" % name, ok, why)


def info():
    """(image bytes, state bytes, state_va, image_va) as `romtool info`
    prints them for the built ROM; None when it refuses the image."""
    p = romtool("info", ROM)
    m = INFO_RE.match(p.stdout.strip()) if p.returncode == 0 else None
    if not m:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3), 16),
            int(m.group(4), 16))


def image_size():
    """Bytes of the window the built ROM occupies: its image alone
    (romLength * 512; the state lives outside the window)."""
    with open(ROM, "rb") as f:
        head = f.read(3)
    return head[2] * 512


def highest_start():
    """The highest load address at which the image still fits the window,
    on a 2 KiB step (the VMI scan step; the boot image's placement rule)."""
    return (WINDOW_END - image_size()) & ~(SCAN_STEP - 1)


DOCS_FOOTPRINT_RE = re.compile(
    r"The\s+ROM\s+image\s+takes\s+\*\*(\d+)\s+bytes\*\*.*?"
    r"highest\s+start\s+is\s+\*\*0x([0-9a-fA-F]+)\*\*", re.S)


def docs_footprint(report):
    """docs/boot.md states the image's size and the highest start ("The ROM
    image takes **N bytes** ... highest start is **0xXXXXX**"): they must
    be the built image's."""
    text = open(os.path.join(TOP, "docs", "boot.md")).read()
    m = DOCS_FOOTPRINT_RE.search(text)
    size, high = image_size(), highest_start()
    report("rom/boot_md_footprint",
           m is not None and int(m.group(1)) == size and
           int(m.group(2), 16) == high,
           "docs/boot.md says %s; the built ROM image takes %d bytes, "
           "highest start 0x%x" % (
               repr(m.group(0)) if m else
               "no \"The ROM image takes **N bytes** ... highest start is "
               "**0x...**\" figure", size, high))
