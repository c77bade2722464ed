#!/usr/bin/python3
"""`sgdc diff REV REV` compares two git revisions of the project.

A repository with a project in a subfolder gets two commits: the design of
tests/golden/diff/_base.sgd, then the same without its transformer preorder
(tests/golden/diff/_preorder_removed.sgd). From the project's folder,
`sgdc diff HEAD~1 HEAD` must print what the folder diff of the two designs
prints (first power slips 420 days, set by the transformers' lead time) and
exit 1; `HEAD HEAD` exits 0; `HEAD .` compares the last commit with the
working tree. The checkouts go to the temporary folder and are removed:
TMPDIR is empty afterwards, and nothing is written in the repository.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

SLIP = "~ first_power  2025-11-21 → 2027-01-15  (slips 420 days)"
DRIVER = ("set by the lead time of power.xfmr_2500kva_12_47kv (90 weeks): "
          "ordered 2025-01-06, delivered 2026-09-25")


def git(repo, *arguments):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *arguments],
                   cwd=repo, check=True, capture_output=True)


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    golden = args.source_dir / "tests" / "golden" / "diff"
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        repo = pathlib.Path(temp) / "repo"
        project = repo / "designs" / "ashburn"
        project.mkdir(parents=True)
        scratch = pathlib.Path(temp) / "tmp"
        scratch.mkdir()
        env = dict(os.environ, TMPDIR=str(scratch), NO_COLOR="1")
        git(repo, "init", "-q")
        (project / "sgd.toml").write_text('[project]\nname = "ashburn"\nentry = ["site.sgd"]\n')
        shutil.copy(golden / "_base.sgd", project / "site.sgd")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "base")
        shutil.copy(golden / "_preorder_removed.sgd", project / "site.sgd")
        git(repo, "commit", "-qam", "preorder removed")

        def diff(*sides, cwd=project):
            return subprocess.run([sgdc, "diff", *sides], cwd=cwd, env=env, capture_output=True,
                                  text=True, timeout=120)

        revisions = diff("HEAD~1", "HEAD")
        if revisions.returncode != 1 or SLIP not in revisions.stdout \
                or DRIVER not in revisions.stdout:
            failures.append(f"diff HEAD~1 HEAD: exit {revisions.returncode}, expected 1 with "
                            f"{SLIP!r} and {DRIVER!r}:\n{revisions.stdout}{revisions.stderr}")
        files = subprocess.run([sgdc, "diff", str(golden / "_base.sgd"),
                                str(golden / "_preorder_removed.sgd")],
                               env=env, capture_output=True, text=True, timeout=120)
        body = lambda text: text.split("\n", 1)[1]  # noqa: E731 (after the labels)
        if body(revisions.stdout) != body(files.stdout):
            failures.append("diff HEAD~1 HEAD differs from the diff of the two files:\n"
                            f"{revisions.stdout}\n---\n{files.stdout}")
        as_json = diff("--format", "json", "HEAD~1", "HEAD")
        try:
            data = json.loads(as_json.stdout)
            milestone = data["sites"][0]["milestones"][0]
            if (milestone["name"], milestone["slip_days"]) != ("first_power", 420):
                failures.append(f"JSON: the first milestone is {milestone}")
        except (ValueError, KeyError, IndexError) as error:
            failures.append(f"diff --format json HEAD~1 HEAD: {error}\n{as_json.stdout[:500]}")
        same = diff("HEAD", "HEAD")
        if same.returncode != 0 or "no changes" not in same.stdout:
            failures.append(f"diff HEAD HEAD: exit {same.returncode}: {same.stdout}{same.stderr}")
        shutil.copy(golden / "_base.sgd", project / "site.sgd")
        working = diff("HEAD", ".")
        if working.returncode != 1 or "(420 days earlier)" not in working.stdout:
            failures.append(f"diff HEAD . (the preorder back in the working tree): exit "
                            f"{working.returncode}:\n{working.stdout}{working.stderr}")
        outside = diff("HEAD~1", "HEAD", cwd=repo)
        if outside.returncode != 2 or "no sgd.toml" not in outside.stderr:
            failures.append(f"diff HEAD~1 HEAD at the repository's top, which has no project: "
                            f"exit {outside.returncode}: {outside.stderr}")
        left = sorted(path.name for path in scratch.iterdir())
        if left:
            failures.append(f"the checkouts were left in TMPDIR: {left}")
        status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True,
                                text=True).stdout
        if status.strip() != "M designs/ashburn/site.sgd":
            failures.append(f"the repository changed: git status says {status!r}")
    return sgdtest.finish(failures, "ok: sgdc diff HEAD~1 HEAD names the slip and its driver")


if __name__ == "__main__":
    sys.exit(main())
