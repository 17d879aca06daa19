"""Which mentions of one block are one count: constrained agglomerative clustering.

A block holds the mentions of one event, category, subject, unit, kind and place (``stats.claims``
makes them). Mentions that say the same are one node; candidate pairs of nodes are merged best
first, never across a cannot-link: one article's two counts (``_one_count``), two provinces,
two years, two start dates, two nationalities, two days of a war's incidents, and numbers that
disagree where neither count is said to run (``_Group.allows``). ``cluster_chunk`` runs on
whole blocks sent as columns (``Chunk``), in this process or a worker.
"""
from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .claim_keys import DEFAULT_OPTIONS, ClaimOptions, PeriodKey, _period_score, period_key


@dataclass(slots=True)
class _Mention:
    index: int              # position in the block as sent
    article: int            # article position in the corpus
    order: tuple[int, int]  # (article position, start)
    sentence: int
    period: PeriodKey
    interval: tuple[float, float]
    value: float
    moving: bool
    grows: int
    war: bool                       # its event is a war
    when: tuple[int, int] | None    # day ordinals of its period
    region: int                     # its province or state where known (0: not known)
    sides: frozenset[str]           # nationalities other than the event's own
    published: int | None           # day ordinal of its article's date


@dataclass(slots=True)
class _Node:
    """Mentions of one block that say the same (value, bounds, period) in different places, so
    every two of them are compatible: they are linked, or not, together. A figure repeated by a
    hundred articles is one node, not 4,950 pairs."""
    first: _Mention                         # its earliest mention: what the node says
    articles: dict[int, list[_Mention]]     # article position -> its mentions here

    @property
    def mentions(self) -> list[_Mention]:
        return [m for ms in self.articles.values() for m in ms]


def _nodes(block: list[_Mention]) -> list[_Node]:
    """The mentions of a block (in reading order) grouped into nodes, in order of first mention."""
    nodes: list[_Node] = []
    same: dict[tuple, list[_Node]] = defaultdict(list)
    for m in block:
        says = (m.interval, m.value, m.period, m.when, m.region, m.moving, m.grows, m.sides)
        for node in same[says]:
            if all(_one_count(m, x) for x in node.articles.get(m.article, ())):
                break
        else:
            node = _Node(m, {})
            nodes.append(node)
            same[says].append(node)
        node.articles.setdefault(m.article, []).append(m)
    return nodes


def _one_count(m: _Mention, n: _Mention) -> bool:
    """Whether two mentions of one article may be one count: words that speak of a running or
    disputed count ('rose from 16 to 34'), else, in two sentences, the same number or different
    numbers for one period (a writer giving two counts of one kind tells them apart by their
    periods: '12 killed overnight', '500 since April'); for a count that does not grow, one
    period named (750 on board and 104 rescued, no period, are two counts)."""
    if m.order == n.order:
        return False
    if m.moving or n.moving:
        return True
    if m.sentence and m.sentence == n.sentence:
        return False    # 'five killed in Kharkiv and five more in Izium': two counts
    return math.isclose(m.value, n.value, rel_tol=0.01) or (
        bool(m.grows or not m.period.empty) and _period_score(m.period, n.period) == 1.0)


def _apart(x: _Node, y: _Node, options: ClaimOptions) -> bool:
    """True when two nodes of one block sharing an article cannot be one count: that article
    gives both, as two counts (``_one_count``)."""
    return any(not all(_one_count(m, n)
                       for m in x.articles[art] for n in y.articles[art])
               for art in x.articles.keys() & y.articles.keys())


class _Group:
    """What a claim being built says, for the checks that span all its mentions."""
    __slots__ = ("regions", "sides", "years", "implied", "since", "since_months", "incident", "running", "days",
                 "kinds", "lo", "hi", "events", "published")

    def __init__(self, node: _Node):
        m = node.first
        self.regions = {m.region} - {0}             # provinces named: at most one
        self.years = [m.period.slots[2]] if m.period.slots[2] else []
        # a count with no year in its words is of the years it was published in
        self.implied = set() if self.years else {
            date.fromordinal(x.published).strftime("%Y") for x in node.mentions if x.published}
        self.since = [m.when[0]] if m.when and m.period.kind == "since" else []
        # the months a start is named by, where no date resolves it ('since last December')
        self.since_months = [m.period.slots[0]] if m.period.kind == "since" and m.period.slots[0] else []
        # a count of one short event ('12 killed on Thursday'), not a running total
        self.incident = m.period.kind == "day" and not m.moving and m.war
        # a count that grows as an event goes on, said to run or be disputed ('the toll rose
        # to', 'since April'), or a number of it ('792 dead'): across articles, it may move
        self.running = m.grows == 2 or bool(m.grows) and (m.moving or m.period.kind == "since")
        self.days = ({m.when[0]} if m.when else set(m.period.slots[1])) if self.incident else set()
        self.kinds = {m.period.kind} - {""}
        self.lo, self.hi = m.interval
        self.sides = [m.sides] if m.sides else []
        self.events = [m.when] if self.incident and m.when else []     # its short events' days
        days = [x.published for x in node.mentions if x.published]
        self.published = (min(days), max(days)) if days else None

    def allows(self, other: _Group, options: ClaimOptions) -> bool:
        """Whether the two claims can be one count: one province at most, the same year, the
        same start ('since April' is not 'since December'); two counts of short events only on
        one day; numbers that disagree only where a count is said to run or be disputed."""
        if len(self.regions | other.regions) > 1:
            return False
        if any(not a & b for a in self.sides for b in other.sides):
            return False    # 'Turkish soldiers' are not 'Syrian soldiers'
        if _far(self.events, other.published) or _far(other.events, self.published):
            return False    # 'on Saturday' (11 May) is not a count published in July
        if any(not a & b for a in self.years for b in other.years):
            return False
        if any(years and not years & other.implied for years in self.years) and other.implied or \
                any(years and not years & self.implied for years in other.years) and self.implied:
            return False    # '695,000 in all of 2015' is not the total a 2019 article gives
        if any(not a & b for a in self.since_months for b in other.since_months):
            return False    # 'since late April' is not 'since last December'
        since = self.since + other.since
        if since and max(since) - min(since) > SINCE_SLACK_DAYS:
            return False
        if self.incident and other.incident:
            if len(self.days | other.days) > 1:
                return False    # 'on Thursday' is not 'on Saturday'
        else:
            if (self.incident or other.incident) and "since" in self.kinds | other.kinds:
                # '78 found on Wednesday' and '78 since Wednesday' agree; 'since December' not
                starts = self.since + other.since
                days = [a for a, _ in self.events + other.events]
                if not (starts and days and max(starts + days) - min(starts + days) <= 1):
                    return False
            if self.running and other.running:
                return True     # values may move and disagree: a toll that rises, a dispute
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return lo <= hi * options.value_tolerance

    def merge(self, other: _Group) -> None:
        self.regions |= other.regions
        self.years += other.years
        self.implied |= other.implied
        self.since += other.since
        self.since_months += other.since_months
        self.incident = self.incident or other.incident
        self.running = self.running or other.running
        self.days |= other.days
        self.kinds |= other.kinds
        self.lo, self.hi = max(self.lo, other.lo), min(self.hi, other.hi)
        self.sides += other.sides
        self.events += other.events
        if other.published:
            self.published = other.published if not self.published else (
                min(self.published[0], other.published[0]), max(self.published[1], other.published[1]))


def _far(events: list[tuple[int, int]], published: tuple[int, int] | None) -> bool:
    """True when a short event's days and a publication are more than a week apart."""
    return bool(published) and any(max(published[1] - b, a - published[0]) > EVENT_SLACK_DAYS
                                   for a, b in events)


EVENT_SLACK_DAYS = 7    # a count of one day's events is reported within the week
SINCE_SLACK_DAYS = 31   # 'since April' and 'since late April' start the same count


def _affinity(x: _Node, y: _Node) -> float:
    """How much two nodes look like one count (higher first): one article restating it, the
    same number, then agreeing periods, then nearer values."""
    a, b = x.first, y.first
    p = _period_score(a.period, b.period) or 0.0
    lo, hi = max(a.interval[0], b.interval[0]), min(a.interval[1], b.interval[1])
    near = 1.0 if lo <= hi else (hi / lo if lo > 0 else 0.0)
    same = 1.0 if math.isclose(a.value, b.value, rel_tol=0.01) else 0.0
    restated = 1.0 if x.articles.keys() & y.articles.keys() else 0.0
    return 4 * restated + 2 * same + p + near


def _cluster(block: list[_Mention], options: ClaimOptions) -> list[list[_Mention]]:
    """Constrained agglomerative clustering of one block: candidate pairs are merged best first
    (``_affinity``), and two claims never merge when a mention of one and a mention of the other
    are apart (``_apart``: one article's two counts) or what they say disagrees (``_Group``:
    two provinces, two years, two start dates, a short event and another count).

    Mentions that say the same are first made one node (``_Node``). Candidate pairs are only
    formed between nodes whose values are within ``options.value_reach`` of each other, each
    node with at most ``options.max_candidates`` nodes after it in order of value (a sweep over
    the nodes sorted by lower bound), so a block costs at most that many comparisons per node,
    however large the corpus; never is one block compared with another."""
    import numpy as np

    nodes = _nodes(sorted(block, key=lambda x: x.order))
    n = len(nodes)
    by_low = sorted(range(n), key=lambda i: nodes[i].first.interval[0])
    first, second, score = array("i"), array("i"), array("d")
    for k, i in enumerate(by_low):
        reach = nodes[i].first.interval[1] * options.value_reach
        for m in range(k + 1, min(n, k + 1 + options.max_candidates)):
            j = by_low[m]
            if nodes[j].first.interval[0] > reach:
                break       # sorted by lower bound: every later node is further away
            first.append(min(i, j))
            second.append(max(i, j))
            score.append(_affinity(nodes[i], nodes[j]))
    # cannot-links between nodes sharing an article; the rest is checked claim by claim
    apart: dict[int, set[int]] = defaultdict(set)
    in_article: dict[int, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for art in node.articles:
            in_article[art].append(i)
    for group in in_article.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                if j not in apart[i] and _apart(nodes[i], nodes[j], options):
                    apart[i].add(j)
                    apart[j].add(i)
    members = {i: [i] for i in range(n)}
    groups = {i: _Group(node) for i, node in enumerate(nodes)}
    owner = list(range(n))
    for p in np.lexsort((np.asarray(second), np.asarray(first), -np.asarray(score))).tolist():
        a, b = owner[first[p]], owner[second[p]]      # best first (ties: in node order)
        if a == b or b in apart.get(a, ()) or not groups[a].allows(groups[b], options):
            continue
        a, b = min(a, b), max(a, b)
        for x in members[b]:
            owner[x] = a
        members[a].extend(members.pop(b))
        groups[a].merge(groups.pop(b))
        moved = apart.pop(b, set())
        for c in moved:         # b's cannot-links are a's now
            apart[c].discard(b)
            apart[c].add(a)
        apart[a] |= moved
    return [sorted((x for i in group for x in nodes[i].mentions), key=lambda x: x.order)
            for group in members.values()]


class Chunk(NamedTuple):
    """Whole blocks of mentions, as columns, to be clustered (maybe in another process): the
    ``Linker`` sends them to ``cluster_chunk``. Arrays are numpy, one item per mention, blocks
    one after another."""
    bounds: list[int]       # where each block starts, and the end of the last
    index: object           # the mention's number in the linker
    article: object         # article position in the corpus
    start: object           # offset in the article
    sentence: object        # 32-bit hash of its sentence (0: unknown)
    period: object          # position in ``periods``
    lo: object              # the value interval
    hi: object
    value: object
    moving: object          # bit 0: the words speak of a running or disputed count; bits 1-2:
                            # grows; bit 3: the event is a war
    when0: object           # the period as day ordinals (0: not resolved)
    when1: object
    region: object          # province or state where known (0: not known)
    side: object            # position in ``sides``
    published: object       # day ordinal of the article's date (0: unknown)
    sides: list             # frozensets of nationalities (other than the event's own)
    periods: list[str]      # periods as written


def cluster_chunk(chunk: Chunk, options: ClaimOptions = DEFAULT_OPTIONS) -> tuple[array, array]:
    """The claims of the blocks of ``chunk`` with at least ``options.min_mentions`` mentions:
    their mentions' numbers one claim after another (each claim in reading order), and where
    each claim ends in them."""
    periods = [period_key(x) for x in chunk.periods]
    mentions = [_Mention(i, art, (art, start), sentence, periods[period], (lo, hi), value,
                         bool(moving & 1), moving >> 1 & 3, bool(moving & 8),
                         (w0, w1) if w0 else None, region,
                         chunk.sides[side],
                         published or None)
                for i, art, start, sentence, period, lo, hi, value, moving, w0, w1, region, side,
                published in zip(*(col.tolist() for col in chunk[1:-2]))]  # all but bounds, tables
    members, ends = array("I"), array("Q")
    for start, end in zip(chunk.bounds, chunk.bounds[1:]):
        for group in _cluster(mentions[start:end], options):
            if len(group) >= options.min_mentions:
                members.extend(m.index for m in group)
                ends.append(len(members))
    return members, ends


