"""The stages composed: article text -> figures with context; a corpus -> tables.

``extract`` is a pure function of one text, so a corpus is a map over its articles (the seam
for processes and Dask).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd
from tqdm import tqdm

from . import claims, context, dates, metadata, numbers, segment, table
from .articles import MAX_BYTES, STDIN, UniqueIds, find_files, read_file
from .records import Article, Figure


def extract(text: str, article: str = "") -> list[Figure]:
    """Every figure in ``text`` with its context, in order of appearance.

    >>> [f.surface for f in extract("At least 12 civilians were killed.")]
    ['At least 12']
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    sentences = segment.sentences(text)
    tokens = [numbers.tokenize(text[s.start:s.end]) for s in sentences]
    mentions = [numbers.find_numbers(text[s.start:s.end], toks) for s, toks in zip(sentences, tokens)]
    return context.describe(article, text, sentences, mentions, tokens)


def process(article: Article) -> tuple[Article, list[Figure]]:
    """One article through the per-article stages; errors stay with the article."""
    if not article.ok:
        return article, []
    title = article.title or next((ln.strip() for ln in article.text.splitlines() if ln.strip()), "")
    figures = extract(article.text, article.id)
    if article.date:
        figures = [_resolve(f, article.date) for f in figures]
    return replace(article, title=title), figures


def _resolve(f: Figure, published: str) -> Figure:
    if not f.period:
        return f
    start, end = dates.resolve_period(f.period, published)
    return replace(f, period_start=start, period_end=end) if start or end else f


ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Result:
    """What ``track`` returns: the figures, articles and claims tables (pandas)."""
    figures: pd.DataFrame
    articles: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    """article id -> the text offsets refer to, for articles not read from a .txt file"""

    def __repr__(self) -> str:
        return (f"Result({len(self.figures)} figures from {len(self.articles)} articles, "
                f"{len(self.claims)} claims)")


def track(paths: Iterable[str | Path] | str | Path | None = None, *, jobs: int = 1,
          progress: bool = False, text_column: str | None = None,
          max_bytes: int | None = MAX_BYTES, engine: str = "local", scheduler: str | None = None,
          client=None, cancelled: Callable[[], bool] | None = None) -> Result:
    """Read every article under ``paths`` (files or folders of .txt, .html, .jsonl, .json,
    .csv; '-' for standard input; the bundled Idlib corpus if None) and return its figures,
    articles and claims as DataFrames.

    ``jobs`` > 1 spreads articles over that many processes (0: all cores); the result is the
    same, in the same order. ``progress`` shows a bar on stderr (when it is a terminal).
    ``text_column`` names the text field of collections; files over ``max_bytes`` are errors.

    ``engine="dask"`` runs the per-file stages on a Dask cluster instead (``client``, a
    ``distributed.Client``; else ``scheduler``, its address; else a local cluster started for
    the run), with the same result; see ``stats.distributed``. ``jobs`` is then unused.
    ``cancelled``, asked between files, stops the run with KeyboardInterrupt when it says so.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if engine != "dask" and (scheduler is not None or client is not None):
        raise ValueError("scheduler and client are for engine='dask'")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    tasks = [_FileTask(f, text_column, max_bytes) if str(f) != STDIN
             else _FileTask(f, text_column, max_bytes, read_file(f, max_bytes=max_bytes))
             for f in find_files(paths)]
    unique = UniqueIds()
    done = []
    if engine == "dask":
        from .distributed import map_files_dask   # dask is imported only here
        per_file = map_files_dask(tasks, scheduler=scheduler, client=client, progress=progress)
    else:
        per_file = _map(_process_file, tasks, jobs, progress, cancelled)
    fingerprints = []
    warm = None
    for results in per_file:
        if warm is None and jobs != 1 and engine == "local":
            # while the workers extract, the parent builds the claims gazetteer (after the
            # first result, so the worker processes are forked already)
            warm = threading.Thread(target=claims.warm_up, daemon=True)
            warm.start()
        for article, figs, fp in results:
            renamed = unique(article)
            if renamed.id != article.id:
                figs = [replace(f, article=renamed.id) for f in figs]
            done.append((renamed, figs))
            if renamed.ok:
                fingerprints.append((renamed.id, fp))
    figures = table.figures_frame([f for _, figs in done for f in figs])
    articles = table.articles_frame(done)
    if warm is not None:
        warm.join()
    reprints = claims.reprints_of(fingerprints)
    articles["reprint_of"] = [reprints.get(a, ("", 0.0))[0] for a in articles.id]
    articles["copied_share"] = [round(reprints.get(a, ("", 0.0))[1], 3) for a in articles.id]
    ids, claim_table = claims.link_claims(figures, articles)
    figures["claim"] = ids
    return Result(figures, articles, claim_table, {a.id: a.text for a, _ in done if _text_not_on_disk(a)})


def _text_not_on_disk(a: Article) -> bool:
    """True when offsets refer to a text that is not a file as is (HTML, records, stdin)."""
    return a.ok and not (a.path.lower().endswith(".txt") and "#" not in a.id)


@dataclass(frozen=True)
class _FileTask:
    path: Path
    text_column: str | None
    max_bytes: int | None
    articles: list[Article] | None = None   # already read (standard input)


def _process_file(task: _FileTask) -> list[tuple[Article, list[Figure], tuple]]:
    """Read one file and process its articles: the unit of work of a worker process. Each
    article comes back with its figures and its fingerprint for finding reprints."""
    found = task.articles
    if found is None:
        found = read_file(task.path, text_column=task.text_column, max_bytes=task.max_bytes,
                          manifest=_manifest(task.path.parent))
    return [(*process(a), claims.fingerprint(a.text) if a.ok else ()) for a in found]


def _manifest(folder: Path) -> dict:
    try:
        stamp = (folder / "manifest.csv").stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _manifest_cached(str(folder), stamp)


@lru_cache(maxsize=32)
def _manifest_cached(folder: str, stamp: int) -> dict:
    return metadata.read_manifest(Path(folder))


def _map(fn, items: list, jobs: int, progress: bool, cancelled: Callable[[], bool] | None = None):
    """``map(fn, items)`` in order, over ``jobs`` processes when there is work enough.
    ``cancelled`` is asked between items; when it says so, KeyboardInterrupt is raised."""
    jobs = jobs or os.cpu_count() or 1
    bar = tqdm(total=len(items), unit="file", disable=not progress or None, file=sys.stderr,
               leave=False)

    def check():
        if cancelled is not None and cancelled():
            raise KeyboardInterrupt

    try:
        if jobs <= 1 or len(items) < 2 * jobs:
            for item in items:
                check()
                yield fn(item)
                bar.update()
            return
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(jobs, initializer=_ignore_sigint) as pool:
            for out in pool.imap(fn, items, chunksize=max(1, min(64, len(items) // (8 * jobs)))):
                check()
                yield out
                bar.update()
    finally:
        bar.close()


def _ignore_sigint():
    """Workers leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
