"""The tense of the clause around a date expression: does "on Tuesday" look back or ahead?

A cheap heuristic, no parser: the verb group nearest to the expression decides. Auxiliaries and
modals ("will", "'ll", "is set to", "plans to", "expected to") mark the future; "was", "were",
"had", "did", irregular past forms and -ed verbs mark the past; "is", "are", "says" the present.
A past participle after a form of "be" or "have" ("will be held", "has been held") gives way to
its auxiliary. Words left of the expression count as nearer than words right of it, because
English puts adverbials of time after the verb they modify ("said on Tuesday").

Cost: a few regex passes per expression, no model. spaCy's tagger (~580 sentences/s here) was
not measured against it; that comparison is an open item.
"""

from __future__ import annotations

import re
from typing import Literal

Tense = Literal["past", "present", "future"]

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|’[a-z]+|'[a-z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUTURE = _words("will 'll ’ll shall wo won't tomorrow would")
_INTENT = _words("set due expected poised plans plan planning planned going likely hopes")
_SCHEDULED = _words("scheduled slated upcoming")
_PAST_AUX = _words("was were had did didn't wasn't weren't hadn't yesterday ago earlier last")
_PRESENT_AUX = _words("is are am 's ’s isn't aren't do does says say now today")
_PERFECT = _words("has have hasn't haven't 've ’ve")
_BE = _words("be been being is are am was were get got 's ’s")
_IRREGULAR_PAST = _words(
    "said told went came met made took gave got saw began left held fell rose won lost sold"
    " bought paid found thought knew spoke wrote ran became brought kept led sent spent stood"
    " struck flew drove broke chose ate fought felt heard meant sought taught threw understood"
    " wore hit cut"
)
_NOT_PAST_ED = _words(
    "need speed indeed seed feed bed red shed breed greed creed steed weed hundred embed wed"
)
_BOUNDARY = re.compile(r"[.!?;]\s+(?=[A-Z\"“‘'(])|\n")


def clause_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the previous to the next sentence boundary."""
    left = 0
    for boundary in _BOUNDARY.finditer(text, max(0, start - 400), start):
        left = boundary.end()
    right_match = _BOUNDARY.search(text, end, end + 400)
    right = right_match.start() + 1 if right_match else min(len(text), end + 400)
    return left, right


def _tag(words: list[str], index: int) -> Tense | None:
    word = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    previous = words[index - 1].lower() if index > 0 else ""
    if word in _FUTURE:
        return "future"
    if (word in _INTENT and following == "to") or word in _SCHEDULED:
        return "future"
    if word in _PERFECT:
        return "past"
    if word in _PAST_AUX:
        return "past"
    if word in _PRESENT_AUX:
        return "present"
    regular = word.endswith("ed") and len(word) > 4 and words[index].islower()
    if word in _IRREGULAR_PAST or (regular and word not in _NOT_PAST_ED):
        # A participle after "be"/"have" or a modal is decided by that auxiliary instead.
        if previous in _BE or previous in _PERFECT or previous in _FUTURE or previous == "to":
            return None
        return "past"
    return None


def tense_near(text: str, start: int, end: int) -> Tense | None:
    """The tense of the verb group nearest to text[start:end] in its sentence, or None."""
    left, right = clause_window(text, start, end)
    before = _WORD.findall(text[left:start])
    after = _WORD.findall(text[end:right])
    words = before + after
    best: tuple[float, Tense] | None = None
    for index in range(len(words)):
        tense = _tag(words, index)
        if tense is None:
            continue
        distance = len(before) - index if index < len(before) else index - len(before) + 1.5
        if best is None or distance < best[0]:
            best = (distance, tense)
    return best[1] if best else None
