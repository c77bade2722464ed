#!/usr/bin/python3
"""Checks that ANTLR stays inside the front end.

The parse tree is converted into the compiler's own AST in compiler/syntax/;
no other phase, test or tool may include an ANTLR or generated-parser header.
Only compiler/syntax/ and grammar/ are allowed to, and the differential test
of the hand-written lexer, whose reference is the lexer ANTLR generates.
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

ALLOWED = ("compiler/syntax/", "grammar/", "tests/unit/syntax/LexerDifferential.h")
# antlr4-runtime.h, antlr4/..., the generated SgdParser.h/SgdLexer.h/SgdVisitor.h...
ANTLR_INCLUDE = re.compile(
    r'^\s*#\s*include\s*[<"](antlr4-runtime\.h|antlr4[^">]*|Sgd(Parser|Lexer|Visitor|BaseVisitor)\.h)[">]',
    re.MULTILINE)
SOURCE_SUFFIXES = {".h", ".hpp", ".cpp", ".cc", ".inc", ".def"}
SKIPPED_DIRS = {".git", "build", "out"}


def main() -> int:
    args = sgdtest.arguments(__doc__, sgdc_required=False)
    root = args.source_dir.resolve()

    offenders = []
    scanned = 0
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(part in SKIPPED_DIRS or part.startswith("build-") for part in path.relative_to(root).parts):
            continue
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        scanned += 1
        if relative.startswith(ALLOWED):
            continue
        for match in ANTLR_INCLUDE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            line = path.read_text(encoding="utf-8", errors="replace")[: match.start()].count("\n") + 1
            offenders.append(f"{relative}:{line}: includes {match.group(1)}")

    # The front end's public header must not leak ANTLR to its users either.
    public_header = root / "compiler/syntax/Parser.h"
    if ANTLR_INCLUDE.search(public_header.read_text(encoding="utf-8")):
        offenders.append("compiler/syntax/Parser.h: the public parser header includes ANTLR")

    if scanned < 10:
        print(f"only {scanned} source files found under {root}; wrong --source-dir?")
        return 1
    return sgdtest.finish(offenders, f"ok: {scanned} source files scanned, ANTLR confined to "
                          f"{', '.join(ALLOWED)}",
                          heading="ANTLR headers outside compiler/syntax/ and grammar/:")


if __name__ == "__main__":
    sys.exit(main())
