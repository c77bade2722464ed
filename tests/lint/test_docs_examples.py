#!/usr/bin/python3
"""Every ```sgd example in the user-facing docs checks cleanly with sgdc.

Fragments that cannot stand alone (an import of a file that is not there, an
expression that needs the design) are fenced as ```text instead. The
diagnostics reference is left out: its examples show mistakes on purpose.
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

DOCS = ["README.md", "docs/language.md", "docs/units.md", "docs/architecture.md",
        "docs/performance.md", "stdlib/README.md"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sgdc", required=True)
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    parser.add_argument("--shared-dir")
    args = parser.parse_args()

    documents = [args.source_dir / doc for doc in DOCS]
    documents += sorted(args.source_dir.glob("examples/*/README.md"))
    failures, checked = [], 0
    with tempfile.TemporaryDirectory() as work:
        for document in documents:
            text = document.read_text(encoding="utf-8")
            for number, block in enumerate(re.findall(r"```sgd\n(.*?)```", text, re.S), 1):
                example = pathlib.Path(work) / f"example{checked}.sgd"
                example.write_text(block, encoding="utf-8")
                checked += 1
                result = subprocess.run([args.sgdc, "check", str(example)],
                                        capture_output=True, text=True, timeout=60)
                if result.returncode != 0 or result.stderr:
                    where = document.relative_to(args.source_dir)
                    failures.append(f"{where}, sgd example {number}:\n{result.stderr}")
    if checked < 20:
        failures.append(f"only {checked} examples found; were the docs moved?")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {checked} sgd examples in {len(documents)} documents check cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
