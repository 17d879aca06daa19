"""Read articles: files or folders -> Article records, text exactly as read.

A file that cannot be read becomes an Article with ``error`` set (and empty text), so a run
reports it and goes on; nothing is silently dropped.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from . import metadata
from .records import Article

SUFFIXES = (".txt",)


def bundled_corpus() -> Path:
    """The Idlib corpus shipped with the package."""
    return Path(str(resources.files("stats") / "data" / "corpus" / "idlib"))


def find_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Article files under ``paths`` (folders are searched recursively), in a stable order.
    With no paths, the bundled corpus."""
    if paths is None:
        paths = [bundled_corpus()]
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        else:
            files.append(p)
    return files


def read_text(path: Path) -> str:
    """The file decoded as UTF-8 (a BOM is dropped), unchanged otherwise."""
    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes)")
    return data.decode("utf-8-sig")


def read_article(path: str | Path, manifest_row: dict | None = None) -> Article:
    """One file as an Article: its text as read, and title, date, outlet and url from the text,
    overridden by the manifest row where one is given."""
    path = Path(path)
    try:
        text = read_text(path)
    except (OSError, ValueError) as err:    # UnicodeDecodeError is a ValueError
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        return Article(id=path.stem, text="", path=str(path), error=reason.splitlines()[0][:200])
    meta = metadata.merge(metadata.guess_metadata(text, str(path)), manifest_row or {})
    return Article(id=path.stem, text=text, path=str(path), title=meta.get("title", ""),
                   date=meta.get("date", ""), outlet=meta.get("outlet", ""), url=meta.get("url", ""))


def read_articles(paths: Iterable[str | Path] | None = None) -> Iterator[Article]:
    """Articles under ``paths`` in order; a ``manifest.csv`` beside the files overrides metadata."""
    manifests: dict[Path, dict] = {}
    for f in find_files(paths):
        if f.parent not in manifests:
            manifests[f.parent] = metadata.read_manifest(f.parent)
        yield read_article(f, manifests[f.parent].get(f.stem))
