#!/usr/bin/python3
"""Packages the VS Code extension as a .vsix, without the vsce tool: a .vsix
is a zip (Open Packaging Conventions) holding extension.vsixmanifest,
[Content_Types].xml and the extension under extension/, its production
dependencies (vscode-languageclient and what it needs) included.

    editors/vscode/package-vsix.py [-o OUT.vsix]

Needs `npm ci` to have run in editors/vscode (scripts/install-npm-deps.sh).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
FILES = ["package.json", "extension.js", "language-configuration.json",
         "syntaxes/sgd.tmLanguage.json", "README.md"]
CONTENT_TYPES = """<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension=".json" ContentType="application/json"/>
  <Default Extension=".js" ContentType="application/javascript"/>
  <Default Extension=".md" ContentType="text/markdown"/>
  <Default Extension=".vsixmanifest" ContentType="text/xml"/>
  <Default Extension=".txt" ContentType="text/plain"/>
  <Default Extension=".map" ContentType="application/json"/>
  <Default Extension=".ts" ContentType="text/plain"/>
  <Default Extension="" ContentType="application/octet-stream"/>
</Types>
"""


def manifest(package):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011">
  <Metadata>
    <Identity Language="en-US" Id="{escape(package['name'])}" Version="{escape(package['version'])}" Publisher="{escape(package['publisher'])}"/>
    <DisplayName>{escape(package['displayName'])}</DisplayName>
    <Description xml:space="preserve">{escape(package['description'])}</Description>
    <Categories>{escape(','.join(package['categories']))}</Categories>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="{escape(package['engines']['vscode'])}"/>
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code"/>
  </Installation>
  <Dependencies/>
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/>
  </Assets>
</PackageManifest>
"""


def production_modules():
    """The folders of the production dependencies, as npm resolved them."""
    result = subprocess.run(["npm", "ls", "--omit=dev", "--all", "--parseable"], cwd=HERE,
                            capture_output=True, text=True, check=True)
    folders = [pathlib.Path(line) for line in result.stdout.splitlines()]
    return [folder for folder in folders if folder != HERE]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    package = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    parser.add_argument("-o", "--output", type=pathlib.Path,
                        default=HERE / f"{package['name']}-{package['version']}.vsix")
    args = parser.parse_args()
    if not (HERE / "node_modules" / "vscode-languageclient").is_dir():
        sys.exit("package-vsix: run scripts/install-npm-deps.sh first (no node_modules)")
    entries = [(HERE / name, f"extension/{name}") for name in FILES]
    for folder in production_modules():
        for file in sorted(folder.rglob("*")):
            # Only the package's own files: npm lists nested packages too.
            if file.is_file() and "node_modules" not in file.relative_to(folder).parts:
                entries.append((file, f"extension/{file.relative_to(HERE).as_posix()}"))
    with zipfile.ZipFile(args.output, "w", zipfile.ZIP_DEFLATED) as vsix:
        vsix.writestr("[Content_Types].xml", CONTENT_TYPES)
        vsix.writestr("extension.vsixmanifest", manifest(package))
        for source, name in sorted(set(entries), key=lambda entry: entry[1]):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            vsix.writestr(info, source.read_bytes())
    print(f"package-vsix: wrote {args.output} ({len(entries)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
