"""Reprints: finding reprinted wire text (bundled articles, and copies made of them with other
headlines and footers), with the sampled fingerprints ``stats.reprints`` keeps."""
from __future__ import annotations

import pickle
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats.reprints import Fingerprint, ReprintIndex, ReprintOptions, find_reprints, fingerprint
from test_claims import CORPUS, corpus_text, two_reprints


def test_reprint_with_other_header_and_footer_is_found():
    a, b = two_reprints()
    found = find_reprints([("mem", a), ("sabah", b), ("other", corpus_text("003"))])
    assert set(found) == {"sabah"}
    original, share = found["sabah"]
    assert original == "mem" and share > 0.8


def test_bundled_articles_000_and_002_share_wire_text():
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    found = find_reprints(texts)
    ids = {p[:3]: p for p, _ in texts}
    assert set(found) == {ids["002"]}
    original, share = found[ids["002"]]
    assert original == ids["000"] and 0.3 < share < 0.8


def test_a_quoted_sentence_or_two_is_not_a_reprint():
    wire = corpus_text("000")
    quoted = [s for s in re.split(r"(?<=\.)\s+", wire) if "uprooted since the offensive" in s
              or "were killed during raids overnight" in s]
    assert len(quoted) == 2
    own = corpus_text("003") + "\n" + " ".join(quoted)
    assert find_reprints([("wire", wire), ("own", own)]) == {}


def test_a_copy_of_a_copy_points_at_the_original():
    a, b = two_reprints()
    c = "Breaking news from the wires.\n" + b
    found = find_reprints([("a", a), ("b", b), ("c", c)])
    assert found["b"][0] == "a" and found["c"][0] == "a"




# --------------------------------------------------------------------------- the index itself

def reference(articles: list[tuple[str, Fingerprint]], o: ReprintOptions) -> dict:
    """The rule of the module's docstring, in plain Python, one hash at a time."""
    import numpy as np

    first_seen: dict[int, int] = {}
    sentences: list[int] = []
    out = {}
    for pos, (aid, fp) in enumerate(articles):
        hashes = np.frombuffer(fp.hashes, dtype=np.uint32).tolist()
        sizes = np.frombuffer(fp.sizes, dtype=np.uint16).tolist()
        sentences.append(len(sizes))
        votes: dict[int, int] = {}
        copied, at = 0, 0
        for size in sizes:
            mine, at = hashes[at:at + size], at + size
            hits: dict[int, int] = {}
            for h in mine:
                if h in first_seen:
                    hits[first_seen[h]] = hits.get(first_seen[h], 0) + 1
            if hits:
                src, n = min(hits.items(), key=lambda kv: (-kv[1], kv[0]))
                if n >= o.sentence_copied_share * size:
                    votes[src] = votes.get(src, 0) + 1
                    copied += 1
        for h in hashes:
            first_seen.setdefault(h, pos)
        if votes:
            src, shared = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            if (shared >= o.reprint_min_sentences
                    and shared / min(len(sizes), sentences[src]) >= o.reprint_min_share):
                out[aid] = (articles[src][0], round(copied / len(sizes), 3))
    return out


POOL = [
    "Floods in eastern Libya have killed at least 5,300 people and left thousands missing.",
    "The storm swept away entire neighbourhoods of Derna when two dams burst overnight.",
    "Aid agencies said more than 30,000 people had been displaced across the region.",
    "Rescuers were still digging through mud and rubble in search of survivors on Thursday.",
    "The World Health Organization urged authorities not to bury victims in mass graves.",
    "Officials in Tripoli and Benghazi traded blame over the state of the ageing dams.",
    "Hospitals in the city were overwhelmed and running short of body bags and medicine.",
    "The United Nations appealed for $71 million to help those affected by the disaster.",
    "Roads into the city were cut, slowing the delivery of food, water and shelter kits.",
    "Residents said they had received no warning before the water reached their homes.",
    "Satellite images showed that a quarter of the city had been washed into the sea.",
    "Many of the dead were migrant workers from Egypt, Sudan and other countries nearby.",
]


def edit(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    i = rng.randrange(len(words))
    if rng.random() < 0.5:
        del words[i]
    else:
        words[i] = "reportedly"
    return " ".join(words)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=2, max_value=9),
       st.sampled_from([1, 2, 4]))
def test_index_follows_the_rule_hash_by_hash(seed, n_articles, k):
    rng = random.Random(seed)
    o = ReprintOptions(sample_per_sentence=k)
    articles = []
    for i in range(n_articles):
        chosen = rng.sample(POOL, rng.randint(0, 7))
        text = " ".join(edit(s, rng) if rng.random() < 0.3 else s for s in chosen)
        articles.append((f"a{i}", fingerprint(text, o)))
    index = ReprintIndex(o)
    for aid, fp in articles:
        index.add(aid, fp)
    assert index.result() == reference(articles, o)
    index.CHUNK = 7          # sorted and decided a few articles at a time: the same answer
    assert index.result() == reference(articles, o)


def test_fingerprint_is_small_comparable_and_picklable():
    text = corpus_text("000")
    fp = fingerprint(text)
    assert fp == fingerprint(text) and len(fp) > 10
    assert len(fp.hashes) <= 4 * ReprintOptions().sample_per_sentence * len(fp)
    assert pickle.loads(pickle.dumps(fp)) == fp


@pytest.mark.parametrize("text", ["", "Share this.\nTweet\nAdvertisement", "Ten killed. Five hurt."])
def test_no_sentences_no_fingerprint_no_reprint(text):
    assert len(fingerprint(text)) == 0
    assert find_reprints([("a", text), ("b", text)]) == {}


def test_options_are_checked():
    with pytest.raises(ValueError, match="sample_per_sentence"):
        ReprintOptions(sample_per_sentence=0)
    with pytest.raises(ValueError, match="reprint_min_share"):
        ReprintOptions(reprint_min_share=1.5)
