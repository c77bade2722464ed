#!/usr/bin/python3
"""Every registered diagnostic code is exercised by at least one golden test.

Codes come from compiler/diagnostics/DiagnosticCodes.def; a golden test covers
a code when its .expected output shows it (`error[E0101]`, `warning[W0001]`,
or `"code": "E0101"` in JSON).
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def main() -> int:
    args = sgdtest.arguments(__doc__, sgdc_required=False)

    registry = args.source_dir / "compiler/diagnostics/DiagnosticCodes.def"
    codes = re.findall(r"^DIAGNOSTIC\((\w+),", registry.read_text(), re.MULTILINE)
    if len(codes) < 10:
        print(f"only {len(codes)} codes read from {registry}")
        return 1
    seen = set()
    for expected in (args.source_dir / "tests/golden").rglob("*.expected"):
        text = expected.read_text(encoding="utf-8", errors="replace")
        seen.update(re.findall(r"\b(?:error|warning|note)\[(\w+)\]", text))
        seen.update(re.findall(r'"code": "(\w+)"', text))
    missing = [code for code in codes if code not in seen]
    if missing:
        print("codes no golden test exercises: " + ", ".join(missing))
        return 1
    print(f"ok: all {len(codes)} codes appear in golden expectations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
