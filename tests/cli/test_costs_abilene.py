#!/usr/bin/python3
"""Abilene's capex lands inside the published ranges docs/costs.md quotes.

Builds examples/abilene and reads bom.json's summary:
- facility capex per MW of IT (facility equipment and construction, the set
  Cushman & Wakefield's Data Center Development Cost Guide 2025 prices as
  construction) within C&W's $9.3 M (San Antonio) to $15.0 M (Reno) per MW of
  critical load;
- the whole capex within the $25-35 B of public per-rack and per-MW
  breakdowns of a campus like Abilene;
- the network fabric within the 13-23 % of AI-cluster capex (IT and fabric)
  analysts give;
and that capex.csv pays exactly the capex.
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

RANGES = {
    "facility_capex_per_mw": (Decimal("9300000"), Decimal("15000000")),
    "total_cost": (Decimal("25000000000"), Decimal("35000000000")),
}
FABRIC_SHARE = (Decimal("0.13"), Decimal("0.23"))


def main():
    args = sgdtest.arguments(__doc__)
    project = args.source_dir / "examples" / "abilene"
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgd-costs-") as work:
        out = pathlib.Path(work) / "out"
        sgdtest.run_checked([str(pathlib.Path(args.sgdc).resolve()), "build", "-o", str(out)],
                            project)
        summary = json.loads((out / "bom.json").read_bytes())["summary"]
        for key, (low, high) in RANGES.items():
            value = Decimal(summary[key])
            if not low <= value <= high:
                failures.append(f"{key} {value} is outside {low}-{high}")
        it, fabric = Decimal(summary["it_equipment_cost"]), Decimal(summary["network_fabric_cost"])
        share = fabric / (it + fabric)
        if not FABRIC_SHARE[0] <= share <= FABRIC_SHARE[1]:
            failures.append(f"the network fabric is {share:.3f} of IT and fabric, outside "
                            f"{FABRIC_SHARE[0]}-{FABRIC_SHARE[1]}")
        rows = csv.DictReader(io.StringIO((out / "capex.csv").read_text("utf-8"), newline=""))
        paid = sum((Decimal(row["paid"]) for row in rows), Decimal(0))
        if paid != Decimal(summary["total_cost"]):
            failures.append(f"capex.csv pays {paid}, not the capex {summary['total_cost']}")
    return sgdtest.finish(failures, "test_costs_abilene: ok, facility "
                          f"{summary['facility_capex_per_mw']} USD per MW, total "
                          f"{summary['total_cost']} USD, fabric {share:.3f}",
                          heading="test_costs_abilene: FAIL")


if __name__ == "__main__":
    sys.exit(main())
