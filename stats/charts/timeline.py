"""timeline: reported numbers against publication date, a line per claim (or category and place)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from ._frames import _ArticleInfo, _claim_labels, _extent, _prepare_figures, _shorten, _units_label
from ._select import MAX_LINES, _timeline_claims
from ._style import GRID_COLOR, _empty, _format_value_axis, _new_axes, _style, _wants_log


_TIMELINE_MARKERS = {
    "exact": dict(marker="o"),
    "approx": dict(marker="o", markerfacecolor="white"),
    "lower": dict(marker="^"),
    "upper": dict(marker="v"),
    "range": dict(marker="_", markersize=10),
    "vague": dict(marker="s", markerfacecolor="white", markersize=5),
}
_TIMELINE_LABELS = {
    "exact": "exact number",
    "approx": "approximate (about, some)",
    "lower": "lower bound (at least, more than)",
    "upper": "upper bound (nearly, up to)",
    "range": "range: bar = low to high",
    "vague": "vague (hundreds): bar = implied range",
}


def timeline(figures: pd.DataFrame, articles: pd.DataFrame | None = None, *,
             by: str = "claim", claims: pd.DataFrame | None = None, ax: Axes | None = None) -> Axes:
    """Reported numbers against the publication date of the article that reports them.

    ``by="claim"``: one line per claim (figures with an empty ``claim`` are left out);
    ``by="category"``: one line per category and location, over all figures but those of
    category ``other`` or none. When some groups are reported on two or more dates, only those
    are drawn (a line needs two dates); at most ``MAX_LINES`` groups, those with most mentions.
    Lines join the median reported number per date; each mention is a marker shaped by its
    qualifier (triangle up = lower bound, down = upper bound, open = approximate), and ranges
    and vague amounts get a vertical bar over the range their words imply. Figures whose
    article has no date cannot be placed and are left out. Only figures in the most common
    unit are drawn, so the axis has one unit. With ``claims`` (the claims table, by claim), the
    claims are chosen from it first (see ``needed``).
    """
    if by not in ("claim", "category"):
        raise ValueError(f"timeline: by must be 'claim' or 'category', not {by!r}")
    title = ("Reported figures over time, by claim" if by == "claim"
             else "Reported figures over time, by category and place")
    figs = _prepare_figures(figures)
    figs = figs[figs["value"].notna()]
    chosen = _timeline_claims(claims) if by == "claim" else None
    if chosen is not None:
        figs = figs[figs["claim"].isin(chosen)]
    info = _ArticleInfo(articles, list(dict.fromkeys(figs["article"])), only=True)
    figs = figs.assign(date=[info.date.get(a, pd.NaT) for a in figs["article"]])
    figs = figs[figs["date"].notna()]
    if by == "claim":
        figs = figs[figs["claim"] != ""]
    else:  # a line across unrelated 'other' counts would mean nothing
        figs = figs[~figs["category"].isin(["", "other"])]
    if len(figs):
        main_unit = figs["unit"].value_counts().index[0]
        figs = figs[figs["unit"] == main_unit]
    if figs.empty:
        what = "linked claims" if by == "claim" else "figures"
        return _empty(ax, title, f"No dated {what} to place on a timeline.")

    if by == "claim":
        figs = figs.assign(group=figs["claim"])
        names = _claim_labels(figs, None)
    else:
        loc = figs["location"].where(figs["location"] != "", "place not given")
        figs = figs.assign(group=figs["category"] + " · " + loc)
        names = {g: _shorten(g, 50) for g in figs["group"].unique()}
    n_dates = figs.groupby("group")["date"].nunique()
    if (n_dates >= 2).any():
        figs = figs[figs["group"].isin(n_dates[n_dates >= 2].index)]
    counts = figs.groupby("group").size().sort_values(ascending=False, kind="stable")
    keep = list(counts.index[:MAX_LINES])
    figs = figs[figs["group"].isin(keep)]

    ax = _new_axes(ax, (10, 5))
    _style(ax)
    extents = np.array([_extent(r) for _, r in figs.iterrows()], dtype=float)
    allv = extents[np.isfinite(extents)]
    log = _wants_log(allv) and (allv > 0).all()
    if log:
        ax.set_yscale("log")
    colors = [f"C{i}" for i in range(MAX_LINES)]
    families: set[str] = set()
    # order the legend by the latest reported number, highest first, like the lines
    last = {g: figs[figs["group"] == g].sort_values("date")["value"].iloc[-1] for g in keep}
    order = sorted(keep, key=lambda g: -last[g])
    for color, g in zip(colors, order):
        rows = figs[figs["group"] == g].sort_values("date")
        med = rows.groupby("date")["value"].median()
        ax.plot(med.index, med.values, "-", color=color, lw=1.8, alpha=0.85,
                label=names.get(g, g), gid="timeline-line", zorder=2)
        for fam, sub in rows.groupby("family"):
            families.add(fam)
            style = dict(markersize=7, markeredgewidth=1.3) | _TIMELINE_MARKERS[fam]
            ax.plot(sub["date"], sub["value"], ls="none", color=color, zorder=3,
                    gid=f"timeline-{fam}", **style)
            if fam in ("range", "vague"):
                lo = sub["low"].where(sub["low"].notna(), sub["value"])
                hi = sub["high"].where(sub["high"].notna(), sub["value"])
                ax.vlines(sub["date"], lo, hi, color=color, lw=2.5, alpha=0.45, zorder=2,
                          gid=f"timeline-{fam}-bar")

    # dates: readable ticks, a little air at both ends
    import matplotlib.dates as mdates

    d0, d1 = figs["date"].min(), figs["date"].max()
    pad = max((d1 - d0) * 0.05, pd.Timedelta(days=2))
    ax.set_xlim(d0 - pad, d1 + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    lo_v, hi_v = float(allv.min()), float(allv.max())
    if log:
        ax.set_ylim(lo_v / 1.6, hi_v * 1.6)
    else:
        ax.set_ylim(0, hi_v * 1.1 if hi_v > 0 else 1)
    _format_value_axis(ax.yaxis, log=log, lo=ax.get_ylim()[0], hi=ax.get_ylim()[1])
    ax.grid(axis="y", which="major", color=GRID_COLOR, lw=0.8)
    ax.grid(axis="x", which="major", color=GRID_COLOR, lw=0.5, ls=":")

    unit = _units_label(figs["unit"])
    ax.set_ylabel(f"Reported number{unit}" + (", log scale" if log else ""))
    ax.set_xlabel("Publication date")
    ax.set_title(title, loc="left", fontweight="bold")

    line_handles = [h for h in ax.get_lines() if h.get_gid() == "timeline-line"]
    handles: list[Any] = list(line_handles)
    labels = [h.get_label() for h in line_handles]
    fams = [f for f in _TIMELINE_LABELS if f in families]
    if fams:
        handles.append(Line2D([], [], ls="none"))
        labels.append("Marker = wording")
        for f in fams:
            style = dict(markersize=7, markeredgewidth=1.3) | _TIMELINE_MARKERS[f]
            handles.append(Line2D([], [], ls="none", color="0.35", **style))
            labels.append(_TIMELINE_LABELS[f])
    leg = ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                    frameon=False, fontsize=8.5, title="Line: median number per date",
                    title_fontsize=9, alignment="left")
    for t in leg.get_texts():
        if t.get_text() == "Marker = wording":
            t.set_fontweight("bold")
    return ax


