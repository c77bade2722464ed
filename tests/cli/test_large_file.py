#!/usr/bin/python3
"""A 1 MB design parses cleanly, and an error near its end is found exactly.

The design is generated here (explicit racks, no ranges) so the repository
does not carry a megabyte of test input.
"""
import pathlib
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

TARGET_BYTES = 1 << 20


def design(with_error: bool) -> tuple[str, int]:
    """Returns the text and the 1-based line of the injected error."""
    lines = ["// Generated: a 1 MB explicit design.", "import std.catalog.nvidia;", "site big {"]
    building = 0
    while sum(len(line) + 1 for line in lines) < TARGET_BYTES:
        building += 1
        lines.append(f"  building b{building} {{")
        lines.append(f"    hall h1 {{ area = 4000 m2; floor_load = 2000 kg/m2;")
        for row in range(1, 9):
            lines.append(f"      row r{row} {{")
            for rack in range(1, 13):
                lines.append(f"        rack k{rack} : nvidia.gb200_nvl72;")
            lines.append("      }")
        lines.append("    }")
        lines.append("  }")
    error_line = 0
    if with_error:
        lines.insert(len(lines) - 3, "        rack broken : ;")
        error_line = len(lines) - 3
    lines.append("}")
    return "\n".join(lines) + "\n", error_line


def run(sgdc: str, path: pathlib.Path) -> subprocess.CompletedProcess:
    return sgdtest.run_sgdc(sgdc, "check", path.name, cwd=path.parent)


def main() -> int:
    args = sgdtest.arguments(__doc__)

    with tempfile.TemporaryDirectory() as tmp:
        clean_path = pathlib.Path(tmp) / "big.sgd"
        text, _ = design(with_error=False)
        clean_path.write_text(text, encoding="utf-8")
        size = clean_path.stat().st_size
        if size < TARGET_BYTES:
            print(f"generated only {size} bytes")
            return 1
        clean = run(args.sgdc, clean_path)
        if clean.returncode != 0 or clean.stderr:
            print(f"clean 1 MB design: exit {clean.returncode}\n{clean.stderr[:2000]}")
            return 1

        broken_path = pathlib.Path(tmp) / "broken.sgd"
        text, line = design(with_error=True)
        broken_path.write_text(text, encoding="utf-8")
        broken = run(args.sgdc, broken_path)
        expected = (f"broken.sgd:{line}:23: error[E0109]: expected a value after `:`, "
                    "found `;`")
        first_line = broken.stderr.splitlines()[0] if broken.stderr else ""
        if broken.returncode != 1 or first_line != expected or "1 error generated." not in broken.stderr:
            print(f"broken design: exit {broken.returncode}\nexpected: {expected}\n"
                  f"got:\n{broken.stderr[:2000]}")
            return 1
    print(f"ok: {size} bytes parsed cleanly; error at line {line} reported exactly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
