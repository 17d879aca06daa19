"""Claims: which figures, across articles and within one, report the same count.

Reprints (syndicated copies, which count as one source) are found by ``stats.reprints``; the
articles about one event by ``stats.events``; what a location names by ``stats.places``.

``Linker`` / ``link_claims(figures, articles)``
    Gives figures that report the same count one ``claim`` id and builds the claims table.
    What linking needs of a figure (``mention_key``: its category, subject classes, place,
    period, value interval, a hash of its sentence) and of an article (``events.profile``) is
    made where they are found; the ``Linker`` keeps them in arrays, about 70 bytes a figure.
    Articles are grouped into events; figures are put in blocks by (event, category, subject
    classes, unit, kind, place at the event's level), so no figure is ever compared with one of
    another block, and blocks can be clustered in parallel. Within a block, mentions that say
    the same are one node; nodes are merged best first (same number, then agreeing periods,
    then nearer values), each node compared with at most ``max_candidates`` others of similar
    value, and two groups merge only if all their mentions are compatible (complete linkage).

What makes two figures one count (the word lists live in ``stats/data/claims_*.json``):

* the event: their articles report on one event (``stats.events``: a shared country and kind
  of event, dates close). A toll quoted from another event stays apart by its place or year.
* category: equal, and not ``other``; unit: both counts, or the same unit ('percentage');
  kind: a rate ('per day') is not a total, a projection ('are expected to') not a count.
* place, at the level the event's articles speak of it: a town, its province and its country
  are one place ('Pylos', 'southern Greece', 'Greece'), "the country" / "the island" is the
  article's own place, "neighbouring countries" and "abroad" are the whole an origin country's
  refugees reached. A place stays apart from its country when an article of the event gives a
  count of the category for both, a different one (a breakdown: 'Sindh 70' of 'Pakistan 304'),
  and countries never merge ('Turkey' is not 'Turkey and Syria', 'Poland' not the total).
* subject: equal sets of head-noun classes ('civilians', 'people', 'residents' are people;
  'dead', 'deaths', 'bodies' are people in a count of the dead; children, soldiers are not), and
  the same nationalities other than the event's own ('Pakistani victims' of a Greek shipwreck).
* values may move and disagree across articles (a running toll, an official count and a study's
  estimate): values are free between articles, but one article's different numbers are
  different counts unless its sentence says the count moved ('rose from 16 to 34').
* period: years, where both give one, agree; otherwise periods only rank the candidates.

Independent sources: the articles of a claim after collapsing every reprint onto the article it
copies and every article onto its outlet when the outlet is known (an outlet repeating its own
figure is one voice, not several).
"""
from __future__ import annotations

import functools
import logging
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from array import array
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

from . import events, lexicon
from .dates import parse_iso
from .places import (DATA_DIR, _check_words, _fold, _load_json, _norm_phrase, _singular,
                     country_of, demonym_country, known_place, place_key, region_of)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CLAIM_COLUMNS", "ClaimOptions", "Linker", "MentionKey", "link_claims", "mention_key",
           "place_key", "subject_key", "period_key", "value_interval"]

log = logging.getLogger(__name__)

CLAIM_COLUMNS = ("claim", "category", "subject", "location", "period", "articles", "outlets",
                 "sources", "low", "high", "spread", "first_date", "last_date", "article_ids", "mentions", "unit")

UNLINKED_CATEGORIES = frozenset({""})


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """Thresholds of claim linking, checked when built."""

    value_tolerance: float = 1.5        # how far apart one article's intervals may be and be one count
    value_reach: float = 300.0          # how far apart two articles' values may be (a toll that grows)
    open_bound_factor: float = 2.0      # 'at least 12' is read as 12 .. 24; 'up to 50' as 25 .. 50
    approx_margin: float = 0.15         # 'some 4 million' is 4M +- 15%; 'nearly 350,000' 85%..100%
    min_mentions: int = 2               # mentions a claim needs
    max_candidates: int = 64            # nodes (mentions saying the same) compared with each one

    def __post_init__(self) -> None:
        checks = {
            "value_tolerance": self.value_tolerance >= 1,
            "value_reach": self.value_reach >= self.value_tolerance,
            "open_bound_factor": self.open_bound_factor >= 1,
            "approx_margin": 0 <= self.approx_margin < 1,
            "min_mentions": self.min_mentions >= 2,
            "max_candidates": self.max_candidates >= 1,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ValueError(f"ClaimOptions: invalid value for {', '.join(bad)}: "
                             + ", ".join(f"{n}={getattr(self, n)!r}" for n in bad))


DEFAULT_OPTIONS = ClaimOptions()


# --------------------------------------------------------------------------- data files

@dataclass(frozen=True, slots=True)
class _Lexicon:
    subject_class: dict[str, str]       # normalised noun or two-word phrase -> class
    default_subject: str
    same_as_default: dict[str, frozenset[str]]  # class -> categories where it is the default class
    subject_cut: frozenset[str]
    subject_skip: frozenset[str]
    period_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    period_compatible: frozenset[frozenset[str]]
    period_synonym: dict[str, str]
    period_stop: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    subj_name, period_name = "claims_subjects.json", "claims_periods.json"
    subj = _load_json(subj_name, {"default_class": str, "cut_before": list, "skip": list,
                                  "classes": dict, "same_as_default_in": dict})
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
        period_kinds=kinds,
        period_compatible=frozenset(compatible),
        period_synonym=synonym,
        period_stop=words(periods, "stop", period_name, _singular),
        months=words(periods, "months", period_name),
        weekdays=words(periods, "weekdays", period_name),
    )


@functools.lru_cache(maxsize=1)
def _accruing() -> frozenset[str]:
    """Categories whose counts grow as an event goes on (the dead, the displaced, homes lost)."""
    return frozenset(lexicon.load("linking")["accruing_categories"])


def _grows(category: str, qualifier: str, around: str) -> int:
    """``MentionKey.grows`` of a figure: its category, its qualifier, the words around it."""
    if category not in _accruing():
        return 0
    return 1 if qualifier == "vague" or _cues()["attack"].search(around) else 2


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    """The sentence cues of linking (stats/data/lexicon/linking.json), as patterns."""
    data = lexicon.load("linking")
    return {name: re.compile(lexicon.alternation(data[name], boundary=True), re.IGNORECASE)
            for name in ("moving", "rate", "projection", "attack")}


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
            country = demonym_country(w)
            if country:
                sides.add(known_place(country))
        pair = " ".join(words[-2:])
        if len(words) > 1 and pair in lex.subject_class:
            classes.add(lex.subject_class[pair])
        elif words[-1] in lex.subject_class:
            classes.add(lex.subject_class[words[-1]])
        elif demonym_country(words[-1]):        # 'Syrians', 'Afghans' are people
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


# --------------------------------------------------------------------------- linking

class MentionKey(NamedTuple):
    """What linking needs of one figure, made where the figure is found (a worker process): a
    plain tuple, small to send, with no sentence in it."""
    block: tuple                 # (category, subject classes, unit key, kind)
    place: tuple                 # place_key of its location
    sides: frozenset[str]        # nationalities in the subject ('cc:PK')
    period: str                  # as written
    interval: tuple[float, float]
    value: float
    sentence: int                # 32-bit hash of the sentence (0: unknown)
    start: int
    moving: bool                 # its sentence speaks of a running or disputed count ('rose to')
    grows: int                   # 0: a count that does not grow as an event goes on (people on
                                 # board); 1: one that does (the dead); 2: and a number of it
                                 # (not a vague amount, not one attack's toll)
    when: tuple[int, int] | None  # the period as day ordinals (period_start/end), if resolved
    subject: str                 # as written, for the claims table
    location: str
    unit: str


def _around(sentence: str, surface: str, before: int = 80, after: int = 60) -> str:
    """The words around a figure in its sentence (the sentence if the figure is not found)."""
    at = sentence.find(surface) if surface else -1
    return sentence if at < 0 else sentence[max(0, at - before):at + len(surface) + after]


def figure_kind(sentence: str, surface: str) -> str:
    """'rate' for a figure the words around make a rate ('200 a day'), 'projection' for one they
    make a projection ('200,000 are expected to arrive'), else ''."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return ""
    cues = _cues()
    after = sentence[at + len(surface):at + len(surface) + 40]
    if cues["rate"].match(re.sub(r"^\s*(?:[\w-]+\s+){0,2}?(?=(?:a|an|per|each|every|daily|weekly|monthly|annually|on)\b)", "", after, flags=re.I)):
        return "rate"
    around = sentence[max(0, at - 40):at + len(surface) + 40]
    return "projection" if cues["projection"].search(around) else ""


def mention_key(category, location, subject, period, value, low, high, qualifier, unit,
                sentence="", start=0, surface="", period_start="", period_end="",
                options: ClaimOptions = DEFAULT_OPTIONS) -> MentionKey | None:
    """The linking key of a figure (its figures-table fields), or None when it cannot be
    linked: no category, 'other' with no subject, or no value. A figure with no place takes
    its article's."""
    category = _text(category)
    if category in UNLINKED_CATEGORIES or (category == "other" and not _text(subject)):
        return None     # 'other' says nothing of what is counted: only its subject does
    location = _text(location)
    interval = value_interval(value, low, high, _text(qualifier), options)
    if interval is None:
        return None
    subject, unit, sentence = _text(subject), _text(unit), _text(sentence)
    classes, sides = subject_key(subject, category)
    kind = figure_kind(sentence, _text(surface))
    first, last = parse_iso(period_start), parse_iso(period_end)
    return MentionKey((category, classes, unit_key(unit), kind), place_key(location), sides,
                      _text(period), interval, _num(value),
                      zlib.crc32(sentence.encode()) if sentence else 0, int(_num(start) or 0),
                      bool(_cues()["moving"].search(_around(sentence, _text(surface)))),
                      _grows(category, _text(qualifier), _around(sentence, _text(surface))),
                      (first.toordinal(), last.toordinal()) if first and last else None,
                      subject, location, unit)


@dataclass(slots=True)
class _Mention:
    index: int              # position in the block as sent
    article: int            # article position in the corpus
    order: tuple[int, int]  # (article position, start)
    sentence: int
    period: PeriodKey
    interval: tuple[float, float]
    value: float
    moving: bool
    grows: int
    war: bool                       # its event is a war
    when: tuple[int, int] | None    # day ordinals of its period
    region: int                     # its province or state where known (0: not known)
    sides: frozenset[str]           # nationalities other than the event's own
    published: int | None           # day ordinal of its article's date


@dataclass(slots=True)
class _Node:
    """Mentions of one block that say the same (value, bounds, period) in different places, so
    every two of them are compatible: they are linked, or not, together. A figure repeated by a
    hundred articles is one node, not 4,950 pairs."""
    first: _Mention                         # its earliest mention: what the node says
    articles: dict[int, list[_Mention]]     # article position -> its mentions here

    @property
    def mentions(self) -> list[_Mention]:
        return [m for ms in self.articles.values() for m in ms]


def _nodes(block: list[_Mention]) -> list[_Node]:
    """The mentions of a block (in reading order) grouped into nodes, in order of first mention."""
    nodes: list[_Node] = []
    same: dict[tuple, list[_Node]] = defaultdict(list)
    for m in block:
        says = (m.interval, m.value, m.period, m.when, m.region, m.moving, m.grows, m.sides)
        for node in same[says]:
            if all(_one_count(m, x) for x in node.articles.get(m.article, ())):
                break
        else:
            node = _Node(m, {})
            nodes.append(node)
            same[says].append(node)
        node.articles.setdefault(m.article, []).append(m)
    return nodes


def _one_count(m: _Mention, n: _Mention) -> bool:
    """Whether two mentions of one article may be one count: words that speak of a running or
    disputed count ('rose from 16 to 34'), else, in two sentences, the same number or different
    numbers for one period (a writer giving two counts of one kind tells them apart by their
    periods: '12 killed overnight', '500 since April'); for a count that does not grow, one
    period named (750 on board and 104 rescued, no period, are two counts)."""
    if m.order == n.order:
        return False
    if m.moving or n.moving:
        return True
    if m.sentence and m.sentence == n.sentence:
        return False    # 'five killed in Kharkiv and five more in Izium': two counts
    return math.isclose(m.value, n.value, rel_tol=0.01) or (
        bool(m.grows or not m.period.empty) and _period_score(m.period, n.period) == 1.0)


def _apart(x: _Node, y: _Node, options: ClaimOptions) -> bool:
    """True when two nodes of one block sharing an article cannot be one count: that article
    gives both, as two counts (``_one_count``)."""
    return any(not all(_one_count(m, n)
                       for m in x.articles[art] for n in y.articles[art])
               for art in x.articles.keys() & y.articles.keys())


class _Group:
    """What a claim being built says, for the checks that span all its mentions."""
    __slots__ = ("regions", "sides", "years", "implied", "since", "incident", "running", "days",
                 "kinds", "lo", "hi", "events", "published")

    def __init__(self, node: _Node):
        m = node.first
        self.regions = {m.region} - {0}             # provinces named: at most one
        self.years = [m.period.slots[2]] if m.period.slots[2] else []
        # a count with no year in its words is of the years it was published in
        self.implied = set() if self.years else {
            date.fromordinal(x.published).strftime("%Y") for x in node.mentions if x.published}
        self.since = [m.when[0]] if m.when and m.period.kind == "since" else []
        # a count of one short event ('12 killed on Thursday'), not a running total
        self.incident = m.period.kind == "day" and not m.moving and m.war
        # a count that grows as an event goes on, said to run or be disputed ('the toll rose
        # to', 'since April'), or a number of it ('792 dead'): across articles, it may move
        self.running = m.grows == 2 or bool(m.grows) and (m.moving or m.period.kind == "since")
        self.days = ({m.when[0]} if m.when else set(m.period.slots[1])) if self.incident else set()
        self.kinds = {m.period.kind} - {""}
        self.lo, self.hi = m.interval
        self.sides = [m.sides] if m.sides else []
        self.events = [m.when] if self.incident and m.when else []     # its short events' days
        days = [x.published for x in node.mentions if x.published]
        self.published = (min(days), max(days)) if days else None

    def allows(self, other: _Group, options: ClaimOptions) -> bool:
        """Whether the two claims can be one count: one province at most, the same year, the
        same start ('since April' is not 'since December'); two counts of short events only on
        one day; numbers that disagree only where a count is said to run or be disputed."""
        if len(self.regions | other.regions) > 1:
            return False
        if any(not a & b for a in self.sides for b in other.sides):
            return False    # 'Turkish soldiers' are not 'Syrian soldiers'
        if _far(self.events, other.published) or _far(other.events, self.published):
            return False    # 'on Saturday' (11 May) is not a count published in July
        if any(not a & b for a in self.years for b in other.years):
            return False
        if any(years and not years & other.implied for years in self.years) and other.implied or \
                any(years and not years & self.implied for years in other.years) and self.implied:
            return False    # '695,000 in all of 2015' is not the total a 2019 article gives
        since = self.since + other.since
        if since and max(since) - min(since) > SINCE_SLACK_DAYS:
            return False
        if self.incident and other.incident:
            if len(self.days | other.days) > 1:
                return False    # 'on Thursday' is not 'on Saturday'
        else:
            if (self.incident or other.incident) and "since" in self.kinds | other.kinds:
                # '78 found on Wednesday' and '78 since Wednesday' agree; 'since December' not
                starts = self.since + other.since
                days = [a for a, _ in self.events + other.events]
                if not (starts and days and max(starts + days) - min(starts + days) <= 1):
                    return False
            if self.running and other.running:
                return True     # values may move and disagree: a toll that rises, a dispute
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return lo <= hi * options.value_tolerance

    def merge(self, other: _Group) -> None:
        self.regions |= other.regions
        self.years += other.years
        self.implied |= other.implied
        self.since += other.since
        self.incident = self.incident or other.incident
        self.running = self.running or other.running
        self.days |= other.days
        self.kinds |= other.kinds
        self.lo, self.hi = max(self.lo, other.lo), min(self.hi, other.hi)
        self.sides += other.sides
        self.events += other.events
        if other.published:
            self.published = other.published if not self.published else (
                min(self.published[0], other.published[0]), max(self.published[1], other.published[1]))


def _far(events: list[tuple[int, int]], published: tuple[int, int] | None) -> bool:
    """True when a short event's days and a publication are more than a week apart."""
    return bool(published) and any(max(published[1] - b, a - published[0]) > EVENT_SLACK_DAYS
                                   for a, b in events)


EVENT_SLACK_DAYS = 7    # a count of one day's events is reported within the week
SINCE_SLACK_DAYS = 31   # 'since April' and 'since late April' start the same count


def _affinity(x: _Node, y: _Node) -> float:
    """How much two nodes look like one count (higher first): one article restating it, the
    same number, then agreeing periods, then nearer values."""
    a, b = x.first, y.first
    p = _period_score(a.period, b.period) or 0.0
    lo, hi = max(a.interval[0], b.interval[0]), min(a.interval[1], b.interval[1])
    near = 1.0 if lo <= hi else (hi / lo if lo > 0 else 0.0)
    same = 1.0 if math.isclose(a.value, b.value, rel_tol=0.01) else 0.0
    restated = 1.0 if x.articles.keys() & y.articles.keys() else 0.0
    return 4 * restated + 2 * same + p + near


def _cluster(block: list[_Mention], options: ClaimOptions) -> list[list[_Mention]]:
    """Constrained agglomerative clustering of one block: candidate pairs are merged best first
    (``_affinity``), and two claims never merge when a mention of one and a mention of the other
    are apart (``_apart``: one article's two counts) or what they say disagrees (``_Group``:
    two provinces, two years, two start dates, a short event and another count).

    Mentions that say the same are first made one node (``_Node``). Candidate pairs are only
    formed between nodes whose values are within ``options.value_reach`` of each other, each
    node with at most ``options.max_candidates`` nodes after it in order of value (a sweep over
    the nodes sorted by lower bound), so a block costs at most that many comparisons per node,
    however large the corpus; never is one block compared with another."""
    import numpy as np

    nodes = _nodes(sorted(block, key=lambda x: x.order))
    n = len(nodes)
    by_low = sorted(range(n), key=lambda i: nodes[i].first.interval[0])
    first, second, score = array("i"), array("i"), array("d")
    for k, i in enumerate(by_low):
        reach = nodes[i].first.interval[1] * options.value_reach
        for m in range(k + 1, min(n, k + 1 + options.max_candidates)):
            j = by_low[m]
            if nodes[j].first.interval[0] > reach:
                break       # sorted by lower bound: every later node is further away
            first.append(min(i, j))
            second.append(max(i, j))
            score.append(_affinity(nodes[i], nodes[j]))
    # cannot-links between nodes sharing an article; the rest is checked claim by claim
    apart: dict[int, set[int]] = defaultdict(set)
    in_article: dict[int, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for art in node.articles:
            in_article[art].append(i)
    for group in in_article.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if j not in apart[i] and _apart(nodes[i], nodes[j], options):
                    apart[i].add(j)
                    apart[j].add(i)
    members = {i: [i] for i in range(n)}
    groups = {i: _Group(node) for i, node in enumerate(nodes)}
    owner = list(range(n))
    for p in np.lexsort((np.asarray(second), np.asarray(first), -np.asarray(score))).tolist():
        a, b = owner[first[p]], owner[second[p]]      # best first (ties: in node order)
        if a == b or b in apart.get(a, ()) or not groups[a].allows(groups[b], options):
            continue
        a, b = min(a, b), max(a, b)
        for x in members[b]:
            owner[x] = a
        members[a].extend(members.pop(b))
        groups[a].merge(groups.pop(b))
        moved = apart.pop(b, set())
        for c in moved:         # b's cannot-links are a's now
            apart[c].discard(b)
            apart[c].add(a)
        apart[a] |= moved
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
    period: object          # position in ``periods``
    lo: object              # the value interval
    hi: object
    value: object
    moving: object          # bit 0: the words speak of a running or disputed count; bits 1-2:
                            # grows; bit 3: the event is a war
    when0: object           # the period as day ordinals (0: not resolved)
    when1: object
    region: object          # province or state where known (0: not known)
    side: object            # position in ``sides``
    published: object       # day ordinal of the article's date (0: unknown)
    sides: list             # frozensets of nationalities (other than the event's own)
    periods: list[str]      # periods as written


def cluster_chunk(chunk: Chunk, options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[array, array]:
    """The claims of the blocks of ``chunk`` with at least ``options.min_mentions`` mentions:
    their mentions' numbers one claim after another (each claim in reading order), and where
    each claim ends in them."""
    periods = [period_key(x) for x in chunk.periods]
    mentions = [_Mention(i, art, (art, start), sentence, periods[period], (lo, hi), value,
                         bool(moving & 1), moving >> 1 & 3, bool(moving & 8),
                         (w0, w1) if w0 else None, region,
                         chunk.sides[side],
                         published or None)
                for i, art, start, sentence, period, lo, hi, value, moving, w0, w1, region, side,
                published in zip(*(col.tolist() for col in chunk[1:-2]))]  # all but bounds, tables
    members, ends = array("I"), array("Q")
    for start, end in zip(chunk.bounds, chunk.bounds[1:]):
        for group in _cluster(mentions[start:end], options):
            if len(group) >= options.min_mentions:
                members.extend(m.index for m in group)
                ends.append(len(members))
    return members, ends


# --------------------------------------------------------------------------- places in an event

def event_places(event: int, category: str, place: tuple, home: frozenset[str],
                 countries: frozenset[str], fine: set) -> frozenset[str]:
    """Where a figure is, at the level of its event: each place of ``place`` (a ``place_key``)
    as its country, unless the event's articles give the category a count of its own there
    (``fine``); "the country", a place of unknown country (a sea, a province the gazetteer
    lacks) and no place as the event's ``home``; "neighbouring countries", "abroad" (the whole
    an event's refugees reached) as its home too: parts of it are named countries."""
    out: set[str] = set()
    for key, _ in place:
        if key == "gen:abroad":
            return home     # 'neighbouring countries': the whole its people fled to
        if (event, category, key) in fine:
            out.add(key)
            continue
        country = country_of(key)
        if country and (key.startswith("cc:") or country in countries):
            out.add(country)
        elif home:
            out |= home
        elif not key.startswith("gen:"):
            out.add(key)    # an event placed nowhere known: its places as they are
    return frozenset(out or home)


def _members(event: list[int], profiles: list, n: int) -> list[list]:
    """The profiles of each event's articles."""
    out: list[list] = [[] for _ in range(n)]
    for e, p in zip(event, profiles):
        out[e].append(p)
    return out


def _home(placed: Counter, headlines: frozenset[str]) -> frozenset[str]:
    """An event's home: the countries its figures are most often placed in together ('Turkey
    and Syria'; 'Puerto Rico', not its headlines' 'Puerto Rico' and 'US'), among the places that
    share a country with its headlines' home ('Ukraine', not 'Poland' where most refugees went)."""
    near = [(n, c) for c, n in placed.items() if c & headlines] if headlines else []
    ranked = sorted(near or [(n, c) for c, n in placed.items()], key=lambda x: (-x[0], sorted(x[1])))
    return ranked[0][1] if ranked else headlines


def _breakdowns(rows: list[tuple[tuple, float, float]], tolerance: float) -> set[str]:
    """The places one article gives counts of their own in one category: ``rows`` are its
    figures' (place key, low, high). A place below country level is a part when another figure
    of the article, at the country or at another place that may hold it, gives a larger count
    than its interval allows: 'Sindh 70' beside 'Pakistan 304', 'Maaret al-Numan 12' beside
    'Idlib 500' (a gazetteer's homonym abroad is still a part here)."""
    parts: set[str] = set()
    singles = [(p[0][0], lo, hi) for p, lo, hi in rows if len(p) == 1]
    for key, lo, hi in singles:
        if key.startswith(("cc:", "gen:")):
            continue
        country = country_of(key)
        for other, lo2, hi2 in singles:
            if other == key or (lo <= hi2 * tolerance and lo2 <= hi * tolerance):
                continue
            if other.startswith("gen:") or (not other.startswith("cc:") and country
                                            and country_of(other) not in ("", country)):
                continue
            if hi < lo2:
                parts.add(key)  # smaller than the country's, or than a place that may hold it
    return parts


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
    arrays, strings interned: about 60 bytes a figure, no sentence), and the ``events.Profile``
    of every article, then links them all.

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
                "place": "I", "sides": "I", "period": "I", "lo": "f", "hi": "f", "value": "d",
                "moving": "B", "when0": "i", "when1": "i", "subject": "I", "location": "I",
                "unit": "I"}

    def __init__(self, options: ClaimOptions = DEFAULT_OPTIONS):
        self.options = options
        self._cols = {name: array(code) for name, code in self._COLUMNS.items()}
        self._append = [col.append for col in self._cols.values()]
        self._interned: dict[str, dict] = {name: {} for name in ("block", "place", "sides", "strings")}
        self._profiles: dict[int, events.Profile] = {}

    def __len__(self) -> int:
        return len(self._cols["row"])

    def add(self, row: int, article: int, key: MentionKey | None) -> None:
        """Figure ``row`` (its number in the figures table) of the article at position
        ``article`` (in the ``articles`` table given to ``link``); None keys are skipped."""
        if key is None:
            return
        blocks, places, sides, strings = self._interned.values()
        values = (row, article, key.start, key.sentence,
                  blocks.setdefault(key.block, len(blocks)), places.setdefault(key.place, len(places)),
                  sides.setdefault(key.sides, len(sides)),
                  strings.setdefault(key.period, len(strings)), *key.interval, key.value,
                  key.moving | key.grows << 1, *(key.when or (0, 0)),
                  strings.setdefault(key.subject, len(strings)),
                  strings.setdefault(key.location, len(strings)),
                  strings.setdefault(key.unit, len(strings)))
        for append, v in zip(self._append, values):
            append(v)

    def add_article(self, article: int, profile: events.Profile) -> None:
        """What the article at position ``article`` is about (``events.profile``): the scope
        of its figures' linking. An article never given one is one placed nowhere known."""
        if profile.countries or profile.kinds:
            self._profiles[article] = profile

    def blocks(self, published: list[int | None]):
        """The block of every mention (numpy array, aligned with the mentions added): figures of
        one event, category, subject classes, unit and kind, at one place of the event; and the
        province of each where the gazetteer knows it (numbered from 1; 0: not known), and
        the nationalities its subject names other than the event's own (by number, and the
        list of them)."""
        import numpy as np

        col = {name: _numbers(c) for name, c in self._cols.items()}
        n_art = max(len(published), int(col["article"].max()) + 1 if len(col["article"]) else 0)
        profiles = [self._profiles.get(i, events.NO_PROFILE) for i in range(n_art)]
        found = events.group(profiles, [*published, *[None] * (n_art - len(published))])
        event = found.of_article
        base_keys, place_keys = list(self._interned["block"]), list(self._interned["place"])
        side_keys = list(self._interned["sides"])
        art, base, place = (col[k].tolist() for k in ("article", "block", "place"))
        lo, hi = col["lo"].tolist(), col["hi"].tolist()
        # the places an article gives counts of their own (a breakdown), by event and category;
        # and the countries each event's figures are placed in, together
        rows: dict[tuple[int, int], list] = defaultdict(list)
        placed: list[Counter] = [Counter() for _ in found.home]
        countries_of = [frozenset(country_of(k) for k, _ in keys) for keys in place_keys]
        for m, (a, b, p) in enumerate(zip(art, base, place)):
            rows[(a, b)].append((place_keys[p], lo[m], hi[m]))
            if place_keys[p] and "" not in countries_of[p]:
                placed[event[a]][countries_of[p]] += 1
        home = [_home(c, h) for c, h in zip(placed, found.home)]
        fine: set[tuple[int, str, str]] = set()
        for (a, b), got in rows.items():
            if len(got) > 1:
                fine.update((event[a], base_keys[b][0], key)
                            for key in _breakdowns(got, self.options.value_tolerance))
        people = frozenset([_lexicon().default_subject])
        interned: dict[tuple, int] = {}
        regions: dict[str, int] = {"": 0}
        side_ids: dict[frozenset, int] = {}
        block = np.empty(len(art), np.int64)
        region = np.zeros(len(art), np.int32)
        side = np.zeros(len(art), np.int32)
        where: dict[tuple, tuple[frozenset, int]] = {}
        for m, (a, b, p, s) in enumerate(zip(art, base, place, col["sides"].tolist())):
            e = event[a]
            spot = (e, base_keys[b][0], p)
            if spot not in where:
                keys = place_keys[p]
                # the province of a city, where the gazetteer knows it: 'Aleppo' is not 'Idlib'
                within = region_of(keys[0][0]) if len(keys) == 1 and (
                    e, base_keys[b][0], keys[0][0]) not in fine else ""
                where[spot] = (event_places(e, base_keys[b][0], keys, home[e],
                                            found.countries[e], fine),
                               regions.setdefault(within, len(regions)))
            # a figure placed nowhere, in an event placed nowhere known, is linked to none
            key = (e, b, where[spot][0]) if where[spot][0] else ("unplaced", m)
            block[m] = interned.setdefault(key, len(interned))
            region[m] = where[spot][1]
            # Syrians in Syria's war are its people; Syrian soldiers are one side of it
            sides = side_keys[s] - home[e] if base_keys[b][1] == people else side_keys[s]
            side[m] = side_ids.setdefault(sides, len(side_ids))
        # in a war, a day's count is one of its many incidents; in a disaster, the event itself
        at_war = [2 * sum("war" in p.kinds for p in members) >= len(members)
                  for members in _members(event, profiles, len(home))]
        war = np.asarray([at_war[event[a]] for a in art], dtype=np.uint8)
        return block, region, side, list(side_ids), war

    def chunks(self, published: list[int | None]) -> Iterator[Chunk]:
        """The blocks of two or more mentions, in order of their first mention, as ``Chunk``s
        of about ``CHUNK_MENTIONS`` mentions (a larger block is a chunk alone)."""
        import numpy as np

        col = {name: _numbers(c) for name, c in self._cols.items()}
        block, region, side, sides, war = self.blocks(published)
        flags = col["moving"] | war << 3
        order = np.argsort(block, kind="stable")
        sizes = np.diff(np.flatnonzero(np.diff(block[order], prepend=-1, append=-1)))
        kept = sizes >= self.options.min_mentions
        order = order[np.repeat(kept, sizes)]       # the mentions of the blocks kept, in order
        ends = np.cumsum(sizes[kept]).tolist()
        days = np.zeros(max(len(published), int(col["article"].max()) + 1 if len(col["article"]) else 0),
                        np.int32)
        days[:len(published)] = [d or 0 for d in published]
        strings = list(self._interned["strings"])
        first = 0
        while first < len(ends):
            start = ends[first - 1] if first else 0
            last = first    # the chunk's blocks: first..last
            while last + 1 < len(ends) and ends[last + 1] - start <= self.CHUNK_MENTIONS:
                last += 1
            idx = order[start:ends[last]]
            period_ids, period = np.unique(col["period"][idx], return_inverse=True)
            yield Chunk([0] + [e - start for e in ends[first:last + 1]], idx,
                        *(col[name][idx] for name in ("article", "start", "sentence")),
                        period, *(col[name][idx] for name in ("lo", "hi", "value")), flags[idx],
                        *(col[name][idx] for name in ("when0", "when1")),
                        region[idx], side[idx], days[col["article"][idx]], sides,
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
        for name in ("row", "start", "sentence", "place", "sides", "lo", "hi", "moving", "when0",
                     "when1"):
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
    when known, title, date (ISO), outlet and reprint_of (see ``stats.reprints``), in corpus
    order. Only figures of a category other than 'other' are linked; a claim needs
    ``options.min_mentions`` mentions, in one article or several. Claim ids read
    '<category>-<place>-<subject>-<n>' ('displaced-idlib-civilians-1'), numbered in reading order.
    The table has one row per claim: ``CLAIM_COLUMNS``.
    """
    import pandas as pd

    linker = Linker(options)
    art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
    position = {aid: i for i, aid in enumerate(art_ids)}
    fields = ("category", "location", "subject", "period", "value", "low", "high", "qualifier",
              "unit", "sentence", "start", "surface", "period_start", "period_end")
    columns = [figures[f].tolist() if f in figures else [None] * len(figures) for f in fields]
    article = figures["article"].tolist() if "article" in figures else [""] * len(figures)
    placed: dict[int, list] = defaultdict(list)
    for row, (aid, values) in enumerate(zip(article, zip(*columns))):
        pos = position.get(_text(aid))
        if pos is not None:
            linker.add(row, pos, mention_key(*values, options=options))
            placed[pos].append((_text(values[1]), _text(values[9]), values[4]))
    titles = [_text(t) for t in articles["title"]] if "title" in articles else [""] * len(art_ids)
    for pos, got in placed.items():
        linker.add_article(pos, events.profile(titles[pos], *zip(*got)))
    numbers, table = linker.link(articles, len(figures))
    ids = table["claim"].tolist()
    claims = [ids[n] if n >= 0 else "" for n in numbers.tolist()]
    return pd.Series(claims, index=figures.index, dtype=object, name="claim"), table
