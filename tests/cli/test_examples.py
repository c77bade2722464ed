#!/usr/bin/python3
"""Every example project checks cleanly.

Each folder under examples/ is a project with an sgd.toml; `sgdc check` on its
.sgd files must exit 0 and print nothing.
"""
import argparse
import pathlib
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sgdc", required=True)
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    parser.add_argument("--shared-dir")
    args = parser.parse_args()

    projects = sorted(path.parent for path in (args.source_dir / "examples").glob("*/sgd.toml"))
    folders = sorted(path for path in (args.source_dir / "examples").iterdir() if path.is_dir())
    failures = [f"{folder.name}: no sgd.toml" for folder in folders if folder not in projects]
    for project in projects:
        sources = sorted(path.name for path in project.glob("*.sgd"))
        if not sources:
            failures.append(f"{project.name}: no .sgd files")
            continue
        result = subprocess.run([args.sgdc, "check", *sources], cwd=project,
                                capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or result.stdout or result.stderr:
            failures.append(f"{project.name}: exit {result.returncode}\n{result.stderr[:3000]}")
    if not projects:
        failures.append("no example projects found")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {len(projects)} example project(s) check cleanly: "
          + ", ".join(project.name for project in projects))
    return 0


if __name__ == "__main__":
    sys.exit(main())
