"""Context, stage 2: what a figure counts (its category).

The nearest event word of the figure's clause, a toll or a number the figure is the value of
('the death toll climbed above ...'), a noun naming what is counted, people who crossed a border
(refugees rather than displaced); and the words that tie a figure to the one before ('including',
'of whom') or carry a list on. Word lists: stats/data/lexicon/categories.json.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .sentences import _Sent, _capitalised, _countries, _lex


# --- the nearest event word -------------------------------------------------------------------

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


def _after_auxiliary(sent: _Sent, k: int) -> bool:
    """'are displaced', 'are now internally displaced': a verb, where 'the displaced' is a noun."""
    L = _lex()
    j = k - 1
    while j >= 0 and (sent.low[j] in L["verb_adverbs"] or sent.low[j].endswith("ly")) and k - j <= 3:
        j -= 1
    return j >= 0 and sent.low[j] in L["auxiliaries"]


# --- people who crossed a border --------------------------------------------------------------

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


# --- a toll or a number the figure is the value of --------------------------------------------

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


# --- ties to the figure before ----------------------------------------------------------------

def _inherits(sent: _Sent, a: int, prev_end: int, reach: int = 6) -> str:
    """The word tying a figure to the one before: 'including' ('12 civilians, including five
    children'), 'of which' ('46 facilities, of which it verified 16'); '' if none."""
    L = _lex()
    for k in range(max(prev_end, a - reach), a):
        hit = sent.match(L["inherit"], k)
        if hit:
            return " ".join(sent.low[k:hit[0]])
    return ""


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
