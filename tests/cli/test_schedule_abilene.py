#!/usr/bin/python3
"""The Abilene schedule story (first power ~12 months after ground-breaking, reported by
datacenterdynamics.com and compute.institute).

With the long-lead power transformers preordered (campus.sgd), `sgdc schedule`
puts first power about 12 months after ground-breaking on 2024-06-01 and meets
the phase-1 deadline. Without the preorder, first power moves out by years and
the report says it is set by the transformer lead time, with the
transformer's procurement on the driving path. Run by ctest with
/usr/bin/python3.
"""

import pathlib
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

FIRST_POWER = re.compile(r"^First power: (\d{4}-\d\d-\d\d) \(([\d.]+) months after the start\)$", re.M)
PREORDER = "preorder power.xfmr_100mva at 2022-09-01;"


def report(sgdc, folder):
    result = sgdtest.run_sgdc(sgdc, "schedule", *sgdtest.design_files(folder), cwd=folder)
    if result.returncode != 0:
        fail(f"sgdc schedule exited {result.returncode}:\n{result.stderr[:3000]}")
    match = FIRST_POWER.search(result.stdout)
    if not match:
        fail(f"no first-power line in the report:\n{result.stdout[:3000]}")
    return result.stdout, match.group(1), float(match.group(2))


def main() -> int:
    args = sgdtest.arguments(__doc__)
    example = args.source_dir / "examples" / "abilene"

    text, date, months = report(args.sgdc, example)
    if not 11.0 <= months <= 13.0:
        fail(f"with the preorder, first power is {date}, {months} months after the start "
             "(expected about 12)")
    if "phase1_energised: " not in text or "deadline 2025-06-30, met" not in text:
        fail(f"the phase-1 deadline (2025-06-30) is not reported as met:\n{text[:3000]}")

    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / "abilene"
        shutil.copytree(example, copy)
        campus = copy / "campus.sgd"
        source = campus.read_text(encoding="utf-8")
        if PREORDER not in source:
            fail(f"campus.sgd no longer has `{PREORDER}`")
        campus.write_text(source.replace(PREORDER, ""), encoding="utf-8")
        text, late_date, late_months = report(args.sgdc, copy)
    if late_months < months + 12:
        fail(f"without the preorder first power is {late_date} ({late_months} months); "
             "expected it to move out by a year or more")
    if "First power is set by the lead time of power.xfmr_100mva (transformer, 128 weeks" not in text:
        fail(f"without the preorder the report does not name the transformer lead time:\n{text[:3000]}")
    path = text.split("Driving path to first power:", 1)[1].split("\n\n", 1)[0]
    if "power.xfmr_100mva.delivery" not in path or "b1.energise" not in path:
        fail(f"the driving path does not run from the transformer delivery to b1.energise:\n{path}")
    print(f"ok: first power {date} ({months} months) with the preorder, "
          f"{late_date} ({late_months} months) without, set by the transformer lead time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
