#!/usr/bin/python3
"""The report's pictures are legible printed on A3.

Every example that builds is built and every picture sgdc draws (plan-HALL,
campus, gantt, oneline-SITE .svg) is printed, in the test's arithmetic, on
an A3 sheet (420 mm x 297 mm, 10 mm margins: 400 mm x 277 mm to draw on):

- a plan, the campus or a single-line diagram whole on one sheet, in the
  orientation that prints it larger: scale = max(min(400/w, 277/h),
  min(277/w, 400/h)) mm per SVG unit, w and h its viewBox;
- the Gantt charts (gantt.svg, schedule.svg), long tables, fitted to the width of a landscape sheet
  (400/w) and continued on further sheets.

Every label's capital height must then be at least 1.8 mm, the smallest
nominal lettering height h (the height of capitals) of ISO 3098-1:2015, and
no label may run past the picture's right edge (cut off in print; its width
estimated at 0.62 em a character).
A label's capital height is its font size x 0.716 (Arial's cap height per
em; DejaVu Sans, the pictures' first font, has 0.729, so this is the
smaller of the two). Font sizes are resolved as a browser does for these
pictures: the element's style, else the picture's CSS (a `.class` rule
before a `text` rule), else the nearest ancestor's font-size, else 16 px.

For Abilene (5,760 racks in 32 identical halls) the plans are one picture
per hall type: a single plan-*.svg that names the 31 other halls.

Example: Abilene's floor plan is 780 x 1,412 units: portrait prints it at
min(277/780, 400/1412) = 0.283 mm per unit (landscape: min(400/780,
277/1412) = 0.196), so an 11 px label is 11 x 0.283 x 0.716 = 2.23 mm tall.
"""
import pathlib
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
SHEET = (400.0, 277.0)      # A3 landscape less 10 mm margins (mm)
MIN_CAP_HEIGHT = 1.8        # mm, ISO 3098-1:2015's smallest nominal height
CAP_HEIGHT_PER_EM = 0.716   # Arial; DejaVu Sans 0.729


def pixels(value):
    """A font size in px: '11', '11px'; None for anything else."""
    match = re.fullmatch(r"\s*([\d.]+)(px)?\s*", value or "")
    return float(match.group(1)) if match else None


def style_font_size(style):
    match = re.search(r"font-size:\s*([\d.]+)px", style or "")
    return float(match.group(1)) if match else None


def css_rules(root):
    """(kind, name, font size) of the picture's CSS rules that set one:
    kind 'class' for `.name`, 'type' for `text` (a leading #id is the
    picture's own and is dropped)."""
    rules = []
    for style in root.iter(f"{SVG}style"):
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", style.text or ""):
            size = style_font_size(body)
            last = selector.split()[-1] if selector.split() else ""
            if size is None:
                continue
            if last.startswith("."):
                rules.append(("class", last[1:], size))
            elif last == "text":
                rules.append(("type", "text", size))
    return rules


def font_sizes(root):
    """(text, font size in px, right end) of every <text> of the picture; the
    right end is x (after the groups' translations) + the text's estimated
    width, 0.62 em a character (DejaVu Sans averages about 0.6, bold a little
    more), or its textLength when it has one."""
    rules = css_rules(root)
    found = []

    def walk(element, inherited, dx):
        own = style_font_size(element.get("style")) or pixels(element.get("font-size"))
        size = own if own is not None else inherited
        shift = re.match(r"translate\(([-\d.]+)", element.get("transform") or "")
        dx += float(shift.group(1)) if shift else 0.0
        if element.tag == f"{SVG}text":
            classes = (element.get("class") or "").split()
            by_class = [s for kind, name, s in rules if kind == "class" and name in classes]
            by_type = [s for kind, _, s in rules if kind == "type"]
            inline = style_font_size(element.get("style"))
            resolved = inline if inline is not None else (
                by_class[-1] if by_class else by_type[-1] if by_type else size)
            text = "".join(element.itertext())
            width = float(element.get("textLength") or len(text) * 0.62 * resolved)
            found.append((text, resolved, dx + float(element.get("x", 0)) + width))
        for child in element:
            walk(child, size, dx)

    walk(root, 16.0, 0.0)
    return found


def mm_per_unit(root, paged):
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    if paged:
        return SHEET[0] / width
    landscape = min(SHEET[0] / width, SHEET[1] / height)
    portrait = min(SHEET[1] / width, SHEET[0] / height)
    return max(landscape, portrait)


def illegible(svg_text, paged):
    """The labels of a picture whose capitals print under 1.8 mm on A3, or
    that run past its right edge (cut off in print): (text, why)."""
    root = ET.fromstring(svg_text)
    scale = mm_per_unit(root, paged)
    width = float(root.get("viewBox").split()[2])
    found = []
    for text, size, right in font_sizes(root):
        if size * scale * CAP_HEIGHT_PER_EM < MIN_CAP_HEIGHT:
            found.append((text, f"prints {size * scale * CAP_HEIGHT_PER_EM:.2f} mm tall on A3 "
                                f"(< {MIN_CAP_HEIGHT} mm)"))
        if right > width:
            found.append((text, f"runs to about x = {right:.0f}, past the picture's width "
                                f"{width:.0f}"))
    return found


def self_check():
    """The check itself: a 4 px label on a 1,000-unit picture (0.277 mm per
    unit: 4 x 0.277 x 0.716 = 0.79 mm) fails; a 12 px one (2.38 mm) passes;
    a CSS class rule wins over the inherited size."""
    small = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 1000" font-size="12">'
             '<style>#p .tiny{font-size:4px}</style><text class="tiny">a</text>'
             '<text>b</text><g transform="translate(900,0)"><text x="50">' + "c" * 8 +
             '</text></g></svg>')
    found = illegible(small, paged=False)
    # "c" * 8 at 12 px: 950 + 8 x 0.62 x 12 = 1,010 > 1,000.
    return [] if [text[0] for text, _ in found] == ["a", "c"] else [f"self-check: {found}"]


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures, checked = self_check(), []
    with tempfile.TemporaryDirectory() as temp:
        for example in sgdtest.example_projects(args.source_dir):
            out = pathlib.Path(temp) / example.name
            build = sgdtest.run_sgdc(str(pathlib.Path(args.sgdc).resolve()), "build", "--color",
                                     "never", "-o", str(out), cwd=example, timeout=300)
            if build.returncode != 0:
                continue  # frankfurt fails its compliance pack by design
            pictures = sorted(out.glob("*.svg"))
            for picture in pictures:
                for text, why in illegible(picture.read_text(encoding="utf-8"),
                                           paged=picture.name in ("gantt.svg", "schedule.svg"))[:3]:
                    failures.append(f"{example.name}: {picture.name}: '{text[:40]}' {why}")
            if example.name == "abilene":
                plans = [p for p in pictures if p.name.startswith("plan-")]
                if len(plans) != 1 or "(and 31 halls like it)" not in plans[0].read_text():
                    failures.append(f"abilene: plans {[p.name for p in plans]}, not one for its "
                                    f"32 halls")
            checked.append(f"{example.name} ({len(pictures)} pictures)")
    if not checked:
        failures.append("no example built")
    return sgdtest.finish(failures, "ok: labels >= 1.8 mm on A3: " + "; ".join(checked))


if __name__ == "__main__":
    sys.exit(main())
