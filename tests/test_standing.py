"""Where each claim stands (stats.standing): readings, best estimate, trend, disputes, history.

The tables are composed here, a row per mention, as the figures, articles and claims tables of a
run would hold them; the sentences are this file's own.
"""
import math

import pandas as pd
import pytest

import stats
from stats import standing


def _tables(mentions, articles, categories=None):
    """``mentions``: (claim, article, value, qualifier, low, high, attribution) tuples;
    ``articles``: (id, date, outlet, reprint_of) tuples."""
    rows = []
    for n, (claim, article, value, qualifier, low, high, attribution) in enumerate(mentions):
        rows.append({"article": article, "claim": claim, "start": 100 * n, "end": 100 * n + 5,
                     "value": float(value), "low": low, "high": high, "qualifier": qualifier,
                     "attribution": attribution, "surface": f"{value:,.0f}",
                     "sentence": f"The toll reached {value:,.0f}, {attribution or 'we'} said."})
    figures = pd.DataFrame(rows)
    arts = pd.DataFrame(articles, columns=["id", "date", "outlet", "reprint_of"])
    claims_ = sorted({m[0] for m in mentions})
    cats = categories or {}
    claims = pd.DataFrame({"claim": claims_, "category": [cats.get(c, "killed") for c in claims_]})
    return figures, arts, claims


def _one(mentions, articles, categories=None):
    figures, arts, claims = _tables(mentions, articles, categories)
    return standing.with_standing(claims, figures, arts).set_index("claim")


NAN = math.nan


def test_a_rising_running_total_stands_at_its_latest_week():
    # an earthquake toll reported over twelve days by four outlets
    got = _one([
        ("quake", "a1", 120, "at_least", 120, NAN, "civil defence"),
        ("quake", "a2", 800, "exact", NAN, NAN, "health ministry"),
        ("quake", "a3", 2400, "more_than", 2400, NAN, "health ministry"),
        ("quake", "a4", 2600, "exact", NAN, NAN, "health ministry"),
    ], [("a1", "2024-03-01", "Daily Courier", ""), ("a2", "2024-03-03", "Evening Post", ""),
        ("a3", "2024-03-10", "Wire Service", ""), ("a4", "2024-03-13", "Morning Star", "")]
    ).loc["quake"]
    assert got.trend == "rising"
    assert got.first_value == 120 and got.latest_value == 2600
    assert got.latest_date == "2024-03-13"
    # the latest week is 2024-03-06 .. 03-13: the readings of a3 and a4, median 2,500
    assert got.best == 2500
    assert got.best_low == 2400 and got.best_high == 2600   # 'more than 2,400' is open above
    assert got.readings == 4
    assert not got.disputed


def test_a_running_total_put_below_an_earlier_reading_is_revised():
    got = _one([
        ("flood", "b1", 310, "exact", NAN, NAN, "disaster agency"),
        ("flood", "b2", 450, "exact", NAN, NAN, "disaster agency"),
        ("flood", "b3", 390, "exact", NAN, NAN, "disaster agency"),
    ], [("b1", "2023-09-02", "River Times", ""), ("b2", "2023-09-05", "Valley News", ""),
        ("b3", "2023-09-20", "River Times", "")]).loc["flood"]
    assert got.trend == "revised"
    assert got.latest_value == 390


def test_a_count_that_does_not_accrue_falls_rather_than_is_revised():
    got = _one([
        ("camp", "c1", 52000, "approx", NAN, NAN, "UNHCR"),
        ("camp", "c2", 40000, "approx", NAN, NAN, "UNHCR"),
    ], [("c1", "2022-01-10", "Herald", ""), ("c2", "2022-04-10", "Gazette", "")],
        categories={"camp": "population"}).loc["camp"]
    assert got.trend == "falling"


def test_an_official_count_against_a_study_in_one_article_is_disputed():
    got = _one([
        ("storm", "d1", 64, "exact", NAN, NAN, "the governor's office"),
        ("storm", "d1", 2900, "approx", NAN, NAN, "a university study"),
        ("storm", "d2", 64, "exact", NAN, NAN, "the governor's office"),
    ], [("d1", "2018-06-01", "Island Daily", ""), ("d2", "2018-06-03", "Mainland Post", "")]
    ).loc["storm"]
    assert got.disputed
    assert got.best_low <= 64 and got.best_high >= 2900
    assert got.attributions.split("; ")[0] == "the governor's office"   # most quoted first


def test_two_sources_apart_in_one_week_are_disputed_and_an_update_is_not():
    apart = _one([
        ("camp", "e1", 12000, "exact", NAN, NAN, "local council"),
        ("camp", "e2", 45000, "exact", NAN, NAN, "aid agency"),
    ], [("e1", "2021-05-02", "Herald", ""), ("e2", "2021-05-05", "Gazette", "")],
        categories={"camp": "population"}).loc["camp"]
    assert apart.disputed
    # a toll a day later and higher is a running total's update, not a dispute
    update = _one([
        ("toll", "f1", 40, "exact", NAN, NAN, "police"),
        ("toll", "f2", 95, "exact", NAN, NAN, "hospital"),
        ("toll", "f3", 96, "exact", NAN, NAN, "police"),
    ], [("f1", "2021-05-02", "Herald", ""), ("f2", "2021-05-03", "Gazette", ""),
        ("f3", "2021-05-03", "Courier", "")]).loc["toll"]
    assert not update.disputed
    # the same two numbers a month apart: no longer the same week
    later = _one([
        ("camp", "g1", 12000, "exact", NAN, NAN, "local council"),
        ("camp", "g2", 45000, "exact", NAN, NAN, "aid agency"),
    ], [("g1", "2021-05-02", "Herald", ""), ("g2", "2021-06-15", "Gazette", "")],
        categories={"camp": "population"}).loc["camp"]
    assert not later.disputed


def test_a_reprint_is_one_source_and_an_outlets_later_article_replaces_its_earlier():
    got = _one([
        ("wreck", "h1", 30, "exact", NAN, NAN, "coast guard"),
        ("wreck", "h2", 30, "exact", NAN, NAN, "coast guard"),   # h2 reprints h1
        ("wreck", "h3", 41, "exact", NAN, NAN, "coast guard"),
        ("wreck", "h4", 44, "exact", NAN, NAN, "coast guard"),   # the Harbour News again
    ], [("h1", "2023-06-14", "Wire Service", ""), ("h2", "2023-06-14", "Town Paper", "h1"),
        ("h3", "2023-06-15", "Harbour News", ""), ("h4", "2023-06-17", "Harbour News", "")]
    ).loc["wreck"]
    # sources: the wire (h1 with its reprint h2) and the Harbour News (its latest, h4)
    assert got.readings == 2
    assert got.best == 37           # median of 30 and 44, not of 30, 30, 41, 44


def test_undated_articles_take_part_only_when_no_reading_is_dated():
    mixed = _one([
        ("cholera", "i1", 900, "exact", NAN, NAN, "health ministry"),
        ("cholera", "i2", 1000, "exact", NAN, NAN, "WHO"),
        ("cholera", "i3", 5000, "exact", NAN, NAN, "aid group"),     # undated
    ], [("i1", "2019-04-01", "Herald", ""), ("i2", "2019-04-04", "Gazette", ""),
        ("i3", "", "Courier", "")], categories={"cholera": "affected"}).loc["cholera"]
    assert mixed.best == 950 and mixed.best_high == 1000
    assert mixed.latest_value == 1000 and mixed.latest_date == "2019-04-04"
    undated = _one([
        ("cholera", "j1", 900, "exact", NAN, NAN, "health ministry"),
        ("cholera", "j2", 1000, "exact", NAN, NAN, "WHO"),
        ("cholera", "j3", 5000, "exact", NAN, NAN, "aid group"),
    ], [("j1", "", "Herald", ""), ("j2", "", "Gazette", ""), ("j3", "", "Courier", "")],
        categories={"cholera": "affected"}).loc["cholera"]
    assert undated.best == 1000 and undated.best_low == 900 and undated.best_high == 5000
    # no date: the course follows the reading order
    assert undated.first_value == 900 and undated.latest_value == 5000
    assert undated.latest_date == "" and undated.trend == "rising"


def test_an_article_reads_once_per_attribution_its_first_mention():
    got = _one([
        ("blast", "k1", 135, "exact", NAN, NAN, "health minister"),
        ("blast", "k1", 113, "exact", NAN, NAN, "health minister"),   # 'earlier today, 113'
        ("blast", "k1", 130, "approx", NAN, NAN, "The Red Cross"),
    ], [("k1", "2020-08-05", "Wire Service", "")]).loc["blast"]
    assert got.readings == 2 and got.best == 132.5
    assert not got.disputed     # 135 and about 130 agree; 113 is the same minister's earlier word


def test_vague_bounds_are_the_contracts():
    got = _one([
        ("slide", "l1", 24, "vague", 24, 99, ""),
        ("slide", "l2", 40, "nearly", NAN, 40, "police"),
    ], [("l1", "2020-01-02", "Herald", ""), ("l2", "2020-01-03", "Gazette", "")]).loc["slide"]
    assert got.best_low == 24 and got.best_high == 99 and got.best == 32


def test_history_is_in_date_order_with_readings_marked():
    figures, arts, claims = _tables([
        ("quake", "m2", 800, "exact", NAN, NAN, "health ministry"),
        ("quake", "m2", 650, "exact", NAN, NAN, "health ministry"),
        ("quake", "m1", 120, "at_least", 120, NAN, "civil defence"),
        ("quake", "m3", 900, "exact", NAN, NAN, ""),
    ], [("m2", "2024-03-03", "Evening Post", ""), ("m1", "2024-03-01", "Daily Courier", ""),
        ("m3", "", "Morning Star", "")])
    h = standing.history(figures, arts, "quake")
    assert list(h.columns) == list(standing.HISTORY_COLUMNS)
    assert h["article"].tolist() == ["m1", "m2", "m2", "m3"]
    assert h["date"].tolist() == ["2024-03-01", "2024-03-03", "2024-03-03", ""]
    assert h["reading"].tolist() == [True, True, False, True]
    # the dated readings of the latest week make the estimate; the undated one does not
    assert h["current"].tolist() == [True, True, False, False]
    assert h["outlet"].iloc[0] == "Daily Courier" and h["value"].iloc[1] == 800


def test_rank_puts_disputed_then_most_reported_first():
    claims = pd.DataFrame({"claim": ["a", "b", "c"], "disputed": [False, True, False],
                           "sources": [5, 2, 9], "best": [10.0, 3.0, 1.0]})
    assert standing.rank(claims)["claim"].tolist() == ["b", "c", "a"]


ARTICLES = {
    "2024-05-01_courier.txt": "Floods kill 40 in Kerrin province\n\nAt least 40 people were killed "
                              "by floods in Kerrin province, the disaster agency said on "
                              "Wednesday.\n",
    "2024-05-03_herald.txt": "Kerrin flood toll rises\n\nThe death toll from floods in Kerrin "
                             "province has risen to 85, the disaster agency said on Friday.\n",
    "2024-05-06_gazette.txt": "Kerrin flood toll tops 120\n\nMore than 120 people have been killed "
                              "by floods in Kerrin province, the disaster agency said.\n",
}


def test_track_gives_each_claim_its_standing_and_history(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "id,date,outlet,url\n2024-05-01_courier,2024-05-01,Courier,\n"
        "2024-05-03_herald,2024-05-03,Herald,\n2024-05-06_gazette,2024-05-06,Gazette,\n",
        encoding="utf-8")
    result = stats.track(tmp_path)
    assert set(standing.STANDING_COLUMNS) <= set(result.claims.columns)
    toll = result.claims[result.claims["articles"] == 3]
    assert len(toll) == 1, result.claims[["claim", "articles", "low", "high"]]
    toll = toll.iloc[0]
    assert toll.trend == "rising" and toll.latest_value == 120 and toll.first_value == 40
    assert toll.latest_date == "2024-05-06"
    # the week from 2024-04-29 to 05-06 holds all three: 40, 85, 120
    assert toll.best == 85 and toll.best_low == 40 and toll.best_high == 120
    assert toll.attributions == "disaster agency"
    h = result.history(toll.claim)
    assert h["date"].tolist() == sorted(h["date"]) and h["date"].iloc[-1] == "2024-05-06"
    # the headline's 40 restates the 40 the lede attributes: one reading an article
    readings = h[h["reading"]]
    assert readings["outlet"].tolist() == ["Courier", "Herald", "Gazette"]
    assert readings["value"].tolist() == [40, 85, 120]
    with pytest.raises(KeyError):
        result.history("no-such-claim")
    # the tables written by the command hold the same columns
    out = tmp_path / "out"
    stats.track_to(out, tmp_path, charts=False)
    written = pd.read_csv(out / "claims.csv", keep_default_na=False)
    assert written.set_index("claim").loc[toll.claim, "trend"] == "rising"


def test_the_readmes_worked_example():
    got = _one([
        ("flood", "a", 40, "exact", NAN, NAN, ""),                      # the headline
        ("flood", "a", 40, "at_least", 40, NAN, "disaster agency"),
        ("flood", "b", 85, "exact", NAN, NAN, "disaster agency"),
        ("flood", "b", 300, "exact", NAN, NAN, "hospital official"),
        ("flood", "c", 120, "more_than", 120, NAN, "disaster agency"),
    ], [("a", "2024-05-01", "Courier", ""), ("b", "2024-05-03", "Herald", ""),
        ("c", "2024-05-06", "Courier", "")]).loc["flood"]
    assert (got.readings, got.best, got.best_low, got.best_high) == (3, 120, 85, 300)
    assert (got.first_value, got.latest_value, got.latest_date) == (40, 120, "2024-05-06")
    assert got.trend == "revised" and got.disputed
    assert got.attributions == "disaster agency; hospital official"


def test_rank_reads_disputed_as_text_too():
    # as a claims.csv read back with a blank cell gives it: text, not bools
    claims = pd.DataFrame({"claim": ["a", "b", "c"], "disputed": ["False", "True", None],
                           "sources": [5, 2, 9]})
    ranked = standing.rank(claims)
    assert ranked["claim"].tolist() == ["b", "c", "a"]
    assert ranked["disputed"].equals(claims["disputed"].iloc[[1, 2, 0]])   # the cells as they were
