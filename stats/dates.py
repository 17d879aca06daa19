"""Turn a period as written ("since late April", "overnight") into calendar dates.

    resolve_period("since last December", "2020-03-05") == ("2019-12-01", "2020-03-05")

A period is read relative to the article's publication date: "on Saturday" in an article
published on Sunday 12 January 2020 is 11 January 2020. Without a publication date only
absolute dates resolve ("March 2011 through July 2019"); an open-ended period ("since March
2011") then keeps its start and leaves the end empty. Words that name no date ("since the war
began") give ("", ""). The function never raises.

Month names, part-of-month words, number words and the like live in data/dates_words.json.
dateparser (languages=["en"], RELATIVE_BASE=published, PREFER_DATES_FROM="past") reads the
date expressions once a regular expression has found them; the structure around them
(since / between ... and / the past N weeks) is read here.
"""
from __future__ import annotations

import calendar
import functools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from . import lexicon

__all__ = ["resolve_period", "parse_iso", "words"]

_DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=None)
def words() -> dict:
    """The word lists of data/dates_words.json (loaded once)."""
    return json.loads((_DATA / "dates_words.json").read_text(encoding="utf-8"))


def _alt(items) -> str:
    """Regex alternation, longest first, spaces matching any run of spaces or hyphens."""
    return lexicon.alternation(items, space=r"[\s-]+")


@dataclass(frozen=True)
class _Rx:
    month_dx: re.Pattern
    year_dx: re.Pattern
    rel_dx: re.Pattern
    span: re.Pattern
    recent: re.Pattern
    ago: re.Pattern
    since: re.Pattern
    until: re.Pattern
    opener: re.Pattern
    connector: re.Pattern


@functools.lru_cache(maxsize=None)
def _rx() -> _Rx:
    w = words()
    months = _alt(w["months"])
    weekdays = _alt(w["weekdays"])
    parts = _alt(w["part_words"])
    nums = _alt(w["number_words"])
    units = _alt(w["span_units"])
    lead = _alt(w["span_lead"])
    day_words = _alt(w["same_day_words"] + w["previous_day_words"] + w["overnight_words"])
    month_dx = re.compile(
        rf"(?:(?P<part>{parts})[\s-]+)?(?:(?P<mod>last|this|next|past)\s+)?"
        rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
        rf"\b(?P<mon>{months})\b\.?"
        rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:am|pm|:|\.\d|%)))?"
        rf"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
        re.I)
    year_dx = re.compile(rf"(?:(?P<part>{parts})[\s-]+)?\b(?P<y>(?:19|20)\d\d)\b(?!\s*(?:%|people|km))", re.I)
    rel_dx = re.compile(
        rf"(?:(?P<part>{parts})[\s-]+)?"
        rf"(?:(?P<day>\b{day_words}\b)"
        rf"|(?:earlier\s+|later\s+)?(?<!the\s)\b(?P<mod>this|last|the)\s+(?P<unit>week|weekend|month|year)\b"
        rf"|\b(?:the\s+)?(?P<weekend>weekend)\b"
        rf"|(?:(?P<wmod>last|this|past|on)\s+)?\b(?P<wd>{weekdays})\b)",
        re.I)
    span = re.compile(
        rf"\b(?:{lead}\s+(?:(?P<n>{nums}|\d+)\s+)?(?P<unit>{units})\b"
        rf"|(?:last|in|within|over|during|for)\s+(?:the\s+)?(?P<n2>{nums}|\d+)\s+(?P<unit2>{units})\b)",
        re.I)
    recent = re.compile(rf"\brecent\s+(?P<unit>{units})\b", re.I)
    ago = re.compile(rf"\b(?P<n>{nums}|\d+)\s+(?P<unit>{units})\s+ago\b", re.I)
    since = re.compile(rf"\b{_alt(w['since_words'])}\b", re.I)
    until = re.compile(rf"\b{_alt(w['until_words'])}\b", re.I)
    opener = re.compile(rf"\b{_alt(w['range_openers'])}\b", re.I)
    connector = re.compile(rf"\s*(?:{_alt(w['range_connectors'])})\s*", re.I)
    return _Rx(month_dx, year_dx, rel_dx, span, recent, ago, since, until, opener, connector)


# --------------------------------------------------------------------------------------------
# dateparser, loaded on first use (its import and first parse cost a few hundred milliseconds)

@functools.lru_cache(maxsize=256)
def _parser(base: date | None):
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _dp(text: str, base: date | None) -> date | None:
    try:
        got = _parser(base).get_date_data(text)
    except Exception:
        return None
    d = got.date_obj if got else None
    return d.date() if d is not None else None


def parse_iso(value) -> date | None:
    """A date from 'YYYY-MM-DD' (or a longer ISO timestamp), a date or a datetime; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# date expressions

@dataclass
class _DX:
    start: int
    end: int
    kind: str            # 'month' (month name, maybe day/year), 'year', 'rel'
    m: re.Match


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _part_of(part: str | None) -> str | None:
    if not part:
        return None
    return words()["part_words"].get(re.sub(r"[\s-]+", " ", part.lower()).strip())


def _slice_month(y: int, mo: int, part: str | None) -> tuple[date, date]:
    last = calendar.monthrange(y, mo)[1]
    if part:
        lo, hi = words()["month_parts"][part]
        return date(y, mo, min(lo, last)), date(y, mo, min(hi, last))
    return date(y, mo, 1), date(y, mo, last)


def _slice_year(y: int, part: str | None) -> tuple[date, date]:
    if part:
        lo, hi = words()["year_parts"][part]
        return date(y, lo, 1), _month_end(y, hi)
    return date(y, 1, 1), date(y, 12, 31)


def _is_word_not_month(text: str, m: re.Match) -> bool:
    """'may' and 'march' are also verbs: lower-case, with no day, year or time word, not a month."""
    mon = m.group("mon")
    if mon.lower() not in words()["ambiguous_month_words"] or not mon.islower():
        return False
    if m.group("d1") or m.group("d2") or m.group("y") or m.group("part") or m.group("mod"):
        return False
    before = text[: m.start("mon")].lower().split()
    return not (before and before[-1] in words()["month_context_words"])


def _find_dx(text: str) -> list[_DX]:
    rx = _rx()
    found: list[_DX] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in rx.month_dx.finditer(text):
        if _is_word_not_month(text, m):
            continue
        found.append(_DX(m.start(), m.end(), "month", m))
        taken.append((m.start(), m.end()))
    for m in rx.rel_dx.finditer(text):
        if free(m.start(), m.end()):
            found.append(_DX(m.start(), m.end(), "rel", m))
            taken.append((m.start(), m.end()))
    for m in rx.year_dx.finditer(text):
        if free(m.start(), m.end()):
            found.append(_DX(m.start(), m.end(), "year", m))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def _resolve_month_dx(m: re.Match, pub: date | None, year_hint: int | None,
                      allow_future: bool) -> tuple[date, date] | None:
    w = words()
    mon_word = m.group("mon")
    mo = w["months"][mon_word.lower().rstrip(".")]
    day_s = m.group("d1") or m.group("d2")
    day = int(day_s) if day_s else None
    part = _part_of(m.group("part"))
    mod = (m.group("mod") or "").lower()
    y = int(m.group("y")) if m.group("y") else None
    if y is None and year_hint is not None:
        y = year_hint
    if y is None:
        if pub is None:
            return None
        if mod == "this":
            y = pub.year
        elif mod == "next":
            y = pub.year if mo > pub.month else pub.year + 1
        elif day is not None:
            got = _dp(f"{mon_word} {day}", pub)
            if got is None:
                return None
            y = got.year
            if allow_future and y < pub.year:
                try:
                    same = date(pub.year, mo, day)
                except ValueError:
                    same = None
                if same and pub < same <= pub + timedelta(days=w["future_tolerance_days"]):
                    y = pub.year
        else:
            got = _dp(mon_word, pub)
            if got is None:
                return None
            y = got.year
            if mod in ("last", "past") and (y, mo) == (pub.year, pub.month):
                y -= 1
    if day is not None:
        try:
            d = date(y, mo, day)
        except ValueError:
            return None
        return d, d
    return _slice_month(y, mo, part)


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _resolve_rel_dx(m: re.Match, pub: date | None) -> tuple[date, date] | None:
    if pub is None:
        return None
    w = words()
    part = _part_of(m.group("part"))
    if m.group("day"):
        word = re.sub(r"[\s-]+", " ", m.group("day").lower())
        if word in w["overnight_words"]:
            return pub - timedelta(days=1), pub
        if word in w["previous_day_words"]:
            return pub - timedelta(days=1), pub - timedelta(days=1)
        return pub, pub
    if m.group("unit"):
        mod, unit = m.group("mod").lower(), m.group("unit").lower()
        if mod == "the":                    # "the start of the year" is this year; "the year" alone is not
            if not part and unit != "weekend":
                return None
            mod = "this"
        if unit == "weekend":
            return _weekend(pub, previous=(mod == "last"))
        if unit == "week":
            start = _week_start(pub)
            if mod == "last":
                return start - timedelta(days=7), start - timedelta(days=1)
            return start, pub
        if unit == "month":
            if mod == "last":
                prev = pub.replace(day=1) - timedelta(days=1)
                return _slice_month(prev.year, prev.month, part)
            lo, hi = _slice_month(pub.year, pub.month, part)
            return (lo, min(hi, pub)) if lo <= pub else None
        if unit == "year":
            if mod == "last":
                return _slice_year(pub.year - 1, part)
            lo, hi = _slice_year(pub.year, part)
            return (lo, min(hi, pub)) if lo <= pub else None
        return None
    if m.group("weekend"):
        return _weekend(pub, previous=False)
    if m.group("wd"):
        wd = w["weekdays"][m.group("wd").lower()]
        mod = (m.group("wmod") or "").lower()
        if pub.weekday() == wd and mod != "last":
            return pub, pub
        got = _dp(m.group("wd"), pub)
        if got is None or not (pub - timedelta(days=7) <= got < pub):
            back = (pub.weekday() - wd) % 7 or 7
            got = pub - timedelta(days=back)
        return got, got
    return None


def _weekend(pub: date, previous: bool) -> tuple[date, date]:
    back = (pub.weekday() - 5) % 7          # days since the latest Saturday (0 on a Saturday)
    if previous and back < 2:
        back += 7
    sat = pub - timedelta(days=back)
    return sat, min(sat + timedelta(days=1), pub)


def _resolve_year_dx(m: re.Match) -> tuple[date, date]:
    return _slice_year(int(m.group("y")), _part_of(m.group("part")))


def _resolve_dx(dx: _DX, pub: date | None, year_hint: int | None = None,
                allow_future: bool = True) -> tuple[date, date] | None:
    if dx.kind == "month":
        return _resolve_month_dx(dx.m, pub, year_hint, allow_future)
    if dx.kind == "year":
        return _resolve_year_dx(dx.m)
    return _resolve_rel_dx(dx.m, pub)


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = re.sub(r"[\s-]+", " ", word.lower()).strip()
    if word.isdigit():
        return int(word)
    return words()["number_words"].get(word, 1)


def _back(pub: date, n: int, unit: str) -> date:
    unit = words()["span_units"].get(unit.lower(), unit.lower())
    if unit == "hours":
        return pub - timedelta(days=max(1, -(-n // 24)))
    if unit == "days":
        return pub - timedelta(days=n)
    if unit == "weeks":
        return pub - timedelta(weeks=n)
    if unit == "months":
        return pub - relativedelta(months=n)
    if unit == "years":
        return pub - relativedelta(years=n)
    return pub - relativedelta(years=10 * n)


def _ago(m: re.Match, pub: date) -> tuple[date, date]:
    n = _count(m.group("n"))
    unit = words()["span_units"].get(m.group("unit").lower())
    d = _back(pub, n, unit)
    if unit == "months":
        return _slice_month(d.year, d.month, None)
    if unit in ("years", "decades"):
        return _slice_year(d.year, None)
    return d, d


# --------------------------------------------------------------------------------------------

def _iso(pair) -> tuple[str, str]:
    lo, hi = pair
    return (lo.isoformat() if lo else "", hi.isoformat() if hi else "")


def _normalise(period: str) -> str:
    t = period.replace("\u2013", " - ").replace("\u2014", " - ").replace("\u2019", "'")
    t = re.sub(r"(?<=\d)-(?=\d{4}\b)", " - ", t)          # 2011-2019
    t = re.sub(r"(?<=[a-z])-(?=[A-Za-z]+\s+\d{4}\b)", " - ", t)   # January-March 2023
    t = re.sub(r",\s*(?:when|where|which|as)\b[^,]*,", " ", t)    # 'between Sept. 20, when it struck, and Dec. 31'
    t = re.sub(r"\s+", " ", t).strip(" ,.;:()")
    return t


@functools.lru_cache(maxsize=8192)
def _resolve(period: str, published: str) -> tuple[str, str]:
    rx = _rx()
    pub = parse_iso(published)
    t = _normalise(period)
    if not t:
        return "", ""
    dxs = _find_dx(t)

    # 1. a range: A (and|to|through|-) B, maybe opened by between/from
    for a, b in zip(dxs, dxs[1:]):
        gap = t[a.end:b.start]
        if not gap.strip() or not rx.connector.fullmatch(gap):
            continue
        rb = _resolve_dx(b, pub, allow_future=False)
        if rb is None:
            continue
        hint = None
        if a.kind == "month" and not a.m.group("y"):
            a_mo = words()["months"][a.m.group("mon").lower().rstrip(".")]
            b_mo = rb[1].month
            hint = rb[1].year if a_mo <= b_mo else rb[1].year - 1
        ra = _resolve_dx(a, pub, year_hint=hint, allow_future=False)
        if ra is None or ra[0] > rb[1]:
            continue
        return _iso((ra[0], rb[1]))

    first = dxs[0] if dxs else None
    since = rx.since.search(t)
    until = rx.until.search(t)

    # 2. since A: A's start to publication
    if first is not None and since is not None and since.start() < first.start:
        ra = _resolve_dx(first, pub, allow_future=since.group(0).lower() != "since")
        if ra is None:
            return "", ""
        if pub is None or ra[0] > pub:
            return ra[0].isoformat(), ""
        return ra[0].isoformat(), pub.isoformat()

    # 3. spans back from publication: the past N weeks, recent days, N days ago
    m = rx.span.search(t)
    if m and (first is None or m.start() <= first.start):
        if pub is None or re.match(r"\s*(?:after|since|before|following|of)\b", t[m.end():], re.I):
            return "", ""   # 'in the 42 days after the storm struck': counted from the storm, not from today
        n = _count(m.group("n") or m.group("n2"))
        return _iso((_back(pub, n, m.group("unit") or m.group("unit2")), pub))
    m = rx.recent.search(t)
    if m and first is None:
        if pub is None:
            return "", ""
        return _iso((_back(pub, words()["recent_count"], m.group("unit")), pub))
    m = rx.ago.search(t)
    if m and first is None:
        return _iso(_ago(m, pub)) if pub is not None else ("", "")

    # 4. until A: open start
    if first is not None and until is not None and until.start() < first.start:
        ra = _resolve_dx(first, pub)
        return ("", ra[1].isoformat()) if ra else ("", "")

    # 5. a single date expression: in April, on Saturday, overnight, this month
    if first is not None:
        ra = _resolve_dx(first, pub)
        return _iso(ra) if ra else ("", "")
    return "", ""


def resolve_period(period: str, published: str | None = None) -> tuple[str, str]:
    """ISO (period_start, period_end) for a period as written, relative to `published`.

    Returns ("", "") where the words name no date or need a publication date that is
    missing; an open-ended period without a publication date keeps only its start.
    """
    try:
        if not isinstance(period, str) or not period.strip():
            return "", ""
        pub = parse_iso(published)
        return _resolve(period, pub.isoformat() if pub else "")
    except Exception:
        return "", ""
