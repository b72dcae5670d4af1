"""What only one outlet says: checked against every other outlet, ranked by news value.

A statement is exclusive only if no statement of another outlet comes near it: its support
probability (`support.py`) with every other outlet's statement stays below the model's
`recall_threshold`, which is set for recall (a claim two outlets make, listed as one outlet's
exclusive, misleads a reader as much as false support). Nor may it be one part of a longer
sentence of another outlet (`stated_in_parts`): "Washington also brought penalties against
Moscow for meddling in the 2020 election" is one of the reasons listed in "The US announced
sweeping sanctions in April, punishing Moscow for its interference in the 2020 US election,
its ongoing occupation ...", which as a whole is too far from it for the support model. The
rest are ranked by what a reader cannot get elsewhere: names no other outlet mentions,
numbers, dates, direct quotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.agreement.statements import Statement
from newsweave.clean.dateline import without_dateline
from newsweave.models import Exclusive
from newsweave.text.kinds import AGREED_KINDS, statement_kind

Matrix = NDArray[np.float32]
_QUOTE_MARKS = ("“", '"', "”")
# Where a sentence's parts meet: commas, semicolons, colons, dashes, brackets.
_PART_CUT = re.compile(r"\s*(?:[,;:]|\s[-–—]{1,2}\s|\(|\))\s*")
_PART_MIN_WORDS = 4
_SHARED_WORDS = 2  # content words a sentence shares with a statement before its parts are compared


def unmatched(
    index: Sequence[int], outlets: NDArray[np.str_], support: Matrix, threshold: float
) -> bool:
    """Whether no statement of another outlet reaches `threshold` with any of `index`
    (`outlets`: each statement's outlet, as an array made once per story)."""
    for i in index:
        others = outlets != outlets[i]
        if others.any() and float(support[i][others].max()) >= threshold:
            return False
    return True


def parts(text: str) -> list[str]:
    """What one part of a sentence says on its own: its first part joined with each later part
    ("The US announced sanctions in April punishing Moscow for its interference ..."), and
    each part alone; nothing for a sentence of one part. Parts shorter than four words are
    left out."""
    found = [p for p in _PART_CUT.split(text) if len(p.split()) >= _PART_MIN_WORDS]
    if len(found) < 2:
        return []
    return [*(f"{found[0]} {part}" for part in found[1:]), *found[1:]]


def stated_in_parts(
    candidates: Sequence[Statement],
    statements: Sequence[Statement],
    similarity: Callable[[list[str]], Matrix],
    threshold: float,
) -> list[bool]:
    """For each candidate, whether a part of another outlet's statement says it: the
    `similarity` (cosine) of the candidate and the part reaches `threshold`. Only statements
    that share content words with a candidate are cut into parts, so the cost stays small."""
    found: dict[str, int] = {}  # each part of another outlet's statement, numbered once
    pairs: set[tuple[int, int]] = set()  # (candidate, part): the parts each candidate meets
    for at, candidate in enumerate(candidates):
        for other in statements:
            shared = len(candidate.anchors.words & other.anchors.words)
            if other.outlet == candidate.outlet or shared < _SHARED_WORDS:
                continue
            for part in parts(other.text):
                pairs.add((at, found.setdefault(part, len(found))))
    stated = [False] * len(candidates)
    if pairs:
        matrix = similarity([c.text for c in candidates] + list(found))
        for at, number in pairs:
            stated[at] = stated[at] or float(matrix[at, len(candidates) + number]) >= threshold
    return stated


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
    """Exclusives, most newsworthy first, at most `per_outlet_limit` per outlet, each text once:
    reported facts and attributed claims before an outlet's opinion or background, which is
    its framing rather than news only it has (a 2011 ruling recalled in a 2014 story)."""
    elsewhere = {o: _names_of_others(statements, o) for o in {s.outlet for s in candidates}}
    kinds = {id(s): statement_kind(s.sentence.text) for s in candidates}
    ordered = sorted(
        candidates,
        key=lambda s: (
            kinds[id(s)] not in AGREED_KINDS,
            -news_value(s, elsewhere[s.outlet]),
            s.article.id,
            s.sentence.index,
        ),
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
        kind = kinds[id(statement)]
        kept.append(
            Exclusive(text=text, article=statement.article.id, outlet=statement.outlet, kind=kind)
        )
    return kept
