#!/usr/bin/python3
"""Checks that `sgdc check --format sarif` writes a valid SARIF 2.1.0 log.

Compiles two broken designs (several syntax errors; bytes that are not UTF-8),
validates the log against the official SARIF 2.1.0 schema (tests/schemas/sarif) with Debian's
python3-jsonschema, and checks what code-scanning services rely on beyond the
schema: every result names a rule of the run, and every region has lines and
columns. A project's `[checks.disable]` shows as a result's `suppressions`.

What GitHub code scanning needs to place results on files: every URI is
relative, under a base id of `run.originalUriBaseIds`: a design file's is
relative to the repository root (`%SRCROOT%`: the top of the git work tree,
`--sarif-root DIR`, else the working folder), never absolute and never
relative to `-C DIR`; a standard library file's is relative to the library
(`SGDC_STDLIB`). Every result has a `partialFingerprints` entry, unique in the
run, and the whole log is byte-identical across two runs and in a copy of the
repository at another path. Run by ctest with /usr/bin/python3; exits non-zero
with a message on the first failure.
"""

import json
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

jsonschema = sgdtest.require_module("jsonschema", "python3-jsonschema")

# File name -> content. The space in a name checks that URIs are encoded.
DESIGNS = {
    "syntax errors.sgd": (
        'site s {\n'
        '  tier = 3\n'
        '  pue = ;\n'
        '  country = "US;\n'
        '  city = "Zürich – 東京"; supply_water = 30 °C;\n'
        '}\n'
        '}\n'
    ).encode("utf-8"),
    # `ü` in Windows-1252: one byte that UTF-8 does not allow.
    "latin1.sgd": b'site z {\n  city = "Z\xfcrich";\n}\n',
}

# RFC 3986 URI reference: these characters, and `%` only before two hex digits.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def load_validator(schema_path):
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    # The shared copy of the schema keeps the log's own rules under
    # definitions/Root, which nothing references: the top level alone accepts
    # any document. Validate against Root, resolving refs in the same file.
    if "Root" in schema.get("definitions", {}):
        schema = {**schema, "$ref": "#/definitions/Root"}
    validator = jsonschema.Draft7Validator(schema)
    if validator.is_valid({"version": "2.0.0", "runs": []}):
        fail(f"{schema_path} accepts a log with version 2.0.0; it checks nothing")
    return validator


# A design that breaks compliance rules (issue 5): results name the rules'
# own ids, which the run's rules list after the registered codes.
RULE_DESIGNS = {
    "rules.sgd": (
        'ruleset house "House rules" {\n'
        '  rule pue scope site require site.pue_design <= 1.2 severity error\n'
        '    message "PUE at most 1.2" cite "house rule 1";\n'
        '  rule renewables scope site require site.renewable_share >= 50 % severity warning;\n'
        '}\n'
        'site s { comply house; pue_design = 1.3; renewable_share = 20 %; }\n'
    ).encode(),
}
RULE_IDS = {"HOUSE-PUE", "HOUSE-RENEWABLES"}


def run_sgdc(sgdc, work_dir, designs=DESIGNS):
    for name, content in designs.items():
        (work_dir / name).write_bytes(content)
    command = [sgdc, "check", "--format", "sarif", *designs]
    try:
        result = subprocess.run(command, cwd=work_dir, capture_output=True, timeout=60)
    except OSError as error:
        fail(f"cannot run {sgdc}: {error}")
    if result.returncode != 1:
        fail(f"`{shlex.join(command)}` exited with {result.returncode}, expected 1 "
             f"(the designs have errors)\nstderr:\n{result.stderr.decode(errors='replace')}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        fail(f"output is not JSON: {error}\n{result.stdout[:2000].decode(errors='replace')}")


def check_schema(log, validator):
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    if errors:
        details = "\n".join(
            f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
        fail(f"the log does not validate against SARIF 2.1.0 ({len(errors)} errors):\n{details}")


def check_region(region, where):
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if not isinstance(region.get(key), int) or region[key] < 1:
            fail(f"{where}: region has no valid {key}: {region}")
    if (region["endLine"], region["endColumn"]) < (region["startLine"], region["startColumn"]):
        fail(f"{where}: region ends before it starts: {region}")


def check_uri(artifact, where, base_ids):
    uri = artifact.get("uri", "")
    if not URI_REFERENCE.match(uri):
        fail(f"{where}: {uri!r} is not a URI reference")
    if uri.startswith("/") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
        fail(f"{where}: {uri!r} is absolute; code scanning needs a path relative to the "
             "repository")
    if artifact.get("uriBaseId") not in base_ids:
        fail(f"{where}: {uri!r} has the base id {artifact.get('uriBaseId')!r}, which "
             f"run.originalUriBaseIds does not define ({sorted(base_ids)})")
    path = urllib.parse.unquote(uri)
    if artifact["uriBaseId"] == "SGDC_STDLIB":
        return path
    compiled = [*DESIGNS, *RULE_DESIGNS]
    if not any(path == name or path.endswith("/" + name) for name in compiled):
        fail(f"{where}: {uri!r} names none of the compiled files {compiled}")
    return path


def check_results(log, designs=DESIGNS):
    if log.get("version") != "2.1.0" or len(log.get("runs", [])) != 1:
        fail("expected one run of a version 2.1.0 log")
    run = log["runs"][0]
    if run.get("columnKind") != "unicodeCodePoints":
        fail(f"columnKind is {run.get('columnKind')!r}, expected 'unicodeCodePoints'")
    rules = [rule["id"] for rule in run["tool"]["driver"].get("rules", [])]
    results = run.get("results", [])
    if not results:
        fail("the log has no results, but both designs have errors")
    base_ids = run.get("originalUriBaseIds", {})
    if "%SRCROOT%" not in base_ids or any("uri" in base for base in base_ids.values()):
        fail(f"originalUriBaseIds must define %SRCROOT% and name no absolute place: {base_ids}")
    fingerprints = [result.get("partialFingerprints", {}).get("sgdcResult/v1")
                    for result in results]
    if None in fingerprints or len(set(fingerprints)) != len(fingerprints):
        fail(f"every result needs its own partialFingerprints: {fingerprints}")

    rule_ids_by_file = {}
    for index, result in enumerate(results):
        where = f"results[{index}]"
        rule_id = result.get("ruleId")
        if rule_id not in rules:
            fail(f"{where}: ruleId {rule_id!r} is not among tool.driver.rules")
        if result.get("ruleIndex", rules.index(rule_id)) != rules.index(rule_id):
            fail(f"{where}: ruleIndex {result['ruleIndex']} is not the index of {rule_id}")
        if result.get("level") not in ("error", "warning", "note"):
            fail(f"{where}: unexpected level {result.get('level')!r}")
        if not result.get("message", {}).get("text"):
            fail(f"{where}: no message text")
        locations = result.get("locations", [])
        if not locations:
            fail(f"{where}: no location")
        for location_index, location in enumerate(locations + result.get("relatedLocations", [])):
            physical = location["physicalLocation"]
            located = f"{where} location {location_index}"
            path = check_uri(physical["artifactLocation"], located, base_ids)
            check_region(physical["region"], located)
            if location_index == 0:
                rule_ids_by_file.setdefault(pathlib.PurePosixPath(path).name, set()).add(rule_id)

    for name in designs:
        if name not in rule_ids_by_file:
            fail(f"no result for {name!r}, which has errors")
    if designs is DESIGNS and "E0001" not in rule_ids_by_file["latin1.sgd"]:
        fail(f"latin1.sgd is not reported as invalid UTF-8 (E0001): {rule_ids_by_file['latin1.sgd']}")
    return len(results)


def check_suppressions(sgdc, work_dir, validator):
    """A project's `[checks.disable]` keeps the waived result in the log, with
    a `suppressions` entry (kind external, the justification); the rest of the
    run is unchanged."""
    project = work_dir / "waived"
    project.mkdir()
    for name, content in RULE_DESIGNS.items():
        (project / name).write_bytes(content)
    why = "renewables are contracted through a PPA signed 2025-02-01"
    (project / "sgd.toml").write_text(
        '[project]\nentry = ["rules.sgd"]\n[checks.disable]\n'
        f'HOUSE-RENEWABLES = "{why}"\n')
    result = subprocess.run([sgdc, "check", "--format", "sarif", "-C", str(project)],
                            capture_output=True, timeout=60)
    if result.returncode != 1:
        fail(f"the waived project should still fail on HOUSE-PUE: exit {result.returncode}")
    log = json.loads(result.stdout)
    check_schema(log, validator)
    check_results(log, RULE_DESIGNS)
    suppressions = {r["ruleId"]: r.get("suppressions") for r in log["runs"][0]["results"]}
    if suppressions.get("HOUSE-RENEWABLES") != [{"kind": "external", "justification": why}]:
        fail(f"HOUSE-RENEWABLES should be suppressed with the justification: {suppressions}")
    if suppressions.get("HOUSE-PUE") is not None:
        fail(f"HOUSE-PUE is not disabled, yet suppressed: {suppressions}")


def uris(log):
    """(uriBaseId, uri) of every location of every result."""
    return [(location["physicalLocation"]["artifactLocation"].get("uriBaseId"),
             location["physicalLocation"]["artifactLocation"]["uri"])
            for result in log["runs"][0]["results"]
            for location in result.get("locations", []) + result.get("relatedLocations", [])]


def sarif(sgdc, cwd, *arguments):
    result = subprocess.run([sgdc, "check", "--format", "sarif", *arguments], cwd=cwd,
                            capture_output=True, timeout=60)
    if result.returncode not in (0, 1):
        fail(f"`sgdc check --format sarif {' '.join(arguments)}` in {cwd} exited with "
             f"{result.returncode}:\n{result.stderr.decode(errors='replace')}")
    return result.stdout


# A design whose error has a note in the standard library: the rack type's
# weight and footprint, in <stdlib>/catalog/nvidia.sgd.
FLOOR_DESIGN = (
    "import std.catalog.nvidia;\n"
    "site s {\n"
    "  tier = 1;\n"
    "  building b { hall h { floor_load = 500 kg/m2;\n"
    "    row r { rack k[1..2] : nvidia.gb200_nvl72; } } }\n"
    "}\n")


def check_roots(sgdc, work, validator):
    """URIs relative to the repository root from anywhere, with -C and
    --sarif-root; the standard library under its own base id; the same log
    bytes in a second run and in a copy of the repository elsewhere."""
    git = sgdtest.require_program("git", "git")
    repo = work / "repo"
    designs = repo / "designs" / "site a"
    designs.mkdir(parents=True)
    (repo / "tools").mkdir()
    sgdtest.run_checked([git, "init", "-q"], repo)
    for name, content in DESIGNS.items():
        (designs / name).write_bytes(content)
    (designs / "floor.sgd").write_text(FLOOR_DESIGN, encoding="utf-8")
    expected = sorted(f"designs/site%20a/{urllib.parse.quote(name)}" for name in DESIGNS)

    def logs(cwd, *options):
        """The log of the syntax-error designs, and of floor.sgd (a design that
        reaches the engineering checks only without syntax errors)."""
        return (sarif(sgdc, cwd, *options, *DESIGNS), sarif(sgdc, cwd, *options, "floor.sgd"))

    from_tools = logs(repo / "tools", "-C", "../designs/site a")
    errors, floor = (json.loads(text) for text in from_tools)
    for log in (errors, floor):
        check_schema(log, validator)
        if any(base is None for base, _ in uris(log)):
            fail(f"a location without a base id: {uris(log)}")
    found = sorted({uri for base, uri in uris(errors) if base == "%SRCROOT%"})
    if found != expected:
        fail(f"with -C from a subfolder of the repository, URIs are {found}, expected the "
             f"paths from the git root {expected}")
    stdlib = {uri for base, uri in uris(floor) if base == "SGDC_STDLIB"}
    if stdlib != {"catalog/nvidia.sgd"} or \
            {uri for base, uri in uris(floor) if base == "%SRCROOT%"} != {"designs/site%20a/floor.sgd"}:
        fail(f"floor.sgd's error should be at %SRCROOT% designs/site%20a/floor.sgd with a note "
             f"at SGDC_STDLIB catalog/nvidia.sgd: {uris(floor)}")

    if logs(repo / "tools", "-C", "../designs/site a") != from_tools:
        fail("two runs of the same check write different SARIF logs")
    copy = work / "elsewhere" / "checkout"
    shutil.copytree(repo, copy)
    if logs(copy / "tools", "-C", "../designs/site a") != from_tools:
        fail("a copy of the repository at another path gets a different SARIF log: "
             "URIs or fingerprints depend on where the checkout is")

    rooted = json.loads(logs(repo, "--sarif-root", "designs", "-C", "designs/site a")[0])
    found = sorted({uri for base, uri in uris(rooted) if base == "%SRCROOT%"})
    if found != sorted(f"site%20a/{urllib.parse.quote(name)}" for name in DESIGNS):
        fail(f"with --sarif-root designs, URIs are {found}")

    plain = work / "plain"  # no git: the working folder is the root
    (plain / "sub").mkdir(parents=True)
    (plain / "sub" / "floor.sgd").write_text(FLOOR_DESIGN, encoding="utf-8")
    found = {uri for base, uri in uris(json.loads(sarif(sgdc, plain, "-C", "sub", "floor.sgd")))
             if base == "%SRCROOT%"}
    if found != {"sub/floor.sgd"}:
        fail(f"outside a git work tree, with -C sub, URIs are {found}, expected sub/floor.sgd")


def main():
    # Every schema test gets the same arguments; this one needs no sources.
    args = sgdtest.arguments(__doc__)

    schema_path = sgdtest.schema_file(args.source_dir, "sarif/sarif-schema-2.1.0.json")
    validator = load_validator(schema_path)
    with tempfile.TemporaryDirectory(prefix="sgd-sarif-") as work_dir:
        log = run_sgdc(args.sgdc, pathlib.Path(work_dir))
        rule_log = run_sgdc(args.sgdc, pathlib.Path(work_dir), RULE_DESIGNS)
        check_suppressions(args.sgdc, pathlib.Path(work_dir), validator)
        check_roots(args.sgdc, pathlib.Path(work_dir), validator)
    check_schema(log, validator)
    count = check_results(log)
    check_schema(rule_log, validator)
    count += check_results(rule_log, RULE_DESIGNS)
    named = {result["ruleId"] for result in rule_log["runs"][0]["results"]}
    if named != RULE_IDS:
        fail(f"the rule design's results name {sorted(named)}, expected {sorted(RULE_IDS)}")
    print(f"test_sarif: ok, {count} results valid against SARIF 2.1.0")


if __name__ == "__main__":
    main()
