"""Records -> the contract's DataFrames, and writing them whole or not at all."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path

import pandas as pd

from .records import FIGURE_COLUMNS, Article, Figure

ARTICLE_COLUMNS = ("id", "title", "date", "outlet", "url", "path", "characters", "figures", "error")


_FIGURE_ROW = attrgetter(*FIGURE_COLUMNS)


def figures_frame(figures: list[Figure]) -> pd.DataFrame:
    df = pd.DataFrame([_FIGURE_ROW(f) for f in figures], columns=list(FIGURE_COLUMNS))
    for col in ("start", "end"):
        df[col] = df[col].astype("int64")
    for col in ("value", "low", "high"):
        df[col] = df[col].astype("float64")
    return df


def articles_frame(done: list[tuple[Article, list[Figure]]]) -> pd.DataFrame:
    rows = [{
        "id": a.id, "title": a.title, "date": a.date, "outlet": a.outlet, "url": a.url, "path": a.path,
        "characters": len(a.text), "figures": len(figs), "error": a.error,
    } for a, figs in done]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` atomically: a temporary file in the same folder, then a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            df.to_csv(f, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged(out: Path, cancelled=None):
    """A staging folder inside ``out``; what is written there replaces ``out``'s files only when
    the block finishes. An interrupted run (Ctrl-C, an error, ``cancelled()`` true when the
    block ends) leaves the previous outputs."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".stats-staging-", dir=out))
    try:
        yield stage
        if cancelled is not None and cancelled():
            raise KeyboardInterrupt
        for src in sorted(stage.rglob("*")):
            if src.is_file():
                dst = out / src.relative_to(stage)
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def safe_name(article_id: str) -> str:
    """A file name for an article id (ids of records may hold '/', '#', ':')."""
    name = re.sub(r"[^\w.@~#+-]", "_", article_id).lstrip(".")
    return name[:150] or "_"
