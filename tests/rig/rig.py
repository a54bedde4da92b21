#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The real-Xen test rig: boots a VMI kernel under QEMU and judges the run.

A "xen" boot runs the PV32-enabled hypervisor (build/xen/xen) under
qemu-system-x86_64 (software emulation) with the PV boot image
(build/vmi-xen.elf) as dom0 and the VMI kernel as dom0's second multiboot
module.  A "bare" boot runs the VMI kernel alone under qemu-system-i386, where
it uses its own native ROM.  The serial log goes to build/logs/<name>.log.

The guest prints `PASS <area>.<case>` / `FAIL <area>.<case>: <why>` per case,
`vmitest: summary: N passed, M failed` and `vmitest: done`; each case becomes
a result.  A missing summary, a missing or unexpected case (the expected set
is read from the TEST_CASE lines of tests/guest/), a crash, a Xen panic, an
unexpected ending or a timeout fails the run, with the log tail shown.

How a Xen run ended is never read from the serial console: Xen prints
dom0's console output without a prefix, so the guest can print any line Xen
would.  The rig instead attaches to QEMU's gdbstub (a unix socket only the
rig and QEMU see) with breakpoints on Xen's own hwdom_shutdown() (its
argument is the shutdown reason dom0 or Xen asked for), __domain_crash()
and panic(), all in Xen's text, which a ring-1 guest cannot execute; a
poweroff counts once the CPU is seen halted inside machine_halt() with
interrupts off, a reboot once QEMU then exits by itself.  A console line
that claims an ending without that evidence fails the run within a few
seconds ("unconfirmed poweroff").  See docs/testing.md.

  rig.py run [--guest ELF] [--rom ADDR] [--args "..."] [--timeout S]
      [--progress S]   boot one guest on Xen with the output shown live
      (make run)
"""
import argparse
import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from diagnostics import BAD_INPUT_DIAGNOSTICS

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.join(TOP, "build")
XEN = os.path.join(BUILD, "xen", "xen")
BOOT_IMAGE = os.path.join(BUILD, "vmi-xen.elf")
GUEST = os.path.join(BUILD, "vmitest.elf")
LOGS = os.path.join(BUILD, "logs")
GUEST_SRC = os.path.join(TOP, "tests", "guest")

# smap=0: under QEMU's software emulation a ring-3 IRET reads its stack with
# supervisor accesses; with Xen's SMAP on that is a #PF Xen takes for
# spurious, and the guest's IRET repeats forever (real hardware does not).
# bootscrub=false: Xen would otherwise scrub free memory from its idle loop,
# which under software emulation eats most of a 1 kHz tick's expiries.
XEN_CMDLINE = ("console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
               "dom0_mem={mem}M,max:{mem}M smap=0 bootscrub=false")
DOM0_MEM_MB = 64

# Console lines that claim an ending.  Only a claim: the guest can print
# them too.  A claim starts a short wait for the evidence (CLAIM_GRACE).
XEN_CLAIMS = [
    (re.compile(r"^\(XEN\) Hardware Dom0 halted: halting machine"),
     "poweroff"),
    (re.compile(r"^\(XEN\) Hardware Dom0 shutdown: rebooting machine"),
     "reboot"),
    (re.compile(r"^\(XEN\) Hardware Dom0 crashed"), "crash"),
    (re.compile(r"^\(XEN\) Panic on CPU"), "panic"),
]
# Xen's evidence arrives before its line (the breakpoint stops the CPU
# before hwdom_shutdown prints): seconds a claim may wait for it.
CLAIM_GRACE = 5.0
# After hwdom_shutdown(reboot): seconds for QEMU to exit through the reset.
REBOOT_GRACE = 15.0
# After hwdom_shutdown(poweroff): seconds for the CPU to halt in machine_halt.
HALT_GRACE = 10.0

# xen/include/public/sched.h, SHUTDOWN_*: the ending each reason gives.
SHUTDOWN_REASONS = {0: "poweroff", 1: "reboot", 2: "suspend", 3: "crash",
                    4: "watchdog", 5: "soft_reset"}

CASE_RE = re.compile(r"^(?:\(d\d+\) )?(PASS|FAIL) ([a-z0-9_]+\.[a-z0-9_]+)"
                     r"(?:: (.*))?\s*$")
SUMMARY_RE = re.compile(r"vmitest: summary: (\d+) passed, (\d+) failed")
ROM_RE = re.compile(r"vmitest: VMI ROM at 0x([0-9a-f]+), API (\d+)\.(\d+)")
INIT_RE = re.compile(r"vmitest: VMI_Init returned (-?\d+)")
NATIVE_RE = re.compile(r"vmitest: no VMI ROM found, using the native ROM")
TSC_RE = re.compile(r"vmitest: cpuid 0x40000010 tsc_khz=(\d+) bus_khz=(\d+)")
XEN_MHZ_RE = re.compile(r"Detected (\d+\.\d+) MHz processor")
UNIMPL_RE = re.compile(r"vmi: call \S+ \(\d+\) not implemented")
# The shim's hypercall counts (at Shutdown and Reboot) and the guest's
# count of Pause calls in cpu.pause.
HYPERCALLS_RE = re.compile(r"^vmi: hypercalls:((?: [a-z0-9_.]+=\d+)*)\s*$")
CALLS_RE = re.compile(r"^vmi: calls:((?: [A-Za-z0-9_#]+=\d+/\d+/\d+/\d+)*)\s*$")
PAUSE_CALLS_RE = re.compile(r"^vmitest: pause calls: (\d+)\s*$")
# What Xen prints when it crashes a domain (the reason and the guest's EIP).
XEN_CRASH_RES = [
    re.compile(r"^\(XEN\) .*Unhandled: .*"),
    re.compile(r"^\(XEN\) .*domain_crash(?:_sync)? called from .*"),
    re.compile(r"^\(XEN\) Domain \d+ \(vcpu#\d+\) crashed on cpu#\d+"),
    re.compile(r"^\(XEN\) [RE]IP:\s+[0-9a-f]{4}:\[<[0-9a-f]+>\].*"),
]
TEST_CASE_RE = re.compile(r"^[ \t]*TEST_CASE\(\s*(\w+)\s*,\s*(\w+)\s*\)",
                          re.M)
C_COMMENT_RE = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def strip_c_comments(text):
    """C source without its comments (line structure kept)."""
    return C_COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


# ---- what must run: the test cases the sources declare ----------------

def _tracked_sources_missing(folder, pattern):
    """(path, text) for files under folder git's index tracks that are gone
    from the working tree (moved away, not yet committed as removed)."""
    try:
        p = subprocess.run(["git", "-C", TOP, "ls-files", "-z", "--",
                            os.path.relpath(folder, TOP)],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return []
    if p.returncode != 0:
        return []
    out = []
    for rel in p.stdout.decode("utf-8", "replace").split("\0"):
        if not rel or not re.search(pattern, os.path.basename(rel)):
            continue
        if os.path.exists(os.path.join(TOP, rel)):
            continue
        show = subprocess.run(["git", "-C", TOP, "show", ":" + rel],
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
        if show.returncode == 0:
            out.append((rel + " (in git, missing from the tree)",
                        show.stdout.decode("utf-8", "replace")))
    return out


def declared_sources(folder, pattern, recursive=True):
    """(path relative to TOP, text) of every C source under folder whose
    name matches pattern, plus tracked ones missing from the tree."""
    found = []
    files = glob.glob(os.path.join(folder, "**", "*.c"), recursive=True) \
        if recursive else glob.glob(os.path.join(folder, "*.c"))
    for path in sorted(files):
        if not re.search(pattern, os.path.basename(path)):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            found.append((os.path.relpath(path, TOP), f.read()))
    return found + _tracked_sources_missing(folder, pattern)


def declared_cases(only=""):
    """{"area.case": source} for every TEST_CASE(area, case) in the test
    guest's sources (tests/guest/, subfolders included) whose name starts
    with only.  The binary is not asked: a case the build, the linker or
    the runner lost must still be expected."""
    cases = {}
    for rel, text in declared_sources(GUEST_SRC, r"\.c$"):
        for area, name in TEST_CASE_RE.findall(strip_c_comments(text)):
            full = "%s.%s" % (area, name)
            if full.startswith(only):
                cases.setdefault(full, rel)
    return cases


def only_prefix(args):
    """The only=PREFIX of a guest command line ("" when absent)."""
    prefix = ""
    for word in args.split():
        if word.startswith("only="):
            prefix = word[len("only="):]
    return prefix


# ---- the guest file ----------------------------------------------------

def guest_file_problem(path):
    """Why path cannot be a VMI kernel for the PV boot image, or None."""
    rel = os.path.relpath(path) if path.startswith(TOP) else path
    if not os.path.exists(path):
        return "no such guest kernel: %s" % rel
    if not os.path.isfile(path):
        return "%s is not a regular file" % rel
    size = os.path.getsize(path)
    if size == 0:
        return "%s is empty" % rel
    with open(path, "rb") as f:
        head = f.read(52)
    if len(head) < 52 or head[:4] != b"\x7fELF":
        return "%s is not an ELF32 i386 executable (not an ELF file)" % rel
    cls, data = head[4], head[5]
    etype = int.from_bytes(head[16:18], "little")
    machine = int.from_bytes(head[18:20], "little")
    if cls != 1 or data != 1 or machine != 3 or etype != 2:
        return ("%s is not an ELF32 i386 executable (class %d, data %d, "
                "type %d, machine %d; need 1, 1, 2 (EXEC), 3 (i386))"
                % (rel, cls, data, etype, machine))
    phoff = int.from_bytes(head[28:32], "little")
    phentsize = int.from_bytes(head[42:44], "little")
    phnum = int.from_bytes(head[44:46], "little")
    if phnum == 0 or phentsize < 32 or phoff + phnum * phentsize > size:
        return ("%s is not an ELF32 i386 executable (program headers "
                "missing or outside the file)" % rel)
    with open(path, "rb") as f:
        f.seek(phoff)
        ph = f.read(phnum * phentsize)
    loads = [i for i in range(phnum)
             if int.from_bytes(ph[i * phentsize:i * phentsize + 4],
                               "little") == 1]
    if not loads:
        return "%s has no loadable segment" % rel
    return None


def spaceless_copy(path, name):
    """path itself, or a copy at a path without spaces: QEMU's -initrd
    takes everything after a module's first space as its command line."""
    if " " not in path:
        return path
    folder = LOGS if " " not in LOGS else tempfile.gettempdir()
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, "%s.%s" % (
        name, os.path.basename(path).replace(" ", "_")))
    shutil.copyfile(path, copy)
    return copy


# ---- Xen's symbols and QEMU's gdbstub ----------------------------------

def elf_build_id(path):
    """The GNU build ID note of an ELF file (hex), or None."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    note = b"\x04\x00\x00\x00\x14\x00\x00\x00\x03\x00\x00\x00GNU\x00"
    i = data.find(note)
    if i < 0:
        return None
    return data[i + len(note):i + len(note) + 20].hex()


class XenSymbols:
    """The addresses the rig needs, from the xen-syms of build/xen/xen's
    build (same GNU build ID): build/xen/xen-syms, or the build tree
    tests/rig/build-xen.sh leaves under build/xen/src/."""
    NEEDED = ("hwdom_shutdown", "panic", "__domain_crash", "machine_halt")
    _cache = {}

    def __init__(self, xen=XEN):
        self.error = None
        self.addr = {}
        self.halt_range = None
        self.path = None
        want = elf_build_id(xen)
        if want is None:
            self.error = "%s has no build ID (is it built?)" % xen
            return
        candidates = [os.path.join(os.path.dirname(xen), "xen-syms")] + \
            sorted(glob.glob(os.path.join(os.path.dirname(xen), "src", "*",
                                          "xen", "xen-syms")))
        for c in candidates:
            if os.path.exists(c) and elf_build_id(c) == want:
                self.path = c
                break
        if self.path is None:
            self.error = ("no xen-syms with build ID %s (looked in %s); "
                          "rebuild Xen: rm build/xen/.pv32-ok; make xen"
                          % (want, ", ".join(os.path.relpath(c, TOP)
                                             for c in candidates)))
            return
        p = subprocess.run(["nm", "-n", self.path], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        syms = []
        for line in p.stdout.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TtWw":
                syms.append((int(parts[0], 16), parts[2]))
        for i, (a, n) in enumerate(syms):
            if n in self.NEEDED and n not in self.addr:
                self.addr[n] = a
                if n == "machine_halt":
                    end = next((b for b, _ in syms[i + 1:] if b > a), a + 64)
                    self.halt_range = (a, end)
        missing = [n for n in self.NEEDED if n not in self.addr]
        if missing:
            self.error = "%s lacks %s" % (self.path, ", ".join(missing))

    @classmethod
    def get(cls, xen=XEN):
        key = (xen, elf_build_id(xen))
        if key not in cls._cache:
            cls._cache[key] = cls(xen)
        return cls._cache[key]


class GdbStub:
    """A minimal client of QEMU's gdbstub (GDB remote serial protocol)."""

    def __init__(self, path):
        self.path = path
        self.sock = None
        self.buf = b""
        self.closed = False

    def connect(self, deadline, alive):
        while time.monotonic() < deadline and alive():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(self.path)
            except OSError:
                s.close()
                time.sleep(0.05)
                continue
            s.settimeout(0.25)
            self.sock = s
            return True
        return False

    def close(self):
        if self.sock:
            try:
                self.sock.close()
            except OSError:
                pass

    def _send(self, data):
        data = data.encode()
        self.sock.sendall(b"$%s#%02x" % (data, sum(data) & 0xff))

    def packet(self, timeout=None, stop=None):
        """The next packet's payload; None on EOF, timeout or stop set."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            start = self.buf.find(b"$")
            if start >= 0:
                end = self.buf.find(b"#", start)
                if end >= 0 and len(self.buf) >= end + 3:
                    payload = self.buf[start + 1:end]
                    self.buf = self.buf[end + 3:]
                    self.sock.sendall(b"+")
                    return payload.decode("ascii", "replace")
            if self.closed or (stop is not None and stop.is_set()) or \
                    (deadline is not None and time.monotonic() > deadline):
                return None
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
                return None
            self.buf += chunk

    def request(self, data, timeout=10):
        self._send(data)
        return self.packet(timeout)

    def cont(self):
        self._send("c")

    def interrupt(self):
        self.sock.sendall(b"\x03")

    def regs(self):
        """rdi, rsp, rip, eflags from a 'g' packet (x86-64 layout)."""
        g = self.request("g")
        if not g or len(g) < 280:
            raise OSError("short register packet %r" % (g,))

        def le(lo, hi):
            return int.from_bytes(bytes.fromhex(g[lo:hi]), "little")
        return dict(rdi=le(80, 96), rsp=le(112, 128), rip=le(256, 272),
                    eflags=le(272, 280))


def _hex(a):
    return "%x" % a


# ---- one boot ----------------------------------------------------------

class Run:
    """One boot: its configuration, its log and the verdict."""

    def __init__(self, name, kind, guest=GUEST, rom=None, args="",
                 expect_end="poweroff", timeout=180, live=False,
                 progress=30, mem_mb=DOM0_MEM_MB, boot_args="",
                 icount=False):
        self.name = name
        self.icount = icount        # -icount shift=0: TSC = instructions
        self.boot_args = boot_args  # the boot image's own (defer=off)
        self.mem_mb = mem_mb        # dom0's memory (the guest's) on Xen
        self.kind = kind            # "xen" or "bare"
        self.guest = guest
        self.rom = rom
        self.args = args
        self.expect_end = expect_end
        self.timeout = timeout
        self.live = live
        self.progress = progress    # live: a note after this much silence
        self.log_path = os.path.join(LOGS, name + ".log")
        self.lines = []
        self.ending = None
        self.ending_why = ""        # what the ending rests on
        self.exit_code = None
        self.seconds = 0.0
        self.evidence = []          # what Xen was seen doing, in order
        self.notes = []             # the rig's own trouble (gdbstub, ...)
        self.claim = None           # (ending, line) the console claimed
        self.xen_crashed_domain = False
        self.guest_path = guest     # the path QEMU is given
        self._lock = threading.Lock()
        self._proc = None
        self._start = 0.0
        self._last_output = 0.0
        self._claim_time = None
        self._final_time = None     # when an ending was confirmed
        self._final_drain = 0.0
        self._pending = None        # "reboot": waiting for QEMU's exit
        self._killed = False
        self._stop = threading.Event()

    # -- QEMU -------------------------------------------------------------

    def command(self, gdb_socket=None):
        if self.kind == "bare":
            cmd = ["qemu-system-i386", "-machine", "pc", "-accel", "tcg",
                   "-m", "64", "-display", "none", "-monitor", "none",
                   "-serial", "stdio", "-no-reboot",
                   "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                   "-kernel", self.guest_path, "-append", self.args]
            if self.icount:
                # The CMOS clock on the guest's time too, as its TSC is.
                cmd += ["-icount", "shift=0", "-rtc", "clock=vm"]
            return cmd
        boot_image = spaceless_copy(BOOT_IMAGE, self.name + ".boot")
        dom0 = boot_image.replace(",", ",,")
        if self.rom:
            dom0 += " rom=" + self.rom
        if self.boot_args:
            dom0 += " " + self.boot_args.replace(",", ",,")
        dom0 += " -- " + self.args.replace(",", ",,")
        cmd = ["qemu-system-x86_64", "-machine", "pc", "-accel", "tcg",
               "-cpu", "max", "-m", str(max(1024, self.mem_mb + 512)),
               "-smp", "1",
               "-display", "none", "-monitor", "none", "-serial", "stdio",
               "-no-reboot",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-kernel", XEN, "-append", XEN_CMDLINE.format(mem=self.mem_mb),
               "-initrd", dom0 + "," + self.guest_path.replace(",", ",,")]
        if self.icount:
            cmd += ["-icount", "shift=0"]
        if gdb_socket:
            # Start stopped: the breakpoints are in before Xen runs.
            cmd += ["-S", "-gdb", "unix:%s,server=on,wait=off" % gdb_socket]
        return cmd

    def _elapsed(self):
        return time.monotonic() - self._start

    def _kill(self):
        self._killed = True
        try:
            self._proc.kill()
        except OSError:
            pass

    def _decide(self, ending, why, drain=0.0):
        """Set the ending (first one wins); the ticker stops QEMU after
        drain seconds (the rest of Xen's output)."""
        with self._lock:
            if self.ending is not None:
                return
            self.ending = ending
            self.ending_why = why
            self._final_time = time.monotonic()
            self._final_drain = drain

    def _note_evidence(self, text):
        with self._lock:
            self.evidence.append("%.1f s: %s" % (self._elapsed(), text))
        if self.live:
            print("rig: evidence: " + text, flush=True)

    # -- the gdbstub watcher (xen runs) -----------------------------------

    def _watch(self, sock_path, syms):
        gdb = GdbStub(sock_path)
        try:
            if not gdb.connect(time.monotonic() + 10,
                               lambda: self._proc.poll() is None):
                self.notes.append("could not connect to QEMU's gdbstub at "
                                  "%s" % sock_path)
                return
            bps = {}
            for name in ("hwdom_shutdown", "__domain_crash", "panic"):
                a = syms.addr[name]
                if gdb.request("Z0,%s,1" % _hex(a)) != "OK":
                    self.notes.append("gdbstub refused a breakpoint on %s"
                                      % name)
                bps[a] = name
            gdb.cont()
            while not self._stop.is_set():
                stop = gdb.packet(stop=self._stop)
                if stop is None:
                    return
                if not stop.startswith(("T", "S")):
                    continue
                regs = gdb.regs()
                what = bps.pop(regs["rip"], None)
                if what is None:
                    gdb.cont()
                    continue
                # Each breakpoint is wanted once: remove it, then go on.
                gdb.request("z0,%s,1" % _hex(regs["rip"]))
                if what == "__domain_crash":
                    self.xen_crashed_domain = True
                    self._note_evidence("Xen entered __domain_crash() "
                                        "(Xen itself crashes the domain)")
                    gdb.cont()
                elif what == "panic":
                    self._note_evidence("Xen entered panic()")
                    gdb.cont()
                    self._decide("panic", "Xen entered panic() (gdbstub "
                                 "breakpoint at %x)" % regs["rip"], drain=4)
                else:
                    reason = regs["rdi"] & 0xff
                    ending = SHUTDOWN_REASONS.get(reason,
                                                  "shutdown reason %d"
                                                  % reason)
                    text = ("Xen entered hwdom_shutdown(%d = SHUTDOWN_%s) "
                            "(gdbstub breakpoint at %x)"
                            % (reason, ending, regs["rip"]))
                    self._note_evidence(text)
                    gdb.cont()
                    if ending == "poweroff":
                        self._confirm_halt(gdb, syms, text)
                    elif ending == "reboot":
                        with self._lock:
                            self._pending = ("reboot", text,
                                             time.monotonic())
                    else:
                        self._decide(ending, text, drain=3)
        except (OSError, ValueError) as e:
            # QEMU going away (a reset, the rig's kill) closes the socket.
            try:
                self._proc.wait(2)
            except subprocess.TimeoutExpired:
                self.notes.append("gdbstub: %s" % e)
        finally:
            gdb.close()

    def _confirm_halt(self, gdb, syms, entered):
        """After hwdom_shutdown(poweroff): the CPU must come to rest in
        machine_halt() with interrupts off, a state of Xen's own code."""
        lo, hi = syms.halt_range
        deadline = time.monotonic() + HALT_GRACE
        last = None
        while time.monotonic() < deadline and not self._stop.is_set():
            time.sleep(0.3)
            gdb.interrupt()
            stop = gdb.packet(timeout=5)
            if stop is None:
                return
            regs = gdb.regs()
            last = regs
            if lo <= regs["rip"] < hi and not regs["eflags"] & 0x200:
                text = ("CPU halted in Xen's machine_halt() at %x, "
                        "interrupts off" % regs["rip"])
                self._note_evidence(text)
                self._decide("poweroff", entered + "; " + text, drain=0.5)
                return
            gdb.cont()
        self._decide("poweroff not completed",
                     entered + "; but the CPU did not halt in "
                     "machine_halt() within %d s (last RIP %s)"
                     % (HALT_GRACE, _hex(last["rip"]) if last else "?"))

    # -- the clock: timeout, claims, confirmed endings, progress ----------

    def _tick(self):
        last_progress = self._start
        while not self._stop.wait(0.2):
            now = time.monotonic()
            with self._lock:
                ending, final, drain = (self.ending, self._final_time,
                                        self._final_drain)
                claim, claim_time = self.claim, self._claim_time
                pending = self._pending
                evidence = bool(self.evidence)
            if ending is not None:
                # Stop QEMU once Xen's line for this ending is out (or
                # after drain seconds): Xen halts or waits 5 s to reboot.
                if now - final >= drain or (
                        claim and claim[0] == ending and
                        now - max(claim_time, final) >= 0.3):
                    self._kill()
                    return
                continue
            if now - self._start >= self.timeout:
                self._decide("timeout", "no ending within %d s"
                             % self.timeout)
                self._kill()
                return
            if pending and now - pending[2] >= REBOOT_GRACE:
                self._decide("reboot not completed", pending[1] +
                             "; but QEMU did not reset within %d s"
                             % REBOOT_GRACE)
                continue
            # A claim with no breakpoint hit at all: nothing Xen did backs
            # it.  (With one, the watcher decides.)
            if claim and not evidence and now - claim_time >= CLAIM_GRACE:
                self._decide(
                    "unconfirmed " + claim[0],
                    "the console says %r, but Xen never entered "
                    "hwdom_shutdown() or panic() (no gdbstub breakpoint "
                    "hit within %d s of the line): a guest can print any "
                    "line Xen would" % (claim[1], CLAIM_GRACE))
                self._kill()
                return
            if self.live and self.progress and \
                    now - self._last_output >= self.progress and \
                    now - last_progress >= self.progress:
                last_progress = now
                print("rig: guest still running, %d s (no output for %d s; "
                      "timeout %d s)" % (now - self._start,
                                         now - self._last_output,
                                         self.timeout), flush=True)

    def boot(self):
        os.makedirs(LOGS, exist_ok=True)
        self.guest_path = spaceless_copy(self.guest, self.name)
        syms = None
        sock_dir = None
        sock_path = None
        if self.kind == "xen":
            syms = XenSymbols.get()
            if syms.error:
                self.notes.append("cannot watch Xen: " + syms.error)
            else:
                sock_dir = tempfile.mkdtemp(prefix="vmi-rig-")
                sock_path = os.path.join(sock_dir, "gdb")
        self._start = self._last_output = time.monotonic()
        self._proc = subprocess.Popen(self.command(sock_path),
                                      stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT)
        threads = [threading.Thread(target=self._tick, daemon=True)]
        if sock_path:
            threads.append(threading.Thread(target=self._watch, daemon=True,
                                            args=(sock_path, syms)))
        for t in threads:
            t.start()
        with open(self.log_path, "w", encoding="utf-8") as log:
            for raw in self._proc.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                line = line.replace("\r", "")
                self._last_output = time.monotonic()
                self.lines.append(line)
                log.write(line + "\n")
                if self.live:
                    print(line, flush=True)
                if self.kind != "xen":
                    continue
                for pattern, what in XEN_CLAIMS:
                    if pattern.search(line):
                        with self._lock:
                            if self.claim is None:
                                self.claim = (what, line)
                                self._claim_time = time.monotonic()
        self._proc.wait()
        self.exit_code = self._proc.returncode
        self.seconds = self._elapsed()
        with self._lock:
            pending = self._pending
        if self.ending is None and pending and not self._killed:
            if self.exit_code == 0:
                text = "QEMU then exited by itself (status 0, the reset)"
                self._note_evidence(text)
                self._decide("reboot", pending[1] + "; " + text)
            else:
                self._decide("reboot not completed", pending[1] +
                             "; but QEMU exited with status %d"
                             % self.exit_code)
        if self.ending is None:
            if self.kind == "bare":
                # A bare run's guest owns the machine: its verdict is the
                # QEMU exit status it asked for (isa-debug-exit, or 0 for
                # the ACPI poweroff of native Shutdown).
                self._decide({0: "poweroff"}.get(
                    self.exit_code, "exit %d" % self.exit_code),
                    "QEMU exit status %d" % self.exit_code)
            else:
                self._decide("exit %d" % self.exit_code,
                             "QEMU exited with status %d without Xen "
                             "shutting the machine down (no hwdom_shutdown"
                             "()/panic() seen)" % self.exit_code)
        self._stop.set()
        for t in threads:
            t.join(5)
        if sock_dir:
            shutil.rmtree(sock_dir, ignore_errors=True)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write("rig: ended by %s: %s\n" % (self.ending,
                                                   self.ending_why))
            for e in self.evidence:
                log.write("rig: evidence: %s\n" % e)
            for n in self.notes:
                log.write("rig: note: %s\n" % n)
        return self

    # -- reading the log --------------------------------------------------

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

    def find_last(self, regex):
        for line in reversed(self.lines):
            m = regex.search(line)
            if m:
                return m
        return None

    def crash_reason(self):
        """Why Xen crashed dom0, as far as the run shows: the evidence,
        Xen's own crash lines (reason and the guest's EIP), the shim's last
        diagnostic and the guest's last line."""
        parts = []
        if self.xen_crashed_domain:
            parts.append("Xen crashed the domain (__domain_crash)")
        elif self.ending == "crash":
            parts.append("the domain asked Xen to crash it "
                         "(SCHEDOP_shutdown(SHUTDOWN_crash), no "
                         "__domain_crash)")
        xen = []
        for line in self.lines:
            for r in XEN_CRASH_RES:
                if r.match(line):
                    xen.append(line[len("(XEN) "):].strip())
        if xen:
            parts.append("Xen: " + "; ".join(x.rstrip(":") for x in xen[:6]))
        else:
            parts.append("Xen printed no crash reason")
        guest = [l for l in self.lines if l.strip() and
                 not l.startswith(("(XEN)", "rig: ")) and
                 not HYPERCALLS_RE.match(l)]
        # The shim's lines after the guest's last one: what it said about
        # the call that ended the run.
        shim = []
        for l in reversed(guest):
            if not l.startswith("vmi: "):
                break
            shim.insert(0, l)
        if shim:
            parts.append("the shim: " + "; ".join(repr(l) for l in shim[-3:]))
        last = [l for l in guest if not l.startswith("vmi: ")]
        if last:
            parts.append("last guest line: %r" % last[-1])
        return "; ".join(parts)

    def panic_reason(self):
        """Xen's panic message (the lines after "Panic on CPU N:")."""
        out, inside = [], False
        for line in self.lines:
            if re.match(r"^\(XEN\) Panic on CPU", line):
                inside = True
                continue
            if inside:
                if "****" in line:
                    break
                out.append(line[len("(XEN) "):].strip())
        return "; ".join(out) or "no panic message"

    def ending_problem(self, detail=True):
        """Why the way the run ended is wrong; None when it is right."""
        if self.ending == self.expect_end:
            return None
        why = "ended by %s, expected %s" % (self.ending, self.expect_end)
        if not detail:
            return why
        why += " (%s)" % self.ending_why
        if self.ending == "crash":
            why += "; crash: " + self.crash_reason()
        elif self.ending == "panic":
            why += "; panic: " + self.panic_reason()
        for n in self.notes:
            why += "; rig: " + n
        return why

    def problems(self, detail=True):
        """Why the run as a whole failed; empty when it did not."""
        why = []
        cases = self.guest_cases()
        summary = self.find(SUMMARY_RE)
        ending = self.ending_problem(detail)
        if ending:
            why.append(ending)
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
        if self.find(UNIMPL_RE):
            why.append("the guest called an unimplemented VMI call")
        return why

    def case_problems(self, expected):
        """(missing, unexpected, repeated) against the expected cases."""
        seen = [c[0] for c in self.guest_cases()]
        missing = sorted(set(expected) - set(seen))
        unexpected = sorted(set(seen) - set(expected))
        repeated = sorted({c for c in seen if seen.count(c) > 1})
        return missing, unexpected, repeated


def report(results, name, ok, why=""):
    results.append((name, ok, why))
    print(("PASS %s" % name) if ok else ("FAIL %s: %s" % (name, why)),
          flush=True)


def hypercall_counts(line):
    """{name: count} of a shim line `vmi: hypercalls: a=1 b.c=2 ...`, or
    None when the line is not one."""
    m = HYPERCALLS_RE.match(line)
    if not m:
        return None
    return {k: int(v) for k, v in
            (pair.split("=", 1) for pair in m.group(1).split())}


def call_counts(lines):
    """{call: (calls, hypercalls, batches, entries)} of the shim's last
    `vmi: calls: ...` lines (those after its last `vmi: hypercalls:` line),
    with that line's counts: (calls, hypercall counts), or None."""
    calls = counts = None
    for line in lines:
        c = hypercall_counts(line)
        if c is not None:
            counts, calls = c, {}
            continue
        m = CALLS_RE.match(line)
        if m and calls is not None:
            for pair in m.group(1).split():
                name, v = pair.split("=", 1)
                calls[name] = tuple(int(x) for x in v.split("/"))
    if counts is None:
        return None
    return calls, counts


def call_counts_problem(lines):
    """The shim's per-call counters against its own totals: Init entered
    once, and the multicall batches and entries charged to the calls add
    up to those it issued.  None when they agree."""
    got = call_counts(lines)
    if got is None:
        return "the shim printed no `vmi: hypercalls: ...` line"
    calls, counts = got
    if not calls:
        return "the shim printed no `vmi: calls: ...` line after its hypercall line"
    why = []
    if calls.get("Init", (0,))[0] != 1:
        why.append("Init counted %d time(s), not once"
                   % calls.get("Init", (0,))[0])
    for i, key in ((2, "multicall.batches"), (3, "multicall.entries")):
        total = sum(v[i] for v in calls.values())
        if total != counts.get(key, 0):
            why.append("the calls were charged %d %s, the shim issued %d"
                       % (total, key.split(".")[1], counts.get(key, 0)))
    return "; ".join(why) or None


def pause_yields_problem(lines):
    """cpu.pause's Pause calls must each have reached Xen as
    SCHEDOP_yield: the guest's `vmitest: pause calls: N` against the
    shim's `sched_op.yield` count.  None when they agree."""
    pauses = counts = None
    for line in lines:
        m = PAUSE_CALLS_RE.match(line)
        if m:
            pauses = int(m.group(1))
        c = hypercall_counts(line)
        if c is not None:
            counts = c          # the last one (Shutdown or Reboot)
    if pauses is None:
        return ("the guest printed no `vmitest: pause calls: N` line "
                "(cpu.pause)")
    if counts is None:
        return ("the shim printed no `vmi: hypercalls: ...` line at "
                "Shutdown/Reboot, so the %d Pause call(s) cannot be "
                "checked against Xen's SCHEDOP_yield" % pauses)
    yields = counts.get("sched_op.yield")
    if yields is None:
        return ("the shim's hypercall line has no sched_op.yield count "
                "(%s)" % " ".join("%s=%d" % kv for kv in counts.items()))
    if yields < pauses:
        return ("the guest made %d Pause call(s) but the shim made only "
                "%d SCHEDOP_yield hypercall(s)" % (pauses, yields))
    return None


def judge_cases(run, results, expected):
    """One result per expected case that did not run, and
    <run>/run.cases_complete for the set as a whole."""
    missing, unexpected, repeated = run.case_problems(expected)
    for case in missing:
        report(results, "%s/%s" % (run.name, case), False,
               "did not run (declared in %s)" % expected[case])
    why = []
    if missing:
        why.append("%d expected case(s) did not run: %s"
                   % (len(missing), " ".join(missing)))
    if unexpected:
        why.append("case(s) not declared by any TEST_CASE in tests/guest/ "
                   "(stale binary?): %s" % " ".join(unexpected))
    if repeated:
        why.append("case(s) reported more than once: %s"
                   % " ".join(repeated))
    report(results, run.name + "/run.cases_complete", not why,
           "; ".join(why) + " (expected %d case(s)%s)"
           % (len(expected), ", only=" + only_prefix(run.args)
              if only_prefix(run.args) else ""))


GUEST_MEM_RE = re.compile(r"^vmi-xen: ROM at [0-9a-f]+ .*, memory (\d+) KiB,")
CAPPED_RE = re.compile(r"^vmi-xen: only the first (\d+) MiB are given to the guest$")


def judge_boot(run, results, expect_rom=None, expect_native=False,
               expect_mem_kib=None):
    """Turn one finished boot into results named <run>/<case>."""
    for case, ok, why in run.guest_cases():
        report(results, "%s/%s" % (run.name, case), ok, why)
    expected = declared_cases(only_prefix(run.args))
    judge_cases(run, results, expected)
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
    if run.kind == "xen" and "cpu.cpuid_hypervisor" in expected:
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
    if run.kind == "xen":
        why = call_counts_problem(run.lines)
        report(results, run.name + "/run.call_counts", why is None,
               why or "")
        if "cpu.pause" in expected:
            why = pause_yields_problem(run.lines)
            report(results, run.name + "/run.pause_yields", why is None,
                   why or "")
    if expect_mem_kib is not None:
        # The boot image's own lines: memory given, and the cap announced.
        m, cap = run.find(GUEST_MEM_RE), run.find(CAPPED_RE)
        got = int(m.group(1)) if m else None
        report(results, run.name + "/run.memory_capped",
               got == expect_mem_kib and cap is not None and
               int(cap.group(1)) * 1024 == expect_mem_kib,
               "the boot image gave %s KiB (expected %d) and %s"
               % (got, expect_mem_kib, "announced a cap of %s MiB"
                  % cap.group(1) if cap else "announced no cap"))
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
    r.add_argument("--icount", action="store_true",
                   help="QEMU -icount shift=0: the guest's TSC counts "
                   "instructions (deterministic figures)")
    r.add_argument("--boot-args", default="",
                   help="the boot image's options (e.g. defer=off)")
    r.add_argument("--mem", type=int, default=DOM0_MEM_MB,
                   help="the guest's memory in MiB (dom0_mem)")
    r.add_argument("--progress", type=int, default=30,
                   help="say the guest is still running after this many "
                   "seconds without output (0: never)")
    a = ap.parse_args()

    guest = os.path.abspath(a.guest)
    for path, what in ((XEN, "Xen (make xen)"),
                       (BOOT_IMAGE, "the PV boot image (make all)")):
        if not os.path.exists(path):
            sys.exit("rig: %s is missing: %s" % (what, os.path.relpath(path)))
    problem = guest_file_problem(guest)
    if problem:
        sys.exit("rig: %s; not booting" % problem)
    name = "run-" + os.path.splitext(os.path.basename(guest))[0] \
        .replace(" ", "_")
    expect_end = "reboot" if "end=reboot" in a.args.split() else "poweroff"
    run = Run(name, "xen", guest=guest, rom=a.rom, args=a.args, mem_mb=a.mem,
              boot_args=a.boot_args, icount=a.icount,
              expect_end=expect_end, timeout=a.timeout, live=True,
              progress=a.progress)
    print("rig: booting Xen (PV32) with %s as dom0, VMI kernel %s"
          % (os.path.relpath(BOOT_IMAGE), os.path.relpath(guest)),
          flush=True)
    if " " in guest:
        print("rig: the guest's path has a space, which QEMU's -initrd "
              "would take for the start of the module's command line: "
              "booting a copy without spaces", flush=True)
    run.boot()
    if run.guest_path != guest:
        print("rig: booted the copy %s" % os.path.relpath(run.guest_path))
    if run.find(re.compile(r"^vmitest: ")):
        # The ending's details are printed above.
        why = run.problems(detail=False)
        if os.path.basename(guest) == os.path.basename(GUEST):
            expected = declared_cases(only_prefix(a.args))
            missing, unexpected, _ = run.case_problems(expected)
            if missing:
                why.append("%d of the %d case(s) declared in tests/guest/ "
                           "did not run: %s%s"
                           % (len(missing), len(expected),
                              " ".join(missing[:8]),
                              " ..." if len(missing) > 8 else ""))
            if unexpected:
                why.append("case(s) not in tests/guest/: %s"
                           % " ".join(unexpected))
    else:
        # Another VMI kernel: only the way the run ended can be judged.
        ok = run.ending in ("poweroff", "reboot")
        why = [] if ok else ["ended by %s" % run.ending]
    summary = run.find(SUMMARY_RE)
    print("rig: log in %s (%.1f s); run ended by %s"
          % (os.path.relpath(run.log_path), run.seconds, run.ending))
    print("rig: how the rig knows: " + run.ending_why)
    if run.ending == "crash":
        print("rig: crash: " + run.crash_reason())
    elif run.ending == "panic":
        print("rig: panic: " + run.panic_reason())
    for n in run.notes:
        print("rig: note: " + n)
    if summary:
        print("rig: guest summary: %s passed, %s failed"
              % (summary.group(1), summary.group(2)))
    if why:
        print("rig: FAILED: " + "; ".join(why))
        sys.exit(1)
    print("rig: OK")


if __name__ == "__main__":
    main()
