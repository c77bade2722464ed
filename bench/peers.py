#!/usr/bin/env python3
# Origin: the writer of the peers' programs that came with sgdc's performance issue (22),
# copied unchanged below this header so that the peers benchmark runs from a clone alone. Part of sgdc,
# under the licence of the repository. bench/peers_bench.py imports python_src, jsonnet_src and
# pkl_src; gen_portfolio.py writes the same portfolio as SGD.
"""Write the same parametric campus portfolio as a Pkl, a Jsonnet and a Python program.

Each program expands sites x buildings x halls x rows x racks of GB200 NVL72, sizes UPS (2N),
CDUs and CRAHs (N+1) per hall, generators (N+1) per building and transformers (N+1) per site,
aggregates a BOM per site and prints JSON totals. All three must print the same numbers; those
numbers are also the oracle for sgdc's BOM on the equivalent .sgd design.

usage: peers.py OUTDIR SITES BUILDINGS HALLS ROWS RACKS
"""
import os, sys

P = dict(rack_kw=132, rack_usd=3000000, liquid=0.9, ups_kw=1250, ups_usd=450000,
         cdu_kw=1350, cdu_usd=300000, crah_kw=250, crah_usd=60000, pue=1.2,
         gen_kw=2500, gen_usd=1250000, xfmr_kva=100000, pf=0.95, xfmr_usd=4000000)

def python_src(s, b, h, r, k):
    return f'''import json, math
P = {P!r}
S, B, H, R, K = {s}, {b}, {h}, {r}, {k}
sites = []
grand = 0
for si in range(1, S + 1):
    bom = {{}}
    def add(item, n, usd): bom[item] = bom.get(item, [0, usd]); bom[item][0] += n
    site_kw = 0
    for bi in range(1, B + 1):
        bld_kw = 0
        for hi in range(1, H + 1):
            racks = [(si, bi, hi, ri, ki) for ri in range(1, R + 1) for ki in range(1, K + 1)]
            hall_kw = len(racks) * P["rack_kw"]
            add("gb200_nvl72", len(racks), P["rack_usd"])
            add("ups_1250", 2 * math.ceil(hall_kw / P["ups_kw"]), P["ups_usd"])
            add("cdu_1350", math.ceil(hall_kw * P["liquid"] / P["cdu_kw"] - 1e-9) + 1, P["cdu_usd"])
            add("crah_250", math.ceil(hall_kw * (1 - P["liquid"]) / P["crah_kw"] - 1e-9) + 1, P["crah_usd"])
            bld_kw += hall_kw
        add("gen_2500", math.ceil(bld_kw * P["pue"] / P["gen_kw"] - 1e-9) + 1, P["gen_usd"])
        site_kw += bld_kw
    add("xfmr_100mva", math.ceil(site_kw * P["pue"] / (P["xfmr_kva"] * P["pf"]) - 1e-9) + 1, P["xfmr_usd"])
    total = sum(n * usd for n, usd in bom.values())
    grand += total
    sites.append({{"site": "s%d" % si, "it_kw": site_kw, "lines": {{k: v[0] for k, v in sorted(bom.items())}}, "usd": total}})
print(json.dumps({{"sites": sites, "grand_usd": grand}}, sort_keys=True))
'''

def jsonnet_src(s, b, h, r, k):
    p = ",".join(f"{kk}: {vv}" for kk, vv in P.items())
    return f'''local P = {{{p}}};
local S = {s}, B = {b}, H = {h}, R = {r}, K = {k};
local ceilf(x) = std.ceil(x - 1e-9);
local hall(si, bi, hi) =
  local racks = [[si, bi, hi, ri, ki] for ri in std.range(1, R) for ki in std.range(1, K)];
  local kw = std.length(racks) * P.rack_kw;
  {{ kw: kw, racks: std.length(racks), ups: 2 * std.ceil(kw / P.ups_kw),
    cdu: ceilf(kw * P.liquid / P.cdu_kw) + 1, crah: ceilf(kw * (1 - P.liquid) / P.crah_kw) + 1 }};
local building(si, bi) =
  local hs = [hall(si, bi, hi) for hi in std.range(1, H)];
  local kw = std.foldl(function(a, x) a + x.kw, hs, 0);
  {{ halls: hs, kw: kw, gen: ceilf(kw * P.pue / P.gen_kw) + 1 }};
local sumf(xs, f) = std.foldl(function(a, x) a + f(x), xs, 0);
local site(si) =
  local bs = [building(si, bi) for bi in std.range(1, B)];
  local kw = sumf(bs, function(b) b.kw);
  local hs = std.flattenArrays([b.halls for b in bs]);
  local lines = {{
    gb200_nvl72: sumf(hs, function(h) h.racks), ups_1250: sumf(hs, function(h) h.ups),
    cdu_1350: sumf(hs, function(h) h.cdu), crah_250: sumf(hs, function(h) h.crah),
    gen_2500: sumf(bs, function(b) b.gen), xfmr_100mva: ceilf(kw * P.pue / (P.xfmr_kva * P.pf)) + 1 }};
  local usd = lines.gb200_nvl72 * P.rack_usd + lines.ups_1250 * P.ups_usd + lines.cdu_1350 * P.cdu_usd
    + lines.crah_250 * P.crah_usd + lines.gen_2500 * P.gen_usd + lines.xfmr_100mva * P.xfmr_usd;
  {{ site: "s%d" % si, it_kw: kw, lines: lines, usd: usd }};
local sites = [site(si) for si in std.range(1, S)];
{{ sites: sites, grand_usd: sumf(sites, function(s) s.usd) }}
'''

def pkl_src(s, b, h, r, k):
    p = "\n".join(f"  {kk} = {vv}" for kk, vv in P.items())
    return f'''P {{
{p}
}}
local S = {s}
local B = {b}
local H = {h}
local R = {r}
local K = {k}
local function ceilf(x: Number): Int = (x - 0.000000001).ceil.toInt()
local function hall(si: Int, bi: Int, hi: Int) = new Dynamic {{
  racks = IntSeq(1, R).toList().flatMap((ri) -> IntSeq(1, K).toList().map((ki) -> List(si, bi, hi, ri, ki))).length
  kw = racks * P.rack_kw
  ups = 2 * (kw / P.ups_kw).ceil.toInt()
  cdu = ceilf(kw * P.liquid / P.cdu_kw) + 1
  crah = ceilf(kw * (1 - P.liquid) / P.crah_kw) + 1
}}
local function building(si: Int, bi: Int) = new Dynamic {{
  halls = IntSeq(1, H).toList().map((hi) -> hall(si, bi, hi))
  kw = halls.fold(0, (a, x) -> a + x.kw)
  gen = ceilf(kw * P.pue / P.gen_kw) + 1
}}
local function site(si: Int) = new Dynamic {{
  local bs = IntSeq(1, B).toList().map((bi) -> building(si, bi))
  local hs = bs.flatMap((b) -> b.halls)
  site = "s\\(si)"
  it_kw = bs.fold(0, (a, b) -> a + b.kw)
  lines {{
    gb200_nvl72 = hs.fold(0, (a, h) -> a + h.racks)
    ups_1250 = hs.fold(0, (a, h) -> a + h.ups)
    cdu_1350 = hs.fold(0, (a, h) -> a + h.cdu)
    crah_250 = hs.fold(0, (a, h) -> a + h.crah)
    gen_2500 = bs.fold(0, (a, b) -> a + b.gen)
    xfmr_100mva = ceilf(it_kw * P.pue / (P.xfmr_kva * P.pf)) + 1
  }}
  usd = lines.gb200_nvl72 * P.rack_usd + lines.ups_1250 * P.ups_usd + lines.cdu_1350 * P.cdu_usd
    + lines.crah_250 * P.crah_usd + lines.gen_2500 * P.gen_usd + lines.xfmr_100mva * P.xfmr_usd
}}
sites = IntSeq(1, S).toList().map((si) -> site(si))
grand_usd = sites.fold(0, (a, s) -> a + s.usd)
output {{ renderer = new JsonRenderer {{}} }}
'''

if __name__ == "__main__":
    out, dims = sys.argv[1], [int(x) for x in sys.argv[2:7]]
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, "design.py"), "w").write(python_src(*dims))
    open(os.path.join(out, "design.jsonnet"), "w").write(jsonnet_src(*dims))
    open(os.path.join(out, "design.pkl"), "w").write(pkl_src(*dims))
