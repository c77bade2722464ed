#!/usr/bin/python3
"""Every example project checks cleanly, except for its compliance rules.

Each folder under examples/ is a project with an sgd.toml; `sgdc check` on its
.sgd files must exit 0 and print nothing but the rule diagnostics listed in
EXPECTED_RULES (the rule packs of its site, issue 5): exactly those, by id.
frankfurt is meant to fail the German pack (PUE and ERF) and exits 1; its
stated design PUE is below the one its plant reaches (W0470).
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

# project -> (exit code, the ids of the diagnostics it prints, sorted)
EXPECTED_RULES = {
    "abilene": (0, ["US-TX-BACKUP-DISCLOSURE", "US-TX-LARGE-LOAD"]),
    "argentina": (0, ["AR-DATA-TRANSFER", "AR-RIGI"]),
    "frankfurt": (1, ["DE-ENEFG-ERF", "DE-ENEFG-INFORMATION", "DE-ENEFG-PUE",
                      "EU-EED-REPORTING", "W0470"]),
    "uae": (0, ["AE-DATA-TRANSFER"]),
}

DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: (?:error|warning|note)\[([\w-]+)\]", re.MULTILINE)


def main() -> int:
    args = sgdtest.arguments(__doc__)

    projects = sgdtest.example_projects(args.source_dir)
    folders = sorted(path for path in (args.source_dir / "examples").iterdir() if path.is_dir())
    failures = [f"{folder.name}: no sgd.toml" for folder in folders if folder not in projects]
    for project in projects:
        sources = sgdtest.design_files(project)
        if not sources:
            failures.append(f"{project.name}: no .sgd files")
            continue
        result = sgdtest.run_sgdc(args.sgdc, "check", *sources, cwd=project, timeout=120)
        exit_code, rules = EXPECTED_RULES.get(project.name, (0, []))
        printed = sorted(DIAGNOSTIC.findall(result.stderr))
        if result.returncode != exit_code or result.stdout or printed != rules:
            failures.append(f"{project.name}: exit {result.returncode} (expected {exit_code}), "
                            f"diagnostics {printed} (expected {rules})\n{result.stderr[:3000]}")
    return sgdtest.finish(failures, f"ok: {len(projects)} example project(s) check cleanly: "
                          + ", ".join(project.name for project in projects))


if __name__ == "__main__":
    sys.exit(main())
