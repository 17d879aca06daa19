"""stats.dates.resolve_period: periods as written in news articles, read against a fixed
publication date, must resolve to exact ISO dates (or ('', '') where the words name none)."""
import pytest

from stats.dates import resolve_period

CASES = [
    # phrases from the bundled Idlib articles
    ("since last December", "2020-03-05", ("2019-12-01", "2020-03-05")),
    ("since late April", "2019-08-31", ("2019-04-21", "2019-08-31")),
    ("since the offensive began in late April", "2019-08-30", ("2019-04-21", "2019-08-30")),
    ("on Saturday", "2020-01-12", ("2020-01-11", "2020-01-11")),          # published on a Sunday
    ("on Saturday", "2020-01-11", ("2020-01-11", "2020-01-11")),          # published that Saturday
    ("on Sunday", "2020-01-12", ("2020-01-12", "2020-01-12")),
    ("overnight", "2019-08-30", ("2019-08-29", "2019-08-30")),
    ("this month", "2020-01-12", ("2020-01-01", "2020-01-12")),
    ("in the last few weeks", "2019-08-30", ("2019-08-09", "2019-08-30")),
    ("in recent weeks", "2020-01-12", ("2019-12-22", "2020-01-12")),
    ("over the last three weeks", "2019-08-30", ("2019-08-09", "2019-08-30")),
    ("since the beginning of February", "2020-03-05", ("2020-02-01", "2020-03-05")),
    ("since the beginning of this year", "2020-03-05", ("2020-01-01", "2020-03-05")),
    ("since April 29", "2019-08-30", ("2019-04-29", "2019-08-30")),
    ("since April", "2019-08-30", ("2019-04-01", "2019-08-30")),
    ("since the collapse of the conditional ceasefire on August 5", "2019-08-30",
     ("2019-08-05", "2019-08-30")),
    ("from March 2011 through July 2019", "2019-08-30", ("2011-03-01", "2019-07-31")),
    ("March 2011 through July 2019", "2019-08-30", ("2011-03-01", "2019-07-31")),
    ("since the war began", "2019-08-30", ("", "")),
    ("since the conflict began", "2019-08-30", ("", "")),
    ("four years ago", "2019-08-30", ("2015-01-01", "2015-12-31")),
    ("last week", "2019-08-30", ("2019-08-19", "2019-08-25")),
    ("earlier this week", "2020-03-05", ("2020-03-02", "2020-03-05")),
    # phrases in the style of other crises
    ("since October 7", "2023-11-10", ("2023-10-07", "2023-11-10")),
    ("since Oct. 7", "2023-11-10", ("2023-10-07", "2023-11-10")),
    ("since 7 October", "2023-11-10", ("2023-10-07", "2023-11-10")),
    ("in the past 24 hours", "2023-02-08", ("2023-02-07", "2023-02-08")),
    ("in the last 48 hours", "2023-02-08", ("2023-02-06", "2023-02-08")),
    ("over the past two days", "2023-02-08", ("2023-02-06", "2023-02-08")),
    ("in the past week", "2023-02-08", ("2023-02-01", "2023-02-08")),
    ("last week", "2020-03-05", ("2020-02-24", "2020-03-01")),
    ("since the earthquake struck on Monday", "2023-02-08", ("2023-02-06", "2023-02-08")),
    ("between January and March 2023", "2023-05-10", ("2023-01-01", "2023-03-31")),
    ("between November and February", "2023-05-10", ("2022-11-01", "2023-02-28")),
    ("January-March 2023", "2023-05-10", ("2023-01-01", "2023-03-31")),
    ("between 2011 and 2019", "2023-05-10", ("2011-01-01", "2019-12-31")),
    ("from April 15 to May 10", "2023-06-01", ("2023-04-15", "2023-05-10")),
    ("since mid-April", "2023-06-01", ("2023-04-11", "2023-06-01")),
    ("since mid-December", "2024-01-15", ("2023-12-11", "2024-01-15")),
    ("since last December", "2020-12-05", ("2019-12-01", "2020-12-05")),
    ("since December", "2020-12-05", ("2020-12-01", "2020-12-05")),
    ("yesterday", "2023-02-08", ("2023-02-07", "2023-02-07")),
    ("last night", "2023-02-08", ("2023-02-07", "2023-02-08")),
    ("today", "2023-02-08", ("2023-02-08", "2023-02-08")),
    ("since yesterday", "2023-02-08", ("2023-02-07", "2023-02-08")),
    ("last month", "2020-03-05", ("2020-02-01", "2020-02-29")),
    ("last year", "2020-03-05", ("2019-01-01", "2019-12-31")),
    ("late last year", "2020-03-05", ("2019-09-01", "2019-12-31")),
    ("this year", "2023-11-10", ("2023-01-01", "2023-11-10")),
    ("so far this year", "2023-11-10", ("2023-01-01", "2023-11-10")),
    ("since the start of the year", "2023-11-10", ("2023-01-01", "2023-11-10")),
    ("since 2011", "2019-08-30", ("2011-01-01", "2019-08-30")),
    ("in 2018", "2019-08-30", ("2018-01-01", "2018-12-31")),
    ("in April", "2019-08-30", ("2019-04-01", "2019-04-30")),
    ("in early 2023", "2023-11-10", ("2023-01-01", "2023-04-30")),
    ("over the weekend", "2023-02-06", ("2023-02-04", "2023-02-05")),
    ("in recent days", "2023-11-10", ("2023-11-07", "2023-11-10")),
    ("in recent months", "2023-11-10", ("2023-08-10", "2023-11-10")),
    ("two days ago", "2023-11-10", ("2023-11-08", "2023-11-08")),
    ("last Sunday", "2020-01-12", ("2020-01-05", "2020-01-05")),
    ("on Thursday", "2020-03-05", ("2020-03-05", "2020-03-05")),
    ("from 6am on August 31", "2019-08-30", ("2019-08-31", "")),       # starts after publication
    ("until March 15", "2020-03-05", ("", "2020-03-15")),
    ("on March 5, 2020", "2020-03-06", ("2020-03-05", "2020-03-05")),
]


@pytest.mark.parametrize("period,published,expected", CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_resolve_period(period, published, expected):
    assert resolve_period(period, published) == expected


NO_PUBLICATION = [
    # absolute dates resolve without a publication date
    ("March 2011 through July 2019", ("2011-03-01", "2019-07-31")),
    ("between January and March 2023", ("2023-01-01", "2023-03-31")),
    ("on March 5, 2020", ("2020-03-05", "2020-03-05")),
    ("in 2018", ("2018-01-01", "2018-12-31")),
    ("2011-2019", ("2011-01-01", "2019-12-31")),
    # open-ended: the start is known, the end is not
    ("since March 2011", ("2011-03-01", "")),
    ("since 7 October 2023", ("2023-10-07", "")),
    ("since the start of 2023", ("2023-01-01", "")),
    # relative words need the publication date
    ("since late April", ("", "")),
    ("on Saturday", ("", "")),
    ("overnight", ("", "")),
    ("this month", ("", "")),
    ("in the past 24 hours", ("", "")),
    ("last week", ("", "")),
    ("since October 7", ("", "")),
]


@pytest.mark.parametrize("period,expected", NO_PUBLICATION, ids=[c[0] for c in NO_PUBLICATION])
@pytest.mark.parametrize("published", [None, "", "not a date"])
def test_without_publication_date(period, expected, published):
    assert resolve_period(period, published) == expected


@pytest.mark.parametrize("period", [
    "", "   ", "since the war began", "during the siege", "may have risen", "people march",
    "since", "between and", "\x00\ufffd", "since 99 Octember", "x" * 5000,
])
def test_no_date_in_the_words(period):
    assert resolve_period(period, "2020-03-05") == ("", "")


@pytest.mark.parametrize("period,published", [
    (None, "2020-03-05"), (12, "2020-03-05"), ("since April", 20200305), ("since April", "2020-13-45"),
    (b"since April", "2020-03-05"), ("since February 30", "2020-03-05"),
])
def test_never_raises(period, published):
    start, end = resolve_period(period, published)
    assert isinstance(start, str) and isinstance(end, str)


def test_accepts_date_objects_and_timestamps():
    from datetime import date, datetime
    assert resolve_period("overnight", date(2019, 8, 30)) == ("2019-08-29", "2019-08-30")
    assert resolve_period("overnight", datetime(2019, 8, 30, 14, 5)) == ("2019-08-29", "2019-08-30")
    assert resolve_period("overnight", "2019-08-30T14:05:00Z") == ("2019-08-29", "2019-08-30")


def test_results_are_cached():
    from stats import dates
    dates._resolve.cache_clear()
    resolve_period("since late April", "2019-08-31")
    resolve_period("since late April", "2019-08-31")
    info = dates._resolve.cache_info()
    assert info.hits >= 1 and info.misses == 1
