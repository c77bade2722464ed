#!/usr/bin/python3
"""sgdc lsp, driven by a scripted client over stdio as an editor drives it:
initialize, didOpen of a file with an error and its publishDiagnostics with
the error's range, a didChange that fixes it, hover (a hall's derived
figures, a catalog entry's attributes, an attribute's schema), definition
(template, catalog entry, zone, constant, parameter, task, import),
references, completion (catalog entries of the line's kind, attribute names
with units, units, zone names), document symbols, formatting, a "did you
mean" code action, shutdown and exit.

The project is a copy of examples/abilene: figures in the hover are that
design's (hand-worked in the example's comments: 10 pods x 17 NVL72 = 170
racks + 10 network racks = 180 per hall; 170 x 132 kW + 10 x 26 kW =
22,700 kW of IT load; UPS 22,700 / 1,250 = 18.2 -> 19 per side, 38 with 2N).
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

TIMEOUT = 60


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over pipes."""

    def __init__(self, sgdc):
        self.process = subprocess.Popen([sgdc, "lsp"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.unread = []

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise sgdtest.Failure("the server closed its output: "
                                      + self.process.stderr.read().decode())
            line = line.decode().strip()
            if not line:
                break
            name, value = line.split(":", 1)
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                if "error" in message:
                    raise sgdtest.Failure(f"{method}: {message['error']}")
                return message["result"]
            self.unread.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri):
        """The next publishDiagnostics for `uri`."""
        while True:
            for i, message in enumerate(self.unread):
                if (message.get("method") == "textDocument/publishDiagnostics"
                        and message["params"]["uri"] == uri):
                    return self.unread.pop(i)["params"]["diagnostics"]
            self.unread.append(self.receive())


def position(text, needle, offset=0):
    """The LSP position of `needle` in `text` (plus `offset` characters)."""
    at = text.index(needle) + offset
    line = text.count("\n", 0, at)
    return {"line": line, "character": at - (text.rfind("\n", 0, at) + 1)}


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures = []

    def check(condition, message):
        if not condition:
            failures.append(message)

    with tempfile.TemporaryDirectory() as work:
        project = pathlib.Path(work) / "abilene"
        shutil.copytree(args.source_dir / "examples" / "abilene", project)
        campus = project / "campus.sgd"
        halls = project / "halls.sgd"
        campus_uri, halls_uri = f"file://{campus}", f"file://{halls}"
        campus_text = campus.read_text(encoding="utf-8")
        halls_text = halls.read_text(encoding="utf-8")
        client = Client(args.sgdc)
        try:
            result = client.request("initialize", {"processId": None, "rootUri": None,
                                                   "capabilities": {}})
            capabilities = result["capabilities"]
            for provider in ("hoverProvider", "definitionProvider", "referencesProvider",
                             "documentSymbolProvider", "documentFormattingProvider"):
                check(capabilities.get(provider) is True, f"initialize: no {provider}")
            check(capabilities.get("positionEncoding") == "utf-16",
                  f"initialize: position encoding {capabilities.get('positionEncoding')}")
            client.notify("initialized", {})

            # didOpen with an error: `tier = 3` without its `;` (a line
            # comment follows, so the `;` is missing right after `3`).
            broken = campus_text.replace("tier = 3;", "tier = 3")
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": campus_uri, "languageId": "sgd", "version": 1, "text": broken}})
            diagnostics = client.diagnostics(campus_uri)
            at = position(broken, "tier = 3", len("tier = 3"))
            check(len(diagnostics) == 1 and diagnostics[0]["code"] == "E0101" and
                  diagnostics[0]["range"] == {"start": at, "end": at} and
                  diagnostics[0]["severity"] == 1,
                  f"didOpen with a missing `;`: want E0101 at {at}, got {diagnostics}")

            # didChange, incremental: insert the `;` back.
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": campus_uri, "version": 2},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": ";"}]})
            diagnostics = client.diagnostics(campus_uri)
            codes = sorted(d["code"] for d in diagnostics)
            check(codes == ["US-TX-BACKUP-DISCLOSURE", "US-TX-LARGE-LOAD"],
                  f"after the fix only the rule pack's warning and note remain: {codes}")

            # Hover: the halls of `hall h[1..halls_per_building] = gpu_hall(...)`.
            hover = client.request("textDocument/hover", {
                "textDocument": {"uri": campus_uri},
                "position": position(campus_text, "hall h[", 5)})
            text = hover["contents"]["value"] if hover else ""
            for expected in ("32 instances", "racks: 180 (170 × nvidia.gb200_nvl72, 10 × "
                             "pod_network_rack)", "GPUs: 12,240", "IT load 22.7 MW",
                             "ups power.ups_1250kw × 38 (auto, 2N: N = 19 per side)",
                             "All 32: 5,760 racks, IT load 726.4 MW"):
                check(expected in text, f"hover on hall h: no {expected!r} in {text!r}")

            hover = client.request("textDocument/hover", {
                "textDocument": {"uri": campus_uri},
                "position": position(campus_text, "gpu_rack = nvidia.gb200_nvl72", 20)})
            text = hover["contents"]["value"] if hover else ""
            for expected in ("component rack_type gb200_nvl72", "it_power = `132 kW`",
                             "gpus = `72`", "oci.nodes = `18`"):
                check(expected in text, f"hover on a catalog entry: no {expected!r} in {text!r}")

            hover = client.request("textDocument/hover", {
                "textDocument": {"uri": campus_uri},
                "position": position(campus_text, "tier = 3", 2)})
            text = hover["contents"]["value"] if hover else ""
            check("**tier** of `site`: a whole number from 1 to 4" in text,
                  f"hover on an attribute: {text!r}")

            # Definitions.
            def definition(text, needle, offset):
                return client.request("textDocument/definition", {
                    "textDocument": {"uri": campus_uri},
                    "position": position(text, needle, offset)})

            cases = [
                ("gpu_hall(", 2, halls_uri, position(halls_text, "gpu_hall(")),
                ("hall_zone = data_hall", 13, campus_uri,
                 position(campus_text, "zone data_hall", 5)),
                ("rows = pods_per_hall", 8, campus_uri, position(campus_text, "pods_per_hall")),
                ("rows = pods_per_hall", 1, halls_uri, position(halls_text, "rows: int")),
                ("before site_works", 8, campus_uri, position(campus_text, "task site_works", 5)),
                ('"halls.sgd"', 3, halls_uri, {"line": 0, "character": 0}),
                ("= ercot_345", 3, campus_uri, position(campus_text, "utility ercot_345", 8)),
            ]
            for needle, offset, uri, start in cases:
                found = definition(campus_text, needle, offset)
                check(found and found["uri"] == uri and found["range"]["start"] == start,
                      f"definition at {needle!r}: want {uri} {start}, got {found}")
            found = definition(campus_text, "chiller cooling.chiller_air_fc_500t", 18)
            check(found and found["uri"].endswith("/stdlib/catalog/cooling.sgd"),
                  f"definition of a standard catalog entry: {found}")

            # References to the zone `technical`: its declaration and every use.
            uses = client.request("textDocument/references", {
                "textDocument": {"uri": campus_uri},
                "position": position(campus_text, "zone technical", 6),
                "context": {"includeDeclaration": True}})
            check(len(uses) == campus_text.count("technical") - 0 and
                  all(u["uri"] == campus_uri for u in uses),
                  f"references to zone technical: {len(uses)} of "
                  f"{campus_text.count('technical')}: {uses}")

            # Completion, on an edited buffer of a file of the project.
            edited = halls_text.replace("    cdu cooling.cdu_1350kw * auto redundancy N+1;",
                                        "    cdu \n    flow_per_kw = 2 ")
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": halls_uri, "languageId": "sgd", "version": 1, "text": edited}})

            def labels(text, needle, offset):
                result = client.request("textDocument/completion", {
                    "textDocument": {"uri": halls_uri},
                    "position": position(text, needle, offset)})
                return {item["label"]: item.get("detail", "") for item in result["items"]}

            entries = labels(edited, "    cdu \n", 8)
            check("cooling.cdu_1350kw" in entries and
                  all(detail == "cdu" for detail in entries.values()),
                  f"completion after `cdu `: want CDUs only, got {entries}")
            units = labels(edited, "flow_per_kw = 2 ", len("flow_per_kw = 2 "))
            check(units.get("L/min/kW") == "flow per power" and "kW" in units,
                  f"completion after a number: want units, got {list(units)[:10]}")
            attributes = labels(edited, "  floor_load", 2)
            check(attributes.get("floor_load") == "an areal mass (kg/m2) of at least 0 kg/m2" and
                  "aisle_factor" in attributes and "it_power" not in attributes,
                  f"completion of a hall's attributes: {attributes}")
            zoned = campus_text.replace("    zone = campus;", "    zone = ")
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": campus_uri, "version": 3},
                "contentChanges": [{"text": zoned}]})
            result = client.request("textDocument/completion", {
                "textDocument": {"uri": campus_uri},
                "position": position(zoned, "    zone = \n", len("    zone = "))})
            zones = sorted(item["label"] for item in result["items"])
            check(zones == ["campus", "data_hall", "perimeter", "technical"],
                  f"completion of a zone: {zones}")

            # Document symbols of halls.sgd.
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": halls_uri, "version": 2},
                "contentChanges": [{"text": halls_text}]})
            symbols = client.request("textDocument/documentSymbol",
                                     {"textDocument": {"uri": halls_uri}})
            names = [(s["name"], s.get("detail")) for s in symbols]
            check(names == [("pod_network_rack", "rack_type"), ("gpu_hall", "template")],
                  f"document symbols: {names}")

            # Formatting: the whole file, as `sgdc fmt` writes it.
            messy = "zone  z{class=1;}\n"
            scratch_uri = f"file://{project}/scratch.sgd"
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": scratch_uri, "languageId": "sgd", "version": 1, "text": messy}})
            edits = client.request("textDocument/formatting", {
                "textDocument": {"uri": scratch_uri},
                "options": {"tabSize": 2, "insertSpaces": True}})
            check(edits == [{"range": {"start": {"line": 0, "character": 0},
                                       "end": {"line": 1, "character": 0}},
                             "newText": "zone z { class = 1; }\n"}],
                  f"formatting: {edits}")

            # A "did you mean" fix: `power.ups_1250kx` is E0302 at the entry
            # name, with the suggestion `power.ups_1250kw`.
            typo = ("import std.catalog.power;\nsite s {\n  building b {\n    power {\n"
                    "      ups power.ups_1250kx * auto;\n    }\n  }\n}\n")
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": scratch_uri, "version": 2},
                "contentChanges": [{"text": typo}]})
            diagnostics = client.diagnostics(scratch_uri)
            wrong = position(typo, "ups_1250kx")
            actions = client.request("textDocument/codeAction", {
                "textDocument": {"uri": scratch_uri},
                "range": {"start": wrong, "end": wrong},
                "context": {"diagnostics": diagnostics}})
            edit = (actions[0]["edit"]["changes"][scratch_uri][0]
                    if actions and "edit" in actions[0] else None)
            check(len(actions) == 1 and actions[0]["kind"] == "quickfix" and
                  edit == {"range": {"start": wrong,
                                     "end": {"line": wrong["line"],
                                             "character": wrong["character"] + 10}},
                           "newText": "ups_1250kw"},
                  f"code action for a misspelt entry: {actions}")

            check(client.request("shutdown", None) is None, "shutdown: want a null result")
            client.notify("exit", None)
            status = client.process.wait(timeout=TIMEOUT)
            check(status == 0, f"exit after shutdown: status {status}")
        except sgdtest.Failure as failure:
            failures.append(str(failure))
        finally:
            if client.process.poll() is None:
                client.process.kill()
                client.process.wait()
    return sgdtest.finish(failures, "ok: diagnostics, hover, definition, references, completion, "
                                    "symbols, formatting and code actions over stdio")


if __name__ == "__main__":
    sys.exit(main())
