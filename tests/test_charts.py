"""Charts: check the artists drawn (marks, labels, scales), not pixels (seaborn's way)."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # tests only; the package never picks a backend

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from stats.charts import (  # noqa: E402
    claim_history, claims_compared, draw_all, format_number, overview, timeline,
)

FIGURE_COLUMNS = ["article", "start", "end", "surface", "value", "low", "high", "qualifier",
                  "unit", "category", "subject", "location", "period", "attribution",
                  "sentence", "claim"]
ARTICLE_COLUMNS = ["id", "title", "path", "date", "outlet", "url", "characters", "figures",
                   "error"]

ALJ, SABAH, REUT, MT = "aljazeera-2019-08-30", "sabah-2019-08-31", "reuters-2020-01", "mt-2020"


def as_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Round-trip through CSV, as the charts get the frames from ``figures.csv`` etc."""
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    buf.seek(0)
    return pd.read_csv(buf)


def fig_row(article, surface, value, low, high, qualifier, category, subject, location,
            claim="", period="", start=0):
    return dict(article=article, start=start, end=start + len(surface), surface=surface,
                value=value, low=low, high=high, qualifier=qualifier, unit="people",
                category=category, subject=subject, location=location, period=period,
                attribution="United Nations", sentence=f"... {surface} ...", claim=claim)


@pytest.fixture
def articles() -> pd.DataFrame:
    rows = [
        (ALJ, "Al Jazeera", "2019-08-30"),
        (SABAH, "Daily Sabah", "2019-08-31"),
        (REUT, "", "2020-01-12"),          # no outlet found: labelled by id
        (MT, "Moscow Times", "2020-03-05"),
    ]
    return as_csv(pd.DataFrame(
        [dict(id=i, title="Idlib", path=f"{i}.txt", date=d, outlet=o, url="", characters=4000,
              figures=2, error="") for i, o, d in rows], columns=ARTICLE_COLUMNS))


FIGURE_ROWS = [
    fig_row(ALJ, "More than half a million", 500000, 500000, None, "more_than", "displaced",
            "civilians", "Idlib", "idlib_displaced", "since late April", 1442),
    fig_row(MT, "nearly one million", 1000000, None, 1000000, "nearly", "displaced",
            "civilians", "Idlib", "idlib_displaced", "", 800),
    fig_row(ALJ, "3.6 million", 3600000, None, None, "exact", "refugees", "Syrian refugees",
            "Turkey", "turkey_refugees", "", 3000),
    fig_row(SABAH, "some four million", 4000000, None, None, "approx", "refugees",
            "Syrian refugees", "Turkey", "turkey_refugees", "", 1500),
    fig_row(ALJ, "over 500", 500, 500, None, "more_than", "killed", "people", "Idlib",
            "idlib_killed", "since late April", 1563),
    fig_row(REUT, "hundreds", 200, 200, 999, "vague", "killed", "people", "Idlib",
            "idlib_killed", "", 2100),
    fig_row(REUT, "at least 17", 17, 17, None, "at_least", "killed", "people", "Idlib"),
]


@pytest.fixture
def figures() -> pd.DataFrame:
    return as_csv(pd.DataFrame(FIGURE_ROWS, columns=FIGURE_COLUMNS))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    # the package builds Figure objects itself; none may be left registered with pyplot
    leaked = plt.get_fignums()
    plt.close("all")
    assert leaked == [], "charts must not create pyplot figures"


def new_ax():
    return Figure().add_subplot()


def by_gid(ax, gid):
    return ax.findobj(lambda a: a.get_gid() == gid)


def ytick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def legend_texts(ax):
    leg = ax.get_legend()
    return [t.get_text() for t in leg.get_texts()] if leg else []


# ----------------------------------------------------------------------------- numbers

@pytest.mark.parametrize("x, text", [
    (500000, "500,000"), (1000, "1,000"), (12, "12"), (1_000_000, "1M"),
    (3_600_000, "3.6M"), (2e9, "2B"), (0, "0"), (0.5, "0.5"), (np.nan, ""),
])
def test_format_number(x, text):
    assert format_number(x) == text


# ----------------------------------------------------------------------------- claims_compared

def test_claims_compared_returns_the_axes_it_is_given(figures, articles):
    ax = new_ax()
    assert claims_compared(figures, articles, ax=ax) is ax


def test_claims_compared_draws_each_article_with_its_bounds(figures, articles):
    ax = claims_compared(figures, articles)
    # "More than half a million" / "over 500" = bar + arrow up, "nearly one million" = bar +
    # arrow down, "hundreds" = a band over 200..999
    assert len(by_gid(ax, "lower")) == 2 and len(by_gid(ax, "lower-arrow")) == 2
    assert len(by_gid(ax, "upper")) == 1 and len(by_gid(ax, "upper-arrow")) == 1
    assert sorted(ln.get_xdata()[0] for ln in by_gid(ax, "lower")) == [500, 500000]
    (band,) = by_gid(ax, "vague")
    assert band.get_x() == 200 and band.get_x() + band.get_width() == 999
    up = next(a for a in by_gid(ax, "lower-arrow") if a._posA_posB[0][0] == 500000)
    down = by_gid(ax, "upper-arrow")[0]
    (x0, _), (x1, _) = up._posA_posB
    assert x0 == 500000 and x1 > x0  # open towards larger numbers
    (x0, _), (x1, _) = down._posA_posB
    assert x0 == 1000000 and x1 < x0  # open towards smaller numbers
    # Turkey: exact is a filled dot, "some four million" a hollow one
    (exact,), (approx,) = by_gid(ax, "exact"), by_gid(ax, "approx")
    assert exact.get_xdata()[0] == 3600000 and approx.get_xdata()[0] == 4000000
    assert exact.get_markerfacecolor() != approx.get_markerfacecolor()
    assert approx.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    # the unlinked "at least 17" is not a claim reported twice: not drawn
    assert len(by_gid(ax, "surface")) == 6
    assert "“at least 17”" not in [t.get_text() for t in by_gid(ax, "surface")]


def test_claims_compared_labels_axes_and_legend(figures, articles):
    ax = claims_compared(figures, articles)
    assert ax.get_title(loc="left")
    assert ax.get_xscale() == "log"  # 200 .. 4,000,000 spans more than a decade
    assert "people" in ax.get_xlabel()
    labels = ytick_texts(ax)
    assert any(t.startswith("displaced · civilians · Idlib") for t in labels)
    assert any(t.startswith("refugees · Syrian refugees · Turkey") for t in labels)
    assert "Al Jazeera · 30 Aug 2019" in labels and "Moscow Times · 5 Mar 2020" in labels
    legend = legend_texts(ax)
    assert len(legend) == 5  # exact, approx, lower, upper bound, vague: the shapes present
    assert any("at least" in t for t in legend) and any("nearly" in t for t in legend)
    # tick labels with thousands separators / M, never scientific notation
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all("e" not in t and "^" not in t for t in ticks)
    assert "1M" in ticks


def test_claims_compared_headers_are_bold_and_rows_follow_dates(figures, articles):
    ax = claims_compared(figures, articles)
    labels = ax.get_yticklabels()
    bold = [t.get_text() for t in labels if t.get_fontweight() == "bold"]
    assert len(bold) == 3  # one header per claim
    texts = ytick_texts(ax)
    i = texts.index(next(t for t in texts if t.startswith("displaced")))
    assert texts[i + 1:i + 3] == ["Al Jazeera · 30 Aug 2019", "Moscow Times · 5 Mar 2020"]


def test_claims_compared_linear_axis_within_one_order_of_magnitude(figures, articles):
    turkey = figures[figures["claim"] == "turkey_refugees"]
    ax = claims_compared(turkey, articles)
    assert ax.get_xscale() == "linear"
    assert ax.get_xlim()[0] == 0


def test_claims_compared_vague_band_and_range_segment(articles):
    rows = [
        fig_row(ALJ, "over 500", 500, 500, None, "more_than", "killed", "people", "Idlib", "k"),
        fig_row(SABAH, "hundreds", 200, 200, 999, "vague", "killed", "people", "Idlib", "k"),
        fig_row(MT, "between 200 and 300", 250, 200, 300, "range", "killed", "people", "Idlib",
                "k"),
    ]
    ax = claims_compared(as_csv(pd.DataFrame(rows)), articles)
    (band,) = by_gid(ax, "vague")
    assert band.get_x() == 200 and band.get_x() + band.get_width() == 999
    (segment,) = by_gid(ax, "range")
    assert list(segment.get_xdata()) == [200, 300]
    assert ax.get_xscale() == "linear"  # 200 .. 999 is within one order of magnitude
    assert any("vague" in t for t in legend_texts(ax))


def test_claims_compared_labels_article_by_id_without_outlet(articles):
    rows = [
        fig_row(REUT, "at least 12", 12, 12, None, "at_least", "killed", "civilians", "Maarat",
                "m"),
        fig_row(ALJ, "At least 12", 12, 12, None, "at_least", "killed", "civilians", "Maarat",
                "m"),
    ]
    ax = claims_compared(as_csv(pd.DataFrame(rows)), articles)
    assert f"{REUT} · 12 Jan 2020" in ytick_texts(ax)


def test_claims_compared_uses_claims_table_labels(figures, articles):
    claims = pd.DataFrame([dict(claim="turkey_refugees", category="refugees",
                                subject="registered Syrians", location="Turkey", period="",
                                articles=2, outlets=2, sources=2, low=3.6e6, high=4e6,
                                spread=1.11, first_date="2019-08-30", last_date="2019-08-31",
                                article_ids=f"{ALJ};{SABAH}")])
    ax = claims_compared(figures, articles, claims=as_csv(claims))
    assert any(t.startswith("refugees · registered Syrians · Turkey") for t in ytick_texts(ax))


def test_claims_compared_min_articles(figures, articles):
    ax = claims_compared(figures, articles, min_articles=3)
    assert not ax.lines and not ax.patches
    assert ax.get_title(loc="left")


def test_claims_compared_figure_grows_with_rows(articles):
    def claims(n):
        rows = []
        for k in range(n):
            for art in (ALJ, SABAH):
                rows.append(fig_row(art, "12", 12 + k, None, None, "exact", "killed",
                                    f"group {k}", "Idlib", f"c{k}"))
        return as_csv(pd.DataFrame(rows))

    small = claims_compared(claims(2), articles).figure.get_figheight()
    big = claims_compared(claims(12), articles).figure.get_figheight()
    assert big > small * 2


def test_claims_compared_accepts_api_frame_with_none_and_empty_strings(articles):
    frame = pd.DataFrame(FIGURE_ROWS, columns=FIGURE_COLUMNS)  # None / "" rather than NaN
    ax = claims_compared(frame, articles)
    assert len(by_gid(ax, "surface")) == 6


# ----------------------------------------------------------------------------- timeline

def test_timeline_one_line_per_claim(figures, articles):
    ax = new_ax()
    assert timeline(figures, articles, ax=ax) is ax
    lines = by_gid(ax, "timeline-line")
    assert len(lines) == 3
    displaced = next(ln for ln in lines if ln.get_label().startswith("displaced"))
    dates = [mdates.num2date(x).date().isoformat() for x in
             mdates.date2num(displaced.get_xdata())]
    assert dates == ["2019-08-30", "2020-03-05"]
    assert list(displaced.get_ydata()) == [500000, 1000000]
    # each mention keeps its wording's shape (one artist per claim and shape)
    assert len(by_gid(ax, "timeline-lower")) == 2 and len(by_gid(ax, "timeline-upper")) == 1
    assert len(by_gid(ax, "timeline-exact")) == 1 and len(by_gid(ax, "timeline-approx")) == 1
    assert len(by_gid(ax, "timeline-vague")) == 1
    (bar,) = by_gid(ax, "timeline-vague-bar")  # "hundreds": a bar over 200..999
    assert [list(seg[:, 1]) for seg in bar.get_segments()] == [[200, 999]]


def test_timeline_axes_scales_and_legend(figures, articles):
    ax = timeline(figures, articles)
    assert ax.get_yscale() == "log"
    assert "people" in ax.get_ylabel() and "date" in ax.get_xlabel().lower()
    assert ax.get_title(loc="left")
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    texts = legend_texts(ax)
    assert any(t.startswith("refugees · Syrian refugees · Turkey") for t in texts)
    # legend sits outside the plotting area, to the right: it cannot hide data
    anchor = ax.get_legend().get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    assert anchor.x0 >= 1.0


def test_timeline_by_category_and_place(figures, articles):
    ax = timeline(figures, articles, by="category")
    labels = sorted(ln.get_label() for ln in by_gid(ax, "timeline-line"))
    # every category and place is seen on two dates here; the unlinked "at least 17" joins
    # killed · Idlib
    assert labels == ["displaced · Idlib", "killed · Idlib", "refugees · Turkey"]
    killed = next(ln for ln in by_gid(ax, "timeline-line") if ln.get_label().startswith("kill"))
    assert list(killed.get_ydata()) == [500, np.median([200, 17])]


def test_timeline_by_category_keeps_groups_seen_on_two_dates(articles):
    rows = [
        fig_row(ALJ, "over 500", 500, 500, None, "more_than", "killed", "people", "Idlib"),
        fig_row(MT, "612", 612, None, None, "exact", "killed", "people", "Idlib"),
        fig_row(MT, "thousands", 2000, 2000, 9999, "vague", "protesters", "Syrians", "border"),
        fig_row(MT, "two", 2, None, None, "exact", "other", "", ""),
    ]
    ax = timeline(as_csv(pd.DataFrame(rows)), articles, by="category")
    assert [ln.get_label() for ln in by_gid(ax, "timeline-line")] == ["killed · Idlib"]


def test_timeline_rejects_unknown_grouping(figures, articles):
    with pytest.raises(ValueError, match="by must be"):
        timeline(figures, articles, by="outlet")


def test_timeline_without_dates_is_empty(figures, articles):
    undated = articles.assign(date=np.nan)
    ax = timeline(figures, undated)
    assert not ax.lines and not ax.collections
    assert ax.get_title(loc="left")


# ----------------------------------------------------------------------------- overview

def test_overview_heatmap_counts(figures, articles):
    ax = new_ax()
    assert overview(figures, articles, ax=ax) is ax
    (image,) = [im for im in ax.get_images() if isinstance(im, AxesImage)]
    assert image.get_array().shape == (4, 3)  # 4 articles x killed, displaced, refugees
    assert [t.get_text() for t in ax.get_xticklabels()] == ["killed", "displaced", "refugees"]
    rows = ytick_texts(ax)
    assert rows[0] == "Al Jazeera · 30 Aug 2019  (3)"
    assert rows[2] == f"{REUT} · 12 Jan 2020  (2)"
    counts = sorted(t.get_text() for t in by_gid(ax, "count"))
    assert counts == ["1"] * 5 + ["2"]  # one annotation per non-empty cell
    assert ax.get_title(loc="left")


def test_overview_without_articles_labels_by_id(figures):
    ax = overview(figures)
    assert sorted(ytick_texts(ax)) == sorted(f"{a}  ({n})" for a, n in
                                             [(ALJ, 3), (SABAH, 1), (REUT, 2), (MT, 1)])


# ----------------------------------------------------------------------------- empty input

EMPTY = pd.DataFrame(columns=FIGURE_COLUMNS)


@pytest.mark.parametrize("draw", [
    lambda f, a: claims_compared(f, a),
    lambda f, a: timeline(f, a),
    lambda f, a: timeline(f, a, by="category"),
    lambda f, a: overview(f, a),
], ids=["claims_compared", "timeline", "timeline-category", "overview"])
@pytest.mark.parametrize("articles_frame", [None, pd.DataFrame(columns=ARTICLE_COLUMNS)],
                         ids=["no-articles", "empty-articles"])
def test_empty_input_gives_empty_titled_axes(draw, articles_frame):
    ax = draw(EMPTY, articles_frame)
    assert ax.get_title(loc="left")
    assert not ax.lines and not ax.collections and not ax.patches and not ax.get_images()


def test_empty_input_draws_on_given_axes():
    ax = new_ax()
    assert claims_compared(EMPTY, None, ax=ax) is ax


# ----------------------------------------------------------------------------- draw_all

def test_draw_all_writes_three_pngs(figures, articles, tmp_path):
    out = tmp_path / "charts" / "nested"
    paths = draw_all(figures, articles, None, out)
    assert [p.name for p in paths] == ["claims_compared.png", "timeline.png", "overview.png"]
    for p in paths:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in paths)  # no temps


def test_draw_all_with_empty_tables(tmp_path):
    paths = draw_all(EMPTY, pd.DataFrame(columns=ARTICLE_COLUMNS), None, tmp_path)
    assert len(paths) == 3 and all(p.stat().st_size > 0 for p in paths)


# --------------------------------------------------------------------------- drawn from a subset

def drawn(ax) -> list:
    """What a reader sees on the axes: title, labels, texts, tick labels, line and mark data."""
    out = [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel(), ax.get_yscale()]
    out += [t.get_text() for t in ax.texts]
    out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    out += [np.asarray(line.get_xydata(), dtype=float).round(6).tolist() for line in ax.get_lines()]
    out += [np.asarray(c.get_offsets(), dtype=float).round(6).tolist() for c in ax.collections]
    out += [np.asarray(im.get_array()).tolist() for im in ax.images]
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """stats.track over 120 generated news-like articles (the benchmark's corpus)."""
    import subprocess
    import sys
    from pathlib import Path

    import stats

    folder = tmp_path_factory.mktemp("gen") / "corpus"
    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
    subprocess.run([sys.executable, str(bench), "--articles", "120", "--write-corpus", str(folder)],
                   check=True, capture_output=True)
    return stats.track([folder])


@pytest.mark.parametrize("name", ["claims_compared", "timeline", "overview"])
def test_charts_from_the_needed_rows_equal_charts_from_all_rows(generated, name):
    from stats.charts import needed

    result = generated
    want_claims, want_articles = needed(result.claims, result.articles, max_articles=30)
    figs = result.figures
    subset = figs[figs.claim.isin(want_claims) | figs.article.isin(want_articles)]
    assert len(subset) < 0.6 * len(figs) and len(want_articles) == 30
    draw = {"claims_compared": lambda f: claims_compared(f, result.articles, claims=result.claims),
            "timeline": lambda f: timeline(f, result.articles, claims=result.claims),
            "overview": lambda f: overview(f, result.articles)}[name]
    full, part = drawn(draw(figs)), drawn(draw(subset))
    assert full == part
    assert len(full) > 20            # the charts are not empty


def test_each_chart_drawn_from_the_rows_sent_to_it_equals_the_chart_of_all_rows(generated):
    # draw_all sends each chart only the rows it draws (claims_compared: the mentions it shows),
    # and of the claims and articles tables only those rows' claims and articles
    from stats.charts import CHART_FILES
    from stats.charts._draw import _inputs_for

    result = generated
    for name, draw in zip(CHART_FILES, (
            lambda f, a, c, **kw: claims_compared(f, a, claims=c, **kw),
            lambda f, a, c: timeline(f, a, claims=c),
            lambda f, a, c: overview(f, a))):
        rows, articles, claims, options = _inputs_for(name, result.figures, result.articles,
                                                      result.claims)
        assert len(rows) < len(result.figures) / 2
        if claims is not None:
            assert set(claims["claim"]) == set(rows["claim"]) and len(claims) < len(result.claims) / 2
        assert drawn(draw(rows, articles, claims, **options)) == \
            drawn(draw(result.figures, result.articles, result.claims))


# --------------------------------------------------------------------------- claim_history

HISTORY_COLUMNS = ["claim", "article", "date", "outlet", "source", "attribution", "value", "low",
                   "high", "qualifier", "surface", "sentence", "start", "end", "order", "reading",
                   "current"]


def hist_row(article, date, outlet, value, low=None, high=None, qualifier="exact", *,
             claim="quake", attribution="", order=0, source=None, reading=True, current=False,
             surface=""):
    return dict(claim=claim, article=article, date=date, outlet=outlet, source=source or outlet,
                attribution=attribution, value=value, low=low, high=high, qualifier=qualifier,
                surface=surface or format_number(value), sentence="", start=0, end=5,
                order=order, reading=reading, current=current)


def history_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def claim_row(claim="quake", **kw) -> pd.Series:
    row = dict(claim=claim, category="killed", subject="people", location="Valoria",
               period="", articles=4, sources=3, unit="people", readings=4, best=np.nan,
               best_low=np.nan, best_high=np.nan, latest_date="", trend="", disputed=False)
    return pd.Series(row | kw)


def x_dates(line) -> list[str]:
    return [mdates.num2date(x).date().isoformat() for x in line.get_xdata()]


def marks(ax, family="exact"):
    return by_gid(ax, family)


@pytest.fixture
def rising_toll() -> pd.DataFrame:
    """An earthquake's toll as three outlets report it over ten days (the second update of
    the first outlet supersedes its first)."""
    rows = [
        hist_row("wire-1", "2023-05-01", "Harbour Wire", 12, order=0),
        hist_row("daily-1", "2023-05-03", "Valley Daily", 40, order=1),
        hist_row("wire-2", "2023-05-06", "Harbour Wire", 85, order=2),
        hist_row("post-1", "2023-05-10", "Coast Post", 130, order=3, current=True),
        hist_row("post-1", "2023-05-10", "Coast Post", 12, order=3, reading=False),  # recalled
    ]
    return as_csv(history_frame(rows))


def test_claim_history_rising_toll_over_time(rising_toll):
    info = claim_row(best=130, best_low=130, best_high=130, latest_date="2023-05-10",
                     trend="rising")
    ax = new_ax()
    assert claim_history(rising_toll, info, ax=ax) is ax
    points = marks(ax, "exact")
    assert len(points) == 4                     # the readings; the recalled mention is not one
    got = sorted(zip(sum((x_dates(p) for p in points), []), [p.get_ydata()[0] for p in points]))
    assert got == [("2023-05-01", 12), ("2023-05-03", 40), ("2023-05-06", 85), ("2023-05-10", 130)]
    # one colour per outlet: the wire's two readings share one, three colours in all
    colour = {y: p.get_color() for p, y in zip(points, [p.get_ydata()[0] for p in points])}
    assert colour[12] == colour[85] and len({colour[12], colour[40], colour[130]}) == 3
    assert {"Harbour Wire", "Valley Daily", "Coast Post"} <= set(legend_texts(ax))
    (course,) = by_gid(ax, "history-course")
    assert list(course.get_ydata()) == [12, 40, 85, 130]
    # the best estimate over the latest week, and its value beside it
    (best,) = by_gid(ax, "best-line")
    assert list(best.get_ydata()) == [130, 130]
    lo, hi = sorted(mdates.num2date(x).date().isoformat() for x in best.get_xdata())
    assert lo <= "2023-05-03" and hi >= "2023-05-10"
    assert [t.get_text() for t in by_gid(ax, "best-label")] == ["130"]
    assert not by_gid(ax, "best-band")           # best_low == best_high: no band
    assert ax.get_yscale() == "log"              # 12 .. 130
    assert "Valoria" in ax.get_title(loc="left") and ax.get_title(loc="right") == ""
    (sub,) = by_gid(ax, "subtitle")
    assert "4 readings from 3 sources" in sub.get_text() and "trend: rising" in sub.get_text()
    assert "date" in ax.get_xlabel().lower() and "people" in ax.get_ylabel()
    assert not by_gid(ax, "dispute-outline")


def test_claim_history_without_claim_row_takes_best_from_current_readings(rising_toll):
    ax = claim_history(rising_toll)
    (best,) = by_gid(ax, "best-line")
    assert list(best.get_ydata()) == [130, 130]
    assert "quake" in ax.get_title(loc="left")


def test_claim_history_marks_a_dispute():
    # the official toll and a study's estimate, the same week, far apart
    rows = [
        hist_row("gov-1", "2024-02-01", "Island Herald", 64, attribution="the health department",
                 order=0, current=True),
        hist_row("study-1", "2024-02-03", "Science Desk", 2900, 800, 4600, "range",
                 attribution="a university study", order=1, current=True),
        hist_row("herald-2", "2024-02-04", "Evening Ledger", 64,
                 attribution="the health department", order=2, current=True),
    ]
    frame = history_frame(rows)
    disputed = claim_row(best=64, best_low=64, best_high=4600, latest_date="2024-02-04",
                         trend="stable", disputed=True, category="")
    ax = claim_history(frame, disputed)
    assert ax.get_title(loc="right") == "DISPUTED"
    (rings,) = by_gid(ax, "dispute-outline")
    assert sorted(rings.get_ydata()) == [64, 64, 2900]
    assert "readings that disagree" in legend_texts(ax)
    # who says the lowest and the highest, beside them
    assert sorted(t.get_text() for t in by_gid(ax, "dispute-who")) == [
        "a university study", "the health department"]
    (band,) = by_gid(ax, "best-band")
    assert band.get_y() == 64 and band.get_y() + band.get_height() == 4600
    assert ax.get_yscale() == "log"
    # the same readings, not disputed by the claims table: nothing marked
    calm = claim_history(frame, disputed.copy().set_axis(disputed.index).where(
        disputed.index != "disputed", False))
    assert calm.get_title(loc="right") == "" and not by_gid(calm, "dispute-outline")


def test_claim_history_running_total_rising_within_a_week_is_no_dispute():
    # two attributions in one article disagree; a later, higher toll from another outlet does
    # not (a running total grows)
    rows = [
        hist_row("a", "2024-03-01", "Herald", 10, attribution="police", order=0),
        hist_row("a", "2024-03-01", "Herald", 300, attribution="rescuers", order=0),
        hist_row("b", "2024-03-04", "Ledger", 2000, attribution="police", order=1),
    ]
    ax = claim_history(history_frame(rows), claim_row(disputed=True, category="killed"))
    (rings,) = by_gid(ax, "dispute-outline")
    assert sorted(rings.get_ydata()) == [10, 300]
    # one article's two readings sit side by side, not on top of each other
    xs = sorted(p.get_xdata()[0] for p in marks(ax) if p.get_ydata()[0] in (10, 300))
    assert xs[0] < xs[1] and xs[1] - xs[0] < 1


def test_claim_history_undated_sources_disagreeing_are_not_ringed_but_one_article_is():
    # without dates, two sources cannot be placed in one week: only two attributions in one
    # article disagree
    rows = [
        hist_row("a", "", "Tribune", 40, attribution="the ministry", order=0),
        hist_row("a", "", "Tribune", 900, attribution="aid workers", order=0),
        hist_row("b", "", "Gazette", 5000, attribution="the ministry", order=1),
    ]
    ax = claim_history(history_frame(rows), claim_row(disputed=True, category=""))
    (rings,) = by_gid(ax, "dispute-outline")
    assert sorted(rings.get_ydata()) == [40, 900]


def test_claim_history_says_when_the_disagreement_is_among_undated_readings(rising_toll):
    extra = history_frame([
        hist_row("u", "", "Hill Times", 50, attribution="the police", order=9),
        hist_row("u", "", "Hill Times", 900, attribution="a relief agency", order=9)])
    frame = pd.concat([rising_toll, as_csv(extra)], ignore_index=True)
    ax = claim_history(frame, claim_row(disputed=True))
    assert ax.get_title(loc="right") == "DISPUTED" and not by_gid(ax, "dispute-outline")
    (sub,) = by_gid(ax, "subtitle")
    assert "2 undated not shown (the readings that disagree are among them)" in sub.get_text()


def test_claim_history_undated_claim_in_reading_order():
    rows = [
        hist_row("c", "", "Gazette", 300, order=7),
        hist_row("a", "", "Tribune", 120, order=1),
        hist_row("b", "", "", 210, order=4, source="b"),
    ]
    ax = claim_history(as_csv(history_frame(rows)), claim_row(readings=3))
    points = sorted(marks(ax), key=lambda p: p.get_xdata()[0])
    assert [(p.get_xdata()[0], p.get_ydata()[0]) for p in points] == [(0, 120), (1, 210), (2, 300)]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Tribune", "b", "Gazette"]
    assert "reading order" in ax.get_xlabel()
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0


def test_claim_history_notes_undated_readings_of_a_dated_claim(rising_toll):
    extra = history_frame([hist_row("undated-1", "", "Hill Times", 99, order=9)])
    frame = pd.concat([rising_toll, as_csv(extra)], ignore_index=True)
    ax = claim_history(frame, claim_row())
    assert len(marks(ax)) == 4
    (sub,) = by_gid(ax, "subtitle")
    assert "1 undated not shown" in sub.get_text()


def test_claim_history_draws_each_bounds_family_upright():
    rows = [
        hist_row("a", "2022-09-01", "Herald", 200, 200, None, "at_least", order=0),
        hist_row("b", "2022-09-02", "Ledger", 500, None, 500, "nearly", order=1),
        hist_row("c", "2022-09-03", "Tribune", 450, 300, 600, "range", order=2),
        hist_row("d", "2022-09-04", "Gazette", 200, 200, 999, "vague", order=3),
        hist_row("e", "2022-09-05", "Post", 700, None, None, "approx", order=4),
    ]
    ax = claim_history(history_frame(rows), claim_row())
    (up,) = by_gid(ax, "lower-arrow")
    (x0, y0), (x1, y1) = up._posA_posB
    assert x0 == x1 and y0 == 200 and y1 > 200       # open upward from the bound
    (down,) = by_gid(ax, "upper-arrow")
    (x0, y0), (x1, y1) = down._posA_posB
    assert x0 == x1 and y0 == 500 and y1 < 500
    (segment,) = by_gid(ax, "range")
    assert list(segment.get_ydata()) == [300, 600] and len(set(segment.get_xdata())) == 1
    (band,) = by_gid(ax, "vague")
    assert band.get_y() == 200 and band.get_y() + band.get_height() == 999
    (approx,) = by_gid(ax, "approx")
    assert approx.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0))
    legend = legend_texts(ax)
    assert any("at least" in t for t in legend) and any("nearly" in t for t in legend)
    assert any("between" in t for t in legend) and any("hundreds" in t for t in legend)


def test_claim_history_caps_the_coloured_sources():
    rows = [hist_row(f"a{i}", f"2021-01-{i + 1:02d}", f"Outlet {i}", 100 + i, order=i)
            for i in range(9)] + [hist_row("a9", "2021-01-10", "Outlet 0", 120, order=9)]
    ax = claim_history(history_frame(rows), claim_row(), max_sources=4)
    legend = legend_texts(ax)
    assert "Outlet 0" in legend and "6 others" in legend
    colours = {p.get_color() for p in marks(ax)}
    assert len(colours) == 4                         # three outlets and the grey of the others


@pytest.mark.parametrize("frame", [
    pd.DataFrame(columns=HISTORY_COLUMNS),
    None,
    history_frame([hist_row("a", "2021-01-01", "Herald", 5, claim="other-claim")]),
], ids=["empty", "none", "another-claim"])
def test_claim_history_empty_gives_titled_empty_axes(frame):
    ax = claim_history(frame, claim_row())
    assert ax.get_title(loc="left")
    assert not ax.lines and not ax.collections and not ax.patches


# --------------------------------------------------------------------------- draw_all: histories

def _history_corpus(n_claims_readings: dict[str, int]):
    """Figures, articles and a claims table (without the standing columns): claim ``c`` told
    by ``n`` outlets, a day apart."""
    figs, arts = [], []
    for c, n in n_claims_readings.items():
        for i in range(n):
            aid = f"{c}-{i}"
            arts.append(dict(id=aid, title="Flood", path=f"{aid}.txt", date=f"2022-07-{i + 1:02d}",
                             outlet=f"{c} outlet {i}", url="", characters=900, figures=1,
                             error="", reprint_of=""))
            figs.append(fig_row(aid, str(40 + 10 * i), 40 + 10 * i, None, None, "exact", "missing",
                                "villagers", c, claim=c) | {"attribution": "the coastguard"})
    claims = pd.DataFrame([dict(claim=c, category="missing", subject="villagers", location=c,
                                period="", articles=n, outlets=n, sources=n, low=40,
                                high=40 + 10 * (n - 1), spread=1.0, first_date="2022-07-01",
                                last_date=f"2022-07-{n:02d}", mentions=n, unit="people")
                           for c, n in n_claims_readings.items()])
    return (as_csv(pd.DataFrame(figs, columns=FIGURE_COLUMNS)), as_csv(pd.DataFrame(arts)),
            as_csv(claims))


def test_draw_all_writes_histories_of_claims_with_three_readings(tmp_path):
    figures, articles, claims = _history_corpus({"delta": 4, "ridge": 3, "cove": 2})
    stale = tmp_path / "history" / "gone-claim.png"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    paths = draw_all(figures, articles, claims, tmp_path)
    assert [p.name for p in paths[:3]] == list(("claims_compared.png", "timeline.png",
                                                "overview.png"))
    histories = [p.relative_to(tmp_path).as_posix() for p in paths[3:]]
    # rank: most sources first
    assert histories == ["history/delta.png", "history/ridge.png"]
    assert sorted(p.name for p in (tmp_path / "history").iterdir()) == ["delta.png", "ridge.png"]
    for p in paths:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_draw_all_writes_at_most_max_histories(tmp_path, monkeypatch):
    import stats.charts._select as select

    figures, articles, claims = _history_corpus({"delta": 4, "ridge": 5, "cove": 3})
    monkeypatch.setattr(select, "MAX_HISTORIES", 2)
    paths = draw_all(figures, articles, claims, tmp_path, map_fn=map)
    assert [p.name for p in paths[3:]] == ["ridge.png", "delta.png"]


def test_draw_all_draws_no_history_from_some_of_its_rows(tmp_path, caplog):
    figures, articles, claims = _history_corpus({"delta": 4, "ridge": 3})
    claims = claims.assign(mentions=[4, 3])
    partial = figures.drop(index=figures.index[figures["claim"] == "delta"][:1])
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "delta.png").write_bytes(b"an earlier drawing")
    paths = draw_all(partial, articles, claims, tmp_path)
    assert [p.name for p in paths[3:]] == ["ridge.png"]
    assert not (tmp_path / "history" / "delta.png").exists()
    assert "not drawn" in caplog.text
    # the rows given as linked: drawn, as from all the figures
    paths = draw_all(partial, articles, claims, tmp_path / "linked", linked=figures)
    assert [p.name for p in paths[3:]] == ["delta.png", "ridge.png"]
    whole = draw_all(figures, articles, claims, tmp_path / "whole")
    assert (paths[3].read_bytes() == whole[3].read_bytes())


def test_needed_keeps_the_rows_of_the_histories():
    from stats.charts import needed
    from stats.standing import with_standing

    figures, articles, claims = _history_corpus({"delta": 4, "ridge": 3, "cove": 1})
    want, _ = needed(with_standing(claims, figures, articles), articles)
    assert {"delta", "ridge"} <= want and "cove" not in want


def test_chart_files_get_the_mode_the_umask_allows(figures, articles, tmp_path):
    import os

    old = os.umask(0o027)
    try:
        paths = draw_all(figures, articles, None, tmp_path)
    finally:
        os.umask(old)
    assert {p.stat().st_mode & 0o777 for p in paths} == {0o640}
