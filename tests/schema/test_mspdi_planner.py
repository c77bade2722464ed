#!/usr/bin/python3
"""Checks that an open-source reader takes sgdc's MS Project XML whole.

Debian's Planner ships `msp2planner.xsl`, which turns MSPDI into Planner's own
format. For every example project, `sgdc schedule --emit mspdi` is converted
with `xsltproc`, the result is validated with `xmllint --dtdvalid` against
Planner's `mrproject-0.6.dtd`, and it must hold every task and every link of
the MSPDI file (with the same link types), summary tasks included, nested as
the MSPDI's outline. Planner numbers tasks by the MSPDI's `ID` (the row), not
its `UID`, so tasks and links are compared by ID.

Every imported task keeps its duration: each task sgdc schedules is
`fixed-duration` in Planner with the duration `sgdc schedule --emit csv` gives
it (working days × 8 h, in seconds), and its work equals its duration, so a
fixed-work reading gives the same; every milestone is a milestone of zero
duration; every summary spans the working days of its tasks. Planner ignores
the MSPDI calendar (it schedules on its own Monday–Friday calendar), so dates
are not compared; docs/schedule.md says what each importer keeps and loses.
Run by ctest with /usr/bin/python3.
"""
import csv
import io

import collections
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

NS = {"p": "http://schemas.microsoft.com/project"}
XSL = pathlib.Path("/usr/share/planner/stylesheets/msp2planner.xsl")
DTD = pathlib.Path("/usr/share/planner/dtd/mrproject-0.6.dtd")
MSPDI_TYPES = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}


SECONDS_PER_DAY = 8 * 3600  # Planner's working day, as the MSPDI's 480 minutes


def check_durations(label, source, converted, csv_text):
    """Every task Planner imports has sgdc's duration; returns how many."""
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(csv_text))}
    if not rows:
        fail(f"{label}: `sgdc schedule --emit csv` printed no task")
    planner = {t.get("id"): t for t in converted.iter("task")}
    spans = {}
    checked = 0
    for task in source.iterfind("p:Tasks/p:Task", NS):
        row_id = task.findtext("p:ID", namespaces=NS)
        imported = planner[row_id]
        name = imported.get("name")
        if task.findtext("p:Summary", namespaces=NS) == "1":
            spans[row_id] = task
            continue
        row = rows[int(task.findtext("p:UID", namespaces=NS))]
        wanted = int(row["duration_days"]) * SECONDS_PER_DAY
        milestone = row["milestone"] == "true"
        got = (imported.get("type"), imported.get("scheduling"), int(imported.get("duration")),
               int(imported.get("work")))
        expected = ("milestone" if milestone else "normal", "fixed-duration", wanted, wanted)
        if got != expected:
            fail(f"{label}: Planner imports {name!r} ({row['name']}) as type, scheduling, "
                 f"duration, work {got}; sgdc schedules {expected} ({row['duration_days']} days)")
        checked += 1
    # A summary spans its tasks, from the earliest start to the latest end: the
    # MSPDI gives that span in hours, Planner keeps it, and it is no shorter
    # than any task below it.
    for row_id, task in spans.items():
        number = task.findtext("p:OutlineNumber", namespaces=NS) + "."
        longest = max(int(rows[int(t.findtext("p:UID", namespaces=NS))]["duration_days"])
                      for t in source.iterfind("p:Tasks/p:Task", NS)
                      if t.findtext("p:OutlineNumber", namespaces=NS).startswith(number)
                      and t.findtext("p:Summary", namespaces=NS) == "0")
        hours = re.fullmatch(r"PT(\d+)H0M0S", task.findtext("p:Duration", namespaces=NS))
        imported = int(planner[row_id].get("duration"))
        if not hours or imported != int(hours.group(1)) * 3600 or \
                imported < longest * SECONDS_PER_DAY:
            fail(f"{label}: Planner imports summary {planner[row_id].get('name')!r} with "
                 f"{imported} s; the MSPDI spans {task.findtext('p:Duration', namespaces=NS)}, "
                 f"its longest task {longest} days")
        checked += 1
    return checked


def main() -> int:
    args = sgdtest.arguments(__doc__)
    for needed in (XSL, DTD):
        sgdtest.require_file(needed, "Planner's file (Debian package planner-data)")
    for program, package in (("xsltproc", "xsltproc"), ("xmllint", "libxml2-utils")):
        sgdtest.require_program(program, package)
    summary = []
    projects = sgdtest.example_projects(args.source_dir)
    with tempfile.TemporaryDirectory() as tmp:
        for project in projects:
            sources = sgdtest.design_files(project)
            result = sgdtest.run_sgdc(args.sgdc, "schedule", "--emit", "mspdi", *sources,
                                      cwd=project)
            if not result.stdout:
                fail(f"{project.name}: no MSPDI (exit {result.returncode}):\n{result.stderr[:2000]}")
            mspdi = pathlib.Path(tmp) / f"{project.name}.xml"
            mspdi.write_text(result.stdout, encoding="utf-8")
            planner = pathlib.Path(tmp) / f"{project.name}.planner"
            xslt = subprocess.run(["xsltproc", "-o", str(planner), str(XSL), str(mspdi)],
                                  capture_output=True, text=True, timeout=300)
            if xslt.returncode != 0:
                fail(f"{project.name}: xsltproc failed:\n{xslt.stderr[:2000]}")
            lint = subprocess.run(["xmllint", "--noout", "--dtdvalid", str(DTD), str(planner)],
                                  capture_output=True, text=True, timeout=300)
            if lint.returncode != 0:
                fail(f"{project.name}: not valid against mrproject-0.6.dtd:\n{lint.stderr[:2000]}")
            source = ET.parse(mspdi).getroot()
            converted = ET.parse(planner).getroot()
            # Planner's ids are the MSPDI's IDs (row numbers), not its UIDs;
            # summary tasks count as tasks, with their children nested.
            id_of = {t.findtext("p:UID", namespaces=NS): t.findtext("p:ID", namespaces=NS)
                     for t in source.iterfind("p:Tasks/p:Task", NS)}
            tasks = {t.findtext("p:ID", namespaces=NS): t.findtext("p:Name", namespaces=NS)
                     for t in source.iterfind("p:Tasks/p:Task", NS)}
            planner_tasks = {t.get("id"): t.get("name") for t in converted.iter("task")}
            if planner_tasks != tasks:
                fail(f"{project.name}: Planner has {len(planner_tasks)} tasks, MSPDI {len(tasks)}")
            by_number = {t.findtext("p:OutlineNumber", namespaces=NS): t.findtext("p:ID", namespaces=NS)
                         for t in source.iterfind("p:Tasks/p:Task", NS)}
            parents = {t.findtext("p:ID", namespaces=NS):
                       by_number.get(t.findtext("p:OutlineNumber", namespaces=NS).rpartition(".")[0])
                       for t in source.iterfind("p:Tasks/p:Task", NS)}
            planner_parents = {child.get("id"): parent.get("id")
                               for parent in converted.iter("task") for child in parent.findall("task")}
            planner_parents.update({t.get("id"): None for t in converted.find("tasks").findall("task")})
            if planner_parents != parents:
                fail(f"{project.name}: Planner nests the tasks differently from the MSPDI's outline")
            links = collections.Counter(
                (task.findtext("p:ID", namespaces=NS),
                 id_of[link.findtext("p:PredecessorUID", namespaces=NS)],
                 MSPDI_TYPES[link.findtext("p:Type", namespaces=NS)])
                for task in source.iterfind("p:Tasks/p:Task", NS)
                for link in task.iterfind("p:PredecessorLink", NS))
            planner_links = collections.Counter(
                (task.get("id"), p.get("predecessor-id"), p.get("type"))
                for task in converted.iter("task") for p in task.findall("predecessors/predecessor"))
            if planner_links != links:
                fail(f"{project.name}: Planner's links differ from the MSPDI's "
                     f"({sum(planner_links.values())} vs {sum(links.values())})")
            durations = check_durations(project.name, source, converted, sgdtest.run_sgdc(
                args.sgdc, "schedule", "--emit", "csv", *sources, cwd=project).stdout)
            summary.append(f"{project.name} ({len(tasks)} tasks, {sum(links.values())} links, "
                           f"{durations} durations)")
    print("ok: msp2planner keeps every task, link and duration of " + ", ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
