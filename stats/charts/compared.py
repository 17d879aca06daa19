"""claims_compared: each claim several articles report, one row per mention with its bounds."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ._frames import _ArticleInfo, _claim_labels, _extent, _mode, _prepare_figures, _shorten, _units_label
from ._select import MAX_CLAIMS, MAX_ROWS, MIN_ARTICLES, _claim_counts, _compared_claims, _shown
from ._style import (
    _CHAR_PT, _HANDLER_MAP, _TEXT_GAP_PT, BAND_COLOR, FAMILY_LABELS, GRID_COLOR, TEXT_COLOR,
    _draw_interval_mark, _empty, _family_handles, _format_value_axis, _new_axes, _style,
    _value_scale, format_number,
)


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
    log, fwd, inv, t_lo, t_hi, width = _value_scale(allv)
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


