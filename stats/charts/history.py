"""claim_history: one claim's readings over time, coloured by source, with its best estimate.

It draws the rows of ``stats.standing.history`` (one per mention; the readings are drawn) and
the claim's row of the claims table (``best``, ``best_low``, ``best_high``, ``latest_date``,
``disputed``, ``trend``): each reading's value at its article's publication date with the
bounds its words give, the best estimate over the latest week, and, for a disputed claim, the
readings that disagree outlined.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..claim_keys import _text as _cell
from ..standing import WEEK_DAYS, disputing
from ._frames import _extent, _parse_dates, _shorten, _text
from ._style import (
    _HANDLER_MAP, GRID_COLOR, QUALIFIER_FAMILY, TEXT_COLOR, _draw_interval_mark, _empty,
    _family_handles, _format_value_axis, _new_axes, _style, _value_scale,
    format_number,
)

#: Sources given a colour of their own (those with most readings); the rest are grey 'others'.
MAX_SOURCES = 6
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
    title = f"History of {info.get('label') or _shorten(cid, 60) or 'a claim'}"
    if rows.empty:
        return _empty(ax, title, "No readings of this claim.")

    rows = rows.assign(day=_parse_dates(rows["date"])).reset_index(drop=True)
    disputed = info.get("disputed")
    # the readings that disagree, undated ones too (before those of a dated claim are left out)
    rows = rows.assign(_disputing=False)
    if disputed is not False:
        rows["_disputing"] = (_truth(rows["disputing"]) if "disputing" in rows
                              else disputing(rows, info.get("accruing", False)))
    if disputed is None:
        disputed = bool(rows["_disputing"].any())
    dated = bool(rows["day"].notna().any())
    undated = rows["day"].isna()
    left_out = int(undated.sum()) if dated else 0
    hidden_dispute = bool(disputed and dated and rows.loc[undated, "_disputing"].any()
                          and not rows.loc[~undated, "_disputing"].any())
    if dated:
        rows = rows[~undated]
    rows = rows.sort_values(["day", "order", "start"] if dated else ["order", "start"],
                            kind="stable", na_position="last").reset_index(drop=True)
    xs, step, ticks = _positions(rows, dated)
    rows = rows.assign(x=xs)
    colours = _Colours.of(rows, max_sources)
    best = _best(info, rows)

    # the value scale, and room for the arrows of one-sided bounds
    extents = np.array([_extent(r) for _, r in rows.iterrows()], dtype=float)
    allv = np.concatenate([extents.ravel(), [v for v in (best.value, best.low, best.high)
                                             if v is not None]])
    allv = allv[np.isfinite(allv)]
    log, fwd, inv, t_lo, t_hi, height = _value_scale(allv)
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
    for (_, r), colour, (left, anchor, right) in zip(rows.iterrows(), colours.of_rows, extents):
        if r["family"] not in families:
            families.append(r["family"])
        _draw_interval_mark(ax, r["family"], left, anchor, right, r["x"], fwd=fwd, inv=inv,
                            arrow=arrow, horizontal=False, color=colour, band=0.8 * step)
        if r["family"] == "lower":
            t_hi = max(t_hi, fwd(anchor) + arrow)
        elif r["family"] == "upper":
            t_lo = min(t_lo, fwd(anchor) - arrow)
    x_first, x_last = float(rows["x"].min()), float(rows["x"].max())
    pad_x = max((x_last - x_first) * 0.05, 2.0 if dated else 0.5)
    if best.value is not None:
        b0, b1 = _draw_best(ax, best, dated, step, x_first - 0.5 * pad_x, x_last + 0.5 * pad_x)
        x_first, x_last = min(x_first, b0), max(x_last, b1)
    outlined = np.flatnonzero(rows["_disputing"].to_numpy()).tolist() if disputed else []
    if outlined:
        _draw_dispute(ax, rows.loc[outlined], [a for _, a, _ in extents[outlined]])

    # axes, title, legend
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
        ax.set_ylim(inv(t_lo - pad_t), inv(t_hi + pad_t))
    else:
        ax.set_ylim(t_lo - pad_t if t_lo < 0 else 0.0, t_hi + pad_t)
    _format_value_axis(ax.yaxis, log=log, lo=ax.get_ylim()[0], hi=ax.get_ylim()[1])
    ax.grid(axis="y", which="major", color=GRID_COLOR, lw=0.8)
    unit = info.get("unit", "")
    ax.set_ylabel("Reported number" + (f" ({unit})" if unit else "") + (", log scale" if log else ""))
    ax.set_title(title, loc="left", fontweight="bold", pad=20)
    if disputed:
        ax.set_title("DISPUTED", loc="right", fontweight="bold", color=DISPUTE_COLOR, pad=20)
    n_sources = rows["source"].where(rows["source"] != "", rows["article"]).nunique()
    said = [f"{len(rows)} readings from {n_sources} source{'s' if n_sources != 1 else ''}"]
    if info.get("trend"):
        said.append(f"trend: {info['trend']}")
    if best.value is not None:
        said.append(f"best estimate {format_number(best.value)}"
                    + (f" ({format_number(best.low)}–{format_number(best.high)})"
                       if best.spread else ""))
    if left_out:
        said.append(f"{left_out} undated not shown"
                    + (" (the readings that disagree are among them)" if hidden_dispute else ""))
    ax.text(0, 1.02, " · ".join(said), transform=ax.transAxes, ha="left", va="bottom",
            fontsize=9, color=TEXT_COLOR, gid="subtitle")
    _legend(ax, colours, families, best=best.value is not None, dated=dated,
            outlined=bool(outlined))
    return ax


@dataclass(frozen=True)
class _Best:
    """The best estimate drawn: its value and bounds (None: none), and the latest date."""
    value: float | None
    low: float | None
    high: float | None
    latest: pd.Timestamp | None

    @property
    def spread(self) -> bool:
        return self.low is not None and self.high is not None and self.high > self.low


@dataclass(frozen=True)
class _Colours:
    """The colour of each reading: by outlet, or by who is quoted when one outlet gives them
    all; the sources with most readings (ties: the first seen) have one each, the rest grey."""
    by: str                         # 'outlet' or 'attribution'
    named: dict[str, str]           # key -> colour, in legend order
    others: int                     # keys drawn in grey
    of_rows: list[str]

    @classmethod
    def of(cls, rows: pd.DataFrame, max_sources: int) -> "_Colours":
        by, keys = _colour_keys(rows)
        counts = pd.Series(keys).value_counts(sort=True)
        first_seen = {k: i for i, k in reversed(list(enumerate(keys)))}
        ranked = sorted(counts.index, key=lambda k: (-counts[k], first_seen[k]))
        named = ranked[:max_sources] if len(ranked) <= max_sources else ranked[:max_sources - 1]
        palette = {k: SOURCE_COLORS[i % len(SOURCE_COLORS)] for i, k in enumerate(named)}
        return cls(by, palette, len(ranked) - len(named),
                   [palette.get(k, OTHERS_COLOR) for k in keys])


def _draw_best(ax: Axes, best: _Best, dated: bool, step: float, x0: float,
               x1: float) -> tuple[float, float]:
    """The best estimate as a dashed line (a band from its low to its high) over the latest
    week, or from ``x0`` to ``x1`` without dates; returns where it starts and ends."""
    if dated and best.latest is not None:
        x0 = mdates.date2num(best.latest - pd.Timedelta(days=WEEK_DAYS)) - 0.6 * step
        x1 = mdates.date2num(best.latest) + 0.6 * step
    if best.spread:
        ax.add_patch(Rectangle((x0, best.low), x1 - x0, best.high - best.low,
                               facecolor=BEST_COLOR, alpha=0.12, edgecolor="none", zorder=0,
                               gid="best-band"))
    ax.plot([x0, x1], [best.value, best.value], "--", color=BEST_COLOR, lw=1.6, zorder=2,
            gid="best-line")
    ax.annotate(format_number(best.value), (x1, best.value), xytext=(4, 0),
                textcoords="offset points", ha="left", va="center", fontsize=8.5,
                color=BEST_COLOR, fontweight="bold", gid="best-label")
    return x0, x1


def _draw_dispute(ax: Axes, rows: pd.DataFrame, anchors: list[float]) -> None:
    """Red rings round the readings that disagree, and who says the lowest and the highest."""
    ax.plot(rows["x"], anchors, ls="none", marker="o", markersize=16, markerfacecolor="none",
            markeredgecolor=DISPUTE_COLOR, markeredgewidth=1.8, zorder=4, gid="dispute-outline")
    ends = {int(np.argmin(anchors)), int(np.argmax(anchors))}
    for k, (x, y, who) in enumerate(zip(rows["x"], anchors, rows["attribution"])):
        if who and k in ends:
            ax.annotate(_shorten(who, 30), (x, y), xytext=(11, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=8, fontstyle="italic",
                        color=DISPUTE_COLOR, gid="dispute-who", zorder=5,
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                  edgecolor="none", alpha=0.85))


def _legend(ax: Axes, colours: _Colours, families: list[str], *, best: bool, dated: bool,
            outlined: bool) -> None:
    """Beside the plot: the colours, then the marks, then the estimate and the rings."""
    handles: list[Any] = [Patch(facecolor=c, edgecolor=c) for c in colours.named.values()]
    labels = [_shorten(k, 34) for k in colours.named]
    if colours.others:
        handles.append(Patch(facecolor=OTHERS_COLOR, edgecolor=OTHERS_COLOR))
        labels.append(f"{colours.others} others")
    fams = [f for f in _FAMILY_SHORT if f in families]
    handles.append(Line2D([], [], ls="none"))
    labels.append(_MARKS_HEAD)
    handles += _family_handles(fams, color="0.35", vertical=True)
    labels += [_FAMILY_SHORT[f] for f in fams]
    if best:
        handles.append(Line2D([], [], ls="--", color=BEST_COLOR, lw=1.6))
        labels.append("best estimate (latest week)" if dated else "best estimate")
    if outlined:
        handles.append(Line2D([], [], ls="none", marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor=DISPUTE_COLOR, markeredgewidth=1.8))
        labels.append("readings that disagree")
    leg = ax.legend(handles, labels, handler_map=_HANDLER_MAP, loc="upper left",
                    bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8.5,
                    title="Colour: " + ("who is quoted" if colours.by == "attribution" else "outlet"),
                    title_fontsize=9, alignment="left", handlelength=2.4, labelspacing=0.8)
    for t in leg.get_texts():
        if t.get_text() == _MARKS_HEAD:
            t.set_fontweight("bold")


_MARKS_HEAD = "Marks: what the words say"
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
        return _cell(row.get(name))

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


def _best(info: dict, rows: pd.DataFrame) -> _Best:
    """The claim row's best estimate, else one from the current readings (all readings when
    none is marked current): their median, lowest lower and highest upper bound."""
    latest = info.get("latest")
    if latest is None and rows["day"].notna().any():
        latest = rows["day"].max()
    if info.get("best") is not None:
        return _Best(info["best"], info.get("best_low"), info.get("best_high"), latest)
    cur = rows[rows["current"]] if "current" in rows.columns and rows["current"].any() else rows
    low = cur["low"].where(cur["low"].notna(), cur["value"])
    high = cur["high"].where(cur["high"].notna(), cur["value"])
    return _Best(float(cur["value"].median()), float(low.min()), float(high.max()), latest)


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


