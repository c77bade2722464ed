#!/usr/bin/python3
"""Checks the single-line diagrams `sgdc build` writes (oneline-SITE.svg, .dot).

Builds every example project (examples/*/sgd.toml but frankfurt, whose rule
pack fails the build by design) and the power goldens that draw redundancy
forms (block redundant, 4N/3, Tier IV) into a temporary folder, then for every
oneline-SITE.svg:

- it is well-formed XML (Python's parser) and valid to `xmllint --noout`;
- its symbol counts match the graph: for every kind of element, the symbols'
  counts times their replicas (data-count x data-replicas) add up to the
  counts of that site's elements in power.json. Replicas are drawn once, so
  this is what proves the folding lost nothing;
- campus-scale designs are folded: abilene's 8 buildings are drawn once
  (a box with data-replicas="8"), so the diagram has far fewer symbols than
  the graph has elements;
- feeds are coloured by path: an A element's outline is blue, a B one red;
- power.json says what energises each hall: in onsite_first_power.sgd (gas
  turbines and a BESS, no utility feed) all 4 halls have on-site generation
  and storage among their sources, none the grid, and `on_site_alone`.

The DOT file of each site names every drawn symbol (e<ID>) once.
Run by ctest with /usr/bin/python3; exits non-zero with a message on failure.
"""

import collections
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
GOLDENS = ("tier3_block_redundant.sgd", "tier3_distributed_4n3.sgd",
           "tier4_compartmentalised.sgd", "onsite_first_power.sgd")


def check_first_power(power, failures):
    """onsite_first_power.sgd: every hall takes first power on site."""
    halls = power["halls"]
    if len(halls) != 4:
        failures.append(f"onsite_first_power: {len(halls)} halls in power.json, expected 4")
    for hall in halls:
        kinds = {source["kind"] for source in hall["sources"]}
        if kinds != {"on-site generation", "storage"} or hall["on_site_alone"] is not True:
            failures.append(f"onsite_first_power: hall {hall['hall']} has sources {sorted(kinds)}, "
                            f"on_site_alone {hall['on_site_alone']}")


def check_site(svg_path, power, failures):
    site = svg_path.stem[len("oneline-"):]
    text = svg_path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # raises on malformed XML
    if shutil.which("xmllint"):
        lint = subprocess.run(["xmllint", "--noout", str(svg_path)], capture_output=True, text=True)
        if lint.returncode != 0:
            raise Failure(f"{svg_path.name}: xmllint: {lint.stderr}")
    drawn = collections.Counter()
    symbols = 0
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != "symbol":
            continue
        symbols += 1
        kind = group.get("data-kind")
        drawn[kind] += int(group.get("data-count")) * int(group.get("data-replicas"))
        rect = group.find(f"{SVG}rect")
        colour = rect.get("stroke") if rect is not None else None
        path = group.get("data-path")
        if path == "A" and colour != "#1f77b4" or path == "B" and colour != "#d62728":
            failures.append(f"{svg_path.name}: a {kind} on path {path} is drawn in {colour}")
    graph = collections.Counter()
    elements = 0
    for element in power["elements"]:
        if element["site"] == site:
            elements += 1
            graph[element["kind"]] += element["count"]
    if drawn != graph:
        for kind in sorted(set(drawn) | set(graph)):
            if drawn[kind] != graph[kind]:
                failures.append(f"{svg_path.name}: {kind}: the symbols add up to {drawn[kind]}, "
                                f"the graph has {graph[kind]}")
    dot = svg_path.with_suffix(".dot").read_text(encoding="utf-8")
    declared = re.findall(r"^\s*e(\d+) \[label=", dot, re.MULTILINE)
    if len(declared) != symbols or len(set(declared)) != len(declared):
        failures.append(f"{svg_path.with_suffix('.dot').name}: {len(declared)} nodes for "
                        f"{symbols} symbols")
    return site, symbols, elements, root


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures, checked = [], []
    with tempfile.TemporaryDirectory() as work:
        builds = []
        for project in sgdtest.example_projects(args.source_dir, exclude=("frankfurt",)):
            out = pathlib.Path(work) / project.name
            builds.append((project.name, ["build", "-o", str(out)], project, out))
        for golden in GOLDENS:
            out = pathlib.Path(work) / golden
            builds.append((golden, ["build", golden, "-o", str(out)],
                           args.source_dir / "tests/golden/power", out))
        for name, command, cwd, out in builds:
            try:
                sgdtest.run_checked([args.sgdc, *command], cwd)
                power = json.loads((out / "power.json").read_text(encoding="utf-8"))
                if name == "onsite_first_power.sgd":
                    check_first_power(power, failures)
                svgs = sorted(out.glob("oneline-*.svg"))
                if not svgs:
                    raise Failure(f"{name}: no oneline-*.svg written")
                for svg in svgs:
                    site, symbols, elements, root = check_site(svg, power, failures)
                    checked.append(f"{name}:{site} ({symbols} symbols, {elements} elements)")
                    if name == "abilene":
                        folded = [g for g in root.iter(f"{SVG}g")
                                  if g.get("class") == "structure" and g.get("data-replicas") == "8"]
                        if not folded or symbols * 4 > elements:
                            failures.append(f"abilene: the 8 buildings are not drawn once "
                                            f"({symbols} symbols for {elements} elements)")
            except (Failure, ET.ParseError, KeyError, ValueError) as error:
                failures.append(f"{name}: {error}")
    return sgdtest.finish(failures, "ok: single-line diagrams valid, symbol counts = graph: " +
                          ", ".join(checked))


if __name__ == "__main__":
    sys.exit(main())
