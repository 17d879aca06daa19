"""Events: which articles of a corpus report on one event, the scope in which claims link.

An article's ``profile`` is what it is about, read from its headline and its figures: the
countries its figures are placed in and its headline names, and the kinds of event its headline
and figure sentences speak of (an earthquake, floods, a storm, a war, a shipwreck, ...; the
words are in ``stats/data/lexicon/events.json``). ``group`` puts articles in one event when they
share a country and a kind of event (an article naming no kind joins on its country alone) and,
taken in date order, each is published within ``max_gap_days`` of the one before; undated
articles join the event of their country and kind. An article placing no figure in a known
country (a small town the gazetteer lacks, no place at all) joins the placed article of its kind
it shares most distinctive numbers with ('78 bodies', '104 survivors'). An event's ``home`` is
the place its articles are mostly about (the countries most of their headlines name).

A pure function of small tuples: profiles are made where the articles are read (a worker
process) and grouped where they are gathered.
"""
from __future__ import annotations

import functools
import re
from array import array
from collections import Counter, defaultdict
from typing import Iterable, NamedTuple

from . import lexicon
from .places import country_of, demonym_country, known_place, place_key

MAX_GAP_DAYS = 365      # a long-running story (a disputed toll revised over a year) stays one event
KIND_SENTENCES = 30     # the figure sentences, from the top, read for the kind of event
HEADLINE_WORD_MIN_POPULATION = 100_000  # a one-word city in a headline: a large one
JOIN_DAYS = 14          # an article naming no country joins one of its kind this close in time


class Profile(NamedTuple):
    """What one article is about."""
    countries: frozenset[str]   # its main countries ('cc:TR'): the headline's, and the most placed
    headline: frozenset[str]    # the countries its headline names
    kinds: frozenset[str]       # kinds of event ('earthquake', 'flood', 'war')
    values: bytes = b""     # its distinctive numbers (104, 78; not 100, 2,000), packed (numbers())


NO_PROFILE = Profile(frozenset(), frozenset(), frozenset())


class Events(NamedTuple):
    """The event of each article (by position) and what each event is about."""
    of_article: list[int]
    home: list[frozenset[str]]        # by event: the countries its headlines name most often
    countries: list[frozenset[str]]   # by event: every main country of its articles


@functools.lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], lexicon.Phrases]:
    data = lexicon.load("events")["kinds"]
    word_kind = {" ".join(lexicon.words(w)): kind for kind, ws in data.items() for w in ws}
    return word_kind, lexicon.Phrases(word_kind)


_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|al-|el-)?[A-Z][\w'’.-]*)*")


def headline_countries(title: str) -> frozenset[str]:
    """Countries a headline names, exactly: 'Death toll rises in Turkey, Syria quake' -> TR, SY;
    a city names its country ('Beirut blast' -> Lebanon), a people too ('Ukrainians flee'), but
    not an adjective ('Russian invasion' says who invaded, not where)."""
    found = set()
    for run in _NAME.findall(title or ""):
        words = re.split(r"\s+", run)
        for name in [run] if len(words) > 1 and _country(run) else words:
            country = _country(name)    # 'Puerto Rico', not 'Puerto' and 'Rico'
            if country:
                found.add(country)
    return frozenset(found)


def _country(name: str) -> str:
    """The country a headline's name places the story in, or '': not an adjective ('Russian
    invasion', who invaded), a possessive ("Russia's war", whose), nor a one-word small town
    (most are also English words: 'Hurricane', 'Deal')."""
    name = name.strip(".,:;")
    if len(name) < 3 or name.endswith(("'s", "’s")) or (
            demonym_country(name) and not name.endswith("s")):
        return ""
    minimum = HEADLINE_WORD_MIN_POPULATION if " " not in name else 0
    return country_of(known_place(name, minimum))


def distinctive(value) -> bool:
    """A number that two articles hardly share by chance: not small, not round (78, 104, 5,102;
    not 12, 300 or 2,000)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return False
    return v == v and v >= 20 and v == int(v) and int(v) % 100 != 0


def packed_numbers(values: Iterable[int]) -> bytes:
    """Numbers as a profile keeps them: sorted, packed (8 bytes each)."""
    return array("Q", sorted(set(values))).tobytes()


def numbers(p: Profile) -> frozenset[int]:
    """An article's distinctive numbers (kept packed: a corpus holds a profile per article)."""
    return frozenset(array("Q", p.values)) if p.values else frozenset()


def profile(title: str, locations: Iterable[str], sentences: Iterable[str],
            values: Iterable = (), main_share: float = 0.5) -> Profile:
    """The profile of an article from its headline and its figures' locations, sentences and
    values: its countries are the headline's and those placed at least ``main_share`` as often
    as the most placed one."""
    word_kind, pattern = _kinds()
    placed: Counter[str] = Counter()
    for location in locations:
        for key in {country_of(k) for k, _ in place_key(location or "")} - {""}:
            placed[key] += 1
    headline = headline_countries(title)
    top = max(placed.values(), default=0)
    countries = headline | {c for c, n in placed.items() if n >= main_share * top}
    kinds: Counter[str] = Counter()
    for phrase in pattern.find(title or ""):
        kinds[word_kind[phrase]] += 3       # the headline says what the story is
    for text in list(dict.fromkeys(sentences))[:KIND_SENTENCES]:
        for kind in {word_kind[phrase] for phrase in pattern.find(text or "")}:
            kinds[kind] += 1
    best = max(kinds.values(), default=0)
    return Profile(frozenset(countries), headline,
                   frozenset(k for k, n in kinds.items() if n >= main_share * best),
                   packed_numbers(int(float(v)) for v in values if distinctive(v)))


def group(profiles: list[Profile], days: list[int | None],
          max_gap_days: int = MAX_GAP_DAYS, join_days: int = JOIN_DAYS) -> Events:
    """The events of a corpus: ``profiles`` and publication ``days`` (ordinals) by article
    position."""
    n = len(profiles)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # articles sharing a country and a kind, in date order; untyped articles join on the country
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    untyped: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for country in p.countries or ("",):    # articles placing nothing share one bucket
            if p.kinds:
                for kind in p.kinds:
                    buckets[(country, kind)].append(i)
            else:
                untyped[country].append(i)
    for members in buckets.values():
        _chain(members, days, max_gap_days, union)
    by_country: dict[str, list[int]] = defaultdict(list)
    for (country, _), members in buckets.items():
        by_country[country].extend(members)
    for country, members in untyped.items():
        _chain(sorted(set(members + by_country.get(country, []))), days, max_gap_days, union,
               joiners=set(members))
    # an article placing nothing in a known country ('Another body recovered, toll rises to
    # 82') joins the placed article of its kind it shares most distinctive numbers with (the
    # nearest in time on a tie), published within ``join_days`` where both are dated
    placed_by_kind: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        if p.countries:
            for kind in p.kinds:
                placed_by_kind[kind].append(i)
    for i, p in enumerate(profiles):
        if p.countries or not p.values:
            continue
        mine = numbers(p)
        best = None
        for j in {j for kind in p.kinds for j in placed_by_kind.get(kind, ())}:
            gap = abs(days[i] - days[j]) if days[i] and days[j] else 0
            shared = len(mine.intersection(numbers(profiles[j])))
            if shared and gap <= join_days and (best is None or (-shared, gap) < best[0]):
                best = ((-shared, gap), j)
        if best is not None:
            union(i, best[1])
    roots = {}
    of_article = [roots.setdefault(find(i), len(roots)) for i in range(n)]
    votes: list[Counter] = [Counter() for _ in roots]
    placed: list[Counter] = [Counter() for _ in roots]
    for i, p in enumerate(profiles):
        votes[of_article[i]].update(p.headline)
        placed[of_article[i]].update(p.countries)
    home = [_home(v, c) for v, c in zip(votes, placed)]
    return Events(of_article, home, [frozenset(c) for c in placed])


def _home(votes: Counter, placed: Counter) -> frozenset[str]:
    """An event's own place: the countries at least half as many of its headlines name as the
    most named one, among those at least half as many of its articles are about as the most
    ('Russia invaded Ukraine' heads a story about Ukraine); else the country most of its
    articles are about."""
    top, most = max(votes.values(), default=0), max(placed.values(), default=0)
    home = frozenset(c for c, n in votes.items() if n >= top / 2 and placed[c] >= most / 2)
    if home or not placed:
        return home
    return frozenset([min(placed.items(), key=lambda x: (-x[1], x[0]))[0]])   # ties: by name


def _chain(members: list[int], days: list[int | None], max_gap: int, union,
           joiners: set[int] | None = None) -> None:
    """Union the articles of one bucket whose dates chain within ``max_gap`` days (undated ones
    join the first). With ``joiners``, only links that touch one of them are made (the others
    are linked by their own buckets)."""
    dated = sorted((days[i], i) for i in members if days[i])
    undated = [i for i in members if not days[i]]
    anchor = dated[0][1] if dated else (undated[0] if undated else None)
    for (d0, a), (d1, b) in zip(dated, dated[1:]):
        if d1 - d0 <= max_gap and (joiners is None or a in joiners or b in joiners):
            union(a, b)
    for i in undated:
        if anchor is not None and (joiners is None or i in joiners or anchor in joiners):
            union(anchor, i)
