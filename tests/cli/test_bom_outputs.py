#!/usr/bin/python3
"""Golden bills of materials: `sgdc build` writes the expected bom.csv and bom.json.

Each tests/golden/bom/NAME.sgd with a `// BOM-OPTIONS:` or `// BOM-PROJECT:`
line is a BOM golden (its quantities and costs are computed by hand in its
comment):

    // BOM-OPTIONS: --bom-detail --prices _gb200_prices.toml
        build NAME.sgd with these options, from tests/golden/bom
    // BOM-PROJECT: ../../../examples/colo_2n
        build that project (its sgd.toml) from its folder, with BOM-OPTIONS if any
    // BOM-CURRENCY: EUR
        the project currency every output must say its money is in (USD
        when the golden does not say)

The test compares out/bom.csv and out/bom.json byte for byte with NAME.bom.csv
and NAME.bom.json beside it, and checks every figure against the others with
exact decimals: extended cost = quantity x unit cost, each site's totals = the
sum of its lines, the grand total = the sum of the sites, the CSV's rows = the
JSON's, capex per MW = total / IT load rounded to the cent. The cost model's
lines (`capex_lines`: network fabric, building, site, installation, soft
costs, docs/costs.md) are checked too: extended cost = quantity x rate
rounded to the cent, each group's total the sum of its lines, and capex.csv
commits and pays exactly the capex. Every output that shows money labels it
with the project currency: bom.csv, bom.json, bom.cdx.json, capex.csv,
opex.csv, schedule.xml's CurrencyCode, report.html's money columns and the
build summary, whose capex is SUM(extended_cost).

Every example project (but frankfurt, which fails its rule pack by design) is
built too and checked the same way, and as a spreadsheet reads it: bom.csv
holds item lines only, so SUM(extended_cost) over its rows is the grand total
of bom.json and the capex of the build summary; money in bom.json is a
decimal string with two decimals, never a JSON number.

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
import re
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
    return sgdtest.run_checked(command, cwd)


def money(value):
    """A money member of bom.json (a decimal string) or a CSV field."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Failure(f"money {value!r} is a JSON number; bom.json writes money as a decimal "
                      "string, which no reader rounds to a binary float")
    text = value
    if "." not in text or len(text.split(".")[1]) != 2:
        raise Failure(f"money {text!r} does not have exactly two decimals")
    return Decimal(text)


def per_megawatt(total, megawatts):
    if megawatts is None or megawatts == 0:
        return None
    return (total / megawatts).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def empty_total():
    return {"lines": 0, "unpriced": 0, "it": Decimal(0), "facility": Decimal(0),
            "equipment": Decimal(0), "fabric": Decimal(0), "land": Decimal(0),
            "soft": Decimal(0)}


GROUP_KEYS = {"it": "it", "fabric": "fabric", "facility": "facility", "land": "land",
              "soft": "soft"}


def check_totals(name, bom, csv_text):
    decimal.getcontext().prec = 60
    lines = bom["lines"]
    capex_lines = bom["capex_lines"]
    numbers = [line["line"] for line in lines + capex_lines]
    if numbers != list(range(1, len(numbers) + 1)):
        raise Failure(f"{name}: line ids are not 1..{len(numbers)}")
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
            site["equipment"] += extended
    for line in capex_lines:
        extended = money(line["extended_cost"])
        wanted = (Decimal(line["quantity"]) * Decimal(line["rate"])).quantize(
            CENT, rounding=decimal.ROUND_HALF_UP)
        if extended != wanted:
            raise Failure(f"{name}: line {line['line']}: {line['quantity']} x {line['rate']} "
                          f"rounded is {wanted}, not {extended}")
        site = sites.setdefault(line["site"], empty_total())
        site[GROUP_KEYS[line["cost_group"]]] += extended

    def check_total(where, total, expected):
        if total["lines"] != expected["lines"] or total["unpriced_lines"] != expected["unpriced"]:
            raise Failure(f"{name}: {where}: line counts {total['lines']}/{total['unpriced_lines']}"
                          f" != {expected['lines']}/{expected['unpriced']}")
        everything = sum((expected[key] for key in GROUP_KEYS), Decimal(0))
        for key, value in (("it_equipment_cost", expected["it"]),
                           ("facility_equipment_cost", expected["equipment"]),
                           ("network_fabric_cost", expected["fabric"]),
                           ("facility_cost", expected["facility"]),
                           ("land_cost", expected["land"]),
                           ("soft_cost", expected["soft"]),
                           ("total_cost", everything)):
            if money(total[key]) != value:
                raise Failure(f"{name}: {where}: {key} {total[key]} != sum of lines {value}")
        load = total["it_load_mw"]
        for key, cost in (("capex_per_mw", total["total_cost"]),
                          ("facility_capex_per_mw", total["facility_cost"])):
            wanted = per_megawatt(money(cost), load)
            if money(total[key]) != wanted:
                raise Failure(f"{name}: {where}: {key} {total[key]} "
                              f"!= {cost} / {load} MW = {wanted}")

    if len(bom["sites"]) != len(sites):
        raise Failure(f"{name}: {len(bom['sites'])} site totals for {len(sites)} sites of lines")
    sites_of_lines = dict(sites)
    grand = empty_total()
    for total in bom["sites"]:
        expected = sites.pop(total["site"], None)
        if expected is None:
            raise Failure(f"{name}: a total for site {total['site']!r}, which has no lines")
        check_total(f"site {total['site']}", total, expected)
        for key in grand:
            grand[key] += expected[key]
    check_total("summary", bom["summary"], grand)
    sites.update(sites_of_lines)

    # The CSV holds the same lines and nothing else: a spreadsheet's SUM of
    # extended_cost is the grand total.
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    if (len(rows) != len(lines) + len(capex_lines)
            or not all(row["line"].isdigit() for row in rows)):
        raise Failure(f"{name}: bom.csv has {len(rows)} rows for {len(lines)} + "
                      f"{len(capex_lines)} lines of bom.json, or a row that is not an item line")
    for row, line in zip(rows[len(lines):], capex_lines):
        if (row["category"], row["cost_group"]) != (line["category"], line["cost_group"]) or \
                money(row["extended_cost"]) != money(line["extended_cost"]):
            raise Failure(f"{name}: line {line['line']}: CSV and JSON differ")
    for row, line in zip(rows, lines):
        for key in ("category", "catalog_entry", "scope", "manufacturer", "part_number",
                    "supplier"):
            if row[key] != (line[key] or ""):
                raise Failure(f"{name}: line {line['line']}: CSV {key} {row[key]!r} "
                              f"!= {line[key]!r}")
        if (int(row["quantity"]) != line["quantity"]
                or money(row["extended_cost"]) != money(line["extended_cost"])):
            raise Failure(f"{name}: line {line['line']}: CSV and JSON quantity or cost differ")
    column_sum = sum((money(row["extended_cost"]) or Decimal(0) for row in rows), Decimal(0))
    if column_sum != money(bom["summary"]["total_cost"]):
        raise Failure(f"{name}: SUM(extended_cost) of bom.csv is {column_sum}, the grand total "
                      f"{bom['summary']['total_cost']}")
    return column_sum


def check_cash_flow(name, capex_csv, total):
    """capex.csv commits and pays the capex exactly: the sums of its columns."""
    rows = list(csv.DictReader(io.StringIO(capex_csv, newline="")))
    for column in ("committed", "paid"):
        column_sum = sum((money(row[column]) for row in rows), Decimal(0))
        if column_sum != total:
            raise Failure(f"{name}: capex.csv's {column} sums to {column_sum}, not the capex "
                          f"{total}")


def build_summary_capex(stderr, currency="USD"):
    """The capex the build summary prints ("capex 18,103,032,000.00 USD")."""
    match = re.search(r"^sgdc: built .*; capex ([\d,]+\.\d\d) " + currency, stderr, re.M)
    return Decimal(match.group(1).replace(",", "")) if match else None


def check_currency(name, out_dir, currency):
    """Every currency label of the outputs is the project currency."""
    labels = []
    for file in ("bom.csv", "capex.csv", "opex.csv"):
        path = out_dir / file
        if path.exists():
            rows = csv.DictReader(io.StringIO(path.read_text("utf-8"), newline=""))
            labels += [(file, row["currency"]) for row in rows if row["currency"]]
    bom = json.loads((out_dir / "bom.json").read_bytes())
    labels.append(("bom.json", bom["currency"]))
    labels += [("bom.json", line["currency"]) for line in bom["lines"] + bom["capex_lines"]]
    cdx = json.loads((out_dir / "bom.cdx.json").read_bytes())
    components = [cdx["metadata"]] + cdx["components"]
    labels += [("bom.cdx.json", prop["value"]) for part in components
               for prop in part.get("properties", []) if prop["name"] == "sgd:currency"]
    schedule = out_dir / "schedule.xml"
    if schedule.exists():
        labels += [("schedule.xml", code) for code in
                   re.findall(r"<CurrencyCode>(\w+)</CurrencyCode>", schedule.read_text("utf-8"))]
    report = out_dir / "report.html"
    if report.exists():
        labels += [("report.html", code) for code in
                   re.findall(r"<th>(?:capex |unit cost |cost )?\(?([A-Z]{3})\)?</th>",
                              report.read_text("utf-8"))]
    wrong = sorted({f"{file}: {label}" for file, label in labels if label != currency})
    if wrong or len(labels) < 5:
        raise Failure(f"{name}: money labelled other than {currency}: {', '.join(wrong)}"
                      if wrong else f"{name}: only {len(labels)} currency labels found")


def check_examples(sgdc, source_dir, work):
    """Every example builds a bill of materials whose CSV sums to its total."""
    failures, checked = [], []
    for project in sgdtest.example_projects(source_dir, exclude=FAILS_BY_DESIGN):
        out_dir = work / f"example-{project.name}"
        try:
            result = sgdtest.run_checked([sgdc, "build", "--color", "never", "-o", str(out_dir)],
                                         project)
            bom = json.loads((out_dir / "bom.json").read_bytes(), parse_float=Decimal)
            total = check_totals(project.name, bom, (out_dir / "bom.csv").read_text("utf-8"))
            check_cash_flow(project.name, (out_dir / "capex.csv").read_text("utf-8"), total)
            if build_summary_capex(result.stderr) != total:
                raise Failure(f"{project.name}: the build summary's capex "
                              f"{build_summary_capex(result.stderr)} is not SUM(extended_cost) "
                              f"{total}")
            checked.append(f"{project.name} ({len(bom['lines'])} lines, {total} USD)")
        except (Failure, OSError, ValueError, KeyError) as error:
            failures.append(f"{project.name}: {error}")
    return failures, checked


FAILS_BY_DESIGN = {"frankfurt"}


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
                result = build(sgdc, golden, out_dir)
                csv_bytes = (out_dir / "bom.csv").read_bytes()
                json_bytes = (out_dir / "bom.json").read_bytes()
                bom = json.loads(json_bytes, parse_float=Decimal)
                total = check_totals(name, bom, csv_bytes.decode("utf-8"))
                check_cash_flow(name, (out_dir / "capex.csv").read_text("utf-8"), total)
                currency = directive(golden, "BOM-CURRENCY") or "USD"
                check_currency(name, out_dir, currency)
                if build_summary_capex(result.stderr, currency) != total:
                    raise Failure(f"{name}: the build summary's capex is not "
                                  f"SUM(extended_cost) {total} {currency}")
                compare(golden_dir / f"{name}.bom.csv", csv_bytes, args.update)
                compare(golden_dir / f"{name}.bom.json", json_bytes, args.update)
            except (Failure, OSError, ValueError, KeyError) as error:
                failures.append(f"{name}: {error}")
        example_failures, examples = check_examples(sgdc, args.source_dir, pathlib.Path(work))
        failures += example_failures
    verb = "updated" if args.update else "match"
    return sgdtest.finish(failures, f"test_bom_outputs: ok, {len(goldens)} bills of materials "
                          f"{verb}: " + ", ".join(golden.stem for golden in goldens) +
                          "; bom.csv sums to the total for " + ", ".join(examples),
                          heading="test_bom_outputs: FAIL")


if __name__ == "__main__":
    sys.exit(main())
