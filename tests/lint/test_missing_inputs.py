#!/usr/bin/python3
"""Every script test fails with one clear line when an input it needs is missing.

Runs each tests/*/test_*.py (but this one) and tests/golden/run_golden.py the
way ctest does, with one input taken away at a time:

- `--sgdc` names a compiler that does not exist: a test that runs the
  compiler must fail; one that never runs it (a lint test of the sources,
  which asks for `sgdc_required=False`) may pass;
- `--source-dir` is an empty folder: every test must fail;
- the golden runner is given a test input that does not exist.

A failure must be exactly one line (`test_NAME: FAIL: …`), never a Python
traceback and never a pass: a test that finds nothing to check has not
checked anything. What the scripts share for this is in tests/support/sgdtest.py
(`arguments`, `require_program`, `require_module`, `require_file`, and the
hook that turns a missing file into one line).
"""

import os
import pathlib
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return result.returncode, lines


def judge(label, returncode, lines, may_pass):
    """The failure message for one run, or None when it behaved."""
    if returncode == 0:
        return None if may_pass else f"{label}: passed although its input is missing"
    if any("Traceback" in line for line in lines):
        return f"{label}: a traceback instead of one line:\n    " + "\n    ".join(lines[-6:])
    if len(lines) != 1 or "FAIL" not in lines[0]:
        return (f"{label}: {len(lines)} lines instead of one `FAIL` line:\n    " +
                "\n    ".join(lines[:6]))
    return None


def main() -> int:
    args = sgdtest.arguments(__doc__)
    tests_dir = args.source_dir / "tests"
    scripts = sorted(path for path in tests_dir.glob("*/test_*.py")
                     if path.name != pathlib.Path(__file__).name)
    if len(scripts) < 10:
        sgdtest.fail(f"found only {len(scripts)} script tests under {tests_dir}")
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgd-missing-") as temp:
        empty = pathlib.Path(temp) / "empty"
        empty.mkdir()
        no_compiler = str(pathlib.Path(temp) / "no-such-sgdc")
        for script in scripts:
            name = script.relative_to(tests_dir).as_posix()
            uses_compiler = "sgdc_required=False" not in script.read_text(encoding="utf-8")
            code, lines = run(["/usr/bin/python3", str(script), "--sgdc", no_compiler,
                               "--source-dir", str(args.source_dir)], temp)
            if message := judge(f"{name} without a compiler", code, lines, not uses_compiler):
                failures.append(message)
            code, lines = run(["/usr/bin/python3", str(script), "--sgdc", args.sgdc,
                               "--source-dir", str(empty)], temp)
            if message := judge(f"{name} with an empty source folder", code, lines, False):
                failures.append(message)
        runner = tests_dir / "golden" / "run_golden.py"
        for label, command in (
                ("run_golden.py without a compiler",
                 ["--sgdc", no_compiler, "names/catalog_references.sgd"]),
                ("run_golden.py with a missing input",
                 ["--sgdc", args.sgdc, "names/no_such_test.sgd"])):
            code, lines = run(["/usr/bin/python3", str(runner), *command], tests_dir / "golden")
            if message := judge(label, code, lines, False):
                failures.append(message)
    return sgdtest.finish(failures, f"ok: {len(scripts)} script tests and the golden runner "
                                    "fail with one line when an input is missing")


if __name__ == "__main__":
    sys.exit(main())
