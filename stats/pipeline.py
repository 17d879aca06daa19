"""The stages composed: article text -> figures with context; a corpus -> tables.

``extract`` is a pure function of one text, so a corpus is a map over its files (the seam for
processes and Dask). A worker hands back, per article, plain data: its figures as CSV rows,
what linking needs of each (``claims.MentionKey``) and a sampled fingerprint of its text. The
parent streams the rows to their sink (memory for ``track``, disk for ``track_to``) and keeps
only the compact rest; once every article is in, it finds reprints and links claims (blocks
clustered by the same workers), and the claim of each row is filled in.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from tqdm import tqdm

from . import (claims, context, dates, events, metadata, numbers, report, reprints, segment,
               standing, table)
from .articles import MAX_BYTES, STDIN, UniqueIds, find_files, read_file
from .records import Article, Figure

if TYPE_CHECKING:
    import pandas as pd


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

    def history(self, claim: str) -> pd.DataFrame:
        """The mentions of ``claim`` (an id of ``claims``) in date order (undated after, in
        reading order), with the article's date and outlet, the attribution, value, bounds,
        qualifier and sentence, and whether each is a reading and makes the best estimate
        (``stats.standing.history``)."""
        if claim not in set(self.claims["claim"]):
            raise KeyError(f"no claim {claim!r} (see result.claims['claim'])")
        return standing.history(self.figures, self.articles, claim)


@dataclass(frozen=True)
class Written:
    """What ``track_to`` returns: the articles and claims tables, and what it wrote."""
    out: Path
    articles: pd.DataFrame
    claims: pd.DataFrame
    figures: int                # rows of figures.csv
    files: list[Path]           # every file written, relative to ``out``

    def __repr__(self) -> str:
        return (f"Written({self.figures} figures from {len(self.articles)} articles, "
                f"{len(self.claims)} claims -> {self.out})")


def track(paths: Iterable[str | Path] | str | Path | None = None, *, jobs: int = 1,
          progress: bool = False, text_column: str | None = None,
          max_bytes: int | None = MAX_BYTES, engine: str = "local", scheduler: str | None = None,
          client=None, cancelled: Callable[[], bool] | None = None) -> Result:
    """Read every article under ``paths`` (files or folders of .txt, .html, .jsonl, .json,
    .csv; '-' for standard input; the bundled Idlib corpus if None) and return its figures,
    articles and claims as DataFrames, in memory (for a corpus too large for that, ``track_to``
    writes the same tables to a folder as it goes).

    ``jobs`` > 1 spreads articles over that many processes (0: all cores); the result is the
    same, in the same order. ``progress`` shows a bar on stderr (when it is a terminal).
    ``text_column`` names the text field of collections; files over ``max_bytes`` are errors.

    ``engine="dask"`` runs the per-file stages on a Dask cluster instead (``client``, a
    ``distributed.Client``; else ``scheduler``, its address; else a local cluster started for
    the run), with the same result; see ``stats.distributed``. ``jobs`` is then unused.
    ``cancelled``, asked between files, stops the run with KeyboardInterrupt when it says so.
    """
    sink = table.MemoryRows()
    articles, claim_of_row, claim_table = _tracked(
        paths, sink, jobs=jobs, progress=progress, text_column=text_column, max_bytes=max_bytes,
        engine=engine, scheduler=scheduler, client=client, cancelled=cancelled)
    figures = sink.frame(claim_of_row, claim_table["claim"].tolist())
    claim_table = standing.with_standing(claim_table, figures, articles)
    return Result(figures, articles, claim_table, sink.texts)


def track_to(out: str | Path, paths: Iterable[str | Path] | str | Path | None = None, *,
             jobs: int = 1, progress: bool = False, text_column: str | None = None,
             max_bytes: int | None = MAX_BYTES, engine: str = "local",
             scheduler: str | None = None, client=None, parquet: bool = False,
             charts: bool = True, cancelled: Callable[[], bool] | None = None) -> Written:
    """``track``, streamed to the folder ``out``: figures.csv (and figures.parquet with
    ``parquet``), articles.csv, claims.csv, texts/<id>.txt for articles whose text is not a .txt
    file, the charts (charts/*.png) unless ``charts`` is False, and report.html (the claims and
    articles on one page, ``stats.report``).

    Figure rows go to disk as articles are done; what stays in memory is what linking claims
    needs of each figure (about 70 bytes, no sentence), a small fingerprint of each article for
    finding reprints, and the articles table, so memory hardly grows with the corpus. Outputs
    replace those of an earlier run only when all are written (an interrupted or failed run
    leaves ``out`` as it was). Arguments as for ``track``.
    """
    out = Path(out)
    jobs = jobs or os.cpu_count() or 1
    with table.staged(out, cancelled=cancelled) as stage, table.FigureWriter(stage) as sink, \
            _ChartWorkers() as drawers:
        articles, claim_of_row, claim_table = _tracked(
            paths, sink, jobs=jobs, progress=progress, text_column=text_column,
            max_bytes=max_bytes, engine=engine, scheduler=scheduler, client=client,
            cancelled=cancelled, started=drawers.start if charts else None)
        from . import charts as charts_mod   # matplotlib: only when drawing (loaded by now)

        want_claims, want_articles = (charts_mod.needed(claim_table, articles) if charts
                                      else (set(), set()))
        keep = _rows_wanted(articles, claim_of_row, claim_table, want_claims, want_articles)
        drawn = sink.finish(stage / "figures.csv", claim_of_row, claim_table["claim"].tolist(),
                            keep=keep, parquet=stage / "figures.parquet" if parquet else None,
                            columns=charts_mod.FIGURE_FIELDS)
        linked = _linked(stage / "figures.csv")
        claim_table = standing.with_standing(claim_table, linked, articles)
        table.write_csv(articles, stage / "articles.csv")
        table.write_csv(claim_table, stage / "claims.csv")
        _release_free_memory()
        if charts:
            # with the columns the charts read, sent to their processes
            charts_mod.draw_all(drawn, articles[list(charts_mod.ARTICLE_FIELDS)],
                                claim_table[list(charts_mod.CLAIM_FIELDS)], stage / "charts",
                                map_fn=drawers.map, linked=linked)
        linked = drawn = None
        _release_free_memory()
        # from the tables and charts just written
        report.write_report(stage, articles=articles, claims=claim_table)
        files = sorted(p.relative_to(stage) for p in stage.rglob("*") if p.is_file())
    return Written(out, articles, claim_table, len(claim_of_row), files)


def _linked(path: Path) -> pd.DataFrame:
    """The rows of figures.csv at ``path`` that belong to a claim, with the columns the
    standing of claims reads, read in chunks; text columns as categoricals, their values
    interned across chunks (at 20,000 articles, half a million rows: about 15 MB)."""
    import numpy as np
    import pandas as pd

    texts = [c for c in standing.FIGURE_FIELDS if c not in ("start", "value", "low", "high")]
    codes: dict[str, dict[str, int]] = {c: {} for c in texts}
    parts: dict[str, list] = {c: [] for c in standing.FIGURE_FIELDS}
    for chunk in table.read_figures(path, chunksize=50_000, columns=standing.FIGURE_FIELDS):
        chunk = chunk[chunk["claim"] != ""]
        for c in standing.FIGURE_FIELDS:
            if c in codes:
                seen = codes[c]
                parts[c].append(np.fromiter((seen.setdefault(v, len(seen)) for v in chunk[c].tolist()),
                                            np.int32, len(chunk)))
            else:
                parts[c].append(chunk[c].to_numpy())
    return pd.DataFrame({
        c: (pd.Categorical.from_codes(np.concatenate(parts[c]) if parts[c] else [], list(codes[c]))
            if c in codes else np.concatenate(parts[c]) if parts[c] else np.array([], float))
        for c in standing.FIGURE_FIELDS})


def _release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing): the corpus stages grow and free arrays in proportion to the corpus, and the charts
    would otherwise be drawn on top of what the heap kept of them (at 20,000 articles, about
    60 MB)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def free_large_blocks_at_once() -> None:
    """For the command's own process (glibc; elsewhere nothing): every allocation over 128 KiB
    gets a mapping of its own, handed back to the system when freed. glibc otherwise raises
    that threshold each time such a block is freed and serves the later ones from its heap,
    where the corpus stages' transient arrays stay resident (about 20 MB at the peak of a
    20,000-article run)."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(-3, 128 * 1024)    # M_MMAP_THRESHOLD


def _glibc():
    """The C library, where it has glibc's ``malloc_trim`` and ``mallopt``; else None."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim, libc.mallopt
    except (OSError, AttributeError, TypeError):    # not glibc (musl, macOS, Windows)
        return None
    return libc


def _rows_wanted(articles: pd.DataFrame, claim_of_row, claim_table: pd.DataFrame,
                 want_claims: set[str], want_articles: set[str]):
    """Which figure rows the charts need: those of the claims and articles they draw."""
    import numpy as np

    wanted = np.flatnonzero(claim_table["claim"].isin(want_claims).to_numpy())
    keep = np.isin(claim_of_row, wanted)
    counts = articles["figures"].to_numpy(dtype=np.int64)
    ends = np.cumsum(counts)
    for pos in np.flatnonzero(articles["id"].isin(want_articles).to_numpy()):
        keep[ends[pos] - counts[pos]:ends[pos]] = True
    return keep


class _ChartWorkers:
    """The processes that will draw the charts (``map``; else this process): forked by
    ``start(n)`` with matplotlib loaded, while the workers read the first files, before the
    corpus stages grow this process; they wait until the end of the run."""

    def __init__(self):
        self.map = map
        self._pool = ExitStack()

    def start(self, n: int) -> None:
        from . import charts  # noqa: F401  (matplotlib, loaded once for every drawing process)

        self.map = self._pool.enter_context(_workers(n))[0]

    def __enter__(self) -> "_ChartWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self._pool.close()


def _tracked(paths, sink, *, jobs: int, progress: bool, text_column: str | None,
             max_bytes: int | None, engine: str, scheduler: str | None, client,
             cancelled: Callable[[], bool] | None, started: Callable[[int], None] | None = None):
    """The corpus through the per-article stages (figure rows to ``sink`` as they come), then
    reprints and claims: returns ``(articles table, claim number of each figure row, claims
    table)``. ``started(n)``, if given, is called in this process once the ``n`` workers (1:
    this process) have their first files, to prepare what comes after in the meantime."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if engine != "dask" and (scheduler is not None or client is not None):
        raise ValueError("scheduler and client are for engine='dask'")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    tasks = [_FileTask(f, text_column, max_bytes) if str(f) != STDIN
             else _FileTask(f, text_column, max_bytes, read_file(f, max_bytes=max_bytes))
             for f in find_files(paths)]
    corpus = _Corpus(sink)
    if engine == "dask":
        from .distributed import map_files_dask   # dask is imported only here
        if started is not None:
            started(1)
        for results in map_files_dask(tasks, scheduler=scheduler, client=client, progress=progress):
            corpus.add(results)
        return corpus.link(map)
    jobs = jobs or os.cpu_count() or 1
    # the workers are forked before this process loads pandas (and the charts, matplotlib):
    # what they need is light, and they warm up while it loads
    with _workers(jobs if len(tasks) >= 2 * jobs else 1) as (pmap, n):
        bar = tqdm(total=len(tasks), unit="file", disable=not progress or None, file=sys.stderr,
                   leave=False)
        with bar:
            # small chunks: the workers finish together
            done = pmap(_process_file, tasks, max(1, min(8, len(tasks) // (8 * n))))
            import pandas  # noqa: F401  (for the corpus stages)
            if started is not None:
                started(n)
            for results in done:
                if cancelled is not None and cancelled():
                    raise KeyboardInterrupt
                corpus.add(results)
                bar.update()
        tasks = done = None     # every file is read: their paths are not needed again
        return corpus.link(pmap)


class _Corpus:
    """The parent's side of a run: articles arrive in reading order; their figure rows go to
    the sink, their linking keys and fingerprints are kept (compactly) for the corpus stages."""

    def __init__(self, sink):
        self.sink = sink
        self.unique = UniqueIds()
        self.articles: list[tuple] = []
        self.linker = claims.Linker()
        self.reprints = reprints.ReprintIndex()
        self.rows = 0

    def add(self, results: list[_Done]) -> None:
        for done in results:
            a = self.unique(done.article)
            rows = done.rows if a.id == done.article.id else done.rows.renamed(a.id)
            position = len(self.articles)
            self.articles.append((a.id, a.title, a.date, a.outlet, a.url, a.path, done.characters,
                                  len(rows), a.error))
            self.sink.write(rows)
            for i, key in enumerate(done.keys):
                self.linker.add(self.rows + i, position, key)
            self.linker.add_article(position, done.profile)
            self.rows += len(rows)
            if a.ok:
                self.reprints.add(a.id, done.fingerprint)
                if _text_not_on_disk(a):
                    self.sink.text(a.id, a.text)

    def link(self, map_fn) -> tuple[pd.DataFrame, object, pd.DataFrame]:
        """The corpus stages, once every article is in; what they needed is let go after."""
        import pandas as pd

        articles = pd.DataFrame(self.articles, columns=list(table.ARTICLE_COLUMNS))
        self.articles = []
        _release_free_memory()      # what the articles' results left, before the corpus stages
        # one worker finds the reprints while the others start clustering the claim blocks
        finding = map_fn(reprints.ReprintIndex.result, [self.reprints])
        self.reprints = None
        clustering = self.linker.cluster(articles["date"].tolist(), map_fn)
        found = next(finding)
        articles["reprint_of"] = [found.get(a, ("", 0.0))[0] for a in articles["id"]]
        articles["copied_share"] = [round(found.get(a, ("", 0.0))[1], 3) for a in articles["id"]]
        claim_of_row, claim_table = self.linker.link(articles, self.rows, clustering=clustering)
        self.linker = None
        _release_free_memory()
        return articles, claim_of_row, claim_table


def _text_not_on_disk(a: Article) -> bool:
    """True when offsets refer to a text that is not a file as is (HTML, records, stdin)."""
    return a.ok and not (a.path.lower().endswith(".txt") and "#" not in a.id)


@dataclass(frozen=True)
class _FileTask:
    path: Path
    text_column: str | None
    max_bytes: int | None
    articles: list[Article] | None = None   # already read (standard input)


class _Done(NamedTuple):
    """One article as a worker hands it back: plain data, cheap to send between processes."""
    article: Article                    # its text only when not on disk as is (see texts/)
    characters: int                     # length of its text
    rows: table.Rows                    # its figures as figures.csv rows
    keys: list[claims.MentionKey | None]  # what linking needs of each figure
    profile: events.Profile             # what linking needs of the article: what it is about
    fingerprint: reprints.Fingerprint   # what finding reprints needs of its text


def _process_file(task: _FileTask) -> list[_Done]:
    """Read one file and process its articles: the unit of work of a worker process."""
    found = task.articles
    if found is None:
        found = read_file(task.path, text_column=task.text_column, max_bytes=task.max_bytes,
                          manifest=_manifest(task.path.parent))
    out = []
    for a in found:
        a, figures = process(a)
        keys = [claims.mention_key(f.category, f.location, f.subject, f.period, f.value, f.low,
                                   f.high, f.qualifier, f.unit, f.sentence, f.start, f.surface,
                                   f.period_start, f.period_end) for f in figures]
        profile = events.profile(a.title, [f.location for f in figures],
                                 [f.sentence for f in figures], [f.value for f in figures])
        out.append(_Done(a if _text_not_on_disk(a) else replace(a, text=""), len(a.text),
                         table.Rows.of(figures), keys, profile,
                         reprints.fingerprint(a.text if a.ok else "")))
    return out


def _manifest(folder: Path) -> dict:
    try:
        stamp = (folder / "manifest.csv").stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _manifest_cached(str(folder), stamp)


@lru_cache(maxsize=32)
def _manifest_cached(folder: str, stamp: int) -> dict:
    return metadata.read_manifest(Path(folder))


@contextmanager
def _workers(jobs: int):
    """``(pmap, n)``: ``pmap(fn, items, chunksize)`` maps in order over ``n`` worker processes
    (``jobs``; 0: all cores), or in this process when ``n`` is 1."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1:
        yield (lambda fn, items, chunksize=1: map(fn, items)), 1
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(jobs, initializer=_start_worker) as pool:
        yield pool.imap, jobs


def _start_worker():
    """Workers leave Ctrl-C to the parent, which stops the pool. They load numpy while they
    start, not when linking sends them its first arrays."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import numpy  # noqa: F401
