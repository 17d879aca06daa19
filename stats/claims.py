"""Claims: which figures, across articles and within one, report the same count.

Reprints (syndicated copies, which count as one source) are found by ``stats.reprints``; the
articles about one event by ``stats.events``; what a location names by ``stats.places``; what
linking needs of one figure by ``stats.claim_keys``; which mentions of one block are one count by
``stats.clustering``. This module puts figures in blocks and builds the claims table.

``Linker`` / ``link_claims(figures, articles)``
    Gives figures that report the same count one ``claim`` id and builds the claims table.
    What linking needs of a figure (``claim_keys.mention_key``) and of an article
    (``events.profile``) is made where they are found; the ``Linker`` keeps them in arrays,
    about 70 bytes a figure. Articles are grouped into events; figures are put in blocks by
    (event, category, subject classes, unit, kind, place at the event's level), so no figure is
    ever compared with one of another block, and blocks can be clustered in parallel
    (``clustering.cluster_chunk``).

What makes two figures one count (the word lists live in ``stats/data/claims_*.json`` and
``stats/data/lexicon/linking.json``; the shared gold/GUIDE.md says what a claim is):

* the event: their articles report on one event (``stats.events``: a shared country and kind
  of event, dates close). A toll quoted from another event stays apart by its place or year.
* category: equal ('other' only where a subject says what it counts); unit: both counts, or the
  same unit ('percentage'); kind: a rate ('per day') is not a total, a projection ('could top
  10,000') not a count.
* place, at the level the event's articles speak of it: a town, its province and its country
  are one place ('Pylos', 'southern Greece', 'Greece'); "the country", "the island" and places
  the gazetteer lacks are the event's home; "neighbouring countries" and "abroad" are the whole
  of those who fled the country the refugees' counts name. A place stays apart where an article
  of the event gives the category a smaller count of its own there (a breakdown: 'Sindh 70' of
  'Pakistan 304'); countries never merge ('Turkey' is not 'Turkey and Syria', 'Poland' is a part
  of Ukraine's refugees); nor do two provinces the gazetteer knows.
* subject: equal sets of head-noun classes ('civilians', 'people', 'residents', 'victims' are
  people; 'deaths', 'bodies' are people in a count of the dead; children, soldiers are not), and
  no two different nationalities other than the event's own ('Turkish' vs 'Syrian soldiers').
* values (``clustering``): across articles they may move and disagree where both counts grow
  as an event goes on (the dead, the displaced: numbers, not vague amounts, not one attack's
  toll) or are said to run or be disputed ('the toll rose to', 'a study estimated'); otherwise
  they agree as their words allow. One article's different numbers are different counts unless
  such words say they are one or they share a period.
* period: years (stated, or those of publication) agree; 'since' starts agree (within two weeks,
  or the same month); in a war, counts of different days' incidents stay apart.

Independent sources: the articles of a claim after collapsing every reprint onto the article it
copies and every article onto its outlet when the outlet is known (an outlet repeating its own
figure is one voice, not several).
"""
from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter, defaultdict
from array import array
from typing import TYPE_CHECKING, Callable, Iterator

from . import events
from .claim_keys import (DEFAULT_OPTIONS, ClaimOptions, MentionKey, _lexicon, _text, mention_key,
                         period_key, subject_key, unit_key, value_interval)
from .clustering import Chunk, cluster_chunk
from .dates import parse_iso
from .places import _fold, country_of, place_key, region_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CLAIM_COLUMNS", "ClaimOptions", "Linker", "MentionKey", "link_claims", "mention_key",
           "place_key", "subject_key", "period_key", "unit_key", "value_interval"]

log = logging.getLogger(__name__)

CLAIM_COLUMNS = ("claim", "category", "subject", "location", "period", "articles", "outlets",
                 "sources", "low", "high", "spread", "first_date", "last_date", "article_ids", "mentions", "unit")


# --------------------------------------------------------------------------- places in an event

def event_places(event: int, category: str, place: tuple, home: frozenset[str],
                 countries: frozenset[str], fine: set,
                 origin: frozenset[str] = frozenset()) -> frozenset[str]:
    """Where a figure is, at the level of its event: each place of ``place`` (a ``place_key``)
    as its country, unless the event's articles give the category a count of its own there
    (``fine``); "the country", a place of unknown country (a sea, a province the gazetteer
    lacks) and no place as the event's ``home`` (for refugees, the country they fled:
    ``origin``); "neighbouring countries", "abroad" (the whole an event's refugees reached) as
    the country they fled too: parts of it are named countries."""
    out: set[str] = set()
    for key, _ in place:
        if key == "gen:abroad":
            return origin or home   # 'neighbouring countries': the whole of those who fled
        if (event, category, key) in fine:
            out.add(key)
            continue
        country = country_of(key)
        if country and (key.startswith("cc:") or country in countries):
            out.add(country)
        elif home:
            out |= origin if origin and category == "refugees" else home
        elif not key.startswith("gen:"):
            out.add(key)    # an event placed nowhere known: its places as they are
    return frozenset(out or home)


def _packed(*columns):
    """The rows of non-negative integer columns as one int64 each (a mixed-radix number), and
    the radixes: far less memory than sorting the rows as rows."""
    import numpy as np

    sizes = [int(c.max()) + 1 if len(c) else 1 for c in columns]
    if math.prod(sizes) >= 2 ** 62:
        raise OverflowError("columns too wide to pack")    # not met: counts of a corpus's keys
    key = np.zeros(len(columns[0]), np.int64)
    for c, size in zip(columns, sizes):
        key *= size
        key += c
    return key, sizes


def _unpacked(keys, sizes) -> list:
    """The columns of packed rows (``_packed``), as lists."""
    out = []
    for size in reversed(sizes):
        out.append((keys % size).tolist())
        keys = keys // size
    return out[::-1]


def _counted(*columns):
    """((value of each column, ...), how many rows) for each distinct row of the columns."""
    import numpy as np

    if not len(columns[0]):
        return []
    key, sizes = _packed(*columns)
    rows, counts = np.unique(key, return_counts=True)
    return list(zip(zip(*_unpacked(rows, sizes)), counts.tolist()))


def _members(event: list[int], profiles: list, n: int) -> list[list]:
    """The profiles of each event's articles."""
    out: list[list] = [[] for _ in range(n)]
    for e, p in zip(event, profiles):
        out[e].append(p)
    return out


def _home(placed: Counter, headlines: frozenset[str]) -> frozenset[str]:
    """An event's home: the countries its figures are most often placed in together ('Turkey
    and Syria'; 'Puerto Rico', not its headlines' 'Puerto Rico' and 'US'), among the places that
    share a country with its headlines' home ('Ukraine', not 'Poland' where most refugees went)."""
    near = [(n, c) for c, n in placed.items() if c & headlines] if headlines else []
    ranked = sorted(near or [(n, c) for c, n in placed.items()], key=lambda x: (-x[0], sorted(x[1])))
    return ranked[0][1] if ranked else headlines


def _breakdowns(rows: list[tuple[tuple, float, float]], tolerance: float) -> set[str]:
    """The places one article gives counts of their own in one category: ``rows`` are its
    figures' (place key, low, high). A place below country level is a part when another figure
    of the article, at the country or at another place that may hold it, gives a larger count
    than its interval allows: 'Sindh 70' beside 'Pakistan 304', 'Maaret al-Numan 12' beside
    'Idlib 500' (a gazetteer's homonym abroad is still a part here)."""
    parts: set[str] = set()
    singles = [(p[0][0], lo, hi) for p, lo, hi in rows if len(p) == 1]
    for key, lo, hi in singles:
        if key.startswith(("cc:", "gen:")):
            continue
        country = country_of(key)
        for other, lo2, hi2 in singles:
            if other == key or (lo <= hi2 * tolerance and lo2 <= hi * tolerance):
                continue
            if other.startswith("gen:") or (not other.startswith("cc:") and country
                                            and country_of(other) not in ("", country)):
                continue
            if hi < lo2:
                parts.add(key)  # smaller than the country's, or than a place that may hold it
    return parts


def _slug(text: str, max_words: int = 3) -> str:
    words = re.findall(r"[a-z0-9]+", _fold(text))
    return "-".join(words[:max_words])


def _numbers(col: array):
    """An ``array.array`` as a numpy array (a view: the array must not grow while it lives)."""
    import numpy as np

    return np.frombuffer(col, dtype=col.typecode) if len(col) else np.zeros(0, col.typecode)


def _codes(values: list[str], n: int):
    """Each of ``n`` positions' value as its rank among the distinct values, sorted (-1: '' or
    no value)."""
    import numpy as np

    rank = {v: k for k, v in enumerate(sorted(set(values) - {""}))}
    codes = np.full(n, -1, np.int32)
    codes[:len(values)] = [rank.get(v, -1) for v in values]
    return codes


def _distinct(codes, group, n: int):
    """How many distinct codes (>= 0) each of ``n`` groups has (``group``: each code's)."""
    import numpy as np

    width = int(codes.max(initial=-1)) + 1
    ok = codes >= 0
    pairs = np.unique(group[ok].astype(np.int64) * width + codes[ok])
    return np.bincount(pairs // max(width, 1), minlength=n)


def _group_min_max(codes, group, n: int):
    """The least and greatest code (>= 0) of each of ``n`` groups, -1 where it has none."""
    import numpy as np

    ok = codes >= 0
    least = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(least, group[ok], codes[ok])
    least[least == np.iinfo(np.int64).max] = -1
    most = np.full(n, -1, np.int64)
    np.maximum.at(most, group[ok], codes[ok])
    return least, most


def _most_common(codes, group, n: int, blank: int):
    """The most frequent code of each of ``n`` groups, leaving out ``blank`` (ties: the first
    in order), -1 where it has none."""
    import numpy as np

    at = np.flatnonzero(codes != blank)
    g, v = group[at], codes[at]
    runs = np.lexsort((at, v, g))           # each (group, code) a run, its first place first
    g, v, at = g[runs], v[runs], at[runs]
    heads = np.flatnonzero(np.diff(g, prepend=-1) | np.diff(v, prepend=-1))
    count = np.diff(heads, append=len(g))
    best = np.lexsort((at[heads], -count, g[heads]))
    best = best[np.diff(g[heads][best], prepend=-1) != 0]   # the first of each group
    out = np.full(n, -1, np.int64)
    out[g[heads][best]] = v[heads][best]
    return out


def _strings(values: list[str]):
    """A text column of a table, as pandas makes it from a list of str."""
    import pandas as pd

    return pd.Series(values, dtype="str" if values else object).array


def source_groups(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> id of its group: reprints joined to what they copy, articles to their outlet."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_outlet: dict[str, str] = {}
    for row in articles.itertuples(index=False):
        aid = str(row.id)
        find(aid)
        original = _text(getattr(row, "reprint_of", ""))
        if original:
            union(aid, original)
        outlet = _text(getattr(row, "outlet", "")).lower()
        if outlet:
            union(aid, by_outlet.setdefault(outlet, aid))
    return {aid: find(aid) for aid in list(parent)}


class Linker:
    """Gathers the ``MentionKey`` of every linkable figure of a corpus, compactly (numbers in
    arrays, strings interned: about 60 bytes a figure, no sentence), and the ``events.Profile``
    of every article, then links them all.

    >>> linker = Linker()
    >>> key = mention_key("killed", "Idlib", "civilians", "", 12, 12, None, "at_least", "people")
    >>> linker.add(0, 0, key); linker.add(1, 1, key._replace(value=13.0, interval=(13.0, 26.0)))
    >>> import pandas as pd
    >>> claim_of_row, table = linker.link(pd.DataFrame({"id": ["a", "b"]}), rows=2)
    >>> claim_of_row.tolist(), table.claim.tolist()
    ([0, 0], ['killed-idlib-civilians-1'])
    """

    # value intervals are only compared, so single precision does; the value is reported
    CHUNK_MENTIONS = 2_000      # mentions sent to be clustered together (whole blocks)

    _COLUMNS = {"row": "I", "article": "I", "start": "I", "sentence": "I", "block": "I",
                "place": "I", "sides": "I", "period": "I", "lo": "f", "hi": "f", "value": "d",
                "moving": "B", "when0": "i", "when1": "i", "subject": "I", "location": "I",
                "unit": "I"}

    def __init__(self, options: ClaimOptions = DEFAULT_OPTIONS):
        self.options = options
        self._cols = {name: array(code) for name, code in self._COLUMNS.items()}
        self._append = [col.append for col in self._cols.values()]
        self._interned: dict[str, dict] = {name: {} for name in ("block", "place", "sides", "strings",
                                                                 "profile")}
        self._profiles: dict[int, events.Profile] = {}

    def __len__(self) -> int:
        return len(self._cols["row"])

    def add(self, row: int, article: int, key: MentionKey | None) -> None:
        """Figure ``row`` (its number in the figures table) of the article at position
        ``article`` (in the ``articles`` table given to ``link``); None keys are skipped."""
        if key is None:
            return
        blocks, places, sides, strings = (self._interned[k] for k in ("block", "place", "sides", "strings"))
        values = (row, article, key.start, key.sentence,
                  blocks.setdefault(key.block, len(blocks)), places.setdefault(key.place, len(places)),
                  sides.setdefault(key.sides, len(sides)),
                  strings.setdefault(key.period, len(strings)), *key.interval, key.value,
                  key.moving | key.grows << 1, *(key.when or (0, 0)),
                  strings.setdefault(key.subject, len(strings)),
                  strings.setdefault(key.location, len(strings)),
                  strings.setdefault(key.unit, len(strings)))
        for append, v in zip(self._append, values):
            append(v)

    def add_article(self, article: int, profile: events.Profile) -> None:
        """What the article at position ``article`` is about (``events.profile``): the scope
        of its figures' linking. An article never given one is one placed nowhere known."""
        if profile.countries or profile.kinds:
            shared = self._interned["profile"]     # most articles share their sets of countries
            self._profiles[article] = events.Profile(*(shared.setdefault(x, x) for x in profile))

    def blocks(self, published: list[int | None]):
        """The block of every mention (numpy array, aligned with the mentions added): figures of
        one event, category, subject classes, unit and kind, at one place of the event; and the
        province of each where the gazetteer knows it (numbered from 1; 0: not known), and
        the nationalities its subject names other than the event's own (by number, and the
        list of them)."""
        import numpy as np

        col = {name: _numbers(c) for name, c in self._cols.items()}
        n_art = max(len(published), int(col["article"].max()) + 1 if len(col["article"]) else 0)
        profiles = [self._profiles.get(i, events.NO_PROFILE) for i in range(n_art)]
        found = events.group(profiles, [*published, *[None] * (n_art - len(published))])
        event = found.of_article
        base_keys, place_keys = list(self._interned["block"]), list(self._interned["place"])
        side_keys = list(self._interned["sides"])
        # numpy columns throughout, Python loops only over distinct combinations or over one
        # article's figures of one category at a time: what a corpus of millions of figures
        # can afford
        art, base, place, sides = (col[k] for k in ("article", "block", "place", "sides"))
        ev = np.asarray(event, np.int32)[art] if len(art) else np.zeros(0, np.int32)
        categories = [k[0] for k in base_keys]
        # the places an article gives counts of their own (a breakdown), by event and category
        fine: set[tuple[int, str, str]] = set()
        ab = _packed(art, base)[0]
        order = np.argsort(ab, kind="stable")
        cuts = np.flatnonzero(np.diff(ab[order])) + 1
        for s0, s1 in zip([0, *cuts.tolist()], [*cuts.tolist(), len(order)]):
            if s1 - s0 > 1:
                idx = order[s0:s1]
                got = [(place_keys[p], lo, hi) for p, lo, hi in zip(
                    place[idx].tolist(), col["lo"][idx].tolist(), col["hi"][idx].tolist())]
                e, cat = int(ev[idx[0]]), categories[int(base[idx[0]])]
                fine.update((e, cat, key) for key in _breakdowns(got, self.options.value_tolerance))
        del ab, order, cuts
        # the countries each event's figures are placed in, together: its home
        placed: list[Counter] = [Counter() for _ in found.home]
        countries_of = [frozenset(country_of(k) for k, _ in keys) for keys in place_keys]
        for (e, p), n in _counted(ev, place):
            if place_keys[p] and "" not in countries_of[p]:
                placed[e][countries_of[p]] += n
        home = [_home(c, h) for c, h in zip(placed, found.home)]
        # where an event's refugees come from: the nationality their counts name most
        # ('Sudanese refugees' in Chad), else its home
        fled: list[Counter] = [Counter() for _ in home]
        refugees = np.asarray([c == "refugees" for c in categories], bool)[base] if len(base) else base
        for (e, k), n in _counted(ev[refugees], sides[refugees]):
            if len(side_keys[k]) == 1:
                fled[e][side_keys[k]] += n
        origin = [min(c.items(), key=lambda x: (-x[1], sorted(x[0])))[0] if c else h
                  for c, h in zip(fled, home)]
        # each distinct (event, block key, place, nationalities): its block, province and sides
        people = frozenset([_lexicon().default_subject])
        packed, sizes = _packed(ev, base, place, sides)
        combos, which = np.unique(packed, return_inverse=True)
        del packed
        interned: dict[tuple, int] = {}
        regions: dict[str, int] = {"": 0}
        side_ids: dict[frozenset, int] = {}
        combo_block = np.empty(len(combos), np.int64)
        combo_region = np.zeros(len(combos), np.int32)
        combo_side = np.zeros(len(combos), np.int32)
        for c, (e, b, p, k) in enumerate(zip(*_unpacked(combos, sizes))):
            keys, cat = place_keys[p], categories[b]
            # the province of a city, where the gazetteer knows it: 'Aleppo' is not 'Idlib'
            within = region_of(keys[0][0]) if len(keys) == 1 and (e, cat, keys[0][0]) not in fine else ""
            where = event_places(e, cat, keys, home[e], found.countries[e], fine, origin[e])
            # a figure placed nowhere, in an event placed nowhere known, is linked to none
            combo_block[c] = interned.setdefault((e, b, where), len(interned)) if where else -1
            combo_region[c] = regions.setdefault(within, len(regions))
            # Syrians in Syria's war are its people; Syrian soldiers are one side of it
            nationalities = side_keys[k] - home[e] if base_keys[b][1] == people else side_keys[k]
            combo_side[c] = side_ids.setdefault(nationalities, len(side_ids))
        which = which.reshape(-1)
        block, region, side = combo_block[which], combo_region[which], combo_side[which]
        alone = np.flatnonzero(block < 0)
        block[alone] = len(interned) + np.arange(len(alone))     # a block of its own each
        # in a war, a day's count is one of its many incidents; in a disaster, the event itself
        at_war = [2 * sum("war" in p.kinds for p in members) >= len(members)
                  for members in _members(event, profiles, len(home))]
        war = np.asarray(at_war, dtype=np.uint8)[ev] if len(ev) else np.zeros(0, np.uint8)
        return block, region, side, list(side_ids), war

    def chunks(self, published: list[int | None]) -> Iterator[Chunk]:
        """The blocks of two or more mentions, in order of their first mention, as ``Chunk``s
        of about ``CHUNK_MENTIONS`` mentions (a larger block is a chunk alone)."""
        import numpy as np

        col = {name: _numbers(c) for name, c in self._cols.items()}
        block, region, side, sides, war = self.blocks(published)
        flags = col["moving"] | war << 3
        order = np.argsort(block, kind="stable")
        sizes = np.diff(np.flatnonzero(np.diff(block[order], prepend=-1, append=-1)))
        kept = sizes >= self.options.min_mentions
        order = order[np.repeat(kept, sizes)]       # the mentions of the blocks kept, in order
        ends = np.cumsum(sizes[kept]).tolist()
        days = np.zeros(max(len(published), int(col["article"].max()) + 1 if len(col["article"]) else 0),
                        np.int32)
        days[:len(published)] = [d or 0 for d in published]
        strings = list(self._interned["strings"])
        first = 0
        while first < len(ends):
            start = ends[first - 1] if first else 0
            last = first    # the chunk's blocks: first..last
            while last + 1 < len(ends) and ends[last + 1] - start <= self.CHUNK_MENTIONS:
                last += 1
            idx = order[start:ends[last]]
            period_ids, period = np.unique(col["period"][idx], return_inverse=True)
            yield Chunk([0] + [e - start for e in ends[first:last + 1]], idx,
                        *(col[name][idx] for name in ("article", "start", "sentence")),
                        period, *(col[name][idx] for name in ("lo", "hi", "value")), flags[idx],
                        *(col[name][idx] for name in ("when0", "when1")),
                        region[idx], side[idx], days[col["article"][idx]], sides,
                        [strings[k] for k in period_ids.tolist()])
            first = last + 1

    def cluster(self, dates: list, map_fn: Callable = map) -> Iterator[tuple[array, array]]:
        """Start clustering the blocks (``dates``: the articles' ISO dates, by position):
        ``map_fn`` maps ``cluster_chunk`` over chunks of blocks (``map``, or a process pool's
        ``imap``, which starts at once: blocks are independent, so they can be clustered in
        parallel, with the same result). Its results go to ``link``."""
        published = [d.toordinal() if (d := parse_iso(x)) else None for x in dates]
        # chunks are made as they are taken (a pool's imap takes them as its pipe drains)
        return map_fn(functools.partial(cluster_chunk, options=self.options),
                      self.chunks(published))

    def link(self, articles: pd.DataFrame, rows: int, map_fn: Callable = map,
             clustering: Iterator[tuple[array, array]] | None = None) -> tuple:
        """Link the mentions added: the claim number of every figure row (-1 when unlinked; a
        numpy array of ``rows`` ints) and the claims table (row n is claim n).

        ``articles`` has id and, when known, date (ISO), outlet and reprint_of (see
        ``stats.reprints``), in the positions given to ``add``. ``clustering``, from
        ``cluster``, else ``cluster(dates, map_fn)`` (see there). Once: the linker lets go of
        what only linking needed.
        """
        import numpy as np

        if clustering is None:
            clustering = self.cluster(articles["date"].tolist() if "date" in articles
                                      else [""] * len(articles), map_fn)
        members, ends = array("I"), array("Q")
        for got, got_ends in clustering:
            ends.extend(e + len(members) for e in got_ends)
            members.extend(got)
        # 32-bit numbers: these arrays have an item per linked figure of the corpus
        members = _numbers(members)
        ends = _numbers(ends).astype(np.int64)
        sizes = np.diff(ends, prepend=0)
        col = {name: _numbers(c) for name, c in self._cols.items()}
        first = members[ends - sizes]
        # numbered in reading order: by the article and place where each is first said
        number = np.empty(len(ends), np.int32)
        number[np.lexsort((col["start"][first], col["article"][first]))] = np.arange(len(ends))
        claim = np.repeat(number, sizes)     # of each member
        first_of = np.empty_like(first)      # the first mention of each claim, by number
        first_of[number] = first
        claim_of_row = np.full(rows, -1, dtype=np.int32)
        claim_of_row[col["row"][members]] = claim
        # what only clustering and numbering read is let go before the table is made
        for name in ("row", "start", "sentence", "place", "sides", "lo", "hi", "moving", "when0",
                     "when1"):
            del col[name]
            self._cols[name] = array(self._COLUMNS[name])
        return claim_of_row, self._table(articles, members, claim, first_of)

    def _table(self, articles: pd.DataFrame, members, claim, first):
        """The claims table: ``members`` (the mentions of every claim, each claim's in
        reading order), the ``claim`` number of each and the ``first`` mention of each claim."""
        import numpy as np
        import pandas as pd

        n = int(claim.max(initial=-1)) + 1
        col = {name: _numbers(c) for name, c in self._cols.items()}
        art = col["article"][members].astype(np.int32)
        art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
        day = [_text(d) for d in articles["date"]] if "date" in articles else []
        days = sorted(set(day) - {""})       # ISO dates: in the order of time
        outlet = [_text(v).lower() for v in articles["outlet"]] if "outlet" in articles else []
        group = source_groups(articles) if art_ids else {}
        strings = list(self._interned["strings"])
        block_keys = list(self._interned["block"])

        # the numbers first, while the arrays of every mention are at hand; then the text, each
        # column made into pandas' strings as soon as it is whole
        value = col["value"][members]
        low, high = np.full(n, np.inf), np.full(n, -np.inf)
        np.minimum.at(low, claim, value)
        np.maximum.at(high, claim, value)
        table = {"articles": _distinct(art, claim, n),
                 "outlets": _distinct(_codes(outlet, len(art_ids))[art], claim, n),
                 "sources": _distinct(_codes([group.get(a, a) for a in art_ids], len(art_ids))[art],
                                      claim, n),
                 "mentions": np.bincount(claim, minlength=n), "low": low, "high": high,
                 "spread": [round(h / lo, 3) if lo > 0 else math.nan
                            for lo, h in zip(low.tolist(), high.tolist())]}
        first_day, last_day = _group_min_max(_codes(day, len(art_ids))[art], claim, n)
        table["first_date"] = _strings([days[k] if k >= 0 else "" for k in first_day.tolist()])
        table["last_date"] = _strings([days[k] if k >= 0 else "" for k in last_day.tolist()])
        # each article once per claim, by claim (a claim's mentions are in reading order)
        listed = np.flatnonzero(np.diff(art, prepend=-1) | np.diff(claim, prepend=-1))
        listed = listed[np.argsort(claim[listed], kind="stable")]
        ends = np.cumsum(np.bincount(claim[listed], minlength=n)).tolist()
        # the ids themselves, not a Python int per entry (whose heap pages would stay taken)
        names = np.asarray(art_ids, dtype=object)[art[listed]]
        table["article_ids"] = _strings([";".join(names[a:b]) for a, b in zip([0] + ends, ends)])
        del art, listed, names, value

        text = {"category": [block_keys[k][0] for k in col["block"][first].tolist()]}
        for name in ("subject", "location", "period", "unit"):
            common = _most_common(col[name][members].astype(np.int32), claim, n,
                                  self._interned["strings"].get("", -1))
            text[name] = [strings[k] if k >= 0 else "" for k in common.tolist()]
        numbering: Counter[str] = Counter()
        ids = []
        for category, location, subject in zip(text["category"], text["location"], text["subject"]):
            prefix = "-".join(p for p in (category, _slug(location),
                                          _slug(subject) or _lexicon().default_subject) if p)
            numbering[prefix] += 1
            ids.append(f"{prefix}-{numbering[prefix]}")
        table["claim"] = _strings(ids)
        table.update((name, _strings(values)) for name, values in text.items())
        return pd.DataFrame(table, columns=list(CLAIM_COLUMNS))


def link_claims(figures: pd.DataFrame, articles: pd.DataFrame,
                options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[pd.Series, pd.DataFrame]:
    """Claim id of every figure (aligned with ``figures.index``, '' when unlinked) and the claims table.

    ``figures`` has the figures-table columns (article, start, value, low, high, qualifier,
    category, subject, location, period, sentence; others are ignored); ``articles`` has id and,
    when known, title, date (ISO), outlet and reprint_of (see ``stats.reprints``), in corpus
    order. Only figures of a category other than 'other' are linked; a claim needs
    ``options.min_mentions`` mentions, in one article or several. Claim ids read
    '<category>-<place>-<subject>-<n>' ('displaced-idlib-civilians-1'), numbered in reading order.
    The table has one row per claim: ``CLAIM_COLUMNS``.
    """
    import pandas as pd

    linker = Linker(options)
    art_ids = [str(a) for a in articles["id"]] if "id" in articles else []
    position = {aid: i for i, aid in enumerate(art_ids)}
    fields = ("category", "location", "subject", "period", "value", "low", "high", "qualifier",
              "unit", "sentence", "start", "surface", "period_start", "period_end")
    columns = [figures[f].tolist() if f in figures else [None] * len(figures) for f in fields]
    article = figures["article"].tolist() if "article" in figures else [""] * len(figures)
    placed: dict[int, list] = defaultdict(list)
    for row, (aid, values) in enumerate(zip(article, zip(*columns))):
        pos = position.get(_text(aid))
        if pos is not None:
            linker.add(row, pos, mention_key(*values, options=options))
            placed[pos].append((_text(values[1]), _text(values[9]), values[4]))
    titles = [_text(t) for t in articles["title"]] if "title" in articles else [""] * len(art_ids)
    for pos, got in placed.items():
        linker.add_article(pos, events.profile(titles[pos], *zip(*got)))
    numbers, table = linker.link(articles, len(figures))
    ids = table["claim"].tolist()
    claims = [ids[n] if n >= 0 else "" for n in numbers.tolist()]
    return pd.Series(claims, index=figures.index, dtype=object, name="claim"), table

