#!/usr/bin/python3
"""The VS Code extension (editors/vscode): its TextMate grammar tokenises
every example and standard-library file with vscode-textmate and
vscode-oniguruma, giving comments, strings, keywords and units their scopes
(editors/vscode/test/grammar.test.js); its language configuration is valid;
and package-vsix.py packages it as a .vsix that holds the manifest, the
grammar, the client and the client's dependencies.

The npm packages are those of editors/vscode/package-lock.json, installed by
scripts/install-npm-deps.sh (which `make test` runs through
scripts/install-deps.sh).
"""
import json
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402


def main() -> int:
    args = sgdtest.arguments(__doc__, sgdc_required=False)
    extension = args.source_dir / "editors" / "vscode"
    failures = []
    if not (extension / "node_modules" / "vscode-textmate").is_dir():
        sgdtest.fail("editors/vscode/node_modules is missing: run scripts/install-npm-deps.sh")

    grammar = subprocess.run(["node", str(extension / "test" / "grammar.test.js"),
                              str(args.source_dir)], capture_output=True, text=True, timeout=300)
    if grammar.returncode != 0:
        failures.append(f"grammar test:\n{grammar.stdout}{grammar.stderr}")

    package = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    configuration = json.loads((extension / "language-configuration.json").read_text())
    if configuration["comments"] != {"lineComment": "//", "blockComment": ["/*", "*/"]}:
        failures.append(f"language configuration: comments {configuration['comments']}")
    if ["{", "}"] not in configuration["brackets"]:
        failures.append("language configuration: no { } brackets (folding follows them)")
    for grammar_entry in package["contributes"]["grammars"]:
        if not (extension / grammar_entry["path"]).is_file():
            failures.append(f"package.json names a missing grammar {grammar_entry['path']}")

    with tempfile.TemporaryDirectory() as work:
        vsix = pathlib.Path(work) / "sgd.vsix"
        packed = subprocess.run([sys.executable, str(extension / "package-vsix.py"), "-o",
                                 str(vsix)], capture_output=True, text=True, timeout=300)
        if packed.returncode != 0:
            failures.append(f"package-vsix.py:\n{packed.stdout}{packed.stderr}")
        else:
            with zipfile.ZipFile(vsix) as archive:
                names = set(archive.namelist())
                for needed in ("extension.vsixmanifest", "[Content_Types].xml",
                               "extension/package.json", "extension/extension.js",
                               "extension/syntaxes/sgd.tmLanguage.json",
                               "extension/language-configuration.json",
                               "extension/node_modules/vscode-languageclient/package.json",
                               "extension/node_modules/vscode-jsonrpc/package.json"):
                    if needed not in names:
                        failures.append(f"the .vsix lacks {needed}")
                if any("vscode-textmate" in name for name in names):
                    failures.append("the .vsix holds a development dependency (vscode-textmate)")
                root = ElementTree.fromstring(archive.read("extension.vsixmanifest"))
                space = "{http://schemas.microsoft.com/developer/vsx-schema/2011}"
                identity = root.find(f"{space}Metadata/{space}Identity")
                if identity is None or identity.get("Id") != package["name"] or \
                        identity.get("Version") != package["version"]:
                    failures.append("extension.vsixmanifest: wrong identity")
    return sgdtest.finish(failures, f"{grammar.stdout.strip()}; the .vsix packages")


if __name__ == "__main__":
    sys.exit(main())
