"""Split an article into body sentences, leaving out page furniture.

Scraped pages carry teasers ("MORE ON SYRIA'S WAR", "READ MORE", "Related article: ..."),
timestamps ("23 hours ago", "10 min read"), repeated photo captions (not the headline, which
pages often print twice), share buttons and a tail after "Leave a Reply" / "Check Also". Those
lines yield no sentences, so they yield no figures.
The patterns live in stats/data/lexicon/furniture.json.

Offsets always index the text as read; nothing is rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon, numbers


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int      # index of the paragraph (block of body lines) it belongs to


@lru_cache(maxsize=None)
def _patterns():
    f = lexicon.load("furniture")
    comp = lambda ps: re.compile("|".join(f"(?:{p})" for p in ps), re.IGNORECASE)  # noqa: E731
    return comp(f["line"]), comp(f["teaser_block"]), comp(f["end"])


_LINE_RE = re.compile(r"[^\n]*\n?")
_TERMINAL = tuple('.!?"”’\')')


def _lines(text: str):
    """(start, end) of each line, newline excluded."""
    for m in _LINE_RE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end() - (1 if m.group().endswith("\n") else 0)
        yield m.start(), end


def _is_prose(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL) and len(line.split()) >= 8


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when the text was wrapped at a fixed width, so a single newline is a space."""
    long = [text[s:e].rstrip() for s, e in lines if e - s >= 40]
    if len(long) < 5:
        return False
    open_ended = sum(not ln.endswith(_TERMINAL) for ln in long)
    widths = sorted(len(ln) for ln in long)
    return open_ended / len(long) >= 0.5 and widths[int(0.9 * (len(widths) - 1))] <= 110


def body_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of body text (paragraphs), furniture left out, in order."""
    line_re, teaser_re, end_re = _patterns()
    lines = list(_lines(text))
    wrapped = _hard_wrapped(text, lines)
    blocks: list[tuple[int, int]] = []
    seen: set[str] = set()     # lines read, so a repeated caption is read once
    headline = ""
    in_teaser = False
    current: list[int] | None = None   # [start, end] of the block being built

    def close():
        nonlocal current
        if current is not None:
            blocks.append((current[0], current[1]))
            current = None

    for s, e in lines:
        raw = text[s:e]
        line = raw.strip()
        if not line:
            close()
            in_teaser = False
            continue
        if end_re.fullmatch(line):
            close()
            break
        if teaser_re.fullmatch(line):
            close()
            in_teaser = True
            continue
        if in_teaser and not _is_prose(line):
            continue
        in_teaser = False
        key = " ".join(line.lower().split())
        if line_re.fullmatch(line) or (key in seen and len(key) > 30 and key != headline):
            close()
            continue
        if not seen:
            headline = key      # a page that prints its headline twice: both are read
        seen.add(key)
        s2 = s + (len(raw) - len(raw.lstrip()))
        e2 = s + len(raw.rstrip())
        continues = current is not None and line[:1].islower() and \
            not text.endswith(_TERMINAL, current[0], current[1])   # (the block ends stripped)
        if current is not None and (wrapped or continues):
            current[1] = e2
        else:
            close()
            current = [s2, e2]
    close()
    return blocks


_ABBREV = frozenset("""mr mrs ms dr gen col lt sgt capt cpl maj st no nos vs etc jr sr prof gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m approx est inc ltd co corp""".split())
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])"
                       # scraped text that lost the space: 'are underway.The agency said'
                       r"|(?<=[a-z]{2})[.!?]+[\"”’')\]]*(?=[\"“‘]?[A-Z][a-z])")
_GLUED_NOT = re.compile(r"(?:^|\s)(?:https?:|www\b|\S*[@/.])\S*$", re.IGNORECASE)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; abbreviations (Mr., U.S., Jan.) do not end one."""
    out = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]*$", text[max(s, m.start() - 12):m.start() + 1])
        w = word.group(1).lower().rstrip(".") if word else ""
        if w in _ABBREV or (len(w) == 1 and w.isalpha()):
            continue
        if not m.group()[-1:].isspace() and _GLUED_NOT.search(text[max(s, m.start() - 60):m.start()]):
            continue        # a stop with no space after it inside an address: 'www.Example.com'
        out.append((s, m.end() - (len(m.group()) - len(m.group().rstrip()))))
        s = m.end()
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentences(text: str) -> list[Sentence]:
    """Body sentences of an article, in order; none longer than MAX_TOKENS tokens, and a block
    of text longer than MAX_PARAGRAPH characters (a table dumped to text) numbered as several
    paragraphs, so what is read back through a paragraph stays bounded too."""
    out = []
    p = -1
    for s, e in body_blocks(text):
        p += 1
        first = s
        for a, b in split_sentences(text, s, e):
            for a2, b2 in bounded(text, a, b):
                if a2 - first > MAX_PARAGRAPH:
                    p, first = p + 1, a2
                out.append(Sentence(a2, b2, p))
    return out


# --- over-long sentences ----------------------------------------------------------------------
# A table or a PDF dumped to text has no full stops: one 'sentence' of thousands of tokens would
# make every later stage, which reads a figure's whole sentence, cost the square of its length.
# Such a span is cut at line breaks, then semicolons, then bullets (furniture.json,
# 'long_sentence_breaks'), and what is still too long at the number-free point nearest its end.

MAX_TOKENS = 120    # the longest real sentences of news articles are near 80 tokens
MAX_PARAGRAPH = 3000    # characters; news paragraphs stay well under 1,500
_TOKEN_RE = numbers.TOKEN_RE


@lru_cache(maxsize=None)
def _breaks() -> tuple:
    return tuple(re.compile(p) for p in lexicon.load("furniture")["long_sentence_breaks"])


@lru_cache(maxsize=None)
def _number_words() -> frozenset:
    """Words that are, or stand next to, a number: a cut must keep away from them."""
    n, q = lexicon.load("numbers"), lexicon.load("qualifiers")
    words = set(n["units"]) | set(n["tens"]) | set(n["scales"]) | set(n["vague"]) | set(n["fractions"])
    words |= {w for k in q["before"] for w in k.split()} | {w for k in q["after"] for w in k.split()}
    return frozenset(words | {"dozen", "a", "an"} | set(q["between"]) | set(q["range_joiners"]))


def bounded(text: str, start: int, end: int, level: int = 0) -> list[tuple[int, int]]:
    """text[start:end] as spans of at most MAX_TOKENS tokens (the span itself when it is short:
    under 4 x MAX_TOKENS characters its tokens are not even counted, a bound all the same)."""
    if end - start <= 4 * MAX_TOKENS:
        return [(start, end)]
    toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]
    if len(toks) <= MAX_TOKENS:
        return [(start, end)]
    breaks = _breaks()
    while level < len(breaks):
        parts, s = [], start
        for m in breaks[level].finditer(text, start, end):
            parts.append((s, m.start()))
            s = m.end()
        level += 1
        if not parts:
            continue
        parts.append((s, end))
        parts = [_strip(text, a, b) for a, b in parts]
        parts = [(a, b) for a, b in parts if a < b]
        if level == 1:
            parts = _rejoin(text, parts)
        return [span for a, b in parts for span in bounded(text, a, b, level)]
    return _cut(text, toks)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _rejoin(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines of one wrapped sentence ('... were\nkilled') back together, up to MAX_TOKENS."""
    out: list[list[int]] = []
    size = 0
    for a, b in lines:
        n = sum(1 for _ in _TOKEN_RE.finditer(text, a, b))
        if out and text[a:a + 1].islower() and size + n <= MAX_TOKENS:
            out[-1][1] = b
            size += n
        else:
            out.append([a, b])
            size = n
    return [(a, b) for a, b in out]


def _cut(text: str, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of at most MAX_TOKENS tokens, each cut where the nearest number is farthest (a
    number keeps its qualifier, range, unit and the words that tell a date or a name from it),
    after punctuation on a tie, as late as possible on a tie again."""
    words = _number_words()
    n = len(toks)
    near = [text[a].isdigit() or text[a:b].lower() in words for a, b in toks]
    left = [0] * n      # tokens since the last number-like token at or before k
    d = MAX_TOKENS
    for k in range(n):
        d = 0 if near[k] else d + 1
        left[k] = d
    right = [0] * n     # tokens to the next number-like token at or after k
    d = MAX_TOKENS
    for k in range(n - 1, -1, -1):
        d = 0 if near[k] else d + 1
        right[k] = d
    out, s = [], 0
    while n - s > MAX_TOKENS:
        best, cut = None, s + MAX_TOKENS
        for g in range(s + MAX_TOKENS // 2, s + MAX_TOKENS + 1):     # cut before token g
            a, b = toks[g - 1]
            key = (min(left[g - 1], right[g], 3), not text[a].isalnum(), g)
            if best is None or key > best:
                best, cut = key, g
        out.append((toks[s][0], toks[cut - 1][1]))
        s = cut
    out.append((toks[s][0], toks[-1][1]))
    return out
