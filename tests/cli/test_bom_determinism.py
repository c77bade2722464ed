#!/usr/bin/python3
"""Two builds of the same design write the same bills of materials, byte for byte.

Builds every example project twice, into two folders with different names,
with and without --bom-detail, and compares bom.csv, bom.json and
bom.cdx.json byte for byte: the serial number is derived from the content and
nothing depends on time, the output folder or hash order. Also checks that a
different bill of materials (another price) gets another serial number.
"""

import json
import pathlib
import shlex
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

BOM_FILES = ("bom.csv", "bom.json", "bom.cdx.json")


def build(sgdc, cwd, out_dir, options):
    command = [sgdc, "build", "-o", str(out_dir), *options]
    sgdtest.run_checked(command, cwd)
    outputs = {}
    for name in BOM_FILES:
        path = out_dir / name
        if not path.is_file():
            raise Failure(f"`{shlex.join(command)}` wrote no {name}")
        outputs[name] = path.read_bytes()
    return outputs


def serial(outputs):
    return json.loads(outputs["bom.cdx.json"])["serialNumber"]


FAILS_BY_DESIGN = {"frankfurt"}


def main():
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())

    # frankfurt fails the German rule pack by design (tests/cli/test_examples.py)
    # and builds nothing; every other example must build.
    projects = sgdtest.example_projects(args.source_dir, exclude=FAILS_BY_DESIGN)
    failures, compared = [], 0
    with tempfile.TemporaryDirectory(prefix="sgd-bom-det-") as work:
        work = pathlib.Path(work)
        for project in projects:
            for options in ([], ["--bom-detail"]):
                label = " ".join([project.name, *options])
                try:
                    first = build(sgdc, project, work / f"{project.name}-a", options)
                    second = build(sgdc, project, work / "elsewhere" / f"{project.name}-b",
                                   options)
                    for name in BOM_FILES:
                        compared += 1
                        if first[name] != second[name]:
                            failures.append(f"{label}: {name} differs between two builds")
                        if str(work).encode() in first[name]:
                            failures.append(f"{label}: {name} contains the output folder's path")
                except Failure as error:
                    failures.append(f"{label}: {error}")

        # A price change is a different bill of materials: another serial.
        if projects:
            project = projects[0]
            prices = work / "prices.toml"
            try:
                base = build(sgdc, project, work / "base", [])
                bom = json.loads(base["bom.json"])
                priced = next((line for line in bom["lines"] if line["unit_cost"] is not None),
                              None)
                if priced is not None:
                    prices.write_text(f'[prices]\n"{priced["catalog_entry"]}" = "1234.56 USD"\n',
                                      encoding="utf-8")
                    changed = build(sgdc, project, work / "changed", ["--prices", str(prices)])
                    if serial(changed) == serial(base):
                        failures.append(f"{project.name}: a price override left the serial "
                                        f"number unchanged ({serial(base)})")
                    if changed["bom.json"] == base["bom.json"]:
                        failures.append(f"{project.name}: a price override changed nothing")
            except Failure as error:
                failures.append(f"{project.name} --prices: {error}")

    return sgdtest.finish(failures, f"test_bom_determinism: ok, {compared} files identical "
                          f"across two builds of {len(projects)} examples",
                          heading="test_bom_determinism: FAIL")


if __name__ == "__main__":
    sys.exit(main())
