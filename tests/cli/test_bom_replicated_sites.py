#!/usr/bin/python3
"""A replicated site's cash flow from the plan of its first replica (schedule::PlanScope).

A build that writes the bill of materials but not the schedule plans each
replicated top-level structure once, through its first replica, and the
cash flow gives every replica that replica's dates; a replica that spends
as the first does gets the first's cash flow, copied. This test builds the
design below (SITES, with the catalog of bench/gen_portfolio.py) twice, as
the project `design`:

- BOM only (`[outputs]` without schedule, model, oci, oneline): the plan of
  the first replicas, for costs (schedule::PlanDetail::Costs: no texts for
  people; the cash flow reads each task's place, Network::places);
- every output: the full plan, every site's tasks of its own;

and checks that
1. the BOM-only build writes the same files as the full build, byte for byte
   (bom.csv, bom.json, bom.cdx.json, capex.csv, opex.csv);
2. in the full plan (schedule.csv) every task of s2 and s3 has the dates of
   the task of s1 with the same name: what lets s1 stand for them;
3. the UPS lots leave the factory one after the other within a site, by hand:
   a hall is 2 rows x 4 GB200 NVL72 at 132 kW = 1,056 kW, so 2N UPS of
   1,250 kW are 1 a side, 2 a hall: b1 (2 halls) takes units 1-4, b2 units
   5-8 and c (phase 2, one hall of 4 racks: 528 kW, 2 UPS) units 9-10. At 4 a
   week after a 30-week lead time they arrive after 30, ceil(8 / 4) - 1 + 30
   = 31 and ceil(10 / 4) - 1 + 30 = 32 weeks: 150, 155 and 160 working days
   on the 5-day calendar of a design without schedule, from the order on
   Wednesday 2025-01-01, so their last days are Tuesday 2025-07-29,
   2025-08-05 and 2025-08-12, in every site;
4. capex.csv of the BOM-only build has the same rows for s2 and s3 as for
   s1 (month, phase, category, committed, paid), and the UPS line of
   bom.csv is ordered by the order-by of the last lot, c's: its need-by less
   its 160 days (schedule.csv's order_by of `s1.ups_1250.c.delivery`), in
   every replica;
5. `solo`, written once beside them, keeps the dates of its own plan (its
   rows are in capex.csv);
6. bom.json's capex lines of s2 and s3 are s1's (cost::computeCapex prices
   the second replica and copies the first's lines to the rest): the same
   category, description, basis, quantity, rate and cost, line for line;
7. with `area = 4000 m2` on b[1..2], a shell's basis names its buildings
   ("GFA 8000 m2 (s1.b1: area 4000 m2; s1.b2: …)"), so the replicas' lines
   differ and each is priced: s2's basis names s2.b1 and s3's s3.b1.
"""
import csv
import io
import json
import pathlib
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

HALL = """\
      ups ups_1250 * auto redundancy 2N;
      cdu cdu_1350 * auto redundancy N+1;
      crah crah_250 * auto redundancy N+1;
"""

# The sites, after the catalog of the peers benchmark's portfolio
# (bench/gen_portfolio.py), whose UPS factory makes 4 a week.
SITES = """\
site s[1..3] {
  pue_design = 1.2;
  power_factor = 0.95;
  transformer xfmr_100mva * auto redundancy N+1;
  building b[1..2] {
    generator gen_2500 * auto redundancy N+1 { fuel_hours = 24 h; }
    hall h[1..2] {
""" + HALL + """\
      row r[1..2] { rack k[1..4] : gb200_nvl72; }
    }
  }
  building c {
    phase = 2;
    generator gen_2500 * auto redundancy N+1 { fuel_hours = 24 h; }
    hall h {
""" + HALL + """\
      row r { rack k[1..4] : gb200_nvl72; }
    }
  }
}

site solo {
  pue_design = 1.2;
  power_factor = 0.95;
  transformer xfmr_100mva * auto redundancy N+1;
  building b {
    generator gen_2500 * auto redundancy N+1 { fuel_hours = 24 h; }
    hall h {
""" + HALL + """\
      row r { rack k[1..4] : gb200_nvl72; }
    }
  }
}
"""

PROJECT = """\
[project]
name = "design"
entry = ["design.sgd"]
"""
BOM_ONLY = """
[outputs]
model = false
schedule = false
oci = false
oneline = false
"""
BOM_FILES = ["bom.cdx.json", "bom.csv", "bom.json", "capex.csv", "opex.csv"]
# Hand-worked above (item 3): the UPS deliveries of each site.
UPS_DELIVERIES = {"b1": (150, "2025-07-29"), "b2": (155, "2025-08-05"), "c": (160, "2025-08-12")}


def rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def design_text(source_dir):
    sys.path.insert(0, str(source_dir / "bench"))
    import gen_portfolio  # noqa: E402
    catalog = gen_portfolio.catalog()
    ups_lead = "lead_time = 30 weeks;\n"
    if catalog.count(ups_lead) != 1:
        raise Failure("bench/gen_portfolio.py's catalog has no UPS with a 30-week lead time")
    return catalog.replace(ups_lead, ups_lead + "  factory_output = 4;\n") + "\n" + SITES


def build(sgdc, design, folder, toml):
    folder.mkdir()
    (folder / "design.sgd").write_text(design, encoding="utf-8")
    (folder / "sgd.toml").write_text(toml, encoding="utf-8")
    sgdtest.run_checked([sgdc, "build", "-o", "out"], folder)
    return folder / "out"


def check(sgdc, source_dir, work, failures):
    design = design_text(source_dir)
    bom_only = build(sgdc, design, work / "bom-only", PROJECT + BOM_ONLY)
    full = build(sgdc, design, work / "full", PROJECT)

    # 1. The same bytes from the first replicas' plan as from the full one.
    written = sorted(p.name for p in bom_only.iterdir() if not p.name.startswith("."))
    if written != BOM_FILES:
        raise Failure(f"the BOM-only build wrote {written}, not {BOM_FILES}")
    for name in BOM_FILES:
        if (bom_only / name).read_bytes() != (full / name).read_bytes():
            failures.append(f"{name} of the BOM-only build differs from the full build's")

    # 2. In the full plan, the replicas of s1 have its dates.
    tasks = {row["name"]: row for row in rows(full / "schedule.csv")}
    dated = ("early_start", "early_finish", "order_by", "need_by")
    compared = 0
    for name, row in tasks.items():
        site, _, rest = name.partition(".")
        if site not in ("s2", "s3"):
            continue
        first = tasks.get("s1." + rest)
        if first is None:
            failures.append(f"schedule.csv has {name} but no s1.{rest}")
            continue
        compared += 1
        for column in dated:
            if row[column] != first[column]:
                failures.append(f"{name} {column} {row[column]}, s1.{rest} {first[column]}")
    if compared < 100:
        failures.append(f"only {compared} tasks of s2 and s3 in schedule.csv")

    # 3. The lots of a site one after the other, by hand.
    for site in ("s1", "s2", "s3"):
        for building, (days, last_day) in UPS_DELIVERIES.items():
            row = tasks.get(f"{site}.ups_1250.{building}.delivery")
            if row is None:
                failures.append(f"schedule.csv has no {site}.ups_1250.{building}.delivery")
            elif (int(row["duration_days"]), row["early_finish"]) != (days, last_day):
                failures.append(f"{site}.ups_1250.{building}.delivery takes "
                                f"{row['duration_days']} days to {row['early_finish']}, not "
                                f"{days} to {last_day}")

    # 4. capex.csv and bom.csv of the BOM-only build: each replica as s1.
    by_site = {}
    for row in rows(bom_only / "capex.csv"):
        by_site.setdefault(row["site"], []).append(
            (row["month"], row["phase"], row["category"], row["committed"], row["paid"]))
    if not by_site.get("s1"):
        raise Failure("capex.csv has no rows for s1")
    for site in ("s2", "s3"):
        if by_site.get(site) != by_site["s1"]:
            failures.append(f"capex.csv's rows of {site} are not those of s1")
    ups_order_by = tasks["s1.ups_1250.c.delivery"]["order_by"]
    ups_lines = {row["site"]: row for row in rows(bom_only / "bom.csv")
                 if row["catalog_entry"] == "ups_1250"}
    for site in ("s1", "s2", "s3"):
        line = ups_lines.get(site)
        if line is None:
            failures.append(f"bom.csv has no ups_1250 line for {site}")
        elif line["order_by"] != ups_order_by or not line["need_by"]:
            failures.append(f"bom.csv orders {site}'s UPS by {line['order_by']} (need by "
                            f"{line['need_by']}), not by {ups_order_by}")

    # 5. The site written once.
    if not by_site.get("solo"):
        failures.append("capex.csv has no rows for solo")

    # 6. The capex lines of the replicas are s1's.
    lines = capex_lines(bom_only)
    if not lines.get("s1"):
        raise Failure("bom.json has no capex lines for s1")
    for site in ("s2", "s3"):
        if lines.get(site) != lines["s1"]:
            failures.append(f"bom.json's capex lines of {site} are not those of s1")

    # 7. Lines that name their buildings are each the replica's own.
    stated = "  building b[1..2] {\n"
    if design.count(stated) != 1:
        raise Failure("the design has no `building b[1..2]` to state an area on")
    named = build(sgdc, design.replace(stated, stated + "    area = 4000 m2;\n"),
                  work / "stated-area", PROJECT + BOM_ONLY)
    shells = {site: [line for line in site_lines if line[1] == "shell and core"]
              for site, site_lines in capex_lines(named).items()}
    for site in ("s1", "s2", "s3"):
        bases = [line[2] for line in shells.get(site, [])]
        if len(bases) != 1 or f"{site}.b1: area 4000 m2" not in bases[0]:
            failures.append(f"the shell of {site} has the basis {bases}, which should name "
                            f"{site}.b1")
    return compared


def capex_lines(out):
    """bom.json's capex lines by site: (category, description, basis, quantity, rate, cost)."""
    bom = json.loads((out / "bom.json").read_text("utf-8"))
    by_site = {}
    for line in bom["capex_lines"]:
        by_site.setdefault(line["site"], []).append(
            (line["category"], line["description"], line["basis"], line["quantity"],
             line["rate"], line["extended_cost"]))
    return by_site


def main():
    args = sgdtest.arguments(__doc__)
    failures = []
    compared = 0
    with tempfile.TemporaryDirectory(prefix="sgd-replicated-sites-") as work:
        try:
            compared = check(args.sgdc, args.source_dir, pathlib.Path(work), failures)
        except Failure as failure:
            failures.append(str(failure))
    return sgdtest.finish(failures, f"test_bom_replicated_sites: ok, {len(BOM_FILES)} files alike, "
                          f"{compared} replica tasks dated as s1's",
                          heading="test_bom_replicated_sites: FAIL")


if __name__ == "__main__":
    sys.exit(main())
