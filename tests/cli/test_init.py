#!/usr/bin/python3
"""`sgdc init` + `sgdc build` works in an empty folder.

The scaffold is named after the folder, builds with no diagnostic at all, and
a second `sgdc init` refuses to overwrite the project (exit 2). An sgd.toml
with an unknown table or key is refused with its line and column (exit 2).
`sgdc init DIR` prints DIR quoted for the shell when it needs quotes, and the
project's .gitignore keeps out of git what docs/tutorial.md has sgdc write
(`out/`, `build/procurement/`): `git status` lists only the three files of
the scaffold after those builds.
"""
import pathlib
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        project = pathlib.Path(temp) / "new-site"
        project.mkdir()
        init = sgdtest.run_sgdc(sgdc, "init", cwd=project, timeout=None)
        if init.returncode != 0:
            failures.append(f"sgdc init: exit {init.returncode}\n{init.stderr}")
        if 'name = "new_site"' not in (project / "sgd.toml").read_text():
            failures.append("the project is not named after its folder (new_site)")
        build = sgdtest.run_sgdc(sgdc, "build", cwd=project, timeout=120)
        outputs = sorted(path.name for path in (project / "out").iterdir()) \
            if (project / "out").is_dir() else []
        if build.returncode != 0 or "warning" in build.stderr or "error" in build.stderr:
            failures.append(f"sgdc build: exit {build.returncode}\n{build.stderr[:2000]}")
        for expected in ("bom.csv", "bom.cdx.json", "model.json", "oci", "schedule.xml"):
            if expected not in outputs:
                failures.append(f"the build wrote no {expected} (it wrote {outputs})")
        again = sgdtest.run_sgdc(sgdc, "init", cwd=project, timeout=None)
        if again.returncode != 2 or "already exists" not in again.stderr:
            failures.append(f"a second sgdc init should refuse with exit 2, not "
                            f"{again.returncode}: {again.stderr}")
        for text, expected in (
                ('[project]\nentry = ["campus.sgd"]\nentrys = 1\n',
                 "sgd.toml:3:1: error[E0901]: [project] takes `name`, `entry` and `currency`, not `entrys`; "
                 "did you mean `entry`?"),
                ('[project]\nentry = "campus.sgd"\n[output]\ndir = "x"\n',
                 "sgd.toml:3:2: error[E0901]: sgd.toml has the tables [project], [outputs], "
                 "[prices], [fx], [oci], [checks] and [compliance], not `output`; did you mean `outputs`?"),
                ('[project]\nentry = "campus.sgd"\n[outputs]\nbom = "no"\n',
                 "sgd.toml:4:7: error[E0901]: `bom` is true (write these outputs) or false"),
                ('[project]\nentry = "campus.sgd"\n[checks.disable]\nW0412 = ""\n',
                 "sgd.toml:4:9: error[E0901]: the justification for disabling `W0412` is blank"),
                ('[project]\nentry = ["campus.sgd", "halls.sgd"]\n',
                 "sgd.toml:2:24: error[E0901]: `entry` names `halls.sgd`, which does not exist")):
            (project / "sgd.toml").write_text(text)
            bad = sgdtest.run_sgdc(sgdc, "build", cwd=project, timeout=None)
            if bad.returncode != 2 or expected not in bad.stderr:
                failures.append(f"sgd.toml {text!r}: expected exit 2 and {expected!r}, got "
                                f"{bad.returncode}: {bad.stderr}")
        failures += check_quoting_and_gitignore(sgdc, pathlib.Path(temp))
    return sgdtest.finish(failures, f"ok: sgdc init + sgdc build wrote {', '.join(outputs)}")


def check_quoting_and_gitignore(sgdc, temp):
    failures = []
    init = sgdtest.run_sgdc(sgdc, "init", "two words", cwd=temp)
    expected = ("created 'two words/sgd.toml'\ncreated 'two words/campus.sgd'\n"
                "created 'two words/.gitignore'\nnext: cd 'two words' && sgdc build\n")
    if init.returncode != 0 or init.stdout != expected:
        failures.append(f"sgdc init 'two words' printed {init.stdout!r}, expected {expected!r}")
    project = temp / "two words"
    git = sgdtest.require_program("git", "git")
    sgdtest.run_checked([git, "init", "-q"], project)
    # The builds of docs/tutorial.md: out/ (section 2) and [outputs] dir =
    # "build/procurement" (section 6, here with -o).
    for build in (["build"], ["build", "-o", "build/procurement"]):
        result = sgdtest.run_sgdc(sgdc, *build, cwd=project)
        if result.returncode != 0:
            failures.append(f"sgdc {' '.join(build)}: exit {result.returncode}\n{result.stderr}")
    status = subprocess.run([git, "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    untracked = sorted(line[3:] for line in status if line)
    if untracked != [".gitignore", "campus.sgd", "sgd.toml"]:
        failures.append(f"after the tutorial's builds git sees {untracked}, not only the "
                        "scaffold: .gitignore misses outputs")
    return failures


if __name__ == "__main__":
    sys.exit(main())
