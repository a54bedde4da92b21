#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tests/bench/profile.py - where the instructions of one call go.

  profile.py shim SetPxELong [--skip N] [--args "only=pte_write"]
  profile.py pv be_pte_write [--skip N] [--args "only=pte_write"]
  profile.py nrom SetPxELong ...

Boots one benchmark kernel (as tests/bench/run.py does) stopped, with QEMU's
gdbstub, breaks at the call (a VMI call's slot in the ROM copy the kernel
calls through, or a function of the kernel), lets N calls pass, then
single-steps the next one until it returns and prints the instructions it
executed per function: the kernel's, the shim's (build/vmi-rom.elf) and
Xen's (build/xen/xen-syms).  Every instruction is counted once, as -icount
counts it.

Never: change what it profiles; it only reads.
"""
import argparse
import bisect
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402
rig = bench.rig

ROM_ELF = os.path.join(bench.BUILD, "vmi-rom.elf")
XEN_SYMS = os.path.join(bench.BUILD, "xen", "xen-syms")
CALLS_DEF = os.path.join(bench.TOP, "shim", "calls.def")


class Symbols:
    def __init__(self, path, bias=0, tag=""):
        out = subprocess.run(["nm", "-n", path], capture_output=True,
                             text=True, check=True).stdout
        self.addrs, self.names, self.all = [], [], {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) != 3:
                continue
            self.all[parts[2]] = int(parts[0], 16) + bias
            if parts[1] in "tTwW":
                self.addrs.append(int(parts[0], 16) + bias)
                self.names.append(tag + parts[2])

    def find(self, name):
        return self.all.get(name)

    def name(self, pc):
        i = bisect.bisect_right(self.addrs, pc) - 1
        return self.names[i] if i >= 0 else None


def call_number(name):
    with open(CALLS_DEF) as f:
        for line in f:
            if line.startswith("VMI_CALL(") and \
                    line.split(",")[1].strip() == name:
                return int(line[len("VMI_CALL("):].split(",")[0])
    sys.exit("profile: no VMI call %s in shim/calls.def" % name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("backend", choices=["shim", "pv", "nrom", "raw"])
    ap.add_argument("target", help="a VMI call name, or a kernel function")
    ap.add_argument("--skip", type=int, default=100)
    ap.add_argument("--args", default="only=pte_write")
    ap.add_argument("--max-steps", type=int, default=20000)
    ap.add_argument("--mem", type=int, default=64, help="guest MiB")
    ap.add_argument("--until", type=lambda x: int(x, 0), default=None,
                    help="stop at this address instead of the return (a "
                    "user instruction after a faulting one, say)")
    ap.add_argument("--at", type=lambda x: int(x, 0), default=None,
                    help="break at this address instead of the target's")
    a = ap.parse_args()

    kernel = bench.KERNELS[a.backend]
    ksyms = Symbols(kernel, tag="kernel:")
    rom_area = ksyms.find("rom_area")
    copy = Symbols(ROM_ELF, bias=rom_area - 0xF5000000, tag="shim:") \
        if a.backend == "shim" else None
    fixed = Symbols(ROM_ELF, tag="shim:") if a.backend == "shim" else None
    xen = Symbols(XEN_SYMS, tag="xen:") \
        if a.backend in ("shim", "pv") else None

    def where(pc):
        if copy and rom_area <= pc < rom_area + 0x10000:
            return copy.name(pc)
        if fixed and 0xF5000000 <= pc < 0xF5800000:
            return fixed.name(pc)
        if xen and pc >= 0xffff800000000000:
            return xen.name(pc)
        return ksyms.name(pc)
    if a.backend in ("shim", "nrom") and a.target[0].isupper():
        base = rom_area if a.backend == "shim" else ksyms.find("native_rom")
        bp = base + call_number(a.target) * 32
    else:
        bp = ksyms.find(a.target)
        if bp is None:
            sys.exit("profile: no function %s in %s" % (a.target, kernel))

    if a.at is not None:
        bp = a.at
    tmp = tempfile.mkdtemp(prefix="bench-prof-")
    sock = os.path.join(tmp, "gdb")
    r = bench.BenchRun("bench-profile", a.backend, a.mem, a.args)
    r.guest_path = rig.spaceless_copy(r.guest, r.name)
    cmd = r.command(sock)
    if "-S" not in cmd:
        cmd += ["-S", "-gdb", "unix:%s,server=on,wait=off" % sock]
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    g = rig.GdbStub(sock)
    try:
        if not g.connect(time.monotonic() + 20, lambda: qemu.poll() is None):
            sys.exit("profile: no gdbstub")
        g.request("qSupported")
        if g.request("Z0,%x,1" % bp) != "OK":
            sys.exit("profile: breakpoint at %x refused" % bp)
        for i in range(a.skip + 1):
            if i:
                # Step off the breakpoint before going on to the next hit.
                g.request("z0,%x,1" % bp)
                g.request("s", timeout=30)
                g.request("Z0,%x,1" % bp)
            g.cont()
            if g.packet(timeout=120) is None:
                sys.exit("profile: the kernel never reached %s" % a.target)
        g.request("z0,%x,1" % bp)
        start = g.regs()
        sp0 = start["rsp"]
        counts = collections.Counter()
        order = []
        steps = 0
        pc = start["rip"]
        while steps < a.max_steps:
            name = where(pc) or "?%x" % pc
            counts[name] += 1
            if not order or order[-1] != name:
                order.append(name)
            steps += 1
            if g.request("s", timeout=30) is None:
                break
            regs = g.regs()
            pc = regs["rip"]
            if a.until is not None:
                if pc == a.until:
                    break
                continue
            if (regs["rsp"] & 0xffffffff) > (sp0 & 0xffffffff) and \
                    pc < 0xF5000000 and pc >= 0xC0000000 and \
                    not (rom_area and rom_area <= pc < rom_area + 0x10000):
                break
        print("profile: %s on %s: %d instructions from the call to its "
              "return" % (a.target, a.backend, steps))
        width = max(len(n) for n in counts)
        for name, n in counts.most_common():
            print("  %-*s %6d" % (width, name, n))
        print("profile: path: " + " > ".join(order[:80]))
    finally:
        g.close()
        qemu.kill()
        qemu.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
