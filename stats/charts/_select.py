"""Which claims and articles each chart draws, chosen from the claims and articles tables alone
(``needed``), so a caller streaming the figures keeps only the rows the charts draw."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._frames import _ArticleInfo, _claim_labels

#: Timeline draws at most this many lines (the groups with most mentions), so colours stay
#: distinguishable.
MAX_LINES = 10          # timeline: claims drawn
MAX_CLAIMS = 12         # claims_compared: claims drawn, of those MIN_ARTICLES articles report
MIN_ARTICLES = 2
MAX_ARTICLES = 30       # overview: articles drawn
MAX_ROWS = 8            # claims_compared: mentions shown of each claim
MAX_HISTORIES = 40      # claim_history: claims drawn, of those with MIN_READINGS readings
MIN_READINGS = 3
# the columns of the figures, articles and claims tables the charts read
FIGURE_FIELDS = ("article", "start", "surface", "value", "low", "high", "qualifier", "unit",
                 "category", "subject", "location", "period", "claim", "attribution")
ARTICLE_FIELDS = ("id", "date", "outlet", "figures", "reprint_of")
CLAIM_FIELDS = ("claim", "category", "subject", "location", "period", "articles", "sources",
                "low", "high", "first_date", "last_date", "mentions", "unit", "readings", "best",
                "best_low", "best_high", "latest_date", "trend", "disputed")


def needed(claims: pd.DataFrame | None, articles: pd.DataFrame | None, *,
           min_articles: int = MIN_ARTICLES, max_claims: int = MAX_CLAIMS,
           max_articles: int = MAX_ARTICLES) -> tuple[set[str], set[str]]:
    """The claim ids and article ids whose figures the charts draw, chosen from the claims
    and articles tables alone: a caller that streams the figures (``track_to``) keeps only
    those rows, and the charts drawn from them are the charts of the whole table."""
    compared = _compared_claims(claims, min_articles, max_claims)
    return (set(compared[0] if compared else ()) | set(_timeline_claims(claims) or ())
            | set(_history_claims(claims) or ()),
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


def _history_claims(claims, max_histories: int | None = None,
                    min_readings: int = MIN_READINGS) -> list[str] | None:
    """claim_history's claims: those with ``min_readings`` readings or more, in the order of
    ``stats.standing.rank`` (disputed first, then most sources, then the largest best
    estimate), the first ``max_histories`` (default ``MAX_HISTORIES``). None without a claims
    table that counts readings."""
    if claims is None or not {"claim", "readings"} <= set(claims.columns):
        return None
    max_histories = MAX_HISTORIES if max_histories is None else max_histories
    from ..standing import rank

    table = claims[np.nan_to_num(_numbers(claims, "readings")) >= min_readings]
    return list(dict.fromkeys(_cells(rank(table), "claim")))[:max_histories]


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


