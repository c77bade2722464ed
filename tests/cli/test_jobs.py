#!/usr/bin/python3
"""`--jobs N` gives byte-identical results for any N.

Builds the flagship example and a 1 MB generated design (parsed in pieces,
so threads have work; a parser benchmark, it fails the engineering checks,
which is fine: its diagnostics must be the same too) with --jobs 1, 2 and 8,
and compares the exit code, everything printed and every output file.
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile


def snapshot(folder: pathlib.Path) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sgdc", required=True)
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    parser.add_argument("--shared-dir")
    args = parser.parse_args()
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        temp = pathlib.Path(temp)
        generated = temp / "generated.sgd"
        subprocess.run(["/usr/bin/python3", str(args.source_dir / "bench" / "gen_design.py"),
                        "--size", "1MB", "--style", "commented", "--out", str(generated)],
                       check=True)
        designs = [("abilene", args.source_dir / "examples" / "abilene", []),
                   ("generated 1 MB", temp, [str(generated)])]
        for name, cwd, files in designs:
            results = {}
            for jobs in (1, 2, 8):
                out = temp / f"out-{len(results)}-{name.split()[0]}"
                run = subprocess.run([sgdc, "build", *files, "-o", str(out), "--jobs", str(jobs)],
                                     cwd=cwd, capture_output=True, timeout=300)
                stderr = run.stderr.replace(str(out).encode(), b"OUT")
                results[jobs] = (run.returncode, run.stdout, stderr,
                                 snapshot(out) if out.is_dir() else {})
            if name == "abilene" and results[1][0] != 0:
                failures.append(f"{name}: the build fails\n{results[1][2].decode()[:2000]}")
            for jobs in (2, 8):
                if results[jobs] != results[1]:
                    failures.append(f"{name}: --jobs {jobs} differs from --jobs 1")
    if failures:
        print("\n".join(failures))
        return 1
    print("ok: --jobs 1, 2 and 8 give identical builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
