#!/usr/bin/python3
"""The GitHub Actions workflow of docs/ci.md works.

The workflow is parsed (python3-yaml) and checked for what it promises: a
job with `security-events: write` that uploads `sgdc.sarif` with
github/codeql-action/upload-sarif, and a job with `pull-requests: write` that
posts `diff.md`. Then its "Check the design" and "Diff against the base
branch" steps run as GitHub would run them (`bash -e`, with GITHUB_WORKSPACE,
GITHUB_OUTPUT and GITHUB_BASE_REF set) in a clone whose pull-request branch
removes the transformers' preorder of tests/golden/diff/_base.sgd: the check
reports status 0 and a SARIF 2.1.0 file, and diff.md names the slip of first
power and the lead time that sets it.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def workflow(source_dir):
    text = (source_dir / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    if len(blocks) != 1:
        raise sgdtest.Failure(f"docs/ci.md has {len(blocks)} yaml blocks, not one")
    return yaml.safe_load(blocks[0])


def step(job, name):
    for candidate in job["steps"]:
        if candidate.get("name") == name:
            return candidate
    raise sgdtest.Failure(f"no step {name!r} in the workflow")


def git(cwd, *arguments):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *arguments],
                   cwd=cwd, check=True, capture_output=True)


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = pathlib.Path(args.sgdc).resolve()
    golden = args.source_dir / "tests" / "golden" / "diff"
    failures = []
    try:
        flow = workflow(args.source_dir)
        check, comment = flow["jobs"]["check"], flow["jobs"]["comment"]
        if check["permissions"].get("security-events") != "write":
            failures.append("the check job cannot upload SARIF (security-events: write)")
        uploads = [s for s in check["steps"]
                   if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
        if not uploads or uploads[0]["with"]["sarif_file"] != "sgdc.sarif":
            failures.append("the check job does not upload sgdc.sarif with upload-sarif")
        if comment["permissions"].get("pull-requests") != "write" \
                or "diff.md" not in step(comment, "Post the diff")["run"]:
            failures.append("the comment job does not post diff.md")
        check_script = step(check, "Check the design")["run"]
        diff_script = step(check, "Diff against the base branch")["run"]
    except (sgdtest.Failure, KeyError, TypeError, yaml.YAMLError) as error:
        return sgdtest.finish([f"docs/ci.md: {error}"], "")

    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        origin, workspace, home = temp / "origin", temp / "workspace", temp / "home"
        project = origin / "designs" / "ashburn"
        project.mkdir(parents=True)
        home.mkdir()
        (project / "sgd.toml").write_text('[project]\nname = "ashburn"\nentry = ["site.sgd"]\n')
        shutil.copy(golden / "_base.sgd", project / "site.sgd")
        git(origin, "init", "-q", "-b", "main")
        git(origin, "add", "-A")
        git(origin, "commit", "-qm", "base")
        git(temp, "clone", "-q", str(origin), str(workspace))
        git(workspace, "checkout", "-qb", "pull-request")
        shutil.copy(golden / "_preorder_removed.sgd",
                    workspace / "designs" / "ashburn" / "site.sgd")
        git(workspace, "commit", "-qam", "no preorder")
        output = temp / "github_output"
        env = dict(os.environ, HOME=str(home), GITHUB_WORKSPACE=str(workspace),
                   GITHUB_OUTPUT=str(output), GITHUB_BASE_REF="main",
                   DESIGN="designs/ashburn", NO_COLOR="1",
                   PATH=f"{sgdc.parent}{os.pathsep}{os.environ['PATH']}")
        for name, script in (("check", check_script), ("diff", diff_script)):
            run = subprocess.run(["bash", "-e", "-c", script], cwd=workspace, env=env,
                                 capture_output=True, text=True, timeout=300)
            if run.returncode != 0:
                failures.append(f"the {name} step failed (exit {run.returncode}):\n"
                                f"{run.stdout}{run.stderr}")
        if "status=0" not in (output.read_text() if output.exists() else ""):
            failures.append("the check step did not record status=0 in GITHUB_OUTPUT")
        try:
            sarif = json.loads((workspace / "sgdc.sarif").read_text())
            if sarif.get("version") != "2.1.0":
                failures.append(f"sgdc.sarif is SARIF {sarif.get('version')}, not 2.1.0")
        except (OSError, ValueError) as error:
            failures.append(f"sgdc.sarif: {error}")
        comment_text = (workspace / "diff.md").read_text() if (workspace / "diff.md").exists() \
            else ""
        for expected in ("| ~ | first_power | 2025-11-21 → 2027-01-15 | slips 420 days |",
                         "the lead time of power.xfmr_2500kva_12_47kv (90 weeks)"):
            if expected not in comment_text:
                failures.append(f"diff.md lacks {expected!r}:\n{comment_text}")
    return sgdtest.finish(failures, "ok: the workflow of docs/ci.md checks, keeps SARIF and "
                                    "posts a diff naming the slip")


if __name__ == "__main__":
    sys.exit(main())
