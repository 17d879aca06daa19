"""Word lists and patterns, loaded once from the JSON files in stats/data/lexicon/.

Every stage reads its vocabulary from here, so the rules in code stay free of literals and a
reader can see (and edit) what each list holds without reading the code.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed JSON file ``stats/data/lexicon/<name>.json`` (keys starting with '_' are notes)."""
    path = resources.files("stats") / "data" / "lexicon" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def alternation(words, *, space: str = r"\s+", boundary: bool = False) -> str:
    """A regex alternation of ``words``, longest first, each escaped, the spaces inside a phrase
    matching ``space``. Raises on an empty list (an empty alternation would match everywhere)."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        raise ValueError("alternation() needs at least one word")
    body = "|".join(space.join(re.escape(p) for p in w.split()) if w.strip() else re.escape(w)
                    for w in words)
    return rf"\b(?:{body})\b" if boundary else f"(?:{body})"


_WORD = re.compile(r"[^\W_]+")    # "toll's" is 'toll', 's'; 'quake-hit' is 'quake', 'hit'


def words(text: str) -> list[str]:
    """The words of a text as word lists are matched: lower case, split at anything not a
    letter or digit ("toll's" is 'toll', 's'; 'quake-hit' is 'quake', 'hit')."""
    return _WORD.findall(text.lower())


class Phrases:
    """Whole-word phrases of a word list found in texts by their words, case-insensitive: a dict
    lookup per word of the text, where a regex alternation of hundreds of phrases tries each
    phrase at each position (what \\b(?:a|b c)\\b with IGNORECASE would find, faster)."""

    def __init__(self, phrases):
        self._first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            ws = tuple(words(p))
            if ws:
                self._first.setdefault(ws[0], []).append(ws)
        if not self._first:
            raise ValueError("Phrases() needs at least one phrase")
        for v in self._first.values():
            v.sort(key=len, reverse=True)     # the longest phrase at a word wins

    def find(self, text: str):
        """The phrases in ``text``, in order, each as its words joined by a space."""
        ws = words(text)
        i = 0
        while i < len(ws):
            step = 1
            for p in self._first.get(ws[i], ()):
                if len(p) == 1 or tuple(ws[i:i + len(p)]) == p:
                    yield " ".join(p)
                    step = len(p)       # as a regex does, a phrase found is not searched again
                    break
            i += step

    def search(self, text: str) -> bool:
        return next(self.find(text), None) is not None
