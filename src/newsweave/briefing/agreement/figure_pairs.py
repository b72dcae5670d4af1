"""Whether two figures can be two tellings of one count, read as an editor reads them.

"about 30" allows 35 (a round estimate is rounded to its tens), "7 million" allows 7.4 million,
"more than 2,000" allows no 1,600; "6, 728" is one figure broken by extraction, "13-3" a score;
"189 rushing yards" and "176 receiving yards" count different things. `conflicts.py` asks these
questions of every pair of figures it sets side by side; `disputes.py` of figures in one slot.
"""

from __future__ import annotations

import math
import re

from newsweave.briefing.agreement.figures import SCALES, Quantity

_SCORE = re.compile(r"^\d+\s?[-–]\s?\d+$")  # "13-3": a score or a tally, not a range
_SCALE = re.compile(r"\b(million|billion|trillion|thousand)\b", re.IGNORECASE)
# "6, 728" and "41 / 2": digits that extraction broke apart, not two figures
_BROKEN_BEFORE = re.compile(r"\d\s?[,./]\s$|\d\s?/\s?$")
_BROKEN_AFTER = re.compile(r"^\s?/\s?\d")
_ROUND_ZEROS = 3  # "43,000" is a round figure: it allows 43,350


def figures_differ(a: Quantity, b: Quantity, texts: tuple[str, str]) -> bool:
    """Figures of one kind that cannot both be true and are really figures: not the same
    digits, not a score ("13-3"), not broken by extraction ("6, 728")."""
    return (
        a.same_kind(b)
        and not _told_apart(a, b)
        and not agree(a, b)
        and a.digits != b.digits
        and not (_SCORE.match(a.text) or _SCORE.match(b.text))
        and not _broken(texts[0], a)
        and not _broken(texts[1], b)
    )


def middle(quantity: Quantity) -> float:
    if math.isinf(quantity.high):
        return quantity.low
    return (quantity.low + quantity.high) / 2 if quantity.low else quantity.high


def _precision(quantity: Quantity) -> float:
    """The unit of the last digit a figure is written to, where a scale word or three zeros
    round it: "7 million" -> 1e6, "7.4 million" -> 1e5, "43,000" -> 1e3; else 0."""
    scale = _SCALE.search(quantity.text)
    if not scale:
        zeros = len(quantity.digits) - len(quantity.digits.rstrip("0"))
        return float(10**zeros) if zeros >= _ROUND_ZEROS and "," in quantity.text else 0.0
    digits = quantity.text[: scale.start()].strip().lstrip("$€£").split("-")[-1]
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return SCALES[scale.group(1).lower()] / float(10**decimals)


def _about(quantity: Quantity) -> bool:
    """An estimate ("about 30"): neither exact, nor a range, nor a bound (low 0 or high inf)."""
    bounded = 0 < quantity.low < quantity.high and not math.isinf(quantity.high)
    return not quantity.exact and not quantity.is_range and bounded


def _allowed(quantity: Quantity) -> tuple[float, float]:
    """The values a figure allows once its rounding is read: "about 30" is 25 to 35 (a round
    figure is rounded to its tens), "7 million" is 6.5 to 7.5 million; a bound says how far it
    goes ("more than 2,000" allows no 1,600, "nearly 2,000" no 2,400)."""
    low, high = quantity.low, quantity.high
    half = _precision(quantity) * 0.499  # "3 million" and "2 million" do not meet at 2.5
    if _about(quantity) and quantity.value % 10 == 0:
        half = max(half, 5.0)
    if math.isinf(high) or (low == 0 and not quantity.exact):
        return low, high
    return min(low, quantity.value - half), max(high, quantity.value + half)


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one count can both be true (`Quantity.compatible`, or within
    each other's rounding)."""
    if a.compatible(b):
        return True
    (low_a, high_a), (low_b, high_b) = _allowed(a), _allowed(b)
    return low_a <= high_b * (1 + 1e-9) and low_b <= high_a * (1 + 1e-9)


def _broken(text: str, quantity: Quantity) -> bool:
    """A figure that extraction broke apart ("6, 728" read as 728; "41 / 2" for 4½), or a
    single digit opening a sentence: the tail of a decimal split at its point ("A magnitude 6.
    0 quake" read as two sentences, the second "0 quake can cause severe damage"), since news
    style spells out a number that opens a sentence."""
    at = text.find(quantity.text)
    return at >= 0 and bool(
        _BROKEN_BEFORE.search(text[max(0, at - 4) : at])
        or _BROKEN_AFTER.match(text[at + len(quantity.text) :])
        or (not text[:at].strip(" \"“‘'(") and len(quantity.digits) == 1)
    )


def _told_apart(a: Quantity, b: Quantity) -> bool:
    """Figures of one noun that a participle tells apart: "189 rushing yards" and "176
    receiving yards", "12 injured people" and "18 detained people" count different things."""
    words_a, words_b = a.noun.split(), b.noun.split()
    if len(words_a) != 2 or len(words_b) != 2 or words_a[0] == words_b[0]:
        return False
    return all(w[0].endswith(("ing", "ed")) for w in (words_a, words_b))
