#!/usr/bin/python3
"""sgdc fmt: the repository's own sources are formatted, and the command
behaves as documented (docs/editors.md, "Formatting").

Formatted and checked here: every .sgd of examples/ and stdlib/, and every
```sgd block of the documents. Not formatted: tests/golden/, whose
expectations quote line and column numbers and whose inputs are often broken
on purpose (the layout is what those tests are about), and docs/diagnostics.md,
generated from compiler/diagnostics/explanations/, whose examples show mistakes
on purpose. The formatter's
properties on every .sgd of the repository, golden inputs included, are
checked by tests/unit/format.
"""
import pathlib
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

DOCUMENTS = ["README.md", "docs/*.md", "stdlib/README.md", "examples/*/README.md"]


def check(failures, condition, message):
    if not condition:
        failures.append(message)


def repository_is_formatted(args, failures):
    files = sorted(str(p) for folder in ("examples", "stdlib")
                   for p in (args.source_dir / folder).rglob("*.sgd"))
    result = sgdtest.run_sgdc(args.sgdc, "fmt", "--check", *files)
    check(failures, result.returncode == 0 and not result.stdout,
          f"not formatted (run `sgdc fmt` on them):\n{result.stdout}{result.stderr}")
    blocks = 0
    for pattern in DOCUMENTS:
        for document in sorted(args.source_dir.glob(pattern)):
            if document.name == "diagnostics.md":
                continue
            text = document.read_text(encoding="utf-8")
            for number, block in enumerate(re.findall(r"```sgd\n(.*?)```", text, re.S), 1):
                blocks += 1
                result = sgdtest.run_sgdc(args.sgdc, "fmt", "-", input=block)
                check(failures, result.returncode == 0 and result.stdout == block,
                      f"{document.relative_to(args.source_dir)}, sgd block {number} is not "
                      f"formatted; sgdc fmt writes:\n{result.stdout}{result.stderr}")
    check(failures, blocks >= 20, f"only {blocks} sgd blocks in the documents")
    return len(files), blocks


def command_behaviour(args, failures):
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        (work / "sgd.toml").write_text('[project]\nname = "t"\nentry = ["main.sgd"]\n')
        (work / "main.sgd").write_text('import "part.sgd";\nconst  a=1;\n')
        (work / "part.sgd").write_text("const b = 2;\n")
        (work / "loose.sgd").write_text("const  c=3;\n")

        result = sgdtest.run_sgdc(args.sgdc, "fmt", "--check", "-C", str(work))
        check(failures, result.returncode == 1 and result.stdout == "main.sgd\n",
              f"--check on the project: want exit 1 and main.sgd listed, got "
              f"{result.returncode}: {result.stdout!r} {result.stderr!r}")

        result = sgdtest.run_sgdc(args.sgdc, "fmt", "--diff", "-C", str(work))
        check(failures, result.returncode == 0 and result.stdout ==
              "--- a/main.sgd\n+++ b/main.sgd\n@@ -1,2 +1,2 @@\n import \"part.sgd\";\n"
              "-const  a=1;\n+const a = 1;\n",
              f"--diff: got {result.returncode}: {result.stdout!r} {result.stderr!r}")
        check(failures, (work / "main.sgd").read_text() == 'import "part.sgd";\nconst  a=1;\n',
              "--diff wrote the file")

        result = sgdtest.run_sgdc(args.sgdc, "fmt", cwd=work)
        check(failures, result.returncode == 0 and
              (work / "main.sgd").read_text() == 'import "part.sgd";\nconst a = 1;\n' and
              (work / "loose.sgd").read_text() == "const  c=3;\n",
              "fmt on the project: its entry is rewritten, a file outside it is not")
        result = sgdtest.run_sgdc(args.sgdc, "fmt", "--check", cwd=work)
        check(failures, result.returncode == 0 and not result.stdout,
              f"--check after fmt: {result.returncode} {result.stdout!r}")

        (work / "broken.sgd").write_text("site s {\n")
        result = sgdtest.run_sgdc(args.sgdc, "fmt", "broken.sgd", "loose.sgd", cwd=work)
        check(failures, result.returncode == 1 and "error[E01" in result.stderr and
              "broken.sgd has syntax errors; it was not formatted" in result.stderr and
              (work / "broken.sgd").read_text() == "site s {\n" and
              (work / "loose.sgd").read_text() == "const c = 3;\n",
              f"a file with a syntax error is reported and left, the others formatted: "
              f"{result.returncode} {result.stderr!r}")

        result = sgdtest.run_sgdc(args.sgdc, "fmt", "-", input="zone z{class=1;}")
        check(failures, result.returncode == 0 and result.stdout == "zone z { class = 1; }\n",
              f"standard input: {result.stdout!r} {result.stderr!r}")

        result = sgdtest.run_sgdc(args.sgdc, "fmt", "missing.sgd", cwd=work)
        check(failures, result.returncode == 2 and "cannot read `missing.sgd`" in result.stderr,
              f"a missing file: {result.returncode} {result.stderr!r}")

        empty = work / "empty"
        empty.mkdir()
        result = sgdtest.run_sgdc(args.sgdc, "fmt", cwd=empty)
        check(failures, result.returncode == 2 and "no sgd.toml here" in result.stderr,
              f"no files and no project: {result.returncode} {result.stderr!r}")


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures = []
    files, blocks = repository_is_formatted(args, failures)
    command_behaviour(args, failures)
    return sgdtest.finish(failures, f"ok: {files} files and {blocks} documentation blocks are "
                                    "formatted; fmt --check, --diff, -C, - and errors behave")


if __name__ == "__main__":
    sys.exit(main())
