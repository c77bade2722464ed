#!/usr/bin/python3
"""Golden bills of materials: `sgdc build` writes the expected bom.csv and bom.json.

Each tests/golden/bom/NAME.sgd with a `// BOM-OPTIONS:` or `// BOM-PROJECT:`
line is a BOM golden (its quantities and costs are computed by hand in its
comment):

    // BOM-OPTIONS: --bom-detail --prices _gb200_prices.toml
        build NAME.sgd with these options, from tests/golden/bom
    // BOM-PROJECT: ../../../examples/colo_2n
        build that project (its sgd.toml) from its folder, with BOM-OPTIONS if any

The test compares out/bom.csv and out/bom.json byte for byte with NAME.bom.csv
and NAME.bom.json beside it, and checks every figure against the others with
exact decimals: extended cost = quantity x unit cost, each site's totals = the
sum of its lines, the grand total = the sum of the sites, the CSV's rows = the
JSON's, capex per MW = total / IT load rounded to the cent.

Regenerate after an intended change (then review the diff):
    test_bom_outputs.py --sgdc BUILD/compiler/driver/sgdc --source-dir . \
        --update
"""

import csv
import decimal
import difflib
import io
import json
import pathlib
import shlex
import sys
import tempfile

from decimal import Decimal

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

CENT = Decimal("0.01")


def directive(source, name):
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"// {name}:"):
            return line.split(":", 1)[1].strip()
    return None


def build(sgdc, golden, out_dir):
    project = directive(golden, "BOM-PROJECT")
    options = shlex.split(directive(golden, "BOM-OPTIONS") or "")
    if project is not None:
        cwd = (golden.parent / project).resolve()
        command = [sgdc, "build", "-o", str(out_dir), *options]
    else:
        cwd = golden.parent
        command = [sgdc, "build", golden.name, "-o", str(out_dir), *options]
    sgdtest.run_checked(command, cwd)
    return command


def money(value):
    """A money member of bom.json (parsed as Decimal) or a CSV field."""
    if value is None or value == "":
        return None
    text = str(value)
    if "." not in text or len(text.split(".")[1]) != 2:
        raise Failure(f"money {text!r} does not have exactly two decimals")
    return Decimal(text)


def per_megawatt(total, megawatts):
    if megawatts is None or megawatts == 0:
        return None
    return (total / megawatts).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def empty_total():
    return {"lines": 0, "unpriced": 0, "it": Decimal(0), "facility": Decimal(0)}


def check_totals(name, bom, csv_text):
    decimal.getcontext().prec = 60
    lines = bom["lines"]
    if [line["line"] for line in lines] != list(range(1, len(lines) + 1)):
        raise Failure(f"{name}: line ids are not 1..{len(lines)}")
    sites = {}
    for line in lines:
        unit, extended = money(line["unit_cost"]), money(line["extended_cost"])
        if (unit is None) != (extended is None):
            raise Failure(f"{name}: line {line['line']} has one of unit and extended cost")
        if unit is not None and unit * line["quantity"] != extended:
            raise Failure(f"{name}: line {line['line']}: {line['quantity']} x {unit} != {extended}")
        if line["quantity"] <= 0 or not isinstance(line["quantity"], int):
            raise Failure(f"{name}: line {line['line']} has quantity {line['quantity']!r}")
        site = sites.setdefault(line["site"] or line["scope"].split(".")[0] or None, empty_total())
        site["lines"] += 1
        if extended is None:
            site["unpriced"] += 1
        elif line["category"] == "rack":
            site["it"] += extended
        else:
            site["facility"] += extended

    def check_total(where, total, expected):
        if total["lines"] != expected["lines"] or total["unpriced_lines"] != expected["unpriced"]:
            raise Failure(f"{name}: {where}: line counts {total['lines']}/{total['unpriced_lines']}"
                          f" != {expected['lines']}/{expected['unpriced']}")
        for key, value in (("it_equipment_cost", expected["it"]),
                           ("facility_equipment_cost", expected["facility"]),
                           ("total_cost", expected["it"] + expected["facility"])):
            if money(total[key]) != value:
                raise Failure(f"{name}: {where}: {key} {total[key]} != sum of lines {value}")
        load = total["it_load_mw"]
        for key, cost in (("capex_per_mw", total["total_cost"]),
                          ("facility_capex_per_mw", total["facility_equipment_cost"])):
            wanted = per_megawatt(money(cost), load)
            if money(total[key]) != wanted:
                raise Failure(f"{name}: {where}: {key} {total[key]} "
                              f"!= {cost} / {load} MW = {wanted}")

    if len(bom["sites"]) != len(sites):
        raise Failure(f"{name}: {len(bom['sites'])} site totals for {len(sites)} sites of lines")
    grand = empty_total()
    for total in bom["sites"]:
        expected = sites.get(total["site"])
        if expected is None:
            raise Failure(f"{name}: a total for site {total['site']!r}, which has no lines")
        check_total(f"site {total['site']}", total, expected)
        for key in grand:
            grand[key] += expected[key]
    check_total("summary", bom["summary"], grand)

    # The CSV holds the same lines, then a subtotal per site and the total.
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    line_rows = [row for row in rows if row["line"].isdigit()]
    if len(line_rows) != len(lines):
        raise Failure(f"{name}: bom.csv has {len(line_rows)} lines, bom.json {len(lines)}")
    for row, line in zip(line_rows, lines):
        for key in ("category", "catalog_entry", "scope"):
            if row[key] != line[key]:
                raise Failure(f"{name}: line {line['line']}: CSV {key} {row[key]!r} "
                              f"!= {line[key]!r}")
        if (int(row["quantity"]) != line["quantity"]
                or money(row["extended_cost"]) != money(line["extended_cost"])):
            raise Failure(f"{name}: line {line['line']}: CSV and JSON quantity or cost differ")
    subtotals = [row for row in rows if row["line"] == "subtotal"]
    totals = [row for row in rows if row["line"] == "total"]
    if len(subtotals) != len(bom["sites"]) or len(totals) != 1 or rows[-1] is not totals[0]:
        raise Failure(f"{name}: bom.csv needs one subtotal per site and the total last")
    for row, total in zip(subtotals, bom["sites"]):
        if money(row["extended_cost"]) != money(total["total_cost"]):
            raise Failure(f"{name}: subtotal of {row['scope']}: CSV {row['extended_cost']} != JSON")
    if money(totals[0]["extended_cost"]) != money(bom["summary"]["total_cost"]):
        raise Failure(f"{name}: CSV total {totals[0]['extended_cost']} != JSON summary")
    subtotal_sum = sum((money(row["extended_cost"]) for row in subtotals), Decimal(0))
    if subtotal_sum != money(totals[0]["extended_cost"]):
        raise Failure(f"{name}: the CSV subtotals do not add up to the total")


def compare(expected_path, actual, update):
    if update:
        expected_path.write_bytes(actual)
        return
    if not expected_path.exists():
        raise Failure(f"no {expected_path.name}; run with --update and review it")
    expected = expected_path.read_bytes()
    if expected != actual:
        diff = "".join(difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=str(expected_path), tofile="actual"))
        raise Failure(f"{expected_path.name} differs:\n{diff}")


def main():
    args = sgdtest.arguments(__doc__, lambda parser: parser.add_argument(
        "--update", action="store_true", help="rewrite the expected files"))
    sgdc = str(pathlib.Path(args.sgdc).resolve())

    golden_dir = args.source_dir / "tests" / "golden" / "bom"
    goldens = [path for path in sorted(golden_dir.glob("*.sgd"))
               if directive(path, "BOM-OPTIONS") is not None
               or directive(path, "BOM-PROJECT") is not None]
    if len(goldens) < 2:
        print(f"test_bom_outputs: FAIL: only {len(goldens)} BOM goldens in {golden_dir}")
        return 1
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgd-bom-") as work:
        for golden in goldens:
            name = golden.stem
            out_dir = pathlib.Path(work) / name
            try:
                build(sgdc, golden, out_dir)
                csv_bytes = (out_dir / "bom.csv").read_bytes()
                json_bytes = (out_dir / "bom.json").read_bytes()
                bom = json.loads(json_bytes, parse_float=Decimal)
                check_totals(name, bom, csv_bytes.decode("utf-8"))
                compare(golden_dir / f"{name}.bom.csv", csv_bytes, args.update)
                compare(golden_dir / f"{name}.bom.json", json_bytes, args.update)
            except (Failure, OSError, ValueError, KeyError) as error:
                failures.append(f"{name}: {error}")
    verb = "updated" if args.update else "match"
    return sgdtest.finish(failures, f"test_bom_outputs: ok, {len(goldens)} bills of materials "
                          f"{verb}: " + ", ".join(golden.stem for golden in goldens),
                          heading="test_bom_outputs: FAIL")


if __name__ == "__main__":
    sys.exit(main())
