#!/usr/bin/python3
"""How fast `sgdc lsp` re-checks a design after an edit: the time from a
didChange to the publishDiagnostics it causes, on a copy of an example
project (default examples/abilene, the edited file campus.sgd), with the
debounce turned off so that only the check is timed. Also prints the check
times the server logs itself (`window/logMessage`).

    bench/lsp_bench.py --sgdc build/compiler/driver/sgdc [--edits 200]

Each edit changes `pods_per_hall = 10` to 9 and back: the file is re-parsed,
then the whole design is checked again (names, constants, elaboration, the
engineering checks, the rules and the schedule). Results: docs/performance.md,
"Language server".
"""
import argparse
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


class Client:
    def __init__(self, sgdc):
        self.process = subprocess.Popen([sgdc, "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.logs = []

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = 0
        while True:
            line = self.process.stdout.readline().decode().strip()
            if not line:
                break
            name, value = line.split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        message = json.loads(self.process.stdout.read(length))
        if message.get("method") == "window/logMessage":
            self.logs.append(message["params"]["message"])
        return message

    def until_diagnostics(self, uri):
        while True:
            message = self.receive()
            if (message.get("method") == "textDocument/publishDiagnostics"
                    and message["params"]["uri"] == uri):
                return message


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    repository = pathlib.Path(__file__).resolve().parents[1]
    parser.add_argument("--sgdc", required=True)
    parser.add_argument("--project", type=pathlib.Path,
                        default=repository / "examples" / "abilene")
    parser.add_argument("--file", default="campus.sgd")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        project = pathlib.Path(work) / "project"
        shutil.copytree(args.project, project)
        path = project / args.file
        uri = f"file://{path}"
        text = path.read_text(encoding="utf-8")
        client = Client(args.sgdc)
        client.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}})
        client.receive()
        started = time.perf_counter()
        client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "sgd", "version": 0, "text": text}}})
        client.until_diagnostics(uri)
        first = (time.perf_counter() - started) * 1000
        line = next(i for i, l in enumerate(text.splitlines()) if "pods_per_hall = 10" in l)
        column = text.splitlines()[line].index("10")
        latencies = []
        for edit in range(1, args.edits + 1):
            value = "9 " if edit % 2 else "10"
            started = time.perf_counter()
            client.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": edit},
                "contentChanges": [{"range": {"start": {"line": line, "character": column},
                                              "end": {"line": line, "character": column + 2}},
                                    "text": value}]}})
            client.until_diagnostics(uri)
            latencies.append((time.perf_counter() - started) * 1000)
        client.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        client.send({"jsonrpc": "2.0", "method": "exit"})
        client.process.wait(timeout=60)
    checks = [float(m.group(1)) for log in client.logs
              if (m := re.search(r"in ([0-9.]+) ms", log))]
    latencies.sort()
    print(f"{args.project.name}/{args.file}: open (parse and check, standard library "
          f"included) {first:.1f} ms")
    print(f"{args.edits} edits, didChange to publishDiagnostics: median "
          f"{statistics.median(latencies):.1f} ms, p90 {latencies[int(len(latencies) * 0.9)]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms")
    print(f"server-side check: first {checks[0]:.1f} ms, then median "
          f"{statistics.median(checks[1:]):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
