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
from ._select import (
    MAX_ARTICLES, MAX_CLAIMS, MAX_ROWS, MIN_ARTICLES, _cells, _claim_counts, _compared_claims,
    _overview_articles, _shown, _timeline_claims,
)
from ._style import DPI
from .compared import claims_compared
from .overview import overview
from .timeline import timeline

logger = logging.getLogger("stats.charts")

CHART_FILES = ("claims_compared.png", "timeline.png", "overview.png")


def _save_atomic(fig: Figure, path: Path, *, dpi: int = DPI) -> None:
    """Write ``fig`` as PNG to ``path`` via a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".png.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def draw_all(figures: pd.DataFrame, articles: pd.DataFrame | None,
             claims: pd.DataFrame | None, out_dir: str | os.PathLike, *, jobs: int = 1,
             map_fn: Callable | None = None) -> list[Path]:
    """Draw the three charts into ``out_dir`` (created if needed) and return their paths.

    ``claims_compared.png``, ``timeline.png`` and ``overview.png``, each written whole or not at
    all. A chart that fails is logged as a warning and skipped; the others are still written,
    and only the written paths are returned. ``jobs`` > 1 draws them in that many processes;
    ``map_fn(fn, tasks)`` (a pool's ``imap``, say) draws them with it instead.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks = [(name, *_inputs_for(name, figures, articles, claims), out / name)
             for name in CHART_FILES]
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
    """Draw and save one chart (``options``: its keywords); None (and a warning) if it fails."""
    draw = {
        CHART_FILES[0]: lambda: claims_compared(figures, articles, claims=claims, **options),
        CHART_FILES[1]: lambda: timeline(figures, articles, by="claim", claims=claims),
        CHART_FILES[2]: lambda: overview(figures, articles),
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
