#!/usr/bin/python3
"""README's command-line synopsis lists every option of every command.

Reads the first ```text block under "## Command line" in README.md: each
line that starts with `sgdc` opens a command (`sgdc dump model …`), indented
lines continue it. For every command of `sgdc --help` (and of `sgdc dump
--help`) the options its own `--help` lists, but `--help`, must appear in the
synopsis, long or short (`-o` for `--output`); and every option the synopsis
shows must exist. A command missing from the synopsis fails too.
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

OPTION = re.compile(r"^  (?:(-\w),)?(--[\w-]+)|^  (-\w)\b", re.M)


def help_text(sgdc, *command):
    result = sgdtest.run_sgdc(sgdc, *command, "--help")
    if result.returncode != 0:
        sgdtest.fail(f"`sgdc {' '.join(command)} --help` exited with {result.returncode}")
    return result.stdout


def section(text, title):
    match = re.search(rf"^{title}:\n(.*?)(?:\n\S|\Z)", text, re.S | re.M)
    return match.group(1) if match else ""


def commands_of(text):
    return re.findall(r"^  (\w+)\s", section(text, "Subcommands"), re.M)


def options_of(text):
    """{long: short or None} of the Options section, without --help."""
    found = {}
    for short, long, lone_short in OPTION.findall(section(text, "Options")):
        if long and long != "--help":
            found[long] = short or None
        elif lone_short:
            found[lone_short] = None
    return found


def synopsis(readme):
    text = readme.read_text(encoding="utf-8")
    part = text.split("## Command line", 1)
    block = re.search(r"```text\n(.*?)```", part[1], re.S) if len(part) == 2 else None
    if not block:
        sgdtest.fail(f"{readme.name} has no ```text block under \"## Command line\"")
    lines = {}
    current = None
    for line in block.group(1).splitlines():
        if line.startswith("sgdc"):
            current = line
            lines[current] = line
        elif current and line.startswith(" "):
            lines[current] += " " + line.strip()
    return list(lines.values())


def main() -> int:
    args = sgdtest.arguments(__doc__)
    entries = synopsis(args.source_dir / "README.md")
    top = help_text(args.sgdc)
    paths = []
    for command in commands_of(top):
        nested = commands_of(help_text(args.sgdc, command))
        paths += [(command, sub) for sub in nested] if nested else [(command,)]
    failures = []
    for path in paths:
        name = " ".join(path)
        entry = next((line for line in entries
                      if re.match(rf"sgdc {re.escape(name)}(\s|$)", line)), None)
        if entry is None:
            failures.append(f"README's synopsis has no line for `sgdc {name}`")
            continue
        options = options_of(help_text(args.sgdc, *path))
        written = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", entry))
        for long, short in options.items():
            if long not in written and (short is None or short not in written):
                failures.append(f"`sgdc {name}`: README's synopsis lacks {long}"
                                + (f" ({short})" if short else ""))
        known = set(options) | {short for short in options.values() if short}
        for option in sorted(written - known):
            failures.append(f"`sgdc {name}`: README's synopsis shows {option}, which "
                            f"`sgdc {name} --help` does not list")
    if not any(line.startswith("sgdc --version") for line in entries):
        failures.append("README's synopsis has no line for `sgdc --version`")
    return sgdtest.finish(failures, f"ok: README's synopsis lists every option of "
                                    f"{len(paths)} commands")


if __name__ == "__main__":
    sys.exit(main())
