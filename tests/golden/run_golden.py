#!/usr/bin/python3
"""Golden-file tests for the sgdc command line.

Each test is an input `NAME.sgd` with its expectation `NAME.expected` beside
it. The first lines of the input may say how to run it:

    // RUN: dump ast %s
    // RUN: check --format sarif %s

(`%s` is the input's path; without a RUN line the command is `check %s`.)
The expectation holds the exit code and what sgdc printed:

    exit: 1
    --- stdout
    ...
    --- stderr
    ...

Names start with `fail_` exactly when sgdc must report errors (exit 1);
`sgdc diff`, which exits 1 when the designs differ, is exempt.
Inputs whose name starts with `_` are helpers of other tests, not tests.

Run from tests/golden:
    run_golden.py --sgdc BUILD/compiler/driver/sgdc [FILE.sgd ...]
Regenerate expectations after an intended change (then review the diff):
    run_golden.py --sgdc BUILD/compiler/driver/sgdc --update
or `make golden-update` at the repository root.
"""
import argparse
import difflib
import os
import pathlib
import shlex
import subprocess
import sys

RUN_PREFIX = "// RUN:"


def command_for(test: pathlib.Path) -> list[str]:
    with test.open("rb") as source:
        head = source.read(4096).decode("utf-8", errors="replace")
    for line in head.splitlines():
        if line.startswith(RUN_PREFIX):
            arguments = line[len(RUN_PREFIX):].strip()
            return [part.replace("%s", test.as_posix()) for part in shlex.split(arguments)]
    return ["check", test.as_posix()]


def run(sgdc: str, test: pathlib.Path) -> str:
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    result = subprocess.run([sgdc, *command_for(test)], capture_output=True, env=env,
                            timeout=120)
    text = f"exit: {result.returncode}\n"
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        if stream:
            decoded = stream.decode("utf-8", errors="backslashreplace")
            text += f"--- {name}\n{decoded}"
            if not decoded.endswith("\n"):
                text += "\n--- (no newline at end)\n"
    return text


def check_one(sgdc: str, test: pathlib.Path, update: bool) -> bool:
    actual = run(sgdc, test)
    exit_code = int(actual.split("\n", 1)[0].split()[1])
    expects_errors = test.name.startswith("fail_")
    # `sgdc diff` exits 1 when the designs differ, which is no error.
    differs = command_for(test)[:1] == ["diff"]
    if not differs and expects_errors != (exit_code == 1):
        print(f"FAIL {test}: exit code {exit_code}, but the name "
              f"{'starts' if expects_errors else 'does not start'} with `fail_`")
        return False
    expected_path = test.with_suffix(".expected")
    if update:
        expected_path.write_text(actual, encoding="utf-8")
        return True
    if not expected_path.exists():
        print(f"FAIL {test}: no {expected_path.name}; run with --update and review it")
        return False
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        print(f"FAIL {test}: output differs from {expected_path.name}")
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=str(expected_path), tofile="actual"))
        return False
    return True


def all_tests() -> list[pathlib.Path]:
    return sorted(path for path in pathlib.Path(".").rglob("*.sgd")
                  if not path.name.startswith("_"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", required=True, help="path to the sgdc binary")
    parser.add_argument("--update", action="store_true",
                        help="rewrite the .expected files from the current output")
    parser.add_argument("tests", nargs="*", type=pathlib.Path)
    args = parser.parse_args()
    # A missing compiler or input fails with one line, not a traceback per test.
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    if not os.path.isfile(sgdc) or not os.access(sgdc, os.X_OK):
        sys.exit(f"run_golden: FAIL: the compiler (--sgdc) {args.sgdc} is missing or not executable")
    missing = [str(test) for test in args.tests if not test.is_file()]
    if missing:
        sys.exit(f"run_golden: FAIL: no test input {', '.join(missing)} in {os.getcwd()}")
    tests = args.tests or all_tests()
    if not tests:
        sys.exit(f"run_golden: FAIL: no golden tests (*.sgd) under {os.getcwd()}")
    failed = [test for test in tests if not check_one(sgdc, test, args.update)]
    if args.update:
        print(f"updated {len(tests) - len(failed)} expectation(s)")
    print(f"{len(tests) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
