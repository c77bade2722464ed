#!/usr/bin/python3
"""`sgdc build` writes its outputs atomically.

1. Building the flagship example fills a fresh output folder.
2. A design with errors writes nothing: the previous folder is byte-identical.
3. An I/O failure midway (the file-size limit, RLIMIT_FSIZE, makes a write
   fail after some bytes; root cannot bypass it) leaves the previous folder
   byte-identical and no temporary folder behind.
4. Two builds of the same design are byte-identical.
"""
import argparse
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile


def snapshot(folder: pathlib.Path) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def limit_file_size() -> None:
    # Writes past the limit fail with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sgdc", required=True)
    parser.add_argument("--source-dir", required=True, type=pathlib.Path)
    parser.add_argument("--shared-dir")
    args = parser.parse_args()
    example = args.source_dir / "examples" / "abilene"
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        out = pathlib.Path(temp) / "out"
        build = [args.sgdc, "build", "-o", str(out)]
        first = subprocess.run(build, cwd=example, capture_output=True, text=True, timeout=300)
        if first.returncode != 0 or not (out / "model.json").is_file():
            print(f"the example does not build: exit {first.returncode}\n{first.stderr}")
            return 1
        before = snapshot(out)

        broken = pathlib.Path(temp) / "broken.sgd"
        broken.write_text("site s { tier = 9; }\n")
        failed = subprocess.run([args.sgdc, "build", str(broken), "-o", str(out)],
                                capture_output=True, text=True, timeout=60)
        if failed.returncode != 1:
            failures.append(f"a design with errors should exit 1, not {failed.returncode}")
        if snapshot(out) != before:
            failures.append("a build with errors changed the output folder")

        midway = subprocess.run(build, cwd=example, capture_output=True, text=True,
                                timeout=300, preexec_fn=limit_file_size)
        if midway.returncode != 2 or "File too large" not in midway.stderr:
            failures.append("a build whose writes fail should exit 2 with the I/O error, not "
                            f"{midway.returncode}: {midway.stderr[:500]}")
        if snapshot(out) != before:
            failures.append("a build that failed while writing changed the output folder")
        leftovers = sorted(path.name for path in pathlib.Path(temp).iterdir()
                           if path.name.startswith("out."))
        if leftovers:
            failures.append(f"temporary folders left behind: {leftovers}")

        again = subprocess.run(build, cwd=example, capture_output=True, text=True, timeout=300)
        if again.returncode != 0 or snapshot(out) != before:
            failures.append("a second build of the same design is not byte-identical")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"ok: {len(before)} output file(s); failed builds left them untouched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
