"""Split an article into body sentences, leaving out page furniture.

Scraped pages carry teasers ("MORE ON SYRIA'S WAR", "READ MORE", "Related article: ..."),
timestamps ("23 hours ago", "10 min read"), repeated photo captions, share buttons and a tail
after "Leave a Reply" / "Check Also". Those lines yield no sentences, so they yield no figures.
The patterns live in stats/data/lexicon/furniture.json.

Offsets always index the text as read; nothing is rewritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon


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
    seen: set[str] = set()
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
        if line_re.fullmatch(line) or (key in seen and len(key) > 30):
            close()
            continue
        seen.add(key)
        s2 = s + (len(raw) - len(raw.lstrip()))
        e2 = s + len(raw.rstrip())
        continues = current is not None and line[:1].islower() and \
            not text[current[0]:current[1]].rstrip().endswith(_TERMINAL)
        if current is not None and (wrapped or continues):
            current[1] = e2
        else:
            close()
            current = [s2, e2]
    close()
    return blocks


_ABBREV = frozenset("""mr mrs ms dr gen col lt sgt capt cpl maj st no nos vs etc jr sr prof gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m approx est inc ltd co corp""".split())
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]; abbreviations (Mr., U.S., Jan.) do not end one."""
    out = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]*$", text[max(s, m.start() - 12):m.start() + 1])
        w = word.group(1).lower().rstrip(".") if word else ""
        if w in _ABBREV or (len(w) == 1 and w.isalpha()):
            continue
        out.append((s, m.end() - (len(m.group()) - len(m.group().rstrip()))))
        s = m.end()
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentences(text: str) -> list[Sentence]:
    """Body sentences of an article, in order."""
    out = []
    for p, (s, e) in enumerate(body_blocks(text)):
        out.extend(Sentence(a, b, p) for a, b in split_sentences(text, s, e))
    return out
