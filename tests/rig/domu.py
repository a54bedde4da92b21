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
(on_poweroff/on_reboot/on_crash = "destroy"; on_reboot = "restart" in
the reboot scenarios), so a guest reboot ends the run as "reboot".  How the machine ended is checked as rig.py checks it:
on the rebuilt Xen through QEMU's gdbstub (dom0's hwdom_shutdown(reboot),
then QEMU's exit), on the stock Xen, whose symbols Debian does not ship,
by QEMU's exit status 0 after dom0's "dom0: end".

  domu.py run [--xen rebuilt|stock] [--guest ELF] [--args "..."]
      [--boot-args "..."] [--rom ADDR] [--mem MiB] [--timeout S]
      [--name RUN] [--xen-args "..."] [--cfg "xl line"] [--quiet]
      [--lifecycle create|poweroff|reboot|shutdown|shutdown_ignored|
                   xl_reboot|destroy|pause|crash|crash_xen|input|stolen]

With --lifecycle the run is one xl lifecycle scenario (LIFECYCLE below):
dom0's /init acts on the domain (xl shutdown, reboot, destroy, pause,
console input, a CPU burner) and the result is RUN/lifecycle.NAME instead
of the guest's cases (docs/domu.md, "The xl lifecycle scenarios").

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
    # with #GP (a Xen panic).  bootscrub=true (overriding XEN_CMDLINE's
    # false): the PV shim's early boot reads guest-physical 0 as a
    # Multiboot info's flags, so a domain whose first page holds stale
    # data from before Xen booted sends the shim's command-line parser
    # into unbacked memory for ever (docs/domu.md, "The stock setup's
    # silent start").  memory: the shim's own ~22 MiB (Xen, its heap,
    # the guest's boot structures) come out of the domain's.
    "stock": dict(xen=STOCK_XEN, type="pvh", cpu="EPYC", kind="stock",
                  xen_args="max_cstate=0 bootscrub=true", mem_mb=128,
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

# The burner and the guest share the one CPU about evenly (credit
# scheduler, default weights); dom0's own work takes a little more.
STOLEN_MIN_PCT = 25

# The xl lifecycle scenarios (--lifecycle NAME, result RUN/lifecycle.NAME):
# the guest's arguments, what dom0's /init does to the running domain
# (DOMU_ACTION once the guest printed DOMU_AT), how many boots it
# releases (DOMU_BOOTS; a further one is destroyed), and on_reboot.
LIFECYCLE = {
    "create": dict(args="only=rom."),
    "poweroff": dict(args="only=rom."),
    "reboot": dict(args="only=rom. end=reboot", boots=2,
                   on_reboot="restart"),
    # alarm.* runs with interrupts enabled: the store channel's event
    # reaches the shim at once (with the guest's IF clear it waits).
    "shutdown": dict(args="only=alarm.", action="shutdown"),
    # end=hang: the guest pauses for ever with interrupts disabled, so
    # the request never reaches the shim; xl's wait ends, dom0 destroys.
    # 5 s of xl's wait: under -icount a busy CPU's second is an emulated
    # 10^9 instructions, 10-20 s of the host's (15 s took minutes).
    "shutdown_ignored": dict(args="only=rom. end=hang", action="shutdown",
                             at="vmitest: summary:", grace=5),
    "xl_reboot": dict(args="only=alarm.", action="reboot", boots=2,
                      on_reboot="restart"),
    "destroy": dict(args="only=rom. end=hang", action="destroy",
                    at="vmitest: summary:"),
    # alarm.*: a few seconds of cases (time.* spends minutes in the shim:
    # time.real_stolen_available's 100000 rounds of clock reads).
    "pause": dict(args="only=alarm.", action="pause"),
    # unimpl=75: SetInitialAPState, which the shim does not implement:
    # the shim's diagnostic, then SCHEDOP_shutdown(crash).
    "crash": dict(args="unimpl=75"),
    # crash=ud: a UD2 with no trap table: Xen itself crashes the domain.
    "crash_xen": dict(args="crash=ud"),
    # domu.console_input with input=expect: the guest prints INPUT_AT,
    # dom0 types INPUT_TEXT and a CR into xenconsoled's pty, the guest
    # reads the line through COM1's receive interrupt.
    "input": dict(args="only=domu.console_input input=expect",
                  action="input",
                  at="vmitest: domu.console_input: waiting"),
    # domu.stolen beside a CPU burner in dom0 (from the boot image's
    # banner on): at least STOLEN_MIN_PCT of its REAL stolen, AVAILABLE
    # and its alarm held back by exactly that.
    "stolen": dict(args="only=domu.stolen stolen=min:%d" % STOLEN_MIN_PCT,
                   action="burn", at="vmi-xen: PV boot image"),
}
INPUT_TEXT = "vmi-input-test"
BANNER = "vmi-xen: PV boot image: domU"
INIT_DONE_RE = re.compile(r"^vmi: VMI ROM .*: Init done")
STOLEN_NOTE_RE = re.compile(
    r"vmitest: domu\.stolen: (\d+) us of (\d+) us of REAL stolen")
CONSOLE_IN_RE = re.compile(r"^vmi: console: (\d+) bytes of input")
EVENTS_RE = re.compile(r"^vmi: events: .*\bconsole_events=(\d+)")
XS_SHUTDOWN_RE = re.compile(r"^vmi: xenstore: control/shutdown")

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


def domu_config(setup, guest_name, extra, mem_mb, on_reboot="destroy",
                more=()):
    """The xl config the runner gives dom0 (docs/xl-example.cfg explains
    each line; the rig destroys the domain at every shutdown but a reboot
    in the reboot scenarios)."""
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
              'on_reboot = "%s"' % on_reboot,
              'on_crash = "destroy"']
    lines += list(setup.get("cfg", ())) + list(more)
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
        self.icount = False
        self.lifecycle = None
        self.cfg_lines = []

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
        lc = LIFECYCLE.get(self.lifecycle, {})
        cfg = domu_config(self.setup, guest_name, extra.strip(), self.mem_mb,
                          lc.get("on_reboot", "destroy"), self.cfg_lines)
        self.config = cfg
        env = "DOMU_NAME=%s\nDOMU_TIMEOUT=%d\nDOMU_BOOTS=%d\n" % (
            DOMU_NAME, max(10, self.timeout - DOM0_MARGIN),
            lc.get("boots", 1))
        if lc.get("action"):
            env += ("DOMU_ACTION=%s\nDOMU_AT='%s'\nDOMU_INPUT=%s\n"
                    "DOMU_GRACE=%d\n" % (lc["action"], lc.get("at", "PASS "),
                                         INPUT_TEXT, lc.get("grace", 30)))
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
        if self.icount:
            cmd += ["-icount", "shift=0", "-rtc", "clock=vm"]
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


def judge_lifecycle(run, scenario, results):
    """The result RUN/lifecycle.<scenario>: what xl, dom0's /init and the
    guest's console show of the scenario; (ok, why) reported."""
    g = run.guest_lines()
    d = run.lines
    xl = [x.group(1) for x in map(XL_RE.match, d) if x]
    ending, _ = run.domu_ending()
    boots = sum(1 for l in g if l.startswith(BANNER))
    inits = sum(1 for l in g if INIT_DONE_RE.match(l))
    summaries = [l for l in g if rig.SUMMARY_RE.search(l)]
    acts = [l for l in d if l.startswith("dom0: lifecycle: ")]
    xs = [l for l in g if XS_SHUTDOWN_RE.match(l)]
    reboots = sum(1 for l in xl if "has shut down, reason code 1 " in l)
    why = []

    def need(ok, text):
        if not ok:
            why.append(text)

    need(boots >= 1 and inits >= 1,
         "the guest never started (%d boot banner(s), %d Init done)"
         % (boots, inits))
    if scenario == "create":
        need(any(l.startswith("dom0: released domain ") for l in d),
             "dom0 never released the paused domain")
    elif scenario == "poweroff":
        need(ending == "poweroff", "ended as %s, not poweroff" % ending)
        need(len(summaries) == 1, "no guest summary before the poweroff")
    elif scenario == "reboot":
        # dom0 destroys the third boot once its banner is out.
        need(boots >= 2 and inits >= 2 and len(summaries) >= 2,
             "%d boot(s), %d Init(s), %d summaries; want 2 of each"
             % (boots, inits, len(summaries)))
        need(reboots >= 2 and any("reason code 1 is restart" in l
                                  for l in xl),
             "xl saw %d reboot(s) and no restart action" % reboots)
    elif scenario in ("shutdown", "xl_reboot"):
        need(xs, "the shim printed no \"vmi: xenstore: control/shutdown\" line")
        need(not any("ignored it" in l for l in acts),
             "the domain ignored xl's request and was destroyed")
        if scenario == "shutdown":
            need(ending == "poweroff", "ended as %s, not poweroff" % ending)
        else:
            need(boots == 2 and reboots == 1 and
                 any("reason code 1 is restart" in l for l in xl),
                 "%d boot(s), %d reboot(s) by xl's view; want 2 and 1"
                 % (boots, reboots))
    elif scenario == "shutdown_ignored":
        need(not xs, "the shim acted on the request: %s" % (xs[:1],))
        need(any("ignored it; xl destroy" in l for l in acts),
             "dom0 did not see xl shutdown -w time out")
        need(ending == "destroyed", "ended as %s, not destroyed" % ending)
    elif scenario == "destroy":
        need(ending == "destroyed", "ended as %s, not destroyed" % ending)
        need(any("xl destroy exit 0" in l for l in acts),
             "no \"xl destroy exit 0\" from dom0")
    elif scenario == "pause":
        m = [re.search(r"state (\S+), guest lines (\d+) -> (\d+)", l)
             for l in acts]
        m = [x for x in m if x]
        need(m and "p" in m[0].group(1) and m[0].group(2) == m[0].group(3),
             "paused: %s" % (acts[0] if acts else "no report from dom0"))
        need(ending == "poweroff" and len(summaries) == 1,
             "after xl unpause the guest did not run to its end (%s)"
             % ending)
    elif scenario == "crash":
        need(ending == "crash", "ended as %s, not crash" % ending)
        need(any("vmi: crashing the domain" in l for l in g),
             "no \"vmi: crashing the domain\" on the console")
        need(any(re.match(r"vmi: call \S+ \(\d+\) not implemented", l)
                 for l in g),
             "no \"vmi: call ... not implemented\" reason on the console")
    elif scenario == "crash_xen":
        need(ending == "crash", "ended as %s, not crash" % ending)
        need(any("executing UD2" in l for l in g),
             "the guest never reached its UD2")
    elif scenario == "input":
        need(any(l.startswith("PASS domu.console_input") for l in g),
             "domu.console_input did not pass: %s"
             % next((l for l in g if l.startswith("FAIL domu.console_input")),
                    "it did not run"))
        got = [int(x.group(1)) for x in map(CONSOLE_IN_RE.match, g) if x]
        ev = [int(x.group(1)) for x in map(EVENTS_RE.match, g) if x]
        need(got and got[-1] >= len(INPUT_TEXT) + 1,
             "the shim took %s byte(s) of input from the ring, want %d"
             % (got[-1] if got else "no", len(INPUT_TEXT) + 1))
        need(ev and ev[-1] >= 1, "console_events=%s" % (ev or "?"))
        need(ending == "poweroff", "ended as %s, not poweroff" % ending)
    elif scenario == "stolen":
        # The guest checks the share itself (stolen=min:N); the rig
        # checks the note too, so a guest ignoring the option fails.
        m = [STOLEN_NOTE_RE.search(l) for l in g]
        m = [x for x in m if x]
        need(any(l.startswith("PASS domu.stolen") for l in g),
             "domu.stolen did not pass: %s"
             % next((l for l in g if l.startswith("FAIL domu.stolen")),
                    "it did not run"))
        need(m and int(m[0].group(1)) * 100 >=
             int(m[0].group(2)) * STOLEN_MIN_PCT,
             "domu.stolen's note: %s us stolen of %s us, want >= %d %%"
             % (tuple(m[0].group(1, 2)) + (STOLEN_MIN_PCT,) if m
                else ("no note", "?", STOLEN_MIN_PCT)))
    rig.report(results, run.name + "/lifecycle." + scenario, not why,
               "; ".join(why))


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
    # The stock setup's full suite takes about 6 minutes of QEMU.
    r.add_argument("--timeout", type=int, default=900)
    r.add_argument("--name", default=None,
                   help="run name (results RUN/..., log build/logs/RUN.log)")
    r.add_argument("--xen-args", default="",
                   help="more of Xen's command line (e.g. sched=credit)")
    r.add_argument("--quiet", action="store_true",
                   help="do not show the console live")
    r.add_argument("--cfg", action="append", default=[],
                   help="one more line of the xl config (e.g. 'hap = 0')")
    r.add_argument("--icount", action="store_true",
                   help="QEMU -icount shift=0 -rtc clock=vm: virtual time "
                   "counts instructions, so the host's load cannot bunch "
                   "the guest's ticks")
    r.add_argument("--lifecycle", choices=sorted(LIFECYCLE), default=None,
                   help="an xl lifecycle scenario (result RUN/lifecycle.NAME; "
                   "the guest's arguments default to the scenario's)")
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
    if a.lifecycle and not a.args:
        a.args = LIFECYCLE[a.lifecycle]["args"]
    name = a.name or "domu-%s" % a.xen
    expect_end = "reboot" if "end=reboot" in a.args.split() else "poweroff"
    run = DomuRun(name, setup, guest, a.args, a.boot_args, a.rom,
                  a.mem or setup["mem_mb"],
                  a.timeout, live=not a.quiet)
    run.xen_args = a.xen_args
    run.icount = a.icount
    run.lifecycle = a.lifecycle
    run.cfg_lines = a.cfg
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
    if a.lifecycle:
        judge_lifecycle(run, a.lifecycle, results)
    else:
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
