#!/usr/bin/python3
"""`sgdc build` of every example project matches its committed expectations.

Each folder examples/NAME with an sgd.toml is built with
`sgdc build --color never -o TEMP/out` from inside the folder, and compared with
tests/golden/build/NAME/:

- `result.expected`: the exit code and everything sgdc printed (diagnostics, the
  `sgdc: built …` summary and the `sgdc: wrote N files to out/` line; the
  temporary output folder is shown as `out`), in the format of run_golden.py;
- `files.expected`: one line per output file, `PATH SIZE SHA256`, so any byte
  change in any output fails;
- `bom.csv`, `schedule.csv`: the full text of the small, human-readable outputs,
  so a reviewer sees their diff.

An example whose expected exit code is not 0 (frankfurt fails its compliance
pack by design) has only `result.expected`, and must not create the output
folder. Every example is built twice; the second build must be identical to the
first (exit code, messages and every output byte).

After an intended change, rewrite the expectations and review the diff:

    /usr/bin/python3 tests/cli/test_build_examples.py --sgdc build/compiler/driver/sgdc \\
        --source-dir . --update
"""
import difflib
import hashlib
import json
import os
import pathlib
import shutil
import sys
import tempfile
from collections import Counter

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

RESULT = "result.expected"
MANIFEST = "files.expected"
TEXT_OUTPUTS = ("bom.csv", "schedule.csv")
GOLDEN = pathlib.Path("tests/golden/build")


class Build:
    """One `sgdc build` of an example into a fresh folder."""

    def __init__(self, sgdc: str, example: pathlib.Path, out: pathlib.Path):
        env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
        result = sgdtest.run_sgdc(sgdc, "build", "--color", "never", "-o", str(out),
                                  cwd=example, text=False, env=env)
        self.exit_code = result.returncode
        self.out_exists = out.exists()
        self.transcript = transcript(result.returncode, normalise(result.stdout, out),
                                     normalise(result.stderr, out))
        self.files = sgdtest.snapshot(out) if out.is_dir() else {}

    def manifest(self) -> str:
        return "".join(f"{name} {len(data)} {hashlib.sha256(data).hexdigest()}\n"
                       for name, data in sorted(self.files.items()))

    def expectations(self) -> dict:
        """Expectation file name -> its bytes."""
        expected = {RESULT: self.transcript.encode("utf-8")}
        if self.exit_code == 0:
            expected[MANIFEST] = self.manifest().encode("utf-8")
            for name in TEXT_OUTPUTS:
                if name in self.files:
                    expected[name] = self.files[name]
        return expected


def normalise(stream: bytes, out: pathlib.Path) -> str:
    return stream.decode("utf-8", errors="backslashreplace").replace(str(out), "out")


def transcript(exit_code: int, stdout: str, stderr: str) -> str:
    text = f"exit: {exit_code}\n"
    for name, stream in (("stdout", stdout), ("stderr", stderr)):
        if stream:
            text += f"--- {name}\n{stream}"
            if not stream.endswith("\n"):
                text += "\n--- (no newline at end)\n"
    return text


def diff(expected: bytes, actual: bytes, path: str) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", errors="backslashreplace").splitlines(keepends=True),
        actual.decode("utf-8", errors="backslashreplace").splitlines(keepends=True),
        fromfile=path, tofile="actual")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def tree_counts(nodes: list, times: int = 1, counts=None) -> Counter:
    """Structures per level and racks of a `nodes` tree, each node counted
    `replicas` times per replica of its parent (1 in the expanded form)."""
    counts = Counter() if counts is None else counts
    for node in nodes:
        n = times * node.get("replicas", 1)
        counts[node["level"]] += n
        counts["racks"] += n * sum(run["count"] for run in node["racks"])
        tree_counts(node["children"], n, counts)
    return counts


def list_counts(entries: list, *fields: str) -> Counter:
    """Entries of a flat list by `fields`, each counted `instances` times, and
    their `count` (equipment) weighted the same way."""
    counts = Counter()
    for entry in entries:
        times = entry.get("instances", 1)
        key = tuple(entry[field] for field in fields)
        counts[key] += times
        counts[key + ("count",)] += times * entry.get("count", 0)
    return counts


def compare_forms(instances: dict, expanded: dict) -> list[str]:
    """What differs between model.json and `--expand` once replicas are counted."""
    problems = []
    if instances["totals"] != expanded["totals"]:
        problems.append("the instances form's totals differ from the expanded form's")
    if tree_counts(instances["nodes"]) != tree_counts(expanded["nodes"]):
        problems.append("the instances form's nodes do not count up to the expanded form's: "
                        f"{tree_counts(instances['nodes'])} vs {tree_counts(expanded['nodes'])}")
    for member, fields in (("figures", ("kind", "entry")), ("rule_packs", ()),
                           ("zones", ("name",)), ("compliance", ("pack",)), ("schedules", ())):
        entries_of = (lambda model: model["figures"]["equipment"]) if member == "figures" else (
            lambda model: model[member])
        if list_counts(entries_of(instances), *fields) != list_counts(entries_of(expanded),
                                                                     *fields):
            problems.append(f"`{member}` of the instances form does not count up to the "
                            "expanded form's")
    return problems


def stored(folder: pathlib.Path) -> dict:
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def check(sgdc: str, root: pathlib.Path, example: pathlib.Path, temp: pathlib.Path,
          update: bool) -> list[str]:
    name = example.name
    first = Build(sgdc, example, temp / name / "first" / "out")
    second = Build(sgdc, example, temp / name / "second" / "out")
    failures = []
    if first.exit_code < 0 or first.exit_code > 1:
        failures.append(f"examples/{name}: sgdc crashed or failed to write (exit "
                        f"{first.exit_code})\n{first.transcript}")
    if first.exit_code != 0 and first.out_exists:
        failures.append(f"examples/{name}: the build failed (exit {first.exit_code}) "
                        "but created the output folder")
    if (second.transcript, second.files) != (first.transcript, first.files):
        changed = sorted(path for path in set(first.files) | set(second.files)
                         if first.files.get(path) != second.files.get(path))
        failures.append(f"examples/{name}: a second build is not identical to the first: "
                        f"exit {first.exit_code} then {second.exit_code}, files differ: {changed}\n"
                        + diff(first.transcript.encode(), second.transcript.encode(),
                               "first build"))

    if "model.json" in first.files:
        # docs/outputs.md: `sgdc dump model --format json` prints model.json.
        dumped = sgdtest.run_sgdc(sgdc, "dump", "model", "--format", "json", cwd=example,
                                  text=False)
        if dumped.stdout != first.files["model.json"]:
            failures.append(f"examples/{name}: `sgdc dump model --format json` differs from "
                            "model.json")
        # The expanded form writes every replica out; it must add up to the
        # instances form, which writes each range once with its count.
        expanded = sgdtest.run_sgdc(sgdc, "dump", "model", "--format", "json", "--expand",
                                    cwd=example, text=False)
        failures += [f"examples/{name}: {problem}" for problem in
                     compare_forms(json.loads(first.files["model.json"]),
                                   json.loads(expanded.stdout))]

    actual = first.expectations()
    folder = root / GOLDEN / name
    if update:
        if not failures:
            folder.mkdir(parents=True, exist_ok=True)
            for stale in set(stored(folder)) - set(actual):
                (folder / stale).unlink()
            for file_name, data in actual.items():
                (folder / file_name).write_bytes(data)
        return failures

    expected = stored(folder)
    if not expected:
        return failures + [f"no expectations for examples/{name}: run with --update "
                           f"(they go to {GOLDEN / name}/)"]
    for file_name in sorted(set(expected) | set(actual)):
        path = f"{GOLDEN / name / file_name}"
        if file_name not in actual:
            failures.append(f"examples/{name}: {path} is expected, but the build "
                            f"(exit {first.exit_code}) does not produce it")
        elif file_name not in expected:
            failures.append(f"examples/{name}: {path} is missing: run with --update")
        elif actual[file_name] != expected[file_name]:
            failures.append(f"examples/{name}: differs from {path}\n"
                            + diff(expected[file_name], actual[file_name], path))
    return failures


def main() -> int:
    args = sgdtest.arguments(__doc__, lambda parser: parser.add_argument(
        "--update", action="store_true", help=f"rewrite {GOLDEN}/ from the current builds"))
    root = args.source_dir.resolve()
    sgdc = str(pathlib.Path(args.sgdc).resolve())

    examples = sgdtest.example_projects(root)
    if not examples:
        print(f"no example projects (examples/*/sgd.toml) under {root}")
        return 1
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        for example in examples:
            failures += check(sgdc, root, example, pathlib.Path(temp), args.update)

    names = {example.name for example in examples}
    golden = root / GOLDEN
    orphans = sorted(path for path in golden.iterdir()
                     if path.is_dir() and path.name not in names) if golden.is_dir() else []
    for orphan in orphans:
        if args.update:
            shutil.rmtree(orphan)
        else:
            failures.append(f"{GOLDEN / orphan.name}/: expectations for an example that no "
                            "longer exists: run with --update")

    verb = "updated" if args.update else "ok"
    return sgdtest.finish(failures, f"{verb}: {len(examples)} example(s) built twice, identical, "
                          "as expected: " + ", ".join(example.name for example in examples))


if __name__ == "__main__":
    sys.exit(main())
