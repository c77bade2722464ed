#!/usr/bin/python3
"""Shell completion (editors/shell: bash, zsh) and the man page
(docs/man/sgdc.1) know every subcommand and option that `sgdc --help`
lists; the bash completion completes subcommands, options and their values;
`cmake --install` puts sgdc, its standard library, the completions and the
man page where shells and man look for them.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

COMMANDS = ["check", "build", "schedule", "diff", "dump ast", "dump model", "rules", "init",
            "explain", "fmt", "lsp"]


def options_of(sgdc, command):
    """The options `sgdc COMMAND --help` lists: `-C,--directory` gives both."""
    result = sgdtest.run_sgdc(sgdc, *command.split(), "--help")
    return sorted({option for line in result.stdout.splitlines() if line.lstrip().startswith("-")
                   for option in re.findall(r"--?[A-Za-z][\w-]*", line.split()[0])})


def bash_complete(script, words):
    """What the bash completion offers for `words` (the last one being typed)."""
    line = " ".join(words)
    program = (f"source {script}\nCOMP_WORDS=({' '.join(repr(w) for w in words)})\n"
               f"COMP_CWORD={len(words) - 1}\nCOMP_LINE={line!r}\nCOMP_POINT={len(line)}\n"
               "_sgdc\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    result = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True)
    return sorted(filter(None, result.stdout.splitlines()))


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures = []
    bash = args.source_dir / "editors" / "shell" / "sgdc.bash"
    zsh = args.source_dir / "editors" / "shell" / "_sgdc"
    man = args.source_dir / "docs" / "man" / "sgdc.1"
    texts = {path.name: path.read_text(encoding="utf-8") for path in (bash, zsh, man)}
    man_text = texts["sgdc.1"].replace("\\-", "-")
    checked = 0
    for command in COMMANDS:
        for name, text in texts.items():
            if command.split()[-1] not in text:
                failures.append(f"{name} does not know the command `{command}`")
        for option in options_of(args.sgdc, command):
            if option in ("-h", "--help"):
                continue
            checked += 1
            for name, text in (("sgdc.bash", texts["sgdc.bash"]), ("_sgdc", texts["_sgdc"]),
                               ("sgdc.1", man_text)):
                if not re.search(re.escape(option) + r"(?![\w-])", text):
                    failures.append(f"{name} does not know `sgdc {command} {option}`")
    if checked < 40:
        failures.append(f"only {checked} options found in `sgdc --help`")

    cases = [
        (["sgdc", "f"], ["fmt"]),
        (["sgdc", "fmt", "--c"], ["--check", "--color"]),
        (["sgdc", "check", "--format", ""], ["json", "sarif", "text"]),
        (["sgdc", "schedule", "--emit", "m"], ["mermaid", "mspdi"]),
        (["sgdc", "dump", ""], ["ast", "model"]),
        (["sgdc", "dump", "model", "--format", ""], ["json", "text"]),
        (["sgdc", "build", "--bom"], ["--bom-detail"]),
    ]
    for words, expected in cases:
        got = bash_complete(bash, words)
        if got != expected:
            failures.append(f"bash completion of {' '.join(words)!r}: {got}, want {expected}")
    if shutil.which("zsh"):
        result = subprocess.run(["zsh", "-n", str(zsh)], capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"_sgdc is not valid zsh: {result.stderr}")
    if shutil.which("groff"):
        result = subprocess.run(["groff", "-man", "-ww", "-z", str(man)], capture_output=True,
                                text=True)
        if result.returncode != 0 or result.stderr:
            failures.append(f"sgdc.1: groff warns: {result.stderr}")

    build = pathlib.Path(args.sgdc).resolve().parents[2]
    with tempfile.TemporaryDirectory() as prefix:
        result = subprocess.run(["cmake", "--install", str(build), "--prefix", prefix],
                                capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"cmake --install: {result.stdout}{result.stderr}")
        for installed in ("bin/sgdc", "share/bash-completion/completions/sgdc",
                          "share/zsh/site-functions/_sgdc", "share/man/man1/sgdc.1",
                          "share/sgdc/stdlib/catalog/power.sgd"):
            if not (pathlib.Path(prefix) / installed).is_file():
                failures.append(f"cmake --install did not install {installed}")
        installed = pathlib.Path(prefix) / "bin" / "sgdc"
        if installed.is_file():
            result = subprocess.run([str(installed), "check",
                                     str(args.source_dir / "examples" / "abilene" / "campus.sgd")],
                                    capture_output=True, text=True, env={**os.environ})
            if result.returncode != 0:
                failures.append(f"the installed sgdc does not find its standard library: "
                                f"{result.stderr[:300]}")
    return sgdtest.finish(failures, f"ok: {checked} options of {len(COMMANDS)} commands in bash, "
                                    "zsh and the man page; completion and install work")


if __name__ == "__main__":
    sys.exit(main())
