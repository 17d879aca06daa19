"""Charts of the figures table: PNG-ready matplotlib Axes.

Every plotting function takes the data first and everything else keyword-only, draws on the
``ax`` it is given (or on a new :class:`matplotlib.figure.Figure` when ``ax`` is None), and
returns that Axes. Empty data gives an empty Axes with its title, never an exception. Nothing
here touches pyplot's global state: figures are built with ``Figure`` directly, so the module
works under any backend, in threads and in worker processes, and never calls ``plt.show()``.

The frames are the contract's (``figures``, ``articles``, ``claims``), either straight from the
Python API (empty strings, ``None``) or read back with ``pd.read_csv`` (NaN): both are accepted.

claims_compared -- one group of rows per claim reported by several articles: each article's
                   number drawn with the bounds its words imply.
timeline        -- reported numbers against publication date, one line per claim or per
                   category and place.
overview        -- how many figures of each category each article holds (heatmap).
draw_all        -- the three charts written as PNG files (atomically).
"""
from __future__ import annotations

import gc
import logging
import math
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

__all__ = ["claims_compared", "timeline", "overview", "draw_all", "format_number"]

logger = logging.getLogger(__name__)

#: Category order of the figures table contract; unknown categories follow, sorted.
CATEGORY_ORDER = (
    "killed", "injured", "displaced", "refugees", "returned", "deported", "missing",
    "detained", "affected", "population", "protesters", "attacks", "damage", "military", "aid",
    "other",
)

#: How each qualifier is drawn: its words give a point, a one-sided bound, a range or a band.
QUALIFIER_FAMILY = {
    "exact": "exact",
    "approx": "approx",
    "at_least": "lower",
    "more_than": "lower",
    "nearly": "upper",
    "at_most": "upper",
    "less_than": "upper",
    "range": "range",
    "vague": "vague",
}

#: Legend text per family, in legend order.
FAMILY_LABELS = {
    "exact": "exact number (612)",
    "approx": "approximate (about, some)",
    "lower": "lower bound (at least, more than)",
    "upper": "upper bound (nearly, up to, fewer than)",
    "range": "range (between 200 and 300)",
    "vague": "vague amount: band = implied range (hundreds)",
}

MARK_COLOR = "#1f4e79"
TEXT_COLOR = "#404040"
GRID_COLOR = "#d9d9d9"
BAND_COLOR = "#f2f2f2"
DPI = 150
_CHAR_PT = 5.0     # mean width of a character of the 8 pt italic label, in points
_TEXT_GAP_PT = 6   # gap between a mark and its words, in points

#: Timeline draws at most this many lines (the groups with most mentions), so colours stay
#: distinguishable.
MAX_LINES = 10          # timeline: claims drawn
MAX_CLAIMS = 12         # claims_compared: claims drawn, of those MIN_ARTICLES articles report
MIN_ARTICLES = 2
MAX_ARTICLES = 30       # overview: articles drawn
MAX_ROWS = 8            # claims_compared: mentions shown of each claim
# the columns of the figures, articles and claims tables the charts read
FIGURE_FIELDS = ("article", "start", "surface", "value", "low", "high", "qualifier", "unit",
                 "category", "subject", "location", "period", "claim")
ARTICLE_FIELDS = ("id", "date", "outlet", "figures")
CLAIM_FIELDS = ("claim", "category", "subject", "location", "period", "articles", "low", "high",
                "first_date", "last_date", "mentions", "unit")

CHART_FILES = ("claims_compared.png", "timeline.png", "overview.png")


# --------------------------------------------------------------------------- numbers

def format_number(x: float, _pos: Any = None) -> str:
    """Tick and label text for a count: ``500,000``, ``1M``, ``3.6M``, ``2B``, ``0.5``."""
    if x is None or not np.isfinite(x):
        return ""
    ax_ = abs(x)
    if ax_ >= 1e9:
        return f"{x / 1e9:.3g}B"
    if ax_ >= 1e6:
        return f"{x / 1e6:.3g}M"
    if ax_ >= 1 or x == 0:
        return f"{x:,.0f}" if float(x).is_integer() or ax_ >= 100 else f"{x:,.1f}"
    return f"{x:g}"


def _wants_log(values: np.ndarray) -> bool:
    """True when the positive values span more than one order of magnitude."""
    v = values[np.isfinite(values) & (values > 0)]
    return v.size > 0 and v.max() / v.min() > 10 and v.min() > 0


def _format_value_axis(axis, *, log: bool, lo: float, hi: float) -> None:
    """Thousands-separated ticks; on a log axis 1-2-5 ticks when the span is short."""
    if log:
        decades = math.log10(hi / lo) if lo > 0 else 1
        subs = (1.0, 2.0, 5.0) if decades <= 3.2 else (1.0,)
        axis.set_major_locator(LogLocator(base=10, subs=subs))
        axis.set_minor_locator(LogLocator(base=10, subs=np.arange(2, 10) * 1.0))
        axis.set_minor_formatter(NullFormatter())
    else:
        axis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(format_number))


# --------------------------------------------------------------------------- frames

def _text(series: pd.Series) -> pd.Series:
    """Strings with missing values ('' / None / NaN) as ''."""
    s = series.astype(object)
    return s.where(s.notna(), "").astype(str).str.strip().replace({"nan": "", "None": ""})


def _prepare_figures(figures: pd.DataFrame | None) -> pd.DataFrame:
    """A clean copy: text columns as str ('' when missing), numbers as float."""
    cols_text = ("article", "surface", "qualifier", "unit", "category", "subject", "location",
                 "period", "attribution", "sentence", "claim")
    cols_num = ("value", "low", "high", "start")
    if figures is None or len(figures) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols_text}
                            | {c: pd.Series(dtype=float) for c in cols_num})
    df = figures.copy()
    for c in cols_text:
        df[c] = _text(df[c]) if c in df.columns else ""
    for c in cols_num:
        df[c] = pd.to_numeric(df[c], errors="coerce") if c in df.columns else np.nan
    df["qualifier"] = df["qualifier"].str.lower()
    df["family"] = df["qualifier"].map(QUALIFIER_FAMILY).fillna("exact")
    return df.reset_index(drop=True)


def _parse_dates(values: pd.Series) -> list[pd.Timestamp]:
    """The date part of each ISO date or date-time string; NaT where there is none."""
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip().str[:10]
    return list(pd.to_datetime(text, format="%Y-%m-%d", errors="coerce"))


def _short_date(d: pd.Timestamp) -> str:
    return "" if pd.isna(d) else f"{d.day} {d.strftime('%b %Y')}"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class _ArticleInfo:
    """Per article id: a readable unique label ('Reuters · 5 Mar 2020') and the date."""

    def __init__(self, articles: pd.DataFrame | None, ids: list[str], *, only: bool = False):
        """``only``: know just the articles ``ids`` (labels are then unique among them)."""
        meta: dict[str, tuple[str, pd.Timestamp]] = {}
        if articles is not None and len(articles) and "id" in articles.columns:
            a = articles[articles["id"].astype(str).isin(ids)] if only else articles
            a_ids = _text(a["id"])
            outlets = _text(a["outlet"]) if "outlet" in a.columns else pd.Series("", index=a.index)
            dates = a["date"] if "date" in a.columns else pd.Series(None, index=a.index)
            for i, o, d in zip(a_ids, outlets, _parse_dates(dates)):
                meta[i] = (o, d)
        self.order: list[str] = list(meta) + [i for i in ids if i not in meta]
        self.date: dict[str, pd.Timestamp] = {}
        labels: dict[str, str] = {}
        for i in self.order:
            outlet, date = meta.get(i, ("", pd.NaT))
            self.date[i] = date
            head = _shorten(outlet, 28) if outlet else _shorten(i, 28)
            labels[i] = f"{head} · {_short_date(date)}" if not pd.isna(date) else head
        # two articles must not share a label: add the id where they would
        seen: dict[str, int] = {}
        for lab in labels.values():
            seen[lab] = seen.get(lab, 0) + 1
        self.label = {i: (f"{lab} ({_shorten(i, 16)})" if seen[lab] > 1 and lab != i else lab)
                      for i, lab in labels.items()}

    def sort_key(self, article_id: str) -> tuple:
        d = self.date.get(article_id, pd.NaT)
        return (pd.isna(d), d if not pd.isna(d) else pd.Timestamp(0), article_id)


def _mode(values: pd.Series) -> str:
    v = values[values != ""]
    return v.value_counts().index[0] if len(v) else ""


def _claim_labels(figs: pd.DataFrame, claims: pd.DataFrame | None) -> dict[str, str]:
    """claim id -> 'category · subject · location · period', from the claims table or, for
    claims it lacks, each field's commonest value among the claim's figures."""
    fields = ("category", "subject", "location", "period")
    ids = list(dict.fromkeys(figs["claim"]))
    parts: dict[str, dict[str, str]] = {c: {} for c in ids}
    if claims is not None and len(claims) and "claim" in claims.columns:
        table = claims[claims["claim"].astype(str).isin(ids)]      # the claims asked about
        table = table.assign(claim=_text(table["claim"])).drop_duplicates("claim").set_index("claim")
        columns = {f: (_text(table[f]).to_dict() if f in table.columns else {}) for f in fields}
        known = set(table.index)
        for c in ids:
            if c in known:
                parts[c] = {f: columns[f].get(c, "") for f in fields}
    missing = [c for c in ids if not parts[c]]
    if missing:
        sub = figs[figs["claim"].isin(missing)]
        for f in fields:
            vals = sub.loc[sub[f] != "", ["claim", f]]
            # the commonest value per claim; ties go to the value seen first
            counts = vals.groupby(["claim", f], sort=False).size().reset_index(name="n")
            counts = counts.sort_values("n", ascending=False, kind="stable").drop_duplicates("claim")
            for c, v in zip(counts["claim"], counts[f]):
                parts[c][f] = v
    labels = {}
    for c in ids:
        # shorten each part, not the whole, so the place and period are never cut off
        ps = [_shorten(parts[c].get(f, ""), w) for f, w in zip(fields, (18, 26, 22, 22)) if parts[c].get(f, "")]
        labels[c] = " · ".join(ps) if ps else _shorten(c, 40)
    return labels


def _units_label(units: pd.Series) -> str:
    u = sorted(set(units[units != ""]))
    return f" ({', '.join(u)})" if u else ""


# --------------------------------------------------------------------------- axes helpers

def _new_axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    fig = Figure(figsize=size)
    return fig.add_subplot()


def _empty(ax: Axes | None, title: str, message: str) -> Axes:
    ax = _new_axes(ax, (8, 3))
    ax.set_title(title, loc="left", fontweight="bold")
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color=TEXT_COLOR, gid="empty-message")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)


class _Bound:
    """Legend proxy for a one-sided bound: a bar and an open arrow in ``direction``."""

    def __init__(self, direction: int, color: str = MARK_COLOR):
        self.direction = direction
        self.color = color


class _BoundHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height,
                       fontsize, trans):
        y = height / 2 - ydescent
        x0, x1 = -xdescent, -xdescent + width
        if orig_handle.direction < 0:
            x0, x1 = x1, x0
        bar = Line2D([x0], [y], marker="|", markersize=fontsize, markeredgewidth=2,
                     color=orig_handle.color, transform=trans)
        arrow = FancyArrowPatch((x0, y), (x1, y), arrowstyle="->", mutation_scale=fontsize,
                                color=orig_handle.color, lw=1.5, transform=trans)
        return [arrow, bar]


def _family_handles(families: list[str], color: str = MARK_COLOR) -> list[Any]:
    handles: list[Any] = []
    for fam in FAMILY_LABELS:
        if fam not in families:
            continue
        if fam == "exact":
            handles.append(Line2D([], [], marker="o", ls="none", color=color, markersize=7))
        elif fam == "approx":
            handles.append(Line2D([], [], marker="o", ls="none", color=color, markersize=7,
                                  markerfacecolor="white", markeredgewidth=1.5))
        elif fam == "lower":
            handles.append(_Bound(+1, color))
        elif fam == "upper":
            handles.append(_Bound(-1, color))
        elif fam == "range":
            handles.append(Line2D([], [], marker="|", color=color, lw=2, markersize=9,
                                  markeredgewidth=2))
        else:
            handles.append(Patch(facecolor=color, alpha=0.3, edgecolor=color))
    return handles


_HANDLER_MAP = {_Bound: _BoundHandler()}


# --------------------------------------------------------------------------- claims_compared

def _extent(row: pd.Series) -> tuple[float, float, float]:
    """(left, anchor, right) of a mention's mark, before any arrow is added."""
    v, lo, hi = row["value"], row["low"], row["high"]
    fam = row["family"]
    if fam == "lower":
        a = lo if np.isfinite(lo) else v
        return a, a, a
    if fam == "upper":
        a = hi if np.isfinite(hi) else v
        return a, a, a
    if fam in ("range", "vague"):
        left = lo if np.isfinite(lo) else v
        right = hi if np.isfinite(hi) else v
        return min(left, right), v, max(left, right)
    return v, v, v


# --------------------------------------------------------------------------- what is drawn

def needed(claims: pd.DataFrame | None, articles: pd.DataFrame | None, *,
           min_articles: int = MIN_ARTICLES, max_claims: int = MAX_CLAIMS,
           max_articles: int = MAX_ARTICLES) -> tuple[set[str], set[str]]:
    """The claim ids and article ids whose figures the charts draw, chosen from the claims
    and articles tables alone: a caller that streams the figures (``track_to``) keeps only
    those rows, and the charts drawn from them are the charts of the whole table."""
    compared = _compared_claims(claims, min_articles, max_claims)
    return (set(compared[0] if compared else ()) | set(_timeline_claims(claims) or ()),
            set(_overview_articles(articles, max_articles) or ()))


def _cells(table: pd.DataFrame, column: str) -> list[str]:
    """A text column as a list of str, '' where missing, without copying the table."""
    return ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
            for v in table[column].tolist()]


def _numbers(table: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)


def _compared_claims(claims, min_articles: int, max_claims: int) -> tuple[list[str], int] | None:
    """claims_compared's claims: those at least ``min_articles`` articles report, the most
    widely reported first, then the widest spread, then by label; the first ``max_claims``,
    and how many there were. None without a claims table."""
    if claims is None or not {"claim", "articles", "low", "high"} <= set(claims.columns):
        return None
    n, low, high = (np.nan_to_num(_numbers(claims, c)) for c in ("articles", "low", "high"))
    spread = np.divide(high, low, out=np.zeros(len(low)), where=low > 0)
    rows = np.flatnonzero(n >= min_articles)
    if not len(rows):
        return [], 0
    # labels only break ties: make them for the claims that can still be among the first
    by_key = rows[np.lexsort((-spread[rows], -n[rows]))]
    last = by_key[min(max_claims, len(by_key)) - 1]
    near = rows[(n[rows] > n[last]) | ((n[rows] == n[last]) & (spread[rows] >= spread[last]))]
    table = claims.iloc[near]
    ids = _cells(table, "claim")
    labels = _claim_labels(table.assign(claim=ids, value=0.0), table.assign(claim=ids))
    order = sorted(zip(ids, -n[near], -spread[near]), key=lambda t: (t[1], t[2], labels[t[0]]))
    return [c for c, *_ in order[:max_claims]], len(rows)


def _timeline_claims(claims) -> list[str] | None:
    """timeline's claims: those reported on two or more dates (else all dated ones), in their
    commonest unit (counted by mentions), the ``MAX_LINES`` with most mentions. None without
    a claims table that has the columns to say."""
    if claims is None or not {"claim", "first_date", "last_date", "mentions", "unit"} <= set(claims.columns):
        return None
    first, last, units, ids = (_cells(claims, c) for c in ("first_date", "last_date", "unit", "claim"))
    mentions = np.nan_to_num(_numbers(claims, "mentions"))
    rows = [i for i, d in enumerate(first) if d and d != last[i]] or [i for i, d in enumerate(first) if d]
    if not rows:
        return []
    weight: dict[str, float] = {}
    for i in rows:
        weight[units[i]] = weight.get(units[i], 0) + mentions[i]
    main = max(weight, key=weight.get)      # ties: the unit seen first
    rows = sorted((i for i in rows if units[i] == main), key=lambda i: -mentions[i])
    return [ids[i] for i in rows[:MAX_LINES]]


def _overview_articles(articles, max_articles: int) -> list[str] | None:
    """overview's articles: all, or the ``max_articles`` with most figures (ties: the first
    in the table). None without an articles table that counts figures."""
    if articles is None or not {"id", "figures"} <= set(articles.columns):
        return None
    ids = _cells(articles, "id")
    if len(ids) <= max_articles:
        return ids
    counts = np.nan_to_num(_numbers(articles, "figures"))
    return [ids[i] for i in np.argsort(-counts, kind="stable")[:max_articles]]


def _claim_counts(claims) -> dict[str, tuple[int, int, str]] | None:
    """claim -> (articles, mentions, unit) from the claims table, if it has them."""
    if claims is None or not {"claim", "articles", "mentions", "unit"} <= set(claims.columns):
        return None
    return dict(zip(_cells(claims, "claim"), zip(
        np.nan_to_num(_numbers(claims, "articles")).astype(int).tolist(),
        np.nan_to_num(_numbers(claims, "mentions")).astype(int).tolist(), _cells(claims, "unit"))))


def _shown(g: pd.DataFrame, info: "_ArticleInfo", max_rows: int) -> pd.DataFrame:
    """The mentions of one claim claims_compared shows, oldest first: all of them, or the
    lowest, the highest and an even spread over time between."""
    g = g.assign(_k=[info.sort_key(a) for a in g["article"]])
    g = g.sort_values(["_k", "start"], kind="stable")
    if len(g) > max_rows:
        lo, hi = g["value"].idxmin(), g["value"].idxmax()
        step = np.linspace(0, len(g) - 1, max_rows).round().astype(int)
        keep = set(list(dict.fromkeys([lo, hi, *g.index[step]]))[:max_rows])
        g = g.loc[[i for i in g.index if i in keep]]
    return g.drop(columns="_k")


def claims_compared(figures: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                    claims: pd.DataFrame | None = None, min_articles: int = MIN_ARTICLES,
                    max_claims: int = MAX_CLAIMS, max_rows: int = MAX_ROWS, reported: int | None = None,
                    ax: Axes | None = None) -> Axes:
    """Compare how articles reported the same claim.

    One block of rows per claim that at least ``min_articles`` distinct articles report; the
    block's bold label is ``category · subject · location · period``, and each row below it is
    one mention, labelled by outlet (or article id) and date, oldest first. Each number is drawn
    with the bounds its words imply: exact = filled dot, approx = open dot, at least / more
    than = bar with an open arrow to the right, nearly / at most / less than = bar with an arrow
    to the left, range = a segment low..high, vague = a band low..high. The surface words stand
    next to the mark. The value axis is logarithmic when the numbers span more than one order of
    magnitude. ``claims`` (the claims table) supplies the block labels when given. At most
    ``max_claims`` claims are drawn, the most widely reported first, and at most ``max_rows``
    mentions of each (the lowest, the highest and a spread over time); the labels say so.
    ``reported``: how many claims ``min_articles`` articles report, when ``claims`` holds only
    those to draw (else counted in ``claims``).
    """
    title = "How articles reported the same figures"
    figs = _prepare_figures(figures)
    figs = figs[(figs["claim"] != "") & figs["value"].notna()]
    table_order = _compared_claims(claims, min_articles, max_claims)
    if table_order is not None:     # chosen from the table: the same whatever rows figures holds
        order, counted_here = table_order
        reported = counted_here if reported is None else reported
        figs = figs[figs["claim"].isin(order)]
        if reported > max_claims:
            title += f" (the {max_claims} most reported of {reported} claims)"
    elif len(figs):
        n_articles = figs.groupby("claim")["article"].nunique()
        figs = figs[figs["claim"].isin(n_articles[n_articles >= min_articles].index)]
    if figs.empty:
        return _empty(ax, title, f"No figure is reported by {min_articles} or more articles.")

    info = _ArticleInfo(articles, list(dict.fromkeys(figs["article"])), only=True)
    labels = _claim_labels(figs, claims)
    counted = _claim_counts(claims)     # articles, mentions and unit per claim, from the table
    units = figs["unit"]
    mixed_units = len(set(units[units != ""])) > 1 if counted is None else \
        len({counted[c][2] for c in set(figs["claim"]) if c in counted} - {""}) > 1

    if table_order is not None:
        present = set(figs["claim"])
        order = [c for c in order if c in present]
    else:
        # claims most widely reported first, then by widest disagreement, then by label
        stats_ = figs.groupby("claim", sort=False).agg(n=("article", "nunique"), lo=("value", "min"),
                                                       hi=("value", "max"))
        spread = (stats_["hi"] / stats_["lo"]).where(stats_["lo"] > 0, 0)
        order = sorted(stats_.index, key=lambda c: (-stats_.at[c, "n"], -spread[c], labels[c]))
        if len(order) > max_claims:
            title += f" (the {max_claims} most reported of {len(order)} claims)"
            order = order[:max_claims]
    chosen = figs[figs["claim"].isin(order)]
    by_claim = dict(tuple(chosen.groupby("claim", sort=False)))
    groups = [(c, by_claim[c]) for c in order]

    # rows: a header row per claim, then one per mention
    rows: list[tuple[str, Any]] = []
    for claim, g in groups:
        n, n_mentions, unit = (counted[claim] if counted is not None and claim in counted
                               else (g["article"].nunique(), len(g), _mode(g["unit"])))
        head = labels[claim]
        if mixed_units and unit:
            head += f" [{unit}]"
        g = _shown(g, info, max_rows)
        shown = f"; {len(g)} of {n_mentions} mentions shown" if n_mentions > len(g) else ""
        rows.append(("head", (claim, f"{head}  ({n} articles{shown})")))
        for _, r in g.iterrows():
            rows.append(("mention", r))
    # article labels unique among the articles drawn (whatever other rows were passed)
    info = _ArticleInfo(articles, list(dict.fromkeys(r["article"] for kind, r in rows
                                                      if kind == "mention")), only=True)

    # value limits: marks, then room for the arrows of one-sided bounds
    extents = np.array([_extent(r) for kind, r in rows if kind == "mention"], dtype=float)
    allv = extents[np.isfinite(extents)].ravel()
    log = _wants_log(allv) and (allv > 0).all()
    fwd: Callable[[float], float] = (lambda x: math.log10(x)) if log else (lambda x: x)
    inv: Callable[[float], float] = (lambda t: 10 ** t) if log else (lambda t: t)
    t_lo, t_hi = fwd(allv.min()), fwd(allv.max())
    if not log:
        t_lo = min(0.0, t_lo)
    width = (t_hi - t_lo) or (1.0 if log else max(abs(t_hi), 1.0))
    arrow = 0.09 * width
    t_lo_f, t_hi_f = t_lo, t_hi
    for kind, r in rows:
        if kind != "mention":
            continue
        left, anchor, right = _extent(r)
        if r["family"] == "lower":
            t_hi_f = max(t_hi_f, fwd(anchor) + arrow)
        elif r["family"] == "upper":
            t_lo_f = min(t_lo_f, fwd(anchor) - arrow)
    pad = 0.04 * width
    t0 = t_lo_f - pad if (log or t_lo_f < 0) else 0.0
    t1 = t_hi_f + pad

    height = 1.3 + 0.3 * len(rows)
    ax = _new_axes(ax, (10, max(2.6, height)))
    _style(ax)
    if log:
        ax.set_xscale("log")

    # the article's words stand beside each mark, on the side with room for them; where
    # neither side has room, the value axis is widened on the right
    axes_pt = max(ax.get_position().width * ax.figure.get_figwidth() * 72, 50.0)
    words: dict[int, tuple[str, float, float, float]] = {}
    for i, (kind, r) in enumerate(rows):
        if kind != "mention":
            continue
        left, _, right = _extent(r)
        text = f"“{_shorten(r['surface'] or format_number(r['value']), 34)}”"
        t_left = fwd(left) - (arrow if r["family"] == "upper" else 0)
        t_right = fwd(right) + (arrow if r["family"] == "lower" else 0)
        frac = min((len(text) * _CHAR_PT + _TEXT_GAP_PT + 4) / axes_pt, 0.8)
        words[i] = (text, t_left, t_right, frac)
    for _ in range(3):
        grown = False
        for text, t_left, t_right, frac in words.values():
            fits_left = (t_left - t0) / (t1 - t0) >= frac - 1e-9
            fits_right = (t1 - t_right) / (t1 - t0) >= frac - 1e-9
            if not (fits_left or fits_right):
                t1 = (t_right - frac * t0) / (1 - frac)
                grown = True
        if not grown:
            break
    xmin, xmax = inv(t0), inv(t1)
    ax.set_xlim(xmin, xmax)

    tick_pos, tick_text, tick_head = [], [], []
    families: set[str] = set()
    y = 0.0
    band_start = None
    block = 0
    for i, (kind, r) in enumerate(rows):
        if kind == "head":
            if band_start is not None:
                if block % 2 == 1:
                    ax.axhspan(band_start - 0.5, y - 0.5, color=BAND_COLOR, zorder=0,
                               gid="claim-band")
                block += 1
                y += 0.4  # air between blocks
            band_start = y
            tick_pos.append(y)
            tick_text.append(r[1])
            tick_head.append(True)
            y += 1
            continue
        families.add(r["family"])
        left, anchor, right = _extent(r)
        _draw_interval_mark(ax, r["family"], left, anchor, right, y, fwd=fwd, inv=inv,
                            arrow=arrow, horizontal=True)
        text, t_left, t_right, frac = words[i]
        if (t1 - t_right) / (t1 - t0) >= frac - 1e-9 or (t_left - t0) / (t1 - t0) < frac:
            ax.annotate(text, (inv(t_right), y), xytext=(_TEXT_GAP_PT, 0),
                        textcoords="offset points", ha="left", va="center", fontsize=8,
                        color=TEXT_COLOR, fontstyle="italic", gid="surface")
        else:
            ax.annotate(text, (inv(t_left), y), xytext=(-_TEXT_GAP_PT, 0),
                        textcoords="offset points", ha="right", va="center", fontsize=8,
                        color=TEXT_COLOR, fontstyle="italic", gid="surface")
        tick_pos.append(y)
        tick_text.append(info.label.get(r["article"], r["article"]))
        tick_head.append(False)
        y += 1
    if band_start is not None and block % 2 == 1:
        ax.axhspan(band_start - 0.5, y - 0.5, color=BAND_COLOR, zorder=0, gid="claim-band")

    ax.set_ylim(y - 0.5, -0.6)  # first claim on top
    ax.set_yticks(tick_pos)
    ax.set_yticklabels(tick_text)
    for lab, head in zip(ax.get_yticklabels(), tick_head):
        if head:
            lab.set_fontweight("bold")
            lab.set_fontsize(9.5)
        else:
            lab.set_fontsize(9)
            lab.set_color(TEXT_COLOR)
    ax.tick_params(axis="y", length=0)
    _format_value_axis(ax.xaxis, log=log, lo=xmin, hi=xmax)
    ax.grid(axis="x", which="major", color=GRID_COLOR, lw=0.8)
    ax.spines["left"].set_visible(False)

    unit = "" if mixed_units else _units_label(units)
    scale = ", log scale" if log else ""
    ax.set_xlabel(f"Reported number{unit}{scale}")
    ax.set_title(title, loc="left", fontweight="bold")
    fams = [f for f in FAMILY_LABELS if f in families]
    ax.legend(_family_handles(fams), [FAMILY_LABELS[f] for f in fams],
              handler_map=_HANDLER_MAP, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize=8.5, title="Marks: what the words say",
              title_fontsize=9, alignment="left", handlelength=2.6)
    return ax


def _draw_interval_mark(ax: Axes, family: str, left: float, anchor: float, right: float,
                        pos: float, *, fwd, inv, arrow: float, horizontal: bool,
                        color: str = MARK_COLOR, size: float = 7) -> None:
    """One mention's mark at ``pos`` on the category axis, values on the other axis.

    Artists carry ``gid`` = the qualifier family, so tests and callers can find them.
    """
    def xy(vals, p):
        return (vals, [p] * len(vals)) if horizontal else ([p] * len(vals), vals)

    if family in ("exact", "approx"):
        face = color if family == "exact" else "white"
        ax.plot(*xy([anchor], pos), marker="o", ls="none", color=color, markersize=size,
                markerfacecolor=face, markeredgewidth=1.5, zorder=3, gid=family)
    elif family in ("lower", "upper"):
        end = inv(fwd(anchor) + (arrow if family == "lower" else -arrow))
        bar = "|" if horizontal else "_"
        ax.plot(*xy([anchor], pos), marker=bar, ls="none", color=color,
                markersize=size + 5, markeredgewidth=2, zorder=3, gid=family)
        p0, p1 = (anchor, pos), (end, pos)
        if not horizontal:
            p0, p1 = (pos, anchor), (pos, end)
        ax.add_patch(FancyArrowPatch(p0, p1, arrowstyle="->", mutation_scale=12, lw=1.5,
                                     color=color, shrinkA=0, shrinkB=0, zorder=3,
                                     gid=f"{family}-arrow"))
    elif family == "range":
        ax.plot(*xy([left, right], pos), marker="|", color=color, lw=2,
                markersize=size + 3, markeredgewidth=2, zorder=3, gid=family)
    else:  # vague: a band over the implied range
        h = 0.5
        if horizontal:
            rect = Rectangle((left, pos - h / 2), right - left, h)
        else:
            rect = Rectangle((pos - h / 2, left), h, right - left)
        rect.set(facecolor=color, alpha=0.3, edgecolor=color, linewidth=1, zorder=2, gid=family)
        ax.add_patch(rect)


# --------------------------------------------------------------------------- timeline

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


# --------------------------------------------------------------------------- overview

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


# --------------------------------------------------------------------------- files

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
