"""Claims: linking figures that report the same count.

Rows below are written the way the context stage fills the figures table from news prose; most
come from the bundled Idlib articles, the rest are written like them. Pairs that must link are
the same claim in different words or spellings; pairs that must not share words but count
different things.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from stats import claims as C
from stats import places as P
from stats.claims import CLAIM_COLUMNS, ClaimOptions, link_claims, place_key, subject_key
from stats.reprints import find_reprints

CORPUS = Path(__file__).resolve().parents[1] / "stats" / "data" / "corpus" / "idlib"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def corpus_text(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def fig(article, value, category, subject, location, period="", *, qualifier="exact",
        low=None, high=None, start=0, surface="", sentence=None):
    return {"article": article, "start": start, "end": start + len(surface or str(value)),
            "surface": surface or str(value), "value": value, "low": low, "high": high,
            "qualifier": qualifier, "unit": "people", "category": category, "subject": subject,
            "location": location, "period": period, "attribution": "",
            "sentence": sentence if sentence is not None else f"{article}:{start}"}


def articles_frame(ids, *, dates=None, outlets=None, reprint_of=None, titles=None):
    n = len(ids)
    return pd.DataFrame({
        "id": ids, "title": titles or [""] * n, "path": [""] * n,
        "date": dates or [""] * n, "outlet": outlets or [""] * n, "url": [""] * n,
        "reprint_of": reprint_of or [""] * n, "copied_share": [0.0] * n,
    })


def link(*rows, **articles_kw):
    figures = pd.DataFrame(list(rows))
    ids = list(dict.fromkeys(figures["article"]))
    return link_claims(figures, articles_frame(ids, **articles_kw))


def linked(a: dict, b: dict) -> bool:
    if a["article"] == b["article"]:
        b = {**b, "start": a["start"] + 1000, "sentence": "another sentence"}
    claims, _ = link(a, b)
    return bool(claims.iloc[0]) and claims.iloc[0] == claims.iloc[1]


# --------------------------------------------------------------------------- pairs that link

SAME = [
    pytest.param(
        fig("a", 12, "killed", "civilians", "Maaret al-Numan", "overnight", qualifier="at_least", low=12),
        fig("b", 12, "killed", "civilians", "Maraat al-Numan", "overnight", qualifier="at_least", low=12),
        id="Maaret al-Numan / Maraat al-Numan"),
    pytest.param(
        fig("a", 140000, "displaced", "residents", "Ma'arrat an-Nu'man", qualifier="more_than", low=140000),
        fig("b", 140000, "displaced", "residents", "Maarat al-Numaan", qualifier="more_than", low=140000),
        id="Ma'arrat an-Nu'man / Maarat al-Numaan"),
    pytest.param(
        fig("a", 17, "killed", "people", "Khan Sheikhoun", "Saturday", qualifier="at_least", low=17),
        fig("b", 17, "killed", "civilians", "Khan Shaykhun", "on Saturday", qualifier="at_least", low=17),
        id="Khan Sheikhoun / Khan Shaykhun"),
    pytest.param(
        fig("a", 3000000, "population", "residents", "Idlib"),
        fig("b", 3000000, "population", "people", "Idlib province", qualifier="nearly", high=3000000),
        id="residents / people, Idlib / Idlib province"),
    pytest.param(
        fig("a", 500000, "displaced", "civilians", "Idlib", "since late April", qualifier="more_than", low=500000),
        fig("b", 200000, "displaced", "people", "Idlib", "since April", qualifier="vague", low=200000, high=999999),
        id="more than half a million / hundreds of thousands displaced in Idlib"),
    pytest.param(
        fig("a", 500, "killed", "people", "Idlib", "since the offensive began in late April", qualifier="more_than", low=500),
        fig("b", 200, "killed", "people", "Idlib", "in the course of the offensive", qualifier="vague", low=200, high=999),
        id="a campaign named by its start date and by its name"),
    pytest.param(
        fig("a", 350000, "returned", "refugees", "Syria", "since the war began", qualifier="nearly", high=350000),
        fig("b", 350000, "returned", "Syrian refugees", "Syria", "since the conflict began", qualifier="approx"),
        id="war / conflict"),
    pytest.param(
        fig("a", 3600000, "refugees", "Syrian refugees", "Turkey"),
        fig("b", 4000000, "refugees", "Syrian refugees", "Türkiye", qualifier="approx"),
        id="3.6 million / some four million, Turkey / Türkiye"),
    pytest.param(
        fig("a", 59, "killed", "Turkish soldiers", "Idlib", "since the beginning of February"),
        fig("b", 59, "killed", "Turkish troops", "Idleb", "since early February"),
        id="soldiers / troops, Idlib / Idleb"),
    pytest.param(
        fig("a", 2000, "displaced", "Syrians", "the Turkish border", qualifier="vague", low=2000, high=9999),
        fig("b", 2000, "displaced", "people", "border with Turkey", qualifier="vague", low=2000, high=9999),
        id="Turkish border / border with Turkey"),
    pytest.param(
        fig("a", 46, "attacks", "healthcare facilities", "Idlib and northern Hama", "since April 29"),
        fig("b", 46, "attacks", "health facilities", "northern Hama and Idlib", "since late April"),
        id="healthcare / health facilities, places in any order"),
    pytest.param(
        fig("a", 1500000, "refugees", "Syrians", "Lebanon", qualifier="approx"),
        fig("b", 1500000, "refugees", "Syrian refugees", "Lebanon"),
        id="Syrians / Syrian refugees in a count of refugees"),
    pytest.param(
        fig("a", 12, "killed", "civilians", "Aleppo", "overnight", qualifier="at_least", low=12),
        fig("b", 12, "killed", "", "Halab", qualifier="at_least", low=12),
        id="Aleppo / Halab through the gazetteer, empty subject and period"),
    pytest.param(
        fig("a", 15, "killed", "people", "Idlib", "Thursday", qualifier="at_least", low=15),
        fig("b", 15, "killed", "people", "southern Idlib", "Thursday", qualifier="at_least", low=15),
        id="a province and its south, at the level the articles speak of it"),
    pytest.param(
        fig("a", 61, "killed", "people", "Kalamata"),
        fig("b", 59, "killed", "migrants", "southern Greece", qualifier="at_least", low=59),
        id="a town and its country in one shipwreck; migrants are its people"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_same_claim_links(a, b):
    assert linked(a, b)


def test_the_country_is_the_events_own_and_the_dead_are_people():
    rows = [fig("a", 310, "killed", "dead", "Nepal", qualifier="more_than", low=310,
                sentence="The death toll in Nepal rose to more than 310, officials said."),
            fig("b", 2000, "injured", "people", "Kathmandu", start=10,
                sentence="About 2,000 people were injured in Kathmandu."),
            fig("b", 300, "killed", "bodies", "the country", qualifier="approx", start=90,
                sentence="Rescuers have recovered some 300 bodies across the country.")]
    claims, _ = link(*rows, dates=["2015-04-26", "2015-04-27"])
    assert claims.iloc[0] == claims.iloc[2] != "" and claims.iloc[1] == ""


def test_a_running_toll_links_across_outlets_and_days():
    # one quake's toll, reported as it rises; a toll of another quake years before stays apart
    rows = [fig("a", 360, "killed", "people", "Turkey and Syria", qualifier="at_least", low=360,
                sentence="At least 360 people were killed across Turkey and Syria."),
            fig("b", 5000, "killed", "", "Turkey, Syria", qualifier="more_than", low=5000,
                sentence="The death toll rose to more than 5,000 on Tuesday."),
            fig("c", 41732, "killed", "people", "Turkey and Syria",
                sentence="Officials said the confirmed toll in Turkey and Syria reached 41,732."),
            fig("c", 17000, "killed", "people", "Turkey", "in 1999", start=300,
                sentence="A quake in 1999 killed some 17,000 people in Turkey.")]
    claims, table = link(*rows, dates=["2023-02-06", "2023-02-07", "2023-02-17"])
    assert claims.iloc[0] == claims.iloc[1] == claims.iloc[2] != claims.iloc[3]
    assert (table.loc[0, "low"], table.loc[0, "high"], table.loc[0, "articles"]) == (360, 41732, 3)


def test_an_official_count_and_the_studies_disputing_it_are_one_claim():
    rows = [fig("a", 64, "killed", "people", "Puerto Rico",
                sentence="The official death toll of 64 was greatly underestimated."),
            fig("a", 4645, "killed", "deaths", "Puerto Rico", start=80,
                sentence="A study estimated that there were 4,645 deaths."),
            fig("b", 2975, "killed", "people", "Puerto Rico", qualifier="approx",
                sentence="Around 2,975 people died, according to the study.")]
    claims, _ = link(*rows, dates=["2018-05-29", "2018-08-28"])
    assert claims.iloc[0] == claims.iloc[1] == claims.iloc[2] != ""


def test_a_breakdown_by_province_stays_apart_from_the_national_toll():
    # one article gives the national toll and each province's; the next gives them again
    rows = []
    for art, total, sindh, punjab in (("a", 304, 70, 60), ("b", 1731, 792, 223)):
        rows += [fig(art, total, "killed", "people", "Pakistan", start=0,
                     sentence=f"The toll from the floods in Pakistan stands at {total}."),
                 fig(art, sindh, "killed", "people", "Sindh", start=100,
                     sentence=f"The toll in Sindh rose to {sindh} and in Punjab to {punjab}."),
                 fig(art, punjab, "killed", "people", "Punjab", start=120,
                     sentence=f"The toll in Sindh rose to {sindh} and in Punjab to {punjab}.")]
    claims, _ = link(*rows, dates=["2022-07-23", "2022-10-23"])
    total, sindh, punjab = (set(claims.iloc[[k, k + 3]]) for k in range(3))
    assert len(total) == len(sindh) == len(punjab) == 1 and "" not in total | sindh | punjab
    assert len(total | sindh | punjab) == 3


def test_refugees_in_one_country_are_a_part_of_those_who_fled():
    rows = [fig("a", 500000, "refugees", "people", "neighbouring countries",
                sentence="500,000 people have fled Ukraine into neighbouring countries so far."),
            fig("a", 280000, "refugees", "people", "Poland", start=90,
                sentence="Poland has taken in about 280,000 of them."),
            fig("b", 1700000, "refugees", "people", "Ukraine", qualifier="more_than", low=1700000,
                sentence="The number of people who have fled Ukraine rose to more than 1.7 million."),
            fig("b", 1000000, "refugees", "people", "Poland", start=120,
                sentence="The number who crossed into Poland has passed 1 million.")]
    claims, _ = link(*rows, dates=["2022-02-28", "2022-03-07"],
                     titles=["Half a million flee Ukraine in five days", "Ukraine exodus passes 1.7 million"])
    assert claims.iloc[0] == claims.iloc[2] != claims.iloc[1] == claims.iloc[3] != ""


def test_people_on_board_and_survivors_are_two_counts_each_linked_across_articles():
    rows = [fig("a", 400, "other", "people", "Italy", qualifier="at_most", high=400, start=0,
                sentence="The trawler was carrying up to 400 people."),
            fig("a", 110, "other", "survivors", "Italy", qualifier="more_than", low=110, start=90,
                sentence="More than 110 survivors were brought to shore."),
            fig("b", 650, "other", "passengers", "Italy", qualifier="at_most", high=650, start=0,
                sentence="As many as 650 passengers were on board, survivors said."),
            fig("b", 112, "other", "people", "Italy", start=90,
                sentence="The coastguard said 112 people were rescued.")]
    claims, _ = link(*rows, dates=["2023-03-01", "2023-03-03"])
    assert claims.iloc[0] == claims.iloc[2] != claims.iloc[1] == claims.iloc[3] != ""


def test_a_projection_is_not_the_toll_it_projects():
    rows = [fig("a", 4349, "killed", "people", "Nepal", start=0,
                sentence="The toll could more than double from 4,349 to over 10,000, officials said."),
            fig("a", 10000, "killed", "people", "Nepal", qualifier="more_than", low=10000, start=50,
                surface="over 10,000",
                sentence="The toll could more than double from 4,349 to over 10,000, officials said."),
            fig("b", 5057, "killed", "people", "Nepal", surface="5,057",
                sentence="The death toll had reached 5,057, the emergency centre said.")]
    claims, _ = link(*rows, dates=["2015-04-28", "2015-04-29"])
    assert claims.iloc[0] == claims.iloc[2] != "" and claims.iloc[1] != claims.iloc[0]


def test_a_count_of_an_earlier_year_is_not_the_current_total():
    rows = [fig("a", 695000, "refugees", "Venezuelans", "Colombia", "in all of 2015",
                sentence="In all of 2015, 695,000 Venezuelans had left."),
            fig("b", 1300000, "refugees", "Venezuelans", "Colombia", qualifier="approx",
                sentence="The number of Venezuelans in Colombia has reached some 1.3 million."),
            fig("c", 1000000, "refugees", "Venezuelans", "Colombia", qualifier="more_than", low=1000000,
                sentence="More than 1 million Venezuelans now live in Colombia, the total so far.")]
    claims, _ = link(*rows, dates=["2019-06-07", "2019-06-07", "2018-11-08"])
    assert claims.iloc[1] == claims.iloc[2] != claims.iloc[0]


# --------------------------------------------------------------------------- pairs that do not

# counts of a war's incidents: the war is read from the sentences (stats/events.py)
BASE = dict(article="a", value=15, category="killed", subject="people", location="Idlib",
            period="Thursday", qualifier="at_least", low=15,
            sentence="Shelling killed at least 15 people in Idlib on Thursday, as the war raged.")


def variant(**changes):
    row = {**BASE, **changes}
    return fig(row.pop("article"), row.pop("value"), row.pop("category"), row.pop("subject"),
               row.pop("location"), row.pop("period"), **row)


DIFFERENT = [
    pytest.param(variant(category="injured"), id="killed vs injured"),
    pytest.param(variant(location="Aleppo"), id="Idlib vs Aleppo"),
    pytest.param(variant(subject="children"), id="children vs people"),
    pytest.param(variant(subject="soldiers"), id="soldiers vs people"),
    pytest.param(variant(period="Saturday"), id="Thursday vs Saturday"),
    pytest.param(variant(period="since last December"), id="a day vs since a date"),
    pytest.param(variant(value=100, low=100), id="at least 15 vs at least 100"),
]


@pytest.mark.parametrize("other", DIFFERENT)
def test_different_claims_do_not_link(other):
    base = variant(article="z")
    assert linked(base, variant(article="z")), "the base pair itself should link"
    assert not linked(base, other)


@pytest.mark.parametrize("a, b", [
    pytest.param(fig("a", 12, "killed", "civilians", "Idlib"), fig("b", 5, "killed", "children", "Idlib"),
                 id="children are not civilians"),
    pytest.param(fig("a", 59, "killed", "Turkish soldiers", "Idlib"), fig("b", 59, "killed", "Syrian soldiers", "Idlib"),
                 id="Turkish vs Syrian soldiers"),
    pytest.param({**fig("a", 500, "killed", "people", "Idlib", "since late April", qualifier="more_than", low=500),
                  "period_start": "2019-04-21", "period_end": "2019-08-30"},
                 {**fig("b", 612, "killed", "civilians", "Idlib", "since the beginning of this year"),
                  "period_start": "2020-01-01", "period_end": "2020-03-05"},
                 id="since late April vs since the beginning of this year"),
    pytest.param(fig("a", 500, "killed", "people", "Idlib", "since late April", qualifier="more_than", low=500,
                     sentence="The toll since late April has risen to more than 500."),
                 fig("b", 300, "killed", "civilians", "Idlib", "since last December", qualifier="more_than", low=300,
                     sentence="Since last December, the toll has risen to more than 300 civilians."),
                 id="since late April vs since last December, no dates"),
    pytest.param(fig("a", 500000, "displaced", "civilians", "Idlib", qualifier="more_than", low=500000),
                 fig("b", 20000, "displaced", "civilians", "Idlib", qualifier="vague", low=20000, high=99999),
                 id="more than half a million vs tens of thousands, neither said to run"),
    pytest.param(fig("a", 35, "killed", "people", "Sindh"), fig("b", 35, "killed", "people", "Balochistan"),
                 id="two provinces the gazetteer lacks"),
    pytest.param(fig("a", 3600000, "refugees", "Syrian refugees", "Turkey"),
                 fig("b", 3600000, "refugees", "Syrian refugees", "Lebanon"), id="Turkey vs Lebanon"),
    pytest.param(fig("a", 20, "killed", "refugees", "Lebanon"), fig("b", 20, "killed", "people", "Lebanon"),
                 id="refugees killed are not people killed"),
    pytest.param({**fig("a", 90, "attacks", "attacks", "Syria"), "unit": "percentage"},
                 fig("b", 90, "attacks", "attacks", "Syria"), id="a share is not a count"),
    pytest.param(fig("a", 2, "other", "", "Idlib"), fig("b", 2, "other", "", "Idlib"),
                 id="category other with no subject is never linked"),
    pytest.param(fig("a", 12, "killed", "civilians", ""), fig("b", 12, "killed", "civilians", ""),
                 id="no place, no claim"),
])
def test_other_pairs_do_not_link(a, b):
    assert not linked(a, b)


def test_figures_of_one_sentence_are_not_one_claim():
    s = "At least 15 people were killed on Thursday and 15 people were wounded."
    a = fig("a", 15, "killed", "people", "Idlib", "Thursday", start=0, sentence=s)
    b = fig("a", 15, "killed", "people", "Idlib", "Thursday", start=40, sentence=s)
    claims, _ = link(a, b)
    assert list(claims) == ["", ""]


def test_repeat_within_one_article_is_a_claim():
    a = fig("a", 500000, "displaced", "civilians", "Idlib", "since late April", qualifier="more_than",
            low=500000, start=1442)
    b = fig("a", 200000, "displaced", "civilians", "Idlib", "since April", qualifier="vague",
            low=200000, high=999999, start=4650)
    claims, table = link(a, b)
    assert claims.iloc[0] == claims.iloc[1] == "displaced-idlib-civilians-1"
    assert table.loc[0, "articles"] == 1 and table.loc[0, "sources"] == 1


def test_best_claim_wins_over_a_merely_compatible_one():
    # a stock ('half of the three million residents are displaced', no period) and a flow
    # ('more than half a million since late April') in one article; a second article repeats each
    rows = [
        fig("a", 1500000, "displaced", "residents", "Idlib", start=10),
        fig("a", 500000, "displaced", "civilians", "Idlib", "since late April", qualifier="more_than", low=500000, start=20),
        fig("b", 1500000, "displaced", "residents", "Idlib", qualifier="approx", start=10),
        fig("b", 500000, "displaced", "civilians", "Idlib", "in the course of the offensive", qualifier="more_than", low=500000, start=20),
    ]
    claims, _ = link(*rows)
    assert claims.iloc[0] == claims.iloc[2] != claims.iloc[1] == claims.iloc[3]


# --------------------------------------------------------------------------- the claims table

def test_claims_table_columns_values_and_spread():
    rows = [
        fig("a", 3600000, "refugees", "Syrian refugees", "Turkey"),
        fig("b", 4000000, "refugees", "Syrian refugees", "Turkey", qualifier="approx"),
        fig("c", 3700000, "refugees", "refugees", "Turkey"),
        fig("c", 5, "killed", "children", "Idlib", start=50),
    ]
    claims, table = link(*rows, dates=["2019-08-30", "2019-08-31", "2020-03-05"],
                         outlets=["Al Jazeera", "Daily Sabah", "Al Jazeera"])
    assert list(table.columns) == list(CLAIM_COLUMNS)
    assert list(claims) == ["refugees-turkey-syrian-refugees-1"] * 3 + [""]
    row = table.iloc[0]
    assert (row["category"], row["subject"], row["location"]) == ("refugees", "Syrian refugees", "Turkey")
    assert (row["articles"], row["outlets"], row["sources"]) == (3, 2, 2)   # one outlet, two articles
    assert (row["low"], row["high"]) == (3600000, 4000000)
    assert row["spread"] == pytest.approx(4000000 / 3600000, abs=1e-3)
    assert (row["first_date"], row["last_date"]) == ("2019-08-30", "2020-03-05")
    assert row["article_ids"] == "a;b;c"


def test_claim_ids_are_numbered_in_reading_order():
    rows = [
        fig("a", 12, "killed", "civilians", "Idlib", "overnight", start=10),
        fig("a", 300, "killed", "civilians", "Idlib", "since last December", qualifier="more_than", low=300, start=90),
        fig("b", 12, "killed", "civilians", "Idlib", "overnight"),
        fig("b", 300, "killed", "civilians", "Idlib", "since December", qualifier="more_than", low=300, start=50),
    ]
    claims, table = link(*rows)
    assert list(claims) == ["killed-idlib-civilians-1", "killed-idlib-civilians-2"] * 2
    assert list(table["claim"]) == ["killed-idlib-civilians-1", "killed-idlib-civilians-2"]


def test_no_figures_gives_empty_table():
    figures = pd.DataFrame([fig("a", 2, "other", "sides", "")])
    claims, table = link_claims(figures, articles_frame(["a"]))
    assert list(claims) == [""] and table.empty and list(table.columns) == list(CLAIM_COLUMNS)


# --------------------------------------------------------------------------- reprinted claims

def two_reprints() -> tuple[str, str]:
    """Article 002's Reuters body under two different outlets' headlines and footers."""
    text = corpus_text("002")
    body = text.split("pCloud Premium", 2)[1].split("SOURCE: Reuters")[0]
    a = ("Syria: Russia declares truce in Idlib\nBy Staff Writer | Middle East Monitor\n"
         "Published August 30, 2019\n" + body + "\nCopyright Middle East Monitor. All rights "
         "reserved. Subscribe to our newsletter for daily updates from the region.\n")
    b = ("Russia orders Syrian forces to halt Idlib offensive from Saturday\nDaily Sabah with "
         "Reuters, ISTANBUL\n" + body + "\nFollow us on Twitter and Facebook for the latest news. "
         "Share this article with your friends and family today.\n")
    return a, b


def test_reprinted_claim_counts_one_source():
    a, b = two_reprints()
    reprints = find_reprints([("mem", a), ("sabah", b)])
    rows = [fig(aid, 12, "killed", "civilians", "Maraat al-Numan", "overnight", qualifier="at_least",
                low=12, start=a.index("At least 12")) for aid in ("mem", "sabah")]
    claims, table = link(*rows, outlets=["Middle East Monitor", "Daily Sabah"],
                         reprint_of=[reprints.get("mem", ("",))[0], reprints.get("sabah", ("",))[0]])
    assert claims.iloc[0] == claims.iloc[1] != ""
    assert (table.loc[0, "articles"], table.loc[0, "outlets"], table.loc[0, "sources"]) == (2, 2, 1)


# --------------------------------------------------------------------------- keys

@pytest.mark.parametrize("x, y", [
    ("Maaret al-Numan", "Maraat al-Numan"), ("Deir ez-Zor", "Dayr az Zawr"),
    ("Idlib province", "Idlib"), ("the Turkish border", "Turkey border"),
    ("north-western Syria", "northwest Syria"), ("Aleppo", "Halab"),
])
def test_place_variants_share_a_key(x, y):
    assert place_key(x) == place_key(y) != ()


@pytest.mark.parametrize("x, y", [("Idlib", "Aleppo"), ("Idlib", "southern Idlib"), ("Hama", "Homs"),
                                  ("Syria", "Turkey"), ("Idlib", "Idlib and northern Hama")])
def test_different_places_differ(x, y):
    assert place_key(x) != place_key(y)


def test_subject_classes():
    people = subject_key("civilians")[0]
    assert subject_key("people")[0] == subject_key("residents")[0] == subject_key("Syrians")[0] == people
    assert subject_key("")[0] == people
    assert subject_key("children")[0] != people
    assert subject_key("Turkish soldiers") == (subject_key("troops")[0], frozenset({"cc:TR"}))
    assert subject_key("bodies", "killed")[0] == subject_key("deaths", "killed")[0] == people
    assert subject_key("bodies", "damage")[0] != people
    assert subject_key("hospitals, schools and civil defence centres")[0] != subject_key("hospitals")[0]
    assert subject_key("refugees", "returned")[0] == people != subject_key("refugees", "killed")[0]


def test_options_are_checked():
    with pytest.raises(ValueError, match="value_tolerance"):
        ClaimOptions(value_tolerance=0.5)


# --------------------------------------------------------------------------- floor on the gold

GOLD = SHARED / "gold" / "idlib_figures.csv"
SCORE = SHARED / "eval" / "score.py"
# measured 0.717 (the gold rows without their sentences or headlines). It was 0.913 before the
# guide made running and disputed counts one claim across articles (issue 14): values now move
# between articles, and the floor was set again for that contract. Raise it, never lower it.
GOLD_FLOOR = 0.7


@pytest.mark.skipif(not (GOLD.exists() and SCORE.exists()), reason="no shared gold file")
def test_claim_pair_f1_on_gold_rows():
    """link_claims on the gold rows themselves (their category/subject/location/period as if
    predicted), scored as the shared evaluation scores claim pairs."""
    spec = importlib.util.spec_from_file_location("shared_score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = score.load(GOLD)
    figures = pd.DataFrame(gold).assign(
        category=lambda d: d["category"].str.split("|").str[0], sentence="",
        unit="", attribution=lambda d: d["attribution"])
    ids = [p.stem for p in sorted(CORPUS.glob("*.txt"))]
    claims, _ = link_claims(figures, articles_frame(ids))
    pred = [{**g, "claim": c} for g, c in zip(gold, claims)]
    assert score.score(gold, pred)[0]["claim_pair_f1"] >= GOLD_FLOOR


@pytest.mark.parametrize("second_published, same", [("2024-05-12", True), ("2024-07-20", False)])
def test_a_one_day_count_does_not_link_with_a_count_published_weeks_later(second_published, same):
    # 'at least 17 killed in Rafah on Saturday' (resolved to one day) and, in another article,
    # 'at least 15 killed in Rafah' with no period: the same claim only if published that week
    a = {**fig("a", 17, "killed", "people", "Rafah", "on Saturday", qualifier="at_least", low=17,
                sentence="An air strike on Rafah killed at least 17 people on Saturday, as the war went on."),
         "period_start": "2024-05-11", "period_end": "2024-05-11"}
    b = {**fig("b", 15, "killed", "people", "Rafah", qualifier="at_least", low=15,
                sentence="At least 15 people were killed in Rafah in the war, medics said."),
         "period_start": "", "period_end": ""}
    ids, _ = link(a, b, dates=["2024-05-12", second_published])
    assert (bool(ids.iloc[0]) and ids.iloc[0] == ids.iloc[1]) is same


# --------------------------------------------------------------------------- scale

def test_a_figure_repeated_by_many_articles_is_one_claim():
    # a stock figure every outlet repeats: far more articles than a mention is compared with
    # (max_candidates); mentions that say the same are one node, so they stay one claim
    n = 3 * C.DEFAULT_OPTIONS.max_candidates
    rows = [fig(f"a{i:03d}", 3600000, "refugees", "Syrian refugees", "Turkey", qualifier="approx",
                sentence=f"Turkey hosts some 3.6 million Syrian refugees, report {i} said.")
            for i in range(n)]
    rows.append(fig("a000", 3600000, "refugees", "Syrian refugees", "Turkey", start=900,
                    sentence="Of the 3.6 million Syrian refugees in Turkey, most live in cities."))
    claims, table = link(*rows)
    assert set(claims) == {"refugees-turkey-syrian-refugees-1"}
    assert (table.loc[0, "articles"], table.loc[0, "mentions"]) == (n, n + 1)


def test_one_sentence_stays_apart_even_among_repeats():
    s = "Five civilians were killed in Kharkiv on Monday and five more in Izium."
    rows = [fig(f"b{i}", 5, "killed", "civilians", "Kharkiv", "on Monday", start=0,
                sentence=f"Five civilians were killed in Kharkiv on Monday, source {i} said.")
            for i in range(3)]
    rows += [fig("b0", 5, "killed", "civilians", "Kharkiv", "on Monday", start=40, sentence=s),
             fig("b0", 5, "killed", "civilians", "Kharkiv", "on Monday", start=80, sentence=s)]
    claims, table = link(*rows)
    # the two figures of one sentence are never one claim, whatever the repeats around them
    assert claims.iloc[3] != claims.iloc[4]


def test_linker_holds_no_sentence_and_few_bytes_per_figure():
    linker = C.Linker()
    sentence = "At least 40 people were killed when shelling hit a market in Omdurman. " * 5
    for row in range(5000):
        key = C.mention_key("killed", "Omdurman", "people", "on Sunday", 40 + row % 300, 40, None,
                            "at_least", "people", sentence + str(row), row * 10)
        linker.add(row, row // 10, key)
    held = sum(col.itemsize * len(col) for col in linker._cols.values())
    assert len(linker) == 5000 and held / 5000 < 100
    claim_of_row, table = linker.link(pd.DataFrame({"id": [f"a{i}" for i in range(500)]}), 5000)
    assert len(claim_of_row) == 5000 and (claim_of_row >= 0).any()
    assert set(claim_of_row[claim_of_row >= 0]) == set(range(len(table)))


def test_gazetteer_is_built_once_then_loaded_from_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("STATS_CACHE_DIR", str(tmp_path / "cache"))
    built = P._gazetteer.__wrapped__()
    (cached,) = (tmp_path / "cache").glob("gazetteer-*.pickle")
    assert P._gazetteer.__wrapped__() == built
    assert ((built.names["aleppo"][1], ""),) == C.place_key("Aleppo")
    # a damaged file is built again and replaced
    cached.write_bytes(b"half a pickle")
    assert P._gazetteer.__wrapped__() == built
    assert cached.read_bytes() != b"half a pickle"
    # a cache folder that cannot be made: built, used, nothing written
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("STATS_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert P._gazetteer.__wrapped__() == built
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "file"]


def test_claims_table_ties_go_to_the_first_wording_and_dates_span_the_articles():
    """Two wordings, each used once: the claim reads the one met first. Articles read out of date
    order still give the earliest and latest dates; an article without a date adds none."""
    rows = [
        fig("gaza-1", 34, "killed", "Palestinians", "Gaza", "overnight", qualifier="at_least",
            low=34),
        fig("gaza-2", 34, "killed", "people", "Gaza", "overnight", qualifier="at_least",
            low=34),
        fig("gaza-3", 35, "killed", "", "Gaza", "overnight", qualifier="approx"),
    ]
    claims, table = link(*rows, dates=["2024-03-02", "2024-03-01", ""],
                         outlets=["Reuters", "", "AP"])
    assert claims.tolist() == [claims.iloc[0]] * 3 and len(table) == 1
    row = table.iloc[0]
    assert (row["subject"], row["location"], row["period"]) == ("Palestinians", "Gaza", "overnight")
    assert (row["first_date"], row["last_date"]) == ("2024-03-01", "2024-03-02")
    assert (row["articles"], row["outlets"], row["sources"], row["mentions"]) == (3, 2, 3, 3)
    assert (row["low"], row["high"]) == (34, 35)
    assert row["article_ids"] == "gaza-1;gaza-2;gaza-3"


def test_claims_do_not_depend_on_the_hash_seed():
    # ties between places, homes and origins are broken by name, not by set order
    code = """
import sys; sys.path.insert(0, 'tests')
from test_claims import fig, link
rows = [fig('a', 1000000, 'refugees', 'migrants', 'Colombia', sentence='More than 1 million have reached Colombia.'),
        fig('a', 100000, 'refugees', 'people', 'Chile', start=50, sentence='Chile has taken in 100,000.'),
        fig('a', 2400000, 'refugees', 'Venezuelan refugees', 'Latin America', start=90, sentence='Latin America hosts 2.4 million.'),
        fig('b', 1300000, 'refugees', 'Venezuelans', 'Colombia', sentence='Colombia now hosts some 1.3 million Venezuelans.'),
        fig('b', 288000, 'refugees', 'people', 'Chile', start=50, sentence='Chile has 288,000 so far.'),
        fig('b', 4000000, 'refugees', 'citizens', '', start=90, sentence='The exodus has reached four million citizens.')]
claims, _ = link(*rows, dates=['2018-11-08', '2019-06-07'])
print(list(claims))
"""
    import os
    import subprocess
    import sys

    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).resolve().parents[1],
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("0", "1", "2")}
    assert len(runs) == 1 and "refugees" in runs.pop()
