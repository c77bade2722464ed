#!/usr/bin/python3
"""sgd.toml's [outputs] and [checks] drive `sgdc build` and `sgdc check`.

1. `[outputs] dir` moves the output folder (relative to sgd.toml) and
   `oci = false`, `schedule = false`, `oneline = false` leave those
   backends out: exactly model.json and the three BOM files are written,
   and `-o` still wins.
2. `[outputs]` that turns every output off is E0901 (exit 2).
3. `sgdc check` with no files checks the project, and `-C DIR` runs it,
   `build`, `schedule`, `rules` and `dump model` in another folder.
4. `[checks] deny-warnings` fails a build with a warning; disabling the
   warning with a justification lets it build, and the summary names it.
5. `schedule = false` still checks the schedule (E0801).
"""
import pathlib
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

HEADER = '[project]\nname = "p"\nentry = ["campus.sgd"]\n'

OCI = '[oci]\nregion = "us-ashburn-1"\n'

# 4 liquid-cooled racks with coolant flow below the guideline: W0412.
WARNING_DESIGN = """import std.catalog.nvidia;
hall h1 {
  row r1 { rack k[1..4] : nvidia.gb200_nvl72; }
  cooling { flow_per_kw = 1.4 L/min/kW; }
}
"""


def files_under(folder: pathlib.Path) -> list:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = args.sgdc
    failures = []

    def run(*command, cwd):
        return sgdtest.run_sgdc(sgdc, *command, cwd=cwd, timeout=120)

    with tempfile.TemporaryDirectory() as temp:
        project = pathlib.Path(temp) / "p"
        created = run("init", str(project), cwd=temp)
        if created.returncode != 0:
            print(f"sgdc init failed: {created.stderr}")
            return 1

        (project / "sgd.toml").write_text(
            HEADER + '[outputs]\ndir = "build/site"\noci = false\nschedule = false\n'
            'oneline = false\n')
        built = run("build", cwd=project)
        written = files_under(project / "build" / "site")
        expected = [".sgdc-output", "bom.cdx.json", "bom.csv", "bom.json", "capex.csv",
                    "model.json", "opex.csv"]
        if built.returncode != 0 or written != expected:
            failures.append(f"[outputs]: expected {expected} in build/site, got {written} "
                            f"(exit {built.returncode}): {built.stderr}")
        if "wrote 6 files to build/site/" not in built.stderr:
            failures.append(f"[outputs]: the summary should name build/site: {built.stderr}")
        if (project / "out").exists():
            failures.append("[outputs] dir: out/ was written too")
        overridden = run("build", "-o", "elsewhere", cwd=project)
        if overridden.returncode != 0 or files_under(project / "elsewhere") != expected:
            failures.append(f"-o should override [outputs] dir: {overridden.stderr}")

        (project / "sgd.toml").write_text(
            HEADER + '[outputs]\nmodel = false\nbom = false\noci = false\nschedule = false\n'
            'oneline = false\n')
        nothing = run("build", cwd=project)
        if nothing.returncode != 2 or "error[E0901]" not in nothing.stderr:
            failures.append(f"every output off should be E0901 and exit 2: "
                            f"{nothing.returncode} {nothing.stderr}")

        (project / "sgd.toml").write_text(HEADER)
        checked = run("check", "-C", str(project), cwd=temp)
        if checked.returncode != 0 or checked.stderr:
            failures.append(f"check -C DIR on a clean project: {checked.returncode} "
                            f"{checked.stderr}")
        elsewhere = run("build", "-C", str(project), "-o", "from_c", cwd=temp)
        if elsewhere.returncode != 0 or not (project / "from_c" / "model.json").is_file():
            failures.append(f"build -C DIR should build into DIR/from_c: {elsewhere.stderr}")
        for command, shows in (("schedule", "Construction schedule:"), ("rules", "site p:"),
                               ("dump", "design: 1 site")):
            words = [command, "model"] if command == "dump" else [command]
            shown = run(*words, "-C", str(project), cwd=temp)
            if shown.returncode != 0 or shows not in shown.stdout:
                failures.append(f"{' '.join(words)} -C DIR should work on the project: "
                                f"{shown.returncode} {shown.stdout[:300]} {shown.stderr}")
        lonely = run("check", cwd=temp)
        if lonely.returncode != 2 or "no sgd.toml here" not in lonely.stderr:
            failures.append(f"check without files or sgd.toml should exit 2: {lonely.stderr}")

        (project / "campus.sgd").write_text(WARNING_DESIGN)
        (project / "sgd.toml").write_text(HEADER + OCI + "[checks]\ndeny-warnings = true\n")
        denied = run("build", "-o", "denied", cwd=project)
        if (denied.returncode != 1 or "error[W0412]" not in denied.stderr
                or (project / "denied").exists()):
            failures.append(f"deny-warnings should fail the build on W0412: "
                            f"{denied.returncode} {denied.stderr}")
        (project / "sgd.toml").write_text(
            HEADER + OCI + '[checks]\ndeny-warnings = true\n[checks.disable]\n'
            'W0412 = "CDU rated for 1.4 L/min/kW (datasheet rev C)"\n')
        waived = run("build", "-o", "waived", cwd=project)
        line = "sgdc: disabled W0412 (1 diagnostic): CDU rated for 1.4 L/min/kW (datasheet rev C)"
        if waived.returncode != 0 or line not in waived.stderr or "W0412]" in waived.stderr:
            failures.append(f"a disabled W0412 should build and be named in the summary: "
                            f"{waived.returncode} {waived.stderr}")

        # The schedule is part of the design: a build that writes no schedule
        # still reports a link to a task that does not exist.
        (project / "campus.sgd").write_text(
            "site s {\n  building b1 { hall h1 { area = 100 m2; } }\n"
            "  schedule { start = 2025-01-01; task t { duration = 1 weeks; after b1.enrgise; } }\n}\n")
        (project / "sgd.toml").write_text(HEADER + "[outputs]\nschedule = false\n")
        unscheduled = run("build", "-o", "unscheduled", cwd=project)
        if unscheduled.returncode != 1 or "error[E0801]" not in unscheduled.stderr:
            failures.append(f"schedule = false should still report E0801: "
                            f"{unscheduled.returncode} {unscheduled.stderr}")
    return sgdtest.finish(failures,
                          "ok: [outputs] and [checks] of sgd.toml, check in project mode, -C")


if __name__ == "__main__":
    sys.exit(main())
