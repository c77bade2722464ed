"""Helpers shared by the script tests, tests/<group>/test_*.py.

tests/CMakeLists.txt registers every tests/*/test_*.py as a ctest test and runs
it with Debian's python3 as

    /usr/bin/python3 tests/GROUP/test_NAME.py --sgdc BIN --source-dir REPO

This module holds what those scripts have in common: that command line, the
end of a test (print the failures and exit 1, or one "ok" line and exit 0),
running sgdc, the list of example projects and the files of a folder. It is
not a test itself: it lives in tests/support/ and is not named test_*.py, so
the glob in tests/CMakeLists.txt does not pick it up.

A script imports it by path, relative to its own file, so that it works the
same under ctest and when run by hand from any folder:

    import pathlib
    import sys

    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
    import sgdtest  # noqa: E402

Keep it small: only what several scripts really share belongs here; a
script's own checks and messages stay in the script.
"""

import argparse
import difflib
import importlib
import importlib.util
import os
import pathlib
import shlex
import shutil
import subprocess
import sys


class Failure(Exception):
    """One failed check, with its message; caught by the test to go on."""


def arguments(description=None, extra=None, *, sgdc_required=True):
    """The parsed command line: --sgdc (a str, made absolute) and --source-dir
    (a pathlib.Path), as ctest passes them.

    `description` is shown by --help as written (e.g. the module's __doc__).
    `extra`, when given, is called with the parser to add the script's own
    options (such as --update). Lint tests that do not run the compiler pass
    sgdc_required=False.
    """
    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", required=sgdc_required, help="the compiler binary")
    parser.add_argument("--source-dir", required=True, type=pathlib.Path,
                        help="the repository root")
    if extra is not None:
        extra(parser)
    args = parser.parse_args()
    # What every script reads: stop on a missing one with one line, before
    # anything else fails on it with a traceback.
    if not (args.source_dir / "CMakeLists.txt").is_file() or not (args.source_dir / "tests").is_dir():
        fail(f"--source-dir {args.source_dir} is not an sgdc checkout (no CMakeLists.txt and tests/)")
    if sgdc_required:
        require_executable(args.sgdc, "the compiler (--sgdc)")
        # Absolute, so that it runs the same from any working folder.
        args.sgdc = os.path.abspath(args.sgdc)
    return args


def require_executable(path, what):
    """Stops the test with one line unless `path` is an executable file."""
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        fail(f"{what} {path} is missing or not executable")


def require_program(name, package):
    """The full path of the program `name` on PATH; stops the test with one line
    naming the Debian `package` that provides it when there is none."""
    path = shutil.which(name)
    if path is None:
        fail(f"`{name}` is not installed (Debian package {package}; scripts/install-deps.sh "
             "installs it)")
    return path


def require_module(name, package):
    """Imports the Python module `name`; stops the test with one line naming the
    Debian `package` that provides it when it cannot be imported."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        fail(f"the Python module `{name}` cannot be imported ({error}); install Debian's "
             f"{package} (scripts/install-deps.sh) and run the test with /usr/bin/python3")


def require_file(path, what):
    """Stops the test with one line unless `path` is a file."""
    if not pathlib.Path(path).is_file():
        fail(f"{what} {path} is missing")
    return pathlib.Path(path)


def finish(failures, ok_message, heading=None) -> int:
    """The end of a test: prints the failures (after `heading`, if any) and
    returns 1, or prints `ok_message` and returns 0. Use as
    `return sgdtest.finish(failures, f"ok: ...")` from main()."""
    if failures:
        print("\n".join([heading, *failures] if heading is not None else failures))
        return 1
    print(ok_message)
    return 0


def generated_doc_differs(source_dir, script, source):
    """Loads the doc generator scripts/SCRIPT (it has DOC and expected_doc()),
    regenerates its doc in memory and compares it with the file. Returns
    (generator, failure): failure is None when the file is up to date, else
    the start of the diff and what to run; `source` names what the doc is
    generated from, for that message."""
    path = pathlib.Path(source_dir) / "scripts" / script
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    try:
        expected = generator.expected_doc(pathlib.Path(source_dir))
    except ValueError as error:
        return generator, f"cannot generate {generator.DOC}: {error}"
    actual = (pathlib.Path(source_dir) / generator.DOC).read_text(encoding="utf-8")
    if actual == expected:
        return generator, None
    diff = difflib.unified_diff(actual.splitlines(keepends=True), expected.splitlines(keepends=True),
                                f"{generator.DOC} (now)", f"{generator.DOC} (generated)")
    return generator, ("".join(list(diff)[:80]) +
                       f"{generator.DOC} is out of date with {source}; run scripts/{script}")


def schema_file(source_dir, relative):
    """The path of tests/schemas/RELATIVE (an official schema kept in the
    repository, tests/schemas/NOTICE); stops the test with one line when it is
    missing, so a broken checkout fails loudly instead of skipping."""
    path = pathlib.Path(source_dir) / "tests" / "schemas" / relative
    if not path.is_file():
        fail(f"the schema tests/schemas/{relative} is missing from the checkout ({path})")
    return path


def fail(message):
    """Stops the test at once: exits non-zero with "test_NAME: FAIL: message"."""
    sys.exit(f"{pathlib.Path(sys.argv[0]).stem}: FAIL: {message}")


def _missing_input_hook(kind, error, trace):
    """A file or program that a test needs and does not find ends the test
    with one line, not a traceback; any other exception is a bug in the test
    and keeps its traceback."""
    if isinstance(error, (FileNotFoundError, NotADirectoryError, PermissionError)):
        # The innermost line of the tests' own code, not of subprocess.py.
        tests = pathlib.Path(__file__).resolve().parents[1]
        place, where = "", trace
        while where is not None:
            source = pathlib.Path(where.tb_frame.f_code.co_filename).resolve()
            if source.is_relative_to(tests):
                place = f" (at {source.relative_to(tests).as_posix()}:{where.tb_lineno})"
            where = where.tb_next
        print(f"{pathlib.Path(sys.argv[0]).stem}: FAIL: missing input: {error}{place}",
              file=sys.stderr)
        sys.exit(1)
    sys.__excepthook__(kind, error, trace)


sys.excepthook = _missing_input_hook


def run_sgdc(sgdc, *arguments, cwd=None, timeout=300, text=True, **options):
    """`sgdc ARGUMENTS` in `cwd`, its output captured (as text unless text=False);
    further keyword options go to subprocess.run."""
    return subprocess.run([sgdc, *arguments], cwd=cwd, capture_output=True, text=text,
                          timeout=timeout, **options)


def run_checked(command, cwd, timeout=300):
    """Runs `command` in `cwd` with its output captured as text; raises Failure,
    with the command and its standard error, when it exits non-zero."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise Failure(f"`{shlex.join(command)}` in {cwd} exited with {result.returncode}:\n"
                      f"{result.stderr}")
    return result


def example_projects(source_dir, exclude=()):
    """The example projects, sorted: every folder examples/NAME with an sgd.toml,
    but those whose NAME is in `exclude`. None at all stops the test with one
    line: a test over the examples must not pass by checking nothing."""
    projects = sorted(path.parent for path in (source_dir / "examples").glob("*/sgd.toml")
                      if path.parent.name not in exclude)
    if not projects:
        fail(f"no example projects (examples/*/sgd.toml) under {source_dir}")
    return projects


def design_files(folder):
    """The names of the .sgd files directly in `folder`, sorted."""
    return sorted(path.name for path in folder.glob("*.sgd"))


def snapshot(folder) -> dict:
    """Every file below `folder`: its path relative to `folder` -> its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}
