"""Numbers that are not figures (contract, "Not figures").

Calendar dates, years, clock times, ages, durations, ordinals, numbers inside names,
numbers in URLs and page furniture must not come out as figures. Each test takes
sentences (verbatim from the bundled Idlib corpus where it has one, otherwise composed
news prose), names the non-figure spans, and asserts that no extracted figure overlaps
them. Where the same sentence also carries a real figure, that figure must still be
found with the expected value and category.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from stats import extract

CORPUS = Path(__file__).resolve().parent.parent / "stats" / "data" / "corpus" / "idlib"


class Example(NamedTuple):
    text: str
    not_figures: tuple[str, ...]          # substrings of text that must not be (part of) a figure
    figures: tuple[tuple[str, float, str | None], ...] = ()   # (surface, value, category) still expected


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(needle)
    assert i >= 0, f"test bug: {needle!r} not in text"
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


def check(example: Example) -> None:
    figs = extract(example.text)
    for f in figs:
        assert example.text[f.start:f.end] == f.surface, (
            f"offsets of {f.surface!r} point at {example.text[f.start:f.end]!r}"
        )
    for needle in example.not_figures:
        for start, end in _spans(example.text, needle):
            bad = [f for f in figs if f.start < end and f.end > start]
            assert not bad, (
                f"{needle!r} is not a figure, but got: "
                + "; ".join(f"{f.surface!r} value={f.value} category={f.category}" for f in bad)
            )
    for surface, value, category in example.figures:
        hits = [f for f in figs if f.surface == surface]
        assert hits, (
            f"real figure {surface!r} missing; surfaces found: {[f.surface for f in figs]}"
        )
        assert hits[0].value == pytest.approx(value), f"{surface!r}: value {hits[0].value} != {value}"
        assert category is None or hits[0].category == category, (
            f"{surface!r}: category {hits[0].category} != {category}"
        )


def _ids(examples: list[Example]) -> list[str]:
    return [" ".join(e.text.split()[:5]) for e in examples]


# --- calendar dates -----------------------------------------------------------------

DATES = [
    Example(
        "Presidents Erdogan, left, and Putin shake hands after their joint news conference "
        "following their meeting in Moscow, Russia on March 5, 2020 [Sefa Karacan/Anadolu]",
        ("March 5, 2020",),
    ),
    Example(
        "A subsequent ceasefire agreed to by rebel groups and the Syrian government broke down "
        "on August 5. ",
        ("August 5",),
    ),
    Example(
        "On March 5, 2020, at least 15 people were killed in an air raid on a market in Maaret "
        "al-Numan, rescuers said.",
        ("March 5, 2020",),
        (("at least 15", 15, "killed"),),
    ),
    Example(
        "The Gaza health ministry said 34,262 Palestinians had been killed since October 7.",
        ("October 7",),
        (("34,262", 34_262, "killed"),),
    ),
]


@pytest.mark.parametrize("example", DATES, ids=_ids(DATES))
def test_calendar_dates_are_not_figures(example: Example) -> None:
    check(example)


# --- years --------------------------------------------------------------------------

YEARS = [
    Example(
        "In 2018, Turkey and Russia agreed to establish a demilitarised \"buffer zone\" in Idlib "
        "between rebel and Syrian government forces to prevent an all-out assault, but the "
        "agreement has never fully been implemented. ",
        ("2018",),
    ),
    Example(
        "In 2018, at least 40 people were killed in air strikes on markets in Idlib, according "
        "to the United Nations.",
        ("2018",),
        (("at least 40", 40, "killed"),),
    ),
    Example(
        "More than 10 million people have been forced from their homes since the war began in "
        "April 2023, the UN said.",
        ("April 2023",),
        (("More than 10 million", 10_000_000, "displaced"),),
    ),
    Example(
        "It also said that from March 2011 through July 2019, 578 attacks have been carried out "
        "on 350 separate health facilities, over 90 percent by the \"Syrian government and/or the "
        "Russian government\".",
        ("March 2011", "July 2019"),
        (("578", 578, "attacks"),),
    ),
]


@pytest.mark.parametrize("example", YEARS, ids=_ids(YEARS))
def test_years_are_not_figures(example: Example) -> None:
    check(example)


# --- clock times --------------------------------------------------------------------

CLOCK_TIMES = [
    Example(
        "An agreement was reached on “a unilateral ceasefire by Syrian government forces in the "
        "Idlib de-escalation zone, from 6am on August 31”, the Russian Reconciliation Centre for "
        "Syria said in a statement.",
        ("6am", "August 31"),
    ),
    Example(
        "According to a report by the Russian news agency Interfax, the ceasefire went into effect "
        "on Saturday morning at 6 am local time, following displaced Syrians’ protests at the "
        "frontier demanding protection from Turkey.",
        ("6 am",),
    ),
    Example(
        "“At 00.01 tonight, as in, from midnight, the ceasefire will be put in place,” Erdogan "
        "told reporters in Moscow.",
        ("00.01",),
    ),
    Example(
        "The missile struck the crowded market at 6am on Tuesday, killing at least 20 people, "
        "the regional governor said.",
        ("6am",),
        (("at least 20", 20, "killed"),),
    ),
]


@pytest.mark.parametrize("example", CLOCK_TIMES, ids=_ids(CLOCK_TIMES))
def test_clock_times_are_not_figures(example: Example) -> None:
    check(example)


# --- ages ---------------------------------------------------------------------------

AGES = [
    Example(
        "Mohammed al-Amouri, 53, said he attended the protest to demand Turkey keep its promises "
        "to prevent a full-scale assault on the Idlib region.",
        ("53",),
    ),
    Example(
        "Raja Androon, a 65-year-old Syrian from Idlib whose two sons were killed by Syrian "
        "government forces, now lives in Antakya, southern Turkey. ",
        ("65-year-old",),
        (("two", 2, "killed"),),
    ),
    Example(
        "A 65-year-old woman and her three grandchildren were among the 23 people killed in the "
        "strike, relatives said.",
        ("65-year-old",),
        (("23", 23, "killed"),),
    ),
]


@pytest.mark.parametrize("example", AGES, ids=_ids(AGES))
def test_ages_are_not_figures(example: Example) -> None:
    check(example)


# --- durations ----------------------------------------------------------------------

DURATIONS = [
    Example(
        "Russia, which intervened in Syria's long-running conflict four years ago to back "
        "al-Assad, said on Friday that an agreement had been reached.",
        ("four years ago",),
    ),
    Example("10 min read", ("10 min",)),
    Example("10\u00a0min read\n", ("10\u00a0min",)),   # as in 004 of the corpus (no-break space)
    Example(
        "After a six-hour meeting in Moscow, the two leaders agreed on a ceasefire that will take "
        "effect at midnight.",
        ("six-hour",),
    ),
    Example(
        "Turkish President Recep Tayyip Erdogan and his Russian counterpart Vladimir Putin have "
        "announced a military ceasefire in Idlib to begin at midnight on Thursday, after a meeting "
        "in Moscow that lasted six hours.",
        ("six hours",),
    ),
    Example(
        "Since capturing the strategic town of Khan Sheikhoun nearly 10 days ago, Russian and "
        "Syrian jets have been escalating raids on the city of Maraat al-Numan that lies further "
        "north.",
        ("nearly 10 days ago",),
    ),
    Example(
        "\"Over the last three weeks, since the collapse of the conditional ceasefire on August 5, "
        "dozens of communities have emptied out in northern Hama and southern Idlib,\" he said.",
        ("Over the last three weeks", "August 5"),
    ),
    Example(
        "The gains of the last 24 hours bring the Russian-led alliance closer to capturing the "
        "town of Tamaneh, one of the dozens of rural villages and towns that have been pummeled "
        "in heavy air raids.",
        ("24 hours",),
    ),
]


@pytest.mark.parametrize("example", DURATIONS, ids=_ids(DURATIONS))
def test_durations_are_not_figures(example: Example) -> None:
    check(example)


# --- ordinals -----------------------------------------------------------------------

ORDINALS = [
    Example(
        "The Idlib crisis marks the first time Ankara has launched a direct offensive against "
        "al-Assad’s forces.",
        ("first time",),
    ),
    Example(
        "It was the third time this month that the camp had been shelled, and at least eight "
        "people were wounded, medics said.",
        ("third time",),
        (("at least eight", 8, "injured"),),
    ),
    Example(
        "The earthquake was the deadliest disaster in Turkey's modern history and one of the worst "
        "of the 21st century, killing more than 50,000 people.",
        ("21st",),
        (("more than 50,000", 50_000, "killed"),),
    ),
]


@pytest.mark.parametrize("example", ORDINALS, ids=_ids(ORDINALS))
def test_ordinals_are_not_figures(example: Example) -> None:
    check(example)


# --- numbers inside names -----------------------------------------------------------

NAMES = [
    Example(
        "\"There are daily reinforcements coming from the Iranian militias, elite Republican Guards "
        "units and Fourth Armed Division,\" Colonel Mustafa Bakour, a commander in the Jaish "
        "al-Izza rebel group, told Reuters news agency.",
        ("Fourth Armed Division",),
    ),
    Example(
        "Al-Assad – who gave an interview to the state-owned Russia 24 news channel broadcast "
        "earlier on Thursday – accused Turkey’s president of “supporting terrorists”.",
        ("Russia 24",),
    ),
    Example(
        "UN Security Council Resolution 2254 calls for a nationwide ceasefire and a political "
        "transition in Syria.",
        ("Resolution 2254",),
    ),
    Example(
        "“There has been harassment at our observation posts nine and 10. They are coming towards "
        "us and we need to be vigilant, we need to be cautious, and we have taken all the "
        "necessary precautions,” he added.",
        ("nine and 10",),
    ),
    Example(
        "The two sides said the secure corridor would stretch 6km (3.7 miles) to the north and "
        "6km to the south of the M4 highway.",
        ("M4",),
    ),
]


@pytest.mark.parametrize("example", NAMES, ids=_ids(NAMES))
def test_numbers_inside_names_are_not_figures(example: Example) -> None:
    check(example)


# --- URLs ---------------------------------------------------------------------------

URLS = [
    Example(
        "Original url:\nhttps://example.com/2020/01/12/a68869\n",
        ("https://example.com/2020/01/12/a68869",),
    ),
    Example(
        "https://www.themoscowtimes.com/2024/04/27/over-230000-people-flee-idlib-in-two-week-"
        "russian-backed-offensive",
        ("https://www.themoscowtimes.com/2024/04/27/over-230000-people-flee-idlib-in-two-week-"
         "russian-backed-offensive",),
    ),
    Example(
        "At least 12 civilians were killed in the raids, the White Helmets said "
        "(https://example.com/2020/01/12/a68869).",
        ("https://example.com/2020/01/12/a68869",),
        (("At least 12", 12, "killed"),),
    ),
]


@pytest.mark.parametrize("example", URLS, ids=["bare url", "url with figure-like slug", "url after a sentence"])
def test_numbers_in_urls_are_not_figures(example: Example) -> None:
    check(example)


# --- code and markup a page's text carries --------------------------------------------

CODE = [
    Example(
        'At least 38 people were killed <img src=x onerror="window.flag = 2"> in the floods.',
        ("= 2",),
        (("At least 38", 38, "killed"),),
    ),
    Example(
        'The landslide buried 14 homes <div width="300" height=250> in the hill villages.',
        ('"300"', "=250"),
        (("14", 14, "damage"),),
    ),
]


@pytest.mark.parametrize("example", CODE, ids=["assignment in a script", "attributes of a tag"])
def test_values_in_code_and_markup_are_not_figures(example: Example) -> None:
    check(example)


# --- page furniture (whole articles from the bundled corpus) --------------------------

def _article(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


FURNITURE = [
    # "Related article" teaser and URLs; the real figures of the article body still count
    (
        "003_9902f22a36a9c5de.txt",
        ("Related article: Over 230,000 People Flee Idlib in Two-Week Russian-Backed Offensive",
         "https://www.themoscowtimes.com/2020/01/12/russian-led-air-strikes-suspended-in-idlib-after-ceasefir",
         "e-a68869",
         "https://www.themoscowtimes.com/2024/04/27/over-230000-people-flee-idlib-in-two-week-russian-backed-offensive"),
        ("at least seventeen", "at least 300,000"),
    ),
    # "Check Also" box with an unrelated teaser; "10 min read" header
    (
        "004_7cd8635b9329f358.txt",
        ("China sets GDP target of more than 6% in 2021 – CNN",
         "Premier Li Keqiang on Friday announced that China would target growth of more than 6% in t",
         "10\u00a0min read"),
        ("612", "59"),
    ),
    # "MORE ON SYRIA'S WAR" teaser list with "2 days ago" / "23 hours ago" stamps, video length
    (
        "000_19b8293dde1b687b.txt",
        ("23 hours ago", "2 days ago", "(1:35)"),
        ("At least 12", "3.6 million"),
    ),
]


@pytest.mark.parametrize("name,furniture,body", FURNITURE, ids=[n for n, _, _ in FURNITURE])
def test_page_furniture_is_not_figures(name: str, furniture: tuple, body: tuple) -> None:
    text = _article(name)
    figs = extract(text)
    for f in figs:
        assert text[f.start:f.end] == f.surface, (
            f"offsets of {f.surface!r} point at {text[f.start:f.end]!r}"
        )
    for needle in furniture:
        for start, end in _spans(text, needle):
            bad = [f for f in figs if f.start < end and f.end > start]
            assert not bad, (
                f"page furniture {needle!r} yielded figures: {[f.surface for f in bad]}"
            )
    surfaces = [f.surface for f in figs]
    for surface in body:
        assert surface in surfaces, f"body figure {surface!r} missing; found {surfaces}"


# --- time stamps of live blogs, reference marks, more names, dates and ages -----------
# (composed news prose)

MARKS_AND_STAMPS = [
    Example(
        "14.53\nRescue teams in Sulawesi have recovered 37 bodies from the mud, the disaster "
        "agency said.",
        ("14.53",),
        (("37", 37, "killed"),),
    ),
    Example(
        "Updated 16.06: The death toll from the floods in Kerala has risen to 88, officials said.",
        ("16.06",),
        (("88", 88, "killed"),),
    ),
    Example(
        "Updated: 16.06 BST\nThe river burst its banks overnight and 23 people drowned.",
        ("16.06 BST",),
        (("23", 23, "killed"),),
    ),
    Example(
        "09.20 Two aftershocks shook the coast overnight.\n09.41 The mayor said 15 people had died.",
        ("09.20", "09.41"),
        (("15", 15, "killed"),),
    ),
    Example(
        "The 2010 floods in Pakistan killed nearly 2,000 people.[12] Aid agencies said that "
        "20 million were affected.[13]",
        ("[12]", "[13]"),
        (("nearly 2,000", 2_000, "killed"), ("20 million", 20_000_000, None)),
    ),
    Example(
        "Posted 07-06-2019 14:02\nAt least 40 people drowned when the ferry capsized.",
        ("07-06-2019", "14:02"),
        (("At least 40", 40, "killed"),),
    ),
]


@pytest.mark.parametrize("example", MARKS_AND_STAMPS, ids=_ids(MARKS_AND_STAMPS))
def test_stamps_reference_marks_and_dashed_dates_are_not_figures(example: Example) -> None:
    check(example)


MORE_NAMES_AGES_DURATIONS = [
    Example(
        "All 157 people aboard Flight 302 died when the plane came down near the capital.",
        ("Flight 302",),
        (("157", 157, None),),
    ),
    Example(
        "Landslides blocked Route 66 and Highway 1 after the storm, stranding at least 200 "
        "drivers.",
        ("Route 66", "Highway 1"),
        (("at least 200", 200, None),),
    ),
    Example(
        "Citing Article 51 of the UN Charter, the government said 300 soldiers had been deployed.",
        ("Article 51",),
        (("300", 300, None),),
    ),
    Example(
        "Eleven men, ranging in age from 19 to 45, were arrested after the shipwreck.",
        ("19 to 45",),
        (("Eleven", 11, None),),
    ),
    Example(
        "The couple and their daughters, ages 4 and 7, were pulled alive from the rubble.",
        ("4 and 7",),
    ),
    Example(
        "Rescuers found a survivor nearly 11 full days after the quake, and three more weeks of "
        "rain are forecast.",
        ("nearly 11 full days", "three more weeks"),
    ),
    Example(
        "People of all ages, 300 in all, were killed in the raid on the village.",
        (),
        (("300", 300, None),),
    ),
]


@pytest.mark.parametrize("example", MORE_NAMES_AGES_DURATIONS, ids=_ids(MORE_NAMES_AGES_DURATIONS))
def test_names_ages_and_durations_are_not_figures(example: Example) -> None:
    check(example)


# --- figures that only look like something else --------------------------------------
# (surface, value, low, high, qualifier) as the contract's "Qualifiers and bounds" table and
# gold/GUIDE.md give them

UNUSUAL = [
    ("About 5.000 people were injured and 1.250.000 have fled, the ministry said.",
     [("About 5.000", 5_000, None, None, "approx"), ("1.250.000", 1_250_000, None, None, "exact")]),
    ("A 7.8 magnitude quake struck before 1.250 million people had returned.",
     [("7.8", 7.8, None, None, "exact"), ("1.250 million", 1_250_000, None, None, "exact")]),
    ("More than 3,40,000 people were evacuated, 1.5 lakh homes were damaged and 2 crore people "
     "were affected.",
     [("More than 3,40,000", 340_000, 340_000, None, "more_than"), ("1.5 lakh", 150_000, None, None, "exact"),
      ("2 crore", 20_000_000, None, None, "exact")]),
    ("The death toll surpassed 12,000 on Monday and the number of displaced crossed 1.2 million.",
     [("surpassed 12,000", 12_000, 12_000, None, "more_than"),
      ("crossed 1.2 million", 1_200_000, 1_200_000, None, "more_than")]),
    ("The toll in the province has gone up to 2,497, officials said.",
     [("2,497", 2_497, None, None, "exact")]),
    ("The real toll was likely dozens or hundreds higher, and hundreds, if not thousands, of homes "
     "were lost.",
     [("dozens or hundreds", 24, 24, 999, "vague"), ("hundreds, if not thousands", 200, 200, 9_999, "vague")]),
    ("Scores were injured when the stand collapsed.", [("Scores", 40, 40, 99, "vague")]),
    ("One in four of the 8,000 people injured needed surgery.",
     [("One in four", 2_000, None, None, "exact"), ("8,000", 8_000, None, None, "exact")]),
    ("One in five children in the camps is malnourished.", []),
    ("Nine in 10 households in the delta have no clean water.", []),
    ("A third of the 1,200 residents fled, and two-thirds of the 900 pupils.",
     [("A third", 400, None, None, "exact"), ("1,200", 1_200, None, None, "exact"),
      ("two-thirds", 600, None, None, "exact"), ("900", 900, None, None, "exact")]),
    ("After 40 people died, half of the 3,000 villagers left.",
     [("40", 40, None, None, "exact"), ("half", 1_500, None, None, "exact"), ("3,000", 3_000, None, None, "exact")]),
    ("A crowd of 1 million-plus marched as the 10,000-plus displaced and 500+ families waited.",
     [("1 million-plus", 1_000_000, 1_000_000, None, "more_than"),
      ("10,000-plus", 10_000, 10_000, None, "more_than"), ("500+", 500, 500, None, "more_than")]),
    ("A few dozen homes burned and several dozen people were hurt.",
     [("A few dozen", 24, 24, 108, "vague"), ("several dozen", 36, 36, 108, "vague")]),
    ("The curfew began at 5 p.m. and ended at 6 a.m., and No. 10 said 20 people were held.",
     [("20", 20, None, None, "exact")]),
    ("Police moved Ward 7 residents and Camp 4 guards, but in Varna 300 people stayed.",
     [("300", 300, None, None, "exact")]),
    ("Gunmen killed 3 in 10 days and five in 12 districts lost power.",
     [("3", 3, None, None, "exact"), ("five", 5, None, None, "exact"), ("12", 12, None, None, "exact")]),
    ("The levees should hold up to 2030, engineers said, and over 2000 are missing.",
     [("over 2000", 2_000, 2_000, None, "more_than")]),
    ("\u0410bout 6,000 people were injured in the blast.",          # a Cyrillic capital A
     [("\u0410bout 6,000", 6_000, None, None, "approx")]),
    ("The storm left about 2000 missing and over 2000 homeless, the worst toll since about 2000.",
     [("about 2000", 2_000, None, None, "approx"), ("over 2000", 2_000, 2_000, None, "more_than")]),
    ("Colombia hosts 1.8 million, Peru 900,000, Chile 400,000 and Ecuador 250,000, the agency said.",
     [("1.8 million", 1_800_000, None, None, "exact"), ("900,000", 900_000, None, None, "exact"),
      ("400,000", 400_000, None, None, "exact"), ("250,000", 250_000, None, None, "exact")]),
    ("Seven climbers were still missing: three Kenyans, two Somalis and one Ethiopian.",
     [("Seven", 7, None, None, "exact"), ("three", 3, None, None, "exact"), ("two", 2, None, None, "exact"),
      ("one", 1, None, None, "exact")]),
    ("One of the bridges collapsed.", []),
    ("The floods washed away 2,000 kilometres of road, 130 bridges and 40,000 homes.",
     [("2,000 kilometres", 2_000, None, None, "exact"), ("130", 130, None, None, "exact"),
      ("40,000", 40_000, None, None, "exact")]),
    ("Some 4 million have fled, with just over half of that total going to Poland.",
     [("Some 4 million", 4_000_000, None, None, "approx"),
      ("just over half", 2_000_000, 2_000_000, None, "more_than")]),
    ("Smugglers charged between $5,000 to $8,000 a seat, and the fares rose from $900 to $1,200.",
     [("between $5,000 to $8,000", 6_500, 5_000, 8_000, "range"), ("$900", 900, None, None, "exact"),
      ("$1,200", 1_200, None, None, "exact")]),
    ("Kessel District 300 people killed Varna District 120 people injured",
     [("300", 300, None, None, "exact"), ("120", 120, None, None, "exact")]),
]


@pytest.mark.parametrize("text,expected", UNUSUAL, ids=[" ".join(t.split()[:5]) for t, _ in UNUSUAL])
def test_figures_written_unusually(text: str, expected: list) -> None:
    figs = extract(text)
    assert all(text[f.start:f.end] == f.surface for f in figs)
    got = [(f.surface, f.value, f.low, f.high, f.qualifier) for f in figs]
    assert len(got) == len(expected), got
    for (surface, value, low, high, qual), g in zip(expected, got):
        assert g[0] == surface, got
        assert g[1] == pytest.approx(value), g
        assert (g[2], g[3]) == (pytest.approx(low) if low is not None else None,
                                pytest.approx(high) if high is not None else None), g
        assert g[4] == qual, g
