"""What claim linking needs of one figure: its key.

``mention_key(category, location, subject, period, value, ...)`` -> ``MentionKey``: the figure's
category, subject classes ('civilians', 'people', 'residents' are people; 'bodies' and 'deaths'
are people in a count of the dead; children, soldiers are not), nationalities, unit, kind (a rate
'a day', a projection 'are expected'), place (``stats.places.place_key``), period, the interval
its words allow ('at least 12' is 12 to 24, 'hundreds' 200 to 999), whether the words around it
speak of a running or disputed count ('the toll rose to', 'a study estimated') and whether the
count grows as an event goes on. Made where the figure is found (a worker process), small to
send. The word lists live in ``stats/data/claims_subjects.json``, ``claims_periods.json`` and
``lexicon/linking.json``.
"""
from __future__ import annotations

import functools
import math
import re
import zlib
from dataclasses import dataclass
from typing import NamedTuple

from . import lexicon
from .dates import parse_iso
from .places import (_check_words, _fold, _load_json, _norm_phrase, _singular, demonym_country,
                     known_place, place_key)
from .records import check_options


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
        check_options(self, checks)


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
def _cues() -> dict:
    """The sentence cues of linking (stats/data/lexicon/linking.json): phrases found by their
    words, and the rate words as a pattern matched where a figure's words end."""
    data = lexicon.load("linking")
    cues = {name: lexicon.Phrases(data[name]) for name in ("moving", "projection", "attack")}
    cues["rate"] = re.compile(lexicon.alternation(data["rate"], boundary=True), re.IGNORECASE)
    return cues


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



# --------------------------------------------------------------------------- a figure's key

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


_RATE_LEAD = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?=(?:a|an|per|each|every|daily|weekly|monthly|"
                        r"annually|on)\b)", re.I)


def figure_kind(sentence: str, surface: str) -> str:
    """'rate' for a figure the words around make a rate ('200 a day'), 'projection' for one they
    make a projection ('200,000 are expected to arrive'), else ''."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return ""
    cues = _cues()
    after = sentence[at + len(surface):at + len(surface) + 40]
    if cues["rate"].match(_RATE_LEAD.sub("", after)):
        return "rate"
    if re.search(r"\bfrom\s*$", sentence[max(0, at - 8):at], re.I):
        return ""       # 'could double from 4,349 to 10,000': 4,349 is where it stands
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
    subject, unit, sentence, surface = _text(subject), _text(unit), _text(sentence), _text(surface)
    classes, sides = subject_key(subject, category)
    around = _around(sentence, surface)
    first, last = parse_iso(period_start), parse_iso(period_end)
    return MentionKey((category, classes, unit_key(unit), figure_kind(sentence, surface)),
                      place_key(location), sides, _text(period), interval, _num(value),
                      zlib.crc32(sentence.encode()) if sentence else 0, int(_num(start) or 0),
                      bool(_cues()["moving"].search(around)),
                      _grows(category, _text(qualifier), around),
                      (first.toordinal(), last.toordinal()) if first and last else None,
                      subject, location, unit)



def unit_key(unit: str) -> str:
    """'' for a count of people or things ('people', 'civilians', no unit), else the unit
    ('percentage', 'kilometre'): a share or a distance is never the same claim as a count."""
    u = _norm_phrase(unit or "")
    return "" if not u or u in _lexicon().subject_class else u



def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x).strip()


