#!/usr/bin/python3
"""`sgdc build` shows a progress line on a terminal, only there, only for
long builds, and erases it before anything else is printed.

The line appears once a build has run for a second; SGDC_PROGRESS_DELAY_MS
lowers that delay so that a build of the flagship example (well under a
second) shows it. Standard error is a pseudo-terminal here.
1. Delay 0 on a terminal: a line "sgdc: <phase>… N s" drawn with carriage
   returns, then erased (blanked) before the build summary.
2. Delay 0 into a pipe (a CI log): no progress text at all.
3. The default delay on a terminal, for a build shorter than a second (the
   smallest example): none.
"""
import os
import pathlib
import pty
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


# "sgdc: checking the design… 0.1 s", as drawn after a carriage return.
PROGRESS = re.compile(r"\rsgdc: [^\r\n]*… \d+\.\d s")


def build_on_terminal(command: list, cwd: pathlib.Path, env: dict) -> tuple:
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=slave)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=300), output.decode("utf-8", errors="replace")


def main() -> int:
    args = sgdtest.arguments(__doc__)
    example = args.source_dir / "examples" / "abilene"
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        command = [args.sgdc, "build", "--color", "never", "-o", str(pathlib.Path(temp) / "out")]
        fast = dict(os.environ, SGDC_PROGRESS_DELAY_MS="0")

        status, shown = build_on_terminal(command, example, fast)
        if status != 0:
            failures.append(f"the build failed on a terminal (exit {status}): {shown}")
        progress = PROGRESS.findall(shown)
        if not progress:
            failures.append(f"no progress line on a terminal with delay 0: {shown!r}")
        elif not any(phase in progress[0] for phase in ("parsing", "reading", "checking",
                                                        "writing", "scheduling")):
            failures.append(f"the progress line names no phase: {progress[0]!r}")
        else:
            # After the last redraw: blanks over it, then the build's own output.
            last = list(PROGRESS.finditer(shown))[-1]
            erase = re.match(r"( *)\r +\r", shown[last.end():])
            rest = shown[last.end() + (erase.end() if erase else 0):]
            if not erase:
                failures.append(f"the progress line is not erased: {shown[last.start():]!r}")
            elif "sgdc: built " not in rest:
                failures.append(f"the summary does not follow the erased line: {rest!r}")

        piped = subprocess.run(command, cwd=example, env=fast, capture_output=True, text=True,
                               timeout=300)
        if piped.returncode != 0 or "\r" in piped.stderr or "…" in piped.stderr:
            failures.append(f"progress text in a pipe: {piped.stderr!r}")

        # The smallest example, so that a loaded CI machine still builds it
        # well under the second.
        default = {k: v for k, v in os.environ.items() if k != "SGDC_PROGRESS_DELAY_MS"}
        status, shown = build_on_terminal(command, args.source_dir / "examples" / "colo_2n",
                                          default)
        if status != 0 or "…" in shown:
            failures.append(f"a build under a second showed progress: {shown!r}")
    return sgdtest.finish(failures, f"ok: progress on a terminal ({len(progress)} redraws), "
                          "none in a pipe or a fast build")


if __name__ == "__main__":
    sys.exit(main())
