#!/usr/bin/python3
"""Every example's peak demand, annual PUE and WUE follow from docs/checks.md.

An independent reading of the formulas of docs/checks.md ("Heat path",
"Climate", "Energy"), written from the document, not from the compiler: for
each example project it takes the design as `sgdc dump model --format json --expand`
prints it (structures, equipment lines, catalog entries, and the IT, liquid
and air heat of each structure) and the site's climate from stdlib/climate/,
works out the loops, the design day and the year in exact fractions, and
compares its peak demand, peak and annual PUE, annual energy and WUE with the
`figures.energy` the compiler printed. It handles the plant the examples use:
CDUs and air coils, chillers with COP curves and free-cooling coils, towers,
dry and adiabatic coolers; it fails on anything else rather than guess.
"""
import json
import math
import pathlib
import re
import sys
from fractions import Fraction

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
import sgdtest  # noqa: E402

# docs/checks.md, "Heat path" and "Water"
G = Fraction(980665, 100000)   # m/s2
C_WATER = Fraction(4180)       # J/(kg K)
H_FG = Fraction(2430000)       # J/kg, water near 30 C; 1 kg = 1 L
RHO_AIR = Fraction(12, 10)     # kg/m3
C_AIR = Fraction(1006)         # J/(kg K)

UNITS = {
    "W": 1, "kW": 1000, "MW": 10**6, "GW": 10**9, "C": 1, "K": 1, "m": 1, "m2": 1,
    "W/m2": 1, "kW/m2": 1000, "h": 1, "m3/s": 1, "L/min": Fraction(1, 60000), "%": Fraction(1, 100),
}


def number(text):
    """A quantity as model.json prints it ("1.35 MW", "0.97", "-5 C"), in SI."""
    parts = str(text).split()
    value = Fraction(parts[0])
    return value * UNITS[parts[1]] if len(parts) > 1 else value


def rounded(value):
    """To the nearest integer, halves away from zero."""
    whole = math.floor(abs(value) + Fraction(1, 2))
    return Fraction(whole if value >= 0 else -whole)


def climate_of(source_dir, qualified):
    """The entry `module.name` of stdlib/climate/module.sgd, or of the design."""
    module, name = qualified.split(".")
    text = (source_dir / "stdlib/climate" / f"{module}.sgd").read_text(encoding="utf-8")
    body = re.search(r"component climate " + name + r" \{(.*?)\n\}", text, re.S).group(1)

    def one(key):
        return Fraction(re.search(r"\b" + key + r"\s*=\s*(-?[\d.]+) C;", body).group(1))

    def values(key):
        listed = re.search(r"\b" + key + r"\s*=\s*\[(.*?)\];", body, re.S).group(1)
        return [Fraction(v) for v in re.findall(r"(-?[\d.]+) [Ch]", listed)]
    bins = list(zip(values("bin_dry_bulb"), values("bin_wet_bulb"), values("bin_hours")))
    return {
        "hottest": (one("design_dry_bulb"), one("design_coincident_wet_bulb")),
        "humid": (one("design_coincident_dry_bulb"), one("design_wet_bulb")),
        "bins": bins,
    }


class Design:
    def __init__(self, model):
        self.catalog = {entry["name"]: entry for entry in model["catalog"]}
        self.figures = {node["path"]: node for node in model["figures"]["nodes"]}
        self.nodes = []  # depth first: dicts with path, parent, level, attributes, blocks, lines

        def walk(node, parent):
            if node["level"] == "row":
                if node["equipment"] or any(b["kind"] == "cooling" for b in node["blocks"]):
                    raise sgdtest.Failure(f"{node['path']}: a row with plant; not handled here")
                return
            index = len(self.nodes)
            self.nodes.append({"path": node["path"], "parent": parent, "level": node["level"],
                               "attributes": node["attributes"], "blocks": node["blocks"],
                               "lines": node["equipment"], "children": []})
            if parent is not None:
                self.nodes[parent]["children"].append(index)
            for child in node["children"]:
                walk(child, index)
        for top in model["nodes"]:
            walk(top, None)

    def entry(self, line):
        return self.catalog[line["entry"]]["attributes"]

    def heat(self, index, what):
        return number(self.figures[self.nodes[index]["path"]][what])

    def own(self, index, what):
        return self.heat(index, what) - sum(self.heat(c, what) for c in self.nodes[index]["children"])

    def setting(self, index, name):
        """A `cooling` attribute of the structure or the nearest above."""
        while index is not None:
            for block in self.nodes[index]["blocks"]:
                if block["kind"] == "cooling" and name in block["attributes"]:
                    return number(block["attributes"][name])
            index = self.nodes[index]["parent"]
        return None


def cop_at(entry, lift):
    lifts = [number(v) for v in entry["curve_lift"]]
    cops = [number(v) for v in entry["curve_cop"]]
    if lift <= lifts[0]:
        return cops[0]
    for i in range(1, len(lifts)):
        if lift <= lifts[i]:
            return cops[i - 1] + (cops[i] - cops[i - 1]) * (lift - lifts[i - 1]) / (lifts[i] - lifts[i - 1])
    return cops[-1]


def leaving_water(device, dry, wet):
    """What a tower or dry cooler makes: wet bulb + approach, or (pad outlet) dry bulb + approach."""
    if device["kind"] == "cooling_tower":
        return wet + number(device["attributes"]["approach"]), dry
    attributes = device["attributes"]
    approach = number(attributes["leaving_water"]) - number(attributes["design_ambient"])
    inlet = dry
    if "adiabatic_above" in attributes and dry > number(attributes["adiabatic_above"]):
        inlet = dry - number(attributes["adiabatic_efficiency"]) * (dry - wet)
    return inlet + approach, inlet


def evaporated(device, heat, dry, inlet):
    """L/h a tower or adiabatic cooler evaporates rejecting `heat` W."""
    attributes = device["attributes"]
    if device["kind"] == "cooling_tower":
        cycles = number(attributes["cycles"])
        return rounded(heat / H_FG * cycles / (cycles - 1) * 3600 * 1000) / 1000
    if inlet >= dry:
        return Fraction(0)
    air = RHO_AIR * number(attributes["airflow"]) * heat / number(attributes["capacity"])
    return rounded(air * C_AIR * (dry - inlet) / H_FG * 3600 * 1000) / 1000


def scaled(power, load, capacity):
    return rounded(power * load / capacity)


def analyse(design, site, climate):
    """Peak demand (W), annual energy (Wh), annual IT energy (Wh), water (L)."""
    nodes = design.nodes
    members = [site]
    stack = list(nodes[site]["children"])
    while stack:
        index = stack.pop()
        members.append(index)
        stack.extend(nodes[index]["children"])
    members.sort()
    # Fixed loads.
    ups_loss, lighting, transformers, aux = {}, {}, {}, {}
    for index in members:
        node = nodes[index]
        ups = [line for line in node["lines"] if line["kind"] == "ups"]
        ups_loss[index] = Fraction(0)
        if ups and "efficiency" in design.entry(ups[0]):
            eta = number(design.entry(ups[0])["efficiency"])
            ups_loss[index] = rounded(design.heat(index, "it_power") * (1 - eta) / eta)
        attributes = node["attributes"]
        lighting[index] = Fraction(0)
        if node["level"] == "hall" and "area" in attributes and "lighting" in attributes:
            lighting[index] = rounded(number(attributes["area"]) * number(attributes["lighting"]))
        aux[index] = number(attributes["auxiliary_power"]) if "auxiliary_power" in attributes else 0
        transformers[index] = [number(design.entry(line)["efficiency"]) for line in node["lines"]
                               if line["kind"] == "transformer" and "efficiency" in design.entry(line)]
    # Consumers: each structure's liquid heat to the nearest CDU line at or
    # above it, its air-side heat to the nearest CRAH or rear door.
    consumers = []
    carried_liquid = {index: Fraction(0) for index in members}
    carried_air = {index: Fraction(0) for index in members}
    for index in reversed(members):
        carried_liquid[index] += design.own(index, "liquid_heat")
        carried_air[index] += design.own(index, "air_heat") + ups_loss[index] + lighting[index]
        for kinds, carried, coil in ((("cdu",), carried_liquid, False),
                                     (("crah", "rdhx"), carried_air, True)):
            lines = [line for line in nodes[index]["lines"] if line["kind"] in kinds]
            if lines and carried[index] > 0:
                entry = design.entry(lines[0])
                heat = carried[index]
                power = scaled(number(entry.get("input_power", "0")), heat, number(entry["capacity"]))
                if coil and design.setting(index, "chilled_water") is not None:
                    medium = "chilled_water"
                    supply = design.setting(index, "chilled_water")
                    spread = design.setting(index, "chilled_water_range")
                else:
                    medium = "facility_water"
                    supply = design.setting(index, "supply_water")
                    spread = design.setting(index, "water_range")
                    if design.setting(index, "return_water") is not None:
                        spread = design.setting(index, "return_water") - supply
                consumers.append({"node": index, "heat": heat, "power": power, "medium": medium,
                                  "supply": supply, "range": spread})
                carried[index] = Fraction(0)
        parent = nodes[index]["parent"]
        if parent is not None and parent in carried_liquid:
            carried_liquid[parent] += carried_liquid[index]
            carried_air[parent] += carried_air[index]
        elif carried_liquid[index] or carried_air[index]:
            raise sgdtest.Failure(f"{nodes[index]['path']}: heat reaches no consumer")
    # Loops: the plant lines of a structure, each serving one medium.
    loops = {}
    for index in members:
        plant = [line for line in nodes[index]["lines"]
                 if line["kind"] in ("chiller", "cooling_tower", "dry_cooler")]
        for line in plant:
            serves = line["attributes"].get("serves")
            if serves is None:
                below = {c["medium"] for c in consumers if c["node"] >= index and
                         design.nodes[c["node"]]["path"].startswith(nodes[index]["path"])}
                water_cooled = any(p["kind"] == "chiller" and design.entry(p).get("condenser") != "air"
                                   for p in plant)
                if line["kind"] == "chiller":
                    serves = "chilled_water" if "chilled_water" in below else "facility_water"
                elif water_cooled:
                    serves = "condenser_water"
                else:
                    serves = "facility_water" if ("facility_water" in below or
                                                  "chilled_water" not in below) else "chilled_water"
            loops.setdefault((index, serves), []).append(line)
    served = []
    for consumer in consumers:
        index = consumer["node"]
        while (index, consumer["medium"]) not in loops:
            index = nodes[index]["parent"]
            if index is None:
                raise sgdtest.Failure(f"{nodes[consumer['node']]['path']}: no plant serves "
                                      f"{consumer['medium']}")
        consumer["plant"] = index
    for (index, medium), lines in sorted(loops.items()):
        if medium == "condenser_water":
            continue
        mine = [c for c in consumers if c["plant"] == index and c["medium"] == medium]
        coldest = min(mine, key=lambda c: c["supply"])
        head, eta = design.setting(index, "pump_head"), design.setting(index, "pump_efficiency")
        carried = sum(c["heat"] + c["power"] for c in mine)
        pumps = rounded(G * head * carried / (C_WATER * coldest["range"] * eta))
        chiller = next((l for l in lines if l["kind"] == "chiller"), None)
        direct = [l for l in lines if l["kind"] != "chiller"]
        condenser = loops.get((index, "condenser_water"), [])
        served.append({"plant": index, "supply": coldest["supply"], "range": coldest["range"],
                       "heat": carried + pumps, "pumps": pumps, "head": head, "eta": eta,
                       "condenser_range": design.setting(index, "condenser_range"),
                       "chiller": chiller and design.entry(chiller),
                       "free": chiller is not None and (
                           design.entry(chiller).get("free_cooling") is True or
                           chiller["attributes"].get("free_cooling") is True),
                       "direct": direct and {"kind": direct[0]["kind"], "attributes": design.entry(direct[0])},
                       "condenser": condenser and {"kind": condenser[0]["kind"],
                                                   "attributes": design.entry(condenser[0])}})

    def hour(dry, wet):
        """Total facility power (W) and water (L/h) on an hour of this weather."""
        drawn = {index: Fraction(0) for index in members}
        water = Fraction(0)
        for loop in served:
            heat = loop["heat"]
            power = loop["pumps"]
            ret = loop["supply"] + loop["range"]
            if loop["chiller"] is None:
                device = loop["direct"]
                _, inlet = leaving_water(device, dry, wet)
                power += scaled(number(device["attributes"].get("input_power", "0")), heat,
                                number(device["attributes"]["capacity"]))
                water += evaporated(device, heat, dry, inlet)
            else:
                chiller = loop["chiller"]
                air_cooled = chiller.get("condenser") == "air"
                free_water = None
                if loop["direct"]:
                    free_water, _ = leaving_water(loop["direct"], dry, wet)
                elif loop["free"]:
                    base = dry if air_cooled else leaving_water(loop["condenser"], dry, wet)[0]
                    free_water = base + number(chiller.get("free_cooling_approach", "0 K"))
                share = Fraction(0)
                if free_water is not None:
                    share = min(max((ret - free_water) / loop["range"], Fraction(0)), Fraction(1))
                free = rounded(heat * share)
                mechanical = heat - free
                chillers = Fraction(0)
                if mechanical > 0:
                    condenser_in = dry if air_cooled else leaving_water(loop["condenser"], dry, wet)[0]
                    chillers = rounded(mechanical / cop_at(chiller, condenser_in - loop["supply"]))
                power += chillers
                if loop["direct"]:
                    device = loop["direct"]
                    if free > 0:
                        _, inlet = leaving_water(device, dry, wet)
                        power += scaled(number(device["attributes"].get("input_power", "0")), free,
                                        number(device["attributes"]["capacity"]))
                        water += evaporated(device, free, dry, inlet)
                elif air_cooled:
                    power += scaled(number(chiller.get("free_cooling_power", "0 W")), free,
                                    number(chiller["capacity"]))
                if not air_cooled:
                    device = loop["condenser"]
                    rejected = mechanical + chillers + (0 if loop["direct"] else free)
                    power += rounded(G * loop["head"] * rejected /
                                     (C_WATER * loop["condenser_range"] * loop["eta"]))
                    power += scaled(number(device["attributes"].get("input_power", "0")), rejected,
                                    number(device["attributes"]["capacity"]))
                    _, inlet = leaving_water(device, dry, wet)
                    water += evaporated(device, rejected, dry, inlet)
            drawn[loop["plant"]] += power
        for consumer in consumers:
            drawn[consumer["node"]] += consumer["power"]
        total = {}
        for index in reversed(members):
            value = (design.own(index, "it_power") + ups_loss[index] + lighting[index] + aux[index]
                     + drawn[index] + sum(total[c] for c in nodes[index]["children"]))
            for eta in transformers[index]:
                value += rounded(value * (1 - eta) / eta)
            total[index] = value
        return total[site], water

    peak = max(hour(*climate["hottest"])[0], hour(*climate["humid"])[0])
    energy, water = Fraction(0), Fraction(0)
    for dry, wet, hours in climate["bins"]:
        power, litres = hour(dry, wet)
        energy += power * hours
        water += litres * hours
    it_energy = design.heat(site, "it_power") * sum(hours for _, _, hours in climate["bins"])
    return peak, energy, it_energy, water


def agrees(exact, printed):
    """Whether `exact` rounds to `printed` at the digits printed ("1.30132",
    "1.3013216", "951825053")."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    scale = Fraction(10) ** decimals
    return rounded(exact * scale) == Fraction(printed) * scale


def main() -> int:
    args = sgdtest.arguments(__doc__)
    failures, checked = [], []
    for project in sgdtest.example_projects(args.source_dir):
        toml = (project / "sgd.toml").read_text(encoding="utf-8")
        entries = re.findall(r'"([^"]+\.sgd)"', re.search(r"^entry\s*=(.*)$", toml, re.M).group(1))
        result = sgdtest.run_sgdc(args.sgdc, "dump", "model", *entries, "--format", "json",
                                  "--expand", cwd=project, timeout=300)
        try:
            model = json.loads(result.stdout)
        except json.JSONDecodeError:
            failures.append(f"{project.name}: `sgdc dump model` printed no JSON:\n{result.stderr[:2000]}")
            continue
        design = Design(model)
        printed = {site["path"]: site for site in model["figures"]["energy"]}
        for index, node in enumerate(design.nodes):
            if node["parent"] is not None or "climate" not in node["attributes"]:
                continue
            try:
                climate = climate_of(args.source_dir, node["attributes"]["climate"])
                peak, energy, it_energy, water = analyse(design, index, climate)
            except sgdtest.Failure as failure:
                failures.append(f"{project.name}: {failure}")
                continue
            it = design.heat(index, "it_power")
            site = printed[node["path"]]
            mine = {
                "peak demand (W)": peak,
                "peak PUE": peak / it,
                "annual PUE": energy / it_energy,
                "annual energy (MWh)": energy / 10**6,
                "WUE (L/kWh)": water / (it_energy / 1000),
            }
            theirs = {
                "peak demand (W)": str(number(site["peak_demand"])),
                "peak PUE": site["peak_pue"],
                "annual PUE": site["annual_pue"],
                "annual energy (MWh)": site["annual_energy"].split()[0],
                "WUE (L/kWh)": site["wue"].split()[0],
            }
            for key in mine:
                if not agrees(mine[key], theirs[key]):
                    failures.append(f"{project.name}: site {node['path']}: {key} by hand "
                                    f"{float(mine[key]):.9g}, sgdc {theirs[key]}")
            checked.append(f"{project.name} (peak PUE {theirs['peak PUE']}, annual "
                           f"{theirs['annual PUE']}, WUE {theirs['WUE (L/kWh)']})")
    if not checked:
        failures.append("no example site names a climate")
    return sgdtest.finish(failures, "ok: the energy figures of docs/checks.md reproduce "
                          + "; ".join(checked))


if __name__ == "__main__":
    sys.exit(main())
