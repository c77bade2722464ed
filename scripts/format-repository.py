#!/usr/bin/python3
"""Formats the repository's own designs with `sgdc fmt`: every .sgd of
examples/ and stdlib/, and every ```sgd block of the documents (README.md,
docs/*.md except docs/diagnostics.md, whose examples show mistakes on
purpose, stdlib/README.md, examples/*/README.md). tests/cli/test_fmt.py
checks the same set. tests/golden/ is left alone: its expectations quote
line and column numbers.

    scripts/format-repository.py --sgdc build/compiler/driver/sgdc

Moving lines of examples/ and stdlib/ moves the positions that goldens quote:
run `make golden-update` and the --update of tests/cli/test_build_examples.py
and test_bom_outputs.py afterwards, and check that only positions changed.
"""
import argparse
import pathlib
import re
import subprocess
import sys

DOCUMENTS = ["README.md", "docs/*.md", "stdlib/README.md", "examples/*/README.md"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sgdc", required=True)
    root = pathlib.Path(__file__).resolve().parents[1]
    args = parser.parse_args()
    files = sorted(str(p) for folder in ("examples", "stdlib") for p in (root / folder).rglob("*.sgd"))
    status = subprocess.run([args.sgdc, "fmt", *files]).returncode
    for pattern in DOCUMENTS:
        for document in sorted(root.glob(pattern)):
            if document.name == "diagnostics.md":
                continue
            text = document.read_text(encoding="utf-8")

            def formatted(match):
                nonlocal status
                result = subprocess.run([args.sgdc, "fmt", "-"], input=match.group(1),
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    print(f"{document}: a block does not parse:\n{result.stderr}", file=sys.stderr)
                    status = 1
                    return match.group(0)
                return "```sgd\n" + result.stdout + "```"

            new = re.sub(r"```sgd\n(.*?)```", formatted, text, flags=re.S)
            if new != text:
                document.write_text(new, encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
