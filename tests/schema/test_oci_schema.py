#!/usr/bin/python3
"""Checks the OCI manifests of `sgdc build` against the provider's schema.

The schema is tests/schemas/oci/oci-schema.json: the resources, data
sources and provider block of oracle/terraform-provider-oci, with required,
optional and computed attributes, attribute types and nested blocks with
their counts. The checker validates every resource, data source and provider
configuration of a set of `*.tf.json` files: unknown resource types and
attributes, missing required attributes and blocks, block counts, computed
attributes that are set, attribute types (integer-valued strings stay
strings), allowed values, and the Terraform JSON rules (a root object,
references as `${...}` that name something declared, a literal `$${`).

Runs, in order, exiting non-zero with a message on the first failed step:
  1. the checker itself: it passes the golden design's manifests and fails
     on each of a dozen deliberately broken copies of them;
  2. the golden design (tests/golden/oci/_two_halls.sgd: a GB200 NVL72 hall
     and an HGX H100 hall): out/oci/ and the stack's schema.yaml equal
     tests/golden/oci/two_halls/ byte for byte (--update rewrites them), and
     two builds are identical;
  3. every example under examples/: built with `sgdc build`, its manifests
     checked. An example whose sites name no OCI region (E0701) is built
     again from a copy whose sgd.toml sets `[oci] region`, and reported; one
     whose design has other errors (no backend runs) is reported as not built;
  4. the stack zip of every build: versions.tf and schema.yaml at the root,
     the same files as out/oci/, schema.yaml variables matching
     variables.tf.json in names, types and defaults;
  5. a two-region design and the `[oci]` table of sgd.toml;
  6. stdlib/oci/regions.tsv is a well-formed region list (stdlib/oci/README.md).
Run by ctest with /usr/bin/python3.
"""

import copy
import difflib
import io
import json
import pathlib
import re
import shutil
import sys
import tempfile
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402
from sgdtest import fail  # noqa: E402

META_ARGUMENTS = {"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner",
                  "connection"}
PROVIDER_META = {"alias", "version"}
ROOT_KEYS = {"terraform", "provider", "variable", "output", "locals", "module", "resource",
             "data", "moved", "import", "check"}
# A template sequence: `${` or `%{`, unless doubled (`$${`, `%%{`).
TEMPLATE_START = re.compile(r"(\$\$\{|%%\{|\$\{|%\{)")
REFERENCE = re.compile(
    r"(?<![\w.])(var|local|each|count|data\.[a-z0-9_]+|oci_[a-z0-9_]+)\.([A-Za-z_][\w-]*)")
PURE_TEMPLATE = re.compile(r"^\$\{.*\}$", re.S)


# --- The checker ---------------------------------------------------------------

class Manifest:
    """The Terraform JSON files of one build, by file name."""

    def __init__(self, files):
        self.files = files  # name -> parsed JSON (or text for .tf)

    @classmethod
    def read(cls, folder):
        files = {}
        for path in sorted(folder.iterdir()):
            if path.name.endswith(".tf.json"):
                files[path.name] = json.loads(path.read_text(encoding="utf-8"))
            elif path.name.endswith(".tf"):
                files[path.name] = path.read_text(encoding="utf-8")
        return cls(files)


class Checker:
    def __init__(self, schema):
        self.schema = schema
        self.errors = []

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    # Templates: balanced `${ }`, references to declared names.
    def templates(self, where, text, context):
        position = 0
        while True:
            match = TEMPLATE_START.search(text, position)
            if not match:
                return
            if match.group(1) in ("$${", "%%{"):
                position = match.end()
                continue
            depth, index, quote = 1, match.end(), False
            while index < len(text) and depth:
                char = text[index]
                if quote:
                    if char == "\\":
                        index += 1
                    elif char == '"':
                        quote = False
                elif char == '"':
                    quote = True
                elif char == "{":
                    depth += 1
                elif char == "}":
                    depth -= 1
                index += 1
            if depth:
                self.error(where, f"unterminated template sequence in {text!r} "
                                  "(a literal `${` is written `$${`)")
                return
            self.references(where, text[match.end():index - 1], context)
            position = index

    def references(self, where, expression, context):
        for kind, name in REFERENCE.findall(expression):
            if kind == "var" and name not in context["variables"]:
                self.error(where, f"`var.{name}` names an undeclared variable")
            elif kind == "local" and name not in context["locals"]:
                self.error(where, f"`local.{name}` names an undeclared local value")
            elif kind == "each" and not context.get("for_each"):
                self.error(where, "`each` outside a resource with for_each")
            elif kind.startswith("data.") and (kind[5:], name) not in context["data"]:
                self.error(where, f"`{kind}.{name}` names an undeclared data source")
            elif kind.startswith("oci_") and (kind, name) not in context["resources"]:
                self.error(where, f"`{kind}.{name}` names an undeclared resource")

    def strings(self, where, value, context):
        if isinstance(value, str):
            self.templates(where, value, context)
        elif isinstance(value, list):
            for item in value:
                self.strings(where, item, context)
        elif isinstance(value, dict):
            for key, item in value.items():
                self.strings(f"{where}.{key}", item, context)

    def value_type(self, where, value, declared):
        if isinstance(value, str) and PURE_TEMPLATE.match(value) and declared != "string":
            return  # an expression: its type is known only when Terraform runs
        if declared == "string":
            ok = isinstance(value, str)
        elif declared == "number":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        elif declared == "bool":
            ok = isinstance(value, bool)
        elif isinstance(declared, list) and declared[0] in ("list", "set"):
            ok = isinstance(value, list)
            if ok:
                for item in value:
                    self.value_type(where, item, declared[1])
        elif isinstance(declared, list) and declared[0] == "map":
            ok = isinstance(value, dict)
            if ok:
                for key, item in value.items():
                    self.value_type(f"{where}.{key}", item, declared[1])
        else:
            ok = True
        if not ok:
            self.error(where, f"{json.dumps(value)[:60]} is not of type {json.dumps(declared)}")

    def body(self, where, body, schema, context, top_level):
        if not isinstance(body, dict):
            self.error(where, "a block body is a JSON object")
            return
        settable = set(schema.get("required", [])) | set(schema.get("optional", []))
        computed = set(schema.get("computed", [])) - settable
        blocks = schema.get("blocks", {})
        types = schema.get("attribute_types", {})
        constraints = schema.get("constraints", {})
        for key, value in body.items():
            if key == "//":
                continue
            if top_level and key in META_ARGUMENTS:
                continue
            if key in blocks:
                self.block(f"{where}.{key}", value, blocks[key], context)
            elif key in settable:
                self.value_type(f"{where}.{key}", value, types.get(key, "string"))
                allowed = constraints.get(key, {}).get("allowed_values")
                if allowed and isinstance(value, str) and "${" not in value:
                    fold = constraints[key].get("allowed_values_ignore_case")
                    if (value.lower() not in [a.lower() for a in allowed] if fold
                            else value not in allowed):
                        self.error(f"{where}.{key}", f"{value!r} is not one of {allowed}")
                self.strings(f"{where}.{key}", value, context)
            elif key in computed:
                self.error(f"{where}.{key}", "computed-only attribute set (the provider "
                                             "sets it; configuration must not)")
            else:
                self.error(f"{where}.{key}", "unknown attribute or block")
        for name in schema.get("required", []):
            if name not in body:
                self.error(where, f"missing required attribute `{name}`")
        for name, block in blocks.items():
            if name not in body and block.get("min_items", 0) > 0:
                self.error(where, f"missing required block `{name}`")

    def block(self, where, value, schema, context):
        if isinstance(value, dict):
            items = [value]
        elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
            items = value
            if schema.get("nesting_mode") == "single":
                self.error(where, "a single nested block is one JSON object, not an array")
        else:
            self.error(where, "a nested block is an object or an array of objects")
            return
        low, high = schema.get("min_items", 0), schema.get("max_items", 0)
        if len(items) < low:
            self.error(where, f"{len(items)} block(s), at least {low} required")
        if high and len(items) > high:
            self.error(where, f"{len(items)} block(s), at most {high} allowed")
        for number, item in enumerate(items):
            self.body(f"{where}[{number}]", item, schema, context, top_level=False)

    def check(self, manifest):
        """Validates a whole manifest; returns the list of errors."""
        self.errors = []
        context = {"variables": set(), "locals": set(), "data": set(), "resources": set(),
                   "aliases": set()}
        documents = {name: doc for name, doc in manifest.files.items() if name.endswith(".json")}
        for name, document in documents.items():
            if not isinstance(document, dict):
                self.error(name, "the root of a .tf.json file is a JSON object")
                continue
            for key in document:
                if key not in ROOT_KEYS:
                    self.error(name, f"unknown top-level key `{key}`")
            context["variables"].update(document.get("variable", {}))
            context["locals"].update(document.get("locals", {}))
            for kind in document.get("data", {}):
                context["data"].update((kind, label) for label in document["data"][kind])
            for kind in document.get("resource", {}):
                for label in document["resource"][kind]:
                    if (kind, label) in context["resources"]:
                        self.error(name, f"`{kind}.{label}` is declared twice")
                    context["resources"].add((kind, label))
        self.providers(documents, context)
        for name, document in documents.items():
            if not isinstance(document, dict):
                continue
            for section, prefix in (("resource", ""), ("data", "data.")):
                for kind, labels in document.get(section, {}).items():
                    schema = self.schema.get(prefix + kind)
                    if schema is None:
                        self.error(f"{name}: {prefix}{kind}",
                                   f"unknown {'data source' if prefix else 'resource type'}")
                        continue
                    for label, body in labels.items():
                        where = f"{name}: {prefix}{kind}.{label}"
                        local = dict(context, for_each=isinstance(body, dict) and "for_each" in body)
                        self.body(where, body, schema, local, top_level=True)
                        if isinstance(body, dict):
                            self.meta(where, body, local)
            for label, value in document.get("locals", {}).items():
                self.strings(f"{name}: local.{label}", value, context)
            for label, output in document.get("output", {}).items():
                if not isinstance(output, dict) or "value" not in output:
                    self.error(f"{name}: output.{label}", "an output needs a `value`")
                else:
                    self.strings(f"{name}: output.{label}", output["value"], context)
            for label, variable in document.get("variable", {}).items():
                if not isinstance(variable, dict) or variable.get("type") not in (
                        "string", "number", "bool"):
                    self.error(f"{name}: variable.{label}", "a variable with a primitive `type`")
        self.versions(manifest)
        return self.errors

    def meta(self, where, body, context):
        for key in ("count", "for_each"):
            if key in body:
                self.strings(f"{where}.{key}", body[key], context)
        if "provider" in body:
            provider = body["provider"]
            alias = provider.split(".", 1)[1] if isinstance(provider, str) and "." in provider else None
            if not isinstance(provider, str) or not provider.startswith("oci") or (
                    alias is not None and alias not in context["aliases"]):
                self.error(f"{where}.provider", f"{provider!r} names no provider configuration")

    def providers(self, documents, context):
        schema = self.schema["provider.oci"]
        found = False
        for name, document in documents.items():
            if not isinstance(document, dict) or "provider" not in document:
                continue
            for provider, configurations in document["provider"].items():
                if provider != "oci":
                    self.error(name, f"unknown provider `{provider}`")
                    continue
                found = True
                if isinstance(configurations, dict):
                    configurations = [configurations]
                defaults = 0
                for number, configuration in enumerate(configurations):
                    where = f"{name}: provider.oci[{number}]"
                    if not isinstance(configuration, dict):
                        self.error(where, "a provider configuration is a JSON object")
                        continue
                    alias = configuration.get("alias")
                    if alias is None:
                        defaults += 1
                    elif alias in context["aliases"]:
                        self.error(where, f"alias `{alias}` is configured twice")
                    else:
                        context["aliases"].add(alias)
                    body = {k: v for k, v in configuration.items() if k not in PROVIDER_META}
                    self.body(where, body, schema, context, top_level=False)
                if defaults > 1:
                    self.error(name, "more than one default (unaliased) oci provider")
        if not found:
            self.error("provider.tf.json", "no `provider.oci` configuration")

    def versions(self, manifest):
        text = manifest.files.get("versions.tf")
        if text is None:
            self.error("versions.tf", "missing: a Resource Manager stack needs a plain .tf file")
            return
        if not re.search(r'oci\s*=\s*\{[^}]*source\s*=\s*"oracle/oci"', text, re.S):
            self.error("versions.tf", 'required_providers.oci needs source = "oracle/oci"')
        if not re.search(r'oci\s*=\s*\{[^}]*version\s*=\s*"[^"]+"', text, re.S):
            self.error("versions.tf", "required_providers.oci needs a version constraint")


# --- Builds --------------------------------------------------------------------

def sgdc_build(sgdc, arguments, cwd, out):
    return sgdtest.run_sgdc(sgdc, "build", *arguments, "-o", str(out), cwd=cwd)


def stack_files(out):
    with zipfile.ZipFile(out / "oci-stack.zip") as archive:
        if archive.testzip() is not None:
            fail(f"{out}/oci-stack.zip: a CRC does not match")
        return {info.filename: archive.read(info) for info in archive.infolist()}


def parse_schema_yaml(text):
    """The variables of schema.yaml: name -> {key: scalar}. PyYAML when
    installed, else the subset sgdc writes (two-space indentation)."""
    try:
        import yaml
        document = yaml.safe_load(text)
        return document, document.get("variables", {})
    except ImportError:
        pass
    variables, current, section = {}, None, None
    document = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key, _, value = line.partition(":")
            section = key
            if value.strip():
                document[key] = value.strip().strip('"')
            continue
        if section == "variables":
            if line.startswith("  ") and not line.startswith("    "):
                current = line.strip().rstrip(":")
                variables[current] = {}
            elif line.startswith("    ") and not line.startswith("      "):
                key, _, value = line.strip().partition(":")
                value = value.strip()
                if value.startswith('"'):
                    value = json.loads(value)
                elif value in ("true", "false"):
                    value = value == "true"
                elif re.fullmatch(r"-?\d+", value):
                    value = int(value)
                variables[current][key] = value
    document["variables"] = variables
    return document, variables


def check_stack(where, out):
    """The zip holds out/oci/ plus schema.yaml; its variables match."""
    files = stack_files(out)
    oci = {path.name: path.read_bytes() for path in (out / "oci").iterdir()}
    if "versions.tf" not in files:
        fail(f"{where}: oci-stack.zip has no versions.tf at its root")
    if "schema.yaml" not in files:
        fail(f"{where}: oci-stack.zip has no schema.yaml")
    names = set(files) - {"schema.yaml"}
    if names != set(oci):
        fail(f"{where}: oci-stack.zip holds {sorted(names)}, out/oci/ {sorted(oci)}")
    for name in names:
        if "/" in name:
            fail(f"{where}: {name} is not at the root of the stack")
        if files[name] != oci[name]:
            fail(f"{where}: {name} differs between oci-stack.zip and out/oci/")
    document, variables = parse_schema_yaml(files["schema.yaml"].decode("utf-8"))
    if str(document.get("schemaVersion")) != "1.1.0":
        fail(f"{where}: schema.yaml schemaVersion is {document.get('schemaVersion')!r}, not 1.1.0")
    terraform = json.loads(files["variables.tf.json"])["variable"]
    if set(variables) != set(terraform):
        fail(f"{where}: schema.yaml declares {sorted(variables)}, variables.tf.json "
             f"{sorted(terraform)}")
    for name, declared in terraform.items():
        entry = variables[name]
        kind = str(entry.get("type"))
        expected = {"string": lambda k: k == "string" or k.startswith("oci:"),
                    "number": lambda k: k == "number",
                    "bool": lambda k: k == "boolean"}[declared["type"]]
        if not expected(kind):
            fail(f"{where}: schema.yaml gives `{name}` type {kind}, Terraform {declared['type']}")
        if ("default" in declared) != ("default" in entry):
            fail(f"{where}: `{name}` has a default in one file only")
        if "default" in declared and entry["default"] != declared["default"]:
            fail(f"{where}: `{name}` defaults to {entry['default']!r} in schema.yaml, "
                 f"{declared['default']!r} in variables.tf.json")
        if entry.get("required") is not ("default" not in declared):
            fail(f"{where}: `{name}` is required exactly when it has no default")
    for group in document.get("variableGroups", []) or []:
        for name in group.get("variables", []):
            if name not in terraform:
                fail(f"{where}: variableGroups name `{name}`, which is not a variable")


def validate(checker, where, out):
    errors = checker.check(Manifest.read(out / "oci"))
    if errors:
        fail(f"{where}: the manifests do not match the provider schema:\n  " +
             "\n  ".join(errors[:40]))
    check_stack(where, out)


# --- Steps ---------------------------------------------------------------------

def mutations():
    """(description, phrase the checker must report, edit of the documents)."""
    def site(files):
        return next(doc for name, doc in files.items() if name.startswith("site_"))

    def first(files, kind):
        return next(iter(site(files)["resource"][kind].values()))

    def edit(function):
        return function

    return [
        ("an unknown attribute", "unknown attribute",
         edit(lambda f: first(f, "oci_core_vcn").update(cidr_blockz=["10.0.0.0/16"]))),
        ("a missing required attribute", "missing required attribute `vcn_id`",
         edit(lambda f: first(f, "oci_core_subnet").pop("vcn_id"))),
        ("a computed attribute set", "computed-only attribute set",
         edit(lambda f: first(f, "oci_core_vcn").update(default_route_table_id="ocid1.x"))),
        ("the computed id set", "computed-only attribute set",
         edit(lambda f: first(f, "oci_core_compute_cluster").update(id="ocid1.x"))),
        ("two placement configurations", "at most 1 allowed",
         edit(lambda f: first(f, "oci_core_cluster_network").update(
             placement_configuration=[first(f, "oci_core_cluster_network")
                                      ["placement_configuration"]] * 2))),
        ("a missing required block", "missing required block `instance_pools`",
         edit(lambda f: first(f, "oci_core_cluster_network").pop("instance_pools"))),
        ("an integer where the provider takes a string", 'is not of type "string"',
         edit(lambda f: first(f, "oci_core_compute_gpu_memory_cluster").update(size=18))),
        ("an unknown resource type", "unknown resource type",
         edit(lambda f: site(f)["resource"].update(oci_core_gpu_cluster={"x": {}}))),
        ("an undeclared variable", "undeclared variable",
         edit(lambda f: first(f, "oci_core_vcn").update(compartment_id="${var.nope}"))),
        ("a reference to an undeclared resource", "undeclared resource",
         edit(lambda f: first(f, "oci_core_subnet").update(vcn_id="${oci_core_vcn.nope.id}"))),
        ("an unescaped template", "unterminated template",
         edit(lambda f: first(f, "oci_core_vcn").update(display_name="cost ${1"))),
        ("a misspelt provider attribute", "unknown attribute",
         edit(lambda f: f["provider.tf.json"]["provider"]["oci"][0].update(regoin="x"))),
        ("an unknown data source attribute", "unknown attribute",
         edit(lambda f: next(iter(f["data.tf.json"]["data"]["oci_core_services"].values()))
              .update(compartment_id="x"))),
        ("a value outside the allowed ones", "is not one of",
         edit(lambda f: first(f, "oci_core_instance_configuration")["instance_details"]
              .update(instance_type="virtual_machine"))),
        ("a nested block of the wrong shape", "a nested block is an object",
         edit(lambda f: first(f, "oci_core_service_gateway").update(services="all"))),
        ("a root that is an array", "root of a .tf.json file is a JSON object",
         edit(lambda f: f.update({"extra.tf.json": []}))),
    ]


def self_test(checker, out):
    manifest = Manifest.read(out / "oci")
    errors = checker.check(manifest)
    if errors:
        fail("the golden manifests fail the checker:\n  " + "\n  ".join(errors[:20]))
    for description, phrase, change in mutations():
        broken = Manifest(copy.deepcopy(manifest.files))
        change(broken.files)
        errors = checker.check(broken)
        if not any(phrase in error for error in errors):
            fail(f"the checker accepts a manifest with {description}: expected an error "
                 f"with {phrase!r}, got {errors[:5]}")
    print(f"ok: the checker passes the golden manifests and fails {len(mutations())} broken ones")


def golden(sgdc, source, work, update):
    folder = source / "tests/golden/oci"
    expected_dir = folder / "two_halls"
    outs = []
    for run in (1, 2):
        out = work / f"golden{run}"
        result = sgdc_build(sgdc, ["_two_halls.sgd"], folder, out)
        if result.returncode != 0:
            fail(f"tests/golden/oci/_two_halls.sgd does not build: exit {result.returncode}\n"
                 f"{result.stderr}")
        outs.append(out)
    for name in ["oci-stack.zip"] + [p.name for p in (outs[0] / "oci").iterdir()]:
        first = (outs[0] / name) if name.endswith(".zip") else outs[0] / "oci" / name
        second = (outs[1] / name) if name.endswith(".zip") else outs[1] / "oci" / name
        if first.read_bytes() != second.read_bytes():
            fail(f"two builds of the golden design differ in {name}")
    actual = {p.name: p.read_bytes() for p in (outs[0] / "oci").iterdir()}
    actual["schema.yaml"] = stack_files(outs[0])["schema.yaml"]
    if update:
        if expected_dir.exists():
            shutil.rmtree(expected_dir)
        expected_dir.mkdir()
        for name, content in actual.items():
            (expected_dir / name).write_bytes(content)
        print(f"updated {len(actual)} file(s) in {expected_dir}")
    expected = {p.name: p.read_bytes() for p in expected_dir.iterdir()} if expected_dir.exists() else {}
    if set(expected) != set(actual):
        fail(f"the golden design writes {sorted(actual)}, tests/golden/oci/two_halls/ holds "
             f"{sorted(expected)} (rerun with --update and review the diff)")
    for name in sorted(actual):
        if actual[name] != expected[name]:
            diff = difflib.unified_diff(expected[name].decode().splitlines(True),
                                        actual[name].decode().splitlines(True),
                                        f"two_halls/{name}", "actual")
            fail(f"{name} differs from tests/golden/oci/two_halls/{name} (rerun with --update "
                 "and review the diff):\n" + "".join(list(diff)[:80]))
    print(f"ok: the golden design's {len(actual)} files match tests/golden/oci/two_halls/")
    return outs[0]


def examples(sgdc, checker, source, work):
    projects = sgdtest.example_projects(source)
    summary = []
    for project in projects:
        out = work / f"example-{project.name}"
        result = sgdc_build(sgdc, [], project, out)
        note = ""
        codes = sorted(set(re.findall(r"error\[([\w-]+)\]", result.stderr)))
        others = [code for code in codes if not code.startswith("E07")]
        if result.returncode == 1 and others:
            # The design itself has errors (an example may show a rule
            # failing on purpose): no backend runs, so nothing to check.
            summary.append(f"{project.name}: not built, the design has errors "
                           f"({', '.join(others)})")
            continue
        if result.returncode != 0 and codes == ["E0701"]:
            # Sites without a region: the build rightly stops. Check the
            # manifests with a region given by sgd.toml, as an operator would.
            copy_dir = work / f"copy-{project.name}"
            shutil.copytree(project, copy_dir)
            toml = copy_dir / "sgd.toml"
            toml.write_text(toml.read_text(encoding="utf-8") +
                            '\n[oci]\nregion = "us-ashburn-1"\n', encoding="utf-8")
            result = sgdc_build(sgdc, [], copy_dir, out)
            note = " (declares no OCI region: E0701; checked with [oci] region in sgd.toml)"
        if result.returncode != 0:
            fail(f"examples/{project.name} does not build: exit {result.returncode}\n"
                 f"{result.stderr[:3000]}")
        if not (out / "oci").exists():
            if (out / "oci-stack.zip").exists():
                fail(f"examples/{project.name}: a stack zip without out/oci/")
            summary.append(f"{project.name}: no OCI capacity, no manifests")
            continue
        validate(checker, f"examples/{project.name}", out)
        count = sum(len(labels) for doc in Manifest.read(out / "oci").files.values()
                    if isinstance(doc, dict) for labels in doc.get("resource", {}).values())
        summary.append(f"{project.name}: {count} resources valid{note}")
    print("ok: examples: " + "; ".join(summary))


TWO_REGIONS = """\
component rack_type nvl72 {
  model = "GB200 NVL72"; it_power = 20 kW;
  oci { shape = "BM.GPU.GB200.4"; nodes = 18; }
}
component rack_type h200 {
  model = "8 x H200"; it_power = 20 kW;
  oci { shape = "BM.GPU.H200.8"; nodes = 2; }
}
site fra {
  oci { region = "eu-frankfurt-1"; compartment = "ocid1.compartment.oc1..aaaaexample"; }
  building b { hall h { row r[1..2] { rack k[1..3] : nvl72; rack x : h200; } } }
}
site abu {
  building b { hall h { row r1 { rack k[1..2] : h200; } } }
}
"""


def settings_and_regions(sgdc, checker, work):
    project = work / "two-regions"
    project.mkdir()
    (project / "design.sgd").write_text(TWO_REGIONS, encoding="utf-8")
    toml = project / "sgd.toml"
    base = '[project]\nname = "two regions"\nentry = ["design.sgd"]\n'
    toml.write_text(base, encoding="utf-8")
    out = work / "two-regions-out"
    result = sgdc_build(sgdc, [], project, out)
    if result.returncode != 1 or "error[E0701]" not in result.stderr or "`abu`" not in result.stderr:
        fail(f"a site without a region should be E0701: exit {result.returncode}\n{result.stderr}")
    if out.exists():
        fail("a build with E0701 wrote its output folder")
    toml.write_text(base + '\n[oci]\nregion = "me-abudhabi-1"\n'
                    'compartment = "ocid1.compartment.oc1..aaaaparent"\n', encoding="utf-8")
    result = sgdc_build(sgdc, [], project, out)
    if result.returncode != 0:
        fail(f"[oci] region in sgd.toml should give `abu` its region:\n{result.stderr}")
    validate(checker, "two-region design", out)
    manifest = Manifest.read(out / "oci")
    aliases = {c.get("alias"): c.get("region")
               for c in manifest.files["provider.tf.json"]["provider"]["oci"]}
    if aliases != {None: "${var.region}", "eu_frankfurt_1": "eu-frankfurt-1",
                   "me_abudhabi_1": "me-abudhabi-1"}:
        fail(f"two regions should give a default provider and two aliases: {aliases}")
    variables = manifest.files["variables.tf.json"]["variable"]
    if variables["compartment_ocid"].get("default") != "ocid1.compartment.oc1..aaaaparent":
        fail("[oci] compartment should be the default of compartment_ocid")
    resources = manifest.files["site_fra.tf.json"]["resource"]
    if "oci_identity_compartment" in resources:
        fail("a site naming an existing compartment OCID should create no compartment")
    # A region that is not public, from sgd.toml, is E0702 with a suggestion.
    toml.write_text(base + '\n[oci]\nregion = "me-abudhabi"\n', encoding="utf-8")
    result = sgdc_build(sgdc, [], project, work / "bad-region")
    if result.returncode != 1 or "error[E0702]" not in result.stderr or \
            "me-abudhabi-1" not in result.stderr:
        fail(f"an unknown region from sgd.toml should be E0702 with a suggestion:\n{result.stderr}")
    toml.write_text(base + '\n[oci]\nregion = "me-abudhabi"\ndedicated = true\n', encoding="utf-8")
    result = sgdc_build(sgdc, [], project, work / "dedicated")
    if result.returncode != 0:
        fail(f"a dedicated region from sgd.toml is not checked against the list:\n{result.stderr}")
    toml.write_text(base + '\n[oci]\nregoin = "x"\n', encoding="utf-8")
    result = sgdc_build(sgdc, [], project, work / "bad-key")
    if result.returncode != 2 or "regoin" not in result.stderr:
        fail(f"an unknown key of [oci] should be a usage error naming it:\n{result.stderr}")
    print("ok: two regions give two provider aliases; [oci] of sgd.toml sets region, "
          "dedicated and the parent compartment")


def region_list(source):
    lines = (source / "stdlib/oci/regions.tsv").read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != ["region_identifier", "realm", "region_key", "go_const"]:
        fail("stdlib/oci/regions.tsv does not start with its header "
             "region_identifier, realm, region_key, go_const")
    identifiers = set()
    for number, line in enumerate(lines[1:], start=2):
        columns = line.split("\t")
        if len(columns) != 4 or not all(columns):
            fail(f"stdlib/oci/regions.tsv:{number}: expected 4 non-empty tab-separated columns")
        if not re.fullmatch(r"[a-z]+(-[a-z]+)+-[0-9]+", columns[0]) or columns[0] in identifiers:
            fail(f"stdlib/oci/regions.tsv:{number}: bad or repeated region identifier {columns[0]!r}")
        identifiers.add(columns[0])
    print(f"ok: stdlib/oci/regions.tsv lists {len(identifiers)} regions, each once")


def main():
    args = sgdtest.arguments(__doc__, lambda parser: parser.add_argument(
        "--update", action="store_true",
        help="rewrite tests/golden/oci/two_halls/ from the current compiler"))
    sgdc = str(pathlib.Path(args.sgdc).resolve())
    source = args.source_dir.resolve()
    schema_path = sgdtest.schema_file(args.source_dir, "oci/oci-schema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    checker = Checker(schema)
    with tempfile.TemporaryDirectory() as temp:
        work = pathlib.Path(temp)
        out = golden(sgdc, source, work, args.update)
        self_test(checker, out)
        validate(checker, "tests/golden/oci/_two_halls.sgd", out)
        examples(sgdc, checker, source, work)
        settings_and_regions(sgdc, checker, work)
    region_list(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
