#!/usr/bin/python3
"""`make install` installs a working sgdc with its standard library.

`make install PREFIX=DIR` runs `cmake --install BUILD --prefix DIR` (checked
with `make -n`, which prints the commands without running them). This test
runs that command on the build tree of the compiler under test into a
temporary prefix, then uses the installed `DIR/bin/sgdc`, which must find its
standard library in `DIR/share/sgdc/stdlib` (not in the build tree):

- every file of stdlib/ is installed as a copy (the country map, the OCI
  regions and the `sgdc init` scaffold included, not only the .sgd files);
- the man page and the shell completions are installed where man, bash and
  zsh look for them (share/man/man1/sgdc.1, share/bash-completion/
  completions/sgdc, share/zsh/site-functions/_sgdc), as copies of docs/man/
  and editors/shell/;
- `sgdc build` of examples/colo_2n writes the same files, byte for byte, as
  the sgdc of the build tree;
- `sgdc init` + `sgdc build` of a new project works.
"""
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import Failure  # noqa: E402

EXAMPLE = "colo_2n"


def build_tree(sgdc):
    """The CMake build folder that holds `sgdc`: the nearest with a CMakeCache.txt."""
    for folder in pathlib.Path(sgdc).resolve().parents:
        if (folder / "CMakeCache.txt").is_file():
            return folder
    sgdtest.fail(f"{sgdc} is not inside a CMake build folder (no CMakeCache.txt above it)")


def check_makefile(source_dir, build):
    """`make install` calls `cmake --install` with the build folder and PREFIX."""
    dry = sgdtest.run_checked(["make", "-n", "-C", str(source_dir), "install",
                               f"BUILD_DIR={build}", "PREFIX=/opt/sgdc-test"], source_dir)
    wanted = f"cmake --install {build} --prefix /opt/sgdc-test"
    if wanted not in dry.stdout:
        raise Failure(f"`make -n install` does not run `{wanted}`:\n{dry.stdout}")


def check_stdlib(source_dir, prefix):
    installed = prefix / "share" / "sgdc" / "stdlib"
    failures = []
    for source in sorted((source_dir / "stdlib").rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(source_dir / "stdlib")
        copy = installed / relative
        if not copy.is_file() or copy.is_symlink():
            failures.append(f"share/sgdc/stdlib/{relative.as_posix()} is not installed as a file")
        elif copy.read_bytes() != source.read_bytes():
            failures.append(f"share/sgdc/stdlib/{relative.as_posix()} differs from stdlib/")
    return failures


# Installed path under the prefix -> its source in the repository.
EXTRA_FILES = {
    "share/man/man1/sgdc.1": "docs/man/sgdc.1",
    "share/bash-completion/completions/sgdc": "editors/shell/sgdc.bash",
    "share/zsh/site-functions/_sgdc": "editors/shell/_sgdc",
}


def check_extra_files(source_dir, prefix):
    failures = []
    for installed, source in EXTRA_FILES.items():
        copy = prefix / installed
        if not copy.is_file():
            failures.append(f"{installed} is not installed")
        elif copy.read_bytes() != (source_dir / source).read_bytes():
            failures.append(f"{installed} differs from {source}")
    return failures


def outputs(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def main() -> int:
    args = sgdtest.arguments(__doc__)
    sgdtest.require_program("cmake", "cmake")
    sgdtest.require_program("make", "make")
    build = build_tree(args.sgdc)
    failures = []
    with tempfile.TemporaryDirectory(prefix="sgd-install-") as temp:
        work = pathlib.Path(temp)
        prefix = work / "prefix"
        try:
            check_makefile(args.source_dir, build)
            sgdtest.run_checked(["cmake", "--install", str(build), "--prefix", str(prefix)], work)
        except Failure as error:
            sgdtest.fail(str(error))
        installed = prefix / "bin" / "sgdc"
        sgdtest.require_executable(str(installed), "the installed compiler")
        failures += check_stdlib(args.source_dir, prefix)
        failures += check_extra_files(args.source_dir, prefix)

        # The installed sgdc uses the installed stdlib: with the source tree's
        # stdlib out of reach (a copy of the example, run from elsewhere).
        example = work / EXAMPLE
        shutil.copytree(args.source_dir / "examples" / EXAMPLE, example)
        for sgdc, out in ((str(installed), work / "out-installed"), (args.sgdc, work / "out-tree")):
            result = sgdtest.run_sgdc(sgdc, "build", "--color", "never", "-o", str(out),
                                      cwd=example)
            if result.returncode != 0:
                failures.append(f"`{sgdc} build` of {EXAMPLE}: exit {result.returncode}\n"
                                f"{result.stderr[:2000]}")
        if not failures and outputs(work / "out-installed") != outputs(work / "out-tree"):
            failures.append(f"the installed sgdc builds {EXAMPLE} differently from the build "
                            "tree's sgdc")

        project = work / "new project"
        init = sgdtest.run_sgdc(str(installed), "init", str(project), cwd=work)
        build_new = sgdtest.run_sgdc(str(installed), "build", cwd=project)
        if init.returncode != 0 or build_new.returncode != 0:
            failures.append(f"the installed `sgdc init` + `sgdc build`: exit {init.returncode}, "
                            f"{build_new.returncode}\n{init.stderr}{build_new.stderr[:2000]}")
        count = len(outputs(work / "out-installed")) if (work / "out-installed").is_dir() else 0
    return sgdtest.finish(failures, "ok: installed into a prefix with its man page and "
                                    f"completions; the installed sgdc builds {EXAMPLE} "
                                    f"({count} files, as the build tree's) and a new project")


if __name__ == "__main__":
    sys.exit(main())
