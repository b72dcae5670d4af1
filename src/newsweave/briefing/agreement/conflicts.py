"""Where outlets' statements disagree: a number, a date, whether it happened, a loaded word.

Two statements of different outlets conflict only when they are about the same thing and their
anchors cannot both be true. Each test is strict on purpose (a false conflict misleads a reader
more than a missed one), and each was measured on labelled pairs of real multi-outlet stories
(`python -m newsweave.evaluation.conflicts`, stories split, a third held out):

- **a number**: counts of the same kind of thing ("workers") that no reading reconciles ("at
  least 19" allows 20, "about 300" allows 310), about the same subject (at least
  `number_context_words` content words shared around the two numbers; percentages and sums of
  money, which count anything, need `generic_context_words`), and close enough to be two
  figures for one count: the larger at most `number_conflict_max_ratio` times the smaller,
  unless the two statements are worded alike (`same_wording_overlap`). Outlets that
  disagree on a toll give 10 and 11, 247 and 253; "12 magazines" in one operation and "31" in
  five, or "100 rockets since the morning" and "1,200 in all", are different counts. A score
  ("13-3") is not a range, and the same figure twice is no clash.
- **a date**: the same event on different calendar days, when the statements say the same
  thing otherwise (alignment similarity); days a whole number of weeks or years apart are the
  resolution of "every Sunday" or "Christmas" against different publication dates, not a clash.
- **whether it happened**: one side negates a word the other states, the two share most of
  their content words (`same_wording_overlap`), and the plain side does not say the same thing
  with a negative verb ("declined to comment" is "had no comment").
- **a characterisation**: the same statement in words of clearly different loaded tone
  (`loaded.characterisation`).
"""

from __future__ import annotations

import math
import re
from datetime import date

from newsweave.briefing.agreement.loaded import characterisation
from newsweave.briefing.agreement.statements import Anchors, Quantity
from newsweave.sections import AgreementSettings

Side = tuple[str, Anchors]  # a statement's text and anchors

_GENERIC_UNITS = frozenset({"%", "$", "€", "£"})
_SCORE = re.compile(r"^\d+\s?[-–]\s?\d+$")  # "13-3": a score or a tally, not a range
_NEGATIVE_VERB = re.compile(
    r"\b(?:declin|refus|reject|denied|denies|deny|fail|without|lack|cant|dont|wont|didnt|"
    r"doesnt|isnt|wasnt)\w*",
    re.IGNORECASE,
)
_CALENDAR_STEPS = (7, 365, 366)  # days apart that a relative date resolved twice can drift


def align_threshold(config: AgreementSettings, used: str) -> float:
    """The similarity at which statements say the same, for the similarity `used`."""
    return {
        "embedding": config.embedding_align_threshold,
        "lexical": config.lexical_align_threshold,
    }[used]


def conflict_threshold(config: AgreementSettings, used: str) -> float:
    """The similarity from which clashing numbers conflict, for the similarity `used`."""
    return {
        "embedding": config.embedding_conflict_threshold,
        "lexical": config.lexical_conflict_threshold,
    }[used]


def conflict(a: Side, b: Side, score: float, config: AgreementSettings, used: str) -> str | None:
    """What two statements of different outlets disagree on, or None (see the module text).

    Numbers need the conflict threshold; dates, negation and loaded words the (higher)
    alignment threshold, since sentences that merely share a topic often carry different dates
    and a "not" somewhere.
    """
    if score < conflict_threshold(config, used):
        return None
    about = number_conflict(a[1], b[1], config)
    if about or score < align_threshold(config, used):
        return about
    return (
        date_conflict(a[1], b[1])
        or negation_conflict(a, b, config.same_wording_overlap)
        or characterisation(a[0], b[0])
    )


def _middle(quantity: Quantity) -> float:
    if math.isinf(quantity.high):
        return quantity.low
    return (quantity.low + quantity.high) / 2 if quantity.low else quantity.high


def _close_figures(a: Quantity, b: Quantity, max_ratio: float) -> bool:
    low, high = sorted((abs(_middle(a)), abs(_middle(b))))
    return low > 0 and high / low <= max_ratio


def _same_subject(a: Quantity, b: Quantity, config: AgreementSettings) -> bool:
    generic = bool((a.unit | b.unit) & _GENERIC_UNITS)
    needed = config.generic_context_words if generic else config.number_context_words
    return len(a.context & b.context) >= needed


def worded_alike(a: Anchors, b: Anchors, min_overlap: float) -> bool:
    """Whether two statements share at least `min_overlap` of their content words (Jaccard)."""
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= min_overlap


def _clashing(a: Quantity, b: Quantity, config: AgreementSettings, alike: bool) -> bool:
    """Two figures that cannot both be true of one count; `alike`: the statements are worded
    alike, so figures far apart are still one count ("2,000" or "3,500 workers went on
    strike")."""
    return (
        a.same_kind(b)
        and not a.compatible(b)
        and a.text != b.text
        and not (_SCORE.match(a.text) or _SCORE.match(b.text))
        and _same_subject(a, b, config)
        and (alike or _close_figures(a, b, config.number_conflict_max_ratio))
    )


def number_conflict(a: Anchors, b: Anchors, config: AgreementSettings) -> str | None:
    """Figures for one count that cannot both be true, none of them reconciled elsewhere."""
    alike = worded_alike(a, b, config.same_wording_overlap)
    for qa in a.quantities:
        for qb in b.quantities:
            if not _clashing(qa, qb, config, alike):
                continue
            reconciled = any(qb.compatible(o) for o in a.quantities if o.same_kind(qb)) or any(
                qa.compatible(o) for o in b.quantities if o.same_kind(qa)
            )
            if not reconciled:
                noun = min((q.noun for q in (qa, qb) if q.noun), key=len, default="of it")
                return f"how many {noun}: {qa.text} or {qb.text}"
    return None


def date_conflict(a: Anchors, b: Anchors) -> str | None:
    """The same event (words around the date shared) on two calendar days."""
    if len(a.dated) != 1 or len(b.dated) != 1:
        return None
    (day_a, around_a), (day_b, around_b) = a.dated[0], b.dated[0]
    if day_a == day_b or not around_a & around_b:
        return None
    apart = abs((date.fromisoformat(day_a) - date.fromisoformat(day_b)).days)
    if any(apart % step == 0 for step in _CALENDAR_STEPS):
        return None
    return f"when it happened: {day_a} or {day_b}"


def negation_conflict(a: Side, b: Side, min_overlap: float) -> str | None:
    """One side negates, in nearly the same words, what the other says."""
    (text_a, anchors_a), (text_b, anchors_b) = a, b
    if (anchors_a.negations == 0) == (anchors_b.negations == 0):
        return None  # both negate something, or neither: no clash on whether it happened
    plain = text_a if anchors_a.negations == 0 else text_b
    if _NEGATIVE_VERB.search(plain):
        return None  # "declined to comment" says what "had no comment" says
    if not worded_alike(anchors_a, anchors_b, min_overlap):
        return None
    negated = (anchors_a.negated_words & (anchors_b.words - anchors_b.negated_words)) | (
        anchors_b.negated_words & (anchors_a.words - anchors_a.negated_words)
    )
    if negated:
        return (
            f"whether it happened ({', '.join(sorted(negated))}): one outlet says so, another not"
        )
    return None
