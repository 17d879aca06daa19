"""report.html: one self-contained page (styles, script and charts inline, nothing fetched) of
the claims, their mentions and the articles, from the tables of a run.

``render(figures, articles, claims)`` turns the frames into the page; ``write_report(out)``
reads an output folder's tables and writes ``out/report.html``. Article text is untrusted: the
templates (``stats/templates``) autoescape every value, the page's Content-Security-Policy
allows only its own inline style and script (by hash) and data: images, and its one script
only reads the rows' data-* attributes.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .table import safe_name

if TYPE_CHECKING:
    import pandas as pd

MAX_CLAIMS = 200
"""Claims shown, at most (those of 2+ articles, the first by rank)."""
MAX_MENTIONS = 20
"""Mentions shown per claim, at most: the first report and the latest."""
MAX_ARTICLES = 1000
"""Rows of the articles table, at most: those the claims shown cite and those in error first."""
PAGE_BYTES = 4_000_000
"""The page's weight the history charts may fill: those past it are linked, not embedded."""
CONTEXT = 300
"""Characters of a sentence kept on each side of the figure's words."""

FIGURE_FIELDS = ("article", "start", "end", "surface", "value", "low", "high", "qualifier",
                 "attribution", "sentence", "claim")
"""The columns of figures.csv the report reads."""

TREND_WORDS = {"rising": "▲ rising", "falling": "▼ falling", "stable": "● stable",
               "revised": "↺ revised down"}


@dataclass(frozen=True)
class Mention:
    """One mention of a claim as the page shows it: the sentence in three parts around the
    figure's words (``surface`` empty when they are not found in it)."""
    article: str
    date: str
    outlet: str
    title: str
    href: str
    attribution: str
    value: str
    qualifier: str
    current: bool       # one of the readings the claim's best estimate is made of
    before: str
    surface: str
    after: str


def split_sentence(sentence: str, surface: str, context: int = CONTEXT) -> tuple[str, str, str]:
    """``(before, surface, after)``: the sentence around ``surface`` (its first occurrence as
    whole words, not inside another number or word: '31' is not the end of '2031'; else its
    first occurrence), each side cut to about ``context`` characters (at a space, with '…').
    Without ``surface`` in the sentence, all of it (cut) is ``before`` and the rest is ''."""
    sentence, surface = sentence or "", surface or ""
    at = _whole_words(sentence, surface) if surface else -1
    if at < 0:
        return _cut_end(sentence, 2 * context), "", ""
    before, after = sentence[:at], sentence[at + len(surface):]
    return _cut_start(before, context), surface, _cut_end(after, context)


def _whole_words(sentence: str, surface: str) -> int:
    first = sentence.find(surface)
    at = first
    while at >= 0:
        end = at + len(surface)
        if not (at and sentence[at - 1].isalnum()) and not (end < len(sentence) and sentence[end].isalnum()):
            return at
        at = sentence.find(surface, at + 1)
    return first


def _cut_start(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    text = text[-n:]
    space = text.find(" ")
    return "…" + (text[space:] if 0 <= space < n // 3 else text)


def _cut_end(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    text = text[:n]
    space = text.rfind(" ")
    return (text[:space] if space > 2 * n // 3 else text) + "…"


def number(x) -> str:
    """A value as the page writes it: thousands separated, no trailing '.0', whole from 100 up;
    '' when empty."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return ""
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if x.is_integer() or abs(x) >= 100:     # a median of two counts: 33,824.5 is 33,825
        return f"{round(x):,}"
    if abs(x) >= 1:
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    return f"{x:.3g}"


def _text(x) -> str:
    """A cell as text: '' for empty (NaN, None)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return str(x)


def _int(x) -> int:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return 0
    return 0 if math.isnan(x) else int(x)


def _true(x) -> bool:
    return _text(x).strip().lower() in ("true", "1", "1.0", "yes")


def shown_claims(claims: pd.DataFrame, limit: int = MAX_CLAIMS) -> tuple[pd.DataFrame, int]:
    """The claims the page shows, in order, and how many there were before the cap: those of
    2+ articles, in the order of ``stats.standing.rank`` (disputed first, then most sources,
    then most articles, then the largest best estimate; the columns an older table lacks are
    left out of the order)."""
    import pandas as pd

    if claims is None or len(claims) == 0 or "articles" not in claims:
        return (claims.iloc[:0] if claims is not None else pd.DataFrame()), 0
    many = claims[pd.to_numeric(claims["articles"], errors="coerce").fillna(0) >= 2]
    from .standing import rank

    ranked = rank(many)
    return ranked.head(limit), len(ranked)


def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("stats", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["number"] = number
    return env


def _asset(env, name: str) -> str:
    return env.loader.get_source(env, name)[0]


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _href(article_id: str, path: str, texts_base: Path | None) -> str:
    """The link to an article's text: ``texts/<id>.txt`` beside the report when that file
    exists, else the article's file as a file: URI; '' when neither."""
    name = safe_name(article_id)
    if texts_base is not None and (Path(texts_base) / "texts" / f"{name}.txt").is_file():
        return f"texts/{quote(name)}.txt"
    if path and path != "-":
        try:
            return Path(path).resolve().as_uri()
        except ValueError:
            return ""
    return ""


def _chart_uri(claim: str, charts_dir: Path | None, budget: list[int]) -> tuple[str, str]:
    """``(data URI, '')`` of the claim's history chart within the budget left (``budget[0]``
    bytes, lessened by it), ``('', relative path)`` when it is there but over the budget,
    ``('', '')`` when there is none."""
    if charts_dir is None:
        return "", ""
    path = Path(charts_dir) / "history" / f"{safe_name(claim)}.png"
    try:
        data = path.read_bytes()
    except OSError:
        return "", ""
    encoded = base64.b64encode(data).decode("ascii")
    if len(encoded) > budget[0]:
        return "", f"charts/history/{quote(path.name)}"
    budget[0] -= len(encoded)
    return "data:image/png;base64," + encoded, ""


def _mentions(rows: pd.DataFrame, info: dict, limit: int) -> tuple[list[Mention], int]:
    """A claim's mentions (its rows of ``stats.standing.history``: by date, undated last, then
    reading order), at most ``limit``: the first and the latest, those the best estimate is
    made of, then the others from the latest back; and how many there were."""
    total = len(rows)
    if total > limit:
        latest_first = rows.index[::-1].tolist()
        current = [i for i in latest_first if rows.at[i, "current"]]
        keep = list(dict.fromkeys([rows.index[0], latest_first[0], *current, *latest_first]))
        rows = rows.loc[sorted(keep[:limit], key=rows.index.get_loc)]
    out = []
    for f in rows.itertuples(index=False):
        a = info.get(_text(f.article), {})
        before, surface, after = split_sentence(_text(f.sentence), _text(f.surface))
        value = number(f.value)
        low, high = number(f.low), number(f.high)
        if low and high and low != high:        # a range, a vague amount: its bounds
            value = f"{value} ({low} to {high})" if value not in (low, high) else f"{low} to {high}"
        out.append(Mention(
            article=_text(f.article), date=_text(f.date), outlet=_text(f.outlet),
            title=a.get("title", "") or _text(f.article), href=a.get("href", ""),
            attribution=_text(f.attribution), value=value,
            qualifier=_text(f.qualifier).replace("_", " "), current=bool(f.current),
            before=before, surface=surface, after=after))
    return out, total


def _claim_view(i: int, c: dict, mentions, total: int) -> dict:
    get = lambda k: _text(c.get(k))  # noqa: E731
    trend = get("trend")
    return {
        "anchor": f"claim-{i}",
        "claim": get("claim"),
        "category": get("category"),
        "subject": get("subject"),
        "location": get("location"),
        "period": get("period"),
        "unit": "" if get("unit") in ("", "people") else get("unit"),
        "best": number(c.get("best")),
        "best_low": number(c.get("best_low")),
        "best_high": number(c.get("best_high")),
        "low": number(c.get("low")),
        "high": number(c.get("high")),
        "first_value": number(c.get("first_value")),
        "latest_value": number(c.get("latest_value")),
        "trend": TREND_WORDS.get(trend, trend),
        "trend_key": trend,
        "disputed": _true(c.get("disputed")),
        "has_disputed": "disputed" in c,
        "sources": number(c.get("sources")),
        "outlets": number(c.get("outlets")),
        "articles": number(c.get("articles")),
        "readings": number(c.get("readings")),
        "first_date": get("first_date"),
        "latest_date": get("latest_date") or get("last_date"),
        "attributions": get("attributions"),
        "mentions": mentions,
        "mentions_total": total,
        "chart": "",           # filled in by render, within the page's weight
        "chart_link": "",
    }


def render(figures: pd.DataFrame, articles: pd.DataFrame, claims: pd.DataFrame,
           charts_dir: Path | None = None, texts_base: Path | None = None, *,
           max_claims: int = MAX_CLAIMS, max_mentions: int = MAX_MENTIONS,
           max_articles: int = MAX_ARTICLES, page_bytes: int = PAGE_BYTES,
           chart_bytes: int | None = None) -> str:
    """The report page for the tables of one run (``figures`` may hold only the rows of the
    claims shown). ``charts_dir``: the run's ``charts`` folder, whose ``history/<claim>.png``
    are embedded, in the claims' order, while the page stays within ``page_bytes`` (and the
    charts within ``chart_bytes``, if given); ``texts_base``: the folder the page will be
    written to, whose ``texts/<id>.txt`` the articles link to (else to their files)."""
    import pandas as pd

    claims = claims if claims is not None else pd.DataFrame()
    articles = articles if articles is not None else pd.DataFrame(columns=["id"])
    shown, total_claims = shown_claims(claims, max_claims)

    ids = shown["claim"].astype(str).tolist() if len(shown) else []
    cited = {a for c in shown.get("article_ids", pd.Series(dtype=str)).map(_text)
             for a in c.split(";") if a}
    # the articles listed: those the claims shown cite and those in error first, in corpus
    # order; rows (dicts) made only for them and the cited, not for every article of a corpus
    article_ids = [_text(a) for a in articles["id"]] if "id" in articles else []
    errors = ([_text(e) for e in articles["error"]] if "error" in articles
              else [""] * len(article_ids))
    kept = sorted(sorted(range(len(article_ids)),
                         key=lambda p: (not (article_ids[p] in cited or errors[p]), p))[:max_articles])
    listed_at = set(kept)
    needed = [p for p, aid in enumerate(article_ids) if aid in cited or p in listed_at]
    info = {}
    for a in articles.iloc[needed].to_dict("records"):
        aid = _text(a.get("id"))
        info[aid] = {"title": _text(a.get("title")), "outlet": _text(a.get("outlet")),
                     "date": _text(a.get("date")), "figures": number(a.get("figures")),
                     "reprint_of": _text(a.get("reprint_of")), "error": _text(a.get("error")),
                     "href": _href(aid, _text(a.get("path")), texts_base)}

    by_claim = {}
    if figures is not None and ids:
        from .standing import history

        rows = history(figures[figures["claim"].isin(ids)], articles, ids)
        by_claim = {c: g.reset_index(drop=True) for c, g in rows.groupby("claim", sort=False)}
    views = []
    for i, c in enumerate(shown.to_dict("records")):
        group = by_claim.get(_text(c.get("claim")))
        mentions, total = _mentions(group, info, max_mentions) if group is not None else ([], 0)
        views.append(_claim_view(i, c, mentions, total))
    listed = [{"id": article_ids[p], **info[article_ids[p]]} for p in kept]

    def options(column: str) -> list[str]:
        counts = {}
        for v in views:
            if v[column]:
                counts[v[column]] = counts.get(v[column], 0) + 1
        return sorted(counts, key=lambda k: (-counts[k], k.lower()))

    env = _env()
    style, script = _asset(env, "report.css"), _asset(env, "report.js")
    from markupsafe import Markup   # our own files, not article text

    n_articles = len(articles)
    failed = sum(1 for e in errors if e)
    page = functools.partial(
        env.get_template("report.html.j2").render,
        claims=views, total_claims=total_claims, max_mentions=max_mentions,
        articles=listed, total_articles=n_articles, failed=failed,
        figures=sum(map(_int, articles["figures"])) if "figures" in articles else 0,
        all_claims=len(claims), categories=options("category"), places=options("location"),
        style=Markup(style), script=Markup(script),
        csp=f"default-src 'none'; img-src data:; style-src {_csp_hash(style)}; "
            f"script-src {_csp_hash(script)}; base-uri 'none'; form-action 'none'",
        has_standing="best" in claims.columns)
    if charts_dir is None or not views:
        return page()
    # the charts fill what the rest of the page leaves (a chart's link costs ~150 bytes)
    left = page_bytes - len(page().encode("utf-8")) - 150 * len(views)
    budget = [min(left, chart_bytes) if chart_bytes is not None else left]
    for v in views:
        v["chart"], v["chart_link"] = _chart_uri(v["claim"], charts_dir, budget)
    return page()


def write_report(out: Path, *, chunksize: int = 5_000, articles: pd.DataFrame | None = None,
                 claims: pd.DataFrame | None = None) -> Path:
    """Read ``out``'s figures.csv (in chunks, keeping the rows of the claims shown),
    articles.csv and claims.csv (unless given: the tables just written, in memory) and
    charts/history/*.png, and write ``out/report.html`` atomically; return its path. Raises
    OSError / ValueError when a table is missing or unreadable."""
    import pandas as pd

    from . import table

    out = Path(out)
    if articles is None or claims is None:
        articles, claims = (
            pd.read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""],
                        dtype={"id": str, "claim": str, "title": str, "outlet": str, "date": str,
                               "path": str, "error": str, "reprint_of": str, "article_ids": str})
            for name in ("articles", "claims"))
    articles = articles.copy(deep=False)
    for column in ("id", "title", "outlet", "date", "path", "error", "reprint_of"):
        if column in articles:
            articles[column] = articles[column].fillna("")
    shown, _ = shown_claims(claims)
    wanted = set(shown["claim"].astype(str)) if len(shown) else set()
    header = pd.read_csv(out / "figures.csv", nrows=0).columns
    columns = [c for c in FIGURE_FIELDS if c in header]
    parts = [chunk[chunk["claim"].isin(wanted)]
             for chunk in table.read_figures(out / "figures.csv", chunksize=chunksize,
                                             columns=columns)] if wanted else []
    figures = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    for c in FIGURE_FIELDS:
        if c not in figures:
            figures[c] = ""
    page = render(figures, articles, claims, charts_dir=out / "charts", texts_base=out)
    path = out / "report.html"
    fd, tmp = tempfile.mkstemp(prefix=".report.html.", suffix=".tmp", dir=out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(page)
        os.chmod(tmp, table.umask_mode())       # not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
