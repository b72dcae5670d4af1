"""What only one outlet says: checked against every other outlet, ranked by news value.

A statement is exclusive only if no statement of another outlet comes near it: its support
probability (`support.py`) with every other outlet's statement stays below the model's
`recall_threshold`, which is set for recall (a claim two outlets make, listed as one outlet's
exclusive, misleads a reader as much as false support). The rest are ranked by what a reader
cannot get elsewhere: names no other outlet mentions, numbers, dates, direct quotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.agreement.statements import Statement
from newsweave.clean.dateline import without_dateline
from newsweave.models import Exclusive
from newsweave.text.kinds import statement_kind

Matrix = NDArray[np.float32]
_QUOTE_MARKS = ("“", '"', "”")


def unmatched(
    index: Sequence[int], statements: Sequence[Statement], support: Matrix, threshold: float
) -> bool:
    """Whether no statement of another outlet reaches `threshold` with any of `index`."""
    outlets = np.array([s.outlet for s in statements])
    for i in index:
        others = outlets != statements[i].outlet
        if others.any() and float(support[i][others].max()) >= threshold:
            return False
    return True


def news_value(statement: Statement, names_elsewhere: frozenset[str]) -> float:
    """New names (2 each), numbers (2), calendar dates (1.5), a direct quotation (1)."""
    new_names = len(statement.names - names_elsewhere)
    quoted = any(mark in statement.text for mark in _QUOTE_MARKS)
    return (
        2.0 * new_names
        + 2.0 * len(statement.quantities)
        + 1.5 * len(statement.anchors.dates)
        + (1.0 if quoted else 0.0)
    )


def _names_of_others(statements: Iterable[Statement], outlet: str) -> frozenset[str]:
    return frozenset(name for s in statements if s.outlet != outlet for name in s.names)


def rank(
    candidates: Sequence[Statement], statements: Sequence[Statement], per_outlet_limit: int
) -> list[Exclusive]:
    """Exclusives, most newsworthy first, at most `per_outlet_limit` per outlet, each text once."""
    elsewhere = {o: _names_of_others(statements, o) for o in {s.outlet for s in candidates}}
    ordered = sorted(
        candidates,
        key=lambda s: (-news_value(s, elsewhere[s.outlet]), s.article.id, s.sentence.index),
    )
    kept: list[Exclusive] = []
    per_outlet: dict[str, int] = {}
    seen: set[str] = set()
    for statement in ordered:
        text = without_dateline(statement.text)
        if per_outlet.get(statement.outlet, 0) >= per_outlet_limit or text in seen:
            continue
        per_outlet[statement.outlet] = per_outlet.get(statement.outlet, 0) + 1
        seen.add(text)
        kind = statement_kind(statement.sentence.text)
        kept.append(
            Exclusive(text=text, article=statement.article.id, outlet=statement.outlet, kind=kind)
        )
    return kept
