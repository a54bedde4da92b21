#!/usr/bin/env python3
"""The real-Xen test rig: boots a VMI kernel under QEMU and judges the run.

A "xen" boot runs the PV32-enabled hypervisor (build/xen/xen) under
qemu-system-x86_64 (software emulation) with the PV boot image
(build/vmi-xen.elf) as dom0 and the VMI kernel as dom0's second multiboot
module.  A "bare" boot runs the VMI kernel alone under qemu-system-i386, where
it uses its own native ROM.  The serial log goes to build/logs/<name>.log.

The guest prints `PASS <area>.<case>` / `FAIL <area>.<case>: <why>` per case,
`vmitest: summary: N passed, M failed` and `vmitest: done`; each case becomes
a result.  A missing summary, a crash, a Xen panic, an unexpected ending or
a timeout fails the run, with the log tail shown.

  rig.py run [--guest ELF] [--rom ADDR] [--args "..."]   boot one guest on
      Xen with the output shown live (make run)
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(TOP, "build")
XEN = os.path.join(BUILD, "xen", "xen")
BOOT_IMAGE = os.path.join(BUILD, "vmi-xen.elf")
GUEST = os.path.join(BUILD, "vmitest.elf")
LOGS = os.path.join(BUILD, "logs")

# smap=0: under QEMU's software emulation a ring-3 IRET reads its stack with
# supervisor accesses; with Xen's SMAP on that is a #PF Xen takes for
# spurious, and the guest's IRET repeats forever (real hardware does not).
XEN_CMDLINE = ("console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
               "dom0_mem=64M,max:64M smap=0")

# Lines that end a Xen run, and what they mean.
XEN_ENDINGS = [
    (re.compile(r"Hardware Dom0 halted: halting machine"), "poweroff"),
    (re.compile(r"Hardware Dom0 shutdown: rebooting machine"), "reboot"),
    (re.compile(r"Hardware Dom0 crashed"), "crash"),
    (re.compile(r"Panic on CPU"), "panic"),
]

CASE_RE = re.compile(r"^(?:\(d\d+\) )?(PASS|FAIL) ([a-z0-9_]+\.[a-z0-9_]+)"
                     r"(?:: (.*))?\s*$")
SUMMARY_RE = re.compile(r"vmitest: summary: (\d+) passed, (\d+) failed")
ROM_RE = re.compile(r"vmitest: VMI ROM at 0x([0-9a-f]+), API (\d+)\.(\d+)")
INIT_RE = re.compile(r"vmitest: VMI_Init returned (-?\d+)")
NATIVE_RE = re.compile(r"vmitest: no VMI ROM found, using the native ROM")
# The shim's diagnostic for each bad-input case of the guest.
BAD_INPUT_DIAGNOSTICS = [
    ("bad.idt_entry_range", re.compile(
        r"vmi: WriteIDTEntry\(idt=[0-9a-f]{8}, entry=256, lo=[0-9a-f]{8}, "
        r"hi=[0-9a-f]{8}\): .*; injecting #GP")),
    ("bad.gdt_reserved", re.compile(
        r"vmi: WriteGDTEntry\(gdt=[0-9a-f]{8}, entry=7168, .*reserved.*; "
        r"injecting #GP")),
    ("bad.descriptor_rejected", re.compile(
        r"vmi: WriteGDTEntry\(table=[0-9a-f]{8}, entry=7, lo=[0-9a-f]{8}, "
        r"hi=00af9a00\): 64-bit code segment.*: Xen error -22; "
        r"injecting #GP")),
    ("bad.invd", re.compile(
        r"vmi: INVD\(\): invalid in a virtual machine; injecting #GP")),
]
TSC_RE = re.compile(r"vmitest: cpuid 0x40000010 tsc_khz=(\d+) bus_khz=(\d+)")
XEN_MHZ_RE = re.compile(r"Detected (\d+\.\d+) MHz processor")


class Run:
    """One boot: its configuration, its log and the verdict."""

    def __init__(self, name, kind, guest=GUEST, rom=None, args="",
                 expect_end="poweroff", timeout=180, live=False):
        self.name = name
        self.kind = kind            # "xen" or "bare"
        self.guest = guest
        self.rom = rom
        self.args = args
        self.expect_end = expect_end
        self.timeout = timeout
        self.live = live
        self.log_path = os.path.join(LOGS, name + ".log")
        self.lines = []
        self.ending = None
        self.exit_code = None
        self.seconds = 0.0

    def command(self):
        if self.kind == "bare":
            return ["qemu-system-i386", "-machine", "pc", "-accel", "tcg",
                    "-m", "64", "-display", "none", "-monitor", "none",
                    "-serial", "stdio", "-no-reboot",
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                    "-kernel", self.guest, "-append", self.args]
        dom0 = BOOT_IMAGE.replace(",", ",,")
        if self.rom:
            dom0 += " rom=" + self.rom
        dom0 += " -- " + self.args.replace(",", ",,")
        return ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
                "-cpu", "max", "-m", "1024", "-smp", "1",
                "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-no-reboot",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-kernel", XEN, "-append", XEN_CMDLINE,
                "-initrd", dom0 + "," + self.guest.replace(",", ",,")]

    def boot(self):
        os.makedirs(LOGS, exist_ok=True)
        start = time.monotonic()
        proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        timer = threading.Timer(self.timeout, proc.kill)
        timer.start()
        with open(self.log_path, "w", encoding="utf-8") as log:
            for raw in proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                line = line.replace("\r", "")
                self.lines.append(line)
                log.write(line + "\n")
                if self.live:
                    print(line, flush=True)
                for pattern, what in XEN_ENDINGS:
                    if self.kind == "xen" and pattern.search(line):
                        self.ending = what
                if self.ending in ("poweroff", "crash", "panic"):
                    # Xen halts or waits before rebooting: stop QEMU now.
                    proc.kill()
        proc.wait()
        timer.cancel()
        self.seconds = time.monotonic() - start
        self.exit_code = proc.returncode
        if self.ending is None:
            if self.seconds >= self.timeout:
                self.ending = "timeout"
            elif self.kind == "bare":
                self.ending = {0: "poweroff"}.get(
                    self.exit_code, "exit %d" % self.exit_code)
            else:
                self.ending = "exit %d" % self.exit_code
        return self

    def tail(self, n=25):
        return "\n".join("    | " + l for l in self.lines[-n:])

    def guest_cases(self):
        """(name, passed, why) for every PASS/FAIL line of the guest."""
        cases = []
        for line in self.lines:
            m = CASE_RE.match(line)
            if m:
                cases.append((m.group(2), m.group(1) == "PASS",
                              m.group(3) or ""))
        return cases

    def find(self, regex):
        for line in self.lines:
            m = regex.search(line)
            if m:
                return m
        return None

    def problems(self):
        """Why the run as a whole failed; empty when it did not."""
        why = []
        cases = self.guest_cases()
        summary = self.find(SUMMARY_RE)
        if self.ending != self.expect_end:
            why.append("ended by %s, expected %s"
                       % (self.ending, self.expect_end))
        if summary is None:
            why.append("no guest summary line")
        else:
            npass, nfail = int(summary.group(1)), int(summary.group(2))
            seen_pass = sum(1 for c in cases if c[1])
            seen_fail = len(cases) - seen_pass
            if (npass, nfail) != (seen_pass, seen_fail):
                why.append("summary says %d passed, %d failed but the log "
                           "has %d PASS and %d FAIL lines"
                           % (npass, nfail, seen_pass, seen_fail))
            if nfail:
                why.append("%d guest case(s) failed" % nfail)
        if not cases:
            why.append("no test case ran")
        if self.find(re.compile(r"vmi: call \S+ \(\d+\) not implemented")):
            why.append("the guest called an unimplemented VMI call")
        return why


def report(results, name, ok, why=""):
    results.append((name, ok, why))
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)),
          flush=True)


def judge_boot(run, results, expect_rom=None, expect_native=False):
    """Turn one finished boot into results named <run>/<case>."""
    for case, ok, why in run.guest_cases():
        report(results, "%s/%s" % (run.name, case), ok, why)
    if expect_rom is not None:
        m = run.find(ROM_RE)
        init = run.find(INIT_RE)
        if m is None:
            report(results, run.name + "/run.rom_found", False,
                   "the guest did not report a VMI ROM")
        else:
            addr = int(m.group(1), 16)
            api = (int(m.group(2)), int(m.group(3)))
            report(results, run.name + "/run.rom_found",
                   addr == expect_rom and api == (13, 0),
                   "ROM at %#x API %d.%d, expected %#x API 13.0"
                   % (addr, api[0], api[1], expect_rom))
        report(results, run.name + "/run.init",
               init is not None and init.group(1) == "0",
               "VMI_Init returned %s" % (init.group(1) if init else
                                         "nothing (no line)"))
    if run.kind == "xen" and expect_rom is not None:
        # Bad input reaches the console: call, arguments, reason, outcome.
        for case, pattern in BAD_INPUT_DIAGNOSTICS:
            if any(c[0] == case for c in run.guest_cases()):
                report(results, "%s/diag.%s" % (run.name, case),
                       run.find(pattern) is not None,
                       "no console line matching %r" % pattern.pattern)
    if run.kind == "xen":
        # The generic timing leaf must agree with the TSC Xen calibrated.
        guest, xen = run.find(TSC_RE), run.find(XEN_MHZ_RE)
        ok = bool(guest and xen)
        if ok:
            khz, xen_khz = int(guest.group(1)), float(xen.group(1)) * 1000
            ok = abs(khz - xen_khz) <= xen_khz * 0.005
        report(results, run.name + "/run.cpuid_tsc_khz", ok,
               "guest %s, Xen %s" % (guest.group(0) if guest else
                                     "printed no tsc_khz line",
                                     xen.group(0) if xen else
                                     "printed no MHz line"))
    if expect_native:
        report(results, run.name + "/run.native_rom",
               run.find(NATIVE_RE) is not None,
               "the guest did not fall back to its native ROM")
    why = run.problems()
    report(results, run.name + "/run.verdict", not why,
           "; ".join(why) + "\n" + run.tail())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="boot one VMI kernel on Xen, live")
    r.add_argument("--guest", default=GUEST)
    r.add_argument("--rom", default=None, help="ROM load address")
    r.add_argument("--args", default="", help="guest command line")
    r.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()

    guest = os.path.abspath(a.guest)
    if not os.path.exists(guest):
        sys.exit("rig: no such guest kernel: %s" % guest)
    name = "run-" + os.path.splitext(os.path.basename(guest))[0]
    run = Run(name, "xen", guest=guest, rom=a.rom, args=a.args,
              timeout=a.timeout, live=True)
    print("rig: booting Xen (PV32) with %s as dom0, VMI kernel %s"
          % (os.path.relpath(BOOT_IMAGE), os.path.relpath(guest)),
          flush=True)
    run.boot()
    if run.find(re.compile(r"^vmitest: ")):
        why = run.problems()
    else:
        # Another VMI kernel: only the way the run ended can be judged.
        why = [] if run.ending in ("poweroff", "reboot") else \
            ["ended by %s" % run.ending]
    summary = run.find(SUMMARY_RE)
    print("rig: log in %s (%.1f s); run ended by %s"
          % (os.path.relpath(run.log_path), run.seconds, run.ending))
    if summary:
        print("rig: guest summary: %s passed, %s failed"
              % (summary.group(1), summary.group(2)))
    if why:
        print("rig: FAILED: " + "; ".join(why))
        sys.exit(1)
    print("rig: OK")


if __name__ == "__main__":
    main()
