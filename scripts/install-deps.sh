#!/usr/bin/env bash
# Installs, from Debian 12's archive, every package sgdc needs to build and test.
# Idempotent: asks dpkg what is already present and runs `apt-get update` and
# `apt-get install` only when something is missing. Must run as root (or via sudo)
# when something is missing; prints nothing else to do otherwise.
set -euo pipefail

packages=(
  # build
  cmake g++ make ninja-build pkg-config
  antlr4 libantlr4-runtime-dev
  llvm-14-dev
  # the archives of LLVM Support's libz and libtinfo, for the static sgdc
  zlib1g-dev libncurses-dev
  libcli11-dev libtomlplusplus-dev
  catch2
  # fuzzing and the clang build (make fuzz): clang 14 and its libFuzzer runtime
  clang-14 libclang-rt-14-dev
  # test-time validators
  python3 python3-jsonschema libxml2-utils xsltproc planner-data tj3
  # docs/ci.md's GitHub Actions workflow, parsed by tests/cli/test_ci_workflow.py; git for `sgdc diff REV REV`
  python3-yaml git
  # report.html opened headless by tests/cli/test_report_html.py; scripts/report-screenshots.sh
  chromium
  # the VS Code extension's grammar test and package (scripts/install-npm-deps.sh)
  nodejs
)
# npm: Debian's package, unless the installed nodejs brings its own.
command -v npm >/dev/null || packages+=(npm)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$pkg")
done

npm_deps="$(dirname "$0")/install-npm-deps.sh"
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exec bash "$npm_deps"
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "install-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
exec bash "$npm_deps"
