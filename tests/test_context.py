"""Context fields on sentences written like news from several crises: location, period,
attribution, and what an article carries from one sentence to the next."""
import pytest

from stats import extract


def fig(text, surface):
    found = [f for f in extract(text) if f.surface == surface]
    assert found, f"{surface!r} not among {[f.surface for f in extract(text)]}"
    return found[0]


@pytest.mark.parametrize("text, surface, location", [
    ("Shelling in Ukraine's eastern Donetsk region killed at least 11 people on Tuesday.", "at least 11", "Donetsk region"),
    ("At least 30 people were killed in southern Gaza overnight, the health ministry said.", "At least 30", "southern Gaza"),
    ("In Derna, more than 4,000 bodies have been recovered, officials said.", "more than 4,000", "Derna"),
    ("Some 25,000 people fled to the border with Chad in a single week.", "Some 25,000", "border with Chad"),
    ("Airstrikes hit the city of Maaret al-Numan, killing 12 civilians.", "12", "Maaret al-Numan"),
    ("Quake toll passes 9,000 in Nepal, India", "passes 9,000", "Nepal, India"),
    ("In Gaza, Israel said 40 people were killed.", "40", "Gaza"),
])
def test_location_as_written(text, surface, location):
    assert fig(text, surface).location == location


def test_location_carried_by_typed_anaphora():
    text = ("Russian jets bombed the town of Saraqeb on Monday. "
            "At least nine civilians were killed when a market in the town was hit.")
    assert fig(text, "At least nine").location == "Saraqeb"


@pytest.mark.parametrize("text, surface, period", [
    ("More than 1,200 people have been killed since the earthquake struck on Monday.", "More than 1,200",
     "since the earthquake struck on Monday"),
    ("Since last October, at least 300 aid workers have been killed in Gaza.", "at least 300", "Since last October"),
    ("At least 15 migrants drowned overnight off the coast of Libya.", "At least 15", "overnight"),
    ("Rescuers pulled 40 people from the rubble in the past 24 hours.", "40", "in the past 24 hours"),
])
def test_period_as_written(text, surface, period):
    assert fig(text, surface).period == period


def test_day_a_statement_was_made_is_not_the_period():
    f = fig("The army said on Sunday that rockets had killed two people in Aleppo.", "two")
    assert f.period == "" and f.attribution == "army"


@pytest.mark.parametrize("text, surface, attribution", [
    ("At least 3,000 people have fled El Fasher, according to the International Organization for Migration.",
     "At least 3,000", "International Organization for Migration"),
    ("Nearly 10,000 children have been deported to Russia, Ukrainian officials said.", "Nearly 10,000",
     "Ukrainian officials"),
    ("Mark Lowcock, the UN relief chief, said 400,000 people had fled since April.", "400,000", "Mark Lowcock"),
    ("More than 500 people were killed, according to the UN.", "More than 500", "UN"),   # as written
])
def test_attribution(text, surface, attribution):
    assert fig(text, surface).attribution == attribution


def test_pronoun_speaker_resolves_to_the_source_named_before():
    text = ("The World Health Organization warned of a cholera outbreak in Yemen. "
            "More than 2,500 people have died, it said.")
    assert fig(text, "More than 2,500").attribution == "World Health Organization"


def test_relative_clause_attribution_covers_only_what_follows():
    text = ("More than half a million civilians have been uprooted by the offensive that the "
            "United Nations says has killed hundreds.")
    assert fig(text, "More than half a million").attribution == ""
    assert fig(text, "hundreds").attribution == "United Nations"


@pytest.mark.parametrize("text, surface, category, subject", [
    ("At least 17 civilians — among them nine women — were killed when shells hit a market in Kharkiv.",
     "At least 17", "killed", "civilians"),
    ("Nine miners (including two teenagers) died after the shaft collapsed in Kolwezi.", "Nine", "killed", "miners"),
    ("At least 30 fishermen are missing after the storm hit the coast of Bangladesh.", "At least 30", "missing",
     "fishermen"),
    ("More than 200 Sudanese have crossed into Chad since Friday, aid workers said.", "More than 200", "refugees",
     "Sudanese"),
])
def test_asides_and_nouns_without_plural_s(text, surface, category, subject):
    f = fig(text, surface)
    assert (f.category, f.subject) == (category, subject)


def test_said_after_a_quote_names_a_lowercase_source():
    f = fig("\"Twelve bodies were recovered from the river,\" said the provincial disaster agency.", "Twelve")
    assert f.attribution == "provincial disaster agency"


@pytest.mark.parametrize("text, surface, category", [
    ("More than 3,000 homes were destroyed when the earthquake struck Herat province.", "More than 3,000", "damage"),
    ("Floods damaged or destroyed some 90,000 houses across Sindh, officials said.", "some 90,000", "damage"),
    ("Israeli strikes destroyed at least 12 homes in Rafah overnight.", "at least 12", "attacks"),
])
def test_damage_by_a_hazard_is_not_an_attack(text, surface, category):
    assert fig(text, surface).category == category


@pytest.mark.parametrize("text, surface, value, category, subject", [
    ("Floods have killed 300 people in Pakistan since June, nearly a third of them children.",
     "nearly a third", 100, "killed", "children"),
    ("The town has 60,000 residents, half of whom are children.", "half", 30000, "population", "children"),
    ("The town had 40,000 residents, half of whom are now displaced.", "half", 20000, "displaced", "residents"),
    ("Security forces have killed at least 537 protesters, including 68 children, rights groups said.",
     "68", 68, "killed", "children"),
])
def test_shares_and_parts_of_a_figure(text, surface, value, category, subject):
    f = fig(text, surface)
    assert (round(f.value), f.category, f.subject) == (value, category, subject)
