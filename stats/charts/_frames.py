"""The contract's frames made ready to draw: text as str, numbers as float, dates parsed, the
labels of articles and claims."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._style import QUALIFIER_FAMILY


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



# --------------------------------------------------------------------------- marks

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


