"""draw_all: the charts written as PNG files, each atomically, in this process or through a
pool's map (worker processes)."""
from __future__ import annotations

import gc
import logging
import os
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure

from ._frames import _ArticleInfo
from ..table import safe_name, umask_mode
from ._select import (
    MAX_ARTICLES, MAX_CLAIMS, MAX_ROWS, MIN_ARTICLES, _cells, _claim_counts, _compared_claims,
    _history_claims, _overview_articles, _shown, _timeline_claims,
)
from ._style import DPI
from .compared import claims_compared
from .history import claim_history
from .overview import overview
from .timeline import timeline

logger = logging.getLogger("stats.charts")

CHART_FILES = ("claims_compared.png", "timeline.png", "overview.png")
HISTORY = "history"         # the task name of a claim_history chart (history/<claim>.png)


def _save_atomic(fig: Figure, path: Path, *, dpi: int = DPI) -> None:
    """Write ``fig`` as PNG to ``path`` via a temporary file in the same folder; the file gets
    the mode the umask allows (``table.umask_mode``), not the temporary file's 0o600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".png.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
        os.chmod(tmp, umask_mode())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def draw_all(figures: pd.DataFrame, articles: pd.DataFrame | None,
             claims: pd.DataFrame | None, out_dir: str | os.PathLike, *, jobs: int = 1,
             map_fn: Callable | None = None, linked: pd.DataFrame | None = None) -> list[Path]:
    """Draw the charts into ``out_dir`` (created if needed) and return the paths written.

    ``claims_compared.png``, ``timeline.png`` and ``overview.png``, then
    ``history/<claim>.png`` (``claim_history``) for each claim with ``MIN_READINGS`` readings
    or more, at most ``MAX_HISTORIES``, in the order of ``stats.standing.rank``; other PNGs
    left in ``history/`` by an earlier drawing are removed. A claims table without the
    standing columns gets them from ``figures`` (``linked``) first. Each file is written whole
    or not at all; a chart that fails is logged as a warning and skipped, the others are still
    written, and only the written paths are returned. ``jobs`` > 1 draws them in that many processes;
    ``map_fn(fn, tasks)`` (a pool's ``imap``, say) draws them with it instead. ``linked``: the
    figure rows the histories are read from (``stats.standing.FIGURE_FIELDS``), when
    ``figures`` does not hold every row of their claims.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    linked = figures if linked is None else linked
    claims = _with_standing(claims, linked, articles)
    tasks = [(name, *_inputs_for(name, figures, articles, claims), out / name)
             for name in CHART_FILES]
    tasks += _history_tasks(linked, articles, claims, out / "history")
    if map_fn is not None:
        done = list(map_fn(_draw_task, tasks))
    elif jobs > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(min(jobs, len(tasks))) as pool:
            done = pool.starmap(_draw_one, tasks)
    else:
        done = [_draw_one(*t) for t in tasks]
    return [p for p in done if p is not None]


def _with_standing(claims, figures, articles):
    """The claims table with the standing columns: as given when it has them (or is None),
    else computed from ``figures`` (a table written before they existed)."""
    if claims is None or "readings" in claims.columns or figures is None or articles is None \
            or not {"claim", "article"} <= set(figures.columns) or "id" not in articles.columns:
        return claims
    from ..standing import with_standing

    return with_standing(claims, figures, articles)


def _history_tasks(figures, articles, claims, folder: Path) -> list[tuple]:
    """A task per claim_history drawn, its rows of ``standing.history`` and its claims row;
    the folder is emptied of the PNGs of claims not drawn this time. A claim of which
    ``figures`` holds fewer rows than its ``mentions`` is not drawn (its history would be
    wrong), with a warning."""
    chosen = _history_claims(claims) or []
    usable = figures is not None and {"claim", "article"} <= set(figures.columns)
    mine = figures[figures["claim"].isin(chosen)] if usable and chosen else None
    if mine is not None and "mentions" in claims.columns:
        held = mine["claim"].value_counts()
        need = dict(zip(_cells(claims, "claim"), pd.to_numeric(claims["mentions"], errors="coerce")))
        short = [c for c in chosen if held.get(c, 0) < need.get(c, 0)]
        if short:
            logger.warning("history charts of %d claims not drawn: the figures given hold only "
                           "some of their rows (pass them as linked=)", len(short))
            chosen = [c for c in chosen if c not in short]
            mine = mine[mine["claim"].isin(chosen)]
    names: dict[str, str] = {}
    for c in chosen:          # file names, unique even where two ids would give the same one
        name, n = safe_name(c), 1
        while name in names.values():
            n += 1
            name = f"{safe_name(c)[:140]}-{n}"
        names[c] = name
    files = {f"{n}.png" for n in names.values()}
    if folder.is_dir():
        for old in folder.glob("*.png"):
            if old.name not in files:
                old.unlink(missing_ok=True)
    if mine is None or not chosen:
        return []
    from ..standing import history

    if articles is None or "id" not in articles.columns:
        articles = pd.DataFrame({"id": pd.Series(dtype=str)})
    rows = history(mine, articles, chosen)
    by_claim = dict(tuple(rows.groupby("claim", sort=False)))
    table = claims.assign(claim=_cells(claims, "claim"))
    table = table[table["claim"].isin(chosen)].drop_duplicates("claim").set_index("claim", drop=False)
    folder.mkdir(parents=True, exist_ok=True)
    return [(HISTORY, by_claim[c], None, table.loc[[c]], {}, folder / f"{names[c]}.png")
            for c in chosen if c in by_claim]


def _inputs_for(name: str, figures: pd.DataFrame | None, articles, claims) -> tuple:
    """What chart ``name`` draws from, when the tables say which rows (the chart would choose
    the same itself): less to send to another process. Overview needs no claims."""
    if figures is None or not {"claim", "article"} <= set(figures.columns):
        return figures, articles, claims, {}
    if name == CHART_FILES[2]:
        chosen = _overview_articles(articles, MAX_ARTICLES)
        return figures if chosen is None else _rows_in(figures, "article", chosen), articles, None, {}
    options = {}
    if name == CHART_FILES[0]:
        chosen, options["reported"] = _compared_claims(claims, MIN_ARTICLES, MAX_CLAIMS) or (None, None)
    else:
        chosen = _timeline_claims(claims)
    if chosen is None:
        return figures, articles, claims, {}
    # the rows and claims it draws: it makes the same choice among them as among all
    rows, claims = _rows_in(figures, "claim", chosen), _rows_in(claims, "claim", chosen)
    if name == CHART_FILES[0] and _claim_counts(claims) is not None and len(rows):
        # the mentions it shows, and their articles
        info = _ArticleInfo(articles, list(dict.fromkeys(_cells(rows, "article"))), only=True)
        rows = pd.concat([_shown(g, info, MAX_ROWS) for _, g in rows.groupby("claim", sort=False)])
        if articles is not None and "id" in articles.columns:
            articles = _rows_in(articles, "id", _cells(rows, "article"))
    return rows, articles, claims, options


def _rows_in(table: pd.DataFrame, column: str, values) -> pd.DataFrame:
    """The rows of ``table`` whose ``column`` (as text) is one of ``values``."""
    wanted = set(values)
    return table[[v in wanted for v in _cells(table, column)]]


def _draw_task(task: tuple) -> Path | None:
    return _draw_one(*task)


def _draw_one(name: str, figures, articles, claims, options: dict, path: Path) -> Path | None:
    """Draw and save one chart (``options``: its keywords; a history's ``figures`` are its
    rows of ``standing.history``, ``claims`` its claims row); None (and a warning) if it fails."""
    draw = {
        CHART_FILES[0]: lambda: claims_compared(figures, articles, claims=claims, **options),
        CHART_FILES[1]: lambda: timeline(figures, articles, by="claim", claims=claims),
        CHART_FILES[2]: lambda: overview(figures, articles),
        HISTORY: lambda: claim_history(figures, claims, **options),
    }[name]
    fig = None
    try:
        ax = draw()
        fig = ax.figure
        _save_atomic(fig, path)
        return path
    except Exception as err:  # one chart must not cost the others
        logger.warning("could not draw %s: %s", path, err, exc_info=True)
        return None
    finally:
        if fig is not None:
            fig.clear()
        # a figure's reference cycles hold its pixel buffers until the collector passes: free
        # them now, not on top of the next chart (-40 MB at the peak of a 2,000-article run)
        gc.collect()
