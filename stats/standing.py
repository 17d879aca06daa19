"""Where each claim stands: its readings, best estimate, trend and disputes.

A claim (``stats.claims``) gathers every mention of one count across articles. This stage
reads them as an analyst would:

- **Readings.** An article gives one reading per attribution it quotes: the first mention of
  the claim with that attribution (a lede states the current figure; later mentions restate
  it or give its history). Its own voice (no attribution) is a reading only where it quotes
  no one: a headline restates the figure its lede attributes. An independent source is an
  article with its reprints, joined with the other articles of its outlet
  (``claims.source_groups``); a source's readings are those of its latest article (dated
  before undated, then by date, then in reading order).
- **Best estimate.** From the sources' readings of the claim's latest week (its latest date and
  the 7 days before): ``best`` is their median, ``best_low`` the lowest lower bound and
  ``best_high`` the highest upper bound their words give (a side the words leave open, as in
  'more than 300', counts as the value). Undated readings take part only when the claim has no
  dated reading.
- **Course.** Every article's readings, by date (undated claims: by article, in reading
  order), a median per date: ``first_value``, ``latest_value`` and ``trend``: ``revised`` when
  a running total (a category that accrues, such as killed or displaced) ends below an earlier
  value, else ``rising``, ``falling`` or ``stable`` from the first value to the latest.
- **Disputes.** ``disputed`` when two attributions in one article, or two independent sources
  within a week of each other, give values whose ranges (``claim_keys.value_interval``) do not
  overlap, even stretched by the factor one article's mentions of one count may differ by
  (``ClaimOptions.value_tolerance``, 1.5: an update within the day, a rounding, is no dispute).
  A running total grows between updates, so for those only a later, lower reading counts as a
  dispute across sources.
- ``attributions``: who is quoted, distinct, most frequent first.

``history`` gives the mentions behind it, in date order; ``with_standing`` adds the columns
to the claims table; ``rank`` orders claims for a reader (disputed first, then most sources).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .claim_keys import DEFAULT_OPTIONS, ClaimOptions, _accruing, _num, _text, value_interval
from .claims import source_groups
from .dates import parse_iso

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STANDING_COLUMNS", "HISTORY_COLUMNS", "FIGURE_FIELDS", "history", "standing",
           "with_standing", "disputing", "rank", "WEEK_DAYS"]

WEEK_DAYS = 7
"""The latest week of a claim: its latest date and the days before it, this many."""

STANDING_COLUMNS = ("readings", "best", "best_low", "best_high", "first_value", "latest_value",
                    "latest_date", "trend", "disputed", "attributions")
"""The columns this stage adds to the claims table (``first_date`` is already there)."""

HISTORY_COLUMNS = ("claim", "article", "date", "outlet", "source", "attribution", "value", "low",
                   "high", "qualifier", "surface", "sentence", "start", "end", "order", "reading",
                   "current", "disputing")

FIGURE_FIELDS = ("article", "claim", "start", "value", "low", "high", "qualifier",
                 "attribution", "category")
"""The figures-table columns ``standing`` reads."""

_DETERMINER = re.compile(r"^(?:the|a|an)\s+")


@lru_cache(maxsize=1 << 16)
def attribution_key(attribution: str) -> str:
    """Who says so, folded for comparison: 'The Health Ministry' and 'health ministry' agree."""
    text = " ".join(_text(attribution).lower().split()).strip(" .,;:'\"")
    return _DETERMINER.sub("", text)


class _Mention(NamedTuple):
    row: int                # position in the figures frame
    article: int            # position in the articles table (reading order)
    day: int | None         # publication date (ordinal)
    source: str
    akey: str
    attribution: str
    value: float
    low: float
    high: float
    qualifier: str


# --------------------------------------------------------------------------- the mentions

class _Mentions:
    """The linked mentions of a figures frame, by claim: ``get(claim)`` builds a claim's, in
    reading order, when asked. The frame's columns are held as numpy arrays and codes, not a
    Python object per mention (at 20,000 articles, half a million mentions: a few MB, not
    hundreds)."""

    def __init__(self, figures: pd.DataFrame, articles: pd.DataFrame):
        import numpy as np
        import pandas as pd

        ids = [str(a) for a in articles["id"]] if "id" in articles else []
        self._day = [(d.toordinal() if (d := parse_iso(x)) else None)
                     for x in (articles["date"] if "date" in articles else [None] * len(ids))]
        group = source_groups(articles) if ids else {}
        self._source = [group.get(a, a) for a in ids]
        n = len(figures)

        def codes(name):
            if name not in figures:
                return np.zeros(n, np.int64), [""]
            got, uniques = pd.factorize(figures[name], use_na_sentinel=True)
            return got, [_text(u) for u in uniques]

        def numbers(name):
            if name not in figures:
                return np.full(n, np.nan)
            return pd.to_numeric(figures[name], errors="coerce").to_numpy(dtype=float)

        art, art_names = codes("article")
        where = pd.Index(ids).get_indexer(art_names) if ids else np.full(len(art_names), -1)
        self._article = np.where(art >= 0, where[np.maximum(art, 0)], -1) if len(art_names) \
            else np.full(n, -1)
        claim, self._claims = codes("claim")
        self._value, self._low, self._high = numbers("value"), numbers("low"), numbers("high")
        self._qualifier, self._qualifiers = codes("qualifier")
        self._attribution, self._attributions = codes("attribution")
        self._keys = [attribution_key(a) for a in self._attributions]
        blank = [i for i, c in enumerate(self._claims) if not c]
        ok = (claim >= 0) & (self._article >= 0) & ~np.isnan(self._value)
        if blank:
            ok &= ~np.isin(claim, blank)
        rows = np.flatnonzero(ok)
        start = np.nan_to_num(numbers("start"))[rows]
        self._rows = rows[np.lexsort((start, self._article[rows], claim[rows]))]
        grouped = claim[self._rows]
        cut = np.flatnonzero(np.diff(grouped)) + 1
        bounds = zip(np.r_[0, cut].tolist(), np.r_[cut, len(grouped)].tolist())
        self._slices = {self._claims[grouped[a]]: (a, b) for a, b in bounds if b > a}

    def __iter__(self):
        return iter(sorted(self._slices))

    def get(self, claim: str) -> list[_Mention]:
        if claim not in self._slices:
            return []
        a, b = self._slices[claim]
        rows = self._rows[a:b]
        out = []
        for row, pos, v, lo, hi, q, at in zip(
                rows.tolist(), self._article[rows].tolist(), self._value[rows].tolist(),
                self._low[rows].tolist(), self._high[rows].tolist(),
                self._qualifier[rows].tolist(), self._attribution[rows].tolist()):
            attribution = self._attributions[at] if at >= 0 else ""
            out.append(_Mention(row, pos, self._day[pos], self._source[pos],
                                self._keys[at] if at >= 0 else "", attribution, v,
                                None if lo != lo else lo, None if hi != hi else hi,
                                (self._qualifiers[q] if q >= 0 else "") or "exact"))
        return out


class _Read(NamedTuple):
    """One claim's mentions read: each article's reading, each source's, and the current."""
    readings: list[_Mention]    # each article's, in reading order
    sources: list[_Mention]     # those of each source's latest article
    current: list[_Mention]     # the sources' readings that make the best estimate


def _firsts(mentions: list[_Mention], key) -> list[_Mention]:
    seen: set = set()
    return [m for m in mentions if not (key(m) in seen or seen.add(key(m)))]


def _read(mentions: list[_Mention]) -> _Read:
    quoted = _firsts(mentions, lambda m: (m.article, m.akey))
    attributed = {m.article for m in quoted if m.akey}
    readings = [m for m in quoted if m.akey or m.article not in attributed]
    latest: dict[str, tuple] = {}
    for m in readings:
        latest[m.source] = max(latest.get(m.source, _when(m)), _when(m))
    sources = [m for m in readings if _when(m) == latest[m.source]]
    dated = [m for m in sources if m.day is not None]
    if dated:
        last = max(m.day for m in dated)
        current = [m for m in dated if m.day >= last - WEEK_DAYS]
    else:
        current = sources
    return _Read(readings, sources, current)


def _when(m: _Mention) -> tuple:
    """Later is larger: dated after undated, then by date, then in reading order."""
    return (m.day is not None, m.day or 0, m.article)


# --------------------------------------------------------------------------- a claim's standing

def _bounds(m: _Mention) -> tuple[float, float]:
    """The lowest and highest count the words give; an open side is the value."""
    return (m.low if m.low is not None else m.value, m.high if m.high is not None else m.value)


def _apart(a: _Mention, b: _Mention, options: ClaimOptions) -> bool:
    """The ranges of the two readings' words are apart by more than the tolerance."""
    (alo, ahi), (blo, bhi) = (value_interval(m.value, m.low, m.high, m.qualifier, options)
                              or (m.value, m.value) for m in (a, b))
    f = options.value_tolerance
    return ahi * f < blo or bhi * f < alo


def _course(readings: list[_Mention]) -> list[tuple[int, float]]:
    """(date or article, median value) in time order: by date when any reading is dated."""
    dated = [m for m in readings if m.day is not None]
    by: dict[int, list[float]] = defaultdict(list)
    for m in dated or readings:
        by[m.day if dated else m.article].append(m.value)
    return [(k, statistics.median(v)) for k, v in sorted(by.items())]


def _trend(course: list[tuple[int, float]], accruing: bool) -> str:
    values = [v for _, v in course]
    if len(values) < 2:
        return "stable"
    first, latest = values[0], values[-1]
    if accruing and latest < max(values[:-1]):
        return "revised"
    return "rising" if latest > first else "falling" if latest < first else "stable"


def _disputes(read: _Read, accruing: bool, options: ClaimOptions,
              first: bool = False) -> set[int]:
    """The rows of the readings that disagree (the module's docstring says when); with
    ``first``, as soon as one pair is found."""
    out: set[int] = set()
    by_article: dict[int, list[_Mention]] = defaultdict(list)
    for m in read.readings:
        if m.akey:
            by_article[m.article].append(m)
    pairs = [(a, b) for got in by_article.values() for i, a in enumerate(got) for b in got[i + 1:]]
    dated = sorted((m for m in read.sources if m.day is not None), key=lambda m: m.day)
    for i, a in enumerate(dated):
        for b in dated[i + 1:]:
            if b.day - a.day > WEEK_DAYS:
                break
            if b.source != a.source and (not accruing or (b.day > a.day and b.value < a.value)):
                pairs.append((a, b))
    for a, b in pairs:
        if _apart(a, b, options):
            out.update((a.row, b.row))
            if first:
                break
    return out


def _attributions(mentions: list[_Mention]) -> str:
    """Who is quoted, most often first (ties: first quoted first), each in its commonest words."""
    said: dict[str, Counter] = defaultdict(Counter)     # in the order first quoted
    for m in mentions:
        if m.akey:
            said[m.akey][m.attribution] += 1
    keys = sorted(said, key=lambda k: -sum(said[k].values()))
    return "; ".join(said[k].most_common(1)[0][0] for k in keys)


def _standing(mentions: list[_Mention], accruing: bool, options: ClaimOptions) -> tuple:
    read = _read(mentions)
    course = _course(read.readings)
    low, high = zip(*map(_bounds, read.current))
    dated = [m.day for m in read.readings if m.day is not None]
    return (len(read.sources), statistics.median(m.value for m in read.current), min(low),
            max(high), course[0][1], course[-1][1],
            _iso(max(dated)) if dated else "", _trend(course, accruing),
            bool(_disputes(read, accruing, options, first=True)), _attributions(mentions))


def _iso(day: int) -> str:
    return date.fromordinal(day).isoformat()


def standing(figures: pd.DataFrame, articles: pd.DataFrame, claims: pd.DataFrame,
             options: ClaimOptions = DEFAULT_OPTIONS) -> pd.DataFrame:
    """``STANDING_COLUMNS`` for each row of ``claims`` (same index), from its mentions in
    ``figures`` (``FIGURE_FIELDS`` read; rows of other claims ignored) and the ``articles``
    table (id, date, outlet, reprint_of), as the module's docstring says. A claim with no
    mention in ``figures`` gets empty values."""
    import pandas as pd

    by_claim = _Mentions(figures, articles)
    accrues = _accruing()
    empty = (0, None, None, None, None, None, "", "", False, "")
    categories = claims["category"].tolist() if "category" in claims else [""] * len(claims)
    rows = [_standing(got, cat in accrues, options) if (got := by_claim.get(c)) else empty
            for c, cat in zip(claims["claim"].astype(str).tolist(), categories)]
    out = pd.DataFrame(rows, columns=list(STANDING_COLUMNS), index=claims.index)
    for name in ("best", "best_low", "best_high", "first_value", "latest_value"):
        out[name] = out[name].astype("float64")
    out["disputed"] = out["disputed"].astype(bool)
    return out


def with_standing(claims: pd.DataFrame, figures: pd.DataFrame, articles: pd.DataFrame,
                  options: ClaimOptions = DEFAULT_OPTIONS) -> pd.DataFrame:
    """The claims table with the standing columns (replaced if already there), after its own."""
    import pandas as pd

    own = claims.drop(columns=[c for c in STANDING_COLUMNS if c in claims])
    return pd.concat([own, standing(figures, articles, own, options)], axis=1)


def history(figures: pd.DataFrame, articles: pd.DataFrame,
            claims: str | list[str] | None = None,
            options: ClaimOptions = DEFAULT_OPTIONS) -> pd.DataFrame:
    """The mentions of ``claims`` (one id, a list, or None: every linked claim) in time order:
    by claim, then date (undated after, in reading order), with the article's date and outlet,
    the source it counts for, and whether it is a reading (its article's first mention for its
    attribution), a current one (it makes the best estimate) and one of the readings that
    disagree (``disputing``). Columns ``HISTORY_COLUMNS``."""
    import pandas as pd

    wanted = {claims} if isinstance(claims, str) else set(claims) if claims is not None else None
    picked = figures
    if wanted is not None and "claim" in figures:
        picked = figures[figures["claim"].isin(wanted)]
    by_claim = _Mentions(picked, articles)
    dates = [_text(d) for d in articles["date"]] if "date" in articles else [""] * len(articles)
    outlets = ([_text(o) for o in articles["outlet"]] if "outlet" in articles
               else [""] * len(articles))
    ids = [str(a) for a in articles["id"]]
    category = picked["category"] if "category" in picked else None
    accrues = _accruing()
    cols: dict[str, list] = {name: [] for name in HISTORY_COLUMNS}
    at: list[int] = []          # the figures row of each history row
    for claim in by_claim:
        mentions = by_claim.get(claim)
        read = _read(mentions)
        reading = {m.row for m in read.readings}
        current = {m.row for m in read.current}
        accruing = category is not None and _text(category.iloc[mentions[0].row]) in accrues
        disputes = _disputes(read, accruing, options)
        for m in sorted(mentions, key=lambda m: (m.day is None, m.day or 0, m.article)):
            at.append(m.row)
            for name, v in (("claim", claim), ("article", ids[m.article]),
                            ("date", dates[m.article]), ("outlet", outlets[m.article]),
                            ("source", m.source), ("attribution", m.attribution),
                            ("value", m.value), ("low", m.low), ("high", m.high),
                            ("qualifier", m.qualifier), ("order", m.article),
                            ("reading", m.row in reading), ("current", m.row in current),
                            ("disputing", m.row in disputes)):
                cols[name].append(v)
    for name in ("surface", "sentence", "start", "end"):
        got = picked[name].iloc[at].tolist() if name in picked else [""] * len(at)
        cols[name] = [_text(v) for v in got] if name in ("surface", "sentence") else got
    frame = pd.DataFrame(cols, columns=list(HISTORY_COLUMNS))
    for name in ("value", "low", "high"):
        frame[name] = frame[name].astype("float64")
    return frame


def disputing(history_rows: pd.DataFrame, accruing: bool,
              options: ClaimOptions = DEFAULT_OPTIONS) -> pd.Series:
    """For the rows of one claim's ``history`` (or a frame with its columns: article, order,
    date, source, attribution, value, low, high, qualifier; start if known), whether each is
    one of the readings that disagree, by the rule ``history`` applies."""
    import pandas as pd

    rows = history_rows.reset_index(drop=True)
    n = len(rows)
    col = {c: (rows[c].tolist() if c in rows else [None] * n)
           for c in ("order", "date", "source", "article", "attribution", "value", "low", "high",
                     "qualifier", "start")}
    mentions = []
    for i in range(n):
        value = _num(col["value"][i])
        if value is None:
            continue
        d = parse_iso(col["date"][i])
        attribution = _text(col["attribution"][i])
        mentions.append(_Mention(i, int(_num(col["order"][i]) or 0),
                                 d.toordinal() if d else None,
                                 _text(col["source"][i]) or _text(col["article"][i]),
                                 attribution_key(attribution), attribution, value,
                                 _num(col["low"][i]), _num(col["high"][i]),
                                 _text(col["qualifier"][i]) or "exact"))
    mentions.sort(key=lambda m: (m.article, _num(col["start"][m.row]) or 0.0))
    rows_out = _disputes(_read(mentions), accruing, options) if mentions else set()
    return pd.Series([i in rows_out for i in range(n)], index=history_rows.index, dtype=bool)


def rank(claims: pd.DataFrame) -> pd.DataFrame:
    """``claims`` in the order a reader wants them: disputed first, then those most sources
    report, then the largest best estimate (ties: as they were). ``disputed`` may be bools
    or their text, as a claims.csv read back gives it."""
    keys = [c for c in ("disputed", "sources", "articles", "best") if c in claims]
    if not keys:
        return claims
    if "disputed" not in claims or claims["disputed"].dtype == bool:
        return claims.sort_values(keys, ascending=False, kind="stable", na_position="last")
    disputed = [str(v).strip().lower() in ("true", "1", "1.0") for v in claims["disputed"].tolist()]
    order = claims[keys].reset_index(drop=True).assign(disputed=disputed).sort_values(
        keys, ascending=False, kind="stable", na_position="last").index
    return claims.iloc[order]
