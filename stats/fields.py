"""Context, stage 3: who a figure counts, where, and over what period.

The subject (the counted noun phrase after or before the number, a noun two figures share, what
a figure measures), the location (the nearest place of the figure's clause that says where, not a
party or an actor) and the period (the time span the count covers, not when it was said), read
from the figure's sentence; stats/context.py fills in from the article what a sentence leaves
implicit ('the province', a place named earlier).
"""
from __future__ import annotations

from .sentences import _Place, _Sent, _capitalised, _lex, _number_word


# --- subject ----------------------------------------------------------------------------------

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


def _share_named(sent: _Sent, b: int) -> str:
    """'a third of them children', 'half of whom women': the share names what it counts."""
    w = sent.low[b:b + 4]
    if len(w) >= 3 and w[0] == "of" and w[1] in ("them", "whom", "those"):
        verb = w[2] in ("are", "were")
        k = b + 2 + verb                        # 'half of whom are children'
        if k < len(sent.low) and _counted_noun(sent.low[k]) and not (verb and sent.low[k].endswith("ed")):
            return sent.toks[k].text            # ('half of whom are displaced' names no one)
    return ""


# --- location ---------------------------------------------------------------------------------

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


# --- period -----------------------------------------------------------------------------------

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
