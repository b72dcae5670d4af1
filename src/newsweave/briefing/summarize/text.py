"""Text helpers shared by the summarizers: tokens, stems, concepts, sentence filters.

Tokens follow ROUGE's own rule (lower-case, runs of letters and digits, Porter stems for words
longer than 3 letters, NLTK's as `text/porter.py` writes them) so that what the summarizer
counts as "the same word" is what the evaluation counts; stems are cached because a story
repeats its vocabulary many times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from newsweave.text import porter
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_TOKEN = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "mr", "mrs", "ms", "s"}

# A sentence that opens with one of these leans on a sentence the reader has not seen.
_DANGLING_OPENERS = frozenset({
    "he", "she", "it", "they", "them", "his", "her", "its", "their", "this", "these", "those",
    "that", "such", "there", "also", "but", "and", "or", "so", "however", "meanwhile", "still",
    "yet", "instead", "then", "thus", "hence", "moreover", "furthermore", "besides",
    "otherwise", "nevertheless", "nonetheless", "both", "nor",
})  # fmt: skip
_QUOTE_OPEN = ('"', "“", "'", "‘", "``")
# The reader addressed outside quotation marks: "Act like being in the White House matters to
# you." reads in a summary as newsweave's own words; a quoted "you" is its speaker's.
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_QUOTED_SPAN = re.compile(r"[\"“][^\"”]*[\"”]")
_WORD = re.compile(r"[A-Za-z]+")
_NOT_LETTER = re.compile(r"[^a-z]")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lower-case word; words of 3 letters or fewer stay as they are."""
    return porter.stem(word) if len(word) > 3 else word


def tokens(text: str) -> list[str]:
    """Stemmed lower-case tokens of `text`, as ROUGE tokenizes with stemming."""
    return [stem(t) for t in _TOKEN.findall(text.lower())]


def content(stems: list[str]) -> list[str]:
    """The stems that are not stop words or lone digits."""
    return [s for s in stems if s not in STOP_WORDS and not (len(s) == 1 and s.isdigit())]


def concepts(stems: list[str]) -> set[str]:
    """Bigram concepts of a sentence: adjacent stems, not both stop words."""
    return {f"{a} {b}" for a, b in pairwise(stems) if not (a in STOP_WORDS and b in STOP_WORDS)}


def name_stems(texts: Iterable[str]) -> frozenset[str]:
    """Stems of the words written capitalised after a sentence's first word and never in
    lower case: the names of a story (people, places, organisations)."""
    upper: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for at, word in enumerate(_WORD.findall(text)):
            if word[0].islower():
                lower.add(stem(word.lower()))
            elif at > 0 and word.lower() not in STOP_WORDS:
                upper.add(stem(word.lower()))
    return frozenset(upper - lower)


def word_count(text: str) -> int:
    """Words as the length budget counts them: whitespace-separated runs."""
    return len(text.split())


def truncate_words(text: str, limit: int) -> str:
    """The first `limit` words of `text` (as DUC cut summaries), whitespace normalised."""
    return " ".join(text.split()[:limit])


def normalise_space(text: str) -> str:
    r"""`text` with each run of whitespace one space, none at either end: what
    `re.sub(r"\s+", " ", text).strip()` gives (`\s` is `str.isspace`, every code point
    checked), ~5x faster on an article's text."""
    return " ".join(text.split())


def unfit_reason(text: str, min_words: int, max_words: int) -> str | None:
    """Why a sentence should not stand alone in a summary, or None if it may.

    Fragments, run-ons, questions, quotes without their speaker's context, sentences
    that open with an unresolved pronoun or connective, headline-like lines without a full
    stop, and sentences that address the reader outside quotation marks ("Act like being in
    the White House matters to you.", "follow us on Twitter to get the news to your desktop")
    read badly out of place, whatever their content: the last as newsweave's own words.
    """
    stripped = text.strip()
    words = stripped.split()
    if len(words) < min_words:
        return "short"
    if len(words) > max_words:
        return "long"
    if stripped.rstrip("\"'”’)").endswith("?"):
        return "question"
    if stripped.startswith(_QUOTE_OPEN):
        return "quote"
    if stripped.rstrip("\"'”’)")[-1:] not in {".", "!"}:
        return "unfinished"
    first = _NOT_LETTER.sub("", words[0].lower())
    if first in _DANGLING_OPENERS:
        return "dangling"
    # Blanking the quotations makes no new "you" (their marks are no word characters either):
    # a sentence without one (most) is not blanked.
    if _YOU.search(stripped) and _YOU.search(_QUOTED_SPAN.sub(" ", stripped)):
        return "to the reader"
    return None
