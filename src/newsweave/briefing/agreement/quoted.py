"""Statements that quote the same words: the same remark reported by two outlets.

The support model (`support.py`) scores a pair of sentences as wholes, so one remark that two
outlets quote inside longer sentences, each framing it differently, often stays under its
threshold: "Vale said on Monday that the city would "not look for a fight with the port
authority, but will answer every delay in court", after a week of talks" / "Speaking after the
vote, Vale repeated that the city would "not look for a fight with the port authority" and
named a negotiator". Two outlets do not quote the same five words by chance: both report that
the words were said, which is the claim a fact about a quotation makes.

Only quotations: the same run of words outside quotation marks was tried and left out (a
shared "a joint news conference", "Ruth Amsel, the agency's director, said" or "speaking on
condition of anonymity" opens sentences that say different things; docs/evaluation.md,
"Shared quotations"). Five words were chosen on the 33 training stories of the claim sets: the
highest claim recall with outlet precision >= 0.95 (four words: 0.950 there, and the lexical
model's precision fell).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_QUOTATION = re.compile(r"[\"“”]([^\"“”]{10,}?)[\"“”]")
_WORD = re.compile(r"[A-Za-z0-9']+")
_CONTENT_WORDS = 2  # content words a quoted run must hold: not "and so on and so"

Run = tuple[str, ...]


def quoted_runs(text: str, length: int) -> set[Run]:
    """Every run of `length` words (lower-cased) inside the text's quotation marks that holds
    `_CONTENT_WORDS` content words, one of them written in lower case (a run of a name,
    "President Vladimir Putin", is no remark)."""
    found: set[Run] = set()
    for quotation in _QUOTATION.finditer(text):
        written = _WORD.findall(quotation.group(1).replace("’", "'"))
        for start in range(len(written) - length + 1):
            run = written[start : start + length]
            words = tuple(word.lower() for word in run)
            content = [
                w for w, low in zip(run, words, strict=True) if low not in ENGLISH_STOP_WORDS
            ]
            if len(content) >= _CONTENT_WORDS and any(word.islower() for word in content):
                found.add(words)
    return found


def quoting_pairs(
    texts: Sequence[str], outlets: Sequence[str], length: int
) -> set[tuple[int, int]]:
    """Pairs (i < j) of texts of different outlets that quote the same `length` words."""
    holders: dict[Run, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for run in quoted_runs(text, length):
            holders[run].append(index)
    return {
        (i, j)
        for members in holders.values()
        for at, i in enumerate(members)
        for j in members[at + 1 :]
        if outlets[i] != outlets[j]
    }
