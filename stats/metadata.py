"""What an article says about itself: title, publication date, outlet and address.

    guess_metadata(text, path="") -> {"title", "date", "outlet", "url"}
    read_manifest(folder)         -> {article id: {"date", "outlet", "url", "title"}}  (manifest.csv)
    merge(guessed, manifest_row)  -> the guesses with the manifest's non-empty values on top

    lede_title(text)              -> the lede's first sentence, for a text without a headline

Only explicit signals count. The title is the first line near the top that is neither furniture
(section labels, bylines, share widgets, 'Article content') nor the body. The date comes from
the article's own dated URL (/2020/01/12/), a 'Published ...' line, a dateline at the top
('KHARTOUM, Sudan, June 3, 2023 (Reuters) -'), a date stamp line near the top ('Wed, 24 Nov,
2021 - 16:44', 'WORLD | 07-06-2019 14:02', a store's 'date 2023-02-06'), an 'Updated ...' line,
then two weaker cues: a dateline without a year ('BEIRUT, August 8. /TASS/.') whose year the
text's latest full date gives, and the lede's news day ('said Thursday') written out in full
elsewhere ('announced Thursday, Nov. 8, 2018'). A date mentioned in the body is not the
publication date, nor is a page's current-date line above the headline. The outlet comes from a
title suffix ('... - Al Jazeera English'), the article's URL, a 'SOURCE: Kuwait News Agency'
line, a byline ('By The Associated Press', 'Reuters |'), an agency tag in the dateline
('(AP) -', '/TASS/'), the page's own channel link ('Watch ... News'), the outlet's name before
the lede ('Daily Star - ...'), a sign-off ('(Anadolu)'), a copyright line, a wire's credit
line, then any dated URL; an outlet quoted in the text ('told Al Jazeera', 'With inputs from
Reuters') is not the outlet. Names are made canonical through data/metadata_outlets.json;
furniture lines and the other patterns live in data/metadata_patterns.json. Nothing here
raises on odd text.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from . import lexicon
from .dates import parse_iso, words

__all__ = ["guess_metadata", "lede_title", "read_manifest", "merge", "canonical_outlet", "outlet_from_url",
           "outlet_from_file_name",
           "MANIFEST_NAME", "METADATA_KEYS"]

_DATA = Path(__file__).parent / "data"
MANIFEST_NAME = "manifest.csv"
METADATA_KEYS = ("title", "date", "outlet", "url")


@functools.lru_cache(maxsize=None)
def _json(name: str) -> dict:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


def _alt(items) -> str:
    return lexicon.alternation(items)


@dataclass(frozen=True)
class _Rx:
    date: re.Pattern            # a full date: day, month and year (words, ISO or numeric)
    furniture: re.Pattern
    published: re.Pattern
    updated: re.Pattern
    source: re.Pattern
    url_label: re.Pattern
    url: re.Pattern
    url_tail: re.Pattern
    dated_path: re.Pattern
    byline: re.Pattern
    dateline: "_Dateline"
    yearless: "_Dateline"
    agency_dateline: "_Dateline"
    agency_tag: re.Pattern
    date_line: re.Pattern
    store_stamp: re.Pattern
    store_prefix: re.Pattern
    breadcrumb: re.Pattern
    sep_any: tuple
    sep_known: tuple
    id_tail: re.Pattern
    file_ext: re.Pattern
    head_lines: int
    min_words: int
    short_words: int
    menu_words: int
    masthead_words: int
    via_line: re.Pattern
    body_min_words: int
    body_start: re.Pattern
    junk: re.Pattern
    numeric: re.Pattern
    day_first: tuple
    weekday_word: re.Pattern
    news_word: re.Pattern
    outlet_line: re.Pattern
    masthead: re.Pattern
    lede_outlet: re.Pattern
    signoff: re.Pattern
    copyright: re.Pattern
    not_outlet: frozenset
    copyright_tail: int
    copyright_prefix: re.Pattern
    signatures: tuple
    caption: re.Pattern
    event: re.Pattern
    lede_weekday: re.Pattern
    sentence_end: re.Pattern
    lede_max: int
    yearless_days: int
    label_line_max: int


_NUM_SEP = {"/": r"/", "-": r"-", ".": r"\."}
_WORDY = re.compile(r"[^\W\d_]{2}")
_LONG = 2000


class _Dateline:
    """A dateline pattern whose place is never a weekday ('Mon, 9 Feb, 2021 - 07:10' is a stamp)."""

    def __init__(self, pattern: str, weekday: re.Pattern):
        self.rx = re.compile(pattern, re.I)
        self.weekday = weekday

    def match(self, s: str):
        m = self.rx.match(s)
        if m and m.group("place") and self.weekday.fullmatch(m.group("place").strip()):
            return None
        return m


@functools.lru_cache(maxsize=None)
def _rx() -> _Rx:
    p = _json("metadata_patterns.json")
    w = words()
    months = _alt(w["months"])
    weekdays = _alt(list(w["weekdays"]) + p["weekday_abbreviations"])
    wd = rf"(?:(?:{weekdays})\.?,?\s+)?"
    numeric = "|".join(rf"\d{{1,2}}{s}\d{{1,2}}{s}(?:19|20)\d\d" for s in _NUM_SEP.values())
    numeric2 = "|".join(rf"\d{{1,2}}{s}\d{{1,2}}{s}(?:(?:19|20)\d\d|\d\d)" for s in _NUM_SEP.values())
    word_date = (rf"(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
                 rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\.?,?\s+(?:19|20)\d\d")
    date = rf"{wd}(?:{word_date}|(?:19|20)\d\d-\d\d-\d\d|(?<![\d./-])(?:{numeric})(?![\d./-]))\b"
    # a labelled date may write its year in two digits ('Published: 08.30.20')
    date2 = rf"{wd}(?:{word_date}|(?:19|20)\d\d-\d\d-\d\d|(?<![\d./-])(?:{numeric2})(?![\d./-]))\b"
    monthday = (rf"{wd}(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
                rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\.?)"
                rf"(?!\w|,?\s*(?:19|20)\d\d|\s*[-/.]\d)")      # a day and month, no year after
    fill = {"{DATE}": date, "{MONTHDAY}": monthday, "{TIME}": p["time"], "{PLACE}": p["place"],
            "{NAME}": p["name"]}

    def sub(pattern: str) -> str:
        for k, v in fill.items():
            pattern = pattern.replace(k, v)
        return pattern

    furniture = re.compile("(?:" + "|".join(f"(?:{f})" for f in p["furniture"]) + r")\s*", re.I)

    def labelled(labels):           # 'Published: 08.30.20', 'POSTED: 3:21 am PDT May 12, 2008'
        return re.compile(rf"(?:^|[|\u00b7\u2022(]\s*)\s*{_alt(labels)}(?:\s+on)?\s*:?\s*"
                          rf"(?:(?:{p['time']})\s*,?\s*)?(?P<date>{date2})", re.I | re.M)

    sep_any = tuple(p["title_separators_any_outlet"])
    sep_known = tuple(p["title_separators_known_outlet"])
    full_weekdays = [k for k in w["weekdays"] if len(k) > 5]
    weekday_word = re.compile(rf"\b(?P<wd>{weekdays})\b\.?", re.I)
    return _Rx(
        date=re.compile(date, re.I),
        furniture=furniture,
        published=labelled(p["published_labels"]),
        updated=labelled(p["updated_labels"]),
        source=re.compile(rf"^\s*{_alt(p['source_labels'])}\s*:\s*(?P<name>[^\n]{{2,80}}?)\s*\.?\s*$", re.I | re.M),
        url_label=re.compile(rf"^\s*{_alt(p['url_labels'])}\s*:\s*(?P<rest>[^\n]*)$", re.I | re.M),
        url=re.compile(r"https?://[^\s<>\"'\]\)]+", re.I),
        url_tail=re.compile(r"[a-z0-9\-._~%/?#=&+]{1,120}"),
        dated_path=re.compile(p["dated_url_path"]),
        byline=re.compile(p["byline"], re.I | re.M),
        dateline=_Dateline(sub(p["dateline"]), weekday_word),
        yearless=_Dateline(sub(p["yearless_dateline"]), weekday_word),
        agency_dateline=_Dateline(sub(p["agency_dateline"]), weekday_word),
        agency_tag=re.compile(p["agency_tag"], re.M),
        date_line=re.compile(sub(p["date_line"]), re.I),
        store_stamp=re.compile(p["store_stamp"], re.I),
        store_prefix=re.compile(p["store_stamp_prefix"], re.I),
        breadcrumb=re.compile(rf"^{p['breadcrumb_home']}(?:\s*[\u203a>\u00bb/|]\s*|\s+)"
                              rf"(?P<rest>.*)$"),
        sep_any=sep_any,
        sep_known=sep_known,
        id_tail=re.compile(p["url_id_tail"], re.I),
        file_ext=re.compile(p["url_file_ext"], re.I),
        head_lines=int(p["head_lines"]),
        min_words=int(p["title_min_words"]),
        short_words=int(p["title_short_words"]),
        menu_words=int(p["menu_line_max_words"]),
        masthead_words=int(p["masthead_title_max_words"]),
        via_line=re.compile(p["via_line"], re.I),
        body_min_words=int(p["title_body_min_words"]),
        body_start=re.compile("(?:" + "|".join(p["body_line_starts"]) + ")"),
        junk=re.compile(p["furniture_leading_junk"]),
        numeric=re.compile(r"(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d\d)"),
        day_first=tuple(p["numeric_day_first_separators"]),
        weekday_word=weekday_word,
        news_word=re.compile(rf"\b{_alt(p['news_words'])}\b", re.I),
        outlet_line=re.compile(p["outlet_line"], re.I),
        masthead=re.compile(p["masthead"], re.I),
        lede_outlet=re.compile(sub(p["lede_outlet"])),
        signoff=re.compile(p["signoff"], re.M),
        copyright=re.compile(p["copyright"], re.I),
        not_outlet=frozenset(x.lower() for x in p["copyright_not_outlet"]),
        copyright_tail=int(p["copyright_tail_lines"]),
        copyright_prefix=re.compile(p["copyright_name_prefix"], re.I),
        signatures=tuple((re.compile(s["pattern"], re.I), s["outlet"]) for s in p["credit_signatures"]),
        caption=re.compile("|".join(f"(?:{c})" for c in p["caption_markers"]), re.I),
        event=re.compile(rf"\b{_alt(p['event_verbs'])}\s+(?:on\s+)?(?P<wd>{_alt(full_weekdays)}),?\s+"
                         rf"(?P<date>{word_date})\b", re.I),
        lede_weekday=re.compile(rf"\b(?P<wd>{_alt(full_weekdays)})\b", re.I),
        sentence_end=re.compile(r"[.!?](?=[\"\u201d\u2019']?\s+[\"\u201c\u2018]?[A-Z0-9])"),
        lede_max=int(p["lede_title_max_chars"]),
        yearless_days=int(p["yearless_max_days_after"]),
        label_line_max=int(p["label_line_max_chars"]),
    )


@functools.lru_cache(maxsize=None)
def _abbreviations() -> frozenset:
    return frozenset(_json("metadata_patterns.json")["abbreviations"])


@functools.lru_cache(maxsize=None)
def _sections() -> tuple[str, ...]:
    return tuple(sorted(_json("metadata_patterns.json")["breadcrumb_sections"], key=len, reverse=True))


# --------------------------------------------------------------------------------------------
# outlets

def canonical_outlet(name: str) -> str:
    """The known outlet a name stands for ('Reuters news agency' -> 'Reuters'), else the name tidied."""
    if not isinstance(name, str):
        return ""
    o = _json("metadata_outlets.json")
    clean = re.sub(r"\s+", " ", name).strip(" \t.,;:-\u2013\u2014()[]'\"|/")
    key = clean.lower()
    if key in o["aliases"]:
        return o["aliases"][key]
    for suffix in o["agency_suffixes"]:
        if key.endswith(suffix) and key[: -len(suffix)].strip() in o["aliases"]:
            return o["aliases"][key[: -len(suffix)].strip()]
    return clean


@functools.lru_cache(maxsize=None)
def _known_names() -> frozenset:
    o = _json("metadata_outlets.json")
    return frozenset(o["aliases"].values()) | frozenset(o["domains"].values())


def _known_outlet(name: str) -> str:
    """The canonical name if `name` is a known outlet or news agency, else ''."""
    canon = canonical_outlet(name)
    return canon if canon in _known_names() else ""


def _news_like(name: str) -> str:
    """A known outlet's name, or the name as written when it reads like a news organisation's
    ('Kuwait News Agency', 'The Daily Courier'): two to six capitalised words, one a newspaper word."""
    known = _known_outlet(name)
    if known:
        return known
    clean = canonical_outlet(name)
    ws = clean.split()
    if not 2 <= len(ws) <= 6 or not clean[:1].isupper() or not _rx().news_word.search(clean):
        return ""
    if any(w[:1].islower() and w.lower() not in ("of", "the", "and", "for", "de", "al") for w in ws):
        return ""
    return clean


def outlet_from_url(url: str) -> str:
    """The outlet an address belongs to: a known outlet's name, else the host without 'www.'."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    host = re.sub(r"^www\d?\.", "", host)
    if not host:
        return ""
    domains = _json("metadata_outlets.json")["domains"]
    labels = host.split(".")
    for i in range(len(labels) - 1):
        cand = ".".join(labels[i:])
        if cand in domains:
            return domains[cand]
    return host


@functools.lru_cache(maxsize=1)
def _compact_outlets() -> dict[str, str]:
    """Known outlets by their names and site names run together ('usatoday', 'cnn', 'reuters')."""
    o = _json("metadata_outlets.json")
    out = {re.sub(r"[^a-z0-9]", "", k): v for k, v in o["aliases"].items()}
    out.update((d.split(".")[0], v) for d, v in o["domains"].items())
    out.update((re.sub(r"[^a-z0-9]", "", v.lower()), v) for v in _known_names())
    return {k: v for k, v in out.items() if len(k) >= 2}


def outlet_from_file_name(path: str) -> str:
    """A known outlet the file of a single article is named after ('2023-02-06_reuters_quake.txt',
    'cnn-floods.html'), else '': a collection's own name says nothing of each record's outlet."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", re.split(r"[\\/]", str(path or ""))[-1]).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", stem) if w]
    known = _compact_outlets()
    for n in (2, 1):                        # 'bbc_news' before 'bbc'
        for i in range(len(words) - n + 1):
            name = known.get("".join(words[i:i + n]))
            if name:
                return name
    return ""


# --------------------------------------------------------------------------------------------
# dates

def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _numeric_date(s: str) -> date | None:
    """'07-06-2019' (day first with '-' or '.'), '08.30.20', '3/14/2021'; None when the order
    of day and month cannot be told ('03/04/2021')."""
    m = _rx().numeric.fullmatch(s.strip())
    if not m:
        return None
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if y < 100:
        y += 2000 if y < 70 else 1900
    if a > 12 >= b:
        return _valid(y, b, a)
    if b > 12 >= a:
        return _valid(y, a, b)
    if a == b or m.group("s") in _rx().day_first:
        return _valid(y, b, a)
    return None


def _word_date(s: str, year: int | None = None) -> date | None:
    """'Aug 07 2020', '24 Nov, 2021', 'Thursday, 5 March 2020'; with `year`, a day and month alone."""
    months = words()["months"]
    low = s.lower()
    mm = None
    for tok in re.findall(r"[a-z]+", low):
        if tok in months and tok not in words()["weekdays"]:
            mm = months[tok]
            break
    if mm is None:
        return None
    nums = [n for n in re.findall(r"\d+", low)]
    ys = [int(n) for n in nums if len(n) == 4]
    ds = [int(n) for n in nums if len(n) <= 2]
    y = ys[0] if ys else year
    if y is None or not ds:
        return None
    return _valid(y, mm, ds[0])


def _parse_full_date(s: str) -> str:
    """ISO date of a string the date regex found (day, month and year all present), else ''."""
    s = re.sub(r"\s+", " ", s.strip())
    m = re.search(r"(?:19|20)\d\d-\d\d-\d\d", s)
    if m:
        iso = parse_iso(m.group(0))
        return iso.isoformat() if iso else ""
    body = _rx().weekday_word.sub(" ", s, count=1).strip(" ,.") if _rx().weekday_word.match(s) else s
    if _rx().numeric.fullmatch(body):
        d = _numeric_date(body)
        return d.isoformat() if d else ""
    d = _word_date(body)
    if d:
        return _weekday_agrees(s, d)
    return _dateparser_iso(s)


def _weekday_agrees(s: str, d: date) -> str:
    """The date, unless the weekday written with it names another day (then '')."""
    m = _rx().weekday_word.match(s.strip())
    if m:
        wd = _weekday_number(m.group("wd"))
        if wd is not None and wd != d.weekday():
            return ""
    return d.isoformat()


def _weekday_number(word: str) -> int | None:
    w = words()["weekdays"]
    key = word.lower().rstrip(".")
    if key in w:
        return w[key]
    for k, v in w.items():
        if len(key) >= 3 and k.startswith(key):
            return v
    return None


@functools.lru_cache(maxsize=4096)
def _dateparser_iso(s: str) -> str:
    try:
        import dateparser

        got = dateparser.parse(s, languages=["en"], settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        })
    except Exception:
        return ""
    return got.date().isoformat() if got else ""


def _url_date(url: str) -> str:
    m = _rx().dated_path.search(urlsplit(url).path) if url else None
    if not m:
        return ""
    d = parse_iso(f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}")
    return d.isoformat() if d else ""


# --------------------------------------------------------------------------------------------
# urls

def _join_url(text: str, start: int, first: str) -> str:
    """A URL read from `start`, with the scraper's line breaks inside it taken out."""
    rx = _rx()
    url = first
    pos = start + len(first)
    while pos < len(text) and text[pos] == "\n" and len(url) >= 40:
        nl = text.find("\n", pos + 1)
        nxt = text[pos + 1: nl if nl != -1 else len(text)]
        piece = nxt.rstrip("\r")
        if not piece or piece.lower().startswith("http") or not rx.url_tail.fullmatch(piece):
            break
        url += piece
        pos = pos + 1 + len(nxt)
    return url.rstrip(".,;:")


def _urls(text: str) -> tuple[list[str], list[str]]:
    """(labelled URLs such as 'Original url:', every URL) in text order, line breaks rejoined."""
    rx = _rx()
    every = [_join_url(text, m.start(), m.group(0)) for m in rx.url.finditer(text)]
    labelled = []
    for m in rx.url_label.finditer(text):
        rest_start = m.start("rest")
        hit = rx.url.search(text, rest_start, min(len(text), m.end() + 400))
        # the URL on the label's line or on the next lines, with only blank space before it
        if hit and not text[rest_start: hit.start()].strip():
            labelled.append(_join_url(text, hit.start(), hit.group(0)))
    return labelled, every


def _slug_words(url: str) -> list[str]:
    rx = _rx()
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = rx.file_ext.sub("", last)
    last = rx.id_tail.sub("", last)
    return [w for w in re.split(r"[-_]+", last) if w]


def _slug_title(url: str, text: str) -> str:
    """A title rebuilt from the URL's slug, hyphens and capitals restored from the text."""
    ws = [w.lower() for w in _slug_words(url)]
    if len(ws) < 4 or any(w.isdigit() and len(w) > 4 for w in ws):
        return ""
    text = _rx().url.sub(" ", text)          # the slug itself would prove any compound
    low = text.lower()
    forms: dict[str, dict[str, int]] = {}
    for tok in re.findall(r"[^\W_]+", text):
        forms.setdefault(tok.lower(), {}).setdefault(tok, 0)
        forms[tok.lower()][tok] += 1
    out: list[str] = []
    for k, w in enumerate(ws):
        seen = forms.get(w)
        word = max(seen.items(), key=lambda kv: (kv[1], kv[0] == w))[0] if seen else w
        if out and f"{ws[k - 1]}-{w}" in low:           # a compound the slug's hyphens hid
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    title = " ".join(out)
    return title[:1].upper() + title[1:]


def _pick_url(labelled: list[str], every: list[str], title: str) -> str:
    if labelled:
        return labelled[0]
    dated = [u for u in every if _url_date(u)]
    if not dated:
        return ""
    if len(dated) == 1 or not title:
        return dated[0]
    tw = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", title)}
    best = max(dated, key=lambda u: (len(tw & {w.lower() for w in _slug_words(u)}), -dated.index(u)))
    return best


# --------------------------------------------------------------------------------------------
# title

def _split_outlet_suffix(line: str) -> tuple[str, str]:
    rx = _rx()
    for sep in rx.sep_known:
        if sep in line:
            head, tail = line.rsplit(sep, 1)
            known = _known_outlet(tail)
            if known and head.strip():
                return head.strip(), known
    for sep in rx.sep_any:
        if sep in line:
            head, tail = line.rsplit(sep, 1)
            if head.strip() and 0 < len(tail.split()) <= 5:
                return head.strip(), canonical_outlet(tail)
    return line.strip(), ""


def _strip_breadcrumb(line: str) -> str:
    m = _rx().breadcrumb.match(line)
    if not m:
        return line
    rest = m.group("rest")
    changed = True
    while changed:
        changed = False
        for sec in _sections():
            mm = re.match(rf"{re.escape(sec)}(?:\s*[\u203a>\u00bb/|]\s*|\s+)(?=[A-Z0-9\"'\u2018\u201c])", rest)
            if mm:
                rest = rest[mm.end():]
                changed = True
                break
    return rest.strip() or line


def _masthead_outlet(line: str) -> str:
    """'Watch Sky News': the page's own link to its channel, when the name reads as an outlet's."""
    m = _rx().masthead.match(line.strip())
    return _news_like(m.group("name")) if m else ""


def _is_furniture(line: str) -> bool:
    rx = _rx()
    s = line.strip()
    bare = rx.junk.sub("", s)              # '. Last updated: ...', '\u2022 Share'
    return bool(rx.furniture.fullmatch(s) or (bare != s and bare and rx.furniture.fullmatch(bare))
                or rx.date_line.match(s) or rx.byline.match(s) or rx.store_stamp.match(s)
                or _masthead_outlet(s))


def _few_words(line: str) -> bool:
    """A label rather than a headline: fewer than title_min_words words, or fewer than two with letters."""
    toks = line.split(None, 50)[:50]              # the first words decide
    return len(toks) < _rx().min_words or sum(bool(_WORDY.search(t)) for t in toks) < 2


def _is_sentence(s: str) -> bool:
    """A line that ends a sentence with a full stop after many words: a paragraph, not a headline."""
    if not s.endswith(".") or s.endswith("..") or len(s.split()) < _rx().body_min_words:
        return False
    last = s.split()[-1].rstrip(".").lower()
    return last not in _abbreviations() and not re.fullmatch(r"(?:[a-z]\.)+[a-z]?", last)


def _looks_like_body(lines: list[str], i: int) -> bool:
    rx = _rx()
    s = lines[i].strip()
    if (len(s) > 250 or _is_sentence(s) or rx.body_start.match(s) or rx.dateline.match(s)
            or rx.yearless.match(s) or rx.agency_dateline.match(s) or rx.agency_tag.match(s)):
        return True
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    # a paragraph wrapped by the scraper: the next line goes on with the same sentence
    return (bool(nxt) and nxt[0].islower() and not s.endswith((".", "!", "?", ":", '"', "\u201d"))
            and not _is_furniture(nxt))


def _head(lines: list[str], nonempty_idx: list[int]) -> list[int]:
    """The non-empty lines at the top: head_lines of them that are neither furniture nor labels
    (menus of one-word lines do not count), with those skipped on the way."""
    rx = _rx()
    out: list[int] = []
    counted = 0
    for i in nonempty_idx[:200]:
        out.append(i)
        s = lines[i].strip()
        if not (_is_furniture(s) or _few_words(rx.junk.sub("", s) or s)):
            counted += 1
            if counted >= rx.head_lines:
                break
    return out


def _title(lines: list[str], head: list[int]) -> tuple[str, str, int]:
    """(title, outlet named in a title suffix, line index) from the head lines; ('', '', -1) if none."""
    nonempty = head
    limit = len(head)
    for k, i in enumerate(nonempty):
        line = lines[i].strip()
        if _is_furniture(line):
            continue
        if _looks_like_body(lines, i):
            return "", "", -1
        line = _strip_breadcrumb(line)
        if _few_words(line) or _in_menu(lines, nonempty, k) or _masthead_name(line):
            continue                               # a section label, a menu, a brand ('The Star Edition')
        if len(line.split()) <= _rx().short_words:  # a widget's words ('Close menu icon')?
            twice = _repeated_line(lines, nonempty[k + 1: limit])
            if twice >= 0:                         # a headline printed twice (page title, h1)
                i, line = twice, lines[twice].strip()
        # the same title repeated just below without the page's breadcrumb: take the clean one
        for j in nonempty[k + 1: k + 4]:
            other = lines[j].strip()
            if other and other != line and line.endswith(other) and len(other) > 15:
                line = other
                break
        title, outlet = _split_outlet_suffix(line)
        if not re.search(r"[^\W\d_]{2}", title):      # no word in it: not a title
            return "", "", -1
        return title, outlet, i
    return "", "", -1


def _in_menu(lines: list[str], idx: list[int], k: int) -> bool:
    """A short line between two label lines: an item of a menu ('Hometown Heroes')."""
    rx = _rx()
    if k == 0 or k + 1 >= len(idx) or len(lines[idx[k]].split()) > rx.menu_words:
        return False

    def label(j: int) -> bool:
        t = rx.junk.sub("", lines[idx[j]].strip())
        return bool(t) and (_few_words(t) or len(t.split()) <= rx.menu_words) and not t.endswith((".", "?", "!"))
    return label(k - 1) and label(k + 1)


def _masthead_name(line: str) -> bool:
    """A line that reads as an outlet's or an edition's name, not a headline."""
    return len(line.split()) <= _rx().masthead_words and bool(_news_like(line))


def _repeated_line(lines: list[str], idx: list[int]) -> int:
    """The index of the first line in `idx` (before the body) whose text comes again below it."""
    rx = _rx()
    seen: dict[str, int] = {}
    for i in idx:
        s = lines[i].strip()
        if _looks_like_body(lines, i):
            break
        if _is_furniture(s) or _few_words(s) or rx.caption.search(s):
            continue
        if s in seen:
            return seen[s]
        seen[s] = i
    return -1


def lede_title(text: str) -> str:
    """For a text without a headline: the first sentence of its first paragraph, without the
    dateline or the outlet's name in front ('BEIRUT (AP) - ...'), shortened at a word to about
    lede_title_max_chars. '' when the text has no such paragraph. Never raises."""
    try:
        return _lede_title(text)
    except Exception:  # never let odd text stop a run
        return ""


def _lede_title(text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str):
        return ""
    rx = _rx()
    stamp = rx.store_prefix.match(text)
    if stamp:
        text = text[stamp.end():]
    for ln in text.replace("\r", "\n").split("\n")[:200]:
        s = ln.strip()[:_LONG]
        if not s or _is_furniture(s):
            continue
        s = rx.junk.sub("", s)
        if not s or _is_furniture(s) or _few_words(s) or rx.caption.search(s):
            continue
        for pat in (rx.dateline, rx.yearless, rx.agency_dateline, rx.agency_tag):
            m = pat.match(s)
            if m:
                s = s[m.end():].lstrip(" -\u2013\u2014:.")
                break
        m = rx.lede_outlet.match(s)
        if m and _news_like(m.group("name")):
            s = s[m.end():]
        s = re.sub(r"^[-\u2013\u2014\u2022\u00b7*\u25ba]+\s*", "", s)
        m = re.match(r"(?-i:[A-Z][A-Z .,'\u2019\-]{1,40}[A-Z])\s*[-\u2013\u2014:]+\s*(?=[A-Z\"\u201c])", s)
        if m:                                          # 'SAN JUAN, PUERTO RICO\u2014'
            s = s[m.end():]
        if not re.search(r"[^\W\d_]{2}", s):
            continue
        s = _first_sentence(s)
        if len(s) > rx.lede_max:
            cut = s.rfind(" ", 0, rx.lede_max)
            s = s[: cut if cut > 20 else rx.lede_max].rstrip(" ,;:-\u2013\u2014") + "\u2026"
        return s
    return ""


def _first_sentence(s: str) -> str:
    for m in _rx().sentence_end.finditer(s):
        before = s[: m.start()].split()
        last = before[-1].lower() if before else ""
        if s[m.start()] == "." and (last in _abbreviations() or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)):
            continue
        return s[: m.end()].strip()
    return s.strip()


# --------------------------------------------------------------------------------------------
# outlet cues

def _head_outlet_line(head: list[str], title_idx: int, lines: list[str]) -> str:
    """'By The Associated Press', 'by: Anadolu |', 'Reuters, Beirut,', 'By Jane Doe, Reuters'
    near the top; a bare name needs a byline's separator or 'By'."""
    rx = _rx()
    for i in head:
        if i == title_idx:
            continue
        s = lines[i].strip()
        if rx.caption.search(s):
            continue
        m = rx.byline.match(s)
        if m:
            got = _known_outlet(m.group("org"))
            if got:
                return got
        m = rx.via_line.match(s)                 # 'Via AP news wire'
        if m and _known_outlet(m.group("name")):
            return _known_outlet(m.group("name"))
        m = rx.outlet_line.match(s)
        if m and (m.group("by") or m.group("sep")):
            name = m.group("name")
            got = _news_like(name) if m.group("by") else _known_outlet(name)
            if got:
                return got
        # a known outlet's name alone on its line, over the story's date stamp
        nxt = next((lines[j].strip() for j in head if j > i), "")
        if _known_outlet(s) and (rx.date_line.match(nxt) or rx.published.match(nxt)):
            return _known_outlet(s)
    return ""


def _dateline_agency(lines: list[str], head: list[str]) -> str:
    rx = _rx()
    for i in head:
        s = lines[i].strip()
        if rx.caption.search(s):
            continue
        for pat in (rx.dateline, rx.yearless, rx.agency_dateline, rx.agency_tag):
            m = pat.match(s)
            if not m:
                continue
            gd = m.groupdict()
            name = gd.get("agency") or gd.get("slash") or ""
            got = _news_like(name) if name else ""
            if got:
                return got
    return ""


def _lede_outlet(lines: list[str], head: list[str], title_idx: int) -> str:
    rx = _rx()
    for i in head:
        if i == title_idx:
            continue
        m = rx.lede_outlet.match(lines[i].strip())
        if m:
            got = _news_like(m.group("name"))
            if got:
                return got
    return ""


def _signoff_outlet(nonempty: list[str]) -> str:
    """'(Anadolu)', '(AP)' or '- Reuters' closing the text."""
    if not nonempty:
        return ""
    last = nonempty[-1].strip()
    m = _rx().signoff.search(last)
    if not m:
        return _known_outlet(last) if len(last.split()) <= 4 else ""    # 'The Associated Press'
    return _known_outlet(m.group("paren") or m.group("dash") or "")


def _copyright_outlet(nonempty: list[str]) -> str:
    rx = _rx()
    for ln in nonempty[-rx.copyright_tail:]:
        m = rx.copyright.match(ln.strip())
        if not m:
            continue
        name = rx.copyright_prefix.sub("", canonical_outlet(re.sub(r"\b(?:19|20)\d\d\b", " ", m.group("name"))))
        if (name and name.lower() not in rx.not_outlet and re.search(r"[^\W\d_]{2}", name)
                and len(name.split()) <= 6 and not rx.caption.search(ln)):
            return _known_outlet(name) or name
    return ""


def _signature_outlet(text: str) -> str:
    for pat, outlet in _rx().signatures:
        if pat.search(text):
            return canonical_outlet(outlet)
    return ""


# --------------------------------------------------------------------------------------------
# date cues

def _stamp_date(lines: list[str], head: list[str], title_idx: int) -> str:
    """The ISO date of a date stamp line near the top ('17 March 2019 - 00:00 By ...',
    'WORLD | 07-06-2019 14:02', 'date 2023-02-06'). A line holding a weekday and a date and
    nothing else, above the headline, is the page's 'today' furniture ('Sunday, October 6,
    2024'), never the publication date."""
    rx = _rx()
    for i in head:
        s = lines[i].strip()
        if rx.caption.search(s) or rx.updated.match(s):    # 'Updated' lines have their own rule
            continue
        m = rx.store_stamp.match(s) or rx.date_line.match(s)
        if not m:
            continue
        iso = _parse_full_date(m.group("date"))
        if not iso:
            continue
        is_today_line = (title_idx >= 0 and i < title_idx and rx.weekday_word.match(s)
                         and rx.date.fullmatch(s))
        if not is_today_line:
            return iso
    return ""


def _labelled_date(pattern: re.Pattern, text: str, start: int) -> str:
    """The first 'Published ...' ('Updated ...') date from `start` on a line short enough to be a
    stamp: 'Published on 5 March 2020, the report found that ...' opens a paragraph, not a page."""
    for m in pattern.finditer(text, start):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        if len(text[a: b if b != -1 else len(text)].strip()) <= _rx().label_line_max:
            got = _parse_full_date(m.group("date"))
            if got:
                return got
    return ""


def _full_dates(text: str) -> list[date]:
    out = []
    for m in _rx().date.finditer(text):
        iso = _parse_full_date(m.group(0))
        d = parse_iso(iso) if iso else None
        if d:
            out.append(d)
    return out


def _yearless_dateline_date(lines: list[str], head: list[str], text: str) -> str:
    """'BEIRUT, August 8. /TASS/.': the year from the text's latest full date, when the
    dateline falls on it or up to yearless_max_days_after days later."""
    rx = _rx()
    for i in head:
        s = lines[i].strip()
        if rx.caption.search(s):
            continue
        m = rx.yearless.match(s)
        if not m:
            continue
        dated = _full_dates(text)
        if not dated:
            return ""
        latest = max(dated)
        for y in (latest.year, latest.year + 1):
            d = _word_date(m.group("date"), year=y)
            if d and 0 <= (d - latest).days <= rx.yearless_days:
                return _weekday_agrees(m.group("date"), d)
        return ""
    return ""


def _event_day_date(lines: list[str], head: list[str], title_idx: int, text: str) -> str:
    """The lede's news day ('the UN said Thursday') written out in full elsewhere in the text
    with the same weekday ('announced Thursday, Nov. 8, 2018'), when it is the text's latest date."""
    rx = _rx()
    lede = next((lines[i] for i in head if i != title_idx and not _is_furniture(lines[i])
                 and _looks_like_body(lines, i)), "")
    m = rx.lede_weekday.search(lede)
    if not m:
        return ""
    wd = _weekday_number(m.group("wd"))
    hits = []
    for e in rx.event.finditer(text):
        d = _word_date(e.group("date"))
        if d and _weekday_number(e.group("wd")) == wd == d.weekday():
            hits.append(d)
    if not hits:
        return ""
    best = max(hits)
    return best.isoformat() if best >= max(_full_dates(text) or [best]) else ""


# --------------------------------------------------------------------------------------------

def _empty() -> dict:
    return {k: "" for k in METADATA_KEYS}


def guess_metadata(text: str, path: str = "") -> dict:
    """Title, ISO publication date, outlet and URL as the text itself gives them ('' where not).

    `path` is accepted so callers can pass what they have; the guess reads only the text."""
    try:
        return _guess(text)
    except Exception:  # never let odd text stop a run
        return _empty()


def _guess(text) -> dict:
    out = _empty()
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if not isinstance(text, str) or not text.strip():
        return out
    rx = _rx()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stamp = rx.store_prefix.match(text)        # a page store's 'date 2020-08-10 ' before the page
    if stamp:
        text = text[stamp.end():]
    # a line of thousands of characters is body: its start (or its end, for a sign-off) says enough
    lines = [ln if len(ln) <= _LONG else ln[:_LONG] for ln in text.split("\n")]
    nonempty_idx = [i for i, ln in enumerate(lines) if ln.strip()]
    head = _head(lines, nonempty_idx)
    nonempty = [lines[i] for i in nonempty_idx]
    if nonempty:
        last = text.rstrip().rsplit("\n", 1)[-1]
        nonempty[-1] = last[-_LONG:]

    title, title_outlet, title_idx = _title(lines, head)
    labelled, every = _urls(text)
    url = _pick_url(labelled, every, title)
    if not title and url:
        title = _slug_title(url, text)
    out["title"] = title
    out["url"] = url

    # outlet: the strongest cue first
    outlet = title_outlet or (outlet_from_url(labelled[0]) if labelled else "")
    if not outlet:
        for m in rx.source.finditer(text):
            outlet = _news_like(m.group("name"))
            if outlet:
                break
    cues = (lambda: _head_outlet_line(head, title_idx, lines),
            lambda: _dateline_agency(lines, head),
            lambda: next((o for o in map(_masthead_outlet, (lines[i] for i in head)) if o), ""),
            lambda: _lede_outlet(lines, head, title_idx),
            lambda: _signoff_outlet(nonempty),
            lambda: _copyright_outlet(nonempty),
            lambda: _signature_outlet(text),
            lambda: outlet_from_url(url) if url else "")
    for cue in cues:
        if outlet:
            break
        outlet = cue()
    out["outlet"] = outlet

    # date: dated URL, 'Published' line, the store's stamp, dateline, stamp line, 'Updated' line,
    # then weaker cues
    date_ = _url_date(url)
    if not date_:
        date_ = _labelled_date(rx.published, text, 0)
    if not date_ and stamp:
        date_ = _parse_full_date(stamp.group("date"))
    if not date_:
        for i in head:
            s = lines[i].strip()
            m = rx.dateline.match(s)
            if m and not rx.caption.search(s):
                date_ = _parse_full_date(m.group("date"))
                if date_:
                    break
    if not date_:
        date_ = _stamp_date(lines, head, title_idx)
    if not date_:
        # an 'Updated' line above the headline dates the site's page, not the article
        below = sum(len(ln) + 1 for ln in lines[:title_idx]) if title_idx >= 0 else 0
        date_ = _labelled_date(rx.updated, text, below)
    if not date_:
        date_ = _yearless_dateline_date(lines, head, text)
    if not date_:
        date_ = _event_day_date(lines, head, title_idx, text)
    out["date"] = date_
    return out


# --------------------------------------------------------------------------------------------
# manifest

def _manifest_path(folder) -> Path:
    p = Path(folder)
    if p.is_file():
        return p if p.name == MANIFEST_NAME else p.parent / MANIFEST_NAME
    return p / MANIFEST_NAME


def read_manifest(folder) -> dict[str, dict]:
    """Rows of `manifest.csv` in `folder` (columns id,date,outlet,url,title, any subset),
    keyed by article id, holding only non-empty values. {} when there is no manifest.
    Dates are normalised to ISO; a value that is no date is dropped with a warning."""
    path = _manifest_path(folder)
    if not path.is_file():
        return {}
    rows: dict[str, dict] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            if "id" not in fields:
                warnings.warn(f"{path}: no 'id' column; manifest ignored")
                return {}
            for raw in reader:
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()
                       if isinstance(v, str)}
                aid = row.get("id", "")
                if not aid:
                    continue
                if aid.lower().endswith(".txt"):
                    aid = aid[:-4]
                vals = {k: row[k] for k in METADATA_KEYS if row.get(k)}
                if "date" in vals:
                    iso = parse_iso(vals["date"])
                    iso_s = iso.isoformat() if iso else _dateparser_iso(vals["date"])
                    if iso_s:
                        vals["date"] = iso_s
                    else:
                        warnings.warn(f"{path}: id {aid}: {vals['date']!r} is not a date; ignored")
                        del vals["date"]
                rows[aid] = vals
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        warnings.warn(f"{path}: cannot be read ({exc}); manifest ignored")
        return {}
    return rows


def merge(guessed: dict, manifest_row: dict | None) -> dict:
    """The guesses with every non-empty manifest value laid over them (the manifest wins)."""
    out = dict(guessed or {})
    for k, v in (manifest_row or {}).items():
        if k != "id" and isinstance(v, str) and v.strip():
            out[k] = v.strip()
    return out
