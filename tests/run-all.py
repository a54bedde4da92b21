#!/usr/bin/env python3
"""The whole vmi-xen test suite (what `make test` and .ci/run run).

1. host unit tests (cmocka): every build/unit/test_* binary
2. the ROM image: romtool verify, docs/calls.md up to date, romtool rejecting
   corrupted files
3. boots (two at a time, one per core): the test guest on Xen through the
   shim with the ROM at two addresses, Reboot on Xen, the unimplemented-call
   diagnostic, and the guest on bare QEMU with its native ROM

Prints `PASS name` / `FAIL name: why` per test and ends with the line
`N passed, N failed`; exits non-zero when anything failed.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "rig"))
import rig  # noqa: E402

TOP = rig.TOP
BUILD = rig.BUILD
ROMTOOL = os.path.join(BUILD, "romtool")
ROM = os.path.join(BUILD, "vmi-rom.bin")

results = []


def report(name, ok, why=""):
    rig.report(results, name, ok, why)


# ---- 1. host unit tests ---------------------------------------------------

CMOCKA_RE = re.compile(r"^\[\s*(OK|FAILED)\s*\] (\S+)")


def unit_tests(binaries):
    for binary in binaries:
        binary = os.path.join(TOP, binary)
        suite = os.path.basename(binary)
        if not os.access(binary, os.X_OK):
            report("unit/%s.exists" % suite, False,
                   "%s was not built" % os.path.relpath(binary, TOP))
            continue
        p = subprocess.run([binary], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           env=dict(os.environ, CMOCKA_MESSAGE_OUTPUT="STDOUT"))
        seen = 0
        for line in p.stdout.splitlines():
            m = CMOCKA_RE.match(line)
            # "[  FAILED  ] 4 test(s), listed below:" is a count, not a test
            if m and not m.group(2).isdigit():
                seen += 1
                report("unit/%s.%s" % (suite, m.group(2)),
                       m.group(1) == "OK",
                       "see `%s`" % os.path.relpath(binary, TOP))
        if p.returncode != 0 or seen == 0:
            report("unit/%s.exit" % suite, False,
                   "exit status %d, %d tests seen\n%s"
                   % (p.returncode, seen, p.stdout[-2000:]))


# ---- 2. the ROM image -----------------------------------------------------

def romtool(*args):
    return subprocess.run([ROMTOOL] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def corrupt(name, offset, value=None, truncate=None):
    data = bytearray(open(ROM, "rb").read())
    if truncate is not None:
        data = data[:truncate]
    else:
        data[offset] = value if value is not None else data[offset] ^ 0xff
    path = os.path.join(BUILD, "logs", "corrupt-%s.bin" % name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def rom_tests():
    os.makedirs(os.path.join(BUILD, "logs"), exist_ok=True)
    p = romtool("verify", ROM)
    report("rom/verify", p.returncode == 0, p.stdout.strip())

    p = romtool("calls-md")
    with open(os.path.join(TOP, "docs", "calls.md")) as f:
        current = f.read()
    report("rom/docs_calls_md_current", p.returncode == 0 and
           p.stdout == current,
           "docs/calls.md differs from `romtool calls-md`: run `make docs`")

    # Every kind of damage a file can carry must be refused, with a reason.
    data = open(ROM, "rb").read()
    pci = int.from_bytes(data[0x18:0x1a], "little")
    pnp = int.from_bytes(data[0x1a:0x1c], "little")
    cases = {
        "signature": dict(offset=0, value=0x54),
        "checksum": dict(offset=len(data) - 1),
        "length": dict(offset=2, value=data[2] + 1),
        "truncated": dict(offset=0, truncate=len(data) - 512),
        "vmi_signature": dict(offset=8, value=ord("X")),
        "api_major": dict(offset=13, value=12),
        "pci_header": dict(offset=pci, value=ord("X")),
        "pnp_header": dict(offset=pnp + 9),
        "slot": dict(offset=6 * 32 + 1, value=7),
    }
    for name, how in cases.items():
        path = corrupt(name, **how)
        p = romtool("verify", path)
        report("rom/rejects_%s" % name,
               p.returncode == 1 and "romtool:" in p.stdout,
               "exit %d: %s" % (p.returncode, p.stdout.strip()))


# ---- 3. boots -------------------------------------------------------------

def first_unimplemented():
    """The first listed call the ROM does not implement; once every call is
    implemented, the first reserved slot (85), which behaves the same way."""
    p = romtool("list", ROM)
    for line in p.stdout.splitlines():
        n, name, status = line.split()
        if status == "not-implemented":
            return int(n), name
    return 85, "reserved"


def boots():
    unimpl, unimpl_name = first_unimplemented()
    runs = [
        # (run, judge kwargs)
        (rig.Run("xen-dom0", "xen", rom="0xc8000"),
         dict(expect_rom=0xC8000)),
        (rig.Run("xen-dom0-rom-d4000", "xen", rom="0xd4000"),
         dict(expect_rom=0xD4000)),
        (rig.Run("xen-dom0-reboot", "xen", args="end=reboot",
                 expect_end="reboot"),
         dict(expect_rom=0xC8000)),
        (rig.Run("bare-native", "bare", args="exit=port",
                 expect_end="exit 1"),
         dict(expect_native=True)),
        (rig.Run("bare-native-shutdown", "bare", args=""),
         dict(expect_native=True)),
    ]
    unimpl_run = rig.Run("xen-dom0-unimplemented", "xen",
                         args="unimpl=%d" % unimpl, expect_end="crash")
    todo = [r for r, _ in runs] + [unimpl_run]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for run in pool.map(lambda r: r.boot(), todo):
            print("# boot %s: %.1f s, ended by %s, log %s"
                  % (run.name, run.seconds, run.ending,
                     os.path.relpath(run.log_path, TOP)), flush=True)

    for run, kw in runs:
        judge_kwargs = dict(kw)
        rig.judge_boot(run, results, **judge_kwargs)

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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unit", required=True,
                    help="the unit test binaries (the Makefile's UNIT_TESTS)")
    args = ap.parse_args()
    start = time.monotonic()
    unit_tests(args.unit.split())
    rom_tests()
    boots()
    failed = [r for r in results if not r[1]]
    print("# suite took %.0f s" % (time.monotonic() - start))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
