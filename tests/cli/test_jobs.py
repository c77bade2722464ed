#!/usr/bin/python3
"""`--jobs N` gives byte-identical results for any N.

Builds the flagship example, a 1 MB generated design (parsed in pieces,
so threads have work; a parser benchmark, it fails the engineering checks,
which is fine: its diagnostics must be the same too) and three files with
name errors (each file's names are checked on the threads) with --jobs 1, 2
and 8, and compares the exit code, everything printed and every output file.
"""
import pathlib
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import snapshot  # noqa: E402


def write_broken_files(folder: pathlib.Path) -> list:
    """Three files with two name errors each, found by the per-file checks
    that --jobs runs on its threads: unknown catalog entries and modules not
    imported, unknown templates and unknown zones."""
    folder.mkdir()
    texts = {
        "a.sgd": "import std.catalog.power;\n"
                 "site a { building b { ups power.ups_1250kv * 2; pdu cooling.cdu_1350kw * 1; } }\n",
        "b.sgd": "template t(n: int) { row r[1..n] { } }\n"
                 "hall h1 = tt(n = 2);\nhall h2 = u(n = 2);\n",
        "c.sgd": "zone z { class = 1; }\nsite c { zone y { class = 2; inside = q; }\n"
                 "  building b { zone = w; } }\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text)
    return sorted(texts)


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        generated = temp / "generated.sgd"
        subprocess.run(["/usr/bin/python3", str(args.source_dir / "bench" / "gen_design.py"),
                        "--size", "1MB", "--style", "commented", "--out", str(generated)],
                       check=True)
        broken = write_broken_files(temp / "broken")
        designs = [("abilene", args.source_dir / "examples" / "abilene", []),
                   ("generated 1 MB", temp, [str(generated)]),
                   ("broken files", temp / "broken", broken)]
        for name, cwd, files in designs:
            results = {}
            for jobs in (1, 2, 8):
                out = temp / f"out-{len(results)}-{name.split()[0]}"
                run = sgdtest.run_sgdc(sgdc, "build", *files, "-o", str(out), "--jobs", str(jobs),
                                       cwd=cwd, text=False)
                stderr = run.stderr.replace(str(out).encode(), b"OUT")
                results[jobs] = (run.returncode, run.stdout, stderr,
                                 snapshot(out) if out.is_dir() else {})
            if name == "abilene" and results[1][0] != 0:
                failures.append(f"{name}: the build fails\n{results[1][2].decode()[:2000]}")
            if name == "broken files":
                codes = sorted(set(re.findall(r"error\[(E\d+)\]", results[1][2].decode())))
                if codes != ["E0302", "E0312"] or results[1][2].decode().count("error[") != 6:
                    failures.append(f"{name}: expected 6 name errors (E0302, E0312) in 3 files, "
                                    f"got {codes}:\n{results[1][2].decode()[:3000]}")
            for jobs in (2, 8):
                if results[jobs] != results[1]:
                    failures.append(f"{name}: --jobs {jobs} differs from --jobs 1")
    return sgdtest.finish(failures, "ok: --jobs 1, 2 and 8 give identical builds")


if __name__ == "__main__":
    sys.exit(main())
