"""The news first: which sentence leads a summary, and the order of the rest.

The lead states the story's core event: who did what, where and when, in the words most
articles share, in the story's latest state. It is chosen among the opening sentences of each
independent article (the first `lead_window`), never a copy, never a sentence that cannot stand
alone, and never one the register classifier calls opinion or background (`kinds.kind_of`).
Each is scored by

- names: the capitalised words (people, places, organisations) it shares with most articles,
  each weighted by the share of independent articles that name it;
- the event day: the calendar day that most independent articles name (the latest on a tie),
  found by resolving the date expressions of every sentence against its article's date: a
  newer article's "Wednesday" is that day, an older article's "next month" is not;
- recency (newer articles tell the latest state) and position (earlier is more central).

The other chosen sentences follow by importance (the number of independent outlets that report
them), then in time order. Their relative dates are replaced by the days they name in
`redate.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.summarize.candidates import Candidate, Pool, recency
from newsweave.sections import SummarizeSettings
from newsweave.text import kinds
from newsweave.text.stopwords import ENGLISH_STOP_WORDS
from newsweave.timex.expressions import find_expressions

# A sentence names a calendar day only with a day word (weekday, today, tonight...) or a month
# and a number; the cheap tests skip the (slower) expression finder on the others.
_DAY_WORDS = ("day", "tonight", "within hours")
_MONTH_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d\d-\d\d"
)
_SAME_DAY = re.compile(r"\bwithin (?:hours|the hour)\b", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_NAME = re.compile(r"\b[A-Z][A-Za-z]+(?:['’-][A-Za-z]+)*")


@dataclass(frozen=True, slots=True)
class Day:
    """A calendar day a sentence names: `text` is the words, `value` YYYY-MM-DD."""

    value: str
    text: str


def days_in(candidate: Candidate) -> tuple[Day, ...]:
    """The calendar days the sentence names, resolved against its article's date."""
    published = candidate.article.published
    text = candidate.sentence.text
    if published is None or not _may_name_a_day(text):
        return ()
    found = [
        Day(t.value[:10], t.text)
        for t in find_expressions(text, published.date(), default_direction="nearest")
        if t.value and _DAY.match(t.value)
    ]
    found.extend(Day(published.date().isoformat(), m.group()) for m in _SAME_DAY.finditer(text))
    return tuple(found)


def _may_name_a_day(text: str) -> bool:
    lower = text.lower()
    if any(word in lower for word in _DAY_WORDS):
        return True
    return _MONTH_DAY.search(lower) is not None


def names_in(text: str) -> frozenset[str]:
    """Capitalised words after the first (which any sentence capitalises), lower-cased."""
    words = [m.group() for m in _NAME.finditer(text) if m.start() > 0]
    return frozenset(w.lower() for w in words if w.lower() not in ENGLISH_STOP_WORDS)


def event_day(items: list[Candidate], days: dict[int, tuple[Day, ...]]) -> str | None:
    """The day most independent outlets name (the latest of equals), or None."""
    outlets: dict[str, set[str]] = {}
    for index, found in days.items():
        for day in found:
            outlets.setdefault(day.value, set()).add(items[index].outlet_key)
    if not outlets:
        return None
    return max(outlets, key=lambda value: (len(outlets[value]), value))


def shared_names(items: list[Candidate]) -> dict[str, float]:
    """Name -> share of independent outlets that use it, for names at least half of them use."""
    per_outlet: dict[str, set[str]] = {}
    for candidate in items:
        if not candidate.is_copy:
            per_outlet.setdefault(candidate.outlet_key, set()).update(
                names_in(candidate.sentence.text)
            )
    total = len(per_outlet)
    counts: dict[str, int] = {}
    for found in per_outlet.values():
        for name in found:
            counts[name] = counts.get(name, 0) + 1
    needed = max(1, min(2, total), total / 2)
    return {name: n / total for name, n in counts.items() if n >= needed}


@dataclass(frozen=True, slots=True)
class Leads:
    """The sentences that may open the summary with their lead scores, and the event day
    (None also where no opening sentence names a day, since it then raises no score)."""

    scores: dict[int, float]
    day: str | None
    ties: dict[int, tuple[float, int, int]] = field(default_factory=dict)  # newest, earliest

    def best(self) -> int | None:
        """The highest-scoring lead (ties: newest article, earliest sentence)."""
        return self._top(list(self.scores))

    def among(self, chosen: list[int], slack: float) -> int | None:
        """The best lead already chosen, if it scores at least `slack` times the best."""
        top = self.best()
        found = self._top([i for i in chosen if i in self.scores])
        if top is None or found is None or self.scores[found] < slack * self.scores[top]:
            return None
        return found

    def _top(self, indices: list[int]) -> int | None:
        return max(indices, key=lambda i: (self.scores[i], self.ties[i]), default=None)


def leads(the_pool: Pool, knobs: SummarizeSettings) -> Leads:
    """Every sentence that may open the summary, scored, and the story's event day.

    The days of the other sentences are found (a date scan of each, ~0.3 ms) only where an
    opening sentence names a day: the event day only raises the score of those that name it.
    """
    items = the_pool.items
    window = [
        i
        for i, c in enumerate(items)
        if not c.is_copy
        and c.position < knobs.lead_window
        and (c.fit or not knobs.filters)
        and kinds.kind_of(c.sentence.text) is None
    ]
    days = {i: days_in(items[i]) for i in window}
    if any(days.values()):  # else the event day moves no score: no other sentence is scanned
        days.update((i, days_in(c)) for i, c in enumerate(items) if not c.is_copy and i not in days)
    day = event_day(items, days)
    if not window:
        return Leads({}, day)
    scores = lead_scores(items, window, days, day, knobs)
    ties = {i: _earlier(items[i]) for i in window}
    return Leads({i: float(score) for i, score in zip(window, scores, strict=True)}, day, ties)


def _earlier(candidate: Candidate) -> tuple[float, int, int]:
    """Tie-break towards the newest article, then the earliest sentence (order-independent)."""
    when, rank, start = candidate.order_key
    return (when.timestamp() if when.year > 1 else 0.0, rank, -start)


def lead_scores(
    items: list[Candidate],
    window: list[int],
    days: dict[int, tuple[Day, ...]],
    day: str | None,
    knobs: SummarizeSettings,
) -> NDArray[np.float64]:
    """Names shared (0..1, relative to the best) + date, recency and position bonuses."""
    weights = shared_names(items)
    names = np.array([sum(weights.get(n, 0.0) for n in names_in(items[i].sentence.text))
                      for i in window])  # fmt: skip
    if names.max(initial=0.0) > 0:
        names = names / names.max()
    dated = np.array([any(d.value == day for d in days.get(i, ())) for i in window], dtype=float)
    fresh = recency([items[i] for i in window])
    position = np.array([1.0 / (1.0 + items[i].position) for i in window])
    return np.asarray(
        names
        + knobs.lead_date_weight * dated
        + knobs.lead_recency_weight * fresh
        + knobs.lead_position_weight * position,
        dtype=np.float64,
    )


def arrange(
    the_pool: Pool, chosen: list[int], lead: int | None, support: NDArray[np.int64]
) -> list[int]:
    """The lead first, then the rest by support (outlets reporting them), then in time order."""
    rest = [i for i in chosen if i != lead]
    rest.sort(key=lambda i: (-int(support[i]), the_pool.items[i].order_key))
    return [lead, *rest] if lead is not None and lead in chosen else rest
