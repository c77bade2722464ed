#!/usr/bin/python3
"""Checks that the construction schedule of every example is valid MS Project XML.

For each example project (examples/*/sgd.toml) runs `sgdc schedule --emit
mspdi` on its design files, validates the output with Debian's `xmllint
--noout --schema` against the shared MSPDI schema
(schemas/mspdi/mspdi_pj15.xsd), and checks what the schema cannot: UIDs are
unique, every PredecessorLink names a task of the file, and the CSV output has
the same tasks. A small design with every link type on a 5-day calendar is
checked the same way; its holidays on working days must be the calendar's
exceptions. Run by ctest with /usr/bin/python3; exits non-zero with a
message on the first failure.
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

NS = {"p": "http://schemas.microsoft.com/project"}

SMALL_DESIGN = """\
import std.catalog.power;
site s {
  utility grid { voltage = 110 kV; capacity = 50 MW; }
  substation main { feed = grid; transformer power.xfmr_50mva * 2; }
  building b1 { hall h[1..2] { area = 500 m2; } }
  schedule {
    start = 2025-01-06;
    calendar = "5d";
    holidays = [2025-12-25, 2025-01-20, 2025-05-26, 2025-05-24];  // 05-24: a Saturday
    preorder power.xfmr_50mva at 2024-01-08;
    task permits { duration = 4 weeks; before site_works; }
    task survey { duration = 2 weeks; after permits SS + 1 weeks; }
    task drawings { duration = 3 weeks; after survey FF + 2 d; }
    task mockup { duration = 1 weeks; after drawings SF - 1 d; }
    milestone first_power { deadline = 2025-12-31; }
  }
}
"""


def run(sgdc, args, cwd):
    result = sgdtest.run_sgdc(sgdc, *args, cwd=cwd)
    if not result.stdout:
        fail(f"`sgdc {' '.join(args)}` in {cwd} printed nothing (exit {result.returncode}):\n"
             f"{result.stderr[:3000]}")
    return result.stdout


def check(sgdc, schema, label, sources, cwd):
    xml_text = run(sgdc, ["schedule", "--emit", "mspdi", *sources], cwd)
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "schedule.xml"
        path.write_text(xml_text, encoding="utf-8")
        lint = subprocess.run(["xmllint", "--noout", "--schema", str(schema), str(path)],
                              capture_output=True, text=True, timeout=300)
        if lint.returncode != 0:
            fail(f"{label}: schedule.xml is not valid MSPDI:\n{lint.stderr[:3000]}")
    root = ET.fromstring(xml_text)
    uids = [int(task.findtext("p:UID", namespaces=NS)) for task in root.iterfind("p:Tasks/p:Task", NS)]
    if len(uids) != len(set(uids)) or not uids:
        fail(f"{label}: task UIDs are missing or not unique")
    links = 0
    for link in root.iterfind("p:Tasks/p:Task/p:PredecessorLink", NS):
        links += 1
        if int(link.findtext("p:PredecessorUID", namespaces=NS)) not in uids:
            fail(f"{label}: a PredecessorLink names no task")
    rows = list(csv.DictReader(io.StringIO(run(sgdc, ["schedule", "--emit", "csv", *sources], cwd))))
    if [row["name"] for row in rows] != [t.findtext("p:Name", namespaces=NS)
                                         for t in root.iterfind("p:Tasks/p:Task", NS)]:
        fail(f"{label}: schedule.csv and schedule.xml list different tasks")
    mermaid = run(sgdc, ["schedule", "--emit", "mermaid", *sources], cwd)
    if not mermaid.startswith("gantt\n") or mermaid.count("\n    ") < len(uids):
        fail(f"{label}: schedule.mmd is not a gantt chart of every task")
    return len(uids), links


def main() -> int:
    args = sgdtest.arguments(__doc__, shared_dir_required=True)
    schema = args.shared_dir / "schemas" / "mspdi" / "mspdi_pj15.xsd"
    if not schema.is_file():
        fail(f"no schema at {schema}")
    summary = []
    projects = sgdtest.example_projects(args.source_dir)
    if not projects:
        fail("no example projects found")
    for project in projects:
        tasks, links = check(args.sgdc, schema, project.name, sgdtest.design_files(project),
                             project)
        summary.append(f"{project.name} ({tasks} tasks, {links} links)")
    with tempfile.TemporaryDirectory() as tmp:
        design = pathlib.Path(tmp) / "links.sgd"
        design.write_text(SMALL_DESIGN, encoding="utf-8")
        xml_text = run(args.sgdc, ["schedule", "--emit", "mspdi", design.name], tmp)
        types = {link.findtext("p:Type", namespaces=NS)
                 for link in ET.fromstring(xml_text).iterfind("p:Tasks/p:Task/p:PredecessorLink", NS)}
        if types != {"0", "1", "2", "3"}:
            fail(f"links.sgd: expected links of all four types, got {sorted(types)}")
        exceptions = [(e.findtext("p:TimePeriod/p:FromDate", namespaces=NS)[:10],
                       e.findtext("p:DayWorking", namespaces=NS))
                      for e in ET.fromstring(xml_text).iterfind(
                          "p:Calendars/p:Calendar/p:Exceptions/p:Exception", NS)]
        expected = [("2025-01-20", "0"), ("2025-05-26", "0"), ("2025-12-25", "0")]
        if exceptions != expected:
            fail(f"links.sgd: calendar exceptions {exceptions}, expected {expected}")
        tasks, links = check(args.sgdc, schema, "links.sgd", [design.name], tmp)
        summary.append(f"links.sgd ({tasks} tasks, {links} links)")
    print("ok: valid MSPDI for " + ", ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
