"""Figures in a statement: what each counts and which values it allows.

"3,500 dock workers" counts dock workers exactly, "190 Israeli settlements" settlements; "at
least 19 states" allows 19 and more; "about 300" anything within 10 %; "between 3 and 5 percent"
is one range; "about 58km (36 miles)" converts an estimate, so its "36"
is one too; ".38 caliber" is a decimal fraction. Years and days of the month are dates, not
counts (`statements.sentence_dates` reads those).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?:(?<=\s)(?P<point>\.)(?=\d)|(?<![\w.:/]))"  # ".38": a leading point after a space
    r"(?P<currency>[$€£])?\s?(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d:/])"
    r"(?:\s?(?P<scale>million|billion|thousand|trillion|percent|per cent|%))?"
    r"(?:\s+(?P<noun>[a-z][a-z-]+(?:\s[a-z][a-z-]+)?)"
    r"|\s+(?:[A-Z][a-z]+\s){1,2}(?P<named>[a-z][a-z-]*s)\b)?",  # "190 Israeli settlements"
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}  # scale words
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "dozen": 12, "hundred": 100,
}  # fmt: skip
_YEARISH = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTHS = re.findall(
    r"\w+",
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec",
)
# Words after a number that do not say what it counts (function words, common verbs).
NOT_UNIT = frozenset(
    re.findall(
        r"\w+",
        "of the a an and or in on at to for per from by with than as that which who whom whose "
        "is are was were be been being has have had will would could should may might can do did "
        "does its their his her it they he she we you i this these those more less each other "
        "others percent said says",
    )
)
# Words before a number that make it a bound or an estimate, not an exact count.
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|exceeding)\s*$", re.I)
_AT_MOST = re.compile(
    r"\b(?:up to|less than|fewer than|under|as many as|nearly|almost|no more than)\s*$", re.I
)
_ABOUT = re.compile(
    r"\b(?:about|around|some|roughly|approximately|an estimated|estimated|close to|"
    r"reportedly|perhaps|maybe)\s*$",
    re.I,
)
_RATE = re.compile(r"\d\s+(?:in|out of|of every|per)\s*$", re.I)
# "28 of 41 passes", "29-of-34", "178 of the 369 punches": the whole a part is counted out of,
# not a count of its own to set against the part another outlet gives
_WHOLE_OF_PART = re.compile(r"\d(?:\s+|-)of(?:\s+|-)(?:the\s+)?$", re.I)
# "his first 17 passes", "the last 10 games": a stretch of a count, not the count itself
_STRETCH_BEFORE = re.compile(r"\b(?:first|last|final|opening)\s+$", re.I)
# "state Route 52", "Interstate 805", "Flight 990", "Proposition 5": a number that names a thing
_NAMING_BEFORE = re.compile(
    r"\b(?:Route|Interstate|Highway|Hwy|Flight|Gate|Platform|Section|Article|Chapter"
    r"|Proposition|Prop|Precinct|District|Ward|Unit|Room|Channel)\.?\s+$"
)
# "352 of them on the ground": a part of the figure before it, counting the same thing ("12 of
# them Americans" names another kind)
_PART_OF_BEFORE = re.compile(
    r"^\s+of\s+(?:them|those|whom|which)(?:\s*(?:[,.;:)]|$)|\s+(?:on|in|at|from|by|for|with|"
    r"during|after|before|were|was|are|is|had|have)\b)",
    re.I,
)
# "with 12 seconds left", "12 minutes, 31 seconds remaining": a moment on a clock, not a count
_CLOCK_AFTER = re.compile(
    r"^\s?-?(?:minutes?,?\s+(?:and\s+)?\d+\s+)?(?:seconds?|minutes?)\s+"
    r"(?:left|remaining|to go|to play)\b",
    re.I,
)
_CLOCK_BEFORE = re.compile(r"\b\d+\s+(?:hours?|minutes?),?\s+(?:and\s+)?$", re.I)
# "his career high of 13", "the scoring record of 2,106": a standing record, not the count told;
# "the 7 yard line": a place on a field
_RECORD_BEFORE = re.compile(r"\b(?:career[- ]high|season[- ]high|record|best)\s+of\s+$", re.I)
_FIELD_PLACE_AFTER = re.compile(r"^\s?-?yard[- ]line\b", re.I)
# "averaged 22.8 points", "15.5 points per game": a rate per game, not one game's count
_AVERAGE_BEFORE = re.compile(r"\baverag\w*\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_AVERAGE_AFTER = re.compile(r"^[\w\s-]{0,20}?\b(?:per|a|each)\s+(?:game|match|contest|night)\b")
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|and)\s*$")
# "about 58km (": the figure before a parenthesised one, which converts it ("(36 miles)")
_CONVERTED = re.compile(r"[$€£]?\s?\d[\d,.]*\s?(?:[A-Za-z]+\s?){0,2}\(\s*$")
_BEFORE = 20  # characters before a number read for its bound ("at least", "about")
# "a. 357 caliber": ".357" with the space that extraction moved past the point (after a word
# that never ends a sentence)
_POINT_MOVED = re.compile(r"(?:^|\s)(?:a|an|the)\.\s$", re.I)
# "5½ years", "a 30-day reprieve", "two years": a span of time, never a part of a count
_SPAN_OF_TIME = re.compile(r"^\s?[½¼¾]?\s?-?\s?(?:year|month|week|day|hour|minute)s?\b", re.I)
_CODE = re.compile(r"[A-Za-z]-$")  # "AK-47": a figure that is part of a name
_APPROX = 0.1  # an estimate ("about 300") stands for anything within 10 %


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a statement, what it counts, and which values it allows.

    "3,500 dock workers" -> low = high = 3500, unit {"dock", "worker"}; "at least 19 states"
    -> low 19, high inf; "between 3 and 5 percent" -> low 3, high 5, unit {"%"}. Units are
    singular word stems, so "2,000 workers" and "a worker" count the same kind of thing.
    """

    value: float
    unit: frozenset[str]
    text: str
    low: float
    high: float
    exact: bool = True
    noun: str = ""
    context: frozenset[str] = frozenset()

    @property
    def is_range(self) -> bool:
        """A stated range ("3 to 5 percent"), not an estimate or a bound."""
        return 0 < self.low < self.high == self.value and not math.isinf(self.high)

    @property
    def digits(self) -> str:
        """The digits it is written with ("$5,687.75" -> "568775")."""
        return re.sub(r"\D", "", self.text)

    def same_kind(self, other: Quantity) -> bool:
        return bool(self.unit & other.unit)

    def compatible(self, other: Quantity) -> bool:
        """Whether both can be true of one thing: ranges overlap, or exact values agree when
        the more precise one is rounded to the other's precision ("43.6" ~ "44")."""
        if self.exact and other.exact:
            return _same_rounded(self.value, other.value)
        if self.is_range and other.is_range:  # two estimates of a range: they agree when equal
            return _close(self.low, other.low) and _close(self.high, other.high)
        return self.low <= other.high * (1 + 1e-9) and other.low <= self.high * (1 + 1e-9)


def stem(word: str) -> str:
    """The singular of a word, crudely ("workers" -> "worker", "casualties" -> "casualty"), a
    unit in American spelling ("metres" -> "meter", "litre" -> "liter"): one outlet's "150
    metres" and another's "150 meters" count the same thing."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    if word.endswith(("metre", "litre")):
        return word[:-2] + "er"
    return word


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _same_rounded(a: float, b: float) -> bool:
    places = min(_decimals(a), _decimals(b))
    return round(a, places) == round(b, places) or math.isclose(a, b, rel_tol=1e-9)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _APPROX * max(abs(a), abs(b))


def _bounds(value: float, before: str) -> tuple[float, float, bool]:
    if _AT_LEAST.search(before):
        return value, math.inf, False
    if _AT_MOST.search(before):
        return 0.0, value, False
    if _ABOUT.search(before):
        return value * (1 - _APPROX), value * (1 + _APPROX), False
    return value, value, True


def _bound_words(text: str, start: int) -> str:
    """The text before a number that says whether it is a bound or an estimate; for a figure
    in parentheses that converts the one before it ("about 58km (36 miles)"), the text before
    that one: a conversion is as exact as what it converts."""
    converted = _CONVERTED.search(text[max(0, start - 2 * _BEFORE) : start])
    if converted:
        start = max(0, start - 2 * _BEFORE) + converted.start()
    return text[max(0, start - _BEFORE) : start]


def _unit(match: re.Match[str]) -> tuple[frozenset[str], str]:
    """What a number counts: singular stems to compare, and the words as written."""
    scale = (match.group("scale") or "").lower()
    if scale in {"percent", "per cent", "%"}:
        return frozenset({"%"}), "percent"
    words, written = [], []
    for word in (match.group("noun") or match.group("named") or "").split():
        if word in NOT_UNIT:
            break
        words.append(stem(word))
        written.append(word)
        if word.endswith("s"):
            break  # "dock workers plan": the plural noun ends what is counted
    if match.group("currency"):
        return frozenset({match.group("currency")}), "money"
    return frozenset(words), " ".join(written)


def _is_date_number(text: str, match: re.Match[str], written: str) -> bool:
    plain = not match.group("scale") and not match.group("currency") and "," not in written
    if plain and _YEARISH.match(written):
        return True  # a year is a date: compared as a date, not as a count
    noun = (match.group("noun") or "").split()
    if noun and noun[0].rstrip(".") in _MONTHS:
        return True
    before = text[max(0, match.start() - 11) : match.start()].lower().rstrip(". ")
    return any(before.endswith(month) for month in _MONTHS)


def _number_end(match: re.Match[str]) -> int:
    return match.end("scale") if match.group("scale") else match.end("value")


def quantities(text: str) -> tuple[Quantity, ...]:
    """The counted quantities of a text, ranges joined ("3 to 5 percent"), dates left out."""
    found: list[Quantity] = []
    opener: tuple[float, re.Match[str], bool] | None = None  # (value, match, was it kept)
    for match in _NUMBER.finditer(text):
        raw = match.group("value").replace(",", "")
        if _is_date_number(text, match, match.group("value")):
            opener = None
            continue
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        if raw.isdigit() and (
            match.group("point")
            or _POINT_MOVED.search(text[max(0, match.start() - 5) : match.start()])
        ):
            raw = "0." + raw  # ".38 caliber", and "a. 357 caliber" for ".357 caliber"
        value = float(raw) * scale
        unit, noun = _unit(match)
        if opener and _RANGE_GAP.match(text[_number_end(opener[1]) : match.start()]):
            if opener[2]:
                found.pop()
            low = opener[0] * (1.0 if opener[1].group("scale") else scale)
            if unit:
                start = opener[1].start()
                found.append(
                    Quantity(value, unit, text[start : _number_end(match)], low, value, False)
                )
            opener = None
            continue
        before = text[max(0, match.start() - _BEFORE) : match.start()]
        after = text[_number_end(match) :]
        kept = bool(unit) and not re.search(r"\bbetween\s*$", before, re.I)
        kept = kept and not _RATE.search(before)  # "4 in 1,000 children": a rate, not a count
        kept = kept and not (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before))
        kept = kept and not (_RECORD_BEFORE.search(before) or _FIELD_PLACE_AFTER.match(after))
        kept = kept and not (_STRETCH_BEFORE.search(before) or _NAMING_BEFORE.search(before))
        if kept and opener and not opener[2] and _WHOLE_OF_PART.search(before):
            # "28 of 41 passes": the part counts passes; the whole is no count to set against it
            found.append(_counted(text, opener[1], opener[0], unit, noun))
            kept = False
        elif not unit and found and _PART_OF_BEFORE.match(after):
            found.append(_counted(text, match, value, found[-1].unit, found[-1].noun))
        elif kept:
            wider = text[max(0, match.start() - 2 * _BEFORE) : match.start()]
            found.append(_counted(text, match, value, *_per_game(wider, after, unit, noun)))
        opener = (value, match, kept)
    return tuple(found)


def _counted(
    text: str, match: re.Match[str], value: float, unit: frozenset[str], noun: str
) -> Quantity:
    """The quantity a matched number states, its bounds read from the words before it."""
    low, high, exact = _bounds(value, _bound_words(text, match.start()))
    span = text[match.start() : _number_end(match)].strip()
    return Quantity(value, unit, span, low, high, exact, noun)


def _per_game(
    before: str, after: str, unit: frozenset[str], noun: str
) -> tuple[frozenset[str], str]:
    """A figure's unit, made a rate when it is an average ("averaged 22.8 points", "15.5
    points per game"): a rate is compared only with rates, never with one game's count."""
    if _AVERAGE_BEFORE.search(before) or _AVERAGE_AFTER.match(after):
        return frozenset(f"{word} per game" for word in unit), f"{noun} per game"
    return unit, noun


def number_words(text: str) -> set[str]:
    """Number words and digits in a text, normalised ("two" -> "2", "2,400" -> "2400")."""
    found = {m.group("value").replace(",", "") for m in _NUMBER.finditer(text)}
    found |= {
        str(_WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _WORD_NUMBERS
    }
    return found


def part_words(text: str) -> set[str]:
    """The number words of a text (`number_words`) that can be parts of a count: not spans of
    time ("132 men and two women were executed in his 5½ years": 5 is no part of the 134)."""
    found = {
        m.group("value").replace(",", "")
        for m in _NUMBER.finditer(text)
        if not _SPAN_OF_TIME.match(text[m.end("value") :])
    }
    found |= {
        str(_WORD_NUMBERS[m.group(0)])
        for m in re.finditer(r"[a-z]+", text.lower())
        if m.group(0) in _WORD_NUMBERS and not _SPAN_OF_TIME.match(text[m.end() :])
    }
    return found


def pinned(a: tuple[str, Sequence[Quantity]], b: tuple[str, Sequence[Quantity]]) -> bool:
    """Whether two statements, each (text, quantities), give one exact figure of one kind
    alike ("sentenced to 25 years" in both): one event, so a far figure of it ("wounded 15",
    "wounded 26") can be a clash. A figure of a name ("AK-47 rifles") pins nothing."""
    return any(
        qa.exact
        and qb.exact
        and qa.same_kind(qb)
        and qa.digits == qb.digits
        and not _CODE.search(a[0][: a[0].find(qa.text)])
        and not _CODE.search(b[0][: b[0].find(qb.text)])
        for qa in a[1]
        for qb in b[1]
    )


# A name, then a verb that gives someone a figure, shortly before the figure: "Shy Ely scored
# 23 points", "Ty Lawson also chipped in 16 points", "VanDeest, who had 13 points",
# "Hansbrough finished the game with 20 points".
# "Ford, now an assistant coach, finished his career with 2,290 points", "Hansbrough now has
# 2,301", "Miller is averaging 15.5": a description set off by commas, an adverb or an
# auxiliary may come between.
_OWNER = re.compile(
    r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)(?:\s+|,\s+who\s+|,[^,.;]{1,120},\s+)"
    r"(?:also\s+|then\s+|now\s+|still\s+|just\s+)?(?:is\s+|was\s+)?"
    r"(?:scored|had|has|added|posted|chipped in|put up|poured in|rushed for|threw for|caught|"
    r"recorded|grabbed|collected|totaled|totalled|finished|ended|earned|won|led|contributed|"
    r"tallied|"
    r"averag\w+)\b[^.;]{0,40}$"
)
_OWNER_REACH = 200  # characters before a figure searched for its owner (name, description, verb)
_NOT_OWNERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "who"})
# ... or the name after it: "paced by 13 points from Seth VanDeest".
_OWNER_AFTER = re.compile(r"[^.;,]{0,25}?\bfrom\s+((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)")


def owners_apart(a: tuple[str, Quantity], b: tuple[str, Quantity]) -> bool:
    """Whether two figures (each with its text) belong to two different named people
    (`owner`): then they are two counts, never one told two ways."""
    owners = owner(*a), owner(*b)
    return all(owners) and not owners[0] & owners[1]


def owner(text: str, quantity: Quantity) -> frozenset[str]:
    """The words of the name a figure belongs to ("Shy Ely scored 23 points" -> {"shy",
    "ely"}), or nothing when no name gives it: two figures of two people ("Ty Lawson added 16
    points", "Deon Thompson had 15") are two counts, however alike the sentences read."""
    at = text.find(quantity.text)
    if at < 0:
        return frozenset()
    found = _OWNER.search(text[max(0, at - _OWNER_REACH) : at]) or _OWNER_AFTER.match(
        text, at + len(quantity.text)
    )
    if found is None:
        return frozenset()
    return frozenset(w.lower().strip("'’.") for w in found.group(1).split()) - _NOT_OWNERS
