#!/usr/bin/python3
"""out/report.html opens in headless Chromium and shows the whole design.

Every example that builds is built; its report.html must be self-contained
(no URL but the SVG namespace), open in Debian's `chromium --headless` with
no console error, and its DOM (after the page's script ran) must hold a
floor plan per hall type whose rack count is the hall's in model.json, cover
every hall of the design, and hold a row for every line of bom.csv. The
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

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class", "").split()
        if tag == "figure" and "plan" in classes:
            self.plans.append(attributes)
        if tag == "tr" and "bom-line" in classes:
            self.bom_lines.append(attributes)
        if tag == "svg":
            self.svgs.append(attributes.get("id"))


def halls_of(model):
    """Every hall of model.json (nodes nest in `children`) with its racks."""
    halls = {}
    nodes = list(model["nodes"])
    while nodes:
        node = nodes.pop()
        if node["level"] == "hall":
            halls[node["path"]] = node["totals"]["racks"]
        nodes.extend(node.get("children", []))
    return halls


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


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    if shutil.which("chromium") is None:
        return sgdtest.finish(["chromium is not installed (scripts/install-deps.sh installs it)"],
                              "")
    failures, checked = [], []
    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        for example in sgdtest.example_projects(args.source_dir):
            out, again = temp / example.name / "out", temp / example.name / "jobs"
            # --expand: model.json names every hall replica, as the plans do.
            build = sgdtest.run_sgdc(sgdc, "build", "--expand", "--color", "never", "-o",
                                     str(out), cwd=example, timeout=300)
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
            covered = 0
            for plan in dom.plans:
                hall = plan.get("data-hall")
                if hall not in halls or int(plan.get("data-racks", -1)) != halls[hall]:
                    failures.append(f"{example.name}: plan {hall} has {plan.get('data-racks')} "
                                    f"racks; model.json says {halls.get(hall)}")
                covered += int(plan.get("data-halls", 0))
                svg = (out / f"plan-{hall}.svg")
                if not svg.exists() or svg.read_text(encoding="utf-8") not in text:
                    failures.append(f"{example.name}: plan-{hall}.svg is missing or not the "
                                    f"page's")
            if covered != len(halls) or not halls:
                failures.append(f"{example.name}: the plans cover {covered} halls of "
                                f"{len(halls)}")
            with (out / "bom.csv").open(newline="", encoding="utf-8") as file:
                entries = [row["catalog_entry"] for row in csv.DictReader(file)
                       if row["line"].isdigit()]
            shown = [line.get("data-entry") for line in dom.bom_lines]
            if sorted(shown) != sorted(entries):
                failures.append(f"{example.name}: the page's BOM rows {len(shown)} differ from "
                                f"bom.csv's {len(entries)} lines")
            for picture in ("campus", "gantt"):
                if picture not in dom.svgs or not (out / f"{picture}.svg").exists():
                    failures.append(f"{example.name}: no {picture} picture")
            checked.append(f"{example.name} ({len(dom.plans)} plans, {len(halls)} halls, "
                           f"{len(shown)} BOM lines)")
    if not checked:
        failures.append("no example built")
    return sgdtest.finish(failures, "ok: report.html in chromium: " + "; ".join(checked))


if __name__ == "__main__":
    sys.exit(main())
