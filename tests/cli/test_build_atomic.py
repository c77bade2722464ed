#!/usr/bin/python3
"""`sgdc build` writes its outputs atomically.

1. Building the flagship example fills a fresh output folder.
2. A design with errors writes nothing: the previous folder is byte-identical.
3. An I/O failure midway (the file-size limit, RLIMIT_FSIZE, makes a write
   fail after some bytes; root cannot bypass it) leaves the previous folder
   byte-identical and no temporary folder behind. The failing build is of
   another example, so that it has new bytes to write.
4. Two builds of the same design are byte-identical, and the second carries
   each unchanged file over: the same inode and modification time. As every
   file is unchanged, it leaves the folder itself as it is (the same folder
   and marker: nothing staged, nothing swapped).
5. What is carried over is only what nothing could tell from a new file: a
   file with the same size but another byte, a file with a second hard link
   (the designer's `ln out/bom.csv keep.csv`), a file whose permissions were
   changed and a symbolic link to an identical file are each written anew
   (a new inode, a regular file with a new file's mode, the right bytes),
   and the designer's other link keeps its bytes.
6. A folder that no build wrote (it lacks .sgdc-output: `-o src`) is never
   replaced: exit 2, the folder untouched.
"""
import os
import pathlib
import resource
import shutil
import signal
import stat
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

        midway = sgdtest.run_sgdc(args.sgdc, *build, cwd=args.source_dir / "examples" / "colo_2n",
                                  preexec_fn=limit_file_size)
        if midway.returncode != 2 or "File too large" not in midway.stderr:
            failures.append("a build whose writes fail should exit 2 with the I/O error, not "
                            f"{midway.returncode}: {midway.stderr[:500]}")
        if snapshot(out) != before:
            failures.append("a build that failed while writing changed the output folder")
        leftovers = sorted(path.name for path in pathlib.Path(temp).iterdir()
                           if path.name.startswith("out."))
        if leftovers:
            failures.append(f"temporary folders left behind: {leftovers}")

        def identities() -> dict:
            return {name: (os.lstat(out / name).st_ino, os.lstat(out / name).st_mtime_ns)
                    for name in before}

        built = identities()
        folder = os.lstat(out).st_ino
        again = sgdtest.run_sgdc(args.sgdc, *build, cwd=example)
        if again.returncode != 0 or snapshot(out) != before:
            failures.append("a second build of the same design is not byte-identical")
        carried = identities()
        changed = sorted(name for name in before
                         if name != ".sgdc-output" and carried[name] != built[name])
        if changed:
            failures.append(f"a rebuild wrote unchanged files anew: {changed}")
        if os.lstat(out).st_ino != folder or carried[".sgdc-output"] != built[".sgdc-output"]:
            failures.append("a rebuild that changed nothing swapped the output folder")

        # Four files the rebuild must not carry over, each for its own reason.
        flipped = bytearray(before["bom.csv"])
        flipped[-2] = ord("0") if flipped[-2] != ord("0") else ord("1")
        (out / "bom.csv").write_bytes(bytes(flipped))
        keep = pathlib.Path(temp) / "keep.json"
        os.link(out / "bom.json", keep)
        os.chmod(out / "capex.csv", 0o600)
        elsewhere = pathlib.Path(temp) / "opex.csv"
        elsewhere.write_bytes(before["opex.csv"])
        (out / "opex.csv").unlink()
        (out / "opex.csv").symlink_to(elsewhere)
        modes = {name: os.lstat(out / name).st_mode for name in before}
        marked = identities()
        third = sgdtest.run_sgdc(args.sgdc, *build, cwd=example)
        if third.returncode != 0 or snapshot(out) != before:
            failures.append(f"a rebuild over altered outputs is not byte-identical: "
                            f"{third.returncode} {third.stderr[-300:]}")
        fresh = identities()
        for name in ("bom.csv", "bom.json", "capex.csv", "opex.csv"):
            status = os.lstat(out / name)
            if fresh[name][0] == marked[name][0] or not stat.S_ISREG(status.st_mode):
                failures.append(f"{name} was carried over, not written anew")
            if stat.S_IMODE(status.st_mode) != stat.S_IMODE(modes["bom.cdx.json"]):
                failures.append(f"{name} has mode {oct(status.st_mode)}, not a new file's")
        if fresh["bom.cdx.json"] != marked["bom.cdx.json"]:
            failures.append("bom.cdx.json, unchanged, was written anew")
        if keep.read_bytes() != before["bom.json"] or os.stat(keep).st_nlink != 1:
            failures.append("the designer's link to bom.json lost its bytes or still shares them")

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
