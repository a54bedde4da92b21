#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The xl domU rig: boots a VMI kernel as an `xl create` domU and judges it.

Xen runs under qemu-system-x86_64 (software emulation) with Debian's Linux
as dom0 (build/dom0/, tests/rig/build-dom0.sh) and Xen's own toolstack.
dom0's /init (tests/rig/dom0-init.sh) creates the domU with `xl create -F`
from a config this runner writes (the PV boot image build/vmi-xen.elf as
`kernel`, the VMI kernel as `ramdisk`, its arguments in `extra`), prints
the guest's console as xenconsoled logs it, every line prefixed `domU| `,
then how xl saw the domain end, and reboots the machine.  Two setups:

  rebuilt  the PV32 hypervisor of tests/rig/build-xen.sh, type = "pv"
  stock    Debian's stock hypervisor (no PV32), type = "pvh" with
           pvshim = 1: the guest runs inside Debian's PV shim (QEMU
           -cpu EPYC: the shim's PVH container needs SVM)

The guest's verdict is read from the prefixed lines only (nothing the
guest prints can pass for dom0's), its PASS/FAIL lines judged as
tests/rig/rig.py judges a dom0 run, against the cases tests/guest/
declares.  How the domU ended is xl's view ("Domain N has shut down,
reason code R"); every domain is destroyed at its first shutdown
(on_poweroff/on_reboot/on_crash = "destroy"), so a guest reboot ends the
run as "reboot".  How the machine ended is checked as rig.py checks it:
on the rebuilt Xen through QEMU's gdbstub (dom0's hwdom_shutdown(reboot),
then QEMU's exit), on the stock Xen, whose symbols Debian does not ship,
by QEMU's exit status 0 after dom0's "dom0: end".

  domu.py run [--xen rebuilt|stock] [--guest ELF] [--args "..."]
      [--boot-args "..."] [--rom ADDR] [--mem MiB] [--timeout S]
      [--name RUN] [--xen-args "..."] [--quiet]

Prints the console live (unless --quiet), then one result line per case
and check (`PASS RUN/<area>.<case>`, `FAIL RUN/<check>: why`, as rig.py's
judge_boot), then `domu: ...` lines: the domU's ending, dom0's, the wall
time and `domu: guest summary: N passed, M failed`, and last `domu: OK`
or `domu: FAILED: ...`.  Exit status 0 when every result passed, 1 when
one failed, 2 when the run could not be set up.  Log: build/logs/RUN.log.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import rig

TOP = rig.TOP
BUILD = rig.BUILD
DOM0 = os.path.join(BUILD, "dom0")
VMLINUZ = os.path.join(DOM0, "vmlinuz")
INITRD = os.path.join(DOM0, "initrd.cpio")
STOCK_XEN = os.path.join(DOM0, "xen-stock")
XEN_SHIM = os.path.join(DOM0, "xen-shim")

SETUPS = {
    "rebuilt": dict(xen=rig.XEN, type="pv", cpu="max", kind="xen",
                    xen_args="", mem_mb=64,
                    what="the rebuilt PV32 Xen (build/xen/xen), type = \"pv\""),
    # -cpu EPYC: the shim's PVH container needs SVM (-cpu max makes the
    # shim #GP on MSR 0xc0010015).  max_cstate=0: Xen's ACPI idle would
    # use MWAIT with the interrupt-break hint, which QEMU's EPYC refuses
    # with #GP (a Xen panic).  memory: the shim's own ~22 MiB (Xen, its
    # heap, the guest's boot structures) come out of the domain's.
    "stock": dict(xen=STOCK_XEN, type="pvh", cpu="EPYC", kind="stock",
                  xen_args="max_cstate=0", mem_mb=128,
                  what="Debian's stock Xen (build/dom0/xen-stock) and its "
                  "PV shim, type = \"pvh\", pvshim = 1"),
}

# smap=0: see rig.py (QEMU's ring-3 IRET and Xen's SMAP).  dom0 needs
# little memory: the toolstack and the images.
XEN_CMDLINE = ("console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
               "dom0_mem={dom0}M,max:{dom0}M smap=0 bootscrub=false")
DOM0_MEM_MB = 256
DOM0_ARGS = "console=hvc0 quiet"
DOMU_NAME = "vmi"
# Seconds the dom0 side needs besides the domU (boot, toolstack, report).
DOM0_MARGIN = 40

GUEST_PREFIX = "domU| "
ENDED_RE = re.compile(r"^dom0: domU ended: (\S+)(?: \((.*)\))?\s*$")
XL_RE = re.compile(r"^dom0: xl: (.*)$")
DOM0_END_RE = re.compile(r"^dom0: end\s*$")
TOOLSTACK_RE = re.compile(r"^dom0: toolstack up \(([\d.]+) s\)")


def cpio_newc(files):
    """A newc cpio archive of (name, bytes) regular files (mode 0644)."""
    out = bytearray()

    def entry(name, mode, data, ino):
        nb = name.encode() + b"\0"
        fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nb), 0)
        out.extend(b"070701" + "".join("%08x" % f for f in fields).encode())
        out.extend(nb)
        out.extend(b"\0" * (-len(out) % 4))
        out.extend(data)
        out.extend(b"\0" * (-len(out) % 4))

    for i, (name, data) in enumerate(files):
        entry(name, 0o100644, data, 0x7000 + i)
    entry("TRAILER!!!", 0, b"", 0)
    out.extend(b"\0" * (-len(out) % 512))
    return bytes(out)


def xl_string(s, what):
    """s as an xl config string, or SystemExit when it cannot be one."""
    if '"' in s or "\\" in s or "\n" in s:
        sys.exit("domu: %s may not contain '\"', '\\' or a newline: %r"
                 % (what, s))
    return '"%s"' % s


def domu_config(setup, guest_name, extra, mem_mb):
    """The xl config the runner gives dom0 (docs/xl-example.cfg explains
    each line; the rig destroys the domain at every shutdown)."""
    lines = ['name = "%s"' % DOMU_NAME,
             'type = "%s"' % setup["type"]]
    if setup["type"] == "pvh":
        lines.append("pvshim = 1")
    lines += ['kernel = "/vmi/vmi-xen.elf"',
              'ramdisk = "/vmi/%s"' % guest_name,
              "extra = %s" % xl_string(extra, "the guest's arguments"),
              "memory = %d" % mem_mb,
              "vcpus = 1",
              'on_poweroff = "destroy"',
              'on_reboot = "destroy"',
              'on_crash = "destroy"']
    return "\n".join(lines) + "\n"


class DomuRun(rig.Run):
    """One dom0 boot that runs one domU; the machine-level run of rig.py
    with the QEMU command of this setup."""

    def __init__(self, name, setup, guest, args, boot_args, rom, mem_mb,
                 timeout, live):
        super().__init__(name, setup["kind"], guest=guest, rom=rom,
                         args=args, boot_args=boot_args, mem_mb=mem_mb,
                         expect_end="reboot", timeout=timeout, live=live,
                         progress=30 if live else 0)
        self.setup = setup
        self.tmp = None
        self.xen_args = ""

    def prepare(self):
        """The second archive (/vmi/) and the initrd it is appended to."""
        self.tmp = tempfile.mkdtemp(prefix="vmi-domu-")
        extra = ""
        if self.rom:
            extra += "rom=%s " % self.rom
        if self.boot_args:
            extra += self.boot_args + " "
        extra += "-- " + self.args
        guest_name = re.sub(r"[^A-Za-z0-9._-]", "_",
                            os.path.basename(self.guest))
        if guest_name == "vmi-xen.elf":
            guest_name = "guest.elf"
        cfg = domu_config(self.setup, guest_name, extra.strip(), self.mem_mb)
        self.config = cfg
        env = "DOMU_NAME=%s\nDOMU_TIMEOUT=%d\n" % (
            DOMU_NAME, max(10, self.timeout - DOM0_MARGIN))
        with open(rig.BOOT_IMAGE, "rb") as f:
            boot = f.read()
        with open(self.guest, "rb") as f:
            kernel = f.read()
        files = [("vmi/domu.cfg", cfg.encode()),
                 ("vmi/run.env", env.encode()),
                 ("vmi/vmi-xen.elf", boot),
                 ("vmi/" + guest_name, kernel)]
        if self.setup["type"] == "pvh":
            # Where xl looks for the shim; 6 MB the other setup does not
            # need to unpack.
            with open(XEN_SHIM, "rb") as f:
                files.append(("usr/lib/xen-4.17/boot/xen-shim", f.read()))
        run = cpio_newc(files)
        self.initrd = os.path.join(self.tmp, "initrd.cpio")
        with open(self.initrd, "wb") as out, open(INITRD, "rb") as base:
            shutil.copyfileobj(base, out)
            out.write(run)
        self.vmlinuz = VMLINUZ
        if " " in VMLINUZ:
            self.vmlinuz = os.path.join(self.tmp, "vmlinuz")
            shutil.copyfile(VMLINUZ, self.vmlinuz)

    def cleanup(self):
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def command(self, gdb_socket=None):
        dom0 = "%s %s" % (self.vmlinuz.replace(",", ",,"), DOM0_ARGS)
        cmd = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
               "-cpu", self.setup["cpu"], "-m", "2048", "-smp", "1",
               "-display", "none", "-monitor", "none", "-serial", "stdio",
               "-no-reboot",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-kernel", self.setup["xen"],
               "-append", " ".join(
                   [XEN_CMDLINE.format(dom0=DOM0_MEM_MB)] +
                   [x for x in (self.setup["xen_args"], self.xen_args) if x]),
               "-initrd", dom0 + "," + self.initrd.replace(",", ",,")]
        if gdb_socket:
            cmd += ["-S", "-gdb", "unix:%s,server=on,wait=off" % gdb_socket]
        return cmd

    # -- what dom0 reported --------------------------------------------

    def guest_lines(self):
        return [l[len(GUEST_PREFIX):] for l in self.lines
                if l.startswith(GUEST_PREFIX)]

    def domu_ending(self):
        """(ending, detail) as dom0 reported xl's view, or (None, why)."""
        m = None
        for line in self.lines:
            mm = ENDED_RE.match(line)
            if mm:
                m = mm
        if m is None:
            return None, "dom0 printed no \"dom0: domU ended: ...\" line"
        xl = [x.group(1) for x in map(XL_RE.match, self.lines) if x]
        shut = [x for x in xl if "has shut down" in x]
        detail = m.group(2) or ""
        if shut:
            detail += "; xl: " + shut[0]
        return m.group(1), detail

    def machine_problem(self):
        """Why dom0's own end is not the clean one; None when it is."""
        if not any(DOM0_END_RE.match(l) for l in self.lines):
            return "dom0 never printed \"dom0: end\" (machine ended by %s: %s)" \
                % (self.ending, self.ending_why)
        if self.kind == "xen":
            if self.ending != "reboot":
                return "machine ended by %s, expected dom0's reboot (%s)" \
                    % (self.ending, self.ending_why)
        elif self.ending != "exit 0":
            return "machine ended by %s, expected QEMU's exit 0 at dom0's reboot (%s)" \
                % (self.ending, self.ending_why)
        return None


def guest_view(run, expect_end):
    """A rig.Run holding what the domU printed (and Xen's own lines), with
    xl's view of its ending: what rig.judge_boot judges."""
    view = rig.Run(run.name, "xen", guest=run.guest, rom=run.rom,
                   args=run.args, expect_end=expect_end)
    xen = [l for l in run.lines if l.startswith("(XEN) ")]
    view.lines = xen + run.guest_lines()
    ending, detail = run.domu_ending()
    view.ending = ending or "unknown"
    view.ending_why = detail
    return view


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="boot one VMI kernel as an xl domU")
    r.add_argument("--xen", choices=sorted(SETUPS), default="rebuilt")
    r.add_argument("--guest", default=rig.GUEST)
    r.add_argument("--args", default="", help="guest command line")
    r.add_argument("--boot-args", default="",
                   help="the boot image's options (e.g. defer=off)")
    r.add_argument("--rom", default=None, help="ROM load address")
    r.add_argument("--mem", type=int, default=None,
                   help="the domU's memory in MiB (xl memory; default 64, "
                   "128 with the shim)")
    r.add_argument("--timeout", type=int, default=240)
    r.add_argument("--name", default=None,
                   help="run name (results RUN/..., log build/logs/RUN.log)")
    r.add_argument("--xen-args", default="",
                   help="more of Xen's command line (e.g. sched=credit)")
    r.add_argument("--quiet", action="store_true",
                   help="do not show the console live")
    a = ap.parse_args()

    setup = SETUPS[a.xen]
    guest = os.path.abspath(a.guest)
    need = [(setup["xen"], "Xen (make xen)" if a.xen == "rebuilt" else
             "the stock Xen (tests/rig/build-dom0.sh)"),
            (rig.BOOT_IMAGE, "the PV boot image (make all)"),
            (VMLINUZ, "dom0's kernel (tests/rig/build-dom0.sh)"),
            (INITRD, "dom0's initramfs (tests/rig/build-dom0.sh)")]
    for path, what in need:
        if not os.path.exists(path):
            print("domu: %s is missing: %s" % (what, os.path.relpath(path)))
            sys.exit(2)
    problem = rig.guest_file_problem(guest)
    if problem:
        print("domu: %s; not booting" % problem)
        sys.exit(2)
    name = a.name or "domu-%s" % a.xen
    expect_end = "reboot" if "end=reboot" in a.args.split() else "poweroff"
    run = DomuRun(name, setup, guest, a.args, a.boot_args, a.rom,
                  a.mem or setup["mem_mb"],
                  a.timeout, live=not a.quiet)
    run.xen_args = a.xen_args
    run.prepare()
    print("domu: booting %s with Debian's Linux as dom0; xl create of %s "
          "(kernel) with %s (ramdisk)"
          % (setup["what"], os.path.relpath(rig.BOOT_IMAGE),
             os.path.relpath(guest)), flush=True)
    for line in run.config.splitlines():
        print("domu: config: " + line)
    try:
        run.boot()
    finally:
        run.cleanup()

    view = guest_view(run, expect_end)
    results = []
    rig.judge_boot(view, results,
                   expect_rom=int(a.rom, 0) if a.rom else 0xc8000)
    why = run.machine_problem()
    rig.report(results, name + "/run.machine_end", why is None, why or "")

    ending, detail = run.domu_ending()
    tool = run.find(TOOLSTACK_RE)
    print("domu: log in %s" % os.path.relpath(run.log_path))
    print("domu: domU ended: %s (%s)" % (ending, detail))
    print("domu: machine ended by %s: %s" % (run.ending, run.ending_why))
    for n in run.notes:
        print("domu: note: " + n)
    print("domu: wall time %.1f s (QEMU start to exit; dom0's toolstack "
          "up at %s s of dom0's uptime)"
          % (run.seconds, tool.group(1) if tool else "?"))
    summary = view.find(rig.SUMMARY_RE)
    if summary:
        print("domu: guest summary: %s passed, %s failed"
              % (summary.group(1), summary.group(2)))
    failed = [r for r in results if not r[1]]
    if failed:
        print("domu: FAILED: %d of %d result(s): %s"
              % (len(failed), len(results),
                 " ".join(r[0] for r in failed[:8]) +
                 (" ..." if len(failed) > 8 else "")))
        sys.exit(1)
    print("domu: OK (%d results)" % len(results))


if __name__ == "__main__":
    main()
