"""overview: how many figures of each category each article holds (heatmap)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ._frames import _ArticleInfo, _prepare_figures
from ._select import MAX_ARTICLES, _overview_articles
from ._style import CATEGORY_ORDER, _empty, _new_axes


def overview(figures: pd.DataFrame, articles: pd.DataFrame | None = None, *,
             max_articles: int = MAX_ARTICLES, ax: Axes | None = None) -> Axes:
    """How many figures of each category each article holds, as an annotated heatmap.

    Rows are articles (oldest first; every article in ``articles`` appears, even one with no
    figures), labelled by outlet and date or by id, with the article's total in brackets;
    columns are categories in the contract's order. Cells with a count show it; empty cells
    mean none. With more than ``max_articles`` articles, those with the most figures are shown
    and the title says so.
    """
    title = "Figures per article and category"
    figs = _prepare_figures(figures)
    info = _ArticleInfo(articles, list(dict.fromkeys(figs["article"])))
    if figs.empty and not info.order:
        return _empty(ax, title, "No articles and no figures.")
    rows = _overview_articles(articles, max_articles)
    if rows is None:            # no counts in the articles table: count the figures
        rows = info.order
        if len(rows) > max_articles:
            totals = figs["article"].value_counts()
            rows = sorted(rows, key=lambda r: -int(totals.get(r, 0)))[:max_articles]
    if len(info.order) > max_articles:
        title += f" (the {max_articles} of {len(info.order)} articles with most figures)"
    figs = figs[figs["article"].isin(rows)]
    cat = figs["category"].where(figs["category"] != "", "uncategorised")
    counts = pd.crosstab(figs["article"], cat) if len(figs) else pd.DataFrame()
    present = list(counts.columns)
    cols = [c for c in CATEGORY_ORDER if c in present] + sorted(
        c for c in present if c not in CATEGORY_ORDER)
    if not cols:
        cols = ["(no figures)"]
    rows = sorted(rows, key=info.sort_key)
    counts = counts.reindex(index=rows, columns=cols, fill_value=0).fillna(0).astype(int)

    n_r, n_c = counts.shape
    ax = _new_axes(ax, (max(5.5, 2.8 + 0.62 * n_c), max(2.4, 1.4 + 0.36 * n_r)))
    data = counts.to_numpy()
    vmax = max(int(data.max()), 1)
    masked = np.ma.masked_equal(data, 0)
    ax.imshow(masked, cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto",
              interpolation="nearest")
    ax.set_facecolor("white")
    for i in range(n_r):
        for j in range(n_c):
            v = data[i, j]
            if v:
                dark = v > 0.55 * vmax
                ax.text(j, i, str(v), ha="center", va="center", fontsize=9,
                        color="white" if dark else "#1a1a1a", gid="count")
    ax.set_xticks(range(n_c))
    ax.set_xticklabels(cols, rotation=40, ha="right", rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(n_r))
    totals = data.sum(axis=1)
    ax.set_yticklabels([f"{info.label.get(a, a)}  ({t})" for a, t in zip(rows, totals)],
                       fontsize=9)
    # thin white grid between cells
    ax.set_xticks(np.arange(-0.5, n_c, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_r, 1), minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="both", length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xlabel("Category (what the figure counts)")
    ax.set_ylabel("Article (figures in total)")
    ax.set_title(title, loc="left", fontweight="bold")
    return ax


