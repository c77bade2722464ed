#!/usr/bin/python3
"""`sgdc build` writes its outputs atomically.

1. Building the flagship example fills a fresh output folder.
2. A design with errors writes nothing: the previous folder is byte-identical.
3. An I/O failure midway (the file-size limit, RLIMIT_FSIZE, makes a write
   fail after some bytes; root cannot bypass it) leaves the previous folder
   byte-identical and no temporary folder behind.
4. Two builds of the same design are byte-identical.
5. A folder that no build wrote (it lacks .sgdc-output: `-o src`) is never
   replaced: exit 2, the folder untouched.
"""
import pathlib
import resource
import shutil
import signal
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import snapshot  # noqa: E402


def limit_file_size() -> None:
    # Writes past the limit fail with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def main() -> int:
    args = sgdtest.arguments(__doc__)
    example = args.source_dir / "examples" / "abilene"
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        out = pathlib.Path(temp) / "out"
        build = ["build", "-o", str(out)]
        first = sgdtest.run_sgdc(args.sgdc, *build, cwd=example)
        if first.returncode != 0 or not (out / "model.json").is_file():
            print(f"the example does not build: exit {first.returncode}\n{first.stderr}")
            return 1
        before = snapshot(out)

        broken = pathlib.Path(temp) / "broken.sgd"
        broken.write_text("site s { tier = 9; }\n")
        failed = sgdtest.run_sgdc(args.sgdc, "build", str(broken), "-o", str(out), timeout=60)
        if failed.returncode != 1:
            failures.append(f"a design with errors should exit 1, not {failed.returncode}")
        if snapshot(out) != before:
            failures.append("a build with errors changed the output folder")

        midway = sgdtest.run_sgdc(args.sgdc, *build, cwd=example, preexec_fn=limit_file_size)
        if midway.returncode != 2 or "File too large" not in midway.stderr:
            failures.append("a build whose writes fail should exit 2 with the I/O error, not "
                            f"{midway.returncode}: {midway.stderr[:500]}")
        if snapshot(out) != before:
            failures.append("a build that failed while writing changed the output folder")
        leftovers = sorted(path.name for path in pathlib.Path(temp).iterdir()
                           if path.name.startswith("out."))
        if leftovers:
            failures.append(f"temporary folders left behind: {leftovers}")

        again = sgdtest.run_sgdc(args.sgdc, *build, cwd=example)
        if again.returncode != 0 or snapshot(out) != before:
            failures.append("a second build of the same design is not byte-identical")

        # A folder that no build wrote (no .sgdc-output) is never replaced.
        sources = pathlib.Path(temp) / "src"
        sources.mkdir()
        (sources / "campus.sgd").write_text("site mine { }\n")
        refused = sgdtest.run_sgdc(args.sgdc, "build", "-o", str(sources), cwd=example)
        if (refused.returncode != 2 or "was not written by sgdc" not in refused.stderr
                or sorted(p.name for p in sources.iterdir()) != ["campus.sgd"]):
            failures.append(f"-o into a folder sgdc did not write should exit 2 and leave it: "
                            f"{refused.returncode} {refused.stderr}")
    return sgdtest.finish(failures,
                          f"ok: {len(before)} output file(s); failed builds left them untouched")


if __name__ == "__main__":
    sys.exit(main())
