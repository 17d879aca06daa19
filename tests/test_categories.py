"""What each figure counts (stats/category.py), on sentences composed in the style
of crisis reporting. Each row: a text, the figure's surface, the categories accepted (the GUIDE's
'|' alternatives) and, where it matters, the subject or the value."""
from __future__ import annotations

import pytest

from stats import extract


def fig(text: str, surface: str):
    found = [f for f in extract(text) if f.surface == surface]
    assert found, f"no figure {surface!r} in {[f.surface for f in extract(text)]}"
    return found[0]


def check(text: str, surface: str, category: str, subject: str | None = None, value: float | None = None):
    f = fig(text, surface)
    assert f.category in category.split("|"), f"{surface!r}: category {f.category!r}, expected {category!r}"
    if subject is not None:
        assert f.subject == subject, f"{surface!r}: subject {f.subject!r}, expected {subject!r}"
    if value is not None:
        assert f.value == pytest.approx(value)


# --- damage: what a disaster, or an unstated cause, damaged or destroyed -----------------------

@pytest.mark.parametrize("text, surface, category, subject", [
    ("The cyclone destroyed about 4,500 houses along the coast of Odisha.", "about 4,500", "damage", "houses"),
    ("Nearly 800 buildings collapsed in the old quarter after the tremor.", "Nearly 800", "damage", "buildings"),
    ("More than 12,000 homes have been fully or partially damaged, the disaster agency said.",
     "More than 12,000", "damage", "homes"),
    ("The quake brought down dozens of apartment blocks in Antakya.", "dozens", "damage", None),
    ("Monsoon rains washed away 65 bridges in the northern valleys.", "65", "damage", "bridges"),
    ("The explosion at the fuel depot damaged some 300 shops nearby.", "some 300", "damage", "shops"),
    # what an attack hit stays an attack
    ("Artillery shelling damaged 14 schools in the north of the province.", "14", "attacks", "schools"),
    ("The air campaign has flattened dozens of villages across the region.", "dozens", "attacks", None),
    ("Israeli strikes destroyed at least 12 homes in Rafah overnight.", "at least 12", "attacks", "homes"),
])
def test_damage(text, surface, category, subject):
    check(text, surface, category, subject)


def test_people_whose_homes_were_destroyed_are_not_damage():
    check("Nine miners, whose homes were destroyed, sought refuge in a school on the hill.", "Nine",
          "displaced")


# --- affected: affected, in need, without water or power --------------------------------------

@pytest.mark.parametrize("text, surface, category", [
    ("At least 60,000 people have been affected by the floods in Assam.", "At least 60,000", "affected"),
    ("The drought has left 2.3 million people in need of food aid.", "2.3 million", "affected"),
    ("Some 400,000 households were without power after the storm.", "Some 400,000", "affected"),
    ("The hurricane killed 12 people and affected an estimated 1.2 million more.",
     "an estimated 1.2 million", "affected"),
    ("The hurricane killed 12 people and affected an estimated 1.2 million more.", "12", "killed"),
    ("Aid agencies say 850,000 children are at risk of severe hunger.", "850,000", "affected"),
])
def test_affected(text, surface, category):
    check(text, surface, category)


# --- a toll: what it counts, whatever verb moves it -------------------------------------------

@pytest.mark.parametrize("text, surface, category, value", [
    ("The death toll from the landslide in Kerala climbed to 210 on Friday.", "210", "killed", 210),
    ("The death toll from the earthquake that struck the region rose above 5,000 on Tuesday.",
     "above 5,000", "killed", 5000),
    ("Death toll in Libya flood disaster soars to 3,800", "3,800", "killed", 3800),
    ("The toll now stands at 97, the ministry said.", "97", "killed", 97),
    ("The official death toll has been revised to 64 from 18.", "18", "killed", 18),
    ("The death toll from the ferry fire has risen to 41, along with 230 injuries.", "41", "killed", 41),
    ("The number of people who have died in the cholera outbreak rose to 1,340.", "1,340", "killed", 1340),
    ("The number of soldiers killed since the start of the month has risen to 23.", "23", "killed", 23),
    ("The number of Sudanese who have fled to Chad has reached 600,000.", "600,000", "refugees", 600_000),
    ("Cholera has killed 45 people in Kasai and 30 in Kwilu, bringing the total to 75.", "75", "killed", 75),
    ("Studies found that deaths from the storm were far higher than the official count of 18.",
     "18", "killed", 18),
])
def test_a_toll_counts_what_it_counts(text, surface, category, value):
    check(text, surface, category, value=value)


def test_a_total_of_people_is_what_the_verb_says():
    check("A total of 70 people have been reported missing after the mudslide.", "70", "missing")


# --- refugees: crossed a border, arrived in or hosted by another country ---------------------

@pytest.mark.parametrize("text, surface, category", [
    ("More than 300,000 people have fled to Chad since April, the agency said.", "More than 300,000", "refugees"),
    ("Nearly 90,000 people have arrived in Moldova since the fighting began.", "Nearly 90,000", "refugees"),
    ("Some 12,000 went to Armenia and 3,000 to Georgia.", "Some 12,000", "refugees"),
    ("Some 12,000 went to Armenia and 3,000 to Georgia.", "3,000", "refugees"),
    ("About 40,000 Rohingya have crossed into Bangladesh in the past week.", "About 40,000", "refugees"),
    ("Around 25,000 Eritreans have left the country this year.", "Around 25,000", "refugees"),
    ("An estimated 1.2 million people have fled Sudan since the war began.", "An estimated 1.2 million",
     "refugees"),
    ("Some 2,000 civilians fleeing the fighting have crossed into neighbouring Chad.", "Some 2,000", "refugees"),
    ("Up to 150,000 could seek shelter in Kenya, officials warned.", "Up to 150,000", "refugees"),
    ("Almost 80,000 have crossed international borders so far.", "Almost 80,000", "refugees"),
    # still inside the country
    ("Thousands of families fled their homes in northern Mozambique last month.", "Thousands", "displaced"),
    ("About 5,000 people who fled fighting elsewhere in Sudan are sheltering in schools.", "About 5,000",
     "displaced"),
    ("Some 20,000 people were displaced in Sudan's Darfur region.", "Some 20,000", "displaced"),
    # a name is not what is counted
    ("As many as 700,000 people may need shelter, the UN Refugee Agency said.", "As many as 700,000",
     "displaced|affected"),
    ("The U.N. refugee agency has registered 4,000 people in the hills.", "4,000", "other"),
])
def test_refugees_or_displaced(text, surface, category):
    check(text, surface, category)


# --- lists and parts inherit what the whole counts --------------------------------------------

@pytest.mark.parametrize("text, surface, category", [
    ("Chad hosts 400,000; Uganda 300,000; Kenya 250,000.", "400,000", "refugees"),
    ("Chad hosts 400,000; Uganda 300,000; Kenya 250,000.", "300,000", "refugees"),
    ("Chad hosts 400,000; Uganda 300,000; Kenya 250,000.", "250,000", "refugees"),
    ("Floods killed 120 people, including 40 children.", "40", "killed"),
    ("Turkey hosts 3.6 million Syrian refugees. Lebanon has about 800,000.", "about 800,000", "refugees"),
    ("The mine collapse killed 54 workers. Among them were 11 teenagers.", "11", "killed"),
    ("Officials said 31 people died in the blaze. Among the dead were 14 Nepalis, six Indians and "
     "two Kenyans.", "six", "killed"),
    ("Among the deceased were 140 children and 95 women, the authority said.", "95", "killed"),
    ("The list of the dead includes 20 Nepalis, nine Indians, a Briton, a Canadian and three Kenyans.",
     "three", "killed"),
])
def test_parts_and_lists_inherit(text, surface, category):
    check(text, surface, category)


# --- on board, rescued, feared dead, where people live ----------------------------------------

@pytest.mark.parametrize("text, surface, category", [
    ("The ferry was carrying about 300 passengers when it capsized off Sulawesi.", "about 300", "other"),
    ("The coast guard said 45 survivors were pulled from the water.", "45", "other"),
    ("Fifteen of the survivors remain hospitalised in Kalamata.", "Fifteen", "injured"),
    ("Dozens of fishermen are feared dead after the storm.", "Dozens", "missing|killed"),
    ("Rescuers found 26 bodies, and 12 passengers survived and 19 bodies were recovered later.", "19",
     "killed"),
    ("Aleppo, a city of two million, was struck again overnight.", "two million", "population"),
    ("One in four of the 2,000 people injured in the blast needed surgery.", "2,000", "injured"),
    ("Nearly 6,000 people injured were taken to hospitals, and dozens of them are still missing.",
     "dozens", "missing"),
    ("Some 1,200 displaced people are living in camps near the border.", "Some 1,200", "displaced"),
    ("Two explosions were reported near the airport.", "Two", "attacks"),
])
def test_other_counts(text, surface, category):
    check(text, surface, category)


# --- what is counted names the count when no event word is near ------------------------------

@pytest.mark.parametrize("text, surface, category", [
    ("Rescuers pulled 12 people alive from the rubble on Tuesday.", "12", "other"),
    ("More than 24,000 emergency personnel are now on the ground.", "More than 24,000", "aid"),
    ("Some 3,000 migrants reached Lampedusa over the weekend.", "Some 3,000", "refugees"),
    ("The toll from the two quakes has climbed to 50,000.", "two", "other"),
    ("The toll from the two quakes has climbed to 50,000.", "50,000", "killed"),
    ("The government said 40 of the 100 bodies had been identified.", "100", "killed"),
    ("The storm left 250,000 homes without electricity.", "250,000", "affected"),
    ("The landslide buried 30 houses on the edge of the village.", "30", "damage"),
    ("Deaths from the virus climbed to 3,000 in Lombardy, while 12,000 recovered.", "3,000", "killed"),
    ("Deaths from the virus climbed to 3,000 in Lombardy, while 12,000 recovered.", "12,000", "other"),
    ("Hospitals treated 600 people for smoke inhalation.", "600", "injured"),
    ("The war has forced 8 million people to flee their homes, and 6 million to seek refuge abroad.",
     "8 million", "displaced"),
    ("The war has forced 8 million people to flee their homes, and 6 million to seek refuge abroad.",
     "6 million", "refugees"),
    ("Around 1,500 people have been evacuated to Romania.", "Around 1,500", "refugees"),
    ("The number of people in need of aid has doubled to 20 million.", "20 million", "affected"),
    ("The fighting has displaced 1.5 million people inside Sudan and driven 400,000 into Chad.",
     "1.5 million", "displaced"),
    ("The fighting has displaced 1.5 million people inside Sudan and driven 400,000 into Chad.",
     "400,000", "refugees"),
])
def test_what_is_counted(text, surface, category):
    check(text, surface, category)


# --- what can never be a count of people, and refugees by name ---------------------------------

@pytest.mark.parametrize("text, surface, category", [
    ("A 6.4 magnitude earthquake struck the coast, killing at least 120 people.", "6.4", "other"),
    ("A 6.4 magnitude earthquake struck the coast, killing at least 120 people.", "at least 120", "killed"),
    ("The 5.9-magnitude quake left 2.5 metres of rubble and 40 dead in the market town.", "40", "killed"),
    ("More than 60,000 Burundian refugees had fled across the lake since the unrest began.",
     "More than 60,000", "refugees"),
    ("Some 8,000 villagers fled their homes in the hills after the landslide.", "Some 8,000", "displaced"),
])
def test_decimals_are_not_people_and_refugees_by_name(text, surface, category):
    check(text, surface, category)
