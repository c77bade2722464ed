#!/usr/bin/python3
"""Runs the fuzz targets of tests/fuzz built by `make fuzz` (libFuzzer, clang; the sanitizer build).

    run_fuzzers.py --build build-asan --seconds 60 [--targets parse,check]
    run_fuzzers.py --build build-asan --runs 2000      # CI: a fixed seed, so repeatable

Each target runs for SECONDS on a corpus in BUILD/fuzz-corpus/TARGET (kept
between runs, so coverage accumulates), seeded from the repository: the
designs of examples/, stdlib/ and tests/golden/ for the source targets, the
TOML files for sgd.toml and --prices, and tests/fuzz/regressions/TARGET.

The invariants (FuzzSupport.h) and libFuzzer's limits make a finding: a
crash, a sanitizer report, a broken invariant, an input that runs longer than
--timeout seconds or takes more than --rss-limit-mb. A finding is saved in
BUILD/fuzz-findings/TARGET/ and fails the run; minimise it
(`BIN -minimize_crash=1 FILE`), fix the defect, and keep the input as
tests/fuzz/regressions/TARGET/NAME, which ctest replays in the normal build.

Prints, per target, the executions, their rate and the peak memory, and the
total: docs/reliability.md records them.
"""
import argparse
import hashlib
import pathlib
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Per target: its dictionary, the longest input, and where its seeds are.
TARGETS = {
    "parse": ("sgd.dict", 32768, ["examples/**/*.sgd", "stdlib/**/*.sgd", "tests/golden/**/*.sgd"]),
    "check": ("sgd.dict", 16384, ["examples/**/*.sgd", "stdlib/**/*.sgd", "tests/golden/**/*.sgd"]),
    "project": ("toml.dict", 4096, ["examples/**/sgd.toml", "stdlib/**/sgd.toml",
                                    "tests/golden/**/*.toml"]),
    "prices": ("toml.dict", 4096, ["tests/golden/**/*.toml", "examples/**/sgd.toml"]),
}


def seed(build, target, patterns):
    """BUILD/fuzz-seeds/TARGET: the repository's seeds and regression inputs,
    named by content (libFuzzer reads them, never writes there)."""
    folder = build / "fuzz-seeds" / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = [path for pattern in patterns for path in ROOT.glob(pattern)]
    sources += (ROOT / "tests" / "fuzz" / "regressions" / target).glob("*")
    for path in sources:
        if path.is_file():
            data = path.read_bytes()
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return folder


def run(args, target):
    dictionary, max_len, patterns = TARGETS[target]
    binary = args.build / "tests" / "fuzz" / f"sgd_fuzz_{target}"
    if not binary.is_file():
        sys.exit(f"run_fuzzers: {binary} is missing: build it with `make fuzz`")
    corpus = args.build / "fuzz-corpus" / target
    corpus.mkdir(parents=True, exist_ok=True)
    findings = args.build / "fuzz-findings" / target
    findings.mkdir(parents=True, exist_ok=True)
    seeds = seed(args.build, target, patterns)
    # A fixed number of runs from a fixed seed repeats itself (CI must not
    # fail by chance); a time limit explores further on each run.
    budget = ([f"-runs={args.runs}", "-seed=1"] if args.runs
              else [f"-max_total_time={args.seconds}"])
    # Two of libFuzzer's defaults cost more than the target itself and check
    # nothing: clang 14's entropic schedule searches the list of rare
    # features linearly for every feature of every run (over half of all
    # the time on `check`, whose runs hit tens of thousands of features;
    # fixed upstream in LLVM 18, llvm-project pull request 65288), and
    # -reload rereads the corpus folder every second for parallel workers
    # we do not run.
    command = [str(binary), *budget, "-entropic=0", "-reload=0", f"-timeout={args.timeout}",
               f"-rss_limit_mb={args.rss_limit_mb}", f"-max_len={max_len}",
               f"-dict={ROOT / 'tests' / 'fuzz' / dictionary}",
               f"-artifact_prefix={findings}/", "-print_final_stats=1",
               str(corpus), str(seeds)]
    log = args.build / f"fuzz-{target}.log"
    with log.open("w") as out:
        status = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode
    text = log.read_text(errors="replace")
    def stat(name):
        values = re.findall(rf"stat::{name}:\s*(\d+)", text)
        return int(values[-1]) if values else 0
    executions, peak = stat("number_of_executed_units"), stat("peak_rss_mb")
    found = sorted(findings.iterdir())
    return status, executions, peak, found, log


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=pathlib.Path, required=True, help="the `make fuzz` build")
    parser.add_argument("--seconds", type=int, default=60, help="seconds per target")
    parser.add_argument("--runs", type=int, help="inputs per target from seed 1, not --seconds")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated targets")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take")
    parser.add_argument("--rss-limit-mb", type=int, default=2048, help="memory one run may take")
    args = parser.parse_args()
    args.build = args.build.resolve()
    total, failed = 0, []
    print(f"{'target':<9} {'executions':>12} {'exec/s':>8} {'peak MB':>8}  findings")
    for target in args.targets.split(","):
        started = time.monotonic()
        status, executions, peak, found, log = run(args, target)
        elapsed = time.monotonic() - started
        total += executions
        rate = executions // max(elapsed, 1)
        print(f"{target:<9} {executions:>12,} {int(rate):>8,} {peak:>8}  {len(found)}", flush=True)
        if status != 0 or found:
            failed.append(f"{target}: exit {status}, findings {[str(p) for p in found]}; see {log}")
    print(f"{'total':<9} {total:>12,}")
    if failed:
        print("\n".join(["run_fuzzers: FINDINGS"] + failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
