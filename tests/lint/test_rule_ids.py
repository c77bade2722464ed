#!/usr/bin/python3
"""The rule ids of docs/compliance.md are the ones sgdc reports.

A designer who reads `JP-PUE-NEW` in a diagnostic looks it up in
docs/compliance.md, and one who waives a rule copies its id from there: the
tables must use the ids the compiler gives. For every id in the first column
of a table of docs/compliance.md, `sgdc explain ID` must know it and name the
rule and pack it belongs to (the pack is the one of the table's `## \\`pack\\``
heading); and every rule of every pack in stdlib/compliance/*.sgd must have
its row, so a new rule cannot go undocumented.
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

HEADING = re.compile(r"^## `([a-z0-9_]+)`")
ROW_ID = re.compile(r"^\| `([A-Z0-9-]+)` \|")
EXPLAINED = re.compile(r"rule `([a-z0-9_]+)` of pack `([a-z0-9_]+)`")
RULESET = re.compile(r"^ruleset\s+([a-z0-9_]+)\b", re.MULTILINE)
RULE = re.compile(r"^\s*rule\s+([a-z0-9_]+)\s*$", re.MULTILINE)


def documented_ids(doc):
    """(line number, pack heading or None, id) for each table row of the doc."""
    pack = None
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
        heading = HEADING.match(line)
        if heading:
            pack = heading.group(1)
        row = ROW_ID.match(line)
        if row:
            yield number, pack, row.group(1)


def stdlib_rules(source_dir):
    """{(pack, rule)} declared by the rule packs of the standard library."""
    rules = set()
    for pack_file in sorted((source_dir / "stdlib" / "compliance").glob("*.sgd")):
        text = pack_file.read_text(encoding="utf-8")
        packs = RULESET.findall(text)
        if len(packs) != 1:
            sgdtest.fail(f"{pack_file}: expected one `ruleset`, found {len(packs)}")
        rules |= {(packs[0], rule) for rule in RULE.findall(text)}
    return rules


def main() -> int:
    args = sgdtest.arguments(__doc__)
    doc = args.source_dir / "docs" / "compliance.md"
    sgdtest.require_file(doc, "the compliance reference")
    failures, documented = [], set()
    for number, pack, rule_id in documented_ids(doc):
        where = f"docs/compliance.md:{number}: `{rule_id}`"
        result = sgdtest.run_sgdc(args.sgdc, "explain", rule_id)
        explained = EXPLAINED.search(result.stdout)
        if result.returncode != 0 or not explained:
            failures.append(f"{where} is no rule id sgdc knows (`sgdc explain {rule_id}`: "
                            f"exit {result.returncode}, {result.stderr.strip()[:200]})")
            continue
        rule, rule_pack = explained.groups()
        if rule_pack != pack:
            failures.append(f"{where} is rule `{rule}` of pack `{rule_pack}`, listed under "
                            f"the heading of pack `{pack}`")
        documented.add((rule_pack, rule))
    declared = stdlib_rules(args.source_dir)
    if not declared:
        sgdtest.fail("stdlib/compliance/ declares no rule: is this an sgdc checkout?")
    for pack, rule in sorted(declared - documented):
        failures.append(f"rule `{rule}` of pack `{pack}` (stdlib/compliance/) has no row in "
                        "docs/compliance.md")
    return sgdtest.finish(failures, f"ok: the {len(documented)} rule ids of docs/compliance.md "
                                    f"are sgdc's, and cover the {len(declared)} rules of the "
                                    "packs")


if __name__ == "__main__":
    sys.exit(main())
