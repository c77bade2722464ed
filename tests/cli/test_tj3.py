#!/usr/bin/python3
"""Compares sgdc's early dates with TaskJuggler's (Debian `tj3`) for the same network.

For every example project, a small design with SS links and lags on a
5-day calendar (and a `date` on a task with a predecessor, written for tj3 as a
dated milestone it depends on), and a design with holidays on each of the 5-, 6- and 7-day
calendars (written as global `leaves`), and the schedule goldens of first
power from on-site generation, overridden tasks and delivery lots per phase
(GOLDEN_DESIGNS), writes the network with `sgdc schedule --emit tjp`, schedules
it with `tj3`, and checks that every task's early start and early finish
(`sgdc schedule --emit csv`) equal TaskJuggler's start and end. TaskJuggler
gives a task's start as the moment its predecessor ends (18:00 of the
predecessor's last working day); sgdc gives a task with work the next working
day, so such a start is compared with the next working day (skipping
holidays). A milestone is dated where TaskJuggler puts it: a milestone that
a task's end places is at 18:00 of that task's last day, and sgdc dates it
that day too (docs/schedule.md, "Dates"). Networks with links that TaskJuggler cannot express
(FF, SF, negative lags) are skipped; at least three designs must be compared.
Run by ctest with /usr/bin/python3.
"""

import csv
import datetime
import io
import pathlib
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

SMALL_DESIGN = """\
import std.catalog.power;
site s {
  utility grid { voltage = 110 kV; capacity = 50 MW; }
  substation main { feed = grid; transformer power.xfmr_50mva * 2; }
  building b1 { hall h[1..2] { area = 500 m2; } }
  schedule {
    start = 2025-01-04;             // a Saturday
    calendar = "5d";
    preorder power.xfmr_50mva at 2024-01-08;
    task permits { duration = 4 weeks; before site_works; }
    task survey { duration = 2 weeks; after permits SS + 1 weeks; }
    task drawings { duration = 3 weeks; after survey + 2 d; before b1.mep SS + 3 d; }
    // A date on a task with a predecessor: it starts on the later of the two.
    task inspection { duration = 1 week; after survey; date = 2025-03-03; }
    milestone handover { after b1.it_install; }
  }
}
"""

# Holidays around the turn of the year, on working days and on a Saturday and
# a Sunday, with tasks that run across them; CALENDAR is filled in.
HOLIDAY_DESIGN = """\
import std.catalog.power;
site s {
  utility grid { voltage = 110 kV; capacity = 50 MW; }
  substation main { feed = grid; transformer power.xfmr_50mva * 2; }
  building b1 { hall h[1..2] { area = 500 m2; } }
  schedule {
    start = 2024-12-16;
    calendar = "CALENDAR";
    holidays = [2024-12-25, 2024-12-26, 2024-12-28, 2024-12-29, 2025-01-01, 2025-04-18,
                2025-12-25, 2026-01-01];
    preorder power.xfmr_50mva at 2024-01-08;
    task permits { duration = 2 weeks; before site_works; }
    task survey { duration = 1 weeks; after permits SS + 1 weeks; }
    task drawings { duration = 3 weeks; after survey + 2 d; before b1.mep SS + 3 d; }
    milestone handover { after b1.it_install; }
  }
}
"""

# Goldens whose networks exercise first power from the one-line (power plants
# linked to energisation), task overrides, preorders and delivery lots sized
# by factory output, phase by phase.
GOLDEN_DESIGNS = ("colossus_first_power.sgd", "energise_from_graph.sgd", "phased_abilene.sgd")


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and not result.stdout:
        fail(f"`{' '.join(command)}` in {cwd} exited {result.returncode}:\n{result.stderr[:3000]}")
    return result


def compare(sgdc, label, sources, cwd, tmp):
    tjp = run([sgdc, "schedule", "--emit", "tjp", *sources], cwd).stdout
    if re.search(r"^\s*# depends", tjp, re.M):
        return None  # links TaskJuggler cannot express
    hours = re.search(r"workinghours mon - (\w+) ", tjp).group(1)
    work_days = {"fri": 5, "sat": 6, "sun": 7}[hours]
    holidays = {datetime.date.fromisoformat(day)
                for day in re.findall(r'^leaves holiday "[^"]*" (\S+)$', tjp, re.M)}
    folder = pathlib.Path(tmp) / label
    folder.mkdir()
    (folder / "plan.tjp").write_text(tjp, encoding="utf-8")
    result = subprocess.run(["tj3", "--silent", "plan.tjp"], cwd=folder, capture_output=True,
                            text=True, timeout=600)
    if result.returncode != 0:
        fail(f"{label}: tj3 failed:\n{result.stdout[:2000]}{result.stderr[:2000]}")
    tj = {row["Name"]: row for row in csv.DictReader(
        io.StringIO((folder / "sgd_dates.csv").read_text(encoding="utf-8")), delimiter=";")}
    ours = list(csv.DictReader(io.StringIO(run([sgdc, "schedule", "--emit", "csv", *sources], cwd).stdout)))

    def next_working_day(day):
        day += datetime.timedelta(days=1)
        while day.weekday() >= work_days or day in holidays:
            day += datetime.timedelta(days=1)
        return day

    def tj_day(stamp, milestone):
        moment = datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M")
        day = moment.date()
        if moment.hour >= 18:
            return day.isoformat() if milestone else next_working_day(day).isoformat()
        while day.weekday() >= work_days or day in holidays:  # a start at 00:00 of a day off
            day += datetime.timedelta(days=1)
        return day.isoformat()

    mismatches = []
    for row in ours:
        theirs = tj.get(row["name"])
        if theirs is None:
            mismatches.append(f"{row['name']}: not in TaskJuggler's report")
            continue
        milestone = row["milestone"] == "true"
        start = tj_day(theirs["Start"], milestone)
        end = start if milestone else theirs["End"][:10]
        if (start, end) != (row["early_start"], row["early_finish"]):
            mismatches.append(f"{row['name']}: sgdc {row['early_start']}..{row['early_finish']}, "
                              f"tj3 {theirs['Start']}..{theirs['End']}")
    if mismatches:
        fail(f"{label}: {len(mismatches)} of {len(ours)} tasks differ:\n" + "\n".join(mismatches[:20]))
    return len(ours)


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdtest.require_program("tj3", "tj3")
    compared = []
    with tempfile.TemporaryDirectory() as tmp:
        for project in sgdtest.example_projects(args.source_dir):
            count = compare(args.sgdc, project.name, sgdtest.design_files(project), project, tmp)
            if count is not None:
                compared.append(f"{project.name} ({count} tasks)")
        small = pathlib.Path(tmp) / "small"
        small.mkdir()
        (small / "links.sgd").write_text(SMALL_DESIGN, encoding="utf-8")
        count = compare(args.sgdc, "links", ["links.sgd"], small, tmp)
        if count is None:
            fail("links.sgd: the small design has links TaskJuggler cannot express")
        compared.append(f"links.sgd ({count} tasks)")
        for calendar in ("5d", "6d", "7d"):
            label = f"holidays_{calendar}"
            folder = pathlib.Path(tmp) / (label + "_src")
            folder.mkdir()
            (folder / "holidays.sgd").write_text(HOLIDAY_DESIGN.replace("CALENDAR", calendar),
                                                 encoding="utf-8")
            count = compare(args.sgdc, label, ["holidays.sgd"], folder, tmp)
            if count is None:
                fail(f"{label}: the holiday design has links TaskJuggler cannot express")
            compared.append(f"holidays.sgd {calendar} ({count} tasks)")
        goldens = args.source_dir / "tests" / "golden" / "schedule"
        for name in GOLDEN_DESIGNS:
            count = compare(args.sgdc, pathlib.Path(name).stem, [name], goldens, tmp)
            if count is None:
                fail(f"{name}: has links TaskJuggler cannot express")
            compared.append(f"{name} ({count} tasks)")
    if len(compared) < 3:
        fail(f"only {len(compared)} design(s) compared: {compared}")
    print("ok: sgdc's early dates equal tj3's for " + ", ".join(compared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
