#!/usr/bin/python3
"""docs/language.md §13 (the attribute reference) matches compiler/sema/Attributes.def.

Runs scripts/update-attribute-docs.py in memory and compares its output with the
file; after editing the schema table, run that script to fix a failure.
"""
import pathlib
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def main() -> int:
    args = sgdtest.arguments(__doc__, sgdc_required=False)

    generator, failure = sgdtest.generated_doc_differs(
        args.source_dir, "update-attribute-docs.py", "compiler/sema/Attributes.def")
    if failure:
        print(failure)
        return 1

    owners, attributes = generator.parse_table(
        (args.source_dir / generator.TABLE).read_text(encoding="utf-8"))
    if len(owners) < 20 or len(attributes) < 100:
        print(f"only {len(owners)} owners and {len(attributes)} attributes read; "
              "was the table moved?")
        return 1
    print(f"ok: {len(attributes)} attributes of {len(owners)} owners documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
