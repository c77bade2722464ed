#!/bin/bash
# Takes the screenshots of docs/report.md: builds examples/abilene into a
# temporary folder and photographs report.html and its pictures with
# Debian's headless Chromium. Run from anywhere after `make build`:
#   scripts/report-screenshots.sh            # uses build/compiler/driver/sgdc
#   SGDC=/path/to/sgdc scripts/report-screenshots.sh
# Writes docs/images/report/*.png and nothing else.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sgdc=${SGDC:-$root/build/compiler/driver/sgdc}
images=$root/docs/images/report
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

(cd "$root/examples/abilene" && "$sgdc" build --color never -o "$scratch/out" 2>/dev/null)
mkdir -p "$images"

# shot PAGE WIDTH HEIGHT PNG
shot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$scratch/profile" --window-size="$2,$3" \
    --screenshot="$images/$4" "file://$1" 2>/dev/null
}

# The top of the page: summary, diagnostics, capex.
shot "$scratch/out/report.html" 1400 1100 report-summary.png
# Each picture at its own size (its width and height attributes).
for svg in "$scratch"/out/plan-*.svg "$scratch/out/campus.svg" "$scratch"/out/oneline-*.svg \
  "$scratch/out/gantt.svg"; do
  width=$(sed -n 's/^<svg [^>]* width="\([0-9.]*\)".*/\1/p' "$svg" | head -1)
  height=$(sed -n 's/^<svg [^>]* height="\([0-9.]*\)".*/\1/p' "$svg" | head -1)
  name=$(basename "$svg" .svg)
  shot "$svg" "${width%.*}" "${height%.*}" "$name.png"
done
ls "$images"
