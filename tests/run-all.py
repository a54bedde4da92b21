#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The whole vmi-xen test suite (what `make test` and .ci/run run).

1. host unit tests (cmocka): every build/unit/test_* binary, every
   tests/unit/test_*.c with one, and every cmocka_unit_test() its source
   declares run
2. the ROM image: romtool verify, docs/calls.md up to date, romtool rejecting
   corrupted files (tests/rom_image.py)
3. the fuzz smoke (tests/fuzz/smoke.py)
4. the rig's own checks that need no boot (parsers, expected-case sets) and
   its refusals of unbootable guests
5. boots (two at a time, one per core): the test guest on Xen through the
   shim with the ROM at two addresses, Reboot on Xen, the unimplemented-call
   diagnostic, a crash Xen itself causes, guests forging Xen's ending lines,
   a guest that never ends, a guest at a path with a space, and the guest on
   bare QEMU with its native ROM; every case the guest sources declare must
   run in each
6. the xl domU setups (tests/rig/domu.py, dom0 built by
   tests/rig/build-dom0.sh): the whole guest suite as an `xl create`
   domU on the rebuilt PV32 Xen and on Debian's stock Xen through its PV
   shim, and the xl lifecycle scenarios (create, poweroff, reboot, xl
   shutdown, xl reboot, destroy, pause, crashes, console input, stolen
   time) on both
7. the benchmark's smoke (tests/bench/run.py smoke): the four ways with
   small N, every figure produced, two runs identical

Prints `PASS name` / `FAIL name: why` per test and ends with the line
`N passed, N failed`; exits non-zero when anything failed.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "rig"))
sys.path.insert(0, os.path.dirname(__file__))
import rig  # noqa: E402
import rom_image  # noqa: E402

TOP = rig.TOP
BUILD = rig.BUILD
LOGS = rig.LOGS
RIG = os.path.join(TOP, "tests", "rig", "rig.py")
ROM = os.path.join(BUILD, "vmi-rom.bin")
UNIT_SRC = os.path.join(TOP, "tests", "unit")

results = []


def report(name, ok, why=""):
    rig.report(results, name, ok, why)


# ---- 1. host unit tests ---------------------------------------------------

CMOCKA_RE = re.compile(r"^\[\s*(OK|FAILED)\s*\] (\S+)")
CMOCKA_DECL_RE = re.compile(r"\bcmocka_unit_test\w*\(\s*(\w+)")


def unit_sources():
    """{suite: (source, [test names])} from the cmocka_unit_test(name)
    lines of tests/unit/test_*.c (a tracked file moved away still counts)."""
    suites = {}
    for rel, text in rig.declared_sources(UNIT_SRC, r"^test_.*\.c$",
                                          recursive=False):
        suite = os.path.splitext(os.path.basename(rel.split(" ")[0]))[0]
        names = CMOCKA_DECL_RE.findall(rig.strip_c_comments(text))
        suites[suite] = (rel, names)
    return suites


def unit_verdicts(suite, output, returncode, expected, source, how):
    """(name, ok, why) for one suite's cmocka output against the tests its
    source declares (expected None: no source known)."""
    out = []
    names = []
    for line in output.splitlines():
        m = CMOCKA_RE.match(line)
        # "[  FAILED  ] 4 test(s), listed below:" is a count, not a test;
        # the list after it repeats names already reported.
        if m and not m.group(2).isdigit() and m.group(2) not in names:
            names.append(m.group(2))
            out.append(("unit/%s.%s" % (suite, m.group(2)),
                        m.group(1) == "OK", "see `%s`" % how))
    if returncode != 0 or not names:
        out.append(("unit/%s.exit" % suite, False,
                    "exit status %d, %d tests seen\n%s"
                    % (returncode, len(names), output[-2000:])))
    if expected is None:
        out.append(("unit/%s.cases_complete" % suite, False,
                    "no tests/unit/%s.c declares this suite's tests" % suite))
        return out
    missing = [n for n in expected if n not in names]
    unexpected = sorted(set(names) - set(expected))
    for n in missing:
        out.append(("unit/%s.%s" % (suite, n), False,
                    "did not run (declared in %s)" % source))
    why = []
    if missing:
        why.append("%d declared test(s) did not run: %s"
                   % (len(missing), " ".join(missing)))
    if unexpected:
        why.append("test(s) %s declares no cmocka_unit_test() for (stale "
                   "binary?): %s" % (source, " ".join(unexpected)))
    out.append(("unit/%s.cases_complete" % suite, not why,
                "; ".join(why) + " (%d declared)" % len(expected)))
    return out


def unit_tests(binaries):
    sources = unit_sources()
    by_suite = {os.path.basename(b): os.path.join(TOP, b) for b in binaries}
    for suite in sources:
        # A source the Makefile does not build is still a suite.
        by_suite.setdefault(suite, os.path.join(BUILD, "unit", suite))
    for suite in sorted(by_suite):
        binary = by_suite[suite]
        source, expected = sources.get(suite, (None, None))
        if not os.access(binary, os.X_OK):
            report("unit/%s.exists" % suite, False,
                   "%s was not built%s" % (
                       os.path.relpath(binary, TOP),
                       "" if suite in [os.path.basename(b) for b in binaries]
                       else " (%s is not in the Makefile's UNIT_TESTS)"
                       % source))
            continue
        p = subprocess.run([binary], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           env=dict(os.environ, CMOCKA_MESSAGE_OUTPUT="STDOUT"))
        for r in unit_verdicts(suite, p.stdout, p.returncode, expected,
                               source, os.path.relpath(binary, TOP)):
            report(*r)


# ---- 3. the fuzz smoke ------------------------------------------------------

def fuzz_smoke():
    path = os.path.join(TOP, "tests", "fuzz", "smoke.py")
    sys.path.insert(0, os.path.dirname(path))
    try:
        import smoke
    except ImportError as e:
        report("fuzz/smoke.exists", False,
               "%s is missing" % os.path.relpath(path, TOP)
               if not os.path.exists(path) else
               "%s does not import: %s" % (os.path.relpath(path, TOP), e))
        return
    try:
        smoke.run(report)
    except Exception as e:  # its failure must not end the suite
        report("fuzz/smoke.run", False, "smoke.run raised %r" % e)


# ---- 4. the rig's checks that need no boot --------------------------------

def rig_self_tests():
    """The rig's parsers and completeness checks on fabricated input."""
    # A Pause count against the shim's hypercall line.
    shim = ("vmi: hypercalls: console_io=12 sched_op=13 sched_op.yield=10 "
            "sched_op.block=0 sched_op.shutdown=1")
    checks = [
        (["vmitest: pause calls: 2", shim], True),
        (["vmitest: pause calls: 11", shim], False),
        (["vmitest: pause calls: 2"], False),
        ([shim], False),
        (["vmitest: pause calls: 2",
          "vmi: hypercalls: console_io=12 sched_op=3"], False),
    ]
    bad = [(lines, ok) for lines, ok in checks
           if (rig.pause_yields_problem(lines) is None) != ok]
    counts = rig.hypercall_counts(shim)
    report("rig/pause_yields_parser",
           not bad and counts == {"console_io": 12, "sched_op": 13,
                                  "sched_op.yield": 10, "sched_op.block": 0,
                                  "sched_op.shutdown": 1},
           "wrong verdicts for %r; counts %r" % (bad, counts))

    # The shim's per-call counters against its totals.
    hl = ("vmi: hypercalls: multicall=3 console_io=2 sched_op.yield=0 "
          "sched_op.block=0 multicall.batches=3 multicall.entries=40")
    good = [hl, "vmi: calls: Init=1/1/0/0 SetPxELong=40/2/2/32",
            "vmi: calls: FlushDeferredCalls=1/1/1/8"]
    checks = [
        (good, True),
        (good[:2], False),                      # a batch not charged
        ([hl], False),                          # no calls line
        (["vmi: calls: Init=1/1/0/0"], False),  # no totals line
        ([hl, "vmi: calls: Init=2/1/0/0 SetPxELong=40/3/3/40"], False),
        (good[1:] + [hl], False),               # calls lines of an earlier print
    ]
    bad = [(lines, ok) for lines, ok in checks
           if (rig.call_counts_problem(lines) is None) != ok]
    report("rig/call_counts_parser", not bad,
           "wrong verdicts for %r" % bad)

    # The xl rig's lifecycle verdicts on fabricated consoles: the guest's
    # own verdict and the stolen share are both needed.
    import domu

    class FakeDomu:
        name = "fake"

        def __init__(self, guest):
            self.lines = ["domU| " + l for l in
                          ["vmi-xen: PV boot image: domU, 16384 pages",
                           "vmi: VMI ROM 13.0 called at c00c8000: Init done"]
                          + guest] + ["dom0: domU ended: poweroff"]

        def guest_lines(self):
            return [l[6:] for l in self.lines if l.startswith("domU| ")]

        def domu_ending(self):
            return "poweroff", ""

    note = ("vmitest: domu.stolen: %d us of 1000000 us of REAL stolen (x %%), "
            "the AVAILABLE alarm 0 us late in REAL")
    inp = ["PASS domu.console_input",
           "vmi: console: 15 bytes of input taken from the ring",
           "vmi: events: upcalls=9 console_events=1"]
    checks = [
        ("stolen", [note % 400000, "PASS domu.stolen"], True),
        ("stolen", [note % 100000, "PASS domu.stolen"], False),
        ("stolen", [note % 400000, "FAIL domu.stolen: late"], False),
        ("stolen", ["PASS domu.stolen"], False),
        ("input", inp, True),
        ("input", ["FAIL domu.console_input: no line"] + inp[1:], False),
        ("input", [inp[0], inp[2]], False),
    ]
    bad = []
    for scenario, guest, ok in checks:
        res = []
        with open(os.devnull, "w") as null:
            saved, sys.stdout = sys.stdout, null
            try:
                domu.judge_lifecycle(FakeDomu(guest), scenario, res)
            finally:
                sys.stdout = saved
        if res[0][1] != ok:
            bad.append((scenario, guest, res[0]))
    report("rig/lifecycle_judge", not bad, "wrong verdicts for %r" % bad)

    # The cases of one guest source vanish from a run's log (the file moved
    # out of the build, say): each must be named, the run incomplete.
    expected = rig.declared_cases()
    gone_src = "tests/guest/test_fpu.c"
    if gone_src not in expected.values() and expected:
        gone_src = sorted(expected.values())[0]
    gone = sorted(c for c, src in expected.items() if src == gone_src)
    verdicts = {}
    for label, lines in (
            ("all", ["PASS %s" % c for c in sorted(expected)]),
            ("without " + gone_src, ["PASS %s" % c for c in sorted(expected)
                                     if c not in gone])):
        run = rig.Run("selftest", "xen")
        run.lines = lines
        scratch = []
        old_stdout, sys.stdout = sys.stdout, open(os.devnull, "w")
        try:
            rig.judge_cases(run, scratch, expected)
        finally:
            sys.stdout.close()
            sys.stdout = old_stdout
        verdicts[label] = (
            sorted(n.split("/", 1)[1] for n, ok, _ in scratch
                   if not ok and not n.endswith("run.cases_complete")),
            [ok for n, ok, _ in scratch if n.endswith("run.cases_complete")])
    report("rig/vanished_case_fails",
           bool(gone) and verdicts["all"] == ([], [True]) and
           verdicts["without " + gone_src] == (gone, [False]),
           "cases of %s: %r; the rig's verdicts %r" % (gone_src, gone,
                                                       verdicts))

    # A cmocka test the source declares that the binary did not run.
    out = "[ RUN      ] test_a\n[       OK ] test_a\n[  PASSED  ] 1 test(s).\n"
    v = unit_verdicts("test_x", out, 0, ["test_a", "test_b"],
                      "tests/unit/test_x.c", "build/unit/test_x")
    report("rig/vanished_unit_test_fails",
           ("unit/test_x.test_b", False) in [(n, ok) for n, ok, _ in v] and
           ("unit/test_x.cases_complete", False) in
           [(n, ok) for n, ok, _ in v],
           "verdicts %r" % v)


def rig_run(args, timeout=300):
    """rig.py run ARGS as make run would; (status, output, seconds)."""
    start = time.monotonic()
    p = subprocess.run([sys.executable, RIG, "run"] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=timeout)
    return p.returncode, p.stdout, time.monotonic() - start


def refusals():
    """make run with a guest that cannot boot says so before booting."""
    os.makedirs(LOGS, exist_ok=True)
    cases = {
        "empty_guest_refused": ("empty.elf", b"", "is empty"),
        "non_elf_guest_refused": ("not-elf.elf", b"#!/bin/sh\necho hi\n",
                                  "is not an ELF32 i386 executable"),
    }
    for name, (fname, data, want) in cases.items():
        path = os.path.join(LOGS, fname)
        with open(path, "wb") as f:
            f.write(data)
        status, out, secs = rig_run(["--guest", path], timeout=60)
        report("rig/" + name,
               status != 0 and want in out and "rig: booting" not in out,
               "exit %d after %.1f s, output:\n%s" % (status, secs, out))


# ---- 5. boots -------------------------------------------------------------

def first_unimplemented():
    """The first listed call the ROM does not implement; once every call is
    implemented, the first reserved slot (85), which behaves the same way."""
    p = rom_image.romtool("list", ROM)
    for line in p.stdout.splitlines():
        n, name, status = line.split()
        if status == "not-implemented":
            return int(n), name
    return 85, "reserved"


# rom= values the boot image must refuse, each with the rule it breaks.
def rom_refusals(high):
    return {
        "not_32bit": ("0x1000d0000", "rom=: not a 32-bit number"),
        "outside_window": ("0xe0000", "outside the option-ROM window"),
        "unaligned": ("0xc8400", "not on a 2 KiB step of the window"),
        "past_window_end": ("0x%x" % (high + 0x800),
                            "past the window's end e0000 (highest start "
                            "%x)" % high),
    }


def boots():
    unimpl, unimpl_name = first_unimplemented()
    high = rom_image.highest_start()
    placement = {
        name: (rig.Run("xen-dom0-rom-refused-" + name.replace("_", "-"),
                       "xen", rom=rom, args="only=rom.", expect_end="crash",
                       timeout=60), text)
        for name, (rom, text) in rom_refusals(high).items()}
    # The full guest runs on Xen go under -icount (the guest's clocks count
    # instructions): the alarm, tick and interrupt cases then measure the
    # shim, not how often the host lets QEMU run (under software emulation
    # sharing two cores, Xen's timer wake-ups come milliseconds late in
    # host time and a 1 kHz tick loses most of its expiries).
    # An instruction is a nanosecond of the guest's time there, so a case's
    # waits (its spins, a 2 s delivery bound) cost host time in proportion:
    # the whole suite takes a few minutes a boot, two boots sharing 2 cores.
    ICOUNT_TIMEOUT = 900
    runs = [
        # (run, judge kwargs)
        (rig.Run("xen-dom0", "xen", rom="0xc8000", icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=0xC8000)),
        # The far end of the window: the highest 2 KiB step the ROM fits.
        (rig.Run("xen-dom0-rom-high", "xen", rom="0x%x" % high,
                 icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=high)),
        # The guest calls the ROM in place in the window instead of its
        # own copy (the VMI Linux way, and every other setup's).
        (rig.Run("xen-dom0-rom-inplace", "xen", args="rom=inplace",
                 icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=0xC8000)),
        # The guest at 512 MiB and at 2 GiB (the shim's P2M range's limit;
        # more than 1 GiB takes the boot image's identity map past L3
        # slot 0): the same cases, page tables included.
        (rig.Run("xen-dom0-mem-512m", "xen", mem_mb=512, icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=0xC8000)),
        (rig.Run("xen-dom0-mem-2g", "xen", mem_mb=2048, icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=0xC8000)),
        # More than the P2M range holds: the boot image gives the guest
        # the first 2 GiB and says so.
        (rig.Run("xen-dom0-mem-2300m-capped", "xen", mem_mb=2300,
                 args="only=mmu."),
         dict(expect_rom=0xC8000, expect_mem_kib=2048 * 1024)),
        (rig.Run("xen-dom0-reboot", "xen", args="end=reboot",
                 expect_end="reboot", icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_rom=0xC8000)),
        # Bare QEMU under -icount too: the native ROM's timers (the PIT,
        # the APIC timer, the TSC it calibrates) then run on the guest's
        # instruction count, not on the host's load.
        (rig.Run("bare-native", "bare", args="exit=port",
                 expect_end="exit 1", icount=True, timeout=ICOUNT_TIMEOUT),
         dict(expect_native=True)),
        (rig.Run("bare-native-shutdown", "bare", args="", icount=True,
                 timeout=ICOUNT_TIMEOUT),
         dict(expect_native=True)),
    ]
    unimpl_run = rig.Run("xen-dom0-unimplemented", "xen",
                         args="unimpl=%d" % unimpl, expect_end="crash")
    crash_run = rig.Run("xen-dom0-crash-ud", "xen", args="only=rom. crash=ud",
                        expect_end="crash", timeout=60)
    # Guests claiming an ending with Xen's own words, then spinning.  Their
    # own timeout is a backstop only: the rig must end them for want of
    # evidence within seconds of the line.
    forged = {
        "poweroff": rig.Run("xen-dom0-forged-poweroff", "xen",
                            args="only=rom. forge=poweroff", timeout=40),
        "reboot": rig.Run("xen-dom0-forged-reboot", "xen",
                          args="only=rom. forge=reboot",
                          expect_end="reboot", timeout=40),
    }
    # make run's own checks, through rig.py run as make run calls it.
    space_dir = os.path.join(LOGS, "space test")
    os.makedirs(space_dir, exist_ok=True)
    space_guest = os.path.join(space_dir, "vmi test.elf")
    shutil.copyfile(rig.GUEST, space_guest)
    cli = {}

    def hang():
        cli["hang"] = rig_run(["--args", "only=rom. end=hang",
                               "--timeout", "15", "--progress", "3"])

    def space():
        cli["space"] = rig_run(["--guest", space_guest, "--args", "only=rom.",
                                "--timeout", "120"])

    def boot(run):
        def job():
            run.boot()
            print("# boot %s: %.1f s, ended by %s, log %s"
                  % (run.name, run.seconds, run.ending,
                     os.path.relpath(run.log_path, TOP)), flush=True)
        return job

    todo = [hang] + [boot(r) for r in forged.values()] + \
        [boot(r) for r, _ in runs] + [boot(unimpl_run), boot(crash_run),
                                      space] + \
        [boot(r) for r, _ in placement.values()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for f in [pool.submit(j) for j in todo]:
            f.result()

    for run, kw in runs:
        rig.judge_boot(run, results, **kw)

    # rom= the ROM cannot take: refused before the guest runs, saying why.
    for name, (run, text) in placement.items():
        line = next((l for l in run.lines if "vmi-xen: boot failed: rom=" in l
                     or "vmi-xen: boot failed: rom=:" in l), None)
        report("rig/rom_placement_refused.%s" % name,
               line is not None and text in line and run.ending == "crash"
               and not any(l.startswith("vmitest:") for l in run.lines),
               "rom=%s: ending %s, boot image said %r, expected %r\n%s"
               % (run.rom, run.ending, line, text, run.tail()))

    # The rig must fail a run that calls an unimplemented VMI call.
    diag = "vmi: call %s (%d) not implemented" % (unimpl_name, unimpl)
    seen = any(diag in l for l in unimpl_run.lines)
    why = unimpl_run.problems()
    report("rig/unimplemented_call_diagnostic", seen,
           "no line containing %r\n%s" % (diag, unimpl_run.tail()))
    report("rig/unimplemented_call_fails_run",
           bool(why) and unimpl_run.ending == "crash" and
           "the guest called an unimplemented VMI call" in why,
           "the rig did not judge the run failed (ending %s, problems %r)"
           % (unimpl_run.ending, why))
    reason = unimpl_run.crash_reason()
    report("rig/unimplemented_crash_names_reason",
           unimpl_run.ending == "crash" and diag in reason and
           "asked Xen to crash it" in reason,
           "ending %s (%s); crash reason %r"
           % (unimpl_run.ending, unimpl_run.ending_why, reason))

    # A crash Xen itself causes: the verdict names Xen's reason and EIP.
    reason = crash_run.crash_reason()
    report("rig/crash_names_reason",
           crash_run.ending == "crash" and crash_run.xen_crashed_domain and
           "Unhandled: vec 6" in reason and
           re.search(r"[RE]IP:\s+e019:\[<[0-9a-f]+>\]", reason) and
           "executing UD2" in reason,
           "ending %s (%s); crash reason %r\n%s"
           % (crash_run.ending, crash_run.ending_why, reason,
              crash_run.tail()))

    # A guest that prints Xen's ending line is not believed.
    for what, run in forged.items():
        line = {"poweroff": "(XEN) Hardware Dom0 halted: halting machine",
                "reboot": "(XEN) Hardware Dom0 shutdown: rebooting "
                "machine"}[what]
        printed = line in run.lines
        why = run.problems()
        report("rig/forged_%s_fails_run" % what,
               printed and run.ending == "unconfirmed " + what and
               run.seconds < run.timeout - 5 and bool(why) and
               not run.evidence,
               "forged line printed: %s; ending %s (%s) after %.1f s "
               "(timeout %d s); problems %r; evidence %r\n%s"
               % (printed, run.ending, run.ending_why, run.seconds,
                  run.timeout, why, run.evidence, run.tail()))

    # make run: progress while the guest is silent, and the timeout fails.
    status, out, secs = cli["hang"]
    report("rig/progress_while_silent",
           "rig: guest still running" in out,
           "no progress line in %.0f s of a silent guest:\n%s"
           % (secs, out[-3000:]))
    report("rig/timeout_fails_run",
           status == 1 and "run ended by timeout" in out and
           "rig: FAILED" in out,
           "exit %d, output:\n%s" % (status, out[-3000:]))

    # make run: a guest at a path with a space boots with its command line.
    status, out, secs = cli["space"]
    report("rig/space_in_guest_path",
           status == 0 and 'vmitest: command line "only=rom."' in out and
           "PASS rom." in out and "rig: OK" in out,
           "exit %d, output:\n%s" % (status, out[-3000:]))


# ---- the build follows the set of sources -----------------------------------

def build_follows_sources():
    """A guest source removed from the tree leaves the guest binary: the link
    depends on the list of objects, not only on their timestamps.  Built in
    a scratch copy of the tracked tree, so the real build is untouched."""
    import tempfile
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"],
                           cwd=TOP, stdout=subprocess.PIPE, text=True,
                           check=True).stdout.split()
    victim = "tests/guest/test_fpu.c"
    with tempfile.TemporaryDirectory(prefix="vmi-relink-") as tmp:
        for f in files:
            if os.path.isfile(os.path.join(TOP, f)):
                os.makedirs(os.path.join(tmp, os.path.dirname(f)),
                            exist_ok=True)
                shutil.copy2(os.path.join(TOP, f), os.path.join(tmp, f))

        def build_and_look():
            p = subprocess.run(["make", "-s", "-j2", "build/vmitest.elf"],
                               cwd=tmp, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            nm = subprocess.run(["nm", os.path.join(tmp, "build",
                                                    "vmitest.elf")],
                                stdout=subprocess.PIPE, text=True).stdout
            return (p.returncode, "test_case_cpu_fpu_ts_switch" in nm,
                    p.stdout[-1500:])

        rc1, before, out1 = build_and_look()
        os.remove(os.path.join(tmp, victim))
        rc2, after, out2 = build_and_look()
    report("build/relink_on_removed_source",
           rc1 == 0 and before and rc2 == 0 and not after,
           "first build exit %d (fpu cases linked: %s), after removing %s: "
           "exit %d (fpu cases linked: %s)\n%s%s"
           % (rc1, before, victim, rc2, after, out1, out2))


# ---- 6. the xl domU setups ----------------------------------------------------

DOMU = os.path.join(TOP, "tests", "rig", "domu.py")
BUILD_DOM0 = os.path.join(TOP, "tests", "rig", "build-dom0.sh")
DOMU_RESULT_RE = re.compile(r"^(PASS|FAIL) (xl-\S+?)(?:: (.*))?$")
DOMU_WALL_RE = re.compile(r"^domu: wall time ([\d.]+) s")
# The scenarios on each hypervisor (docs/domu.md).  `stolen` only on the
# rebuilt Xen: with the PV shim the guest's runstate is the shim's own
# Xen's, which never sees the outer Xen give the CPU to dom0's burner.
DOMU_LIFECYCLE = ["create", "poweroff", "reboot", "shutdown",
                  "shutdown_ignored", "xl_reboot", "destroy", "pause",
                  "crash", "crash_xen", "input", "stolen"]
DOMU_STOCK_SKIPS = {"stolen"}
DOMU_ICOUNT = {"stolen"}


def domu_run(name, xen, extra, timeout):
    """One tests/rig/domu.py run; its PASS/FAIL lines reported, and
    NAME/run.exit: the runner ended with a verdict (0 or 1) and said
    something."""
    cmd = [sys.executable, DOMU, "run", "--xen", xen, "--name", name,
           "--quiet", "--timeout", str(timeout)] + extra
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           timeout=timeout + 300)
        out, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, status = e.stdout or "", None
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
    seen = []
    for line in out.splitlines():
        m = DOMU_RESULT_RE.match(line)
        if m and m.group(2).startswith(name + "/"):
            seen.append((m.group(2), m.group(1) == "PASS", m.group(3) or ""))
    wall = next((m.group(1) for m in map(DOMU_WALL_RE.match,
                                         out.splitlines()) if m), None)
    print("# domU %s: exit %s, %d results, QEMU %s s, %.0f s in all"
          % (name, status, len(seen), wall or "?", time.monotonic() - t0),
          flush=True)
    return seen, status, out


def domu_setups():
    """The guest as an xl domU (tests/rig/domu.py): the whole suite on the
    rebuilt PV32 Xen and on Debian's stock Xen through its PV shim, and
    each xl lifecycle scenario on both; dom0 (Debian's kernel and an
    initramfs of Xen's toolstack) built once by build-dom0.sh."""
    p = subprocess.run(["sh", BUILD_DOM0], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    report("domu/build_dom0", p.returncode == 0,
           "tests/rig/build-dom0.sh exit %d:\n%s"
           % (p.returncode, p.stdout[-3000:]))
    if p.returncode != 0:
        return
    # The full suites and `stolen` under -icount, as the dom0 runs: the
    # host's load cannot bunch the guest's ticks, and stolen time is
    # measured to the microsecond.  The other scenarios judge what xl and
    # the console show, and run in real time: under -icount every second
    # they wait while the CPU is busy (xl shutdown -w beside a spinning
    # guest) is 10^9 emulated instructions, minutes of the host's.
    jobs = [("xl-domu-pv32", "rebuilt", ["--icount"], 900),
            ("xl-domu-shim", "stock", ["--icount"], 1200)]
    for xen, tag in (("rebuilt", "pv32"), ("stock", "shim")):
        for sc in DOMU_LIFECYCLE:
            if xen == "stock" and sc in DOMU_STOCK_SKIPS:
                continue
            jobs.append(("xl-%s-%s" % (tag, sc.replace("_", "-")), xen,
                         ["--lifecycle", sc] +
                         (["--icount"] if sc in DOMU_ICOUNT else []), 600))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = [(name, pool.submit(domu_run, name, xen, extra, tmo))
                   for name, xen, extra, tmo in jobs]
        for name, f in futures:
            seen, status, out = f.result()
            for rname, ok, why in seen:
                report(rname, ok, why)
            report(name + "/run.exit", status in (0, 1) and bool(seen),
                   "exit %s, %d results; output:\n%s"
                   % (status, len(seen), out[-3000:]))


# ---- 7. the benchmark's smoke ------------------------------------------------

BENCH_RUN = os.path.join(TOP, "tests", "bench", "run.py")
BENCH_RESULT_RE = re.compile(r"^(PASS|FAIL) (bench/\S+?)(?:: (.*))?$")


def bench_smoke():
    """tests/bench/run.py smoke (make bench-smoke): the benchmark kernel in
    its four ways with small N: every figure produced, two runs giving
    identical counts; never a timing threshold."""
    try:
        p = subprocess.run([sys.executable, BENCH_RUN, "smoke"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=1800)
        out, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, status = e.stdout or "", None
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
    seen = 0
    for line in out.splitlines():
        m = BENCH_RESULT_RE.match(line)
        if m:
            report(m.group(2), m.group(1) == "PASS", m.group(3) or "")
            seen += 1
    report("bench/smoke.exit", status in (0, 1) and seen > 0,
           "exit %s, %d results; output:\n%s" % (status, seen, out[-3000:]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unit", required=True,
                    help="the unit test binaries (the Makefile's UNIT_TESTS)")
    args = ap.parse_args()
    start = time.monotonic()
    unit_tests(args.unit.split())
    rom_image.run(report)
    rom_image.docs_footprint(report)
    fuzz_smoke()
    build_follows_sources()
    rig_self_tests()
    refusals()
    boots()
    domu_setups()
    bench_smoke()
    failed = [r for r in results if not r[1]]
    print("# suite took %.0f s" % (time.monotonic() - start))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
