#!/usr/bin/python3
"""Comments, messages and docs cite public sources or files of this repository.

A user clones the repository alone: a reference to the design brief the
project started from ("domain facts §3.2", "domain-facts.md", "output-formats.md",
"language-sketch.md", "the design brief", the brief's folder beside the clone)
points at nothing they have. Cite the
law, the standard, the datasheet or the vendor's page instead, or a file here
(stdlib/catalog/nvidia.sgd, docs/checks.md), and mark estimates [E].

Scans the sources, stdlib, examples, docs and tests (not generated outputs
such as golden .expected files, which show what the compiler prints). The
files listed in PENDING carry such references still and are cleaned by the
work on their own areas; a file leaves the list when it is clean (the test
fails while a listed file has no reference left, so the list stays true).
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

BRIEF = re.compile(r"domain[- ]facts|output-formats\.md|language-sketch|design brief|\.\./shared/|"
                   r"the brief\b", re.IGNORECASE)
SUFFIXES = {".sgd", ".md", ".cpp", ".h", ".def", ".py", ".toml", ".g4", ".cmake", ".txt"}
ROOTS = ("compiler", "stdlib", "examples", "docs", "tests", "grammar", "scripts", "bench",
         "README.md")
SKIPPED = {".expected"}
# Files whose references the work on their own area removes (none left).
PENDING: set = set()


def sources(root):
    for name in ROOTS:
        path = root / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in files:
            relative = file.relative_to(root).as_posix()
            if file.is_file() and file.suffix in SUFFIXES and file.suffix not in SKIPPED:
                if relative.startswith("tests/schemas/"):
                    continue  # the official schemas as published
                yield relative, file


def main() -> int:
    args = sgdtest.arguments(__doc__, sgdc_required=False)
    failures, scanned = [], 0
    this = pathlib.Path(__file__).resolve()
    for relative, file in sources(args.source_dir):
        if file.resolve() == this:
            continue
        scanned += 1
        text = file.read_text(encoding="utf-8", errors="replace")
        hits = [n for n, line in enumerate(text.splitlines(), 1) if BRIEF.search(line)]
        if relative in PENDING:
            if not hits:
                failures.append(f"{relative} cites no brief any more: take it off PENDING")
            continue
        for line in hits[:5]:
            failures.append(f"{relative}:{line}: cites the design brief, which a clone does not "
                            f"have: {text.splitlines()[line - 1].strip()[:120]}")
    return sgdtest.finish(failures, f"ok: {scanned} files cite public sources or the repository")


if __name__ == "__main__":
    sys.exit(main())
