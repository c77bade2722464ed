#!/usr/bin/python3
"""Hostile inputs end in a diagnostic, in bounded time and output, and a build
never writes or deletes outside its output folder (docs/reliability.md).

Each case is a class of defect found by fuzzing and by hand (issue 23); each
failed on sgdc before it was fixed:

 1. a chain of 100,000 constants, each defined by the next, is evaluated
    (it overflowed the stack);
 2. FIFOs and devices as design files, imports, sgd.toml and --prices are
    refused at once (they blocked, or read /dev/zero for ever);
 3. a TOML key of 100,000 parts is refused (toml++ overflowed the stack);
 4. a 1 GiB design file is refused by its size (it ran out of memory);
 5. a 10 MB line of NUL bytes is one diagnostic, fast (15 s, echoed whole);
 6. 4,000 stray `}` on one line print a bounded excerpt each, and at most
    1,000 diagnostics (quadratic: seconds and megabytes);
 7. `-o LINK`: the link and the folder it points to are left alone (the
    build replaced the link and emptied the folder);
 8. a marked output folder holding a file sgdc did not write is left alone;
 9. staging folders of a killed build are removed when their process is
    gone and they are a build's, and nothing else is;
10. a bill of materials near the top of the exact range prints its total
    right (a signed 128-bit overflow printed it negative);
11. a wildcard block of 300,000 names (`crews { … }`) checks in linear time
    (each name was searched for among those before it: about 5 minutes);
12. standard output on a full disk (/dev/full) is an I/O error: exit 2 and
    one line that says so (LLVM's stream aborted the process as it was
    destroyed: exit 134 and "pure virtual method called").
"""
import csv
import decimal
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

# Seconds a case may take: far more than any of them needs, far less than a
# hang. Sanitizer builds (make test-asan) are several times slower.
TIMEOUT = 120

RACK_TYPE = 'component rack_type r { model = "r"; it_power = 10 kW; }\n'
SMALL_DESIGN = RACK_TYPE + "site s { building b { hall h { row w { rack k[1..2] : r; } } } }\n"


def sgdc(args, *arguments, cwd=None):
    try:
        return sgdtest.run_sgdc(args.sgdc, *arguments, cwd=cwd, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise Failure(f"`sgdc {' '.join(arguments)}` did not finish in {TIMEOUT} s")


def expect(result, status, *needles, what):
    if result.returncode != status:
        raise Failure(f"{what}: exit {result.returncode}, expected {status}\n{result.stderr[-2000:]}")
    for needle in needles:
        if needle not in result.stderr:
            raise Failure(f"{what}: no `{needle}` in\n{result.stderr[-2000:]}")


def constant_chain(args, temp):
    lines = [f"const c{i} = c{i + 1} + 1;" for i in range(99_999)] + ["const c99999 = 1;"]
    design = temp / "chain.sgd"
    design.write_text("\n".join(lines) + "\n")
    expect(sgdc(args, "check", str(design)), 0, what="a chain of 100,000 constants")
    # The same chain closed into a cycle: reported once, at its start.
    lines[-1] = "const c99999 = c0;"
    design.write_text("\n".join(lines) + "\n")
    result = sgdc(args, "check", str(design))
    expect(result, 1, "error[E0303]: constant `c0` depends on itself",
           what="a cycle of 100,000 constants")


def special_files(args, temp):
    pipe = temp / "pipe.sgd"
    os.mkfifo(pipe)
    expect(sgdc(args, "check", str(pipe)), 2, "error[E0002]", "it is a FIFO (named pipe)",
           what="a FIFO as a design file")
    importer = temp / "importer.sgd"
    importer.write_text('import "pipe.sgd";\n')
    expect(sgdc(args, "check", str(importer)), 1, "error[E0206]", "it is a FIFO (named pipe)",
           what="a FIFO as an import")
    design = temp / "small.sgd"
    design.write_text(SMALL_DESIGN)
    expect(sgdc(args, "build", str(design), "--prices", "/dev/zero", "-o", str(temp / "o1")), 2,
           "error[E0002]", "character device", what="/dev/zero as --prices")
    for name, make in (("zero", lambda toml: toml.symlink_to("/dev/zero")),
                       ("fifo", lambda toml: os.mkfifo(toml))):
        project = temp / f"project_{name}"
        project.mkdir()
        make(project / "sgd.toml")
        expect(sgdc(args, "check", cwd=project), 2, "error[E0002]",
               what=f"sgd.toml that is a {name}")


def deep_toml_keys(args, temp):
    key = ".".join(["a"] * 100_000)
    project = temp / "deep_project"
    project.mkdir()
    (project / "small.sgd").write_text(SMALL_DESIGN)
    (project / "sgd.toml").write_text(f'[project]\nentry = "small.sgd"\n[prices]\n{key} = 1\n')
    expect(sgdc(args, "check", cwd=project), 2, "error[E0901]", "nests tables 100001 levels deep",
           what="sgd.toml with a key of 100,000 parts")
    prices = temp / "deep_prices.toml"
    prices.write_text(f"[prices]\n{key} = 1\n")
    expect(sgdc(args, "build", str(project / "small.sgd"), "--prices", str(prices),
                "-o", str(temp / "o2")), 2, "error[E0901]", what="--prices with a deep key")


def huge_input(args, temp):
    design = temp / "huge.sgd"
    with design.open("wb") as out:
        out.truncate(1 << 30)  # sparse: no disk, but 1 GiB to read
    expect(sgdc(args, "check", str(design)), 2, "error[E0003]", "it has 1 GiB",
           "--max-input-size", what="a 1 GiB design file")


def nul_line(args, temp):
    design = temp / "nul.sgd"
    design.write_bytes(b"\0" * 10_000_000 + b"\n")
    result = sgdc(args, "check", str(design))
    expect(result, 1, "error[E0113]", what="a 10 MB line of NUL bytes")
    if len(result.stderr) > 4000:
        raise Failure(f"a 10 MB line of NUL bytes printed {len(result.stderr)} characters")


def stray_braces(args, temp):
    design = temp / "braces.sgd"
    design.write_text("}" * 4000 + "\n")
    result = sgdc(args, "check", str(design))
    expect(result, 1, "warning[W0910]: 3,000 more diagnostics (3,000 errors)",
           "1000 errors and 1 warning generated.", what="4,000 stray `}`")
    everything = sgdc(args, "check", "--max-diagnostics", "0", str(design))
    expect(everything, 1, "4000 errors generated.", what="4,000 stray `}`, no limit")
    # Each excerpt is a window of at most 160 columns, not the 4,000 of the line.
    if len(everything.stderr) > 4000 * 400:
        raise Failure(f"4,000 stray `}}` printed {len(everything.stderr)} characters")


def symlink_output(args, temp):
    design = temp / "small.sgd"
    design.write_text(SMALL_DESIGN)
    for marked in (False, True):
        target = temp / f"target_{marked}"
        target.mkdir()
        (target / "keep.txt").write_text("not sgdc's\n")
        if marked:  # even a folder a build wrote: never through a link
            (target / ".sgdc-output").write_text(
                "This folder is written by `sgdc build`; the next build replaces all of it.\n")
        before = sgdtest.snapshot(target)
        link = temp / f"out_{marked}"
        link.symlink_to(target)
        result = sgdc(args, "build", str(design), "-o", str(link))
        expect(result, 2, "is a symbolic link", what="-o a symbolic link")
        if not link.is_symlink() or sgdtest.snapshot(target) != before:
            raise Failure("-o a symbolic link changed the link or the folder it points to")


def foreign_file(args, temp):
    design = temp / "small.sgd"
    design.write_text(SMALL_DESIGN)
    out = temp / "out_foreign"
    expect(sgdc(args, "build", str(design), "-o", str(out)), 0, what="a first build")
    (out / "notes.txt").write_text("mine\n")
    before = sgdtest.snapshot(out)
    expect(sgdc(args, "build", str(design), "-o", str(out)), 2, "'notes.txt' that sgdc did not write",
           what="a build over a folder with a file sgdc did not write")
    if sgdtest.snapshot(out) != before:
        raise Failure("a build replaced a folder holding a file sgdc did not write")
    (out / "notes.txt").unlink()
    expect(sgdc(args, "build", str(design), "-o", str(out)), 0,
           what="a build over a folder sgdc wrote")


def stale_staging(args, temp):
    design = temp / "small.sgd"
    design.write_text(SMALL_DESIGN)
    folder = temp / "staging"
    folder.mkdir()
    marker = "This folder is written by `sgdc build`; the next build replaces all of it.\n"
    # Process numbers above Linux's pid_max belong to no process.
    gone = [2147483000 + i for i in range(5)]
    stale_tmp = folder / f"out.tmp.{gone[0]}"
    stale_old = folder / f"out.old.{gone[1]}"
    foreign = folder / f"out.tmp.{gone[2]}"
    linked = folder / f"out.old.{gone[3]}"
    for stale in (stale_tmp, stale_old):
        (stale / "oci").mkdir(parents=True)
        (stale / ".sgdc-output").write_text(marker)
        (stale / "oci" / "versions.tf").write_text("x\n")
    foreign.mkdir()
    (foreign / "mine.txt").write_text("not a build's\n")
    elsewhere = temp / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".sgdc-output").write_text(marker)
    (elsewhere / "keep.txt").write_text("keep\n")
    linked.symlink_to(elsewhere)
    expect(sgdc(args, "build", str(design), "-o", str(folder / "out")), 0,
           what="a build beside a killed build's staging folders")
    left = sorted(path.name for path in folder.iterdir())
    expected = sorted(["out", foreign.name, linked.name])
    if left != expected:
        raise Failure(f"after a build beside stale staging folders: {left}, expected {expected}")
    if not (elsewhere / "keep.txt").exists() or not linked.is_symlink():
        raise Failure("a link named like a staging folder was followed")


def money_near_the_limit(args, temp):
    design = temp / "money.sgd"
    # 2 racks at 10^36 USD: 2 × 10^36 USD is exact, 2 × 10^38 cents is not.
    design.write_text('component rack_type r { model = "r"; it_power = 10 kW;\n'
                      '  unit_cost = 1_000_000_000_000_000_000_000_000_000_000 MUSD; }\n'
                      "site s { building b { hall h { row w { rack k[1..2] : r; } } } }\n")
    out = temp / "money_out"
    result = sgdc(args, "build", str(design), "-o", str(out))
    expect(result, 0, what="a bill of materials of 2 x 10^36 USD")
    total = "2" + "0" * 36 + ".00"
    rows = list(csv.DictReader((out / "bom.csv").read_text().splitlines()))
    if not any(row["extended_cost"] == total for row in rows):
        raise Failure(f"bom.csv has no extended cost {total}: {rows}")
    # The capex adds the cost model's lines (installation, soft costs,
    # docs/costs.md) to the equipment: exactly SUM(extended_cost) of bom.csv.
    decimal.getcontext().prec = 80
    capex = sum(decimal.Decimal(row["extended_cost"]) for row in rows)
    shown = re.search(r"capex ([-0-9,.]+) USD", result.stderr)
    if not shown or decimal.Decimal(shown.group(1).replace(",", "")) != capex:
        raise Failure(f"the build summary shows capex {shown and shown.group(1)}, not {capex}")


def wide_wildcard_block(args, temp):
    names = [f"      c{i:06d} = 1;" for i in range(300_000)]
    design = temp / "crews.sgd"
    design.write_text("site s {\n  building b { hall h { area = 500 m2; } }\n"
                      "  schedule {\n    start = 2025-01-06;\n    crews {\n"
                      + "\n".join(names) + "\n      c000000 = 2;\n    }\n  }\n}\n")
    # The repeated name is reported where it is repeated, with the first.
    expect(sgdc(args, "check", str(design)), 1,
           "crews.sgd:300006:7: error[E0301]: `c000000` is already set in `crews`",
           "crews.sgd:6:7: note: first set here", what="a wildcard block of 300,000 names")


def full_disk_output(args, temp):
    design = temp / "small.sgd"
    design.write_text(SMALL_DESIGN)
    with open("/dev/full", "w") as full:
        result = subprocess.run([args.sgdc, "dump", "model", str(design)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)
    expect(result, 2, "sgdc: error: cannot write the standard output: No space left on device",
           what="`sgdc dump model` into /dev/full")
    if len(result.stderr.splitlines()) != 1:
        raise Failure(f"more than the one line on a full disk:\n{result.stderr[-2000:]}")


CASES = [constant_chain, special_files, deep_toml_keys, huge_input, nul_line, stray_braces,
         symlink_output, foreign_file, stale_staging, money_near_the_limit, wide_wildcard_block,
         full_disk_output]


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as temp:
            try:
                case(args, pathlib.Path(temp))
            except Failure as failure:
                failures.append(f"{case.__name__}: {failure}")
    return sgdtest.finish(failures, f"ok: {len(CASES)} classes of hostile input")


if __name__ == "__main__":
    sys.exit(main())
