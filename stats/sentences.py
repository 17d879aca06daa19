"""Context, stage 1: a sentence as the context readers see it.

The lexicon views all the context readers share (``_lex()``: stats/data/lexicon/categories.json
and context.json, loaded once), a sentence tokenised once with its clauses and asides, and the
places it names: gazetteer names, names after a word of place or before an event noun, places
named by their kind ('the island', 'neighbouring countries') and coordinated places ('Idlib and
northern Hama provinces'). stats/category.py, fields.py, attribution.py and context.py build on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lexicon
from .numbers import Token, tokenize
from .segment import Sentence


# --- lexicon views ----------------------------------------------------------------------------

def _phrase_index(groups: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """first word -> [(phrase words, label)], longest phrases first."""
    index: dict[str, list] = {}
    for label, phrases in groups.items():
        for p in phrases:
            words = tuple(p.lower().split())
            index.setdefault(words[0], []).append((words, label))
    for v in index.values():
        v.sort(key=lambda x: -len(x[0]))
    return index


@lru_cache(maxsize=None)
def _lex() -> dict:
    cat = lexicon.load("categories")
    ctx = lexicon.load("context")
    q = lexicon.load("qualifiers")
    return {
        "verbs": _phrase_index(cat["verbs"]),
        "nouns": {w: c for c, ws in cat["nouns"].items() for w in ws},
        "breaks": set(cat["clause_breaks"]),
        "inherit": _phrase_index({"inherit": cat["inherit"]}),
        "people_cats": set(cat["people_categories"]),
        "event_cats": set(cat["event_categories"]),
        "people": {w.lower() for w in ctx["people_nouns"]},
        "skip": set(ctx["subject_skip"]),
        "pronouns": set(ctx["pronouns"]),
        "stop": set(ctx["stop"]),
        "place_types": set(ctx["place_types"]),
        "directions": set(ctx["directions"]),
        "place_preps": set(ctx["place_prepositions"]),
        "particles": set(ctx["name_particles"]),
        "speech": set(ctx["speech_verbs"]),
        "sources": _phrase_index({"src": ctx["source_phrases"]}),
        "aliases": ctx["aliases"],
        "weekdays": set(ctx["weekdays"]),
        "period_re": re.compile("|".join(f"(?:{p})" for p in ctx["period_patterns"])),
        "pronoun_speakers": set(ctx["pronoun_speakers"]),
        "scope_breaks": set(ctx["scope_breaks"]),
        "qual_words": {w for k in q["before"] for w in k.split()},
        "aside_openers": set(cat["aside_openers"]),
        "thing_cats": set(cat["thing_categories"]),
        "any_head": set(cat["any_head_categories"]),
        "hazard_verbs": set(cat["hazard_verbs"]),
        "conflict": _phrase_index({"conflict": cat["conflict_words"]}),
        "arrive": _phrase_index({"arrive": cat["crossing"]["arrive"]}),
        "leave": _phrase_index({"leave": cat["crossing"]["leave"]}),
        "abroad": _phrase_index({"abroad": cat["crossing"]["abroad"]}),
        "to": set(cat["crossing"]["to"]),
        "in": set(cat["crossing"]["in"]),
        "home_words": set(cat["crossing"]["home_words"]),
        "internal": set(cat["crossing"]["internal"]),
        "tolls": {w: c for c, ws in cat["measures"]["tolls"].items() for w in ws},
        "number_of": _phrase_index({"of": cat["measures"]["number_of"]}),
        "anaphors": set(cat["measures"]["anaphors"]),
        "links": set(cat["measures"]["links"]),
        "link_verbs": set(cat["measures"]["link_verbs"]),
        "hazards": set(cat["hazards"]),
        "institutions": set(ctx["institution_words"]),
        "strong_preps": set(ctx["strong_place_prepositions"]),
        "not_place": set(ctx["not_place_words"]),
        "clause_openers": set(ctx["clause_openers"]),
        "auxiliaries": set(ctx["auxiliaries"]),
        "verb_adverbs": set(ctx["verb_adverbs"]),
        "tallies": set(ctx["tally_nouns"]),
        "event_names": set(ctx["event_names"]),
        "month_abbrevs": set(ctx["month_abbrevs"]),
        "generic_places": set(ctx["generic_places"]),
        "generic_determiners": set(ctx["generic_determiners"]),
        "place_adverbs": set(ctx["place_adverbs"]),
        "flight_verbs": set(ctx["flight_verbs"]),
        "demonym_endings": tuple(ctx["demonym_endings"]),
        "adjective_endings": tuple(ctx["adjective_endings"]),
        "place_modifiers": set(ctx["place_modifiers"]),
        "by_lists": set(ctx["by_lists"]),
        "arrival_verbs": set(ctx["arrival_verbs"]),
        "host_verbs": set(ctx["host_verbs"]),
        "actor_nouns": set(ctx["actor_nouns"]),
        "not_speech": _phrase_index({"x": ctx["not_speech"]}),
        "passive_auxiliaries": set(ctx["passive_auxiliaries"]),
        "plural_speakers": set(ctx["plural_speakers"]),
        "citing_verbs": set(ctx["citing_verbs"]),
        "told": set(ctx["told_verbs"]),
        "titles": set(ctx["title_words"]),
        "speech_time_words": set(ctx["speech_time_words"]),
        "as_not_break": set(ctx["as_not_break"]),
        "np_prepositions": set(ctx["np_prepositions"]),
        "possessive_pronouns": set(ctx["possessive_pronouns"]),
        "tally_verbs": set(ctx["tally_verbs"]),
        "noun_markers": set(ctx["noun_markers"]),
        "state_words": set(ctx["state_words"]),
        "tally_stops": set(ctx["tally_stops"]),
        "copulas": set(ctx["copulas"]),
        "since_comparisons": set(ctx["since_comparisons"]),
        "subordinators": set(ctx["subordinators"]),
        "event_nouns": set(ctx["event_nouns"]),
        "demonym_endings_strict": tuple(ctx["demonym_endings_strict"]),
        "demonym_plurals": tuple(ctx["demonym_plurals"]),
        "statement_re": re.compile(r"\b(?:" + "|".join(ctx["statement_words"]) + r")\b(?:\s+(?:late|early))?"
                                   r"(?:\s+(?!that\b)[\w'’.]+){0,3}?\s*$"),
        "point_words": set(ctx["point_words"]),
        "country_nouns": list(ctx["country_nouns"]),
        "vague_place_nouns": list(ctx["vague_place_nouns"]),
        "settlement_nouns": set(ctx["settlement_nouns"]),
        "number_words": set(lexicon.load("numbers")["units"]) | set(lexicon.load("numbers")["tens"]),
    }


@lru_cache(maxsize=None)
def _places() -> frozenset:
    path = resources.files("stats") / "data" / "lexicon" / "places.txt"
    L = _lex()
    common = L["stop"] | L["qual_words"] | set(lexicon.load("numbers")["units"])
    return frozenset(n for n in path.read_text(encoding="utf-8").split("\n") if n and n.lower() not in common)


@lru_cache(maxsize=None)
def _countries() -> frozenset:
    path = resources.files("stats") / "data" / "lexicon" / "countries.txt"
    return frozenset(n for n in path.read_text(encoding="utf-8").split("\n") if n)


# --- a sentence, tokenised once ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Place:
    i: int          # first token
    j: int          # end token (exclusive)
    name: str       # as written
    key: str        # the place name proper, for counting ('Idlib' for 'southern Idlib province')
    kind: str       # place type word that introduced it ('city', 'province') or ''
    dateline: bool = False  # 'SANAA (Reuters) -': where the story was filed, not a figure's place
    possessive: bool = False  # "Turkey's": a place as an actor ('government') or owner ('coast')
    generic: bool = False   # 'the island', 'neighbouring countries': a place named by its kind


class _Sent:
    __slots__ = ("start", "end", "paragraph", "text", "toks", "low", "places", "_aside", "_clause", "_cache")

    def __init__(self, text: str, s: Sentence, toks: list[Token] | None = None):
        self.start, self.end, self.paragraph = s.start, s.end, s.paragraph
        self.text = text[s.start:s.end]
        self.toks = tokenize(self.text) if toks is None else toks
        self.low = [t.lower for t in self.toks]
        self.places = _find_places(self.text, self.toks)
        self._aside: frozenset | None = None
        self._clause: list[int] | None = None
        self._cache: dict = {}      # what the context readers find once per sentence (periods, sources)

    @property
    def clause(self) -> list[int]:
        """Clause number of each token: a new clause after ';', ', and', ', while', ', which',
        'but' ... (computed once)."""
        if self._clause is None:
            self._clause = _clauses(self.low)
        return self._clause

    @property
    def aside(self) -> frozenset:
        """Token indices inside asides: '( ... )', '— ... —', ', including ... ,' (computed once)."""
        if self._aside is None:
            self._aside = _asides(self.low)
        return self._aside

    def index_of(self, start: int, end: int) -> tuple[int, int]:
        """Token range covering sentence-relative characters [start, end)."""
        a = next((k for k, t in enumerate(self.toks) if t.end > start), len(self.toks))
        b = next((k for k in range(a, len(self.toks)) if self.toks[k].start >= end), len(self.toks))
        return a, b

    def words(self, i: int, j: int) -> str:
        if i >= j:
            return ""
        return self.text[self.toks[i].start:self.toks[j - 1].end]

    def match(self, index: dict, k: int):
        """Longest phrase of ``index`` starting at token k: (end token, label) or None."""
        for words, label in index.get(self.low[k], ()):
            if tuple(self.low[k:k + len(words)]) == words:
                return k + len(words), label
        return None


def _capitalised(t: Token) -> bool:
    return t.is_word and t.text[0].isupper()


def _find_places(text: str, toks: list[Token]) -> list[_Place]:
    L = _lex()
    places = _places()
    out: list[_Place] = []
    n = len(toks)
    k = 0
    while k < n:
        t = toks[k]
        if not _capitalised(t):
            k += 1
            continue
        # a capitalised run, particles allowed inside: 'Maaret al-Numan', 'Bab al-Hawa', 'Khan Sheikhoun'
        j = k + 1
        while j < n and (_capitalised(toks[j]) or (toks[j].lower in L["particles"] and j + 1 < n
                                                   and _capitalised(toks[j + 1])) or toks[j].lower.startswith(("al-", "el-", "ad-", "ar-", "as-", "an-"))):
            j += 1
        while k < j - 1 and toks[k].lower in L["stop"]:
            k += 1      # 'In Sindh province': the sentence's first word is not part of the name
        run = toks[k:j]
        if any(t.lower.split("’")[0].split("'")[0] in L["event_names"] for t in run):
            k = j       # 'Hurricane Maria', 'Cyclone Idai', 'the Russia-Ukraine War': an event, not a place
            continue
        # longest gazetteer name inside the run
        found = None
        for a in range(len(run)):
            for b in range(len(run), a, -1):
                name = _strip_possessive(text[run[a].start:run[b - 1].end])
                if name in places or (name.isupper() and len(name) > 3 and name.title() in places):
                    found = (k + a, k + b)      # 'DERNA, Libya (Reuters) -': a dateline
                    break
            if found:
                break
        if found and found[1] < j and toks[found[1]].lower not in L["place_types"] and \
                not _possessive(toks[found[1] - 1]):
            found = None    # 'Elizabeth Throssell', 'Jackson Heights Road': a name that begins with a place's
        kind = ""
        nxt = toks[j].lower if j < n else ""
        prev = toks[k - 1].lower if k > 0 else ""
        prev2 = toks[k - 2].lower if k > 1 else ""
        typed_after = nxt in L["place_types"] and not _possessive(toks[j - 1])
        typed_before = prev == "of" and prev2 in L["place_types"]
        typed_in = len(run) > 1 and run[-1].lower in L["place_types"]      # 'English Channel', 'Kabul Airport'
        if typed_after or typed_before or typed_in:
            kind = nxt if typed_after else prev2 if typed_before else run[-1].lower
            found = (k, j)
        elif found is None and prev in L["strong_preps"] and k > 1 and _could_be_place(run):
            found = (k, j)      # 'sank off Pylos', 'in Jajarkot': a name after 'in'/'off'/'near'
        elif found is None and nxt in L["event_nouns"] and _could_be_place(run) and \
                not run[-1].lower.endswith(L["demonym_endings_strict"]):
            found = (k, j)      # 'Pylos shipwreck death toll ...', 'Jajarkot quake': the place of an event'
        if found is None or any(t.lower in L["institutions"] for t in run) or \
                (nxt in L["institutions"] and not _possessive(toks[j - 1])):
            k = j               # 'Ghent University', 'Gaza Health Ministry', 'Xinhua news agency': an institution
            continue
        i0, j0 = found
        key = _strip_possessive(text[toks[i0].start:toks[j0 - 1].end])
        key = key.title() if key.isupper() else key
        # widen: direction ('southern Idlib'), type word ('Idlib province'), 'border with Turkey'
        if i0 > 0 and toks[i0 - 1].lower in L["directions"] and not (
                i0 > 1 and toks[i0 - 2].lower.endswith(("'s", "’s")) and _capitalised(toks[i0 - 2])):
            i0 -= 1     # 'southern Idlib' is a part of Idlib; "Syria's northwestern Idlib" is all of it
        if typed_after and j0 == j:
            j0 = j + 1
        if i0 > 1 and toks[i0 - 1].lower == "with" and toks[i0 - 2].lower == "border":
            i0 -= 2
        possessive = _possessive(toks[j0 - 1])
        name = text[toks[i0].start:toks[j0 - 1].end]
        if possessive:
            owned = _generic_after(toks, j0)    # "Syria's northwestern rebel-held region", "Kabul's airport"
            if owned:
                j0, possessive = owned, False
                name = text[toks[i0].start:toks[j0 - 1].end]
            else:
                name = _strip_possessive(name)
        out.append(_Place(i0, j0, name, key, kind, dateline=name.isupper() or _dateline(toks, i0, j0),
                          possessive=possessive))
        k = j0 if possessive else max(j, j0)    # "Syria's Idlib": Idlib is a place of its own
    return _coordinate(text, toks, _with_generic(text, toks, out))


def _possessive(t: Token) -> bool:
    return t.lower.endswith(("'s", "’s"))


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("'s", "’s")) else name


def _dateline(toks: list[Token], i: int, j: int) -> bool:
    """'Islamabad, Sep 5 The death toll ...', 'Islamabad, Pakistan (CNN) ...', 'Kabul: ...': the
    place and date a story was filed from, opening its paragraph."""
    if j + 3 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 3].text in ("—", "–", "-"):
        return True     # 'COX'S BAZAR, Bangladesh (AFP) -'
    if i != 0 or j >= len(toks):
        return False
    nxt = toks[j].text
    if nxt in (":", "—", "–", "-"):
        return True
    if nxt != "," or j + 1 >= len(toks):
        return False
    after = toks[j + 1]
    return after.lower.rstrip(".") in _month_words() or after.lower.rstrip(".") in _lex()["month_abbrevs"] or (
        _capitalised(after) and j + 2 < len(toks) and toks[j + 2].text in ("(", "—", "–", "-", ":"))


def _generic_after(toks: list[Token], k: int, adjectives: bool = False) -> int:
    """End of 'northwestern rebel-held region' / 'frontline countries' starting at token k (up to
    three modifiers, then a place noun), or 0. A capitalised modifier only if a demonym ('the
    Syrian side'); with ``adjectives`` modifiers must look like adjectives ('neighbouring',
    'populated', 'other'), so that 'to storm border posts' names no place."""
    L = _lex()
    m = k
    while m < len(toks) and m - k < 4 and toks[m].is_word and toks[m].lower not in L["stop"] \
            and toks[m].lower not in L["generic_places"] and toks[m].lower not in L["qual_words"] \
            and not _number_word(toks[m].lower) and not _possessive(toks[m]):
        w = toks[m].lower
        if _capitalised(toks[m]) and not w.endswith(L["demonym_endings"]):
            return 0
        if adjectives and not (w in L["place_modifiers"] or w.endswith(L["adjective_endings"])):
            return 0
        m += 1
    return m + 1 if m < len(toks) and toks[m].lower in L["generic_places"] else 0


def _with_generic(text: str, toks: list[Token], named: list[_Place]) -> list[_Place]:
    """Add the places a sentence names by their kind: 'the island', 'their country', 'the Syrian
    side of the border', 'neighbouring countries', 'populated areas', 'worldwide'; after a word of
    place ('in', 'across', 'fled') only, and not as an owner ("the country's interior ministry")."""
    L = _lex()
    taken = set()
    for p in named:
        taken.update(range(p.i, p.j))
    out = list(named)
    n = len(toks)
    for k in range(n):
        w = toks[k].lower
        if w in L["place_adverbs"] and k not in taken:
            out.append(_Place(k, k + 1, toks[k].text, "", "", generic=True))
            continue
        coordinated = w == "and" and k - 1 in taken     # 'Chad and other neighbouring countries'
        if k in taken or not (w in L["place_preps"] or w in L["flight_verbs"] or coordinated):
            continue
        i = k + 1
        det = i < n and toks[i].lower in L["generic_determiners"]
        if not det and not (w in L["strong_preps"] or w in L["flight_verbs"] or w in ("into", "to", "across", "throughout")
                            or coordinated):
            continue    # 'destruction of civilian areas' is what was hit
        end = _generic_after(toks, i + det, adjectives=not det) if i + det < n else 0
        if not end or any(m in taken for m in range(i, end)) or (end < n and _possessive(toks[end - 1])):
            continue
        if not det and end - i < 2:
            continue    # 'in camps' alone names no place; 'in neighbouring countries' does
        if end + 2 < n and toks[end].lower == "of" and toks[end + 1].lower in L["generic_determiners"] \
                and toks[end + 2].lower in L["generic_places"]:
            end += 3    # 'the Syrian side of the border'
        if end < n and toks[end].lower == "of" and any(p.i in (end + 1, end + 2) for p in named):
            continue    # 'the town of Pokrovsk': the town is named
        kind = toks[end - 1].lower
        out.append(_Place(i, end, text[toks[i].start:toks[end - 1].end], "", kind, generic=True))
        taken.update(range(i, end))
    out.sort(key=lambda p: p.i)
    return out


def _could_be_place(run: list[Token]) -> bool:
    """A capitalised run not in the gazetteer that may still name a place: not a demonym
    ('Russian'), a title ('President'), a day or a month, nor a possessive."""
    L = _lex()
    for t in run:
        w = t.lower
        if w in L["not_place"] or w in L["weekdays"] or w in _month_words() or w.endswith(("'s", "’s")):
            return False
    last = run[-1].lower
    return not last.endswith(("ian", "ese", "ish", "ean", "ians", "ese"))


@lru_cache(maxsize=None)
def _month_words() -> frozenset:
    return frozenset(lexicon.load("not_figures")["months"])


def _countries_both(a: str, b: str) -> bool:
    """Two names of countries ('Turkey, Syria quake': one place, as headlines write it)."""
    from .places import known_place

    return known_place(a).startswith("cc:") and known_place(b).startswith("cc:")


def _coordinate(text: str, toks: list[Token], places: list[_Place]) -> list[_Place]:
    """'Idlib and northern Hama provinces', 'Turkey, Syria' -> one location."""
    out: list[_Place] = []
    for p in places:
        if out and p.i - out[-1].j == 1 and (toks[out[-1].j].lower == "and" or (
                toks[out[-1].j].text == "," and _countries_both(out[-1].name, p.name))):
            q = out.pop()
            j = p.j
            if j < len(toks) and toks[j].lower in _lex()["place_types"]:
                j += 1
            out.append(_Place(q.i, j, text[toks[q.i].start:toks[j - 1].end], q.key, q.kind or p.kind))
        else:
            out.append(p)
    return out


# --- clauses and asides -----------------------------------------------------------------------

def _clauses(low: list[str]) -> list[int]:
    L = _lex()
    out, c = [], 0
    for k, w in enumerate(low):
        if w == ";" or (w in ("but", "while", "whereas", "although")) or \
                (w in L["clause_openers"] and k > 0 and low[k - 1] == ","):
            c += 1
        out.append(c)
    return out


def _asides(low: list[str]) -> frozenset:
    inside: set[int] = set()
    n = len(low)
    for k, w in enumerate(low):
        close = {"(": (")",), "—": ("—",), "–": ("–",), ",": (",",)}.get(w)
        if close is None or (w == "," and not (k + 1 < n and low[k + 1] in _lex()["aside_openers"])):
            continue
        for m in range(k + 1, min(n, k + 16)):
            if low[m] in close:
                inside.update(range(k, m + 1))
                break
    return frozenset(inside)


# --- a word test the readers share ------------------------------------------------------------

def _number_word(w: str) -> bool:
    return w[:1].isdigit() or w in _lex()["number_words"]
