#!/usr/bin/env bash
# Installs the npm packages of the VS Code extension (editors/vscode), exactly
# as its package-lock.json pins them: the language client it ships and the
# TextMate tokeniser its grammar test uses. Runs `npm ci` only when
# node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "install-npm-deps: editors/vscode/node_modules is up to date"
  exit 0
fi
command -v npm >/dev/null || { echo "install-npm-deps: npm is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
echo "install-npm-deps: npm ci in editors/vscode"
npm ci --no-audit --no-fund --loglevel=error
