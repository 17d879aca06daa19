"""Article-level checks on the bundled Idlib corpus: offsets, figures that must appear, page
furniture that must not (trafilatura's with/without style)."""
from pathlib import Path

import pytest

from stats.articles import bundled_corpus, read_article


def texts():
    return {p.stem: read_article(p).text for p in sorted(bundled_corpus().glob("*.txt"))}


def test_every_row_slices_to_its_surface(bundled):
    t = texts()
    assert len(bundled.figures) > 40
    for row in bundled.figures.itertuples():
        assert t[row.article][row.start:row.end] == row.surface


def test_bounds_are_consistent(bundled):
    for row in bundled.figures.itertuples():
        if row.low == row.low:      # not NaN
            assert row.low <= row.value
        if row.high == row.high:
            assert row.value <= row.high


def test_rows_ordered_by_article_and_offset(bundled):
    keys = list(zip(bundled.figures.article, bundled.figures.start))
    assert keys == sorted(keys)


@pytest.mark.parametrize("article, surface, value, category", [
    ("000_19b8293dde1b687b", "More than half a million", 500000, "displaced"),
    ("000_19b8293dde1b687b", "3.6 million", 3600000, "refugees"),
    ("000_19b8293dde1b687b", "half", 1500000, "displaced"),
    ("001_3e3324fbc864f3b6", "some four million", 4000000, "refugees"),
    ("003_9902f22a36a9c5de", "at least seventeen", 17, "killed"),
    ("004_7cd8635b9329f358", "Nearly one million", 1000000, "displaced"),
    ("004_7cd8635b9329f358", "612", 612, "killed"),
])
def test_figures_that_must_appear(bundled, article, surface, value, category):
    rows = bundled.figures[(bundled.figures.article == article) & (bundled.figures.surface == surface)]
    assert len(rows) >= 1, f"{surface!r} not found in {article}"
    assert rows.iloc[0].value == pytest.approx(value)
    assert rows.iloc[0].category == category


@pytest.mark.parametrize("article, furniture", [
    ("004_7cd8635b9329f358", "10\u00a0min read"),                 # reading time (no-break space)
    ("004_7cd8635b9329f358", "more than 6% in 2021"),             # 'Check Also' teaser after the article
    ("003_9902f22a36a9c5de", "Over 230,000 People Flee Idlib"),   # 'Related article:' teaser
    ("003_9902f22a36a9c5de", "https://www.themoscowtimes.com/2020/01/12"),
    ("000_19b8293dde1b687b", "2 days ago"),                        # teaser timestamps
    ("004_7cd8635b9329f358", "Your email address will not be published"),
])
def test_page_furniture_yields_no_figures(bundled, article, furniture):
    text = texts()[article]
    at = text.index(furniture)
    rows = bundled.figures[bundled.figures.article == article]
    inside = rows[(rows.start < at + len(furniture)) & (rows.end > at)]
    assert inside.empty, inside[["surface", "start"]].to_dict("records")


def test_repeated_caption_counted_once(bundled):
    # 000 repeats its photo caption; it holds no figure, but the body sentence after does
    rows = bundled.figures[bundled.figures.article == "000_19b8293dde1b687b"]
    assert (rows.surface == "three million").sum() == 1


def test_articles_table(bundled):
    a = bundled.articles
    assert list(a.id) == sorted(p.stem for p in bundled_corpus().glob("*.txt"))
    assert (a.error == "").all()
    assert (a.figures > 0).all()
    assert a.characters.min() > 1000
    assert Path(a.path.iloc[0]).exists()
