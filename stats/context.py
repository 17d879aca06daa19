"""Read each figure's context: what it counts, who, where, over what period, according to whom.

Rules over the tokens of the figure's sentence, with the article around it for what a sentence
leaves implicit (a place named earlier, "it said", "of whom"). Word lists live in
stats/data/lexicon/categories.json and context.json. A pure function of the article's text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from . import lexicon
from .numbers import Token, tokenize
from .records import Figure, Mention
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


# --- the stages of context, per figure ------------------------------------------------------

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


def _between(sent: _Sent, a: int, b: int) -> list[str]:
    """The words between two tokens, asides left out ('12 civilians, including five children,
    were killed': 'were killed' is next to '12')."""
    aside = sent.aside
    return [sent.low[k] for k in range(a, b) if k not in aside]


def _category(sent: _Sent, a: int, b: int, head: int | None, spans: list[tuple[int, int]],
              earlier: str = "") -> tuple[str, int]:
    """(category, score) of the figure at tokens [a, b) of the sentence; lower score is surer.

    A count that a toll or a number is said to reach ('the death toll climbed above 15,000',
    'the number of people who fled ... reached 6 million') counts what that toll counts; a total
    with nothing named ('bringing the total to 15,383') counts what ``earlier`` (the figure
    before) counts. Otherwise the nearest event word of the clause decides, then a noun naming
    what is counted."""
    L = _lex()
    hw = sent.low[head] if head is not None else ""
    things = head is not None and hw not in L["people"] and \
        (L["nouns"].get(hw, "killed") not in L["people_cats"] or hw in L["hazards"])   # 'two quakes'
    toll = _toll(sent, a, spans)
    if toll is not None and (toll or earlier) and not (things and (toll or earlier) in L["people_cats"]):
        return toll or earlier, 0
    best = ("other", (99, 1))
    n = len(sent.toks)
    named = _head_noun(sent, head)
    if named:
        best = (named, (4, 1))  # what is counted ('50 migrants', '300 aid workers'), unless an event word is near
    people = head is not None and (hw in L["people"] or L["nouns"].get(hw) in L["people_cats"])
    hazard = any(w in L["hazards"] for w in sent.low)
    headline = _title_case(sent)
    crossing = set()    # clauses that say people crossed a border
    k = 0
    while k < n:
        hit = sent.match(L["verbs"], k)
        if hit is None:
            arrive = sent.match(L["arrive"], k)     # 'arrived in Poland', 'went to Hungary'
            if arrive and _abroad(sent, arrive[0], L["to"] | L["in"], direct=False):
                hit = (arrive[0], "refugees")
        if hit is None or (not headline and _in_name(sent, k)) or \
                (hazard and hit[1] == "attacks" and sent.low[k] in L["hazard_verbs"]):
            k += 1      # 'the UN Refugee Agency' names no refugees; an earthquake 'struck'
            continue
        end, cat = hit
        if cat == "displaced" and _crossed(sent, k, end):
            cat = "refugees"    # 'fled to Moldova', 'fled Ukraine', 'sought shelter in Sudan'
        if cat == "refugees" and sent.low[k] not in L["nouns"]:
            crossing.add(sent.clause[min(k, n - 1)])
        if a <= k < b:
            k = end
            continue
        if end <= a:
            lo, hi = end, a
        else:
            lo, hi = b, k
        between = _between(sent, lo, hi)
        dist = len(between)
        if end <= a and all(w in ("of", "on", "against", "at", "the", "a", "to") or w in L["qual_words"]
                            for w in between):
            dist = 0
        elif end <= a:
            dist += 2       # an event word after the number is the commoner English order
            if "and" in between:
                dist += 4   # 'survived and 82 bodies were recovered': the verb of the figure before
        elif all(w in L["auxiliaries"] or w in L["verb_adverbs"] or w in ("of", "them", "whom", "those")
                 for w in between):
            dist = min(dist, 1)     # 'dozens of them are still missing'
        dist += 8 * sum(w in L["breaks"] for w in between)
        if sent.clause[min(k, n - 1)] != sent.clause[a]:
            dist += 6       # an event word of another clause
        dist += 10 * sum(1 for s, e in spans if lo <= s and e <= hi and s not in sent.aside)
        if things and cat in L["people_cats"] and cat not in L["any_head"] or people and cat in L["thing_cats"]:
            k = end
            continue    # '40 trucks crossed into Gaza': things are not refugees; nor people damage
        noun = sent.low[k] in L["nouns"] and L["nouns"][sent.low[k]] == cat and not _after_auxiliary(sent, k) \
            or k == head and sent.low[k] in L["people"]     # '27 of the survivors remain hospitalised'
        if head is not None and k == head and noun:
            dist = 4        # what is counted says what the count is about, unless an event word is near
        elif noun:
            dist += 6       # a noun names the kind of thing, a verb the event: verbs win when near
        key = (dist, int(noun))
        if key < best[1]:
            best = (cat, key)
        k = end
    cat, score = (best[0], best[1][0]) if best[1][0] <= 20 else ("other", 99)
    if cat == "damage" and not hazard and any(sent.match(L["conflict"], k) for k in range(n)):
        cat = "attacks"     # 'the campaign has flattened dozens of hospitals': what an attack hit
    if cat == "displaced" and sent.clause[a] in crossing:
        cat = "refugees"    # 'fleeing the war, have crossed into Sudan'
    return cat, score


def _head_noun(sent: _Sent, head: int | None) -> str:
    """The category the counted noun names by itself ('migrants', 'homes', 'aid workers'), or ''."""
    if head is None:
        return ""
    nouns = _lex()["nouns"]
    two = " ".join(sent.low[head - 1:head + 1]) if head > 0 else ""
    return nouns.get(two) or nouns.get(sent.low[head], "")


def _title_case(sent: _Sent) -> bool:
    """A headline written in title case: capitals say nothing about names there."""
    words = [t for t in sent.toks if t.is_word and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) > 0.6 * len(words)


def _in_name(sent: _Sent, k: int) -> bool:
    """Token k is inside a capitalised name ('the UN Refugee Agency', 'High Commissioner for
    Refugees', 'the refugee agency'), not at the start of the sentence."""
    if k + 1 < len(sent.toks) and sent.low[k + 1] in _lex()["institutions"]:
        return True
    if k == 0 or not _capitalised(sent.toks[k]):
        return False
    prev = sent.toks[k - 1]
    if _capitalised(prev) or prev.text.isupper() and prev.text.isalpha():
        return True
    if prev.lower in ("for", "of") and k > 1 and _capitalised(sent.toks[k - 2]):
        return True
    return k + 1 < len(sent.toks) and _capitalised(sent.toks[k + 1])


@lru_cache(maxsize=None)
def _country_names() -> frozenset:
    """Country names (lexicon/countries.txt, with the aliases of data/claims_places.json: 'UK',
    'Türkiye'), dots dropped ('U.S.' is 'US')."""
    import json
    names = set(_countries())
    path = resources.files("stats") / "data" / "claims_places.json"
    for key, alts in json.loads(path.read_text(encoding="utf-8")).get("aliases", {}).items():
        names.add(key)
        names.update(alts)
    return frozenset(n.replace(".", "") for n in names)


def _country_at(sent: _Sent, m: int) -> int:
    """End token of a country name starting at token m ('Poland', 'the U.K.', 'South Sudan'), 0 if none."""
    n = len(sent.toks)
    if m < n and sent.low[m] == "the":
        m += 1
    if m >= n or not _capitalised(sent.toks[m]):
        return 0
    for j in range(min(n, m + 6), m, -1):
        name = sent.text[sent.toks[m].start:sent.toks[j - 1].end].replace(".", "")
        if name in _country_names() or name[-2:] in ("'s", "’s") and name[:-2] in _country_names():
            return j    # ("Venezuela's crisis")
    return 0


def _demonym(word: str) -> bool:
    """'Eritrean', 'Venezuelan': an adjective of a country (data/claims_places.json)."""
    return word in _demonyms()


@lru_cache(maxsize=None)
def _demonyms() -> frozenset:
    import json
    path = resources.files("stats") / "data" / "claims_places.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8")).get("demonyms", {}))


def _abroad(sent: _Sent, e: int, preps: set, direct: bool, reach: int = 7) -> bool:
    """Do the words from token e name another country as where people went ('to Moldova',
    'into neighbouring countries', 'abroad') or, with ``direct``, the country they left
    ('fled Ukraine', 'left the country')?"""
    L = _lex()
    n = len(sent.toks)
    for m in range(e, min(n, e + reach)):
        w = sent.low[m]
        if w in L["breaks"] or sent.clause[m] != sent.clause[min(e, n - 1)]:
            return False
        starts = m == e or sent.low[m - 1] in preps or sent.low[m - 1] == "the" and m - 1 == e
        if starts and sent.match(L["abroad"], m):
            return True
        if w in preps and (_country_at(sent, m + 1) or _neighbouring(sent, m + 1)):
            return True
        if direct and _country_at(sent, m) and (m == e or sent.low[m - 1] == "in" and m - 1 > e and not any(
                sent.low[x] in L["home_words"] or sent.low[x] in L["internal"] for x in range(e, m))):
            return True     # 'fled Ukraine', 'fled the war in Ukraine' (not 'their homes in Syria',
            #                 'fighting elsewhere in Syria')
        if direct and w == "from" and any(_country_at(sent, x) or sent.match(L["abroad"], x)
                                          for x in range(m + 1, min(n, m + 4))):
            return True     # 'fled from Eritrea', 'the exodus from the crisis-stricken nation'
    return False


def _neighbouring(sent: _Sent, m: int) -> bool:
    """'neighbouring Sudan', 'the neighbouring countries'."""
    L = _lex()
    if m < len(sent.low) and sent.low[m] == "the":
        m += 1
    return m < len(sent.low) and sent.match(L["abroad"], m) is not None


def _crossed(sent: _Sent, k: int, end: int) -> bool:
    """A leaving or sheltering word whose words around say the people crossed a border:
    'fled to Moldova', 'fled Ukraine', 'left the country', 'seek shelter in Sudan'."""
    L = _lex()
    leave = sent.match(L["leave"], k)
    if leave and leave[0] == end and _abroad(sent, end, L["to"], direct=True):
        return True
    arrive = sent.match(L["arrive"], k)
    return bool(arrive and arrive[0] == end and _abroad(sent, end, L["to"] | L["in"], direct=False))


def _toll(sent: _Sent, a: int, spans: list[tuple[int, int]]) -> str | None:
    """What a count the figure is the value of counts: 'the death toll ... climbed above' ->
    'killed'; 'the number of people who have fled the war in X has reached' -> what the words
    after 'number of' count; '' for a total that names nothing ('bringing the total to');
    None when the figure is not the value of such a count."""
    L = _lex()
    others = {k for s, e in spans for k in range(s, e)}
    k = a - 1
    verb = False
    while k >= 0 and (sent.low[k] in L["links"] or sent.low[k] in L["link_verbs"] or sent.low[k] in L["qual_words"]
                      or k in others or sent.low[k].endswith("ly") and len(sent.low[k]) > 4):
        verb = verb or sent.low[k] in L["link_verbs"]
        k -= 1
    if k == a - 1 or k < 0:
        return None
    stop = max(-1, k - 25)
    noun = None
    for m in range(k, stop, -1):
        w = sent.low[m]
        if w in L["breaks"] or sent.clause[m] != sent.clause[a] or m in others:
            break
        if w in L["tolls"] and not _in_name(sent, m):
            return L["tolls"][w]
        of = sent.match(L["number_of"], m)
        if of and of[0] <= k:
            return _named(sent, of[0], k + 1) or ""
        if of:
            return None         # 'a total of 70 people have been reported missing': the verb says
        if w == "exodus":
            return "refugees" if _crossed(sent, m, m + 1) or m > 0 and _demonym(sent.toks[m - 1].text) \
                else "displaced"    # 'the exodus from the crisis-hit nation', 'the Eritrean exodus'
        if w in L["anaphors"] and k - m <= 1:
            # 'the official count of 64', 'bringing the total to': a count named before it, if any
            for j in range(m - 1, -1, -1):
                if sent.low[j] in L["tolls"]:
                    return L["tolls"][sent.low[j]]
                if sent.match(L["number_of"], j):
                    return _named(sent, sent.match(L["number_of"], j)[0], m) or ""
            return ""
        if noun is None and verb and k - m <= 3 and w in L["nouns"] and not _in_name(sent, m):
            noun = L["nouns"][w]    # 'Refugees from X are now 4 million'
    return noun


def _named(sent: _Sent, i: int, j: int) -> str:
    """The category the words [i, j) name ('people who have fled the war in X' -> refugees)."""
    L = _lex()
    noun = ""
    for k in range(i, j):
        hit = sent.match(L["verbs"], k)
        if hit and hit[0] <= j:
            cat = hit[1]
            if cat == "displaced" and _crossed(sent, k, hit[0]):
                cat = "refugees"
            if sent.low[k] not in L["nouns"] and sent.low[k] not in L["people"]:
                return cat      # 'the number of Turkish soldiers killed': killed, not military
            noun = noun or cat
    return noun


def _after_auxiliary(sent: _Sent, k: int) -> bool:
    """'are displaced', 'are now internally displaced': a verb, where 'the displaced' is a noun."""
    L = _lex()
    j = k - 1
    while j >= 0 and (sent.low[j] in L["verb_adverbs"] or sent.low[j].endswith("ly")) and k - j <= 3:
        j -= 1
    return j >= 0 and sent.low[j] in L["auxiliaries"]


def _inherits(sent: _Sent, a: int, prev_end: int, reach: int = 6) -> str:
    """The word tying a figure to the one before: 'including' ('12 civilians, including five
    children'), 'of which' ('46 facilities, of which it verified 16'); '' if none."""
    L = _lex()
    for k in range(max(prev_end, a - reach), a):
        hit = sent.match(L["inherit"], k)
        if hit:
            return " ".join(sent.low[k:hit[0]])
    return ""


def _subject(sent: _Sent, a: int, b: int) -> tuple[str, int | None, bool]:
    """(subject as written, head token, is a pronoun) for the figure at tokens [a, b)."""
    L = _lex()
    n = len(sent.toks)
    k = b
    while k < n and sent.low[k] in L["skip"] and sent.low[k] not in L["pronouns"]:
        k += 1
    if k < n and sent.low[k] in L["pronouns"] and (k == b or sent.low[k - 1] == "of"):
        return "", None, True
    first = k
    head = None
    while k < n and k - first < 5:
        t = sent.toks[k]
        w = sent.low[k]
        if t.text == "." and k > first and len(sent.toks[k - 1].text) == 1 and sent.toks[k - 1].text.isupper():
            k += 1      # 'U.S. service members'
            continue
        if not t.is_word or (w in L["stop"] and w not in L["people"]):
            break
        if w in L["state_words"] and (k == first or sent.low[k - 1] in L["state_words"]):
            break       # '13 dead', 'hundreds feared dead': a state, not who
        if _counted_noun(w) or (_capitalised(t) and w.endswith(L["demonym_endings"]) and k == first):
            head = k
            # 'Sudanese refugees', 'Rohingya refugees': a people word before the noun it modifies
            while head + 1 < n and sent.toks[head + 1].is_word and sent.low[head + 1] not in L["stop"] and \
                    (sent.low[head + 1] in L["people"] or sent.low[head + 1] in L["nouns"]):
                head += 1
            break
        if w.endswith("ing") and k == first and not (k + 1 < n and _counted_noun(sent.low[k + 1])):
            break       # 'thousands fleeing the war'; but 'two bombing attacks'
        k += 1
    if head is None:
        return "", None, False
    end = head + 1
    # coordination: 'hospitals, schools and civil defence centres', 'towns and villages'
    k = end
    while k + 1 < n and sent.low[k] in (",", "and", "or") and sent.low[k + 1] not in L["aside_openers"]:
        m = k + 1       # up to three modifiers, then a counted noun
        if m < n and (sent.low[m].endswith("ing") or _number_word(sent.low[m])):
            break       # 'people, shaking buildings ...', '43 Syrians, six Bangladeshis': not one list
        while m < n and m - k <= 3 and sent.toks[m].is_word and sent.low[m] not in L["stop"] \
                and not _counted_noun(sent.low[m]):
            m += 1
        listed = sent.low[k] != "," or (m + 1 < n and sent.low[m + 1] in (",", "and", "or"))
        if m < n and sent.toks[m].is_word and sent.low[m] not in L["stop"] and listed and \
                _counted_noun(sent.low[m]) and sent.low[m] != "others":
            end = k = m + 1     # (after a comma only inside a list: 'X, Y and Z', not 'X, rights groups said')
        else:
            break
    return sent.words(first, end), head, False


def _number_word(w: str) -> bool:
    return w[:1].isdigit() or w in _lex()["number_words"]


def _shared_noun(sent: _Sent, b: int, after: list[tuple[int, int]]) -> str:
    """'308 and 223 deaths', '20 to 30 homes': one noun after two figures counts both."""
    if after and b < len(sent.low) and sent.low[b] in ("and", "or", "to") and after[0][0] == b + 1:
        return _subject(sent, *after[0])[0]
    return ""


def _measured(sent: _Sent, a: int) -> str:
    """'a city of two million', 'a population of 37 million', 'a family of four': the noun the
    figure measures; not a tally ('a death toll of 64' names no one)."""
    L = _lex()
    if a < 2 or sent.low[a - 1] != "of":
        return ""
    k = a - 2
    w = sent.low[k]
    if not sent.toks[k].is_word or w in L["stop"] or w in L["tallies"] or _capitalised(sent.toks[k]):
        return ""
    i = k
    while i > 0 and sent.low[i - 1] not in L["stop"] and sent.toks[i - 1].is_word and \
            sent.low[i - 1] not in L["tallies"] and not _capitalised(sent.toks[i - 1]) and k - i < 2:
        i -= 1
    return sent.words(i, k + 1)


def _counted_noun(w: str) -> bool:
    """A noun that can head a counted phrase: a people word, a plural ('towns'), '-men'
    ('fishermen', 'gunmen') or a nationality in '-ese' ('Congolese')."""
    L = _lex()
    return w in L["people"] or (len(w) > 3 and (w.endswith("s") and not w.endswith("ss")
                                                or w.endswith(("men", "ese"))))


def _subject_before(sent: _Sent, a: int) -> str:
    """A counted noun named before the number: 'the number of Turkish soldiers killed ... to 59',
    'the most Syrian refugees in the world at 3.6 million'."""
    L = _lex()
    for k in range(a - 1, max(-1, a - 15), -1):
        w = sent.low[k]
        if w in L["breaks"]:
            break
        if w in L["tally_stops"] and k < a - 1:
            return ""   # 'the number of deaths ... the official count of 64': the count names no one
        counted = w in L["people"] or (w in L["nouns"] and L["nouns"][w] in L["people_cats"] and w.endswith("s")) \
            or (_capitalised(sent.toks[k]) and w.endswith(L["demonym_plurals"]))
        if counted and w not in L["pronouns"] and w != "others":
            i = k
            while i > 0 and (_capitalised(sent.toks[i - 1]) or "-" in sent.low[i - 1]) and \
                    sent.toks[i - 1].lower not in L["stop"] and k - i < 3:
                i -= 1      # 'Turkish soldiers', 'hurricane-related deaths'
            return sent.words(i, k + 1)
    return ""


def _location(sent: _Sent, a: int, b: int, spans: list[tuple[int, int]] = ()) -> _Place | None:
    """The place the sentence gives for the figure at tokens [a, b): the nearest in its clause,
    after a word of place ('in', 'off', 'fled'); for people on the move the place reached ('fled
    Ukraine into Poland'); not a party ('backed by Iran'), an actor ("Turkey's government",
    'Pakistan said'), where people come from ('men from Egypt') nor a place another figure of the
    sentence stands next to ('Ecuador has 220,000, Argentina 130,000')."""
    L = _lex()
    best, best_d = None, 10 ** 6
    n = len(sent.toks)
    for p in sent.places:
        if p.dateline:
            continue
        if p.j <= a:
            between = sent.low[p.j:a]
        elif p.i >= b:
            between = sent.low[b:p.i]
        else:
            continue
        aside = a in sent.aside     # '... off the Greek coast — while carrying 750 people — ...'
        d = len(between) + 6 * sum(w in L["breaks"] and not (aside and w in "—–()") for w in between)
        prep = p.i - 1 - (p.i > 1 and sent.low[p.i - 1] in ("the", "a"))   # 'at the Bab al-Hawa crossing'
        pw = sent.low[prep] if prep >= 0 else ""
        if not _where(sent, p, actors=True) or _actor(sent, p, list(spans) + [(a, b)]):
            continue
        if pw in L["place_preps"] or pw in L["flight_verbs"]:
            d -= 2
            if p.i <= 3 and p.j < n and sent.low[p.j] == ",":
                d = min(d, 1)   # 'In Idlib, ...' / 'At the Bab al-Hawa crossing, ...' frames the sentence
            if pw in ("into", "to") and any((sent.low[m] in L["flight_verbs"] or sent.low[m] in L["arrival_verbs"])
                                            and sent.clause[m] == sent.clause[prep] for m in range(prep)):
                d -= 5  # 'fled Ukraine into Poland': the place reached
        if p.i >= b:
            d -= 0.5
        # 'Balochistan province, where 99 died', 'Sindh was the worst-hit province, where 792 were killed'
        tied = p.j <= a and any(sent.low[m] == "where" and (m == p.j or sent.low[m - 1] == ",")
                                for m in range(p.j, min(a, p.j + 7)))
        if tied:
            d -= 2
        if p.j <= a and (p.i == 0 or sent.low[p.i - 1] in ("in",) and p.i == 1) and p.j < n and \
                sent.low[p.j] in L["copulas"] and sent.clause[p.j] == sent.clause[a]:
            d = min(d, -2)      # 'Sindh was the worst affected district, with 763 deaths': its subject
        if sent.clause[min(p.i, len(sent.clause) - 1)] != sent.clause[a] and not (p.i <= 3 and d <= 1) and not tied \
                and not aside:
            d += 20     # a place of another clause: only when the figure's own clause has none
        after = p.j
        while after < n and (sent.low[after] in (",", "which", "who") or sent.low[after] in L["verb_adverbs"]):
            after += 1
        if p.j <= a and after < a and sent.low[after] in L["host_verbs"]:
            d = min(d, 0.5)     # 'Colombia hosts 1.3 million', 'Turkey, which hosts 3.6 million refugees'
        if p.j < n and sent.toks[p.j].text in "'’":
            d += 4
        # a place that stands next to another figure of the sentence is that figure's
        mine = p.i - b if p.i >= b else a - p.j
        if any((p.i >= e and p.i - e < mine) or (p.j <= s and s - p.j < mine) for s, e in spans):
            d += 6
        if p.generic and p.kind:
            d += 1      # a name before a kind ('in Chimanimani' before 'in the area'); 'worldwide' is as near
        if d < best_d:
            best, best_d = p, d
    return best


def _where(sent: _Sent, p: _Place, actors: bool = False, spans: list[tuple[int, int]] = ()) -> bool:
    """False for a place the sentence names as other than where: a party ('agreed with Russia',
    'backed by Iran'), where people come from ('nine men from Egypt', 'a family of four from
    Queens'), the owner of another place ("Syria's Idlib province"), and unless ``actors``, an
    actor ("Turkey's government", 'Pakistan has confirmed', 'Turkey said')."""
    L = _lex()
    n = len(sent.low)
    prep = p.i - 1 - (p.i > 1 and sent.low[p.i - 1] in ("the", "a"))
    pw = sent.low[prep] if prep >= 0 else ""
    if pw in ("with", "against") or (pw == "by" and not (prep > 0 and sent.low[prep - 1] in L["by_lists"])):
        return False
    m = prep
    while m > 0 and p.i - m < 7 and sent.low[m] != "from" and (sent.toks[m].is_word and (
            sent.low[m] in ("of", "the") or _capitalised(sent.toks[m]) or sent.low[m] not in L["stop"])):
        m -= 1      # 'a family of four from the New York borough of Queens'
    if m >= 0 and sent.low[m] == "from" and m > 0 and (sent.low[m - 1] in L["people"] or _number_word(sent.low[m - 1])):
        return False
    if p.possessive and any(q.i in (p.j, p.j + 1) for q in sent.places if q is not p):
        return False
    if actors:
        return True
    return not _actor(sent, p, spans)


def _actor(sent: _Sent, p: _Place, spans: list[tuple[int, int]] = ()) -> bool:
    """"Turkey's government", 'Pakistan has confirmed', 'Turkey said': a place as who acts; but
    'Punjab reported 223 deaths' (a figure of ``spans`` right after the verb) is where."""
    L = _lex()
    n = len(sent.low)
    if p.possessive:
        m = p.j     # "Turkey's government", "Puerto Rico's vital statistics bureau"
        while m < n and m - p.j < 4 and sent.toks[m].is_word and sent.low[m] not in L["stop"]:
            w = sent.low[m]
            if w in L["actor_nouns"] or w in L["institutions"] or w in L["not_place"]:
                return True
            m += 1
    if p.i > 0 and sent.low[p.i - 1] == "of":
        return False    # 'the government of Puerto Rico acknowledged ...': the count is Puerto Rico's
    j = p.j
    while j < n and (sent.low[j] in L["auxiliaries"] or sent.low[j] in L["verb_adverbs"] or sent.low[j].endswith("ly")):
        j += 1
    return j < n and sent.low[j] in L["speech"] and sent.low[j] != "according" and \
        not any(0 < s - j <= 3 and "that" not in sent.low[j:s] for s, _ in spans)


def _period(sent: _Sent, a: int, b: int, events: bool = True) -> str:
    """The time span the count covers, as written; a day ('on Friday') only for events. Not when
    it was said ('said on Sunday', 'told AFP on Saturday', 'Earlier today, the minister announced
    that ...'), nor when the event a possessive names happened ("last week's earthquake")."""
    L = _lex()
    s_char, e_char = sent.toks[a].start, sent.toks[b - 1].end
    best, best_d = "", 10 ** 6
    if "periods" not in sent._cache:
        sent._cache["periods"] = list(L["period_re"].finditer(sent.text))
    for m in sent._cache["periods"]:
        if m.start() < e_char and m.end() > s_char:
            continue
        before = sent.text[max(0, m.start() - 40):m.start()].lower()
        if L["statement_re"].search(before):
            continue  # 'said on Sunday', 'told AFP on Saturday': when it was said, not what the count covers
        words = m.group().lower().split()
        point = words[0] in L["point_words"]
        if not events and point and any(w in L["weekdays"] or w in ("yesterday", "today") for w in words):
            continue
        if sent.text[m.end():m.end() + 2] in ("'s", "’s") and words[0] in ("this", "last", "past"):
            continue  # "last week's earthquake": when the event was, not the count
        k_m, e_m = sent.index_of(m.start(), m.end())
        if words[0] == "since" and k_m > 0 and sent.low[k_m - 1] in L["since_comparisons"]:
            continue    # 'the most since the Second World War', 'nearly a week since the quake': no start
        if m.end() <= s_char and k_m > 0 and sent.low and sent.low[0] in L["subordinators"] and \
                "," in sent.low[e_m:a] and "," not in sent.low[:k_m]:
            continue    # 'While the outflow has slowed since March, ... N could flee': the fronted clause's
        if point and m.end() <= s_char and any(sent.low[k] in L["speech"] for k in range(e_m, a)):
            continue  # 'On Friday, the ministry published ...': when it was said
        if k_m < len(sent.clause) and sent.clause[k_m] != sent.clause[a] and not (k_m <= 1 and a < len(sent.clause)):
            continue    # the period of another clause
        phrase = " ".join(m.group().split()).rstrip(",")
        d = s_char - m.end() if m.end() <= s_char else m.start() - e_char
        seg = sent.text[min(m.end(), e_char):max(m.start(), s_char)]
        d += 40 * sum(seg.count(c) for c in ";") + (30 if " but " in seg else 0)
        if d < best_d:
            best, best_d = phrase, d
    return best


def _skip_auxiliaries(sent: _Sent, k: int) -> int:
    """Step back from a verb over 'has', 'also', 'flatly', 'on Thursday'."""
    L = _lex()
    j = k
    while j > 0 and (sent.low[j - 1] in ("has", "have", "had") or sent.low[j - 1] in L["verb_adverbs"]
                     or sent.low[j - 1] in L["speech_time_words"] and j > 1
                     or sent.low[j - 1].endswith("ly") and len(sent.low[j - 1]) > 3
                     or sent.low[j - 1] in L["weekdays"]
                     or sent.low[j - 1] == "on" and j < len(sent.low) and sent.low[j] in L["weekdays"]):
        j -= 1
    return j


def _noun_phrase_before(sent: _Sent, k: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before token k (a speech verb), skipping auxiliaries,
    adverbs, '(PHR)' and an appositive between commas: 'Mark Lowcock, the UN relief chief, said'."""
    L = _lex()
    j = _skip_auxiliaries(sent, k)
    for _ in range(2):
        for close, opener in ((",", ","), (")", "(")):
            if j > 0 and sent.low[j - 1] == close:
                m = j - 2
                while m >= 0 and sent.low[m] != opener:
                    m -= 1
                if m < 0:
                    return None
                inner = range(m + 1, j - 1)
                if close == "," and 2 <= len(inner) <= 4 and all(_capitalised(sent.toks[x]) for x in inner) \
                        and m > 0 and not _capitalised(sent.toks[m - 1]):
                    return m + 1, j - 1     # 'The MP for the district, Joshua Sacco, said': the name
                j = m       # skip the appositive or the bracket back to where it opened
    i = j
    while i > 0:
        t = sent.toks[i - 1]
        w = t.lower
        if t.text in ("'", "’") or w == "s" and i > 1 and sent.toks[i - 2].text in ("'", "’") or (
                t.text == "." and i > 1 and _capitalised(sent.toks[i - 2]) and len(sent.toks[i - 2].text) <= 4):
            i -= 1      # ("the UN's", 'Gov. Ricardo Rossello', 'U.N.')
            continue
        inside_name = i > 1 and i < len(sent.toks) and _capitalised(sent.toks[i]) and (
            (w in ("for", "of") and _capitalised(sent.toks[i - 2]))      # 'Physicians for Human Rights'
            or (w in ("in", "from") and sent.toks[i - 2].is_word          # 'health officials in Gaza'
                and sent.low[i - 2] not in L["stop"] and not _capitalised(sent.toks[i - 2])))
        acronym = t.text.isupper() and len(t.text) > 1   # 'WHO', 'IOM': names, not the words 'who', 'i'
        coordinated = w in ("the", "a", "an") and i > 2 and sent.low[i - 2] == "and" and (
            _capitalised(sent.toks[i - 3]) or sent.low[i - 3] in L["institutions"])   # 'the UN agency and the IOM said'
        if not inside_name and not coordinated and not acronym and (
                not t.is_word or (w in L["stop"] and w != "and") or w in L["speech"]
                or w in L["clause_openers"] and w != "and" or w == "although"):
            break
        i -= 1
    while i < j and sent.low[i] in ("and", "the", "a", "an"):
        i += 1
    return (i, j) if i < j else None


def _sentence_subject(sent: _Sent) -> str:
    """The noun phrase a sentence opens with ('Opposition activists there blamed ...')."""
    L = _lex()
    if sent.low and sent.low[0].endswith("ing"):
        return ""       # 'Speaking in remarks broadcast live, he said ...' opens with no subject
    e = 0
    while e < len(sent.toks) and sent.toks[e].is_word and sent.low[e] not in L["stop"] \
            and sent.low[e] not in L["speech"] and e < 6:
        e += 1
    return sent.words(0, e)


def _attribution(sent: _Sent, a: int, last: str, spans: list[tuple[int, int]] = ()) -> str:
    """Who says so: 'according to X', 'X said', 'said X', 'it said' (the source named last), 'X
    cited Y as saying' (Y). A speaker whose words hold the figure ('Minister X said N were hurt,
    the agency reported') before a closing tag, a closing tag before a speaker further away."""
    L = _lex()
    n = len(sent.toks)
    if "sources" not in sent._cache:
        sent._cache["sources"] = [(k, sent.match(L["sources"], k)) for k in range(n) if sent.low[k] in L["sources"]]
    for k, src in sent._cache["sources"]:
        if src:
            if "citing" in sent.low[max(0, k - 3):k + 1] and any(w in L["speech"] and w != "according"
                                                                 for w in sent.low[k + 1:]):
                continue    # 'Citing data from X, the agencies said ...': the agencies speak (but 'said, citing X': X)
            if k > 0 and sent.low[k - 1] == "," and any(sent.low[v] in L["speech"] and sent.low[v] != "according"
                                                        for v in range(src[0], a)):
                continue    # "The Times' review, based on data from X, found that N ...": the review
            m = src[0]
            while m < n and sent.low[m] in ("the", "a", "an"):
                m += 1
            e = m
            while e < n and (sent.toks[e].is_word or sent.toks[e].text in ("'", "’", "-", "(", ")")) and e - m < 8 \
                    and sent.low[e] not in ("that", "which", "who", "on", "in", "as", "with") \
                    and sent.low[e] not in L["speech"]:
                e += 1
            if e + 2 < n and sent.low[e] in L["speech"] and sent.low[e + 1] == "by":
                # 'according to a report released by the NDMA': the NDMA
                m = e = e + 2 + (sent.low[e + 2] in ("the", "a", "an"))
                while e < n and (sent.toks[e].is_word or sent.toks[e].text in ("'", "’", "-", "(", ")")) and \
                        e - m < 8 and sent.low[e] not in ("that", "which", "who", "on", "in", "as", "with") \
                        and sent.low[e] not in L["speech"]:
                    e += 1
            if e > m and sent.toks[e - 1].text == "(":
                e -= 1
            if e > m:
                return _alias(sent.words(m, e))
    found, best_d = "", 10 ** 6
    for k in range(n):
        w = sent.low[k]
        if w not in L["speech"] or w == "according" or sent.match(L["not_speech"], k) or \
                (w.endswith("ing") and k > 0 and sent.low[k - 1] == "as") or \
                (k > 0 and sent.low[k - 1] in L["noun_markers"]):
            continue    # ('cited the minister as saying': the citing verb speaks; 'other claims': a noun)
        d = abs(k - a)
        cited = _cited_as_saying(sent, k)
        if k < a and not cited and any(x in L["scope_breaks"] and not (x == "as" and sent.low[m + 1] in L["as_not_break"])
                                       for m, x in enumerate(sent.low[k + 1:a], k + 1)):
            continue    # 'announced a ceasefire ... after thousands fled': not what was said
        v = _first_verb(sent, k) if w.endswith("ing") else k
        if v == k and w.endswith("ing") and k > 0:
            subj = _sentence_subject(sent)      # 'Grandi, head of UNHCR, put out a tweet saying ...'
            if subj and subj.lower() not in L["pronoun_speakers"] and (k < a or best_d > d):
                found, best_d = _title_name(subj), -2 if k < a else d
            continue
        j = _skip_auxiliaries(sent, v)
        if j > 0 and sent.low[j - 1] in L["passive_auxiliaries"]:
            continue    # 'were reported missing', 'was confirmed dead': no one named
        inverted = k > 0 and k + 1 < n and sent.toks[k - 1].text in ",\"”'’" and w not in L["told"] and (
            _capitalised(sent.toks[k + 1]) or sent.low[k + 1] in ("the", "a", "an"))
        np = None if inverted else _noun_phrase_before(sent, v)
        who = ""
        about = False
        if np is None and not inverted and j > 0 and sent.low[j - 1] in L["pronoun_speakers"]:
            np = (j - 1, j)
        if np is not None:
            before = np[0] - 1
            while before > 0 and sent.low[before] in ("the", "a", "an"):
                before -= 1
            if before > 0 and sent.low[before] in L["np_prepositions"] and sent.toks[before - 1].is_word and \
                    sent.low[before - 1] not in L["stop"] and sent.low[before - 1] not in L["speech"] and \
                    not sent.low[before - 1].endswith(("ed", "ing")):
                i = before - 1      # 'a spokesperson for Lebanon's Health Ministry', 'Office for the Coordination of ...'
                while i > 0 and sent.toks[i - 1].is_word and (sent.low[i - 1] not in L["stop"] or
                                                              sent.low[i - 1] in ("for", "of", "the")) and before - i < 5:
                    i -= 1
                while i < before and sent.low[i] in ("the", "a", "an", "for", "of"):
                    i += 1
                np = (i, np[1])
                before = i - 1
                while before > 0 and sent.low[before] in ("the", "a", "an"):
                    before -= 1
            about_figure = about = before - a <= 3 and sent.low[a:before].count(",") <= 1 and before >= a
            if k > a and before >= 0 and sent.low[before] in ("that", "which", "who") and not about_figure:
                continue    # 'the offensive that the UN says has killed hundreds': only what follows
            if before >= 0 and sent.low[before] in L["np_prepositions"] and not inverted:
                continue    # 'in a report posted online': not who speaks
            closing = k > a and np[0] > 0 and sent.toks[_before_article(sent, np[0])].text in ",\"”'’"
            if not closing and any(e == np[0] or np[0] <= s < np[1] for s, e in spans):
                continue    # 'Several deaths reported', '1,602 people confirmed dead': what is counted
            if any(p.i <= np[0] and np[1] <= p.j + 1 for p in sent.places) and \
                    any(0 < s - k <= 3 for s, _ in spans):
                continue    # 'Punjab reported 223 deaths': where, not who
            who = sent.words(*np)
        elif k + 1 < n and k > 0 and sent.toks[k - 1].text in ",\"”'’":
            # ', said Erdogan' / '..." said the local civil society organisation.'
            e = m = k + 1 + (sent.low[k + 1] in ("the", "a", "an"))
            while e < n and sent.toks[e].is_word and (sent.low[e] not in L["stop"] or sent.low[e] in L["particles"]) \
                    and e - m < 6 and sent.low[e] not in L["speech"]:
                e += 1
            who = sent.words(m, e)
        if cited:
            who = cited     # 'NNA cited the health minister as saying': the minister
        tag = k > a and np is not None and np[0] > 0 and sent.toks[_before_article(sent, np[0])].text in ",\"”'’"
        tag = tag or (k > a and np is None and sent.toks[k - 1].text in ",\"”'’")
        tag = tag or (k > a and all(not t.is_word or t.lower in L["speech_time_words"] for t in sent.toks[k + 1:]))
        if k > a and not tag and sent.clause[k] != sent.clause[a] and not about:
            continue    # '150 are confirmed dead – although residents say ...': another clause's speaker
        if who.lower() in L["pronoun_speakers"] or (np is not None and sent.low[np[0]] in L["possessive_pronouns"]):
            if found and best_d < 0:
                continue    # 'X says it has confirmed ...', 'X said her office has ...': X
            # '..., it said.' is the source named before; 'which they said killed' is the subject's
            subj = _sentence_subject(sent)
            who = subj if subj and who.lower() in L["plural_speakers"] and k > 2 and not tag else \
                last if who.lower() in L["pronoun_speakers"] else who
        if who and who.lower() not in L["pronoun_speakers"]:
            # the speaker whose words hold the figure, then a closing tag ('..., the WHO said.')
            inner = k < a and np is not None
            score = -2 + min(d, 500) / 1000 if inner else -1 if tag else d     # the nearer inner speaker
            if score < best_d:
                found, best_d = _title_name(who), score
    if not found:
        found = _dash_source(sent, a) or _tally_owner(sent, a)
    return _alias(found)


def _tally_owner(sent: _Sent, a: int) -> str:
    """"The government's official count swelled to 64", 'the Puerto Rican government raised the
    death count to 2,975': who keeps the tally the figure is the value of (not a place's toll)."""
    L = _lex()
    for k in range(max(0, a - 12), a):
        if sent.low[k] not in L["tallies"]:
            continue
        j = k - 1
        while j >= 0 and sent.toks[j].is_word and sent.low[j] not in L["stop"] and not _possessive(sent.toks[j]) \
                and k - j < 4:
            j -= 1      # 'official death' before 'count'
        if j >= 0 and _possessive(sent.toks[j]) and not any(p.i <= j < p.j for p in sent.places) and \
                sent.low[j][:-2] not in L["pronoun_speakers"] and sent.low[j] not in L["possessive_pronouns"]:
            i = j
            while i > 0 and sent.toks[i - 1].is_word and sent.low[i - 1] not in L["stop"] and j - i < 3:
                i -= 1
            i -= i > 0 and sent.low[i - 1] == "the"
            return _strip_possessive(sent.words(i, j + 1))
        if j >= 1 and sent.low[j] in ("the", "its", "their") and sent.low[j - 1] in L["tally_verbs"]:
            np = _noun_phrase_before(sent, j - 1)    # 'the government raised the death count to'
            if np and not any(p.i <= np[0] < p.j for p in sent.places):
                return sent.words(*np)
    return ""


def _title_name(who: str) -> str:
    """'UN Human Rights Office spokesperson Elizabeth Throssell' -> 'Elizabeth Throssell': the
    person a long title names; a short one stays ('Minister Hamad Hasan')."""
    L = _lex()
    ws = who.split()
    for k in range(len(ws) - 3, 0, -1):
        if ws[k].lower() in L["titles"] and len(ws) - k - 1 >= 2 and all(w[:1].isupper() for w in ws[k + 1:]):
            return " ".join(ws[k + 1:]) if k >= 2 else who
    return who


def _dash_source(sent: _Sent, a: int) -> str:
    """A headline's source after a dash: '... climbs to 158 - TV', '... above 45,000 - AFAD'."""
    n = len(sent.toks)
    text = sent.text.rstrip()
    if text.endswith((".", "!", "?")):
        return ""
    for k in range(max(a + 1, n - 4), n):
        if sent.toks[k].text in ("-", "–", "—") and k + 1 < n and 1 <= n - k - 1 <= 3 and \
                all(_capitalised(t) or t.text.isupper() for t in sent.toks[k + 1:]):
            return sent.words(k + 1, n)
    return ""


def _cited_as_saying(sent: _Sent, k: int) -> str:
    """'X cited Y as saying' / 'quoted Y as saying' at token k: Y."""
    L = _lex()
    if sent.low[k] not in L["citing_verbs"]:
        return ""
    for m in range(k + 2, min(len(sent.low) - 1, k + 10)):
        if sent.low[m] == "as" and sent.low[m + 1] in ("saying", "telling"):
            i = k + 1
            while i < m and sent.low[i] in ("the", "a", "an"):
                i += 1
            return sent.words(i, m)
    return ""


def _before_article(sent: _Sent, i: int) -> int:
    """Index of the token before the noun phrase starting at i, skipping 'the'/'a'."""
    j = i - 1
    while j > 0 and sent.low[j] in ("the", "a", "an"):
        j -= 1
    return j


def _first_verb(sent: _Sent, k: int) -> int:
    """For 'X has denied the reports, saying ...': the main verb whose subject also speaks."""
    L = _lex()
    for m in range(k - 1, -1, -1):
        if sent.low[m] in L["speech"] and not sent.low[m].endswith("ing"):
            return m
    for m in range(k - 1, -1, -1):
        if sent.low[m] in ("has", "have", "had", "was", "were", "is", "are"):
            return m
    return k


def _alias(name: str) -> str:
    aliases = _lex()["aliases"]
    return " ".join(aliases.get(w, w) for w in name.split()) if name else ""


# --- the article ------------------------------------------------------------------------------

def describe(article: str, text: str, sentences: list[Sentence],
             mentions: list[list[Mention]], tokens: list[list[Token]] | None = None) -> list[Figure]:
    """Figures with context for ``mentions`` (per sentence, offsets relative to the sentence);
    ``tokens`` are the sentences' tokens when the caller has them already."""
    L = _lex()
    sents = [_Sent(text, s, tokens[k] if tokens else None) for k, s in enumerate(sentences)]
    # the article's main place: the most named one across the body
    counts: Counter = Counter()
    for st in sents:
        for p in st.places:
            counts[p.key] += 0.5 if p.dateline else 1    # a dateline only breaks ties
    # 'the country' is the one the article names most, until a place is named as one
    main = max((k for k in counts if k in _countries()), key=lambda k: counts[k], default="")
    typed: dict[str, str] = {w: main for w in L["country_nouns"]} if main else {}
    headline_place = _headline_place(sents)
    figures: list[Figure] = []
    last_attr, last_subject = "", ""
    last_cat, last_si = "", -9     # the category of the article's last figure, and its sentence
    resolved: list[list[tuple[_Place, str]]] = []     # per sentence: its places, 'the province' resolved
    for si, (s, ms) in enumerate(zip(sentences, mentions)):
        for p in sents[si - 1].places if si else []:
            if p.kind and not p.generic:
                typed[p.kind] = p.name
        sent = sents[si]
        sent_spans = [sent.index_of(m.start, m.end) for m in ms]
        resolved.append([(p, _place_name(sent, p, typed)) for p in sent.places
                         if not p.dateline and _where(sent, p, spans=sent_spans)])
        named = [pn for pn in resolved[-1] if not pn[0].generic]
        if named:
            last = max(reversed(named), key=lambda pn: (_after_place_word(sent, pn[0]), counts[pn[0].key]))[1]
            for w in L["vague_place_nouns"]:
                typed[w] = last     # 'the area': the place named last
        if not ms:
            if any(w in L["speech"] for w in sent.low):
                last_attr = _attribution(sent, 0, last_attr) or last_attr
            continue
        spans = [sent.index_of(m.start, m.end) for m in ms]
        sentence_text = " ".join(sent.text.split())     # one string shared by the sentence's figures
        prev_cat, prev_subject, prev_end, prev_place = "", "", 0, ""
        for mi, m in enumerate(ms):
            a, b = spans[mi]
            subject, head, pronoun = _subject(sent, a, b)
            others = [sp for k, sp in enumerate(spans) if k != mi]
            earlier = prev_cat or (last_cat if si - last_si <= 2 else "")
            category, score = _category(sent, a, b, head, others, earlier)
            inherits = _inherits(sent, a, prev_end) if mi else _inherits(sent, a, 0, reach=a)
            # a share with its own verb ('half of whom are displaced') keeps it; a part named in
            # passing ('including 68 children') counts what the whole counts
            own = category != "other" and (inherits in ("of whom", "of which") or score <= 2)
            if inherits and (prev_cat or earlier) and not own:
                category = prev_cat or earlier      # 'Among them are 100,000 children.'
            elif category == "other" and score >= 99 and earlier and (
                    head is None and not _own_verb(sent, b) or mi and _listed(sent, prev_end, a)):
                category = earlier  # a list goes on: 'Peru hosts 768,000; Chile 288,000', 'among
                #                     them 43 Syrians, six Bangladeshis and two Egyptians'
            if category == "displaced" and _abroad(sent, b, L["to"], direct=False, reach=3):
                category = "refugees"   # '459,546 have fled to Moldova, 409,527 to Slovakia'
            if inherits and not subject and prev_subject:
                subject = prev_subject
            if m.unit and category != "aid":
                category = "other"
            fraction = bool(mi) and sent.low[b - 1] in ("half", "third", "quarter", "thirds", "quarters")
            if fraction or pronoun:
                subject = prev_subject if fraction and prev_subject else (prev_subject or last_subject)
                named = _share_named(sent, b)
                subject = named or subject
            if not subject:
                subject = _subject_before(sent, a)
            if not subject:
                subject = _shared_noun(sent, b, spans[mi + 1:]) or _measured(sent, a)
            place = _location(sent, a, b, others)
            if (inherits or fraction) and prev_place and (place is None or place.generic):
                location = prev_place   # 'three million residents of Idlib, half of whom ...': where the whole is
            else:
                location = (_place_name(sent, place, typed) or _anaphora(sent, typed)
                            or _paragraph_place(sents, si, counts, resolved) or headline_place)
            attribution = _attribution(sent, a, last_attr, spans)
            if mi and _partitive(sent, prev_end, a) and figures:
                # '90 of its 200 residents were killed': 200 is the whole, 90 the part
                if category in L["people_cats"] and not _participle(sent, head, category):
                    # (but 'one in five of the 5,000 people injured', '40 of the 100 bodies')
                    category = _head_noun(sent, head) or "population"
                part = figures[-1]
                if part.subject in ("", "people") and subject:
                    figures[-1] = replace(part, subject=subject)
            figures.append(Figure(
                article=article, start=s.start + m.start, end=s.start + m.end, surface=m.surface,
                value=m.value, low=m.low, high=m.high, qualifier=m.qualifier,
                unit=m.unit or ("people" if category in L["people_cats"] or subject.lower().split()[-1:] and subject.lower().split()[-1] in L["people"] else ""),
                category=category, subject=subject, location=location,
                period=_period(sent, a, b, events=category in L["event_cats"]),
                attribution=attribution, sentence=sentence_text,
            ))
            prev_cat, prev_subject, prev_end = category, subject or prev_subject, b
            prev_place = location if place is not None else ""
            last_cat, last_si = category, si
            if subject and not pronoun:
                last_subject = subject
        last_attr = _attribution(sent, 0, last_attr) or last_attr
    return figures


def _own_verb(sent: _Sent, b: int) -> bool:
    """The figure has a verb of its own ('while 12,000 recovered'): it does not go on a list."""
    L = _lex()
    k = b
    while k < len(sent.low) and (sent.low[k] in L["auxiliaries"] or sent.low[k] in L["verb_adverbs"]):
        k += 1
    return k < len(sent.low) and sent.low[k].endswith("ed") and sent.low[k] not in L["speech"]


def _listed(sent: _Sent, prev_end: int, a: int) -> bool:
    """The figure is the next item of a list after the figure ending at prev_end ('43 Syrians,
    six Bangladeshis and two Egyptians'): a comma or 'and' before it, no event word between."""
    L = _lex()
    return 0 < a - prev_end <= 8 and sent.low[a - 1] in (",", "and") and not any(
        sent.match(L["verbs"], k) for k in range(prev_end, a))


def _participle(sent: _Sent, head: int | None, category: str) -> bool:
    """'5,000 people injured': the event word follows the counted noun, no auxiliary between."""
    hit = sent.match(_lex()["verbs"], head + 1) if head is not None and head + 1 < len(sent.toks) else None
    return bool(hit) and hit[1] == category


def _share_named(sent: _Sent, b: int) -> str:
    """'a third of them children', 'half of whom women': the share names what it counts."""
    w = sent.low[b:b + 4]
    if len(w) >= 3 and w[0] == "of" and w[1] in ("them", "whom", "those"):
        verb = w[2] in ("are", "were")
        k = b + 2 + verb                        # 'half of whom are children'
        if k < len(sent.low) and _counted_noun(sent.low[k]) and not (verb and sent.low[k].endswith("ed")):
            return sent.toks[k].text            # ('half of whom are displaced' names no one)
    return ""


def _partitive(sent: _Sent, prev_end: int, a: int) -> bool:
    """True when only 'of its' / 'of the' stands between the previous number and this one."""
    between = sent.low[prev_end:a]
    return bool(between) and between[0] == "of" and all(
        w in ("its", "their", "the", "these", "those", "his", "her") for w in between[1:]) and len(between) <= 2


def _after_place_word(sent: _Sent, p: _Place) -> bool:
    """'in Kharkiv', 'from the Kharkiv region', 'fled Ukraine' (not 'since Russia launched')."""
    L = _lex()
    k = p.i - 1 - (p.i > 1 and sent.low[p.i - 1] in ("the", "a"))
    return k >= 0 and (sent.low[k] in L["place_preps"] or sent.low[k] in L["flight_verbs"])


def _paragraph_place(sents: list[_Sent], si: int, counts: Counter, resolved: list) -> str:
    """From the nearest earlier sentence of the paragraph that names a place: the place the
    article names most (the story stays where it is), the last named on a tie."""
    for k in range(si - 1, -1, -1):
        if sents[k].paragraph != sents[si].paragraph:
            break
        if resolved[k]:
            return max(reversed(resolved[k]), key=lambda pn: counts[pn[0].key] if pn[0].key else 0)[1]
    return ""


def _place_name(sent: _Sent, p: _Place | None, typed: dict[str, str]) -> str:
    """A place as written; 'the province' / 'this city' is the province or city named last
    before ('Idlib province ... the province'), where one was."""
    if p is None:
        return ""
    if p.generic and sent.low[p.i] in ("the", "this", "that") and p.kind in typed:
        return typed[p.kind]
    if p.generic and sent.low[p.i] in ("the", "this", "that") and p.j - p.i == 2 and \
            p.kind in _lex()["settlement_nouns"] and "area" in typed:
        return typed["area"]    # 'This city served as a hub': the place named last
    return p.name


def _headline_place(sents: list[_Sent]) -> str:
    """The place the headline names, where the article opens with one: a line of its own, not
    ending like a sentence, before the first paragraph of prose. '' when the article has none
    (a dateline is where the story was filed, not where its figures are)."""
    for k, st in enumerate(sents[:8]):
        alone = (k == 0 or sents[k - 1].paragraph != st.paragraph) and \
            (k + 1 == len(sents) or sents[k + 1].paragraph != st.paragraph)
        text = st.text.rstrip()
        words = [t for t in st.toks if t.is_word]
        if alone and not text.endswith(_TERMINAL) and len(words) >= 4 and \
                any(t.text.islower() and len(t.text) > 2 for t in words):
            return _framing_place(st)
        if text.endswith(_TERMINAL) and len(words) >= 8:
            return ""       # prose began: no headline
    return ""


def _framing_place(st: _Sent) -> str:
    """The place a headline is about: one after 'in', 'off', 'near' ('Russia declares a ceasefire
    in Idlib') before one that opens it as an actor ('Russia declares ...')."""
    L = _lex()
    named = [p for p in st.places if not p.dateline and _where(st, p)]
    for p in named:
        if p.i > 0 and st.low[p.i - 1] in L["place_preps"]:
            return p.name
    return next((p.name for p in named if p.i > 0), named[0].name if named else "")


_TERMINAL = tuple('.!?"”’\')')


def _anaphora(sent: _Sent, typed: dict[str, str]) -> str:
    """'the now ghost city' -> the city named last before this sentence."""
    for k in range(1, len(sent.low)):
        if sent.low[k] in typed and any(sent.low[m] in ("the", "this", "that") for m in range(max(0, k - 3), k)):
            return typed[sent.low[k]]
    return ""
