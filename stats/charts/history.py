"""claim_history: one claim's readings over time, coloured by source, with its best estimate.

It draws the rows of ``stats.standing.history`` (one per mention; the readings are drawn) and
the claim's row of the claims table (``best``, ``best_low``, ``best_high``, ``latest_date``,
``disputed``, ``trend``): each reading's value at its article's publication date with the
bounds its words give, the best estimate over the latest week, and, for a disputed claim, the
readings that disagree outlined.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ._frames import _extent, _parse_dates, _shorten, _text
from ._style import (
    _HANDLER_MAP, GRID_COLOR, QUALIFIER_FAMILY, TEXT_COLOR, _draw_interval_mark, _empty,
    _family_handles, _format_value_axis, _new_axes, _style, _wants_log, format_number,
)

#: Sources given a colour of their own (those with most readings); the rest are grey 'others'.
MAX_SOURCES = 6
WEEK_DAYS = 7               # the latest week: its last date and the days before, this many
SOURCE_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#bcbd22")     # no red: red marks a dispute
OTHERS_COLOR = "#a6a6a6"
DISPUTE_COLOR = "#c62828"
BEST_COLOR = "#37474f"

_TEXT_COLUMNS = ("claim", "article", "date", "outlet", "source", "attribution", "qualifier",
                 "surface")
_NUMBER_COLUMNS = ("value", "low", "high", "order", "start")


def claim_history(history: pd.DataFrame, claim: Mapping | pd.Series | pd.DataFrame | None = None,
                  *, ax: Axes | None = None, max_sources: int = MAX_SOURCES) -> Axes:
    """One claim's readings over time, from its rows of ``stats.standing.history``.

    ``claim``: the claim's row of the claims table (a Series, a mapping or a one-row frame);
    its ``claim`` id picks the rows of ``history``, its ``best``, ``best_low``, ``best_high``,
    ``latest_date``, ``disputed`` and ``trend`` are drawn, its category, subject, location and
    period make the title. Without it, ``history`` should hold one claim (else the first is
    drawn) and the best estimate is the median of the ``current`` readings.

    Each reading (``reading`` true) is a mark at its article's publication date, shaped by the
    bounds its words give (as in claims_compared: dot, bar with an open arrow, segment, band)
    and coloured by its outlet (by who is quoted, when one outlet gives them all); the
    ``max_sources`` with most readings have colours, the rest are grey. A thin line joins the
    median per date. The best estimate is a line, with a band best_low..best_high, over the
    latest week. A disputed claim says so in red above the plot, and the readings that
    disagree (two sources within a week, or two attributions in one article, whose bounds do
    not overlap) are ringed in red. A claim with no dated reading has its articles in reading
    order on the x axis; a dated claim's undated readings are left out and counted. Values are
    on a log axis when they span more than one order of magnitude.
    """
    info = _claim_info(claim)
    rows = _prepare(history)
    cid = info.get("claim") or (rows["claim"].iloc[0] if len(rows) else "")
    rows = rows[(rows["claim"] == cid) & rows["value"].notna()]
    if "reading" in rows.columns:
        rows = rows[rows["reading"]]
    label = info.get("label") or _shorten(cid, 60) or "a claim"
    title = f"History of {label}"
    if rows.empty:
        return _empty(ax, title, "No readings of this claim.")

    rows = rows.assign(day=_parse_dates(rows["date"])).reset_index(drop=True)
    disputed = info.get("disputed")
    # the readings that disagree, undated ones too (before those of a dated claim are left out)
    rows = rows.assign(_disputing=False)
    if disputed is not False:
        rows.loc[_disputing(rows, info.get("accruing", False)), "_disputing"] = True
    if disputed is None:
        disputed = bool(rows["_disputing"].any())
    dated = bool(rows["day"].notna().any())
    undated_left = int(rows["day"].isna().sum()) if dated else 0
    hidden_dispute = bool(disputed and dated and rows.loc[rows["day"].isna(), "_disputing"].any()
                          and not rows.loc[rows["day"].notna(), "_disputing"].any())
    if dated:
        rows = rows[rows["day"].notna()]
    rows = rows.sort_values(["day", "order", "start"] if dated else ["order", "start"],
                            kind="stable", na_position="last").reset_index(drop=True)
    xs, step, ticks = _positions(rows, dated)
    rows = rows.assign(x=xs)

    colour_by, keys = _colour_keys(rows)
    counts = pd.Series(keys).value_counts(sort=True)
    first_seen = {k: i for i, k in reversed(list(enumerate(keys)))}
    ranked = sorted(counts.index, key=lambda k: (-counts[k], first_seen[k]))
    named = ranked[:max_sources] if len(ranked) <= max_sources else ranked[:max_sources - 1]
    palette = {k: SOURCE_COLORS[i % len(SOURCE_COLORS)] for i, k in enumerate(named)}
    colours = [palette.get(k, OTHERS_COLOR) for k in keys]

    best, best_low, best_high, latest = _best(info, rows)
    extents = np.array([_extent(r) for _, r in rows.iterrows()], dtype=float)
    allv = np.concatenate([extents.ravel(), [v for v in (best, best_low, best_high)
                                             if v is not None and np.isfinite(v)]])
    allv = allv[np.isfinite(allv)]
    log = _wants_log(allv) and bool((allv > 0).all())
    fwd: Callable[[float], float] = (lambda v: math.log10(v)) if log else (lambda v: v)
    inv: Callable[[float], float] = (lambda t: 10 ** t) if log else (lambda t: t)
    t_lo, t_hi = fwd(allv.min()), fwd(allv.max())
    if not log:
        t_lo = min(0.0, t_lo)
    height = (t_hi - t_lo) or (1.0 if log else max(abs(t_hi), 1.0))
    arrow = 0.09 * height

    ax = _new_axes(ax, (10, 4.8))
    _style(ax)
    if log:
        ax.set_yscale("log")

    # the course: the median reading per date (per article without dates)
    course = rows.groupby("day" if dated else "order", sort=True).agg(
        x=("x", "mean"), v=("value", "median"))
    if len(course) > 1:
        ax.plot(course["x"], course["v"], "-", color="0.6", lw=1.2, zorder=1,
                gid="history-course")

    families: list[str] = []
    t_lo_f, t_hi_f = t_lo, t_hi
    for (_, r), colour, (left, anchor, right) in zip(rows.iterrows(), colours, extents):
        fam = r["family"]
        if fam not in families:
            families.append(fam)
        _draw_interval_mark(ax, fam, left, anchor, right, r["x"], fwd=fwd, inv=inv, arrow=arrow,
                            horizontal=False, color=colour, band=0.8 * step)
        if fam == "lower":
            t_hi_f = max(t_hi_f, fwd(anchor) + arrow)
        elif fam == "upper":
            t_lo_f = min(t_lo_f, fwd(anchor) - arrow)

    # the best estimate, over the latest week (the whole axis without dates)
    x_first, x_last = float(rows["x"].min()), float(rows["x"].max())
    pad_x = max((x_last - x_first) * 0.05, 2.0 if dated else 0.5)
    if best is not None:
        if dated and latest is not None:
            b0, b1 = mdates.date2num(latest - pd.Timedelta(days=WEEK_DAYS)), mdates.date2num(latest)
            b0, b1 = b0 - 0.6 * step, b1 + 0.6 * step
        else:
            b0, b1 = x_first - 0.5 * pad_x, x_last + 0.5 * pad_x
        if best_low is not None and best_high is not None and best_high > best_low:
            ax.add_patch(Rectangle((b0, best_low), b1 - b0, best_high - best_low,
                                   facecolor=BEST_COLOR, alpha=0.12, edgecolor="none", zorder=0,
                                   gid="best-band"))
        ax.plot([b0, b1], [best, best], "--", color=BEST_COLOR, lw=1.6, zorder=2, gid="best-line")
        ax.annotate(format_number(best), (b1, best), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=8.5, color=BEST_COLOR, fontweight="bold",
                    gid="best-label")
        x_first, x_last = min(x_first, b0), max(x_last, b1)

    outlined = np.flatnonzero(rows["_disputing"].to_numpy()).tolist()
    if disputed and outlined:
        sub = rows.loc[outlined]
        anchors = [a for _, a, _ in extents[outlined]]
        ax.plot(sub["x"], anchors, ls="none", marker="o",
                markersize=16, markerfacecolor="none", markeredgecolor=DISPUTE_COLOR,
                markeredgewidth=1.8, zorder=4, gid="dispute-outline")
        # who says the lowest and the highest of them
        ends = {int(np.argmin(anchors)), int(np.argmax(anchors))}
        for k, (x, y, who) in enumerate(zip(sub["x"], anchors, sub["attribution"])):
            if who and k in ends:
                ax.annotate(_shorten(who, 30), (x, y), xytext=(11, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=8, fontstyle="italic",
                            color=DISPUTE_COLOR, gid="dispute-who", zorder=5,
                            bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                      edgecolor="none", alpha=0.85))

    # axes
    ax.set_xlim(x_first - pad_x, x_last + pad_x)
    if dated:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlabel("Publication date")
    else:
        ax.set_xticks(list(ticks))
        ax.set_xticklabels(list(ticks.values()), rotation=30, ha="right", fontsize=8.5,
                           rotation_mode="anchor")
        ax.set_xlabel("Articles in reading order (no publication dates)")
    pad_t = 0.06 * height
    if log:
        ax.set_ylim(inv(t_lo_f - pad_t), inv(t_hi_f + pad_t))
    else:
        ax.set_ylim(min(0.0, t_lo_f - pad_t) if t_lo_f < 0 else 0.0, t_hi_f + pad_t)
    _format_value_axis(ax.yaxis, log=log, lo=ax.get_ylim()[0], hi=ax.get_ylim()[1])
    ax.grid(axis="y", which="major", color=GRID_COLOR, lw=0.8)
    unit = info.get("unit", "")
    ax.set_ylabel("Reported number" + (f" ({unit})" if unit else "") + (", log scale" if log else ""))

    # title, a line of what it says, and the dispute in red
    ax.set_title(title, loc="left", fontweight="bold", pad=20)
    n_sources = rows["source"].where(rows["source"] != "", rows["article"]).nunique()
    said = [f"{len(rows)} readings from {n_sources} source{'s' if n_sources != 1 else ''}"]
    if info.get("trend"):
        said.append(f"trend: {info['trend']}")
    if best is not None:
        bounds = (f" ({format_number(best_low)}–{format_number(best_high)})"
                  if best_low is not None and best_high is not None and best_high > best_low else "")
        said.append(f"best estimate {format_number(best)}{bounds}")
    if undated_left:
        said.append(f"{undated_left} undated not shown"
                    + (" (the readings that disagree are among them)" if hidden_dispute else ""))
    ax.text(0, 1.02, " · ".join(said), transform=ax.transAxes, ha="left", va="bottom",
            fontsize=9, color=TEXT_COLOR, gid="subtitle")
    if disputed:
        ax.set_title("DISPUTED", loc="right", fontweight="bold", color=DISPUTE_COLOR, pad=20)

    # legend: colours, then marks, then the estimate
    handles: list[Any] = []
    labels: list[str] = []
    for k in named:
        handles.append(Patch(facecolor=palette[k], edgecolor=palette[k]))
        labels.append(_shorten(k, 34))
    if len(ranked) > len(named):
        n_other = len(ranked) - len(named)
        handles.append(Patch(facecolor=OTHERS_COLOR, edgecolor=OTHERS_COLOR))
        labels.append(f"{n_other} others")
    fams = [f for f in ("exact", "approx", "lower", "upper", "range", "vague") if f in families]
    handles.append(Line2D([], [], ls="none"))
    labels.append("Marks: what the words say")
    handles += _family_handles(fams, color="0.35", vertical=True)
    labels += [_FAMILY_SHORT[f] for f in fams]
    if best is not None:
        handles.append(Line2D([], [], ls="--", color=BEST_COLOR, lw=1.6))
        labels.append("best estimate (latest week)" if dated else "best estimate")
    if disputed and outlined:
        handles.append(Line2D([], [], ls="none", marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor=DISPUTE_COLOR, markeredgewidth=1.8))
        labels.append("readings that disagree")
    leg = ax.legend(handles, labels, handler_map=_HANDLER_MAP, loc="upper left",
                    bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8.5,
                    title="Colour: " + ("who is quoted" if colour_by == "attribution" else "outlet"),
                    title_fontsize=9, alignment="left", handlelength=2.4, labelspacing=0.8)
    for t in leg.get_texts():
        if t.get_text() == "Marks: what the words say":
            t.set_fontweight("bold")
    return ax


_FAMILY_SHORT = {
    "exact": "exact number",
    "approx": "approximate (about)",
    "lower": "lower bound (at least)",
    "upper": "upper bound (nearly, up to)",
    "range": "range (between)",
    "vague": "vague (hundreds): band",
}


# --------------------------------------------------------------------------- inputs

def _prepare(history: pd.DataFrame | None) -> pd.DataFrame:
    """A clean copy of history rows: text as str, numbers as float, reading/current as bool."""
    if history is None or len(history) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _TEXT_COLUMNS}
                            | {c: pd.Series(dtype=float) for c in _NUMBER_COLUMNS}
                            | {"reading": pd.Series(dtype=bool), "family": pd.Series(dtype=object)})
    df = history.copy()
    for c in _TEXT_COLUMNS:
        df[c] = _text(df[c]) if c in df.columns else ""
    for c in _NUMBER_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce") if c in df.columns else np.nan
    if df["order"].isna().all():
        df["order"] = np.arange(len(df), dtype=float)
    for c in ("reading", "current"):
        if c in df.columns:
            df[c] = _truth(df[c])
    df["qualifier"] = df["qualifier"].str.lower()
    df["family"] = df["qualifier"].map(QUALIFIER_FAMILY).fillna("exact")
    return df.reset_index(drop=True)


def _truth(values: pd.Series) -> pd.Series:
    """Booleans from bools or their CSV text ('True', 'false', '1'); missing = False."""
    if values.dtype == bool:
        return values
    return values.astype(object).map(
        lambda v: v is True or (not isinstance(v, bool) and str(v).strip().lower() in ("true", "1", "1.0")))


def _claim_info(claim) -> dict:
    """What the chart uses of the claim's row: id, label, best estimate, dispute, trend, unit."""
    if claim is None:
        return {}
    if isinstance(claim, pd.DataFrame):
        if claim.empty:
            return {}
        claim = claim.iloc[0]
    row = dict(claim)

    def text(name: str) -> str:
        v = row.get(name)
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()

    def number(name: str) -> float | None:
        try:
            v = float(row.get(name))
        except (TypeError, ValueError):
            return None
        return v if np.isfinite(v) else None

    parts = [_shorten(text(f), w) for f, w in zip(("category", "subject", "location", "period"),
                                                   (18, 26, 22, 30)) if text(f)]
    info: dict[str, Any] = {"claim": text("claim"), "label": " · ".join(parts),
                            "trend": text("trend"), "unit": text("unit"),
                            "best": number("best"), "best_low": number("best_low"),
                            "best_high": number("best_high")}
    latest = _parse_dates(pd.Series([text("latest_date") or text("last_date")]))[0]
    info["latest"] = None if pd.isna(latest) else latest
    if "disputed" in row:
        d = _truth(pd.Series([row["disputed"]], dtype=object)).iloc[0]
        info["disputed"] = bool(d)
    category = text("category")
    if category:
        try:
            from ..claim_keys import _accruing

            info["accruing"] = category in _accruing()
        except (ImportError, KeyError, OSError):
            pass
    return info


def _best(info: dict, rows: pd.DataFrame) -> tuple:
    """(best, best_low, best_high, latest date): the claim row's, else from the current
    readings (all readings when none is marked current)."""
    latest = info.get("latest")
    if latest is None and rows["day"].notna().any():
        latest = rows["day"].max()
    if info.get("best") is not None:
        return info["best"], info.get("best_low"), info.get("best_high"), latest
    cur = rows[rows["current"]] if "current" in rows.columns and rows["current"].any() else rows
    if cur.empty:
        return None, None, None, latest
    low = cur["low"].where(cur["low"].notna(), cur["value"])
    high = cur["high"].where(cur["high"].notna(), cur["value"])
    return float(cur["value"].median()), float(low.min()), float(high.max()), latest


def _positions(rows: pd.DataFrame, dated: bool) -> tuple[list[float], float, dict]:
    """x of each reading, the spacing of readings sharing a date or article, and (undated) the
    tick labels: readings at the same place are set side by side."""
    if dated:
        base = mdates.date2num(pd.DatetimeIndex(rows["day"]).to_pydatetime())
        span = float(base.max() - base.min())
        step = max(span * 0.012, 0.3)
        ticks: dict = {}
    else:
        order = list(dict.fromkeys(rows["order"].tolist()))
        place = {o: i for i, o in enumerate(order)}
        base = np.array([place[o] for o in rows["order"]], dtype=float)
        step = 0.16
        first = rows.drop_duplicates("order")
        ticks = {place[o]: _shorten(out or art, 22)
                 for o, out, art in zip(first["order"], first["outlet"], first["article"])}
    xs = base.astype(float).copy()
    for x in np.unique(base):
        at = np.flatnonzero(base == x)
        if len(at) > 1:
            xs[at] = x + (np.arange(len(at)) - (len(at) - 1) / 2) * step
    return xs.tolist(), step, ticks


def _colour_keys(rows: pd.DataFrame) -> tuple[str, list[str]]:
    """('outlet' or 'attribution', the key of each row): the outlet (the source id, else the
    article id, where it has none), or who is quoted when one outlet gives every reading."""
    outlets = [o or (s or a) for o, s, a in zip(rows["outlet"], rows["source"], rows["article"])]
    attributions = [a or "not attributed" for a in rows["attribution"]]
    if len(set(outlets)) == 1 and len(set(attributions)) > 1:
        return "attribution", attributions
    return "outlet", outlets


def _disputing(rows: pd.DataFrame, accruing: bool) -> list[int]:
    """Rows of the readings that disagree, by ``stats.standing``'s rule (default options):
    two attributions in one article, or two sources' latest readings dated within a week of
    each other (of a running total: a later, lower one), whose words' ranges are apart."""
    from ..claim_keys import DEFAULT_OPTIONS, value_interval
    from ..standing import attribution_key

    tol = DEFAULT_OPTIONS.value_tolerance
    spans = [value_interval(v, None if pd.isna(lo) else lo, None if pd.isna(hi) else hi, q)
             or (v, v) for v, lo, hi, q in zip(rows["value"], rows["low"], rows["high"],
                                                rows["qualifier"])]

    def apart(i: int, j: int) -> bool:
        (alo, ahi), (blo, bhi) = spans[i], spans[j]
        return ahi * tol < blo or bhi * tol < alo

    out: set[int] = set()
    keys = [attribution_key(a) for a in rows["attribution"]]
    for _, at in rows.groupby("article", sort=False).indices.items():
        said = [i for i in at if keys[i]]
        for n, i in enumerate(said):
            for j in said[n + 1:]:
                if keys[i] != keys[j] and apart(i, j):
                    out.update((i, j))
    source = [s or a for s, a in zip(rows["source"], rows["article"])]
    day, order, value = rows["day"].tolist(), rows["order"].tolist(), rows["value"].tolist()
    latest: dict[str, tuple] = {}
    for i, s in enumerate(source):
        rank = (not pd.isna(day[i]), day[i] if not pd.isna(day[i]) else pd.Timestamp(0), order[i])
        latest[s] = max(latest.get(s, rank), rank)
    last = [i for i, s in enumerate(source) if not pd.isna(day[i])
            and (True, day[i], order[i]) == latest[s]]
    last.sort(key=lambda i: day[i])
    for n, i in enumerate(last):
        for j in last[n + 1:]:
            if (day[j] - day[i]).days > WEEK_DAYS:
                break
            if source[i] == source[j] or not apart(i, j):
                continue
            if not accruing or (day[j] > day[i] and value[j] < value[i]):
                out.update((i, j))
    return sorted(out)
