"""Reprints: which articles copy an earlier article's text (syndicated wire copy).

``fingerprint(text)``
    Cuts each sentence of at least ``sentence_min_words`` words into word shingles
    (``shingle_words`` words), hashes them with a hash that is the same in every process (the
    fingerprint is made where the article is read, maybe in a worker), and keeps only the
    ``sample_per_sentence`` smallest hashes of each sentence (bottom-k MinHash sampling: a
    shingle is kept or dropped alike in every article, so two copies of a sentence keep the
    same hashes, and the share of kept hashes two sentences have in common estimates the share
    of their shingles). About 18 bytes per sentence.

``ReprintIndex``
    Takes fingerprints in corpus order and keeps them in flat arrays (no Python object per
    hash); ``result()`` then finds, with a few sorts over the whole corpus, the article each
    hash was first seen in, which sentences were copied from one earlier article, and which
    articles copy most of their sentences from one. Linear in corpus size, in time and memory.

The rule: a sentence is copied when ``sentence_copied_share`` of its kept hashes were first
seen in one single earlier article (which absorbs small edits); an article is a reprint of the
earlier article it shares most copied sentences with, when it shares at least
``reprint_min_sentences`` and they make ``reprint_min_share`` of the shorter of the two (a
quoted sentence or two is not a reprint; several wire paragraphs are). Chains collapse: a hash
belongs to the first article it appears in, so a copy of a copy points at the original.
"""
from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass

from .claims import _fold
from .records import check_options

__all__ = ["ReprintOptions", "Fingerprint", "fingerprint", "ReprintIndex", "find_reprints"]


@dataclass(frozen=True, slots=True)
class ReprintOptions:
    """Thresholds of reprint detection, checked when built."""
    shingle_words: int = 4              # words per shingle
    sentence_min_words: int = 8         # shorter sentences (boilerplate, datelines) are ignored
    sample_per_sentence: int = 4        # smallest shingle hashes kept of each sentence
    sentence_copied_share: float = 0.75  # share of its kept hashes seen in one earlier article
    reprint_min_sentences: int = 3      # one or two quoted sentences do not make a reprint
    reprint_min_share: float = 0.25     # shared sentences / sentences of the shorter article

    def __post_init__(self) -> None:
        checks = {
            "shingle_words": self.shingle_words >= 1,
            "sentence_min_words": self.sentence_min_words >= 1,
            "sample_per_sentence": 1 <= self.sample_per_sentence <= 1000,
            "sentence_copied_share": 0 < self.sentence_copied_share <= 1,
            "reprint_min_sentences": self.reprint_min_sentences >= 1,
            "reprint_min_share": 0 < self.reprint_min_share <= 1,
        }
        check_options(self, checks)


DEFAULT = ReprintOptions()


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The kept shingle hashes of an article's sentences: ``hashes`` (uint32, sentence after
    sentence) and ``sizes`` (uint16, how many hashes each sentence kept), as bytes: small to
    send between processes, and comparable."""
    hashes: bytes = b""
    sizes: bytes = b""

    def __len__(self) -> int:
        """Sentences."""
        return len(self.sizes) // 2


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
_WORD = re.compile(r"\w+")


def _hash(shingle: str) -> int:
    """A 32-bit hash that is the same in every process (str hashes are salted per process).
    Two unrelated shingles share one about once in four billion; a sentence is only copied
    when most of its kept hashes match one article, so such a collision changes nothing."""
    return zlib.crc32(shingle.encode("utf-8"))


def fingerprint(text: str, options: ReprintOptions = DEFAULT) -> Fingerprint:
    """What ``ReprintIndex`` compares of ``text``: a pure function of the text."""
    hashes, sizes = array("I"), array("H")
    k, size = options.sample_per_sentence, options.shingle_words
    for sentence in _SENTENCE_END.split(text or ""):
        words = _WORD.findall(_fold(sentence))
        if len(words) < options.sentence_min_words:
            continue
        kept = sorted({_hash(" ".join(words[i:i + size]))
                       for i in range(max(1, len(words) - size + 1))})[:k]
        hashes.extend(kept)
        sizes.append(len(kept))
    return Fingerprint(hashes.tobytes(), sizes.tobytes())


class ReprintIndex:
    """Fingerprints in corpus order (oldest first when dates are known; an article can only be
    a reprint of one added before it); ``result()`` says which articles are reprints."""

    def __init__(self, options: ReprintOptions = DEFAULT):
        self.options = options
        self.ids: list[str] = []
        self._hashes = bytearray()
        self._sizes = bytearray()
        self._sentences = array("I")

    def add(self, article_id: str, fp: Fingerprint) -> None:
        self.ids.append(str(article_id))
        self._hashes += fp.hashes
        self._sizes += fp.sizes
        self._sentences.append(len(fp))

    CHUNK = 1 << 16     # hashes handled at a time: what result() holds beyond the index

    def result(self) -> dict[str, tuple[str, float]]:
        """``{id: (id of the earlier article it copies, share of its sentences copied)}``."""
        import numpy as np

        hashes = np.frombuffer(self._hashes, dtype=np.uint32)
        if not len(hashes):
            return {}
        sizes = np.frombuffer(self._sizes, dtype=np.uint16)
        n_sent = np.frombuffer(self._sentences, dtype=np.uint32).astype(np.int64)
        # hash positions as 32-bit ints where they fit: these arrays are a corpus's size
        position = np.int32 if len(hashes) < np.iinfo(np.int32).max else np.int64
        sentence_ends = np.cumsum(sizes, dtype=position)            # in hashes
        article_ends = np.cumsum(n_sent)                            # in sentences
        article_hash_ends = sentence_ends[article_ends - 1].copy()  # in hashes
        article_hash_ends[n_sent == 0] = 0
        article_hash_ends = np.maximum.accumulate(article_hash_ends)

        def article_of(positions):
            return np.searchsorted(article_hash_ends, positions, side="right").astype(np.int32)

        seen_in = _first_seen(hashes, article_of, self.CHUNK)
        out = {}
        # an article's decision needs only its own hashes (and where each was first seen)
        start = 0
        while start < len(hashes):
            stop = min(len(hashes), start + self.CHUNK)
            stop = int(article_hash_ends[np.searchsorted(article_hash_ends, stop - 1, side="right")])
            self._decide(np.arange(start, stop, dtype=position), seen_in, article_of, sizes,
                         n_sent, sentence_ends, out)
            start = stop
        return out

    def _decide(self, positions, seen_in, article_of, sizes, n_sent, sentence_ends, out) -> None:
        """The reprints among the articles whose hashes are at ``positions`` (a range)."""
        import numpy as np

        o = self.options
        if not len(positions):
            return
        article = article_of(positions)
        hit = positions[seen_in[positions[0]:positions[-1] + 1] < article]   # seen earlier
        if not len(hit):
            return
        n_art = len(self.ids)
        # per sentence, the earlier article most of its hashes come from (ties: the earliest)
        sentence = np.searchsorted(sentence_ends, hit, side="right")
        sent, src, n = _best(sentence, seen_in[hit], n_art)
        copied = n >= o.sentence_copied_share * sizes[sent]
        sent, src = sent[copied], src[copied]
        art = article_of(sentence_ends[sent] - 1)
        copied_sentences = dict(zip(*np.unique(art, return_counts=True)))
        # per article, the earlier article most of its copied sentences come from
        for a, s, shared in zip(*_best(art, src, n_art)):
            shorter = min(n_sent[a], n_sent[s])
            if shared >= o.reprint_min_sentences and shared / shorter >= o.reprint_min_share:
                out[self.ids[a]] = (self.ids[s], round(float(copied_sentences[a] / n_sent[a]), 3))


def _first_seen(hashes, article_of, chunk: int):
    """For each hash, the article it was first seen in (``article_of(positions)`` gives the
    article of hash positions, in corpus order). Sorted a part at a time, by the hash's top bits
    (about ``chunk`` hashes a part), so the sort's own arrays stay small."""
    import numpy as np

    seen_in = np.empty(len(hashes), dtype=np.int32)
    bits = max(0, min(16, int(np.ceil(np.log2(max(1, len(hashes) / chunk))))))
    top = np.zeros(len(hashes), np.uint8 if bits <= 8 else np.uint16)
    for i in range(0, len(hashes) if bits else 0, 1 << 20):     # no shifted copy of them all
        top[i:i + (1 << 20)] = hashes[i:i + (1 << 20)] >> (32 - bits)
    for b in range(1 << bits):
        where = np.flatnonzero(top == b)
        if not len(where):
            continue
        h = hashes[where]
        order = np.argsort(h, kind="stable")    # equal hashes: the earliest first
        h = h[order]
        run_start = np.ones(len(h), dtype=bool)
        run_start[1:] = h[1:] != h[:-1]
        first = np.maximum.accumulate(np.where(run_start, np.arange(len(h)), 0))
        seen_in[where[order]] = article_of(where[order[first]])
    return seen_in


def _best(group, source, n_sources: int):
    """For each group, the source it has most entries from (ties: the smallest): arrays of
    (group, source, entries), one row per group, in group order."""
    import numpy as np

    keys, counts = np.unique(group.astype(np.int64) * n_sources + source, return_counts=True)
    groups, sources = keys // n_sources, keys % n_sources
    order = np.lexsort((sources, -counts, groups))
    groups, sources, counts = groups[order], sources[order], counts[order]
    first = np.ones(len(groups), dtype=bool)
    first[1:] = groups[1:] != groups[:-1]
    return groups[first], sources[first], counts[first]


def find_reprints(articles: list[tuple[str, str]], options: ReprintOptions = DEFAULT,
                  ) -> dict[str, tuple[str, float]]:
    """Articles that copy an earlier article's text: ``{id: (id of the earlier article, share)}``
    for ``(id, text)`` pairs in corpus order (see the module's docstring)."""
    index = ReprintIndex(options)
    for article_id, text in articles:
        index.add(article_id, fingerprint(text, options))
    return index.result()
