#!/usr/bin/python3
"""The standard library parses, and the catalog has every entry the examples use.

1. `sgdc check` on every stdlib/**/*.sgd exits 0 and prints nothing.
2. Every reference `nvidia.X`, `amd.X`, `power.X`, `cooling.X` in examples/**/*.sgd
   names a `component` of stdlib/catalog/{nvidia,amd,power,cooling}.sgd. References
   are read from `sgdc dump ast` of each example (equipment lines, preorders,
   schedule targets and `MODULE.X` member expressions), and, as a cross-check that
   does not depend on the dump format, from the source text with comments and
   strings removed; the union of both is checked.
3. Within a catalog module no entry name is declared twice, and every entry has the
   attributes each catalog entry carries (vendor, model, unit_cost, lead_time,
   division); GPU rack types also have it_power, gpus, liquid_fraction and an
   `oci { shape; nodes; }` block.
4. Every unit written in stdlib/catalog/*.sgd is a unit of the table in
   docs/units.md (the compiler does not check units yet).
"""
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

CATALOG_MODULES = ("nvidia", "amd", "power", "cooling")
COMMON_ATTRIBUTES = ("vendor", "model", "unit_cost", "lead_time", "division")
RACK_ATTRIBUTES = ("it_power", "gpus", "liquid_fraction")
GPU_VENDOR_MODULES = ("nvidia", "amd")


def run(sgdc, *args, cwd):
    return sgdtest.run_sgdc(sgdc, *args, cwd=cwd, timeout=120)


def dump_ast(sgdc, path, root, failures):
    """The AST dump of one file as a list of (indent, text) lines, or None."""
    result = run(sgdc, "dump", "ast", str(path.relative_to(root)), cwd=root)
    if result.returncode != 0:
        failures.append(f"{path.relative_to(root)}: `sgdc dump ast` exit {result.returncode}\n"
                        f"{result.stderr[:2000]}")
        return None
    lines = []
    for raw in result.stdout.splitlines():
        text = raw.lstrip(" ")
        if text:
            lines.append((len(raw) - len(text), text))
    return lines


def children(lines, index):
    """Indices of the direct children of the node at `index`."""
    indent = lines[index][0]
    result = []
    child_indent = None
    for j in range(index + 1, len(lines)):
        if lines[j][0] <= indent:
            break
        if child_indent is None:
            child_indent = lines[j][0]
        if lines[j][0] == child_indent:
            result.append(j)
    return result


def qualified_reference(qname):
    """('power', 'ups_1250kw') for 'power.ups_1250kw' or 'power.ups_1250kw.capacity'."""
    parts = qname.split(".")
    if len(parts) >= 2 and parts[0] in CATALOG_MODULES:
        return parts[0], parts[1]
    return None


def references_from_ast(lines):
    refs = set()
    parent = {}
    stack = []  # indices of open ancestors
    for i, (indent, _) in enumerate(lines):
        while stack and lines[stack[-1]][0] >= indent:
            stack.pop()
        parent[i] = stack[-1] if stack else None
        stack.append(i)
    for i, (_, text) in enumerate(lines):
        words = text.split()
        # Inline qualified names: `equipment KIND REF ...`, `preorder REF @`, `target REF`.
        candidates = []
        if words[0] == "equipment" and len(words) >= 3:
            candidates.append(words[2])
        elif words[0] in ("preorder", "target") and len(words) >= 2:
            candidates.append(words[1])
        for candidate in candidates:
            ref = qualified_reference(candidate)
            if ref:
                refs.add(ref)
        # Expressions: `member X` whose object is `name MODULE`.
        if words[0] == "name" and len(words) >= 2 and words[1] in CATALOG_MODULES:
            p = parent[i]
            if p is not None:
                pwords = lines[p][1].split()
                if pwords[0] == "member" and len(pwords) >= 2:
                    refs.add((words[1], pwords[1]))
    return refs


def strip_comments_and_strings(source):
    """The source with comments and string literals replaced by spaces."""
    out = []
    i, n = 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(" ")
        elif source[i] == '"':
            j = i + 1
            while j < n and source[j] not in '"\n':
                j += 2 if source[j] == "\\" else 1
            i = j + 1
            out.append(" ")
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


TEXT_REFERENCE = re.compile(
    r"(?<![\w.])(" + "|".join(CATALOG_MODULES) + r")\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")


def references_from_text(path):
    text = strip_comments_and_strings(path.read_text(encoding="utf-8"))
    return {(m.group(1), m.group(2)) for m in TEXT_REFERENCE.finditer(text)}


def catalog_entries(lines, module, failures):
    """{name: (kind, set of attribute names, set of nested block names)} of one module."""
    entries = {}
    top = min((indent for indent, _ in lines[1:]), default=0)
    for i, (indent, text) in enumerate(lines):
        words = text.split()
        if indent != top or words[0] != "component" or len(words) < 3:
            continue
        kind, name = words[1], words[2]
        if name in entries:
            failures.append(f"stdlib/catalog/{module}.sgd: entry `{name}` declared twice")
        attributes, blocks = set(), {}
        for c in children(lines, i):
            cwords = lines[c][1].split()
            if cwords[0] == "attribute":
                attributes.add(cwords[1])
            elif cwords[0] == "equipment":  # a nested block such as `oci { ... }`
                blocks[cwords[1]] = {lines[g][1].split()[1] for g in children(lines, c)
                                     if lines[g][1].startswith("attribute ")}
        entries[name] = (kind, attributes, blocks)
    return entries


def known_units(units_md):
    """Unit symbols of the table under '## Unit table' in docs/units.md."""
    text = units_md.read_text(encoding="utf-8")
    match = re.search(r"^## Unit table\n(.*?)^## ", text, re.S | re.M)
    if not match:
        return None
    return set(re.findall(r"^\| `([^`]+)` \|", match.group(1), re.M))


NUMBER_LINE = re.compile(r"^number \S+ (?!@)(\S+) @")


def main() -> int:
    args = sgdtest.arguments(__doc__)
    root = args.source_dir.resolve()
    failures = []

    # 1. Every stdlib file checks cleanly.
    stdlib_files = sorted((root / "stdlib").rglob("*.sgd"))
    for path in stdlib_files:
        result = run(args.sgdc, "check", str(path.relative_to(root)), cwd=root)
        if result.returncode != 0 or result.stdout or result.stderr:
            failures.append(f"{path.relative_to(root)}: `sgdc check` exit {result.returncode}\n"
                            f"{(result.stdout + result.stderr)[:3000]}")

    # 3. Catalog entries per module.
    catalog = {}
    units = known_units(root / "docs" / "units.md")
    if units is None:
        failures.append("docs/units.md: no '## Unit table' section found")
    for module in CATALOG_MODULES:
        path = root / "stdlib" / "catalog" / f"{module}.sgd"
        if not path.is_file():
            failures.append(f"stdlib/catalog/{module}.sgd: missing")
            catalog[module] = {}
            continue
        lines = dump_ast(args.sgdc, path, root, failures)
        if lines is None:
            catalog[module] = {}
            continue
        catalog[module] = catalog_entries(lines, module, failures)
        if not catalog[module]:
            failures.append(f"stdlib/catalog/{module}.sgd: no `component` entries")
        for name, (kind, attributes, blocks) in sorted(catalog[module].items()):
            required = list(COMMON_ATTRIBUTES)
            if kind == "rack_type" and module in GPU_VENDOR_MODULES:
                required += RACK_ATTRIBUTES
                oci = blocks.get("oci")
                if oci is None or not {"shape", "nodes"} <= oci:
                    failures.append(f"stdlib/catalog/{module}.sgd: `{module}.{name}` has no "
                                    "`oci { shape = ...; nodes = ...; }` block")
            missing = [a for a in required if a not in attributes]
            if missing:
                failures.append(f"stdlib/catalog/{module}.sgd: `{module}.{name}` lacks "
                                + ", ".join(missing))
        # 4. Units.
        if units is not None:
            for indent, text in lines:
                m = NUMBER_LINE.match(text)
                if m and m.group(1) not in units:
                    failures.append(f"stdlib/catalog/{module}.sgd: unit `{m.group(1)}` in "
                                    f"`{text}` is not in docs/units.md")

    # 2. Every catalog reference of the examples exists.
    example_files = sorted((root / "examples").rglob("*.sgd"))
    if not example_files:
        failures.append("examples/: no .sgd files found")
    referenced = {}  # (module, name) -> [files]
    for path in example_files:
        refs = references_from_text(path)
        lines = dump_ast(args.sgdc, path, root, failures)
        if lines is not None:
            refs |= references_from_ast(lines)
        for ref in refs:
            referenced.setdefault(ref, []).append(str(path.relative_to(root)))
    missing = sorted(ref for ref in referenced if ref[1] not in catalog.get(ref[0], {}))
    if missing:
        failures.append("catalog entries referenced by examples but not declared as "
                        "`component` in stdlib/catalog/:\n" + "\n".join(
                            f"  {module}.{name}  (stdlib/catalog/{module}.sgd; used in "
                            f"{', '.join(sorted(set(referenced[(module, name)])))})"
                            for module, name in missing))

    counts = ", ".join(f"{module} {len(catalog[module])}" for module in CATALOG_MODULES)
    return sgdtest.finish(failures, f"ok: {len(stdlib_files)} stdlib file(s) check cleanly; "
                          f"catalog entries: {counts}; {len(referenced)} distinct catalog "
                          f"reference(s) in {len(example_files)} example file(s) all resolve")


if __name__ == "__main__":
    sys.exit(main())
