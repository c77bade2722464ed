#!/usr/bin/python3
"""`sgdc diff --format json` follows docs/schemas/diff.schema.json.

The schema (draft 7) is checked, then every JSON expectation of
tests/golden/diff and the diff of each pair of tests/golden/diff designs in
both directions are validated with Debian's python3-jsonschema. The schema
requires every member docs/ci.md lists and nothing else, money as exact
decimal strings and counts as integers, so a renamed member or a float fails.
"""
import json
import pathlib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

jsonschema = sgdtest.require_module("jsonschema", "python3-jsonschema")

PAIRS = [("_base.sgd", "_hall_added.sgd"), ("_base.sgd", "_price_changed"),
         ("_base.sgd", "_preorder_removed.sgd"), ("_base.sgd", "_unused_preorder.sgd")]


def main() -> int:
    args = sgdtest.arguments(__doc__)
    schema = json.loads((args.source_dir / "docs" / "schemas" / "diff.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    golden = args.source_dir / "tests" / "golden"
    failures, documents = [], 0
    outputs = []
    for old, new in PAIRS:
        for a, b in ((old, new), (new, old)):
            run = sgdtest.run_sgdc(args.sgdc, "diff", "--format", "json", f"diff/{a}", f"diff/{b}",
                                   cwd=golden, timeout=120)
            if run.returncode != 1:
                failures.append(f"diff {a} {b}: exit {run.returncode}: {run.stderr}")
            outputs.append((f"diff {a} {b}", run.stdout))
    for expected in sorted((golden / "diff").glob("*_json.expected")):
        text = expected.read_text(encoding="utf-8")
        outputs.append((expected.name, text.split("--- stdout\n", 1)[1]))
    for name, text in outputs:
        try:
            document = json.loads(text)
        except ValueError as error:
            failures.append(f"{name}: not JSON: {error}")
            continue
        documents += 1
        for error in validator.iter_errors(document):
            failures.append(f"{name}: {'/'.join(map(str, error.path))}: {error.message}")
    return sgdtest.finish(failures, f"ok: {documents} diffs valid against diff.schema.json")


if __name__ == "__main__":
    sys.exit(main())
