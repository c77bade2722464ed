#!/usr/bin/python3
"""out/report.html opens in headless Chromium and shows the whole design.

Every example that builds is built; its report.html must be self-contained
(no URL but the SVG namespace), open in Debian's `chromium --headless` with
no console error, and its DOM (after the page's script ran) must hold a
floor plan per hall type whose rack count is the hall's in model.json, with
every unit of the hall's equipment lines placed (model.json's counts), cover
every hall of the design, and hold a row for every line of bom.csv and each
site's single-line diagram (the drawing of oneline-SITE.svg) with its
sources and buses, and a campus box for every site, building and hall, to
scale from its stated area, inside its parent and overlapping none of its
siblings. The
pictures are also written on their own (plan-HALL.svg, campus.svg,
gantt.svg), identical to the ones in the page, and the outputs are
byte-identical with --jobs 2.
"""
import csv
import html.parser
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


class Dom(html.parser.HTMLParser):
    """The elements the test looks for, with their attributes."""

    def __init__(self):
        super().__init__()
        self.plans, self.bom_lines, self.svgs = [], [], []
        self.onelines = {}  # site -> (figure's attributes, the kinds of its symbols)
        self.campus = []  # the campus's boxes: data-path, data-x, …
        self.figure = None  # the one-line figure being read

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class", "").split()
        if tag == "g" and {"campus-hall", "campus-building", "campus-site"} & set(classes):
            self.campus.append(attributes)
        if tag == "figure" and "oneline" in classes:
            self.figure = attributes["data-site"]
            self.onelines[self.figure] = (attributes, [])
        if tag == "g" and "symbol" in classes and self.figure:
            self.onelines[self.figure][1].append(attributes.get("data-kind"))
        if tag == "figure" and "plan" in classes:
            self.plans.append(attributes)
            attributes["equipment"] = []  # [group's attributes, units placed]
        if tag == "g" and "equipment" in classes and self.plans:
            self.plans[-1]["equipment"].append([attributes, 0])
        if tag == "rect" and "unit" in classes and self.plans:
            self.plans[-1]["equipment"][-1][1] += 1
        if tag == "tr" and "bom-line" in classes:
            self.bom_lines.append(attributes)
        if tag == "svg":
            self.svgs.append(attributes.get("id"))

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None


def nodes_of(model):
    """Every structure of model.json (nodes nest in `children`)."""
    found, nodes = [], list(model["nodes"])
    while nodes:
        node = nodes.pop()
        found.append(node)
        nodes.extend(node.get("children", []))
    return found


def halls_of(model):
    """Every hall of model.json with its racks."""
    return {node["path"]: node["totals"]["racks"] for node in nodes_of(model)
            if node["level"] == "hall"}


def square_metres(text):
    """'4000 m2' -> 4000.0; None for anything else."""
    match = re.fullmatch(r"([\d.]+) m2", text or "")
    return float(match.group(1)) if match else None


def check_campus(name, dom, model):
    """The campus has a box for every structure, to scale: a hall with an
    `area` a square of it (within the 0.1 m rounding of the sides), a
    building or site no smaller than its stated area; the boxes of one
    structure's buildings and halls do not overlap and lie inside it."""
    failures = []
    boxes = {box["data-path"]: {key: float(box[f"data-{key}"])
                                for key in ("x", "y", "width-m", "depth-m")}
             for box in dom.campus}
    for node in nodes_of(model):
        if node["level"] == "row":
            continue
        box = boxes.get(node["path"])
        if box is None:
            failures.append(f"{name}: the campus has no box for {node['path']}")
            continue
        stated = square_metres(node.get("attributes", {}).get(
            "site_area" if node["level"] == "site" else "area"))
        drawn = box["width-m"] * box["depth-m"]
        if stated and (drawn < stated * 0.99 or
                       (node["level"] == "hall" and drawn > stated * 1.01)):
            failures.append(f"{name}: campus {node['path']} drawn {drawn:.0f} m2, "
                            f"its area is {stated:.0f} m2")
        inside = [boxes[child["path"]] for child in node.get("children", [])
                  if child["path"] in boxes]
        for i, a in enumerate(inside):
            if not (box["x"] <= a["x"] and a["x"] + a["width-m"] <= box["x"] + box["width-m"]
                    and box["y"] <= a["y"] and a["y"] + a["depth-m"] <= box["y"] +
                    box["depth-m"]):
                failures.append(f"{name}: campus: a box of {node['path']} lies outside it")
            for b in inside[i + 1:]:
                if a["x"] < b["x"] + b["width-m"] and b["x"] < a["x"] + a["width-m"] and \
                        a["y"] < b["y"] + b["depth-m"] and b["y"] < a["y"] + a["depth-m"]:
                    failures.append(f"{name}: campus: boxes in {node['path']} overlap")
    return failures


def check_units(name, hall, groups, counts):
    """Every unit of the hall's equipment lines (model.json's figures) is
    placed on its plan, once."""
    failures = []
    placed = {(group["data-kind"], group["data-entry"]): units for group, units in groups}
    if placed != counts:
        failures.append(f"{name}: plan {hall} places {sorted(placed.items())}; model.json "
                        f"counts {sorted(counts.items())}")
    for group, units in groups:
        if int(group["data-count"]) != units:
            failures.append(f"{name}: plan {hall}: {group['data-kind']} says "
                            f"{group['data-count']} units, places {units}")
    return failures


SOURCES = {"utility feed", "generator", "battery energy storage"}
BUSES = {"MV switchgear", "LV switchgear", "busway"}


def check_onelines(name, dom, out, text):
    """Every site's single-line diagram is in the page, as oneline-SITE.svg
    draws it, with its sources and buses."""
    failures = []
    # A site has a power topology when its diagram draws an element the
    # design wrote (implied elements are dashed).
    sites = sorted(p.stem[len("oneline-"):] for p in out.glob("oneline-*.svg")
                   if re.search(r'<rect [^>]*stroke-width="1.6"/>', p.read_text(encoding="utf-8")))
    if sorted(dom.onelines) != sites:
        failures.append(f"{name}: one-line figures {sorted(dom.onelines)}, files {sites}")
    for site, (figure, kinds) in dom.onelines.items():
        drawing = (out / f"oneline-{site}.svg").read_text(encoding="utf-8")
        drawing = drawing.split("\n", 1)[1]  # the page has no XML declaration
        if drawing not in text:
            failures.append(f"{name}: the page's one-line of {site} is not oneline-{site}.svg")
        if len(kinds) != int(figure["data-symbols"]) or not SOURCES & set(kinds) \
                or not BUSES & set(kinds):
            failures.append(f"{name}: one-line of {site}: {len(kinds)} symbols of "
                            f"{figure['data-symbols']}, kinds {sorted(set(kinds))}")
    return failures


def chromium_dom(page, profile):
    """The DOM after the page's scripts ran, and the console errors."""
    result = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    errors = [line for line in result.stderr.splitlines()
              if ":CONSOLE" in line]  # a clean page logs nothing
    return result.returncode, result.stdout, errors


# The edge cases of the pictures, written into the project `sgdc init` makes:
# a building whose `area` (5,000 m2) exceeds its hall's 600 m2, and a hall
# `spare` with no racks and no area whose tap-offs and busway (no footprint)
# have no rack to stand on, whose CRAHs stand in another zone than the rest
# of their cooling block.
EDGE_CASES = [
    ("    zone = campus;\n", "    zone = campus;\n    area = 5000 m2;\n"),
    ("    }\n  }\n\n  schedule {", """    }
    hall spare {
      zone = white;
      power {
        ups power.ups_1250kw * 2 redundancy 2N;
        battery power.battery_liion_250kw * 2 redundancy 2N;
        pdu power.pdu_250a * 4 redundancy 2N;
        busway power.busway_800a * 2 redundancy 2N;
      }
      cooling {
        crah cooling.crah_250kw * 2 redundancy N+1 { zone = white; }
        cdu cooling.cdu_1350kw * 2 redundancy N+1;
        chilled_water = 18 C;
        supply_air    = 24 C;
        zone          = technical;
      }
    }
  }

  schedule {"""),
]


# A design with racks and nothing else: its sites have no power topology,
# so the page draws no single-line diagram (the compiler implies the racks'
# cords only).
RACKS_ONLY_PROJECT = '[project]\nname = "racks_only"\nentry = ["campus.sgd"]\n'
RACKS_ONLY = """import std.catalog.nvidia;
site tiny {
  oci { region = "us-ashburn-1"; }
  building b { hall h { area = 200 m2; row r[1..2] { rack k[1..4] : nvidia.gb200_nvl72; } } }
}
"""


def edge_cases(sgdc, folder, failures):
    """The project of EDGE_CASES, or None (with a failure) when the template
    of `sgdc init` no longer has the text the edits replace."""
    folder.mkdir()
    sgdtest.run_sgdc(sgdc, "init", cwd=folder)
    design = folder / "campus.sgd"
    text = design.read_text(encoding="utf-8")
    for old, new in EDGE_CASES:
        if old not in text:
            failures.append(f"edge cases: `sgdc init`'s campus.sgd has no {old!r}")
            return None
        text = text.replace(old, new, 1)
    design.write_text(text, encoding="utf-8")
    return folder


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    if shutil.which("chromium") is None:
        return sgdtest.finish(["chromium is not installed (scripts/install-deps.sh installs it)"],
                              "")
    failures, checked = [], []
    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        projects = sgdtest.example_projects(args.source_dir)
        fixture = edge_cases(sgdc, temp / "edge_cases", failures)
        racks_only = temp / "racks_only"
        racks_only.mkdir()
        (racks_only / "sgd.toml").write_text(RACKS_ONLY_PROJECT, encoding="utf-8")
        (racks_only / "campus.sgd").write_text(RACKS_ONLY, encoding="utf-8")
        for example in projects + ([fixture] if fixture else []) + [racks_only]:
            out, again = temp / example.name / "out", temp / example.name / "jobs"
            # --expand: model.json names every hall replica, as the plans do.
            build = sgdtest.run_sgdc(sgdc, "build", "--expand", "--color", "never", "-o",
                                     str(out), cwd=example, timeout=300)
            if build.returncode != 0 and example.name in ("edge_cases", "racks_only"):
                failures.append(f"edge cases: sgdc build failed: {build.stderr[-600:]}")
            if build.returncode != 0:
                continue  # frankfurt fails its compliance pack by design
            sgdtest.run_sgdc(sgdc, "build", "--expand", "--jobs", "2", "-o", str(again),
                             cwd=example, timeout=300)
            page = out / "report.html"
            if not page.exists():
                failures.append(f"{example.name}: no report.html")
                continue
            text = page.read_text(encoding="utf-8")
            urls = set(re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"'<>]*", text))
            urls.discard("http://www.w3.org/2000/svg")
            if urls:
                failures.append(f"{example.name}: report.html refers to {sorted(urls)[:3]}")
            for name in sorted(p.name for p in out.iterdir() if p.suffix in (".html", ".svg")):
                if (out / name).read_bytes() != (again / name).read_bytes():
                    failures.append(f"{example.name}: {name} differs with --jobs 2")
            status, dom_text, errors = chromium_dom(page, temp / "profile")
            if status != 0 or errors:
                failures.append(f"{example.name}: chromium exit {status}, console: {errors[:3]}")
            dom = Dom()
            dom.feed(dom_text)
            model = json.loads((out / "model.json").read_text())
            halls = halls_of(model)
            equipment = {}  # hall -> {(kind, entry): count}
            for line in model["figures"]["equipment"]:
                equipment.setdefault(line["node"], {})[(line["kind"], line["entry"])] = \
                    line["count"]
            covered = 0
            for plan in dom.plans:
                hall = plan.get("data-hall")
                if hall not in halls or int(plan.get("data-racks", -1)) != halls[hall]:
                    failures.append(f"{example.name}: plan {hall} has {plan.get('data-racks')} "
                                    f"racks; model.json says {halls.get(hall)}")
                covered += int(plan.get("data-halls", 0))
                failures += check_units(example.name, hall, plan["equipment"],
                                        equipment.get(hall, {}))
                svg = (out / f"plan-{hall}.svg")
                if not svg.exists() or svg.read_text(encoding="utf-8") not in text:
                    failures.append(f"{example.name}: plan-{hall}.svg is missing or not the "
                                    f"page's")
            if covered != len(halls) or not halls:
                failures.append(f"{example.name}: the plans cover {covered} halls of "
                                f"{len(halls)}")
            # The page lists the equipment lines (those of a catalog entry);
            # the cost model's lines after them have none (docs/costs.md).
            with (out / "bom.csv").open(newline="", encoding="utf-8") as file:
                entries = [row["catalog_entry"] for row in csv.DictReader(file)
                           if row["line"].isdigit() and row["catalog_entry"]]
            shown = [line.get("data-entry") for line in dom.bom_lines]
            if sorted(shown) != sorted(entries):
                failures.append(f"{example.name}: the page's BOM rows {len(shown)} differ from "
                                f"bom.csv's {len(entries)} lines")
            # The page's Gantt chart is schedule.svg's drawing (its id), written
            # on its own as gantt.svg.
            for picture, file in (("campus", "campus.svg"), ("schedule-gantt", "gantt.svg")):
                if picture not in dom.svgs or not (out / file).exists():
                    failures.append(f"{example.name}: no {picture} picture")
                elif (out / file).read_text(encoding="utf-8") not in text:
                    failures.append(f"{example.name}: {file} is not the page's {picture}")
            failures += check_onelines(example.name, dom, out, text)
            if example.name == "racks_only" and "No site of the design has a power topology" \
                    not in text:
                failures.append("racks_only: the page does not say it has no power topology")
            failures += check_campus(example.name, dom, model)
            checked.append(f"{example.name} ({len(dom.plans)} plans, {len(halls)} halls, "
                           f"{len(shown)} BOM lines)")
    if not checked:
        failures.append("no example built")
    return sgdtest.finish(failures, "ok: report.html in chromium: " + "; ".join(checked))


if __name__ == "__main__":
    sys.exit(main())
