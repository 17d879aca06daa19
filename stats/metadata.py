"""What an article says about itself: title, publication date, outlet and address.

    guess_metadata(text, path="") -> {"title", "date", "outlet", "url"}
    read_manifest(folder)         -> {article id: {"date", "outlet", "url", "title"}}  (manifest.csv)
    merge(guessed, manifest_row)  -> the guesses with the manifest's non-empty values on top

Only explicit signals count. The date comes from the article's own dated URL
(/2020/01/12/), a 'Published ...' line, a dateline at the top ('KHARTOUM, Sudan, June 3, 2023
(Reuters) -') or a date standing alone near the top, then an 'Updated ...' line; a date
mentioned in the body is not the publication date. The outlet comes from a title suffix
('... - Al Jazeera English'), the article's URL, a 'SOURCE: Reuters news agency' line, an agency
tag in the dateline or a byline; an outlet quoted in the text ('told Al Jazeera') is not the
outlet. Names are made canonical through data/metadata_outlets.json; furniture lines and the
other patterns live in data/metadata_patterns.json. Nothing here raises on odd text.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import lexicon
from .dates import parse_iso, words

__all__ = ["guess_metadata", "read_manifest", "merge", "canonical_outlet", "outlet_from_url",
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
    date: re.Pattern            # a full written date: day, month and year
    furniture: re.Pattern
    published: re.Pattern
    updated: re.Pattern
    source: re.Pattern
    url_label: re.Pattern
    url: re.Pattern
    url_tail: re.Pattern
    dated_path: re.Pattern
    byline: re.Pattern
    dateline: re.Pattern
    agency_tag: re.Pattern
    date_line: re.Pattern
    breadcrumb: re.Pattern
    sep_any: tuple
    sep_known: tuple
    id_tail: re.Pattern
    file_ext: re.Pattern
    head_lines: int


@functools.lru_cache(maxsize=None)
def _rx() -> _Rx:
    p = _json("metadata_patterns.json")
    w = words()
    months = _alt(w["months"])
    weekdays = _alt(w["weekdays"])
    date = (rf"(?:(?:{weekdays}),?\s+)?(?:"
            rf"(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\.?,?\s+(?:19|20)\d\d"
            rf"|(?:19|20)\d\d-\d\d-\d\d)\b")
    furniture = re.compile("(?:" + "|".join(f"(?:{f})" for f in p["furniture"]) + r")\s*", re.I)

    def labelled(labels):
        return re.compile(rf"(?:^|[|\u00b7\u2022]\s*)\s*{_alt(labels)}(?:\s+on)?\s*:?\s*(?P<date>{date})",
                          re.I | re.M)

    sep_any = tuple(p["title_separators_any_outlet"])
    sep_known = tuple(p["title_separators_known_outlet"])
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
        dateline=re.compile(p["dateline"].replace("{DATE}", date), re.I | re.M),
        agency_tag=re.compile(p["agency_tag"], re.M),
        date_line=re.compile(p["date_line"].replace("{DATE}", date), re.I),
        breadcrumb=re.compile(rf"^{p['breadcrumb_home']}(?:\s*[\u203a>\u00bb/|]\s*|\s+)"
                              rf"(?P<rest>.*)$"),
        sep_any=sep_any,
        sep_known=sep_known,
        id_tail=re.compile(p["url_id_tail"], re.I),
        file_ext=re.compile(p["url_file_ext"], re.I),
        head_lines=int(p["head_lines"]),
    )


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
    clean = re.sub(r"\s+", " ", name).strip(" \t.,;:-\u2013\u2014()[]'\"")
    key = clean.lower()
    if key in o["aliases"]:
        return o["aliases"][key]
    for suffix in o["agency_suffixes"]:
        if key.endswith(suffix) and key[: -len(suffix)].strip() in o["aliases"]:
            return o["aliases"][key[: -len(suffix)].strip()]
    return clean


def _known_outlet(name: str) -> str:
    """The canonical name if `name` is a known outlet or news agency, else ''."""
    o = _json("metadata_outlets.json")
    canon = canonical_outlet(name)
    if canon in set(o["aliases"].values()) or canon in set(o["domains"].values()):
        return canon
    return ""


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


# --------------------------------------------------------------------------------------------
# dates

def _parse_full_date(s: str) -> str:
    """ISO date of a string the date regex found (day, month and year all present), else ''."""
    iso = parse_iso(s)
    if iso and re.fullmatch(r"\s*\d{4}-\d\d-\d\d\s*", s):
        return iso.isoformat()
    return _dateparser_iso(re.sub(r"\s+", " ", s.strip()))


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


def _is_furniture(line: str) -> bool:
    rx = _rx()
    s = line.strip()
    return bool(rx.furniture.fullmatch(s) or rx.date_line.match(s) or rx.byline.match(s))


def _looks_like_body(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    if len(s) > 250 or _rx().dateline.match(s) or _rx().agency_tag.match(s):
        return True
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    # a paragraph wrapped by the scraper: the next line goes on with the same sentence
    return bool(nxt) and nxt[0].islower() and not s.endswith((".", "!", "?", ":", '"', "\u201d"))


def _title(lines: list[str], limit: int) -> tuple[str, str]:
    """(title, outlet named in a title suffix) from the first lines; ('', '') if none."""
    nonempty = [i for i, ln in enumerate(lines[:200]) if ln.strip()]
    for k, i in enumerate(nonempty[:limit]):
        line = lines[i].strip()
        if _is_furniture(line):
            continue
        if _looks_like_body(lines, i):
            return "", ""
        line = _strip_breadcrumb(line)
        # the same title repeated just below without the page's breadcrumb: take the clean one
        for j in nonempty[k + 1: k + 4]:
            other = lines[j].strip()
            if other and other != line and line.endswith(other) and len(other) > 15:
                line = other
                break
        title, outlet = _split_outlet_suffix(line)
        if not re.search(r"[^\W\d_]{2}", title):      # no word in it: not a title
            return "", ""
        return title, outlet
    return "", ""


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
    lines = text.split("\n")
    nonempty = [ln for ln in lines if ln.strip()]
    head = "\n".join(nonempty[: rx.head_lines])

    title, title_outlet = _title(lines, rx.head_lines)
    labelled, every = _urls(text)
    url = _pick_url(labelled, every, title)
    if not title and url:
        title = _slug_title(url, text)
    out["title"] = title
    out["url"] = url

    # outlet: title suffix, the article's own URL, SOURCE line, agency tag, byline
    outlet = title_outlet or (outlet_from_url(labelled[0]) if labelled else "")
    if not outlet:
        for m in rx.source.finditer(text):
            outlet = _known_outlet(m.group("name"))
            if outlet:
                break
    if not outlet:
        for m in list(rx.dateline.finditer(head)) + list(rx.agency_tag.finditer(head)):
            agency = m.group("agency")
            outlet = _known_outlet(agency) if agency else ""
            if outlet:
                break
    if not outlet:
        m = rx.byline.search(head)
        outlet = _known_outlet(m.group("org")) if m else ""
    if not outlet and url:
        outlet = outlet_from_url(url)
    out["outlet"] = outlet

    # date: the article's dated URL, 'Published' line, dateline or date line on top, 'Updated'
    date = _url_date(url)
    if not date:
        m = rx.published.search(text)
        date = _parse_full_date(m.group("date")) if m else ""
    if not date:
        m = rx.dateline.search(head)
        date = _parse_full_date(m.group("date")) if m else ""
    if not date:
        for ln in nonempty[: rx.head_lines]:
            m = rx.date_line.match(ln.strip())
            if m:
                date = _parse_full_date(m.group("date"))
                if date:
                    break
    if not date:
        m = rx.updated.search(text)
        date = _parse_full_date(m.group("date")) if m else ""
    out["date"] = date
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
