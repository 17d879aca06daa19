"""Read articles: files, folders or standard input -> Article records.

A reader is chosen by file type:

=====================  ==================================================================
``.txt`` (and any      one article, the file's text as read (decoded, nothing rewritten)
explicitly named file
of another type)
``.html`` / ``.htm``   one article, the main text extracted with trafilatura (navigation,
                       related links, share bars, cookie notices and comments left out);
                       title, date, outlet and url from the page's own metadata
``.jsonl`` / ``.ndjson``  one article per line (a JSON object)
``.json``              one article per object of a top-level list (or of the one list of
                       objects inside a top-level object); a single object is one article
``.csv``               one article per row; the first row names the columns
``-``                  one article read from standard input (id ``stdin``); HTML if it
                       starts like an HTML page, else text
=====================  ==================================================================

Offsets of figures refer to ``Article.text``. For HTML that is the *extracted* text (title
line, then the paragraphs, separated by blank lines); it is the text the pipeline keeps, so a
row can always be checked against it.

Records (JSONL, JSON, CSV) carry their text in a column named ``text``, ``body`` or ``content``
(the first present with a non-empty value; ``text_column=`` chooses another) and optional
``id``, ``title``, ``date``, ``outlet`` and ``url`` (a few common aliases are understood:
``headline``, ``published``, ``source``, ``link``...). Record fields override what is guessed
from the text; a ``manifest.csv`` beside the file overrides both.

Ids: a document file's id is its name without extension; a record's id is its ``id`` field,
else ``<file name without extension>#<n>`` with n counting records from 1 (``export#3``); a
single JSON object without ``id`` is its file's stem; standard input is ``stdin``. Ids are
unique within one call of :func:`read_articles`: the first article keeps its id and a later one
with the same id gets ``@<name of its parent folder>`` appended (``report@2020``), then ``~2``,
``~3``... if that is taken too.

Nothing is silently dropped and nothing raises on bad input: a file (or a record) that cannot
be read becomes an Article with ``error`` set to a one-line reason and empty text, so a run
reports it and goes on. The reasons: ``empty file``, ``binary file (...)``, ``undecodable text
(...)``, ``file too large (N MB > M MB cap)`` (the size is checked before reading),
``file not found``, the system's reason for other I/O failures (``Permission denied``),
``truncated HTML (...)``, ``no article text found in the HTML``, ``invalid JSON (...)``,
``no article records in the JSON``, ``invalid CSV (...)``, ``no text column (...)`` and, for
one record of a collection, ``record N (line L): ...`` (``no text field (...)``, ``empty
text``, ``text is not a string``, ``not a JSON object``, ``invalid JSON (...)``).

Decoding: UTF-8 first (a BOM is honoured, UTF-16/32 with a BOM too); otherwise charset-normalizer
guesses, preferring Windows-1252 (the usual legacy encoding of Western news text) when it is
among its equally plausible guesses; text with NUL bytes, a known binary signature or control
characters in the decoded result is a binary file. HTML also honours its declared charset.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from . import metadata
from .records import Article

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
CSV_SUFFIXES = (".csv",)
COLLECTION_SUFFIXES = JSONL_SUFFIXES + JSON_SUFFIXES + CSV_SUFFIXES
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + COLLECTION_SUFFIXES

MAX_BYTES = 20_000_000          # default size cap per file (20 MB); None reads any size
STDIN = "-"
STDIN_ID = "stdin"
MANIFEST_NAME = metadata.MANIFEST_NAME

TEXT_COLUMNS = ("text", "body", "content")
# record field -> accepted column names, first found wins (keys are compared case-insensitively)
FIELD_ALIASES = {
    "id": ("id", "article_id", "doc_id", "uid"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "published_at", "publication_date", "pubdate"),
    "outlet": ("outlet", "source", "publisher", "site", "site_name", "sitename", "domain"),
    "url": ("url", "link", "source_url", "canonical_url"),
}
_LIST_KEYS = ("articles", "records", "items", "data", "documents", "docs", "results", "stories")

_BINARY_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "zip/docx"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"), (b"\x1f\x8b", "gzip"), (b"\x7fELF", "executable"),
    (b"BZh", "bzip2"), (b"\xfd7zXZ", "xz"), (b"7z\xbc\xaf", "7z"), (b"\xd0\xcf\x11\xe0", "MS Office"),
    (b"SQLite format 3", "SQLite"),
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class ReadError(ValueError):
    """Why a file or record cannot be read (one line)."""


def bundled_corpus() -> Path:
    """The Idlib corpus shipped with the package."""
    return Path(str(resources.files("stats") / "data" / "corpus" / "idlib"))


# --------------------------------------------------------------------------------------------
# finding files

def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def find_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Article files under ``paths`` in a stable order (each folder sorted, folders searched
    recursively for the reading suffixes, hidden files and folders skipped). A file named
    ``manifest.csv`` is metadata for its folder, never an article collection, so it is left out
    even when named. A named file of another type is kept (read as text); ``-`` stands for
    standard input. With no paths, the bundled corpus. A path given twice is listed once."""
    if paths is None:
        paths = [bundled_corpus()]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    seen: set = set()

    def add(f: Path) -> None:
        key = STDIN if str(f) == STDIN else f.resolve()
        if key not in seen:
            seen.add(key)
            files.append(f)

    for p in map(Path, paths):
        if str(p) == STDIN:
            add(p)
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if (f.suffix.lower() in SUFFIXES and f.name.lower() != MANIFEST_NAME
                        and not _hidden(f, p) and f.is_file()):
                    add(f)
        elif p.name.lower() != MANIFEST_NAME:
            add(p)
    return files


# --------------------------------------------------------------------------------------------
# bytes and text

def _size(n: float) -> str:
    for unit, k in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= k:
            return f"{n / k:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{int(n)} bytes"


def _too_large(size: int, cap: int) -> ReadError:
    return ReadError(f"file too large ({_size(size)} > {_size(cap)} cap)")


def _check_cap(max_bytes: int | None) -> int | None:
    if max_bytes is None:
        return None
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive int or None, not {max_bytes!r}")
    return max_bytes


def read_bytes(path: Path, max_bytes: int | None = MAX_BYTES) -> bytes:
    """The file's bytes; a file over ``max_bytes`` is refused from its size, unread."""
    if max_bytes is not None:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes)
    with path.open("rb") as fh:
        data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:      # it grew after stat
        raise _too_large(len(data), max_bytes)
    return data


def _binary_kind(data: bytes) -> str:
    head = data[:8192]
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            return kind
    return "NUL bytes" if b"\x00" in head else ""


# control characters (Unicode category Cc) but tab, line feed, vertical tab, form feed, return
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


def _rank(encoding: str) -> int:
    """Preference among equally plausible guesses: Windows-1252, other Windows code pages and
    multi-byte encodings, ISO 8859, then DOS and Mac code pages and the rest."""
    e = encoding.lower().replace("-", "_")
    if e in ("cp1252", "windows_1252"):
        return 0
    if re.fullmatch(r"(cp|windows_)125\d|utf_.*|gb.*|big5.*|cp932|cp949|cp950|shift_jis.*|euc_.*|iso2022.*", e):
        return 1
    if e.startswith(("iso8859", "latin")):
        return 2
    return 3


def _detect(data: bytes) -> str | None:
    """Text decoded by charset-normalizer's guess; among its equally plausible guesses (mess
    within one point of the best) the most common encoding wins (see _rank), Windows-1252 first.
    None when nothing plausible is found."""
    import charset_normalizer

    try:
        results = list(charset_normalizer.from_bytes(data))
    except Exception:      # noqa: BLE001 - a detector oddity must not stop a run
        return None
    if not results:
        return None
    best = min(r.percent_chaos for r in results)
    candidates = sorted((_rank(enc), i, j, enc)
                        for i, r in enumerate(results) if r.percent_chaos <= best + 1.0
                        for j, enc in enumerate(r.could_be_from_charset or [r.encoding]))
    for *_, enc in candidates:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def decode(data: bytes, declared: str = "") -> str:
    """Bytes -> text: a BOM, else UTF-8, else the ``declared`` charset (HTML), else a detected
    encoding. Raises ReadError (empty, binary, undecodable)."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                raise ReadError(f"undecodable text (invalid {enc.split('-sig')[0].upper()})") from None
            break
    else:
        kind = _binary_kind(data)
        if kind:
            raise ReadError(f"binary file ({kind})")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            text = None
            if declared:
                try:
                    text = data.decode(_codec(declared))
                except (LookupError, UnicodeDecodeError):
                    text = None
            if text is None:
                text = _detect(data)
            if text is None:
                raise ReadError(f"undecodable text (not UTF-8 at byte {err.start}, "
                                "and no encoding detected)") from None
    if not text.strip():
        raise ReadError("empty file")
    if _control_share(text) > 0.01:
        raise ReadError("binary file (control characters)")
    return text


def _codec(name: str) -> str:
    """A declared charset as Python names it; latin-1 and ASCII labels mean Windows-1252 (as
    browsers read them)."""
    name = name.strip().lower()
    if name in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"):
        return "cp1252"
    return name


def read_text(path: Path, max_bytes: int | None = MAX_BYTES) -> str:
    """The file's text: UTF-8 (a BOM is dropped) or, failing that, the detected encoding;
    unchanged otherwise. Raises ReadError (a ValueError) or OSError."""
    return decode(read_bytes(Path(path), max_bytes))


def _read_stdin(max_bytes: int | None) -> bytes | str:
    stream = sys.stdin
    if stream is None:
        raise ReadError("no standard input")
    buf = getattr(stream, "buffer", None)
    limit = -1 if max_bytes is None else max_bytes + 1
    data = buf.read(limit) if buf is not None else stream.read(limit)
    size = len(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    if max_bytes is not None and size > max_bytes:       # not read further: its size is unknown
        raise ReadError(f"input too large (over the {_size(max_bytes)} cap)")
    return data


def _reason(err: BaseException) -> str:
    if isinstance(err, FileNotFoundError):
        reason = "file not found"
    elif isinstance(err, IsADirectoryError):
        reason = "is a folder"
    elif isinstance(err, OSError):
        reason = err.strerror or str(err) or type(err).__name__
    else:
        reason = str(err) or type(err).__name__
    lines = [ln for ln in reason.splitlines() if ln.strip()] or [type(err).__name__]
    return lines[0].strip()[:200]


# --------------------------------------------------------------------------------------------
# HTML

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096]))


@lru_cache(maxsize=8)
def _trafilatura_config(max_bytes: int | None):
    from trafilatura.settings import use_config

    config = use_config()
    size = max(int(config.get("DEFAULT", "MAX_FILE_SIZE", fallback="20000000")), max_bytes or 2**40)
    config.set("DEFAULT", "MAX_FILE_SIZE", str(size))
    return config


@lru_cache(maxsize=1)
def _trafilatura():
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        lg = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in lg.handlers):
            lg.addHandler(logging.NullHandler())   # no 'discarding data' noise on stderr
    return trafilatura


def _truncated(html: str) -> bool:
    low = html.lower()
    opened = "<html" in low or "<body" in low
    return opened and "</body" not in low and "</html" not in low


def _paragraphs(text: str) -> str:
    """Trafilatura's text with one paragraph per block, blocks separated by a blank line."""
    return "\n\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def extract_html(html: bytes | str, max_bytes: int | None = MAX_BYTES) -> tuple[str, dict]:
    """(main text, {title, date, outlet, url}) of an HTML page. The text is the title line
    (unless the body already starts with it), a blank line, then the paragraphs separated by
    blank lines. Metadata comes from the page (og:/meta tags, <title>, canonical link, JSON-LD)
    via trafilatura, the date from the page's header metadata via htmldate (not searched for in
    the body). Raises ReadError."""
    if isinstance(html, bytes):
        m = _CHARSET.search(html[:4096])
        html = decode(html, declared=m.group(1).decode("ascii", "ignore") if m else "")
    if not html.strip():
        raise ReadError("empty file")
    if _truncated(html):
        raise ReadError("truncated HTML (no closing </body> or </html> tag)")
    if not _looks_like_html(html):
        html = f"<html><body><div>{html}</div></body></html>"   # a fragment: trafilatura wants a page
    traf = _trafilatura()
    from dateutil.parser import UnknownTimezoneWarning   # loaded by trafilatura already

    try:
        with warnings.catch_warnings():
            # htmldate hands a header date with a zone abbreviation ('08:15 EDT', 'IST') to
            # dateutil, which warns that it cannot place the zone; only the day is kept
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            doc = traf.bare_extraction(html, with_metadata=True, include_comments=False,
                                       date_extraction_params=dict(_DATE_PARAMS),
                                       config=_trafilatura_config(max_bytes))
    except Exception as err:   # noqa: BLE001 - lxml and friends raise many kinds on broken pages
        raise ReadError(f"broken HTML ({_reason(err)})") from None
    body = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    if not body:
        raise ReadError("no article text found in the HTML")
    title = " ".join((doc.title or "").split())
    first = body.split("\n", 1)[0]
    text = body if not title or first == title else f"{title}\n\n{body}"
    url = doc.url or ""
    site = " ".join((doc.sitename or "").split())
    if site and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", site, re.I):
        outlet = metadata.canonical_outlet(site)
    else:
        outlet = metadata.outlet_from_url(url) if url else metadata.canonical_outlet(site)
    meta = {"title": title, "date": _iso(doc.date or ""), "outlet": outlet, "url": url}
    return text, meta


# --------------------------------------------------------------------------------------------
# metadata

def _iso(value) -> str:
    if value is None:
        return ""
    s = str(value).strip()
    if not s:
        return ""
    d = metadata.parse_iso(s)
    if d:
        return d.isoformat()
    return metadata._dateparser_iso(s)      # noqa: SLF001 - same package, cached


def _fill(guessed: dict, given: dict) -> dict:
    """``guessed`` with every non-empty value of ``given`` on top."""
    return metadata.merge(guessed, {k: v for k, v in given.items() if v})


def _article(aid: str, text: str, path: str, meta: dict) -> Article:
    return Article(id=aid, text=text, path=path, title=meta.get("title", ""), date=meta.get("date", ""),
                   outlet=meta.get("outlet", ""), url=meta.get("url", ""))


def _failed(aid: str, path: str, err: BaseException | str) -> Article:
    reason = err if isinstance(err, str) else _reason(err)
    return Article(id=aid, text="", path=path, error=reason)


def _manifest_row(manifest: dict, *keys: str) -> dict:
    for k in keys:
        if k in manifest:
            return manifest[k]
    return {}


# --------------------------------------------------------------------------------------------
# single documents

def _document(path: Path, manifest_row: dict | None, max_bytes: int | None) -> Article:
    is_stdin = str(path) == STDIN
    aid, spath = (STDIN_ID, STDIN) if is_stdin else (path.stem, str(path))
    try:
        if is_stdin:
            raw = _read_stdin(max_bytes)
            text = raw if isinstance(raw, str) else decode(raw)
            if not text.strip():
                raise ReadError("empty input")
            is_html = _looks_like_html(text)
        else:
            raw = read_bytes(path, max_bytes)
            is_html = path.suffix.lower() in HTML_SUFFIXES
            text = raw if is_html else decode(raw)
        if is_html:
            text, found = extract_html(text, max_bytes)
            complete = all(found.get(k) for k in metadata.METADATA_KEYS)
            meta = found if complete else _fill(metadata.guess_metadata(text, spath), found)
        else:
            meta = metadata.guess_metadata(text, spath)
            if not meta.get("title"):              # no headline: the lede, never a furniture line
                meta["title"] = metadata.lede_title(text)
        if not meta.get("outlet"):                 # the last cue: a file named after its outlet
            meta["outlet"] = metadata.outlet_from_file_name(spath)
    except (OSError, ValueError) as err:       # ReadError and UnicodeDecodeError are ValueErrors
        return _failed(aid, spath, err)
    return _article(aid, text, spath, metadata.merge(meta, manifest_row or {}))


def read_article(path: str | Path, manifest_row: dict | None = None, *,
                 max_bytes: int | None = MAX_BYTES) -> Article:
    """One single-document file (``.txt``, ``.html``/``.htm``, any other named file as text,
    ``-`` for standard input) as an Article: its text (as read, or as extracted from HTML) and
    title, date, outlet and url from the page or the text, overridden by ``manifest_row``.
    Never raises on bad input: ``error`` says what went wrong. A collection (``.jsonl``,
    ``.json``, ``.csv``) holds many articles: read it with :func:`read_articles`."""
    max_bytes = _check_cap(max_bytes)
    path = Path(path)
    if str(path) != STDIN and path.suffix.lower() in COLLECTION_SUFFIXES:
        return _failed(path.stem, str(path), f"a collection of records ({path.suffix.lower()}); "
                                             "read it with read_articles")
    return _document(path, manifest_row, max_bytes)


# --------------------------------------------------------------------------------------------
# collections

def _lower_keys(record: dict) -> dict:
    out: dict = {}
    for k, v in record.items():
        key = str(k).strip().lower() if k is not None else ""
        if key and key not in out:
            out[key] = v
    return out


def _scalar(v) -> str:
    if v is None or isinstance(v, (dict, list, tuple, set)):
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def _record_text(rec: dict, text_column: str | None) -> str:
    """The record's text, or ReadError naming what is missing."""
    names = (text_column.strip().lower(),) if text_column else TEXT_COLUMNS
    present = [n for n in names if n in rec and rec[n] is not None]
    if not present:
        raise ReadError(f"no text field ({', '.join(names)})")
    for n in present:
        v = rec[n]
        if not isinstance(v, str):
            raise ReadError(f"text is not a string ('{n}' is {type(v).__name__})")
        if v.strip():
            return v
    raise ReadError("empty text")


def _record_meta(rec: dict) -> dict:
    out: dict = {}
    for field, names in FIELD_ALIASES.items():
        for n in names:
            v = _scalar(rec.get(n))
            if v:
                out[field] = v
                break
    if "date" in out:
        out["date"] = _iso(out["date"])
    if out.get("outlet"):
        out["outlet"] = (metadata.outlet_from_url("https://" + out["outlet"])
                         if re.fullmatch(r"[\w-]+(\.[\w-]+)+", out["outlet"]) else
                         metadata.canonical_outlet(out["outlet"]))
    return out


def _record_article(rec, n: int, line: int | None, path: Path, text_column: str | None,
                    manifest: dict) -> Article:
    where = f"record {n}" + (f" (line {line})" if line is not None else "")
    default_id = f"{path.stem}#{n}"
    if not isinstance(rec, dict):
        return _failed(default_id, str(path), f"{where}: not a JSON object")
    rec = _lower_keys(rec)
    fields = _record_meta(rec)
    aid = fields.pop("id", "") or default_id
    try:
        text = _record_text(rec, text_column)
    except ReadError as err:
        return _failed(aid, str(path), f"{where}: {err}")
    meta = _fill(metadata.guess_metadata(text, str(path)), fields)
    return _article(aid, text, str(path), metadata.merge(meta, _manifest_row(manifest, aid)))


def _json_error(err: json.JSONDecodeError) -> str:
    return f"invalid JSON (line {err.lineno}, column {err.colno}: {err.msg})"


def _jsonl_lines(data: bytes) -> Iterator[tuple[int, str | ReadError]]:
    """(line number, decoded line or the reason it cannot be decoded) of each non-blank line.
    A file that is not UTF-8 throughout is decoded line by line, so one bad line costs one
    record, not the file."""
    lines: list = []
    if any(data.startswith(bom) for bom, _ in _BOMS):
        lines = decode(data).splitlines()
    else:
        kind = _binary_kind(data)
        if kind:
            raise ReadError(f"binary file ({kind})")
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            lines = data.splitlines()
    for i, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            if not line.strip():
                continue
            try:
                line = decode(line)
            except ReadError as err:
                yield i, err
                continue
        if line.strip():
            yield i, line.lstrip("\ufeff")


def _read_jsonl(path: Path, data: bytes, text_column, manifest) -> Iterator[Article]:
    n = 0
    for line_no, line in _jsonl_lines(data):
        n += 1
        if isinstance(line, ReadError):
            yield _failed(f"{path.stem}#{n}", str(path), f"record {n} (line {line_no}): {line}")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            yield _failed(f"{path.stem}#{n}", str(path),
                          f"record {n} (line {line_no}): invalid JSON (column {err.colno}: {err.msg})")
            continue
        yield _record_article(rec, n, line_no, path, text_column, manifest)


def _json_records(doc, text_column: str | None):
    """The records of a parsed JSON document, and whether it is a single article."""
    if isinstance(doc, list):
        return doc, False
    if isinstance(doc, dict):
        low = _lower_keys(doc)
        names = (text_column.strip().lower(),) if text_column else TEXT_COLUMNS
        if any(n in low for n in names):
            return [doc], True
        lists = {k: v for k, v in low.items()
                 if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)}
        for k in _LIST_KEYS:
            if k in lists:
                return lists[k], False
        if len(lists) == 1:
            return next(iter(lists.values())), False
    raise ReadError("no article records in the JSON")


def _read_json(path: Path, data: bytes, text_column, manifest) -> Iterator[Article]:
    text = decode(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":              # JSON Lines saved as .json
            yield from _read_jsonl(path, data, text_column, manifest)
            return
        raise ReadError(_json_error(err)) from None
    records, single = _json_records(doc, text_column)
    if not records:
        raise ReadError("no article records in the JSON")
    for n, rec in enumerate(records, 1):
        art = _record_article(rec, n, None, path, text_column, manifest)
        if single and art.id == f"{path.stem}#1":
            art = _rename(art, path.stem)
            if art.error:
                art = _failed(art.id, art.path, art.error.replace("record 1: ", "", 1))
        yield art


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path, data: bytes, text_column, manifest) -> Iterator[Article]:
    text = decode(data)
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=_delimiter(header))
    try:
        columns = [c.strip().lower() for c in next(reader)]
    except StopIteration:
        raise ReadError("empty file") from None
    except csv.Error as err:
        raise ReadError(f"invalid CSV ({err})") from None
    names = (text_column.strip().lower(),) if text_column else TEXT_COLUMNS
    if not any(n in columns for n in names):
        shown = ", ".join(c for c in columns if c)[:120] or "none"
        raise ReadError(f"no text column ({', '.join(names)}; columns: {shown})")
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            n += 1
            yield _failed(f"{path.stem}#{n}", str(path), f"record {n} (line {reader.line_num}): invalid CSV ({err})")
            continue
        if not any(c.strip() for c in row):
            continue
        n += 1
        rec = {c: v for c, v in zip(columns, row) if c}
        yield _record_article(rec, n, None, path, text_column, manifest)
    if n == 0:
        raise ReadError("no article records in the CSV (a header only)")


_COLLECTION_READERS = {**{s: _read_jsonl for s in JSONL_SUFFIXES}, **{s: _read_json for s in JSON_SUFFIXES},
                       **{s: _read_csv for s in CSV_SUFFIXES}}


def _read_collection(path: Path, text_column: str | None, max_bytes: int | None,
                     manifest: dict) -> Iterator[Article]:
    reader = _COLLECTION_READERS[path.suffix.lower()]
    try:
        data = read_bytes(path, max_bytes)
        if not data.strip():
            raise ReadError("empty file")
        yield from reader(path, data, text_column, manifest)
    except (OSError, ValueError) as err:
        yield _failed(path.stem, str(path), err)


# --------------------------------------------------------------------------------------------
# a run

def _rename(article: Article, aid: str) -> Article:
    return Article(id=aid, text=article.text, path=article.path, title=article.title, date=article.date,
                   outlet=article.outlet, url=article.url, error=article.error)


def _unique(aid: str, path: str, taken: set[str]) -> str:
    if aid not in taken:
        return aid
    parent = Path(path).parent.name if path and path != STDIN else ""
    base = f"{aid}@{parent}" if parent else aid
    cand, k = base, 2
    while cand in taken:
        cand, k = f"{base}~{k}", k + 1
    return cand


def read_file(f: str | Path, *, text_column: str | None = None, max_bytes: int | None = MAX_BYTES,
              manifest: dict | None = None) -> list[Article]:
    """The articles of one file (one, or one per record of a collection; ``-``: standard
    input), ids not yet made unique across files. ``manifest`` is the folder's manifest (read
    from beside the file when None)."""
    f = Path(f)
    if str(f) == STDIN:
        return [_document(f, None, max_bytes)]
    if manifest is None:
        manifest = metadata.read_manifest(f.parent)
    if f.suffix.lower() in COLLECTION_SUFFIXES:
        return list(_read_collection(f, text_column, _check_cap(max_bytes), manifest))
    return [_document(f, _manifest_row(manifest, f.stem, f.name), _check_cap(max_bytes))]


class UniqueIds:
    """Makes article ids unique within a run, in reading order: the first keeps its id, later
    ones get '@<parent folder>', then '~2', '~3'."""

    def __init__(self):
        self.taken: set[str] = set()

    def __call__(self, art: Article) -> Article:
        aid = _unique(art.id, art.path, self.taken)
        self.taken.add(aid)
        return art if aid == art.id else _rename(art, aid)


def read_articles(paths: Iterable[str | Path] | str | Path | None = None, *,
                  text_column: str | None = None,
                  max_bytes: int | None = MAX_BYTES) -> Iterator[Article]:
    """Articles under ``paths`` (files, folders, ``-`` for standard input; the bundled corpus if
    None), in order; a collection yields one Article per record. ``text_column`` names the
    records' text column (default: the first of text, body, content); ``max_bytes`` caps the
    size of any one file (None: no cap). A ``manifest.csv`` beside the files overrides their
    metadata (keyed by article id: file stem, or record id). Ids are unique within the call."""
    max_bytes = _check_cap(max_bytes)
    manifests: dict[Path, dict] = {}
    unique = UniqueIds()
    for f in find_files(paths):
        if str(f) != STDIN and f.parent not in manifests:
            manifests[f.parent] = metadata.read_manifest(f.parent)
        for art in read_file(f, text_column=text_column, max_bytes=max_bytes, manifest=manifests.get(f.parent)):
            yield unique(art)
