"""A text without sentence punctuation (a table or a PDF dumped to text): every figure of it is
found with its value, bounds and qualifier, offsets index the text, and no stage is handed a
'sentence' of thousands of tokens (which made the run cost the square of the text's length; the
time itself is measured by benchmarks/long_text.py, not here)."""
from __future__ import annotations

import random

import pytest

from stats import extract, segment
from stats.numbers import tokenize

QUALIFIERS = [("at least", "at_least"), ("more than", "more_than"), ("about", "approx"),
              ("nearly", "nearly"), ("up to", "at_most"), ("", "exact")]
NUMBERS = [("12", 12), ("1,250", 1_250), ("three", 3), ("4.5 million", 4_500_000),
           ("twenty-five", 25), ("300", 300), ("forty", 40), ("two thousand", 2_000)]
VAGUE = [("dozens", 24, 99), ("hundreds", 200, 999), ("thousands", 2_000, 9_999),
         ("tens of thousands", 20_000, 99_999)]
COUNTED = ["people killed", "people injured", "residents displaced", "homes destroyed",
           "people missing", "civilians dead", "families evacuated"]
AREAS = ["northern", "coastal", "upland", "river", "border", "eastern"]


def build(words: int, sep: str = " ", seed: int = 7):
    """Records such as 'at least 12 people killed in the coastal area', no two alike (a page
    printing a line twice is read once), joined by ``sep`` (a space: one run of text; a
    newline: a table), with the figure each must yield."""
    figures = []
    for q, qual in QUALIFIERS:
        for num, value in NUMBERS:
            low = value if qual in ("at_least", "more_than") else None
            high = value if qual in ("nearly", "at_most") else None
            figures.append((f"{q} {num}".strip(), value, low, high, qual))
    figures += [(surface, low, low, high, "vague") for surface, low, high in VAGUE] * 3
    combos = [(f, c, a) for f in figures for c in COUNTED for a in AREAS]
    random.Random(seed).shuffle(combos)
    records, expected, n = [], [], 0
    for figure, counted, area in combos:
        if n >= words:
            break
        record = f"{figure[0]} {counted} in the {area} area"
        if record in records:
            continue
        records.append(record)
        expected.append(figure)
        n += len(record.split())
    assert n >= words, "test bug: too few distinct records"
    return sep.join(records), expected


def _rows(text: str):
    figs = extract(text)
    for f in figs:
        assert text[f.start:f.end] == f.surface
    return [(f.surface, f.value, f.low, f.high, f.qualifier) for f in figs]


@pytest.mark.parametrize("sep", [" ", "\n", " ; "], ids=["one run", "table rows", "semicolons"])
def test_every_figure_of_a_long_unpunctuated_text(sep):
    text, expected = build(3_000, sep)
    got = _rows(text)
    assert len(got) == len(expected)
    for want, row in zip(expected, got):
        assert row[0] == want[0] and row[4] == want[4], (want, row)
        assert row[1] == pytest.approx(want[1]), (want, row)
        assert row[2] == (None if want[2] is None else pytest.approx(want[2])), (want, row)
        assert row[3] == (None if want[3] is None else pytest.approx(want[3])), (want, row)


def test_the_long_text_reads_as_its_records_do():
    # the same records read one by one, as short sentences, give the same figures
    text, expected = build(2_000)
    one_by_one = [row for record in text.split(" area ") for row in _rows(record + " area")]
    assert _rows(text) == one_by_one


@pytest.mark.parametrize("sep", [" ", "\n", " ; "], ids=["one run", "table rows", "semicolons"])
def test_sentences_and_paragraphs_stay_bounded(sep):
    text, _ = build(4_000, sep)
    sents = segment.sentences(text)
    assert len(sents) > 4_000 // segment.MAX_TOKENS
    assert max(len(tokenize(text[s.start:s.end])) for s in sents) <= segment.MAX_TOKENS
    # in order, without overlaps, and the whole text covered but the breaks between pieces
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:]))
    kept = sum(len(tokenize(text[s.start:s.end])) for s in sents)
    assert kept == len(tokenize(text)) - (text.count(";") if ";" in sep else 0)
    # a paragraph (read back through for a figure's place) ends after the sentence that takes
    # it past MAX_PARAGRAPH characters
    spans = {}
    for s in sents:
        first, _ = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (first, s.end)
    longest = max(s.end - s.start for s in sents)
    assert len(spans) > 1
    assert all(b - a <= segment.MAX_PARAGRAPH + longest + 1 for a, b in spans.values())


def test_a_long_sentence_is_cut_away_from_its_numbers():
    # no piece may end or start inside a figure's words, even where they come every few words
    text, expected = build(1_500)
    sents = segment.sentences(text)
    assert len(sents) > 1
    for s in sents:
        toks = tokenize(text[s.start:s.end])
        assert toks[-1].lower not in ("at", "least", "more", "than", "up", "to", "about", "nearly")
        assert not toks[-1].is_digits
