#!/usr/bin/python3
"""Measures the full `sgdc build` (every output) of the portfolio, side by side.

For each preset of gen_portfolio.py (or --design FILE) it runs

  sgdc check FILE
  sgdc build FILE -o DIR          (model.json, the BOM, the schedule; no OCI capacity)

R times each, interleaved across the binaries given (`--sgdc NAME=PATH`,
repeatable: the new binary and a baseline), every run in a fresh process with
its own rusage (model_bench.run_once). It prints the minimum and median wall
time, the minimum CPU time (user + system: on a busy machine the steadier
figure), the peak resident set, the bytes written, and whether a build of a
million racks or more meets the target of the performance issue: at most
0.25 s and 100 MB. Before timing it checks that every binary builds the
design with the generator's rack count and the same bill of materials total.

  build_bench.py --sgdc new=build-bench/compiler/driver/sgdc \\
                 --sgdc before=/tmp/sgdc-main --preset 1m 10m --repeat 5 \\
                 --out-dir build-bench/build-bench
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from model_bench import machine, run_once, stderr_excerpt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_SECONDS = 0.25
TARGET_MB = 100.0
TARGET_RACKS = 1_000_000


def generate(preset, out_dir):
    path = os.path.join(out_dir, "portfolio-%s.sgd" % preset)
    result = subprocess.run([sys.executable, os.path.join(HERE, "gen_portfolio.py"),
                             "--preset", preset, "--out", path], check=True,
                            capture_output=True, text=True)
    return path, int(re.search(r": (\d+) racks", result.stderr).group(1))


def folder_bytes(folder):
    return sum(os.path.getsize(os.path.join(root, name))
               for root, _, names in os.walk(folder) for name in names)


def reference_build(name, sgdc, design, racks, extra, out_dir):
    """Builds once; returns the BOM's grand total, or reports why not."""
    out = os.path.join(out_dir, "check-%s" % name)
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([sgdc, "build", design, "-o", out, "--color", "never", *extra],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("%s: `sgdc build %s` exited with %d:\n%s"
                 % (name, design, result.returncode, result.stderr[:2000]))
    built = re.search(r"built .*?: ([\d,]+) racks", result.stderr)
    if not built or int(built.group(1).replace(",", "")) != racks:
        sys.exit("%s: the build of %s does not have the generator's %d racks:\n%s"
                 % (name, design, racks, result.stderr[:500]))
    with open(os.path.join(out, "bom.json"), encoding="utf-8") as f:
        return json.load(f)["summary"]["total_cost"]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", action="append", required=True, metavar="NAME=PATH",
                        help="a binary to measure (repeatable; a Release build)")
    parser.add_argument("--preset", nargs="+", default=["1m"],
                        help="gen_portfolio.py presets to measure (default 1m)")
    parser.add_argument("--design", action="append", default=[],
                        help="measure this existing design too (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--out-dir", required=True,
                        help="folder for the designs, the outputs and the runs' stderr")
    args = parser.parse_args()
    binaries = []
    for spec in args.sgdc:
        name, _, path = spec.rpartition("=")
        path = os.path.abspath(path)
        if not os.access(path, os.X_OK):
            parser.error("not an executable: %s" % path)
        binaries.append((name or os.path.basename(path), path))
    os.makedirs(args.out_dir, exist_ok=True)

    designs = [generate(preset, args.out_dir) for preset in args.preset]
    for path in args.design:
        header = open(path, encoding="utf-8").read(400)
        count = re.search(r"= (\d+) GB200", header) or re.search(r"racks: (\d+)", header)
        designs.append((path, int(count.group(1)) if count else 0))

    print("machine: %s" % machine())
    print("runs:    %d per command and binary, interleaved, each in a fresh process"
          % args.repeat)
    print()
    header = ("%-24s %11s  %-8s %-6s %8s %8s %8s %8s %11s  %s"
              % ("design", "racks", "binary", "cmd", "min s", "median s", "min cpu", "peak MB",
                 "out bytes", "<= %g s, %g MB" % (TARGET_SECONDS, TARGET_MB)))
    print(header)
    print("-" * len(header))
    for path, racks in designs:
        extra = ["--max-instances", str(2 * racks)] if racks > 5_000_000 else []
        totals = {name: reference_build(name, sgdc, path, racks, extra, args.out_dir)
                  for name, sgdc in binaries}
        if len(set(totals.values())) != 1:
            sys.exit("%s: the binaries' BOM totals differ: %s" % (path, totals))
        results = {}
        for _ in range(args.repeat):
            for name, sgdc in binaries:
                for command in ("check", "build"):
                    out = os.path.join(args.out_dir, "out-%s" % name)
                    argv = [sgdc, command, path, *extra]
                    if command == "build":
                        argv += ["-o", out]
                    stderr = os.path.join(args.out_dir, "%s.%s.stderr" % (name, command))
                    code, wall, cpu, peak = run_once(argv, os.devnull, stderr)
                    if code != 0:
                        sys.exit("%s %s %s exited with %d:\n%s"
                                 % (name, command, path, code, stderr_excerpt(stderr)))
                    size = folder_bytes(out) if command == "build" else 0
                    results.setdefault((name, command), []).append((wall, cpu, peak, size))
        for name, _ in binaries:
            for command in ("check", "build"):
                runs = results[(name, command)]
                walls = [run[0] for run in runs]
                best, median = min(walls), statistics.median(walls)
                peak = max(run[2] for run in runs)
                verdict = ""
                if command == "build" and racks >= TARGET_RACKS:
                    verdict = "yes" if best <= TARGET_SECONDS and peak <= TARGET_MB else "no"
                print("%-24s %11d  %-8s %-6s %8.3f %8.3f %8.3f %8.1f %11s  %s"
                      % (os.path.basename(path)[:24], racks, name[:8], command, best, median,
                         min(run[1] for run in runs), peak,
                         "{:,}".format(runs[0][3]) if command == "build" else "", verdict))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
