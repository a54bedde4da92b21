#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the libFuzzer targets of tests/fuzz/ (see fuzz.mk).

As part of the suite, run(report) builds them (make -f tests/fuzz/fuzz.mk
fuzz-build, which also remakes the seed corpora) and runs each for a short
bounded time, all at once (one per core), reporting `fuzz/<target>` PASS or
FAIL: a crash, a sanitizer report, a broken invariant or a failed build.
The smoke starts from the seeds, what `make fuzz` found before
(build/fuzz/corpus/<target>/, read only) and a scratch corpus
(build/fuzz/smoke/<target>/, emptied each time).

As a program it is what `make fuzz` runs:

    tests/fuzz/smoke.py [--build build] [--seconds 60] [TARGET...]

runs each target for --seconds, growing build/fuzz/corpus/<target>/, and
exits 1 when any target failed.  A crashing input is saved as
build/fuzz/crash-<target>-<hash>; `build/fuzz/<target> FILE` replays it.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGETS = ("fuzz_rom_check", "fuzz_xlate")
TARGETS += ("fuzz_mmu_queue", "fuzz_pte")
# Largest input tried: a ROM filling the window and one 512-byte unit more;
# 100 descriptor/gate records.
MAX_LEN = {"fuzz_rom_check": 0x18000 + 512, "fuzz_xlate": 1200}
SMOKE_SECONDS = 10      # per target; the targets run side by side
PROBLEM_RE = re.compile(r"invariant failed|ERROR: (AddressSanitizer|"
                        r"LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)"
                        r"|runtime error:|SUMMARY: |Test unit written to|"
                        r"deadly signal")
DONE_RE = re.compile(r"^#(\d+)\s+DONE\s+cov: (\d+) ft: (\d+)")
STAT_RE = re.compile(r"^stat::(\w+):\s+(\d+)")


def make_build(build):
    """Build the targets and the seeds; (ok, output)."""
    p = subprocess.run(["make", "--no-print-directory", "-s", "-f",
                        "tests/fuzz/fuzz.mk", "B=%s" % build, "fuzz-build"],
                       cwd=TOP, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return p.returncode == 0, p.stdout


def fuzz(target, build, seconds, corpus, extra_dirs=(), log=None):
    """Run one target for `seconds`; (ok, summary or what went wrong)."""
    fdir = os.path.join(build, "fuzz")
    binary = os.path.join(fdir, target)
    log = log or os.path.join(fdir, "%s.log" % target)
    os.makedirs(corpus, exist_ok=True)
    dirs = [corpus] + [d for d in extra_dirs if os.path.isdir(d)]
    cmd = [binary, "-max_total_time=%d" % seconds,
           "-max_len=%d" % MAX_LEN.get(target, 4096),
           "-timeout=10", "-rss_limit_mb=1024", "-print_final_stats=1",
           "-artifact_prefix=%s" % os.path.join(fdir, "crash-%s-" % target)]
    start = time.monotonic()
    with open(log, "w") as f:
        try:
            p = subprocess.run(cmd + dirs, cwd=TOP, stdout=f,
                               stderr=subprocess.STDOUT,
                               timeout=seconds + 60)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    took = time.monotonic() - start
    with open(log, errors="replace") as f:
        lines = f.read().splitlines()
    problems = [l for l in lines if PROBLEM_RE.search(l)]
    stats = dict(m.groups() for m in map(STAT_RE.match, lines) if m)
    done = [m for m in map(DONE_RE.match, lines) if m]
    rel = os.path.relpath(log, TOP)
    if rc != 0 or problems:
        return False, "exit %s after %.1f s, log %s\n%s" % (
            rc, took, rel, "\n".join((problems or lines)[-12:]))
    runs = stats.get("number_of_executed_units", "?")
    cov = done[-1].group(2) if done else "?"
    return True, "%s runs in %.1f s (%s exec/s), coverage %s, log %s" % (
        runs, took, stats.get("average_exec_per_sec", "?"), cov, rel)


def fuzz_all(targets, build, seconds, corpus_of, extra_of, log_of):
    """Run targets side by side, at most one per core; {target: result}."""
    jobs = max(1, min(len(targets), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futs = {t: pool.submit(fuzz, t, build, seconds, corpus_of(t),
                               extra_of(t), log_of(t)) for t in targets}
        return {t: f.result() for t, f in futs.items()}


def run(report, build=None, seconds=SMOKE_SECONDS):
    """The suite's fuzz smoke: report fuzz/<target> for each target."""
    build = build or os.path.join(TOP, "build")
    fdir = os.path.join(build, "fuzz")
    start = time.monotonic()
    ok, out = make_build(build)
    if not ok:
        for t in TARGETS:
            report("fuzz/%s" % t, False,
                   "make -f tests/fuzz/fuzz.mk fuzz-build failed:\n%s"
                   % out[-2000:])
        return
    built = time.monotonic() - start

    def scratch(t):
        d = os.path.join(fdir, "smoke", t)
        shutil.rmtree(d, ignore_errors=True)
        return d

    results = fuzz_all(
        TARGETS, build, seconds, scratch,
        lambda t: (os.path.join(fdir, "seed", t),
                   os.path.join(fdir, "corpus", t)),
        lambda t: os.path.join(fdir, "smoke-%s.log" % t))
    for t in TARGETS:
        report("fuzz/%s" % t, *results[t])
    print("# fuzz smoke: build %.1f s, total %.1f s"
          % (built, time.monotonic() - start), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("targets", nargs="*", default=list(TARGETS))
    args = ap.parse_args()
    fdir = os.path.join(args.build, "fuzz")
    for t in args.targets:
        print("fuzz: %s for %d s" % (t, args.seconds), flush=True)
    results = fuzz_all(
        args.targets, args.build, args.seconds,
        lambda t: os.path.join(fdir, "corpus", t),
        lambda t: (os.path.join(fdir, "seed", t),),
        lambda t: os.path.join(fdir, "%s.log" % t))
    failed = 0
    for t in args.targets:
        ok, why = results[t]
        print("fuzz: %s %s: %s" % (t, "ok" if ok else "FAILED", why),
              flush=True)
        failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
