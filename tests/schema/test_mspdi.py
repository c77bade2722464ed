#!/usr/bin/python3
"""Checks that the construction schedule of every example is valid MS Project XML.

For each example project (examples/*/sgd.toml) runs `sgdc schedule --emit
mspdi` on its design files, validates the output with Debian's `xmllint
--noout --schema` against the official MSPDI schema (tests/schemas/mspdi)
(schemas/mspdi/mspdi_pj15.xsd), and checks what the schema cannot: UIDs are
unique, every PredecessorLink names a task of the file, the CSV output has
the same tasks (its ids are the UIDs), and the outline is well formed
(summary tasks span their children). A small design with every link type on a
5-day calendar is checked the same way; its holidays on working days must be
the calendar's exceptions. A design with one site, two buildings and two halls
must have exactly the expected outline. Every task is fixed duration with its
work equal to its duration, named by its title with its identifier in Text1;
the report, schedule.csv and schedule.xml give every task, the project finish,
first power and each deadline the same dates; and each CSV predecessor is the
MSPDI link with its type and lag (`12FS`, `12SS+5d`); schedule.mmd draws every
task at its early start, `crit` as in the CSV, in sections opened by their
summary bars, folding only tasks with float at campus scale. Run by ctest with
/usr/bin/python3; exits non-zero with a message on the first failure.
"""

import csv
import io
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
# The columns of schedule.csv this test reads (docs/outputs.md).
CSV_COLUMNS = {"id", "name", "title", "critical", "milestone", "early_start", "early_finish", "late_start", "late_finish",
               "duration_days", "predecessors"}

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


# One site, two buildings, two halls (b2 is its own hall): the outline of
# schedule.xml.
WBS_DESIGN = """\
import std.catalog.power;
site s {
  utility grid { voltage = 110 kV; capacity = 50 MW; }
  substation main { feed = grid; transformer power.xfmr_50mva * 2; }
  building b1 { hall h[1..2] { area = 500 m2; } }
  building b2 { }
  schedule {
    start = 2025-01-06;
    calendar = "5d";
    task permits { duration = 4 weeks; before site_works; }
  }
}
"""

WBS_OUTLINE = [
    ("1", "s", True), ("1.1", "Site works", False), ("1.2", "Substation", False),
    ("1.3", "Interconnection study", False), ("1.4", "Interconnection agreement", False),
    ("1.5", "Switchyard", False), ("1.6", "b1", True), ("1.6.1", "b1: Building permit", False),
    ("1.6.2", "b1: Shell and core", False), ("1.6.3", "b1: Energise", False),
    ("1.6.4", "b1: Commissioning L5 (integrated systems test)", False), ("1.6.5", "h1", True),
    ("1.6.5.1", "b1 h1: MEP fit-out", False),
    ("1.6.5.2", "b1 h1: Commissioning L2 (site acceptance)", False),
    ("1.6.5.3", "b1 h1: Commissioning L3 (start-up)", False),
    ("1.6.5.4", "b1 h1: Commissioning L4 (load-bank tests)", False),
    ("1.6.5.5", "b1 h1: IT install", False), ("1.6.5.6", "b1 h1: Ready for IT", False),
    ("1.6.6", "h2", True), ("1.6.6.1", "b1 h2: MEP fit-out", False),
    ("1.6.6.2", "b1 h2: Commissioning L2 (site acceptance)", False),
    ("1.6.6.3", "b1 h2: Commissioning L3 (start-up)", False),
    ("1.6.6.4", "b1 h2: Commissioning L4 (load-bank tests)", False),
    ("1.6.6.5", "b1 h2: IT install", False), ("1.6.6.6", "b1 h2: Ready for IT", False),
    ("1.7", "b2", True), ("1.7.1", "b2: Building permit", False),
    ("1.7.2", "b2: Shell and core", False), ("1.7.3", "b2: Energise", False),
    ("1.7.4", "b2: Commissioning L5 (integrated systems test)", False),
    ("1.7.5", "b2: MEP fit-out", False),
    ("1.7.6", "b2: Commissioning L2 (site acceptance)", False),
    ("1.7.7", "b2: Commissioning L3 (start-up)", False),
    ("1.7.8", "b2: Commissioning L4 (load-bank tests)", False),
    ("1.7.9", "b2: IT install", False), ("1.7.10", "b2: Ready for IT", False),
    ("1.8", "Procurement and delivery", True),
    ("1.8.1", "Order HV circuit breakers (one bay per substation transformer)", False),
    ("1.8.2", "Deliver HV circuit breakers (one bay per substation transformer)", False),
    ("1.8.3", "Order power.xfmr_50mva", False), ("1.8.4", "Deliver power.xfmr_50mva", False),
    ("1.9", "First power", False), ("1.10", "First hall ready for IT", False),
    ("1.11", "Campus complete", False), ("1.12", "permits", False),
]


def check_wbs(sgdc, schema, tmp):
    design = pathlib.Path(tmp) / "wbs.sgd"
    design.write_text(WBS_DESIGN, encoding="utf-8")
    check(sgdc, schema, "wbs.sgd", [design.name], tmp)
    root = ET.fromstring(run(sgdc, ["schedule", "--emit", "mspdi", design.name], tmp))
    tasks = list(root.iterfind("p:Tasks/p:Task", NS))
    text = lambda task, name: task.findtext(f"p:{name}", namespaces=NS)  # noqa: E731
    outline = [(text(t, "OutlineNumber"), text(t, "Name"), text(t, "Summary") == "1")
               for t in tasks]
    if outline != WBS_OUTLINE:
        fail(f"wbs.sgd: outline\n{outline}\nexpected\n{WBS_OUTLINE}")
    levels = [int(text(t, "OutlineLevel")) for t in tasks]
    if levels != [n.count(".") + 1 for n, _, _ in WBS_OUTLINE]:
        fail(f"wbs.sgd: outline levels {levels}")
    row = {text(t, "OutlineNumber"): t for t in tasks}
    # The site spans the design's permits (4 weeks before site works, from
    # the start) to campus_complete; b1 from its building permit to the later
    # hall's ready; Procurement from the orders (the start) to the delivery of
    # the HV breakers (42 months, later than the transformers' 128 weeks).
    spans = [("1", "1.12", "1.11"), ("1.6", "1.6.1", "1.6.6.6"), ("1.6.5", "1.6.5.1", "1.6.5.6"),
             ("1.7", "1.7.1", "1.7.10"), ("1.8", "1.8.1", "1.8.2")]
    for summary, first, last in spans:
        if (text(row[summary], "Start"), text(row[summary], "Finish")) != \
                (text(row[first], "Start"), text(row[last], "Finish")):
            fail(f"wbs.sgd: {text(row[summary], 'Name')} runs {text(row[summary], 'Start')} .. "
                 f"{text(row[summary], 'Finish')}, not {text(row[first], 'Start')} .. "
                 f"{text(row[last], 'Finish')}")
    if text(row["1"], "Start") != "2025-01-06T08:00:00":
        fail(f"wbs.sgd: the site starts {text(row['1'], 'Start')}, not on the start day")
    uids = {text(t, "Name"): int(text(t, "UID")) for t in tasks}
    if uids["Site works"] != 1 or uids["permits"] != 39 or uids["s"] != 40:
        fail(f"wbs.sgd: UIDs {uids}")
    return len(tasks)


def run(sgdc, args, cwd):
    result = sgdtest.run_sgdc(sgdc, *args, cwd=cwd)
    if not result.stdout:
        fail(f"`sgdc {' '.join(args)}` in {cwd} printed nothing (exit {result.returncode}):\n"
             f"{result.stderr[:3000]}")
    return result.stdout


def check_outline(label, root):
    """The work breakdown: IDs are the row numbers, rows in outline order
    (each row's parent is the summary before it one level up), the real tasks
    have UIDs 1..N and the summaries the UIDs after them, and a summary spans
    its children: the earliest start, the latest finish, critical if any child
    is, no links and no constraint."""
    tasks = list(root.iterfind("p:Tasks/p:Task", NS))
    text = lambda task, name: task.findtext(f"p:{name}", namespaces=NS)  # noqa: E731
    real = [t for t in tasks if text(t, "Summary") == "0"]
    summaries = [t for t in tasks if text(t, "Summary") == "1"]
    if len(real) + len(summaries) != len(tasks):
        fail(f"{label}: a task without Summary 0 or 1")
    if sorted(int(text(t, "UID")) for t in real) != list(range(1, len(real) + 1)):
        fail(f"{label}: the tasks' UIDs are not 1..{len(real)}")
    if [int(text(t, "UID")) for t in summaries] != list(range(len(real) + 1, len(tasks) + 1)):
        fail(f"{label}: the summaries' UIDs do not follow the tasks' in row order")
    if [int(text(t, "ID")) for t in tasks] != list(range(1, len(tasks) + 1)):
        fail(f"{label}: IDs are not the row numbers")
    by_number = {}
    children = {}
    counters = {"": 0}
    for task in tasks:
        number = text(task, "OutlineNumber")
        parent, _, last = number.rpartition(".")
        if parent not in counters or int(last) != counters[parent] + 1:
            fail(f"{label}: {text(task, 'Name')} has OutlineNumber {number} out of order")
        counters[parent] = int(last)
        counters[number] = 0
        if parent and text(by_number[parent], "Summary") != "1":
            fail(f"{label}: {text(task, 'Name')} is below a task that is no summary")
        if int(text(task, "OutlineLevel")) != number.count(".") + 1:
            fail(f"{label}: {text(task, 'Name')}: OutlineLevel does not match {number}")
        by_number[number] = task
        children.setdefault(parent, []).append(task)
    for summary in summaries:
        name = text(summary, "Name")
        kids = children.get(text(summary, "OutlineNumber"), [])
        if not kids:
            fail(f"{label}: summary {name} has no children")
        if text(summary, "Start") != min(text(k, "Start") for k in kids) or \
                text(summary, "Finish") != max(text(k, "Finish") for k in kids):
            fail(f"{label}: summary {name} does not span its children")
        if text(summary, "Critical") != max(text(k, "Critical") for k in kids):
            fail(f"{label}: summary {name}: Critical is not that of its children")
        if summary.find("p:PredecessorLink", NS) is not None or text(summary, "ConstraintType") != "0":
            fail(f"{label}: summary {name} has links or a constraint")
    return tasks


def check_dates(label, root, rows, report):
    """The report, schedule.csv and schedule.xml give every task the same
    dates (docs/schedule.md, "Dates"): a task's start and finish, early and
    late; the project finish; first power; the deadlines. Every task is fixed
    duration (Type 1) with its work equal to its duration."""
    by_id = {int(row["id"]): row for row in rows}
    by_name = {row["name"]: row for row in rows}
    for task in root.iterfind("p:Tasks/p:Task", NS):
        if task.findtext("p:Summary", namespaces=NS) != "0":
            continue
        row = by_id[int(task.findtext("p:UID", namespaces=NS))]
        for element, column in (("Start", "early_start"), ("Finish", "early_finish"),
                                ("EarlyStart", "early_start"), ("EarlyFinish", "early_finish"),
                                ("LateStart", "late_start"), ("LateFinish", "late_finish")):
            if task.findtext(f"p:{element}", namespaces=NS)[:10] != row[column]:
                fail(f"{label}: {row['name']}: schedule.xml {element} "
                     f"{task.findtext(f'p:{element}', namespaces=NS)}, schedule.csv "
                     f"{column} {row[column]}")
        duration = task.findtext("p:Duration", namespaces=NS)
        if task.findtext("p:Type", namespaces=NS) != "1" or \
                task.findtext("p:Work", namespaces=NS) != duration or \
                duration != f"PT{int(row['duration_days']) * 8}H0M0S":
            fail(f"{label}: {row['name']}: Type {task.findtext('p:Type', namespaces=NS)}, Work "
                 f"{task.findtext('p:Work', namespaces=NS)}, Duration {duration}; expected a "
                 f"fixed-duration task (Type 1) of {row['duration_days']} days of work")
    # Predecessors in the CSV: "12FS", "12SS+5d", each the link of the MSPDI.
    types = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}
    for task in root.iterfind("p:Tasks/p:Task", NS):
        if task.findtext("p:Summary", namespaces=NS) != "0":
            continue
        row = by_id[int(task.findtext("p:UID", namespaces=NS))]
        links = []
        for link in task.iterfind("p:PredecessorLink", NS):
            lag = int(link.findtext("p:LinkLag", namespaces=NS)) // 4800  # tenths of a minute
            links.append(f"{link.findtext('p:PredecessorUID', namespaces=NS)}"
                         f"{types[link.findtext('p:Type', namespaces=NS)]}"
                         + (f"{lag:+d}d" if lag else ""))
        if row["predecessors"].split() != links:
            fail(f"{label}: {row['name']}: schedule.csv predecessors {row['predecessors']!r}, "
                 f"the MSPDI's links as id, type and lag: {' '.join(links)!r}")
    finish = max(row["early_finish"] for row in rows)
    project = root.findtext("p:FinishDate", namespaces=NS)[:10]
    stated = {}
    for line in report.splitlines():
        for key in ("Project finish", "First power"):
            if line.startswith(key + ": "):
                stated[key] = line.split(": ", 1)[1][:10]
        parts = line.split()
        # Path rows: "  start  finish  days  float  name  description"
        if len(parts) >= 5 and parts[0][:2] == "20" and parts[4] in by_name:
            row = by_name[parts[4]]
            if (parts[0], parts[1]) != (row["early_start"], row["early_finish"]):
                fail(f"{label}: the report's path gives {parts[4]} {parts[0]}..{parts[1]}, "
                     f"schedule.csv {row['early_start']}..{row['early_finish']}")
        # Deadlines: "  name: 2025-06-04, deadline …"
        if line.startswith("  ") and ", deadline " in line:
            name, date = line.strip().split(": ", 1)
            if date[:10] != by_name[name]["early_finish"]:
                fail(f"{label}: the report gives {name} {date[:10]}, schedule.csv "
                     f"{by_name[name]['early_finish']}")
    if stated.get("Project finish") != finish or project != finish:
        fail(f"{label}: project finish: report {stated.get('Project finish')}, schedule.xml "
             f"{project}, schedule.csv (latest finish) {finish}")
    first_power = [row for row in rows if row["name"].endswith("first_power")]
    if first_power and stated.get("First power") != first_power[0]["early_finish"]:
        fail(f"{label}: first power: report {stated.get('First power')}, schedule.csv "
             f"{first_power[0]['early_finish']}")


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
    check_outline(label, root)
    reader = csv.DictReader(io.StringIO(run(sgdc, ["schedule", "--emit", "csv", *sources], cwd)))
    missing = CSV_COLUMNS - set(reader.fieldnames or ())
    if missing:
        fail(f"{label}: schedule.csv has no column {', '.join(sorted(missing))}")
    rows = list(reader)
    real = sorted((int(t.findtext("p:UID", namespaces=NS)),
                   t.findtext("p:ExtendedAttribute[p:FieldID='188743731']/p:Value", namespaces=NS),
                   t.findtext("p:Name", namespaces=NS))
                  for t in root.iterfind("p:Tasks/p:Task", NS)
                  if t.findtext("p:Summary", namespaces=NS) == "0")
    if [(int(row["id"]), row["name"], row["title"]) for row in rows] != real:
        fail(f"{label}: schedule.csv and schedule.xml list different tasks (UIDs, identifiers "
             "in Text1, titles as names)")
    check_dates(label, root, rows, run(sgdc, ["schedule", *sources], cwd))
    mermaid = run(sgdc, ["schedule", "--emit", "mermaid", *sources], cwd)
    check_mermaid(label, mermaid, rows)
    return len(uids), links


def check_mermaid(label, mermaid, rows):
    """schedule.mmd draws every task by its CSV id (`tN`) at its early dates,
    in a section per site and building opened by its summary bar; at campus
    scale (more than 200 tasks) only a task that is neither critical nor a
    milestone may be folded into its hall's or deliveries' bar."""
    if not mermaid.startswith("gantt\n"):
        fail(f"{label}: schedule.mmd is not a Mermaid gantt chart")
    bars = {int(m.group(3)): (m.group(1), m.group(2), m.group(4)) for m in re.finditer(
        r"^    \S.* :((?:crit, )?)((?:milestone, )?)t(\d+), (\S+), \S+$", mermaid, re.M)}
    if not re.search(r"^    section .*\n    .* \(summary, \d+ tasks\) :", mermaid, re.M):
        fail(f"{label}: schedule.mmd has no section opened by its summary bar")
    folded = re.findall(r"^    \S.* \(\d+ tasks\) :", mermaid, re.M)
    for row in rows:
        bar = bars.get(int(row["id"]))
        if bar is None:
            if len(rows) <= 200 or row["critical"] == "true" or row["milestone"] == "true" \
                    or not folded:
                fail(f"{label}: schedule.mmd leaves out {row['name']}")
            continue
        if bar[0] != ("crit, " if row["critical"] == "true" else "") \
                or bar[2] != row["early_start"]:
            fail(f"{label}: schedule.mmd draws {row['name']} as {bar}")


def main() -> int:
    args = sgdtest.arguments(__doc__)
    schema = sgdtest.schema_file(args.source_dir, "mspdi/mspdi_pj15.xsd")
    sgdtest.require_program("xmllint", "libxml2-utils")
    summary = []
    projects = sgdtest.example_projects(args.source_dir)
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
        summary.append(f"wbs.sgd ({check_wbs(args.sgdc, schema, tmp)} rows in outline order)")
    print("ok: valid MSPDI for " + ", ".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
