"""Key facts of a cluster: the names and numbers most of its human summaries mention.

ROUGE rewards any shared bigram; a reader first wants the names and numbers of the story. A
cluster's key facts are the name words and numbers that at least `quorum` of its human
references contain (3 of 4 on DUC). A name word is a capitalised word that is not a stop word
and whose stem the references never write in lower case (so a sentence-initial "The" or
"Floods" is not a name); a number is a token with a digit ("1.43", "2,400", "1985"). The score
of a summary is the share of its cluster's key facts it contains (names case-insensitively,
numbers exactly).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsweave.briefing.summarize.text import stem
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d.,]*\d|\d")
_STOP = frozenset(ENGLISH_STOP_WORDS)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _stem(word: str) -> str:
    return stem(word.lower())


def _facts_of(reference: str, lower_case: frozenset[str]) -> set[str]:
    facts = set()
    for word in _words(reference):
        if word[0].isdigit():
            facts.add(word.rstrip(".,"))
        elif word[0].isupper() and word.lower() not in _STOP and _stem(word) not in lower_case:
            facts.add(word.lower())
    return facts


def key_facts(references: Sequence[str], quorum: int = 3) -> frozenset[str]:
    """Name words (lower-cased) and numbers that at least `quorum` references mention
    (all of them when there are fewer references than `quorum`)."""
    lower_case = frozenset(
        _stem(w) for reference in references for w in _words(reference) if w[0].islower()
    )
    counts: Counter[str] = Counter()
    for reference in references:
        counts.update(_facts_of(reference, lower_case))
    needed = min(quorum, len(references))
    return frozenset(fact for fact, n in counts.items() if n >= max(1, needed))


def share_found(summary: str, facts: frozenset[str]) -> float | None:
    """The share of `facts` that `summary` contains, or None when there are no facts."""
    if not facts:
        return None
    present = {w.rstrip(".,") if w[0].isdigit() else w.lower() for w in _words(summary)}
    return len(facts & present) / len(facts)
