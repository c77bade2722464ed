#!/usr/bin/python3
"""Checks schedule.svg, the Gantt chart of the construction schedule.

For every example project and the schedule goldens of first power, delivery
lots per phase and on-site energisation (tests/golden/schedule), runs `sgdc
schedule --emit svg` twice and checks: the two runs are byte-identical; the
file is well-formed XML (Debian's `xmllint --noout`); every critical task of
schedule.csv (`critical` true) is drawn as a `<g class="task critical">`
whose `data-task` is its name, and no task with float is marked critical;
every milestone of the critical path is there; the key milestones (first
power, first hall ready for IT, each phase, completion) are drawn; a
building of a phased design has its phase on its summary row; and at campus
scale (more than 200 tasks) fewer rows are drawn than there are tasks.
Run by ctest with /usr/bin/python3.
"""

import csv
import io
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
GOLDENS = ("colossus_first_power.sgd", "energise_from_graph.sgd", "phased_abilene.sgd")


def emit(sgdc, what, sources, cwd):
    result = sgdtest.run_sgdc(sgdc, "schedule", "--emit", what, *sources, cwd=cwd)
    # A design with errors of its own (examples/frankfurt fails its pack by
    # design) still prints its schedule.
    if result.returncode != 0 and not result.stdout:
        fail(f"sgdc schedule --emit {what} in {cwd} exited {result.returncode}:\n"
             f"{result.stderr[:3000]}")
    return result.stdout


def check(sgdc, label, sources, cwd, tmp):
    svg = emit(sgdc, "svg", sources, cwd)
    if emit(sgdc, "svg", sources, cwd) != svg:
        fail(f"{label}: two runs wrote different SVG")
    path = pathlib.Path(tmp) / f"{label}.svg"
    path.write_text(svg, encoding="utf-8")
    lint = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True, text=True)
    if lint.returncode != 0:
        fail(f"{label}: schedule.svg is not well-formed XML:\n{lint.stderr[:2000]}")
    root = ET.fromstring(svg)
    drawn, critical, keys, summaries = set(), set(), set(), []
    for group in root.iter(SVG + "g"):
        classes = group.get("class", "").split()
        if "task" in classes:
            drawn.add(group.get("data-task"))
            if "critical" in classes:
                critical.add(group.get("data-task"))
        elif "key-milestone" in classes:
            keys.add(group.get("data-task"))
        elif "summary" in classes:
            summaries.append("".join(group.find(SVG + "text").itertext()))
    rows = list(csv.DictReader(io.StringIO(emit(sgdc, "csv", sources, cwd))))
    expected = {row["name"] for row in rows if row["critical"] == "true"}
    if not expected:
        fail(f"{label}: schedule.csv has no critical task")
    if critical != expected:
        fail(f"{label}: critical tasks drawn {sorted(critical ^ expected)[:10]} differ from "
             "schedule.csv's")
    for name in ("first_power", "first_it_ready", "campus_complete"):
        if any(row["name"].endswith(name) for row in rows) and not any(
                key.endswith(name) for key in keys):
            fail(f"{label}: the key milestone {name} is not drawn")
    phases = {row["name"] for row in rows if row["name"].endswith("_it_ready")
              and row["name"].split(".")[-1].startswith("phase")}
    if not phases <= keys:
        fail(f"{label}: phase milestones {sorted(phases - keys)} are not drawn")
    if phases and not any("(phase " in summary for summary in summaries):
        fail(f"{label}: a phased design's buildings do not show their phase: {summaries[:10]}")
    if len(rows) > 200 and len(drawn) >= len(rows):
        fail(f"{label}: {len(rows)} tasks at campus scale, but every one has its own row")
    return f"{label} ({len(drawn)} of {len(rows)} tasks drawn, {len(critical)} critical)"


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdtest.require_program("xmllint", "libxml2-utils")
    checked = []
    with tempfile.TemporaryDirectory() as tmp:
        for project in sgdtest.example_projects(args.source_dir):
            checked.append(check(args.sgdc, project.name, sgdtest.design_files(project), project,
                                 tmp))
        goldens = args.source_dir / "tests" / "golden" / "schedule"
        for name in GOLDENS:
            checked.append(check(args.sgdc, pathlib.Path(name).stem, [name], goldens, tmp))
    print("ok: schedule.svg well-formed, deterministic, with its critical path, for " +
          ", ".join(checked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
