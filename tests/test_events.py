"""Events: which articles report on one event (the scope in which claims link)."""
from datetime import date

import pytest

from stats import events
from stats.events import Profile, group, headline_countries, profile


@pytest.mark.parametrize("title, countries", [
    ("Death toll rises above 8,000 in Nepal, India quake", {"cc:NP", "cc:IN"}),
    ("Beirut port blast: toll climbs to 160", {"cc:LB"}),
    ("Thousands of Afghans flee into Pakistan", {"cc:AF", "cc:PK"}),
    ("Russian strikes hit Kharkiv overnight", {"cc:UA"}),          # 'Russian' says who struck
    ("Hurricane death toll in Puerto Rico doubles", {"cc:PR"}),     # not 'Puerto' and 'Rico'
    ("The toll rises as far more bodies are found", set()),         # 'The', 'Far' are words
])
def test_headline_countries(title, countries):
    assert headline_countries(title) == countries


def test_profile_reads_countries_and_kinds_from_figures():
    p = profile("Floods: death toll climbs to 1,100",
                ["Pakistan", "Sindh province", "Pakistan", "Lahore"],
                ["Floods have killed 1,100 people in Pakistan.", "Monsoon rains swept Sindh."],
                [1131, 492, 33000000, 12])
    assert "cc:PK" in p.countries and p.kinds == {"flood"}
    assert events.numbers(p) == {1131, 492}     # 33,000,000 is round, 12 too small


def day(s: str) -> int:
    return date.fromisoformat(s).toordinal()


def test_articles_on_one_country_and_kind_close_in_time_are_one_event():
    quake = Profile(frozenset({"cc:NP"}), frozenset({"cc:NP"}), frozenset({"earthquake"}))
    flood = Profile(frozenset({"cc:NP"}), frozenset({"cc:NP"}), frozenset({"flood"}))
    found = group([quake, quake, flood, quake],
                  [day("2015-04-26"), day("2015-05-10"), day("2015-05-01"), day("2017-08-01")])
    a, b, c, d = found.of_article
    assert a == b != c          # another kind of event in the same country
    assert d not in (a, c)      # the same kind two years on is another event
    assert found.home[a] == {"cc:NP"}


def test_an_article_naming_no_country_joins_by_shared_numbers():
    wreck = Profile(frozenset({"cc:IT"}), frozenset({"cc:IT"}), frozenset({"shipwreck"}),
                    events.packed_numbers({61, 147}))
    other = Profile(frozenset({"cc:ES"}), frozenset({"cc:ES"}), frozenset({"shipwreck"}),
                    events.packed_numbers({23}))
    town = Profile(frozenset(), frozenset(), frozenset({"shipwreck"}), events.packed_numbers({61, 88}))
    found = group([wreck, other, town], [None, None, None])
    assert found.of_article[2] == found.of_article[0] != found.of_article[1]


def test_home_is_the_country_most_headlines_name_among_those_most_articles_are_about():
    ukraine = Profile(frozenset({"cc:UA", "cc:PL"}), frozenset({"cc:UA", "cc:RU"}),
                      frozenset({"war"}))
    other = Profile(frozenset({"cc:UA"}), frozenset({"cc:UA"}), frozenset({"war"}))
    found = group([ukraine, other, other], [None] * 3)
    assert found.home[found.of_article[0]] == {"cc:UA"}
    assert events.NO_PROFILE.countries == frozenset()
