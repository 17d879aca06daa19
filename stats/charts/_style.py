"""What every chart shares: colours, number formatting, axes style, the marks of a mention's
bounds and their legend handles."""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter


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


# --------------------------------------------------------------------------- axes helpers

def _value_scale(values: np.ndarray) -> tuple[bool, Callable, Callable, float, float, float]:
    """How a value axis places ``values`` (finite): ``(log, fwd, inv, lo, hi, span)``, with
    ``fwd`` taking a value to axis units (log10 on a log axis) and ``inv`` back, and ``lo``,
    ``hi`` and ``span`` in those units (a linear axis starts at 0)."""
    log = bool(_wants_log(values) and (values > 0).all())
    fwd: Callable[[float], float] = (lambda v: math.log10(v)) if log else (lambda v: v)
    inv: Callable[[float], float] = (lambda t: 10 ** t) if log else (lambda t: t)
    lo, hi = fwd(values.min()), fwd(values.max())
    if not log:
        lo = min(0.0, lo)
    return log, fwd, inv, lo, hi, (hi - lo) or (1.0 if log else max(abs(hi), 1.0))


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
    """Legend proxy for a one-sided bound: a bar and an open arrow in ``direction`` (along
    the value axis: across the entry, or up and down when ``vertical``)."""

    def __init__(self, direction: int, color: str = MARK_COLOR, vertical: bool = False):
        self.direction = direction
        self.color = color
        self.vertical = vertical


class _BoundHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height,
                       fontsize, trans):
        if orig_handle.vertical:
            x = width / 2 - xdescent
            y0, y1 = -ydescent - 0.2 * fontsize, -ydescent + height + 0.2 * fontsize
            if orig_handle.direction < 0:
                y0, y1 = y1, y0
            bar = Line2D([x], [y0], marker="_", markersize=0.9 * fontsize, markeredgewidth=2,
                         color=orig_handle.color, transform=trans)
            arrow = FancyArrowPatch((x, y0), (x, y1), arrowstyle="->",
                                    mutation_scale=0.7 * fontsize, color=orig_handle.color,
                                    lw=1.3, shrinkA=0, shrinkB=0, transform=trans)
            return [arrow, bar]
        y = height / 2 - ydescent
        x0, x1 = -xdescent, -xdescent + width
        if orig_handle.direction < 0:
            x0, x1 = x1, x0
        bar = Line2D([x0], [y], marker="|", markersize=fontsize, markeredgewidth=2,
                     color=orig_handle.color, transform=trans)
        arrow = FancyArrowPatch((x0, y), (x1, y), arrowstyle="->", mutation_scale=fontsize,
                                color=orig_handle.color, lw=1.5, transform=trans)
        return [arrow, bar]


def _family_handles(families: list[str], color: str = MARK_COLOR, *,
                    vertical: bool = False) -> list[Any]:
    """Legend proxies of the marks of ``families`` (values across the entry, or up and down
    when ``vertical``)."""
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
            handles.append(_Bound(+1, color, vertical))
        elif fam == "upper":
            handles.append(_Bound(-1, color, vertical))
        elif fam == "range" and vertical:
            handles.append(_Range(color))
        elif fam == "range":
            handles.append(Line2D([], [], marker="|", color=color, lw=2, markersize=9,
                                  markeredgewidth=2))
        else:
            handles.append(Patch(facecolor=color, alpha=0.3, edgecolor=color))
    return handles


class _Range:
    """Legend proxy for a range drawn up and down: a segment with end bars."""

    def __init__(self, color: str = MARK_COLOR):
        self.color = color


class _RangeHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height,
                       fontsize, trans):
        x = width / 2 - xdescent
        y0, y1 = -ydescent - 0.2 * fontsize, -ydescent + height + 0.2 * fontsize
        return [Line2D([x, x], [y0, y1], marker="_", markersize=fontsize * 0.8,
                       markeredgewidth=2, lw=2, color=orig_handle.color, transform=trans)]


_HANDLER_MAP = {_Bound: _BoundHandler(), _Range: _RangeHandler()}


def _draw_interval_mark(ax: Axes, family: str, left: float, anchor: float, right: float,
                        pos: float, *, fwd, inv, arrow: float, horizontal: bool,
                        color: str = MARK_COLOR, size: float = 7, band: float = 0.5) -> None:
    """One mention's mark at ``pos`` on the category axis, values on the other axis (``band``:
    the width of a vague amount's band across that axis, in its data units).

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
        ax.plot(*xy([left, right], pos), marker="|" if horizontal else "_", color=color, lw=2,
                markersize=size + 3, markeredgewidth=2, zorder=3, gid=family)
    else:  # vague: a band over the implied range
        h = band
        if horizontal:
            rect = Rectangle((left, pos - h / 2), right - left, h)
        else:
            rect = Rectangle((pos - h / 2, left), h, right - left)
        rect.set(facecolor=color, alpha=0.3, edgecolor=color, linewidth=1, zorder=2, gid=family)
        ax.add_patch(rect)


