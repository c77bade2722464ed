#!/usr/bin/python3
"""docs/tutorial.md shows what sgdc really prints: the tutorial is replayed.

The tutorial is followed in an empty temporary folder, section by section:

1. Every ```text block with `$ ` lines is a terminal session. Each command
   runs with bash in the session's working folder (a `cd` in a command, as in
   `mkdir my-campus && cd my-campus`, carries over to the next one), with the
   folder of --sgdc first on PATH so that `sgdc` is the binary under test, and
   standard output and standard error merged as a terminal shows them. What
   it prints must be the block's lines up to the next `$ ` line (trailing
   blanks aside); a command whose shown output has an `error[` must exit
   non-zero, any other zero.
2. The edits the tutorial asks for in words (sections 5 and 6) are the named
   steps of EDITS below, each run before the section's N-th command block.
   They take their text from the tutorial where it has one (the UPS line of
   section 5, the ```toml blocks and the `flow_per_kw` line of section 6) and
   fail when the prose they follow is gone, so a rewrite of those sections
   shows up here first.
3. docs/project.md's `$ sgdc build` blocks: the one that continues the
   tutorial must be identical to the tutorial's block; the E0901 example is
   replayed in a fresh `sgdc init` project with `[output]` as line 4 of
   sgd.toml (project.md shows no file for it).

--tutorial replays another copy of the tutorial; it exists to show that a
changed output line fails this test.
"""
import difflib
import os
import pathlib
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

TIMEOUT = 120


# --- Reading the Markdown ----------------------------------------------------

class Section:
    """One `## N. Title` section: its number (None for an unnumbered one), its
    prose (the text outside code blocks, whitespace folded), its ```toml
    blocks and its command blocks (each the list of its commands)."""

    def __init__(self, number, title):
        self.number, self.title = number, title
        self.prose, self.toml, self.commands = [], [], []

    def text(self):
        return " ".join(" ".join(self.prose).split())


class Command:
    """A `$ ` line of a ```text block and the output shown under it."""

    def __init__(self, line, command):
        self.line, self.command, self.expected = line, command, []


def read_markdown(path):
    """The sections of a Markdown file; text before the first `## ` heading is
    section 0."""
    sections = [Section(0, "")]
    fence, body, start = None, [], 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fence is None:
            opening = re.match(r"^```(\w*)\s*$", line)
            if opening:
                fence, body, start = opening.group(1), [], number
            elif line.startswith("## "):
                heading = re.match(r"^## (?:(\d+)\. )?(.*)$", line)
                sections.append(Section(int(heading.group(1)) if heading.group(1) else None,
                                        heading.group(2)))
            else:
                sections[-1].prose.append(line)
        elif line.startswith("```"):
            if fence == "toml":
                sections[-1].toml.append("\n".join(body) + "\n")
            elif fence == "text" and read_session(body, start):
                sections[-1].commands.append(read_session(body, start))
            fence = None
        else:
            body.append(line)
    return sections


def read_session(lines, fence_line):
    """The commands of a ```text block (none when it has no `$ ` line)."""
    commands = []
    for offset, line in enumerate(lines, 1):
        if line.startswith("$ "):
            commands.append(Command(fence_line + offset, line[2:]))
        elif commands:
            commands[-1].expected.append(line)
    return commands


# --- Running commands ----------------------------------------------------------

class Session:
    """A terminal in the tutorial's folder: bash commands, with `sgdc` the
    binary under test, and the working folder carried from one to the next."""

    def __init__(self, sgdc, folder):
        self.cwd = folder
        self.pwd_file = folder / ".." / "pwd"
        self.env = dict(os.environ)
        self.env["PATH"] = (str(pathlib.Path(sgdc).resolve().parent) + os.pathsep
                            + self.env.get("PATH", ""))

    def run(self, command):
        """Runs `command`; returns (exit status, what it printed)."""
        script = f'{command}\n__status=$?\npwd > "{self.pwd_file.resolve()}"\nexit $__status\n'
        # stderr=STDOUT: both streams on one pipe, in the order they were written.
        result = subprocess.run(["bash", "-c", script], cwd=self.cwd, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                timeout=TIMEOUT)
        self.cwd = pathlib.Path(self.pwd_file.read_text().strip())
        return result.returncode, result.stdout.decode("utf-8", errors="replace")


def compare(where, command, status, printed):
    """The failure messages for one command: a diff when what it printed is not
    the shown output, and a wrong exit status."""
    shown = [line.rstrip() for line in command.expected]
    real = [line.rstrip() for line in printed.splitlines()]
    failures = []
    if shown != real:
        diff = difflib.unified_diff(shown, real, "shown in the tutorial", "printed by sgdc",
                                    lineterm="")
        failures.append(f"{where}: `$ {command.command}` prints something else:\n"
                        + "\n".join(f"    {line}" for line in diff))
    must_fail = any("error[" in line for line in shown)
    if must_fail != (status != 0):
        failures.append(f"{where}: `$ {command.command}` exited with {status}, but its shown "
                        f"output {'has' if must_fail else 'has no'} error")
    return failures


# --- The edits the tutorial asks for in words ---------------------------------

class Tutorial:
    """The state the edits share: the project folder, the sections, and the
    UPS line that section 5 replaces and puts back."""

    def __init__(self, sections, session):
        self.sections = {section.number: section for section in sections}
        self.session = session
        self.ups_line = None

    def project(self):
        return self.session.cwd

    def prose(self, number, phrase):
        """Fails unless section `number` still says `phrase` (whitespace folded)."""
        if phrase not in self.sections[number].text():
            raise sgdtest.Failure(f"section {number} no longer says {phrase!r}; "
                                  f"update the edits of test_tutorial.py to the new text")

    def quoted(self, number, pattern):
        """The one `code span` of section `number`'s prose matching `pattern`."""
        found = [span for span in re.findall(r"`([^`]+)`", self.sections[number].text())
                 if re.fullmatch(pattern, span)]
        if len(found) != 1:
            raise sgdtest.Failure(f"section {number}: expected one `code` matching {pattern!r} "
                                  f"in the prose, found {found}")
        return found[0]

    def toml(self, number, index, count):
        blocks = self.sections[number].toml
        if len(blocks) != count:
            raise sgdtest.Failure(f"section {number}: expected {count} ```toml blocks, "
                                  f"found {len(blocks)}")
        return blocks[index]

    def edit(self, name, change):
        """Replaces the text of file `name` of the project by change(text)."""
        path = self.project() / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    def append(self, name, text):
        self.edit(name, lambda old: old + ("" if old.endswith("\n") else "\n") + "\n" + text)


UPS = re.compile(r"^(\s*)(ups \S+ \* auto redundancy 2N;)$", re.MULTILINE)


def break_the_ups(tutorial):
    """§5 "Change the UPS line to ... `ups power.ups_1250kw * 3 redundancy 2N;`"."""
    tutorial.prose(5, "Change the UPS line to")
    broken = tutorial.quoted(5, r"ups \S+ \* \d+ redundancy 2N;")

    def change(text):
        found = UPS.findall(text)
        if len(found) != 1:
            raise sgdtest.Failure(f"campus.sgd: expected one `ups ... * auto redundancy 2N;` "
                                  f"line, found {len(found)}")
        tutorial.ups_line = found[0][1]
        return UPS.sub(lambda match: match.group(1) + broken, text)
    tutorial.edit("campus.sgd", change)


def put_auto_back(tutorial):
    """§5 "Put `* auto` back": the UPS line as `sgdc init` wrote it."""
    tutorial.prose(5, "Put `* auto` back")
    broken = tutorial.quoted(5, r"ups \S+ \* \d+ redundancy 2N;")
    tutorial.edit("campus.sgd", lambda text: text.replace(broken, tutorial.ups_line))


def add_outputs_and_checks(tutorial):
    """§6 "Add to `sgd.toml`:" and the first ```toml block ([outputs], [checks])."""
    tutorial.prose(6, "Add to `sgd.toml`:")
    tutorial.append("sgd.toml", tutorial.toml(6, 0, 2))


def lower_the_coolant_flow(tutorial):
    """§6 "adding `flow_per_kw = 1.4 L/min/kW;` to its `cooling { }` block": the
    hall's cooling block, after its first line (`liquid_fraction = 90 %;`), as
    the diagnostic's line number (campus.sgd:48) shows."""
    tutorial.prose(6, "to its `cooling { }` block")
    flow = tutorial.quoted(6, r"flow_per_kw = [^;]+;")

    def change(text):
        lines = text.splitlines(keepends=True)
        hall = next((i for i, line in enumerate(lines) if re.match(r"\s*hall \w+ \{", line)), None)
        cooling = next((i for i in range(hall or 0, len(lines))
                        if hall is not None and re.fullmatch(r"\s*cooling \{\s*", lines[i])), None)
        if cooling is None or "liquid_fraction" not in lines[cooling + 1]:
            raise sgdtest.Failure("campus.sgd: no `cooling {` block starting with "
                                  "`liquid_fraction` in the hall")
        indent = re.match(r"\s*", lines[cooling + 1]).group(0)
        lines.insert(cooling + 2, f"{indent}{flow}\n")
        return "".join(lines)
    tutorial.edit("campus.sgd", change)


def disable_w0412(tutorial):
    """§6 "record it": the second ```toml block ([checks.disable])."""
    tutorial.prose(6, "If the CDU vendor rates the loop for that flow, record it.")
    tutorial.append("sgd.toml", tutorial.toml(6, 1, 2))


# Section number -> {N: the steps run before the section's N-th command block
# (0-based; N = the number of blocks for steps after the last one)}.
EDITS = {
    5: {0: [break_the_ups], 1: [put_auto_back]},
    6: {0: [add_outputs_and_checks, lower_the_coolant_flow], 1: [disable_w0412]},
}


# --- docs/project.md -----------------------------------------------------------

def check_project_doc(args, tutorial_name, tutorial_sections, work):
    """docs/project.md's `$ sgdc build` blocks: the E0901 one replayed, any
    other identical to a block of the tutorial."""
    doc = args.source_dir / "docs" / "project.md"
    tutorial_outputs = [command.expected for section in tutorial_sections
                        for block in section.commands for command in block
                        if command.command == "sgdc build"]
    failures, checked = [], 0
    commands = [command for section in read_markdown(doc)
                for block in section.commands for command in block]
    for command in commands:
        where = f"docs/project.md:{command.line}"
        if command.command != "sgdc build":
            failures.append(f"{where}: `$ {command.command}` is not checked; "
                            "extend test_tutorial.py")
        elif any("error[E0901]" in line for line in command.expected):
            # A fresh project whose sgd.toml has the misspelt table as line 4.
            folder = work / "project-md"
            folder.mkdir()
            session = Session(args.sgdc, folder)
            status, printed = session.run("sgdc init")
            if status != 0:
                raise sgdtest.Failure(f"sgdc init failed:\n{printed}")
            lines = (folder / "sgd.toml").read_text(encoding="utf-8").splitlines(True)
            lines.insert(3, "[output]\n")
            (folder / "sgd.toml").write_text("".join(lines), encoding="utf-8")
            status, printed = session.run(command.command)
            failures += compare(where, command, status, printed)
        elif command.expected not in tutorial_outputs:
            closest = max(tutorial_outputs, default=[], key=lambda shown: difflib.SequenceMatcher(
                None, shown, command.expected).ratio())
            diff = difflib.unified_diff(closest, command.expected, tutorial_name, where,
                                        lineterm="")
            failures.append(f"{where}: `$ sgdc build` shows an output that no `$ sgdc build` "
                            f"of the tutorial shows; against the closest:\n"
                            + "\n".join(f"    {line}" for line in diff))
        checked += 1
    if checked < 2:
        failures.append(f"docs/project.md: only {checked} `$ sgdc build` blocks found")
    return failures, checked


# --- The test -------------------------------------------------------------------

def main() -> int:
    def extra(parser):
        parser.add_argument("--tutorial", type=pathlib.Path,
                            help="the tutorial to replay (default: SOURCE_DIR/docs/tutorial.md); "
                                 "to show that a changed output fails the test")
    args = sgdtest.arguments(__doc__, extra)
    path = args.tutorial or args.source_dir / "docs" / "tutorial.md"
    name = (path.relative_to(args.source_dir).as_posix()
            if path.resolve().is_relative_to(args.source_dir.resolve()) else str(path))

    sections = read_markdown(path)
    failures, replayed = [], 0
    with tempfile.TemporaryDirectory() as temp:
        work = pathlib.Path(temp)
        (work / "tutorial").mkdir()
        tutorial = Tutorial(sections, Session(args.sgdc, work / "tutorial"))
        numbers = [section.number for section in sections]
        for number in EDITS:
            if numbers.count(number) != 1:
                sgdtest.fail(f"{name} has no single section {number}; EDITS needs it")
        try:
            for section in sections:
                blocks = section.commands
                steps = EDITS.get(section.number, {})
                if any(index > len(blocks) for index in steps):
                    raise sgdtest.Failure(f"section {section.number} has {len(blocks)} command "
                                          f"blocks; EDITS expects more")
                for index in range(len(blocks) + 1):
                    for step in steps.get(index, []):
                        step(tutorial)
                    for command in blocks[index] if index < len(blocks) else []:
                        status, printed = tutorial.session.run(command.command)
                        where = f"{name}:{command.line}, section {section.number}"
                        failures += compare(where, command, status, printed)
                        replayed += 1
            project_failures, builds = check_project_doc(args, name, sections, work)
            failures += project_failures
        except sgdtest.Failure as failure:
            failures.append(str(failure))
            builds = 0
        except subprocess.TimeoutExpired as timeout:
            failures.append(f"`{timeout.cmd}` ran for more than {TIMEOUT} s")
            builds = 0
    if replayed < 6:
        failures.append(f"{name}: only {replayed} commands found; was the tutorial moved?")
    return sgdtest.finish(failures,
                          f"ok: {replayed} commands of {name} and {builds} `sgdc build` "
                          f"blocks of docs/project.md print what they show",
                          heading=f"{name} no longer shows what sgdc prints "
                                  f"(do not edit the doc blindly: check which is right):")


if __name__ == "__main__":
    sys.exit(main())
