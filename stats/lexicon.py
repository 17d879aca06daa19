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
