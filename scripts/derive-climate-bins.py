#!/usr/bin/python3
"""Derives a `component climate` entry (stdlib/climate/) from a year of hourly weather.

    scripts/derive-climate-bins.py NAME FILE [--description TEXT] [--station TEXT]
                                             [--source TEXT]

    scripts/derive-climate-bins.py NAME --power-monthly DIR --lat LAT --lon LON
                                             --years FIRST LAST [...]

FILE is one of
  - an NREL TMY3 file (.tmy3 or .csv: the station line, the header line, then
    8,760 rows with `Dry-bulb (C)`, `Dew-point (C)` and `Pressure (mbar)`), as
    NREL publishes them (Wilcox & Marion, User's Manual for TMY3 Data Sets,
    NREL/TP-581-43156, 2008), or
  - an EnergyPlus weather file (.epw: 8 header lines, then hourly rows with
    the dry bulb, dew point and station pressure in fields 7, 8 and 10).

With --power-monthly, DIR holds NASA POWER "Regional Monthly" CSV files
(POWER_Regional_Monthly_*.csv, MERRA-2 parameters T2M, T2M_RANGE, T2MDEW,
T2M_MAX and PS, one file each): the hours are synthesised for the grid cell
at LAT, LON in each month of the years FIRST..LAST, as the month's mean
diurnal cycle (the dry bulb T2M ± T2M_RANGE / 2 on a cosine peaking at
15:00, the dew point T2MDEW, the pressure PS), and each bin holds the mean
hours of those years. Monthly means have no day-to-day spread: the bins'
tails are narrower than a measured year's, and the design day is taken from
the data's monthly extremes instead (the hottest T2M_MAX with that month's
dew point; the most humid month's mean daily maximum).

With --normals CSV (rows: month, mean daily maximum C, mean daily minimum
C, mean relative humidity %, station pressure hPa) the hours are
synthesised the same way from a year of monthly climate normals, the dew
point of each month from its humidity at its mean temperature (Magnus
formula over water, Alduchov and Eskridge 1996), and --design-dry-bulb
gives the design day's dry bulb (with the hottest month's dew point).
Normals hold no extremes: where a measured record of the station gives them,
--design-day DRY WET_AT_DRY WET DRY_AT_WET sets the design day instead (the
hottest hour with its wet bulb, the highest wet bulb with its dry bulb, in C).

It prints the entry on standard output (lay it out with `sgdc fmt` before
committing it). Nothing is downloaded and nothing of the input is kept: the
derived table is committed, the raw data is not.

How the figures are derived (docs/checks.md, "Climate"):
  - each hour's wet bulb from its dry bulb, dew point and station pressure,
    by the psychrometric equations of the ASHRAE Handbook—Fundamentals
    (2017), ch. 1: saturation pressure over water and ice (eqs. 5, 6),
    humidity ratio (eq. 20, 22), and the wet bulb that satisfies the
    adiabatic-saturation balance (eqs. 33, 35), found by bisection;
  - bins 2 K wide with edges at even degrees Celsius ([24 C, 26 C) is the
    bin of 25 C); a bin's wet bulb is the mean of its hours' wet bulbs,
    rounded to 0.1 K and held to the bin's middle dry bulb; bins without
    hours are left out;
  - the design day: the hottest hour of the year with its wet bulb, and the
    hour of the highest wet bulb with its dry bulb, each rounded to 0.1 K.
    A typical year holds no extreme year's hottest hours: the design dry bulb
    of a TMY is lower than the ASHRAE 0.4 % or 20-year extreme values, so a
    design that must ride through those gives its own climate entry.
"""

import argparse
import math
import pathlib
import sys


def saturation_pressure(t):
    """Pa over liquid water (t >= 0 C) or ice (t < 0 C), ASHRAE Fundamentals 2017 ch. 1 eqs. 5, 6."""
    k = t + 273.15
    if t < 0:
        c = (-5.6745359e3, 6.3925247, -9.6778430e-3, 6.2215701e-7, 2.0747825e-9,
             -9.4840240e-13, 4.1635019)
        ln = (c[0] / k + c[1] + c[2] * k + c[3] * k ** 2 + c[4] * k ** 3 + c[5] * k ** 4
              + c[6] * math.log(k))
    else:
        c = (-5.8002206e3, 1.3914993, -4.8640239e-2, 4.1764768e-5, -1.4452093e-8, 6.5459673)
        ln = c[0] / k + c[1] + c[2] * k + c[3] * k ** 2 + c[4] * k ** 3 + c[5] * math.log(k)
    return math.exp(ln)


def humidity_ratio(vapour, pressure):
    """kg/kg from the partial pressure of water vapour (eq. 20)."""
    return 0.621945 * vapour / (pressure - vapour)


def wet_bulb(dry, dew, pressure):
    """The thermodynamic wet bulb (C) of air at `dry` C, dew point `dew` C, `pressure` Pa."""
    dew = min(dew, dry)
    w = humidity_ratio(saturation_pressure(dew), pressure)

    def balance(t):
        ws = humidity_ratio(saturation_pressure(t), pressure)
        if t >= 0:  # eq. 33
            wt = ((2501 - 2.326 * t) * ws - 1.006 * (dry - t)) / (2501 + 1.86 * dry - 4.186 * t)
        else:  # eq. 35
            wt = ((2830 - 0.24 * t) * ws - 1.006 * (dry - t)) / (2830 + 1.86 * dry - 2.1 * t)
        return wt - w

    low, high = dew - 1.0, dry
    for _ in range(60):
        middle = (low + high) / 2
        if balance(middle) > 0:
            high = middle
        else:
            low = middle
    return (low + high) / 2


def read_tmy3(path):
    lines = path.read_text(encoding="latin-1").splitlines()
    header = lines[1].split(",")
    dry, dew, pressure = (header.index(name) for name in
                          ("Dry-bulb (C)", "Dew-point (C)", "Pressure (mbar)"))
    hours = []
    for line in lines[2:]:
        fields = line.split(",")
        if len(fields) > pressure:
            hours.append((float(fields[dry]), float(fields[dew]), float(fields[pressure]) * 100))
    return hours


def read_epw(path):
    hours = []
    for line in path.read_text(encoding="latin-1").splitlines()[8:]:
        fields = line.split(",")
        if len(fields) > 9:
            hours.append((float(fields[6]), float(fields[7]), float(fields[9])))
    return hours


def read_power_monthly(folder, lat, lon, first, last):
    """Hours synthesised from NASA POWER monthly means (see the docstring); and the design day."""
    values = {}
    for path in sorted(folder.glob("POWER_Regional_Monthly_*.csv")):
        lines = path.read_text(encoding="latin-1").splitlines()
        body = lines[lines.index("-END HEADER-") + 1:]
        header = body[0].split(",")
        for line in body[1:]:
            fields = line.split(",")
            if float(fields[2]) != lat or float(fields[3]) != lon or not first <= int(fields[1]) <= last:
                continue
            for month in range(12):
                values[(fields[0], int(fields[1]), month)] = float(fields[header.index("JAN") + month])
    hours, hottest, humid = [], None, None
    for year in range(first, last + 1):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month in range(12):
            mean, spread = values[("T2M", year, month)], values[("T2M_RANGE", year, month)]
            dew, pressure = values[("T2MDEW", year, month)], values[("PS", year, month)] * 1000
            for _ in range(days[month]):
                for hour in range(24):
                    dry = mean + spread / 2 * math.cos(2 * math.pi * (hour - 15) / 24)
                    hours.append((dry, dew, pressure))
            peak = values[("T2M_MAX", year, month)]
            if hottest is None or peak > hottest[0]:
                hottest = (peak, wet_bulb(peak, dew, pressure))
            daily_max = mean + spread / 2
            wet = wet_bulb(daily_max, dew, pressure)
            if humid is None or wet > humid[1]:
                humid = (daily_max, wet)
    # The most humid condition is at least as humid as the hottest one.
    if hottest[1] > humid[1]:
        humid = hottest
    return hours, (hottest, humid), last - first + 1


def dew_point(temperature, humidity):
    """C, by the Magnus formula (Alduchov and Eskridge, 1996)."""
    gamma = math.log(humidity / 100) + 17.625 * temperature / (243.04 + temperature)
    return 243.04 * gamma / (17.625 - gamma)


def read_normals(path, design_dry_bulb):
    """Hours synthesised from monthly normals (see the docstring); and the design day."""
    rows = [line.split(",") for line in path.read_text().splitlines() if line.strip()]
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    hours, humid, hottest_month = [], None, None
    for month, (_, high, low, humidity, pressure) in enumerate(rows):
        high, low, humidity, pressure = float(high), float(low), float(humidity), float(pressure) * 100
        dew = dew_point((high + low) / 2, humidity)
        for _ in range(days[month]):
            for hour in range(24):
                hours.append(((high + low) / 2 + (high - low) / 2 *
                              math.cos(2 * math.pi * (hour - 15) / 24), dew, pressure))
        wet = wet_bulb(high, dew, pressure)
        if humid is None or wet > humid[1]:
            humid = (high, wet)
        if hottest_month is None or high > hottest_month[0]:
            hottest_month = (high, dew, pressure)
    hottest = (design_dry_bulb, wet_bulb(design_dry_bulb, hottest_month[1], hottest_month[2]))
    if hottest[1] > humid[1]:
        humid = hottest
    return hours, (hottest, humid)


def one_decimal(value):
    return f"{round(value + 0.0, 1):.1f}".replace("-0.0", "0.0")


def entry(name, hours, description, station, source, design=None, years=1):
    table = [(dry, wet_bulb(dry, dew, pressure)) for dry, dew, pressure in hours]
    bins = {}
    for dry, wet in table:
        low = 2 * math.floor(dry / 2)
        bins.setdefault(low, []).append(wet)
    hottest, humid = design or (max(table, key=lambda hour: hour[0]),
                                max(table, key=lambda hour: hour[1]))
    middles = sorted(bins)
    # Several years: each bin's share of a 8760 h year, rounded so that they
    # sum to 8760 (largest remainders first).
    counts = {low: len(bins[low]) * 8760 / len(table) for low in middles}
    whole = {low: math.floor(counts[low]) for low in middles}
    short = 8760 - sum(whole.values()) if years > 1 else 0
    for low in sorted(middles, key=lambda low: counts[low] - whole[low], reverse=True)[:short]:
        whole[low] += 1
    middles = [low for low in middles if whole[low] > 0 or years == 1]
    out = [f"component climate {name} {{"]
    for key, value in (("description", description), ("station", station), ("source", source)):
        if value:
            out.append(f'  {key} = "{value}";')
    out.append(f"  design_dry_bulb = {one_decimal(hottest[0])} C;")
    out.append(f"  design_coincident_wet_bulb = {one_decimal(hottest[1])} C;")
    out.append(f"  design_wet_bulb = {one_decimal(humid[1])} C;")
    out.append(f"  design_coincident_dry_bulb = {one_decimal(humid[0])} C;")

    def row(attribute, values):
        out.append(f"  {attribute} = [")
        for start in range(0, len(values), 10):
            out.append("    " + ", ".join(values[start:start + 10]) + ",")
        out.append("  ];")

    row("bin_dry_bulb", [f"{low + 1} C" for low in middles])
    # A bin's mean wet bulb can pass its middle dry bulb only in near-saturated
    # hours at the top of the bin; it is held to the middle.
    row("bin_wet_bulb", [f"{one_decimal(min(sum(bins[low]) / len(bins[low]), low + 1))} C"
                         for low in middles])
    row("bin_hours", [f"{whole[low] if years > 1 else len(bins[low])} h" for low in middles])
    out.append("}")
    return "\n".join(out), len(table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("file", type=pathlib.Path, nargs="?")
    parser.add_argument("--power-monthly", type=pathlib.Path)
    parser.add_argument("--lat", type=float)
    parser.add_argument("--lon", type=float)
    parser.add_argument("--years", type=int, nargs=2)
    parser.add_argument("--normals", type=pathlib.Path)
    parser.add_argument("--design-dry-bulb", type=float)
    parser.add_argument("--design-day", type=float, nargs=4,
                        metavar=("DRY", "WET_AT_DRY", "WET", "DRY_AT_WET"))
    parser.add_argument("--description", default="")
    parser.add_argument("--station", default="")
    parser.add_argument("--source", default="")
    args = parser.parse_args()
    if args.power_monthly:
        hours, design, years = read_power_monthly(args.power_monthly, args.lat, args.lon,
                                                  *args.years)
        text, count = entry(args.name, hours, args.description, args.station, args.source,
                            design, years)
        print(text)
        print(f"{args.name}: {count} hours over {years} years", file=sys.stderr)
        return 0
    if args.normals:
        hours, design = read_normals(args.normals, args.design_dry_bulb
                                     or (args.design_day and args.design_day[0]))
        if args.design_day:
            dry, wet_at_dry, wet, dry_at_wet = args.design_day
            design = ((dry, wet_at_dry), (dry_at_wet, wet))
        text, count = entry(args.name, hours, args.description, args.station, args.source, design)
        print(text)
        print(f"{args.name}: {count} hours", file=sys.stderr)
        return 0
    hours = read_epw(args.file) if args.file.suffix.lower() == ".epw" else read_tmy3(args.file)
    if len(hours) not in (8760, 8784):
        print(f"{args.file}: {len(hours)} hourly rows, not a year", file=sys.stderr)
        return 1
    text, count = entry(args.name, hours, args.description, args.station, args.source)
    print(text)
    print(f"{args.name}: {count} hours", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
