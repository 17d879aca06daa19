"""Context, stage 4: according to whom (a figure's attribution).

'according to X', 'X said', 'said X', 'X cited Y as saying', a headline's source after a dash,
the owner of a tally ("the government's official count"), read from the figure's sentence; 'it
said' is the source named last, which stats/context.py carries from sentence to sentence.
"""
from __future__ import annotations

from .sentences import _Sent, _capitalised, _lex, _possessive, _strip_possessive


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
