#!/usr/bin/python3
"""Measures how fast sgdc builds the design model of a large replicated design.

For each rack count it writes a replicated design with gen_design.py (ranges
and a hall template: a few kilobytes whatever the count), then runs

  sgdc check FILE                               (parse, check, build the model)
  sgdc dump model --format json FILE > /dev/null   (with --dump-json)
  sgdc dump model FILE > /dev/null                 (with --dump-text)

R times each, every run in a fresh process. Each run's wall time and peak
resident set come from that one child alone: the child is started with
posix_spawn and reaped with os.wait4, which returns the child's own rusage
(ru_maxrss, ru_utime, ru_stime), so runs do not see each other's high-water
marks. The CPU time (user + system) is printed next to the wall time: on a
busy machine it is the steadier figure.

Before timing, it checks that `sgdc dump model` accepts the design and that
the model holds as many racks as the generator wrote (its first line); any
timed run that exits with an error stops the benchmark with exit code 1.

  model_bench.py --sgdc build-bench/compiler/driver/sgdc --racks 100000 1000000 \\
                 --repeat 5 --dump-json --out-dir build-bench/model-bench

Target (docs/performance.md): 1,000,000 racks build in at most 2 s and 256 MB.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_SECONDS = 2.0
TARGET_MB = 256.0


def generate(racks, out_dir):
    """Writes the replicated design of `racks` racks; returns (path, exact rack count)."""
    path = os.path.join(out_dir, "replicated-%d.sgd" % racks)
    subprocess.run([sys.executable, os.path.join(HERE, "gen_design.py"), "--racks", str(racks),
                    "--style", "replicated", "--out", path], check=True,
                   stderr=subprocess.DEVNULL)
    return path, racks_in_comment(path)


def racks_in_comment(path):
    """The exact count from the generator's header (`// racks: N ...`), or None."""
    with open(path, encoding="utf-8") as f:
        for _, line in zip(range(10), f):
            match = re.match(r"// racks: (\d+)", line)
            if match:
                return int(match.group(1))
    return None


class RunTimedOut(Exception):
    """A run took longer than its timeout and was killed."""


def run_once(argv, stdout_path, stderr_path, timeout=None):
    """Runs argv in a fresh process; returns (exit code, wall seconds, CPU seconds
    (user + system), peak RSS in MB). With a timeout in seconds, a run still going
    then is killed and RunTimedOut raised."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    if timeout is None:
        _, status, usage = os.wait4(pid, 0)
    else:
        _, status, usage = wait_with_timeout(pid, timeout)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return code, wall, cpu, usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def spawn_floor_mb():
    """The lowest peak run_once can report: Linux carries the spawning process's
    high-water mark (VmHWM) into a child started with vfork and exec, so a child
    whose own peak is lower reports this one."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def wait_with_timeout(pid, timeout):
    """os.wait4 of pid, interrupted by SIGALRM after `timeout` seconds: the child is then
    killed and reaped, and RunTimedOut raised."""
    def expire(signum, frame):
        raise RunTimedOut()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return os.wait4(pid, 0)
    except RunTimedOut:
        os.kill(pid, signal.SIGKILL)
        os.wait4(pid, 0)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def stderr_excerpt(path, lines=10):
    with open(path, encoding="utf-8", errors="replace") as f:
        return "".join(f.readlines()[:lines])


def model_rack_count(sgdc, design, extra):
    """The rack count of the model, from the first line of `sgdc dump model`."""
    result = subprocess.run([sgdc, "dump", "model", *extra, design], capture_output=True,
                            text=True)
    if result.returncode != 0:
        return None, result.stderr
    match = re.search(r"; ([\d,]+) racks", result.stdout.split("\n", 1)[0])
    return (int(match.group(1).replace(",", "")) if match else None), result.stdout[:300]


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%d CPUs (nproc), %s" % (os.cpu_count() or 0, model)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", required=True, help="the sgdc binary (a Release build)")
    parser.add_argument("--racks", type=int, nargs="+", default=[1000000],
                        help="rack counts to generate and measure (default 1000000)")
    parser.add_argument("--design", action="append", default=[],
                        help="measure this existing design too (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command (default 3)")
    parser.add_argument("--dump-json", action="store_true",
                        help="also time `sgdc dump model --format json` (output to /dev/null)")
    parser.add_argument("--dump-text", action="store_true",
                        help="also time `sgdc dump model` (the text outline, to /dev/null)")
    parser.add_argument("--max-instances", type=int,
                        help="pass --max-instances N to sgdc (designs over 10,000,000)")
    parser.add_argument("--out-dir", required=True,
                        help="folder for the generated designs and the runs' stderr")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    sgdc = os.path.abspath(args.sgdc)
    if not os.access(sgdc, os.X_OK):
        parser.error("not an executable: %s" % args.sgdc)
    os.makedirs(args.out_dir, exist_ok=True)
    extra = ["--max-instances", str(args.max_instances)] if args.max_instances else []

    designs = []
    for racks in args.racks:
        designs.append(generate(racks, args.out_dir))
    for path in args.design:
        designs.append((path, racks_in_comment(path)))

    commands = [("check", ["check", *extra])]
    if args.dump_json:
        commands.append(("dump json", ["dump", "model", "--format", "json", *extra]))
    if args.dump_text:
        commands.append(("dump text", ["dump", "model", *extra]))

    print("sgdc:    %s" % sgdc)
    print("machine: %s" % machine())
    print("runs:    %d per command, each in a fresh process" % args.repeat)
    print()
    header = ("%-26s %10s %6s  %-9s %8s %8s %8s %9s  %s"
              % ("design", "racks", "bytes", "command", "min s", "median s", "min cpu",
                 "peak MB",
                 "<= %g s, %g MB" % (TARGET_SECONDS, TARGET_MB)))
    print(header)
    print("-" * len(header))
    for path, expected in designs:
        racks, detail = model_rack_count(sgdc, path, extra)
        if racks is None:
            print("%s: sgdc dump model failed:\n%s" % (path, detail), file=sys.stderr)
            return 1
        if expected is not None and racks != expected:
            print("%s: the model has %d racks, the generator wrote %d"
                  % (path, racks, expected), file=sys.stderr)
            return 1
        size = os.path.getsize(path)
        for name, command in commands:
            stderr_path = os.path.join(args.out_dir, "%s.%s.stderr"
                                       % (os.path.basename(path), name.replace(" ", "-")))
            walls, cpus, peaks = [], [], []
            for _ in range(args.repeat):
                code, wall, cpu, peak = run_once([sgdc, *command, path], os.devnull,
                                                 stderr_path)
                if code != 0:
                    print("%s %s exited with %d:\n%s"
                          % (name, path, code, stderr_excerpt(stderr_path)), file=sys.stderr)
                    return 1
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
            best, median, peak = min(walls), statistics.median(walls), max(peaks)
            verdict = "yes" if best <= TARGET_SECONDS and peak <= TARGET_MB else "no"
            print("%-26s %10d %6d  %-9s %8.3f %8.3f %8.3f %9.1f  %s"
                  % (os.path.basename(path)[:26], racks, size, name, best, median,
                     min(cpus), peak, verdict))
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
