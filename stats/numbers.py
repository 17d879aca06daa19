"""Find numbers in a sentence: text -> Mentions (value, bounds, qualifier, surface, span).

The grammar of counts is ours (digits with separators and scales, number words, vague amounts,
fractions of a figure named earlier in the sentence, qualifiers and ranges); quantulum3 is asked
only where a unit follows the number (km, percent, tonnes, dollars), which is where it is right.
Dates, years, clock times, ages, durations, ordinals and numbers inside names are left out.

Everything here is a pure function of its input: no state is kept between calls but caches of
the (immutable) lexicons.
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .records import Mention

# --- tokens -----------------------------------------------------------------------------------

TOKEN_RE = re.compile(
    r"(?:https?://|www\.)\S+"          # URLs are one token, so nothing inside them is a number
    r"|\d+(?:[.,]\d+)*"                # digits with separators
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*"  # words (any script), hyphenated compounds
    r"|\S"
)
# Cyrillic and Greek letters that look Latin: a word mixing them with Latin ones ('Аbout' with a
# Cyrillic 'А', as some outlets' keyboards type it) is read as the Latin word it looks like
_LOOKALIKE = str.maketrans("АВЕКМНОРСТХаеорсухіјѕΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοικνρτυχ",
                           "ABEKMHOPCTXaeopcyxijsABEZHIKMNOPTYXaoiknptux")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str
    is_digits: bool
    is_word: bool


def tokenize(text: str) -> list[Token]:
    out = []
    for m in TOKEN_RE.finditer(text):
        t = m.group()
        c = t[0]
        low = t.lower()
        if not low.isascii() and c.isalpha() and _LATIN.search(t):
            low = low.translate(_LOOKALIKE)
        out.append(Token(t, m.start(), m.end(), low, c.isdigit(), c.isalpha()))
    return out


# --- lexicon views ----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _words() -> dict:
    n = lexicon.load("numbers")
    q = lexicon.load("qualifiers")
    nf = lexicon.load("not_figures")
    return {
        "units": n["units"], "tens": n["tens"], "scales": n["scales"],
        "suffixes": n["scale_suffixes"], "dozen": n["dozen"], "fractions": n["fractions"],
        "vague": n["vague"], "vague_mult": n["vague_multipliers"],
        "vague_joiners": sorted(n["vague_joiners"], key=lambda p: -len(p.split())),
        "before": {tuple(k.split()): v for k, v in q["before"].items()},
        "after": {tuple(k.split()): v for k, v in q["after"].items()},
        "max_before": max(len(k.split()) for k in q["before"]),
        "joiners": set(q["range_joiners"]), "between": set(q["between"]),
        "months": set(nf["months"]), "time_units": set(nf["time_units"]),
        "clock": set(nf["clock_words"]), "age_words": set(nf["age_words"]),
        "age_nouns": set(nf["age_nouns"]), "year_preps": set(nf["year_prepositions"]),
        "name_nouns": set(nf["name_nouns"]), "duration_mods": set(nf["duration_modifiers"]),
        "stamp_words": set(nf["stamp_words"]), "fraction_bases": set(n["fraction_bases"]),
        "people": frozenset(w.lower() for w in lexicon.load("context")["people_nouns"]),
        "unit_words": frozenset(lexicon.load("units")["words"]),
        "percent": set(lexicon.load("units")["percent"]),
        "currency": set(lexicon.load("units")["currency_symbols"]),
    }


# --- parsing one quantity ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Q:
    """A number parsed from tokens[i:j] (j exclusive)."""
    i: int
    j: int
    value: float
    low: float | None = None
    high: float | None = None
    vague: bool = False
    scaled: bool = False     # carries its own scale word (million, m, thousand)
    words: bool = False      # spelled out
    plus: bool = False       # 'a million-plus': more than its value


_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$"
                      r"|^\d{1,2}(?:,\d\d)*,\d\d,\d{3}$")      # South Asian: 3,40,000 and 1,20,00,000
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")               # 5.000 and 1.250.000


def _digits_value(s: str, dot_thousands: bool = False) -> float | None:
    """The value of a digit token; with ``dot_thousands``, dots group thousands ('5.000')."""
    if dot_thousands and _DOT_GROUPED.match(s):
        return float(s.replace(".", ""))
    if not _GROUPED.match(s):
        return None
    v = float(s.replace(",", ""))
    return v if math.isfinite(v) else None


def _dot_thousands(toks: list[Token], i: int) -> bool:
    """'5.000 injured', 'about 1.250.000 people': a count written with dots between thousands
    (as much of Europe writes it). A decimal has no reason to end in exactly three digits, so
    only a scale word ('1.250 million'), a unit or a percent after it keeps the dot a point."""
    t = toks[i].text
    if not _DOT_GROUPED.match(t):
        return False
    if t.count(".") > 1:
        return True
    W = _words()
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None:
        return True
    nl = nxt.lower
    return not (nl in W["scales"] or nl in W["suffixes"] or nl in W["percent"] or nl in W["unit_words"]
                or (i > 0 and toks[i - 1].text in W["currency"]))


def _adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def _word_number(toks: list[Token], i: int) -> _Q | None:
    """Spelled-out numbers: 'seventeen', 'twenty-five', 'three million', 'a dozen',
    'half a million', 'one hundred and twenty'."""
    W = _words()
    n = len(toks)
    low0 = toks[i].lower
    # 'half a million', 'a quarter of a million', 'half a dozen'
    if low0 in W["fractions"] or (low0 in ("a", "one") and i + 1 < n and toks[i + 1].lower in W["fractions"]):
        k = i + (0 if low0 in W["fractions"] else 1)
        frac = W["fractions"][toks[k].lower]
        k += 1
        if k < n and toks[k].lower == "of":
            k += 1
        if k + 1 < n and toks[k].lower in ("a", "an") and toks[k + 1].lower in W["scales"]:
            return _Q(i, k + 2, frac * W["scales"][toks[k + 1].lower], scaled=True, words=True)
        if k + 1 < n and toks[k].lower in ("a", "an") and toks[k + 1].lower == "dozen":
            return _Q(i, k + 2, frac * W["dozen"], words=True)
        return None
    total, current, j, seen = 0.0, 0.0, i, False
    scaled = False
    while j < n:
        w = toks[j].lower
        parts = w.split("-")
        if all(p in W["units"] or p in W["tens"] for p in parts) and len(parts) <= 2:
            if seen and current and current % 100 and current < 100 and toks[j - 1].lower != "and":
                break   # 'two three' is not a number
            current += sum(W["units"].get(p, W["tens"].get(p, 0)) for p in parts)
            seen = True
        elif w in ("a", "an") and not seen and j + 1 < n and toks[j + 1].lower in W["scales"]:
            current, seen = 1, True
        elif w in W["scales"] and seen:
            scale = W["scales"][w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            scaled = True
        elif w == "dozen" and (seen or (j > i and toks[j - 1].lower in ("a",))):
            current = (current or 1) * W["dozen"]
        elif w == "a" and not seen and j + 1 < n and toks[j + 1].lower == "dozen":
            current, seen = 1, True
        elif w == "and" and seen and j + 1 < n and toks[j - 1].lower in ("hundred", "thousand") \
                and toks[j + 1].lower.split("-")[0] in {**W["units"], **W["tens"]}:
            pass
        else:
            break
        j += 1
    if not seen or j == i:
        return None
    return _Q(i, j, total + current, scaled=scaled, words=True)


def _vague(toks: list[Token], i: int) -> _Q | None:
    """'several', 'dozens', 'hundreds of thousands', 'tens of thousands', 'several hundred'."""
    W = _words()
    n = len(toks)
    w = toks[i].lower
    nxt = toks[i + 1].lower if i + 1 < n else ""
    # 'several hundred', 'a few thousand'
    for phrase, (lo_m, hi_m) in W["vague_mult"].items():
        parts = phrase.split()
        if [t.lower for t in toks[i:i + len(parts)]] == parts:
            k = i + len(parts)
            if k < n and toks[k].lower in W["scales"]:
                s = W["scales"][toks[k].lower]
                return _Q(i, k + 1, lo_m * s, lo_m * s, hi_m * s, vague=True, scaled=True)
            if k < n and toks[k].lower == "dozen":     # 'several dozen', 'a few dozen'
                s = W["dozen"]
                return _Q(i, k + 1, lo_m * s, lo_m * s, hi_m * s, vague=True)
            if phrase in W["vague"]:
                v, lo, hi = W["vague"][phrase]
                return _Q(i, k, v, lo, hi, vague=True)
            return None
    if w == "tens" and nxt == "of" and i + 2 < n and toks[i + 2].lower in ("thousands", "millions", "billions"):
        v, lo, hi = W["vague"][toks[i + 2].lower]
        return _Q(i, i + 3, v * 10, lo * 10, (hi + 1) * 10 - 1, vague=True, scaled=True)
    if w in W["vague"]:
        v, lo, hi = W["vague"][w]
        if w in ("hundreds", "dozens") and nxt == "of" and i + 2 < n and toks[i + 2].lower in ("thousands", "millions"):
            big = W["scales"][toks[i + 2].lower[:-1]]
            return _Q(i, i + 3, v * big, lo * big, (hi + 1) * big - 1, vague=True, scaled=True)
        return _Q(i, i + 1, v, lo, hi, vague=True, scaled=w not in ("several", "dozens", "scores"))
    return None


def _digits(toks: list[Token], i: int) -> _Q | None:
    W = _words()
    v = _digits_value(toks[i].text, _dot_thousands(toks, i))
    if v is None:
        return None
    j = i + 1
    n = len(toks)
    scaled = False
    if j < n and _adjacent(toks[i], toks[j]) and toks[j].lower in W["suffixes"] and \
            (j + 1 >= n or not _adjacent(toks[j], toks[j + 1])):
        v *= W["suffixes"][toks[j].lower]
        j += 1
        scaled = True
    elif j < n and toks[j].lower in W["scales"]:
        v *= W["scales"][toks[j].lower]
        j += 1
        scaled = True
    elif j < n and toks[j].lower.endswith("-plus") and toks[j].lower[:-5] in W["scales"]:
        v *= W["scales"][toks[j].lower[:-5]]      # '1 million-plus'
        return _Q(i, j + 1, v, scaled=True, plus=True)
    return _Q(i, j, v, scaled=scaled)


@lru_cache(maxsize=None)
def _number_starts() -> frozenset:
    """Words a spelled-out or vague number can start with: the rest are skipped at once."""
    W = _words()
    return frozenset({"a", "an", "one", "dozen", "tens"} | set(W["units"]) | set(W["tens"]) | set(W["vague"])
                     | set(W["fractions"]) | {p.split()[0] for p in W["vague_mult"]})


def parse_at(toks: list[Token], i: int) -> _Q | None:
    t = toks[i]
    if t.is_digits:
        return _digits(toks, i)
    if t.is_word and t.lower.split("-")[0] in _number_starts():
        return _vague(toks, i) or _word_number(toks, i)
    return None


# --- what is not a figure ---------------------------------------------------------------------

def _not_figure(toks: list[Token], q: _Q, text: str) -> bool:
    W = _words()
    n = len(toks)
    first, last = toks[q.i], toks[q.j - 1]
    prev = toks[q.i - 1] if q.i > 0 else None
    prev2 = toks[q.i - 2] if q.i > 1 else None
    nxt = toks[q.j] if q.j < n else None
    nxt2 = toks[q.j + 1] if q.j + 1 < n else None
    pl = prev.lower if prev else ""
    nl = nxt.lower if nxt else ""
    digits = first.is_digits
    # ordinals (21st), numbers glued to letters or symbols (M4, COVID-19, 10^6, a68869, 2020/01)
    if digits:
        if nxt and _adjacent(last, nxt) and (nl in ("st", "nd", "rd", "th") or nxt.text in ("/", ":", "^")
                                              or (nxt.is_word and q.j == q.i + 1 and nl not in W["suffixes"]
                                                  and nl not in W["unit_words"])):
            return True
        if prev and _adjacent(prev, first) and (prev.text in ("/", ":", "^", "#") or prev.is_word or prev.is_digits
                                                or (prev.text in "-–" and prev2 and _adjacent(prev2, prev)
                                                    and (prev2.is_word or prev2.is_digits))):
            return True
        # reference marks of an encyclopedia's text: 'were killed.[80]'
        if prev and prev.text == "[" and _adjacent(prev, first) and nxt and nxt.text == "]" and _adjacent(last, nxt):
            return True
        # dates written with dashes: '07-06-2019'
        nxt3 = toks[q.j + 2] if q.j + 2 < n else None
        nxt4 = toks[q.j + 3] if q.j + 3 < n else None
        if nxt and nxt.text in "-–" and nxt2 and nxt2.is_digits and nxt3 and nxt3.text == nxt.text and nxt4 \
                and nxt4.is_digits and _adjacent(last, nxt) and _adjacent(nxt, nxt2) and _adjacent(nxt2, nxt3) \
                and _adjacent(nxt3, nxt4):
            return True
    # values in code or markup that a page's text carries ('x = 2', 'width="300"'): prose
    # does not give a count after '='
    if prev is not None and (prev.text == "=" or (prev.text in "\"'" and prev2 is not None
                                                  and prev2.text == "=")):
        return True
    # calendar dates: 'August 31', '31 August', 'March 5, 2020', 'Nov. 1'
    if pl in W["months"] or (nl in W["months"] and not q.scaled) or \
            (pl == "." and prev2 is not None and prev2.lower in W["months"]):
        return True
    # years: 2018, 'in 2011', '2019-2020'
    if digits and q.j == q.i + 1 and re.fullmatch(r"1[89]\d\d|20\d\d", first.text) and \
            not (prev and prev.text in W["currency"]):
        plural_noun_follows = nxt is not None and nxt.is_word and nl.endswith("s") and nl not in W["time_units"]
        if (pl in W["year_preps"] or not plural_noun_follows) and not _qualified_count(toks, q.i):
            return True
    # clock times: 6am, 6 p.m., 00.01, 10:30
    n3 = toks[q.j + 2] if q.j + 2 < n else None
    if digits and (nl in W["clock"] or (nl == "." and nxt2 and nxt2.lower in ("m",))
                   or (nl in ("a", "p") and nxt2 is not None and nxt2.text == "." and n3 is not None
                       and n3.lower == "m" and _adjacent(nxt, nxt2))):      # '5 p.m.'

        return True
    if digits and re.fullmatch(r"\d{1,2}[.:]\d\d", first.text) and (first.text.startswith("0") or pl == "at"):
        return True
    # the time stamp of a live blog, opening its line ('14.53 Rescuers said ...', 'Updated 16.06')
    if digits and _CLOCK.fullmatch(first.text) and not q.scaled and (
            pl in W["stamp_words"] or (pl == ":" and prev2 is not None and prev2.lower in W["stamp_words"]) or (
            (q.i == 0 or "\n" in text[prev.end:first.start]) and not (nxt and (nl in W["percent"] or nl in W["unit_words"])))):
        return True
    # durations and ages: 'four years ago', 'six hours', '10 min read', '65-year-old', 'nine-year war'
    if nl in W["time_units"] or (nl in W["duration_mods"] and nxt2 is not None and nxt2.lower in W["time_units"]):
        return True
    if nxt and nl in ("-", "–") and nxt2 and _adjacent(last, nxt) and _adjacent(nxt, nxt2) and \
            nxt2.lower.split("-")[0] in W["time_units"]:
        return True
    if nxt and nxt.is_word and nl.split("-")[0] in W["time_units"] and "-" in nl:
        return True
    if pl in W["age_words"] or (pl == "than" and prev2 is not None and prev2.lower in ("older", "younger")):
        return True
    # 'Mohammed al-Amouri, 53, said' / 'Raja Androon (65)'
    if digits and q.value < 120 and prev and prev.text in (",", "(") and nxt and nxt.text in (",", ")") \
            and prev2 and any(c.isupper() for c in prev2.text) and not q.scaled:
        return True
    # 'children under five', 'people over 65' (ages, not bounds)
    if pl in ("under", "over", "aged") and prev2 and prev2.lower in W["age_nouns"] and \
            (nxt is None or not nxt.is_word or nl in ("and", "or", "in", "who", "were", "are", "years")):
        return True
    # numbers inside names: 'Russia 24', 'Resolution 2254', 'posts nine and 10', 'Fourth Armed Division'
    if prev and (pl in W["name_nouns"] or (pl == "." and prev2 is not None and prev2.lower + "." in W["name_nouns"])):
        return True
    # ('Argentina 130,000', 'Kessel District 300 people': no name is numbered in thousands or
    # followed by the people it counts)
    if digits and prev and prev.is_word and prev.text[0].isupper() and q.i > 0 and not q.scaled \
            and not prev.lower.endswith(("'s", "’s")) \
            and pl not in W["months"] and not _sentence_initial(toks, q.i - 1) \
            and pl not in _qualifier_words() and "," not in first.text and not (nl in W["people"] and q.value >= 10):
        return True
    # 'posts nine and 10': a list of numbers after a name noun; 'ages 1 and 2', 'ranging in age
    # from 20 to 40': after an age word
    k, numbered = q.i - 1, False
    while k > 0 and (toks[k].lower in ("and", "or", ",", "to", "-", "–") or toks[k].lower in W["between"]
                     or parse_at(toks, k) is not None and toks[k].lower not in W["vague"]):
        numbered = numbered or toks[k].lower not in ("and", "or", ",", "to", "-", "–") and toks[k].lower not in W["between"]
        k -= 1
    if k < q.i - 1 and toks[k].lower in W["name_nouns"] and numbered:
        return True
    if k < q.i - 1 and toks[k].lower in W["age_words"] and (numbered or toks[k + 1].lower in W["between"]):
        return True
    return False


_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")


def _qualified_count(toks: list[Token], i: int) -> bool:
    """'over 2000 missing', 'about 2000 missing': a bound or an estimate before a year-like
    number makes it a count ('since about 2000' and 'up to 2020' stay years)."""
    W = _words()
    before = _qualifier_before(toks, i)
    if before is None or before[0] in ("exact", "at_most"):
        return False
    k = before[1]
    return before[0] != "approx" or k == 0 or toks[k - 1].lower not in W["year_preps"]


def _sentence_initial(toks: list[Token], k: int) -> bool:
    return k == 0 or toks[k - 1].text in ".!?\"“:;"


@lru_cache(maxsize=None)
def _qualifier_words() -> frozenset:
    W = _words()
    return frozenset(w for k in W["before"] for w in k) | W["between"]


# --- qualifiers, ranges, units ----------------------------------------------------------------

def _qualifier_before(toks: list[Token], i: int) -> tuple[str, int] | None:
    """The longest qualifier phrase ending right before token i: (qualifier, first token index)."""
    W = _words()
    for size in range(W["max_before"], 0, -1):
        k = i - size
        if k < 0:
            continue
        key = tuple(t.lower for t in toks[k:i])
        if key in W["before"]:
            return W["before"][key], k
    return None


def _qualifier_after(toks: list[Token], j: int) -> tuple[str, int] | None:
    W = _words()
    for key, qual in W["after"].items():
        if tuple(t.lower for t in toks[j:j + len(key)]) == key:
            return qual, j + len(key)
    return None


def _range(toks: list[Token], a: _Q) -> _Q | None:
    """'between 200 and 300', '200-300', 'two to three million', 'one or two'."""
    W = _words()
    j = a.j
    if j + 1 >= len(toks) or a.vague:
        return None
    joiner = toks[j].lower
    pre = a.i - 1 if a.i > 0 and toks[a.i - 1].text not in W["currency"] else a.i - 2   # before a '$'
    between = pre >= 0 and toks[pre].lower in W["between"]
    if between:
        ok = joiner == "and" or (joiner in W["joiners"] and joiner != "or")
    else:
        ok = joiner in W["joiners"]
        if joiner in ("-", "–", "—") and not (_adjacent(toks[j - 1], toks[j]) and _adjacent(toks[j], toks[j + 1])):
            ok = joiner != "-"
    if not ok:
        return None
    if toks[j + 1].text in W["currency"] and j + 2 < len(toks) and _adjacent(toks[j + 1], toks[j + 2]) \
            and a.i > 0 and toks[a.i - 1].text == toks[j + 1].text and toks[j].is_word:
        j += 1      # 'between $5,000 to $8,000': the second sign as the first
    b = parse_at(toks, j + 1)
    if b is None or b.vague or b.words != a.words and joiner == "or":
        return None
    lo, hi = a.value, b.value
    if b.scaled and not a.scaled and lo < hi:
        scale = _scale_of(toks, b)
        if scale and lo * scale <= hi * 1.0001 and lo * scale * 10 > hi:
            lo *= scale
    if joiner == "or" and not (a.words and b.words and hi > lo):
        return None
    if not lo < hi:
        return None
    if pre >= 0 and toks[pre].lower == "from":
        return None  # 'rose from 200 to 300' is a change, not a range
    return _Q(a.i, b.j, (lo + hi) / 2, lo, hi, scaled=a.scaled or b.scaled, words=a.words)


def _vague_pair(toks: list[Token], a: _Q) -> _Q:
    """'dozens or hundreds', 'hundreds, if not thousands': two vague amounts joined span both
    (value and low from the first, high from the second); ``a`` itself where none follows."""
    k = a.j
    if k < len(toks) and toks[k].text == ",":
        k += 1
    for joiner in _words()["vague_joiners"]:
        parts = joiner.split()
        if [t.lower for t in toks[k:k + len(parts)]] == parts:
            b = _vague(toks, k + len(parts)) if k + len(parts) < len(toks) else None
            if b is not None and b.low > a.low and b.high > a.high:
                return _Q(a.i, b.j, a.value, a.low, b.high, vague=True, scaled=a.scaled or b.scaled)
            break
    return a


def _scale_of(toks: list[Token], q: _Q) -> float | None:
    W = _words()
    last = toks[q.j - 1].lower
    return W["scales"].get(last) or W["suffixes"].get(last)


# --- the scanner ------------------------------------------------------------------------------

def find_numbers(text: str, toks: list[Token] | None = None) -> list[Mention]:
    """Every figure-like number in ``text`` (a sentence or a passage), in order.

    Offsets index ``text``; ``text[m.start:m.end] == m.surface`` for every mention. ``toks``
    are ``tokenize(text)`` when the caller has them already.
    """
    if toks is None:
        toks = tokenize(text)
    W = _words()
    out: list[Mention] = []
    counts: list[Mention] = []   # earlier count figures in this text, for 'half of whom'
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        q = parse_at(toks, i)
        if q is None:
            frac = _fraction_of_figure(text, toks, i, counts)
            if frac is not None:
                out.append(frac)
                i = _index_after(toks, frac.end, i)
                continue
            i += 1
            continue
        if q.value == 1 and q.words and not q.scaled and q.j == q.i + 1 and t.lower == "one":
            r = _range(toks, q)
            if r is None and _qualifier_before(toks, i) is None and not _listed(toks, i) \
                    and _ratio(text, toks, q) is None:
                i += 1
                continue
        if _not_figure(toks, q, text):
            i = q.j
            continue
        ratio = _ratio(text, toks, q)
        if ratio is not None:
            share, i = ratio
            if share is not None:
                out.append(share)
            continue
        r = _range(toks, q)
        qual, low, high, value = "exact", None, None, q.value
        start_tok, end_tok = q.i, q.j
        if i > 0 and toks[i - 1].text in W["currency"] and _adjacent(toks[i - 1], t):
            start_tok = i - 1   # '$1.5 billion': the sign belongs to the figure
        if q.vague:
            q = _vague_pair(toks, q)
            end_tok = q.j
        if r is not None:
            qual, value, low, high, end_tok = "range", r.value, r.low, r.high, r.j
            if start_tok > 0 and toks[start_tok - 1].lower in W["between"]:
                start_tok -= 1
        elif q.vague:
            qual, low, high = "vague", q.low, q.high
        before = _qualifier_before(toks, start_tok) if r is None or start_tok == q.i else None
        if before is not None and before[0] == "exact":
            before = None       # 'has gone up to 2,497': a verb, not a bound
        if before is not None and not q.vague:
            qual, start_tok = before[0], before[1]
        elif before is not None and q.vague:
            start_tok = before[1]   # 'some hundreds': keep vague bounds, include the words
        after = _qualifier_after(toks, end_tok) if qual == "exact" else None
        if after is not None:
            qual, end_tok = after
        elif q.plus and qual == "exact":
            qual = "more_than"
        unit, start_tok, end_tok = _unit(text, toks, start_tok, end_tok, W)
        if unit == "duration":
            i = end_tok
            continue
        if qual in ("at_least", "more_than"):
            low, high = value, None
        elif qual in ("nearly", "at_most", "less_than"):
            low, high = None, value
        s, e = toks[start_tok].start, toks[end_tok - 1].end
        m = Mention(s, e, text[s:e], float(value), _f(low), _f(high), qual, unit)
        out.append(m)
        if not unit:
            counts.append(m)
        i = end_tok
    return out


def _f(x):
    return None if x is None else float(x)


def _listed(toks: list[Token], i: int) -> bool:
    """'three Lebanese, three Syrians and one Egyptian': a bare 'one' counts in a list of counts."""
    if i == 0 or toks[i - 1].lower not in ("and", "or", ","):
        return False
    for k in range(i - 2, max(-1, i - 8), -1):
        if toks[k].text in ".;:":
            return False
        q = parse_at(toks, k)
        if q is not None and not q.vague and q.j <= i - 1 and not _not_figure(toks, q, ""):
            return True
    return False


def _ratio(text: str, toks: list[Token], q: _Q) -> tuple[Mention | None, int] | None:
    """'one in five': a ratio, not a count (None, the index after it); 'one in five of the
    5,000 injured' is a share of that figure, a figure of its own: (its Mention, the index
    after 'five'). None where the number is no ratio's first term."""
    n = len(toks)
    if q.j + 1 >= n or toks[q.j].lower != "in" or q.value < 1:
        return None
    b = parse_at(toks, q.j + 1)
    if b is None or b.vague or b.value <= q.value or re.fullmatch(r"1[89]\d\d|20\d\d", toks[b.i].text):
        return None
    if not (q.value == 1 or b.value in (10, 100, 1000)) or \
            (b.j < n and toks[b.j].lower in _words()["time_units"]):
        return None     # 'killed 3 in 10 days', 'five in 12 districts': a count, then a span or a place
    k = b.j
    if k < n and toks[k].lower == "of":
        k += 1
        while k < n and toks[k].lower in _words()["fraction_bases"]:
            k += 1
        while k < n and toks[k].lower in _qualifier_words():
            k += 1
        base = parse_at(toks, k) if k < n else None
        if base is not None and not base.vague and not _not_figure(toks, base, text) and base.value > b.value:
            qual, start = "exact", q.i
            before = _qualifier_before(toks, q.i)
            if before is not None and before[0] != "exact":
                qual, start = before
            share = base.value * q.value / b.value
            low = share if qual in ("at_least", "more_than") else None
            high = share if qual in ("nearly", "at_most", "less_than") else None
            s, e = toks[start].start, toks[b.j - 1].end
            return Mention(s, e, text[s:e], share, low, high, qual, ""), b.j
    return None, b.j


def _index_after(toks: list[Token], end: int, i: int) -> int:
    while i < len(toks) and toks[i].start < end:
        i += 1
    return i


def _fraction_of_figure(text: str, toks: list[Token], i: int, counts: list[Mention]) -> Mention | None:
    """'three million residents, half of whom ...' -> 1,500,000 (a figure of its own); so is
    'a third of the 1,200 residents' (400), whose base comes after it."""
    W = _words()
    t = toks[i]
    w = t.lower
    k = i
    parts = w.split("-")
    if len(parts) == 2 and parts[0] in W["units"] and parts[1] in W["fractions"]:
        frac = W["units"][parts[0]] * W["fractions"][parts[1]]
        k = i + 1
    elif w in ("half", "third", "quarter") and (w == "half" or (i > 0 and toks[i - 1].lower in ("a", "one"))):
        frac = W["fractions"][w]
        k = i + 1
        if w != "half":
            i -= 1
    else:
        return None
    n = len(toks)
    # must be a share of people/things: 'half of whom', 'half of them', 'roughly half (thought to ...)'
    nxt = toks[k].lower if k < n else ""
    nxt2 = toks[k + 1].lower if k + 1 < n else ""
    if nxt in ("a", "an") or nxt in W["time_units"] or nxt2 in W["time_units"]:
        return None
    if nxt == "of" and nxt2 not in W["fraction_bases"]:
        return None
    ahead = _base_after(text, toks, k + 1) if nxt == "of" else None
    if ahead is not None:
        base_value = ahead
    elif counts and not counts[-1].unit and counts[-1].value >= 10:
        base_value = counts[-1].value
    else:
        return None
    qual, start = "exact", i
    before = _qualifier_before(toks, i)
    if before is not None and before[0] != "exact":
        qual, start = before
    value = base_value * frac
    low = value if qual in ("at_least", "more_than") else None
    high = value if qual in ("nearly", "at_most", "less_than") else None
    s, e = toks[start].start, toks[k - 1].end
    return Mention(s, e, text[s:e], value, low, high, qual, "")


def _base_after(text: str, toks: list[Token], k: int) -> float | None:
    """The count right after 'of the' ('a third of the some 1,200 residents'): its value, or
    None where no count of ten or more (without a unit) stands there."""
    W = _words()
    n = len(toks)
    while k < n and toks[k].lower in W["fraction_bases"]:
        k += 1
    while k < n and toks[k].lower in _qualifier_words():
        k += 1
    base = parse_at(toks, k) if k < n else None
    if base is None or base.vague or base.value < 10 or _not_figure(toks, base, text):
        return None
    after = toks[base.j].lower if base.j < n else ""
    if after in W["percent"] or after in W["unit_words"] or (k > 0 and toks[k - 1].text in W["currency"]):
        return None
    return base.value


def _unit(text: str, toks: list[Token], s_tok: int, e_tok: int, W: dict) -> tuple[str, int, int]:
    """Percentages and measured quantities: (unit name, first token, end token) with the surface
    extended over the unit word or currency sign; quantulum3 names the unit. 'duration' marks a
    time span, which is not a figure."""
    n = len(toks)
    nxt = toks[e_tok] if e_tok < n else None
    currency = any(t.text in W["currency"] for t in toks[s_tok:e_tok])
    if nxt is not None and nxt.lower in W["percent"]:
        k = e_tok + 1
        if nxt.lower == "per":
            if not (k < n and toks[k].lower == "cent"):
                return "", s_tok, e_tok
            k += 1
        return "percentage", s_tok, k
    if not currency and (nxt is None or nxt.lower not in W["unit_words"]):
        return "", s_tok, e_tok
    first = next(k for k in range(s_tok, e_tok) if toks[k].text in W["currency"]) if currency else s_tok
    last = e_tok if nxt is not None and nxt.lower in W["unit_words"] else e_tok - 1
    if last + 2 < n and toks[last + 1].lower in ("/", "per") and toks[last + 2].is_word:
        last += 2       # 'km/h', 'tonnes per hectare'
    window = text[toks[first].start:toks[last].end]   # the number and its unit, nothing after
    for q_start, q_end, name, entity in _quantulum(window):
        if q_start <= 1 and name != "dimensionless":
            if entity == "time":
                return "duration", s_tok, e_tok
            stop = toks[first].start + q_end
            k = e_tok
            while k < n and toks[k].end <= stop:
                k += 1
            return name, s_tok, k
    return "", s_tok, e_tok


@lru_cache(maxsize=4096)
def _quantulum(window: str) -> tuple:
    """quantulum3's quantities in a short window: (start, end, unit name, entity name)."""
    with warnings.catch_warnings():
        # quantulum3 warns at import that its optional classifier is missing; we use it without
        warnings.filterwarnings("ignore", category=UserWarning, module="quantulum3")
        from quantulum3 import parser  # heavy (about 2 s to load): only when a unit word follows

    try:
        quants = parser.parse(window)
    except Exception:   # quantulum3 raises on odd text; a unit is optional, the figure stays
        return ()
    return tuple((q.span[0], q.span[1], q.unit.name, q.unit.entity.name) for q in quants)
