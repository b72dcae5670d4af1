"""Disputes a fact-checker finds by slot: one thing, told by two outlets with values that cannot
both be true, where the sentences around it may be worded apart.

`conflicts.number_clashes` and `conflicts.rule_clashes` compare whole statements (a similarity,
words shared around two figures, a gate). Outlets that disagree often tell the rest differently
("A Republican staffer on Friday apologized for a Facebook post" against "had to apologize
Saturday for a Facebook post critical of the first daughters"), so those miss them. Here each
value is read with the few words that say what it is the value of (its slot), and two values
clash only when their slots are the same:

- **an event's day**: the verb nearest each date is the same verb and two words around the two
  dates are the same ("A Republican staffer on Friday apologized for a Facebook post" / "had to
  apologize Saturday for a Facebook post"), the dates are written differently (one "yesterday"
  read against two publication days is one date) and are a day apart, or a day is the eve or
  morrow of the other's month ("held on April 30" / "in mid May"). Further apart, one verb was
  two events in every case read: a meeting on Tuesday and one on Thursday, court filings weeks
  apart, a call in December and a report in April that called for the same thing.
- **an amount of one named thing**: the same name of two words or more that a preposition leads
  to from the two figures ("$5,687.75 on Martha's Vineyard Holistic Retreat" / "a $5,587.75
  vacation at the Martha's Vineyard Holistic Retreat"), figures of one kind that no rounding
  reconciles and that are close (`number_conflict_max_ratio`): far apart, they are two amounts.
- **a person's years**: the same name before two spans of years that overlap but differ ("Edward
  Brooke, who served from 1967 to 1979" / "Edward Brooke, a Republican, held the seat from 1966
  to 1978"); spans that do not overlap are two terms or two offices.

Precision first, as everywhere in conflicts: each slot is narrow on purpose, and the labelled
disputes it cannot reach (a gaze "over the camera" against "into the camera", which parts of the
Constitution were read) are left to a reader.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from newsweave.briefing.agreement.conflicts import measured_twice
from newsweave.briefing.agreement.figure_pairs import figures_differ
from newsweave.briefing.agreement.figures import Quantity, owners_apart, quantities
from newsweave.briefing.agreement.statements import Anchors
from newsweave.sections import AgreementSettings

Side = tuple[str, Anchors]  # a statement's text and anchors

# Capitalised words that name no actor: days, months, titles.
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
        "May June July August September October November December Mr Mrs Ms Dr Sen Rep Gov",
    )
)
_SAME_EVENT_WORDS = 2  # content words around two dates both have, besides their verb
_MAX_DAYS_APART = 1  # the two tellings of one event's day read in the data were a day apart
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)+")
# What leads from a figure to the name it is the amount of: "on ", "vacation at the ", "points
# from "; not "and" ("scored 14 points and Seth VanDeest scored 13") nor "in" (a place holds
# many counts).
_NAME_GAP = re.compile(r"^\s*(?:[a-z]+\s+)?(?:on|at|for|from|to)\s+(?:the\s+)?$")
_NAME_LEAD = re.compile(r"\b(?:on|at|for|from|to)\s+(?:the\s+)?[A-Z]")
_DECIMALS = re.compile(r"^\.\d+")
_SPAN = re.compile(r"\bfrom\s+((?:19|20)\d\d)\s+(?:to|until|through)\s+((?:19|20)\d\d)\b")
_SPAN_SLACK = 2  # years either end of a span that two tellings of one tenure can differ by
_SPAN_NAME_WORDS = 12  # words between a name and the span that says its years


def dispute(a: Side, b: Side, config: AgreementSettings) -> str | None:
    """What two statements of different outlets dispute on one slot, or None (see the
    module's docstring): an event's day, an amount of one named thing, a person's years."""
    return (
        day_dispute(a[1], b[1]) or amount_dispute(a[0], b[0], config) or years_dispute(a[0], b[0])
    )


def slot_pairs(sides: Sequence[Side]) -> set[tuple[int, int]]:
    """The index pairs (i < j) of statements that fill one slot (an event's verb, a name after
    a figure or before a span of years): the only pairs `dispute` can find anything in,
    however unlike the rest of their wording."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, side in enumerate(sides):
        for key in _slots(side):
            holders[key].append(index)
    return {
        (i, j) for group in holders.values() for x, i in enumerate(group) for j in group[x + 1 :]
    }


def _slots(side: Side) -> set[str]:
    text, anchors = side
    slots = {f"day {event.verb}" for event in anchors.events if event.verb}
    if anchors.quantities:
        slots |= {f"amount {name}" for name in named_figures(text)}
    return slots | {f"years {name}" for name in spans(text)}


def day_dispute(a: Anchors, b: Anchors) -> str | None:
    """The same event (`Anchors.events`: one verb nearest both dates and `_SAME_EVENT_WORDS`
    words around them shared), dated differently, on days that cannot both be right; None if
    the statements share any date (then the other dates are of other events), name different
    actors, or count one thing differently (a count taken on two days)."""
    if not a.events or not b.events or a.dates & b.dates or _names_apart(a, b):
        return None
    if measured_twice(a, b):
        return None  # "31 vessels waiting on Thursday", "35 on Friday": a count taken twice
    for one in a.events:
        for other in b.events:
            same = bool(one.verb) and one.verb == other.verb
            same = same and len(one.around & other.around) >= _SAME_EVENT_WORDS
            if same and one.said != other.said and _days_clash(one.day, other.day):
                return f"when it happened: {one.day} or {other.day}"
    return None


def _names_apart(a: Anchors, b: Anchors) -> bool:
    """Both name someone or something and none the same (by word: "Barack Obama" and "Sasha
    Obama" share one): two actors, so two events ("Ms. Zimmer issued a statement on Sunday",
    "In a statement issued Thursday, Mark Sheridan said")."""
    words_a, words_b = _name_words(a.names), _name_words(b.names)
    return bool(words_a and words_b) and not words_a & words_b


def _name_words(names: frozenset[str]) -> set[str]:
    return {w for name in names for w in re.split(r"[ -]", name)} - _NOT_NAMES


def _days_clash(a: str, b: str) -> bool:
    """Two ISO days, or a day and a month, that cannot be one date and are at most
    `_MAX_DAYS_APART` apart; two months are too coarse to say."""
    if len(a) == len(b) == 7:
        return False
    if len(a) == 7 or len(b) == 7:
        month, day = sorted((a, b), key=len)
        first = date.fromisoformat(f"{month}-01")
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        when = date.fromisoformat(day)
        apart = (first - when).days if when < first else (when - last).days + 1
        return month != day[:7] and apart <= _MAX_DAYS_APART
    apart = abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    return 0 < apart <= _MAX_DAYS_APART


def amount_dispute(text_a: str, text_b: str, config: AgreementSettings) -> str | None:
    """Figures of one kind for the same named thing (`named_figures`) that cannot both be true
    and are close enough to be two tellings of one amount."""
    for name, (qa, shown_a) in named_figures(text_a).items():
        found = named_figures(text_b).get(name)
        if found is None:
            continue
        qb, shown_b = found
        low, high = sorted((abs(qa.value), abs(qb.value)))
        close = low > 0 and high / low <= config.number_conflict_max_ratio
        if not close or owners_apart((text_a, qa), (text_b, qb)):
            continue  # two people's: "Ty Lawson added 16 points for the Tar Heels", "... had 15"
        if figures_differ(qa, qb, (text_a, text_b)):
            return f"how much for {name}: {shown_a} or {shown_b}"
    return None


@lru_cache(maxsize=4096)
def named_figures(text: str) -> dict[str, tuple[Quantity, str]]:
    """Each figure of `text` that a preposition leads to a name of two words or more
    (`_NAME_GAP`: "$5,687.75 on Martha's Vineyard Holistic Retreat", "a $5,587.75 vacation at
    the Martha's Vineyard Holistic Retreat"), by that name (apostrophes made one); with the
    figure as written, its decimals kept ("$5,687.75")."""
    found: dict[str, tuple[Quantity, str]] = {}
    if not _NAME_LEAD.search(text):
        return found  # no preposition before a name: no figure can lead to one (most text)
    for quantity in quantities(text):
        at = text.find(quantity.text)
        if at < 0:
            continue
        end = at + len(quantity.text)
        decimals = _DECIMALS.match(text[end:])
        end += decimals.end() if decimals else 0
        name = _NAME_RUN.search(text, end)
        if name and _NAME_GAP.match(text[end : name.start()]):
            found.setdefault(_key(name.group(0)), (quantity, text[at:end]))
    return found


def _key(name: str) -> str:
    return name.replace("’", "'").strip(".")


def years_dispute(text_a: str, text_b: str) -> str | None:
    """The same person's span of years told two ways that overlap but differ by a year or two
    at an end (`spans`)."""
    for name, (start_a, end_a) in spans(text_a).items():
        other = spans(text_b).get(name)
        if other is None or other == (start_a, end_a):
            continue
        start_b, end_b = other
        if abs(start_a - start_b) <= _SPAN_SLACK and abs(end_a - end_b) <= _SPAN_SLACK:
            return f"when, for {name}: {start_a} to {end_a} or {start_b} to {end_b}"
    return None


@lru_cache(maxsize=4096)
def spans(text: str) -> dict[str, tuple[int, int]]:
    """Each "from 1967 to 1979" of `text` by the nearest name of two words or more before it,
    within `_SPAN_NAME_WORDS` words."""
    found: dict[str, tuple[int, int]] = {}
    for span in _SPAN.finditer(text):
        before = text[: span.start()]
        names = list(_NAME_RUN.finditer(before))
        if names and len(before[names[-1].end() :].split()) <= _SPAN_NAME_WORDS:
            found.setdefault(_key(names[-1].group(0)), (int(span.group(1)), int(span.group(2))))
    return found
