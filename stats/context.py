"""Read each figure's context: what it counts, who, where, over what period, according to whom.

Rules over the tokens of the figure's sentence, with the article around it for what a sentence
leaves implicit (a place named earlier, "it said", "of whom"). Word lists live in
stats/data/lexicon/categories.json and context.json. A pure function of the article's text.

This module composes the article (``describe``, the one public entry): the stages per figure are
stats/sentences.py (the sentence model and its places, the lexicon views), stats/category.py
(what a figure counts), stats/fields.py (subject, location, period) and stats/attribution.py.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .attribution import _attribution
from .category import _abroad, _category, _head_noun, _inherits, _listed, _own_verb, _participle
from .fields import (_location, _measured, _period, _share_named, _shared_noun, _subject, _subject_before,
                     _where)
from .numbers import Token
from .records import Figure, Mention
from .segment import Sentence
from .sentences import _Place, _Sent, _countries, _lex


# --- the article ------------------------------------------------------------------------------

_DECIMAL = re.compile(r"\d[.,]\d")     # a decimal as written: a measure, not a count of anyone


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
        # a measure ('a 7.8-magnitude quake') counts no one and stands in no count's way
        measures = [bool(_DECIMAL.search(m.surface)) and abs(m.value - round(m.value)) > 1e-6 * max(
            1.0, abs(m.value)) for m in ms]     # a decimal as written ('7.8'; not '1.5 million', 'one or two')
        sentence_text = " ".join(sent.text.split())     # one string shared by the sentence's figures
        prev_cat, prev_subject, prev_end, prev_place = "", "", 0, ""
        for mi, m in enumerate(ms):
            a, b = spans[mi]
            subject, head, pronoun = _subject(sent, a, b)
            others = [sp for k, sp in enumerate(spans) if k != mi and not measures[k]]
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
            if measures[mi] and not m.unit:
                category = "other"      # 'a 7.8 magnitude quake killed ...': no 7.8 people
            if category == "displaced" and head is not None and \
                    L["nouns"].get(sent.low[head]) == "refugees":
                category = "refugees"   # '100,000 Sudanese refugees had fled': refugees by name
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
            if measures[mi]:
                continue    # nor is it an item of a list of counts
            prev_cat, prev_subject, prev_end = category, subject or prev_subject, b
            prev_place = location if place is not None else ""
            last_cat, last_si = category, si
            if subject and not pronoun:
                last_subject = subject
        last_attr = _attribution(sent, 0, last_attr) or last_attr
    return figures


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
