#!/usr/bin/python3
"""Checks that `sgdc build` writes a valid CycloneDX 1.6 hardware BOM.

Builds every example project (examples/*/sgd.toml) and the BOM goldens of
tests/golden/bom into a temporary folder and validates each bom.cdx.json
against the official CycloneDX 1.6 schema (tests/schemas/cyclonedx) with Debian's python3-jsonschema. No
component names a manufacturer called "generic" (an unknown one is left
out), and a catalog entry's supplier and part number are carried. The
schema's references to spdx.schema.json and jsf-0.82.schema.json resolve to
the copies beside it, never to the network. Beyond the schema it checks what
the hardware-BOM conventions ask (docs/outputs.md, "CycloneDX"): `device` components with unique bom-refs, the quantity
as the property `cdx:device:quantity` (equal to bom.json's), cost, lead time
and division as `sgd:` properties, and a version-5 UUID as serial number.
Run by ctest with /usr/bin/python3; exits non-zero with a message on failure.
"""

import json
import pathlib
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure, fail  # noqa: E402

jsonschema = sgdtest.require_module("jsonschema", "python3-jsonschema")

SCHEMA_FILES = ("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")
SERIAL = re.compile(r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                    r"-[0-9a-f]{12}$")


def load_validator(source_dir):
    store = {}
    for name in SCHEMA_FILES:
        path = sgdtest.schema_file(source_dir, f"cyclonedx/{name}")
        schema = json.loads(path.read_text(encoding="utf-8"))
        # Both the $id (http://cyclonedx.org/schema/NAME) and the bare name
        # resolve locally, so validation never reaches for the network.
        store[schema["$id"]] = schema
        store[name] = schema
    root = store["bom-1.6.schema.json"]
    jsonschema.Draft7Validator.check_schema(root)
    resolver = jsonschema.RefResolver.from_schema(root, store=store)
    validator = jsonschema.Draft7Validator(root, resolver=resolver)
    # The validator must reject what CycloneDX 1.6 does not allow: a
    # `quantity` member (1.6 has none) and a bad serial number.
    bad = {"bomFormat": "CycloneDX", "specVersion": "1.6",
           "components": [{"type": "device", "name": "x", "quantity": 2}]}
    if validator.is_valid(bad):
        fail("the schema accepts a component with `quantity`; it checks nothing")
    if validator.is_valid({"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "42"}):
        fail("the schema accepts a malformed serialNumber")
    return validator


def build(sgdc, cwd, arguments, out_dir):
    command = [sgdc, "build", "-o", str(out_dir), *arguments]
    sgdtest.run_checked(command, cwd)
    return (json.loads((out_dir / "bom.cdx.json").read_text(encoding="utf-8")),
            json.loads((out_dir / "bom.json").read_text(encoding="utf-8")))


def properties_of(item, where):
    result = {}
    for prop in item.get("properties", []):
        if prop["name"] in result:
            raise Failure(f"{where}: property {prop['name']} twice")
        result[prop["name"]] = prop["value"]
    return result


def check_bom(name, cdx, bom, validator):
    errors = sorted(validator.iter_errors(cdx), key=lambda e: list(e.absolute_path))
    if errors:
        details = "\n".join(f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
                            for e in errors[:10])
        raise Failure(f"{name}: bom.cdx.json does not validate against CycloneDX 1.6 "
             f"({len(errors)} errors):\n{details}")
    if cdx.get("bomFormat") != "CycloneDX" or cdx.get("specVersion") != "1.6":
        raise Failure(f"{name}: bomFormat/specVersion are "
                      f"{cdx.get('bomFormat')}/{cdx.get('specVersion')}")
    if not SERIAL.match(cdx.get("serialNumber", "")):
        raise Failure(f"{name}: serialNumber {cdx.get('serialNumber')!r} "
                      "is not a version-5 urn:uuid")
    if "timestamp" in cdx.get("metadata", {}):
        raise Failure(f"{name}: the metadata has a timestamp; outputs must be deterministic")
    components = cdx.get("components", [])
    if len(components) != len(bom["lines"]):
        raise Failure(f"{name}: {len(components)} components for "
                      f"{len(bom['lines'])} lines of bom.json")
    refs = set()
    for component, line in zip(components, bom["lines"]):
        where = f"{name}: component {component.get('bom-ref')}"
        if component["type"] != "device":
            raise Failure(f"{where}: type {component['type']!r}, expected 'device'")
        if component["bom-ref"] in refs:
            raise Failure(f"{where}: bom-ref twice")
        refs.add(component["bom-ref"])
        props = properties_of(component, where)
        if props.get("cdx:device:quantity") != str(line["quantity"]):
            raise Failure(f"{where}: cdx:device:quantity {props.get('cdx:device:quantity')!r} "
                 f"!= bom.json quantity {line['quantity']}")
        if props.get("sgd:catalog_entry") != line["catalog_entry"]:
            raise Failure(f"{where}: sgd:catalog_entry differs from bom.json")
        if line["unit_cost"] is not None and "sgd:unit_cost" not in props:
            raise Failure(f"{where}: priced line without sgd:unit_cost")
        if line["division"] is not None and props.get("sgd:division") != line["division"]:
            raise Failure(f"{where}: sgd:division differs from bom.json")
        if line["lead_time_weeks"] is not None and "sgd:lead_time_weeks" not in props:
            raise Failure(f"{where}: no sgd:lead_time_weeks")
        manufacturer = component.get("manufacturer", {}).get("name")
        if manufacturer != line["manufacturer"]:
            raise Failure(f"{where}: manufacturer {manufacturer!r} differs from bom.json's "
                          f"{line['manufacturer']!r}")
        if manufacturer is not None and manufacturer.strip().lower() in ("generic", ""):
            raise Failure(f"{where}: names the manufacturer {manufacturer!r}; an unknown "
                          "manufacturer is left out")
        supplier = component.get("supplier", {}).get("name")
        if supplier != line["supplier"] or props.get("sgd:part_number") != line["part_number"]:
            raise Failure(f"{where}: supplier {supplier!r} and sgd:part_number "
                          f"{props.get('sgd:part_number')!r} differ from bom.json's "
                          f"{line['supplier']!r}, {line['part_number']!r}")
    meta = properties_of(cdx["metadata"], f"{name}: metadata")
    if meta.get("sgd:total_cost") is None:
        raise Failure(f"{name}: the metadata has no sgd:total_cost")
    return len(components)


FAILS_BY_DESIGN = {"frankfurt"}


def main():
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())

    validator = load_validator(args.source_dir)
    # frankfurt fails the German rule pack by design (tests/cli/test_examples.py)
    # and builds nothing; every other example must build.
    projects = sgdtest.example_projects(args.source_dir, exclude=FAILS_BY_DESIGN)
    golden_dir = args.source_dir / "tests" / "golden" / "bom"
    runs = [(project.name, project, []) for project in projects]
    runs += [(f"{project.name} --bom-detail", project, ["--bom-detail"]) for project in projects]
    runs.append(("gb200_hall golden", golden_dir,
                 ["gb200_hall.sgd", "--bom-detail", "--prices", "_gb200_prices.toml"]))
    # Part numbers, a supplier and a "generic" vendor (tests/golden/bom/parts.sgd).
    runs.append(("parts golden", golden_dir, ["parts.sgd"]))
    serials = {}
    checked = 0
    parts_seen = set()
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgd-cdx-") as work:
        for index, (name, cwd, arguments) in enumerate(runs):
            try:
                cdx, bom = build(sgdc, cwd, arguments, pathlib.Path(work) / str(index))
                checked += check_bom(name, cdx, bom, validator)
                if name == "parts golden":
                    parts_seen = {(c.get("supplier", {}).get("name"),
                                   properties_of(c, name).get("sgd:part_number"))
                                  for c in cdx["components"]
                                  if "sgd:part_number" in properties_of(c, name)}
                if cdx["serialNumber"] in serials:
                    raise Failure(f"{name} and {serials[cdx['serialNumber']]} have the same "
                                  "serialNumber, but different bills of materials")
                serials[cdx["serialNumber"]] = name
            except (Failure, OSError, ValueError, KeyError) as error:
                failures.append(f"[{name}] {error}")
    if failures:
        fail(f"{len(failures)} of {len(runs)} bills of materials:\n" + "\n".join(failures))
    carried = {("Rack Distribution GmbH", "AR-42-25"), (None, "UPS-100-2N")}
    if parts_seen != carried:
        fail(f"parts golden: the components carry (supplier, part number) {parts_seen}, "
             f"expected {carried}")
    print(f"test_cyclonedx: ok, {len(runs)} bills of materials ({checked} components) valid "
          f"against CycloneDX 1.6: " + ", ".join(name for name, _, _ in runs))


if __name__ == "__main__":
    main()
