#!/usr/bin/python3
"""docs/compliance.md lists every rule of the standard library's packs, as the code has it.

The rule tables are generated from stdlib/compliance/ by
scripts/update-compliance-docs.py (run it after editing a pack). This test
regenerates them in memory and compares them with the file, then asks sgdc to
explain every rule id of the packs in force, so that the ids the tables show
are the ones the compiler derives. A rule-id row written by hand outside the
generated tables must name one of those ids too.
"""
import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def main() -> int:
    args = sgdtest.arguments(__doc__)

    generator, failure = sgdtest.generated_doc_differs(
        args.source_dir, "update-compliance-docs.py", "stdlib/compliance/")
    if failure:
        print(failure)
        return 1

    packs = generator.load_packs(args.source_dir)
    ids = [rule["id"] for pack in packs for rule in pack["rules"]]
    if len(packs) < 10 or len(ids) < 30:
        print(f"only {len(packs)} packs and {len(ids)} rules read; were the packs moved?")
        return 1
    failures = []
    doc = (args.source_dir / "docs" / "compliance.md").read_text(encoding="utf-8")
    outside = re.sub(r"<!-- BEGIN GENERATED RULES -->.*<!-- END GENERATED RULES -->", "", doc,
                     flags=re.S)
    for row_id in re.findall(r"^\| `([A-Z0-9-]+)` \|", outside, flags=re.M):
        if row_id not in ids:
            failures.append(f"docs/compliance.md: `{row_id}` is no rule id of the packs")
    for pack in packs:
        if not pack["version"] or not pack["effective"]:
            failures.append(f"{pack['file']}: the pack states no version or effective date")
        for version in pack["versions"]:
            if version["name"] != pack["name"] or not version["version"]:
                failures.append(f"{version['file']}: not a version of `{pack['name']}`")
    for rule_id in ids:
        result = subprocess.run([str(args.sgdc), "explain", rule_id], capture_output=True,
                                text=True, timeout=60)
        if result.returncode != 0 or not result.stdout.startswith(rule_id + " ("):
            failures.append(f"sgdc explain {rule_id}: exit {result.returncode}: "
                            f"{result.stdout[:200]}{result.stderr[:200]}")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {len(ids)} rules of {len(packs)} packs documented, as sgdc names them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
