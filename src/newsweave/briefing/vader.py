"""VADER's compound score, the same number as `vaderSentiment` 3.3.2's, at less than half the cost.

`SentimentIntensityAnalyzer.polarity_scores` spends most of its time on work whose result it
throws away: it lower-cases the whole sentence again for every sentiment word it looks back
from (three times each: `_negation_check`, once per word of the look-back), for each idiom
check and for the "but" check, rebuilds the emoji-free text one character at a time, and scans
the 59 negation words as a list. `FastAnalyzer` runs the same steps in the same order on one
lower-cased copy of the words, keeps the text as it is when no character of it is an emoji,
and asks a set. The arithmetic is VADER's, step for step (`score_valence` is its own), so
every score is the same float; `tests/briefing/test_vader.py` compares both on real
sentences.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

from vaderSentiment import vaderSentiment as vader

_NEGATIONS = frozenset(vader.NEGATE)
_PUNCTUATION = string.punctuation


def _negated(word: str) -> bool:
    """`vader.negated([word])` for one lower-case word."""
    return word in _NEGATIONS or "n't" in word


class FastAnalyzer(vader.SentimentIntensityAnalyzer):  # type: ignore[misc]
    """`SentimentIntensityAnalyzer` with its per-word work done once per sentence."""

    def __init__(self) -> None:
        super().__init__()
        self.emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores of `text` ("neg", "neu", "pos", "compound"), as VADER gives them."""
        if self.emoji_chars.isdisjoint(text):
            text = text.strip()
        else:
            return super().polarity_scores(text)  # type: ignore[no-any-return]
        return self.score_valence(self._sentiments(text), text)  # type: ignore[no-any-return]

    def compound(self, text: str) -> float:
        """`polarity_scores(text)["compound"]`: VADER's steps to it, without the negative,
        neutral and positive shares (`_sift_sentiment_scores`) that `tone` does not read, and
        without the punctuation's emphasis where the words weigh nothing (it is added to a
        sum that is not zero)."""
        if not self.emoji_chars.isdisjoint(text):
            return float(super().polarity_scores(text)["compound"])
        text = text.strip()
        sentiments = self._sentiments(text)
        if not sentiments:
            return 0.0
        total = float(sum(sentiments))
        if total > 0:
            total += self._punctuation_emphasis(text)
        elif total < 0:
            total -= self._punctuation_emphasis(text)
        return round(float(vader.normalize(total)), 4)

    def _sentiments(self, text: str) -> list[float]:
        """The valence of each word of the stripped, emoji-free `text`, "but" weighed in."""
        words = _words(text)
        is_cap_diff = vader.allcap_differential(words)
        lower = [word.lower() for word in words]
        lexicon = self.lexicon
        sentiments: list[float] = []
        for i, item in enumerate(lower):
            kind_of = item == "kind" and i < len(words) - 1 and lower[i + 1] == "of"
            if item in vader.BOOSTER_DICT or kind_of or item not in lexicon:
                sentiments.append(0)
            else:
                sentiments.append(self._valence(words, lower, i, is_cap_diff))
        if "but" in lower:
            sentiments = _but_check(lower, sentiments)
        return sentiments

    def _valence(self, words: list[str], lower: list[str], i: int, is_cap_diff: bool) -> Any:
        """`sentiment_valence` of the word at `i` (0 for a word outside the lexicon)."""
        item = lower[i]
        lexicon = self.lexicon
        if item not in lexicon:
            return 0
        valence = lexicon[item]
        if item == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lower[i - 1] == "no")
            or (i > 1 and lower[i - 2] == "no")
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"])
        ):
            valence = lexicon[item] * vader.N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
        for start_i in range(0, 3):
            if i > start_i and lower[i - (start_i + 1)] not in lexicon:
                s = vader.scalar_inc_dec(words[i - (start_i + 1)], valence, is_cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lower, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lower, i)
        return _least_check(valence, lower, i, lexicon)


def _words(text: str) -> list[str]:
    """`SentiText(text).words_and_emoticons`: each word stripped of the punctuation around it,
    unless that leaves two characters or fewer (":)" stays ":)")."""
    words = []
    for token in text.split():
        stripped = token.strip(_PUNCTUATION)
        words.append(token if len(stripped) <= 2 else stripped)
    return words


def _but_check(lower: list[str], sentiments: list[float]) -> list[float]:
    """VADER's `_but_check` on the lower-cased words, quirks kept: each score is found again by
    value (`index`), so equal scores before and after "but" are weighed as the first one."""
    bi = lower.index("but")
    for sentiment in sentiments:
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 0.5)
        elif si > bi:
            sentiments.pop(si)
            sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _negation_check(valence: Any, lower: list[str], start_i: int, i: int) -> Any:
    """VADER's `_negation_check` on the lower-cased words."""
    before = lower[i - (start_i + 1)]
    if start_i == 1 and lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
        return valence * 1.25
    if start_i == 1 and lower[i - 2] == "without" and lower[i - 1] == "doubt":
        return valence
    if start_i == 2 and (
        (lower[i - 3] == "never" and lower[i - 2] in ("so", "this"))
        or lower[i - 1] in ("so", "this")
    ):
        return valence * 1.25
    if start_i == 2 and lower[i - 3] == "without" and "doubt" in (lower[i - 2], lower[i - 1]):
        return valence
    return valence * vader.N_SCALAR if _negated(before) else valence


def _special_idioms_check(valence: Any, lower: list[str], i: int) -> Any:
    """VADER's `_special_idioms_check` on the lower-cased words."""
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in vader.BOOSTER_DICT:
            valence = valence + vader.BOOSTER_DICT[n_gram]
    return valence


def _least_check(valence: Any, lower: list[str], i: int, lexicon: dict[str, float]) -> Any:
    """VADER's `_least_check` on the lower-cased words."""
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * vader.N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * vader.N_SCALAR
    return valence


@cache
def analyzer() -> FastAnalyzer:
    """The one analyzer of the process (its lexicon takes ~0.1 s to read)."""
    return FastAnalyzer()
