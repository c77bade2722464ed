#!/usr/bin/python3
"""capex.csv pays exactly the capex: every example, and designs whose shares
weigh nothing.

docs/costs.md, "Cash flow": each (site, phase, category) series is rounded
on its running total, so `paid` and `committed` each add up to the capex of
bom.json's summary, to the cent. Checked on every example (but frankfurt,
which fails the German rule pack by design) and on two
designs with halls and no racks yet (shells first), where commissioning,
shared by IT load, weighs nothing in every building: the cash flow left it
out (paid 16,415,005.64 of a capex of 16,826,395.64 USD: the
411,390.00 of commissioning, 3 % of 13,713,000.00 USD of facility).
"""
import csv
import io
import json
import pathlib
import sys
import tempfile
from decimal import Decimal

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

SHELLS = {
    # One building, one hall of 500 m2, no racks.
    "one_shell.sgd": "site s { building b { hall h { area = 500 m2; } } }\n",
    # Two buildings in two phases, no racks: the line is split between them.
    "two_shells.sgd": ("site s {\n"
                       "  building b1 { phase = 1; hall h { area = 500 m2; } }\n"
                       "  building b2 { phase = 2; hall h { area = 800 m2; } }\n"
                       "}\n"),
}

# Commissioning is 3 % of facility equipment and construction (stdlib rates).
# one_shell: GFA 500 m2 x 2.5 = 1,250 m2; shell 5,500 + fit-out 2,750 USD/m2
# = 10,312,500; site works 1,250 m2 x 10 = 1.25 ha x 2,500,000 = 3,125,000;
# piping 44 m x 2,000 = 88,000; fire protection 1,250 x 150 = 187,500; in
# all 13,713,000 x 0.03 = 411,390.00, all in phase 1.
# two_shells: GFA 1,250 + 2,000 = 3,250 m2 -> 26,812,500; site works 3.25 ha
# -> 8,125,000; piping 44 + 56 m -> 200,000; fire 487,500; in all 35,625,000
# x 0.03 = 1,068,750.00, half in each building's phase: 534,375.00.
EXPECTED_COMMISSIONING = {
    "one_shell.sgd": {"1": Decimal("411390.00")},
    "two_shells.sgd": {"1": Decimal("534375.00"), "2": Decimal("534375.00")},
}


def pays_capex(sgdc, cwd, arguments, what, failures):
    with tempfile.TemporaryDirectory(prefix="sgd-cash-") as work:
        out = pathlib.Path(work) / "out"
        sgdtest.run_checked([sgdc, "build", *arguments, "-o", str(out)], cwd)
        total = Decimal(json.loads((out / "bom.json").read_bytes())["summary"]["total_cost"])
        rows = list(csv.DictReader(io.StringIO((out / "capex.csv").read_text("utf-8"),
                                               newline="")))
        for column in ("committed", "paid"):
            summed = sum((Decimal(row[column]) for row in rows), Decimal(0))
            if summed != total:
                failures.append(f"{what}: capex.csv's {column} adds up to {summed}, "
                                f"not the capex {total}")
        return rows


def main():
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    failures = []
    examples = sgdtest.example_projects(args.source_dir, exclude=("frankfurt",))
    for example in examples:
        pays_capex(sgdc, example, [], f"examples/{example.name}", failures)
    with tempfile.TemporaryDirectory(prefix="sgd-shells-") as work:
        for name, text in SHELLS.items():
            design = pathlib.Path(work) / name
            design.write_text(text)
            rows = pays_capex(sgdc, work, [str(design)], name, failures)
            paid = {}
            for row in rows:
                if row["category"] == "commissioning":
                    paid[row["phase"]] = paid.get(row["phase"], Decimal(0)) + Decimal(row["paid"])
            if paid != EXPECTED_COMMISSIONING[name]:
                failures.append(f"{name}: commissioning paid by phase {paid}, "
                                f"not {EXPECTED_COMMISSIONING[name]}")
    return sgdtest.finish(failures, f"test_cash_flow_pays_capex: ok, {len(examples)} examples "
                          f"and {len(SHELLS)} designs without racks",
                          heading="test_cash_flow_pays_capex: FAIL")


if __name__ == "__main__":
    sys.exit(main())
