#!/usr/bin/python3
"""Every ```sgd example in the user-facing docs checks cleanly with sgdc.

Fragments that cannot stand alone (an import of a file that is not there, an
expression that needs the design) are fenced as ```text instead. The
diagnostics reference is left out: its examples show mistakes on purpose.
"""
import pathlib
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

DOCS = ["README.md", "docs/language.md", "docs/units.md", "docs/architecture.md",
        "docs/performance.md", "stdlib/README.md"]


def main() -> int:
    args = sgdtest.arguments(__doc__)

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
                result = sgdtest.run_sgdc(args.sgdc, "check", str(example), timeout=60)
                if result.returncode != 0 or result.stderr:
                    where = document.relative_to(args.source_dir)
                    failures.append(f"{where}, sgd example {number}:\n{result.stderr}")
    if checked < 20:
        failures.append(f"only {checked} examples found; were the docs moved?")
    return sgdtest.finish(failures,
                          f"ok: {checked} sgd examples in {len(documents)} documents check cleanly")


if __name__ == "__main__":
    sys.exit(main())
