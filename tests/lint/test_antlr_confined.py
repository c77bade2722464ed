#!/usr/bin/python3
"""Checks that ANTLR stays inside the front end.

The parse tree is converted into the compiler's own AST in compiler/syntax/;
no other phase, test or tool may include an ANTLR or generated-parser header.
Only compiler/syntax/ and grammar/ are allowed to, and the differential tests
whose reference is ANTLR itself: the hand-written lexer against the lexer
ANTLR generates, the token buffer against CommonTokenStream, and the
thread's DFA simulator against the runtime's prediction.
"""
import os
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

ALLOWED = ("compiler/syntax/", "grammar/", "tests/unit/syntax/LexerDifferential.h",
           "tests/unit/syntax/TokenBufferTest.cpp", "tests/unit/syntax/ThreadDfaTest.cpp")
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
    # The build folders are pruned before they are entered, not filtered
    # after: other tests write and delete files in them while this one runs
    # (ctest -j), and a file listed then gone failed the walk.
    sources = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders
                         if name not in SKIPPED_DIRS and not name.startswith("build-")]
        sources += [pathlib.Path(folder) / name for name in files
                    if pathlib.Path(name).suffix in SOURCE_SUFFIXES]
    for path in sorted(sources):
        relative = path.relative_to(root).as_posix()
        scanned += 1
        if relative.startswith(ALLOWED):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in ANTLR_INCLUDE.finditer(text):
            line = text[: match.start()].count("\n") + 1
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
