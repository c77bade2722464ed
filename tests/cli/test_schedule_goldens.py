#!/usr/bin/python3
"""The two schedule stories of issue 18, asserted on their figures.

tests/golden/schedule/colossus_first_power.sgd: a Colossus-like site (100,352
H100 GPUs in 4 halls, gas turbines and Megapacks) is energised from on-site
generation, not the grid, and its first hall is ready for IT in under 5
months from ground-breaking (the design's comments work the dates out:
first power 2024-07-31, first hall 2024-09-14, 4.4 months).

tests/golden/schedule/phased_abilene.sgd: eight buildings, one phase each;
the unit transformers leave the factory at 40 a week, phase by phase, so
every lot of phase 1 (b1) is delivered before the lot of the same entry for
phase 8 (b8): b1's 100 units on 2026-03-06 (644 days after the 2024-06-01
order), b8's on 2026-07-03 (763 days), and phase 1 is ready for IT before
phase 8. Run by ctest with /usr/bin/python3.
"""

import csv
import io
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

FIRST_HALL = re.compile(r"^First hall ready for IT: (\S+) \(([\d.]+) months after the start\)", re.M)
PHASE = re.compile(r"^  phase (\d+): (\S+) ", re.M)


def schedule(sgdc, design, *options):
    result = sgdtest.run_sgdc(sgdc, "schedule", *options, design.name, cwd=design.parent)
    if result.returncode != 0:
        fail(f"sgdc schedule {' '.join(options)} {design.name} exited {result.returncode}:\n"
             f"{result.stderr[:3000]}")
    return result.stdout


def colossus(sgdc, folder):
    report = schedule(sgdc, folder / "colossus_first_power.sgd")
    match = FIRST_HALL.search(report)
    if not match:
        fail(f"colossus: no first-hall line in the report:\n{report[:3000]}")
    date, months = match.group(1), float(match.group(2))
    if months >= 5.0 or date != "2024-09-14":
        fail(f"colossus: the first hall is ready for IT on {date}, {months} months after "
             "ground-breaking (expected 2024-09-14, under 5 months)")
    if "colossus: 2024-07-31 from on-site generation: " not in report:
        fail(f"colossus: the building is not energised from on-site generation on 2024-07-31:\n"
             f"{report[:3000]}")
    return f"colossus first hall {date} ({months} months), energised on site"


def phased(sgdc, folder):
    design = folder / "phased_abilene.sgd"
    rows = list(csv.DictReader(io.StringIO(schedule(sgdc, design, "--emit", "csv"))))
    lots = {}  # entry -> building -> (early_finish, name)
    for row in rows:
        match = re.fullmatch(r"(.+)\.(b\d)\.delivery", row["name"])
        if match:
            lots.setdefault(match.group(1), {})[match.group(2)] = row["early_finish"]
    if not lots:
        fail("phased_abilene: no delivery lots per building in schedule.csv")
    for entry, by_building in lots.items():
        if sorted(by_building) != [f"b{n}" for n in range(1, 9)]:
            fail(f"phased_abilene: {entry} has lots for {sorted(by_building)}, not b1-b8")
        finishes = [by_building[f"b{n}"] for n in range(1, 9)]
        # Without a factory_output every lot comes at the lead time: equal dates.
        if finishes != sorted(finishes):
            fail(f"phased_abilene: {entry}'s lots are not delivered phase by phase: {finishes}")
    xfmr = lots.get("unit_xfmr", {})
    if (xfmr.get("b1"), xfmr.get("b8")) != ("2026-03-06", "2026-07-03"):
        fail(f"phased_abilene: unit_xfmr lots b1 {xfmr.get('b1')}, b8 {xfmr.get('b8')} "
             "(expected 2026-03-06 and 2026-07-03)")
    phases = dict(PHASE.findall(schedule(sgdc, design)))
    if phases.get("1") != "2026-05-29" or phases.get("8") != "2026-09-25":
        fail(f"phased_abilene: phases ready {phases} (expected phase 1 2026-05-29, "
             "phase 8 2026-09-25)")
    return (f"phased Abilene: {len(lots)} entries delivered phase by phase, unit transformers "
            f"b1 {xfmr['b1']} before b8 {xfmr['b8']}")


def main() -> int:
    args = sgdtest.arguments(__doc__)
    folder = args.source_dir / "tests" / "golden" / "schedule"
    print("ok: " + colossus(args.sgdc, folder) + "; " + phased(args.sgdc, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
