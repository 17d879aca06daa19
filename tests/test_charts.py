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
    claims_compared, draw_all, format_number, overview, timeline,
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
