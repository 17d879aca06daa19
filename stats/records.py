"""The records that flow between stages: small, frozen, typed.

Article  -- one input document, its text exactly as read, and what is known about it.
Mention  -- a number found in a text: value, bounds, qualifier and the span it came from.
Figure   -- a mention with its context (what it counts, who, where, when, says who).
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    path: str = ""
    title: str = ""
    date: str = ""      # ISO 8601 publication date, if found
    outlet: str = ""
    url: str = ""
    error: str = ""     # why the article could not be read; empty if it was

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    surface: str
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    article: str
    start: int
    end: int
    surface: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    category: str
    subject: str
    location: str
    period: str
    attribution: str
    sentence: str
    claim: str = ""
    period_start: str = ""   # ISO dates the period resolves to against the publication date
    period_end: str = ""


FIGURE_COLUMNS = tuple(f.name for f in fields(Figure))


def check_options(options, checks: dict[str, bool]) -> None:
    """Raise ValueError naming each field of the ``options`` record whose check is False."""
    bad = [name for name, ok in checks.items() if not ok]
    if bad:
        raise ValueError(f"{type(options).__name__}: invalid value for {', '.join(bad)}: "
                         + ", ".join(f"{n}={getattr(options, n)!r}" for n in bad))
