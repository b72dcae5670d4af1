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
    "otherwise", "nevertheless", "nonetheless", "both", "nor", "which",
})  # fmt: skip
_QUOTE_OPEN = ('"', "“", "'", "‘", "``")
_QUOTE_MARKS = frozenset('"“”')
# The same connectives between commas inside a sentence ("The plane lost altitude, however, and
# crashed into the hotel."): it still answers a sentence the reader has not seen.
_INNER_CONNECTIVE = re.compile(
    r",\s+(?:however|though|meanwhile|instead|nevertheless|nonetheless|therefore|moreover"
    r"|furthermore)\s*[,.]"
)
# The reader addressed outside quotation marks: "Act like being in the White House matters to
# you." reads in a summary as newsweave's own words; a quoted "you" is its speaker's.
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_QUOTED_SPAN = re.compile(r"[\"“][^\"”]*[\"”]")
# A speaker's own words without the speaker: first person outside quotation marks ("I remain
# concerned that ...", a senator's release; "We are entering the plague years", a column).
# "I" only before a lower-case word or as "I'm", and not as a numeral after a name ("World War
# I was", "Elizabeth I ruled": `_first_person`).
_FIRST_PERSON = re.compile(
    r"(?P<i>\bI(?:\s+[a-z]|['’](?:m|ve|d|ll)\b))|\b(?:[Ww]e|us|[Mm]y|[Oo]ur|ours|me|myself|ourselves)\b"
)
_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_WORD = re.compile(r"[A-Za-z]+")
_NOT_LETTER = re.compile(r"[^a-z]")
# An item of a list ("3. Get an anti-virus program", "_ Vitamin E eased ...", old wire copy's
# bullet) or of a Q&A column ("Q. I love fragrant plants"; not "A. Q. Khan" nor "A. 38-caliber
# revolver", a split "A .38"): its meaning
# hangs on the lead-in the summary leaves behind.
_LIST_ITEM = re.compile(r"^(?:(?:\d{1,2}[.)]|[_•·*]|--?)\s|[QA][.:]\s(?![A-Z]\.)(?=[A-Za-z]))")
# Contact details: a telephone number or an e-mail address ("404-526-5887, toder(at)coxnews.com").
_CONTACT = re.compile(
    r"\b\d{3}[-.]\d{3}[-.]\d{4}\b|\(\d{3}\)\s?\d{3}-\d{4}|\w(?:@|\(at\))\w[\w-]*\.[a-z]"
)
# A note on the writer: "Duane D. Stanford writes for the Atlanta Journal-Constitution, ...".
_WRITER_NOTE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,4}(?:writes for|is an? (?:[\w-]+\s+){0,4}"
    r"(?:writer|columnist|correspondent|critic|reporter|editor)\b)"
)


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
    read badly out of place, whatever their content: the last as newsweave's own words. So do
    a list's items, labels in title case or capitals (a review's credits), asides in brackets,
    contact details and notes on the writer.
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
    # Blanking the quotations needs a quotation mark (most sentences have none).
    unquoted = _QUOTED_SPAN.sub(" ", stripped) if _QUOTE_MARKS & set(stripped) else stripped
    if first in _DANGLING_OPENERS or _INNER_CONNECTIVE.search(unquoted):
        return "dangling"
    if _YOU.search(unquoted):
        return "to the reader"
    if _first_person(unquoted):
        return "first person"
    return _furniture(stripped)


def _first_person(text: str) -> bool:
    """Whether `text` speaks in the first person (see `_FIRST_PERSON`)."""
    for found in _FIRST_PERSON.finditer(text):
        if found.group("i") is None:
            return True
        before = _BEFORE.search(text, 0, found.start())
        word = before.group(1) if before else ""
        if not word[:1].isupper() or word.lower() in STOP_WORDS:  # "But I think", not "War I"
            return True
    return False


def _furniture(text: str) -> str | None:
    """Why a sentence is the page's furniture rather than its news, or None."""
    if _LIST_ITEM.match(text):
        return "list item"
    if sum(word[:1].islower() for word in text.split()[1:]) < 2:
        return "label"  # 'Starring Liam Neeson, Ewan McGregor, Natalie Portman and Jake Lloyd.'

    if text.startswith("(") and text.rstrip(".").endswith(")"):
        return "aside"
    if _CONTACT.search(text):
        return "contact details"
    if _WRITER_NOTE.match(text):
        return "note on the writer"
    return None
