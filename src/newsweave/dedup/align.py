"""What two articles say, sentence by sentence: the verifier behind `newsweave.dedup.reposts`.

A copy of an article is found in two ways, and each has its own test here:

- **near-exact and trimmed copies** keep runs of words: the share of the shorter article's word
  5-shingles that also occur in the other (`shingle_containment`) is close to 1 for syndicated
  copy (a byline or copyright line added) and for trimmed copy (the end cut off, a new headline).
- **machine-spun rewrites** replace words with synonyms and swap neighbouring sentences, so few
  shingles survive. What a spinner cannot change is what the text says and how it is built: the
  same sentences, one for one, each keeping its names, numbers and most of its function words
  ("the", "of", "that", "was"), because a thesaurus swaps content words in place.
  `aligned_coverage` finds, for each passage (a sentence, or two neighbouring ones, so that
  where a segmenter put a boundary does not matter) a counterpart near the same place in the
  other article (a spinner swaps neighbours, it does not reorganise) that cites the same numbers
  ("five" = "5") and shares most of its words as a bag (Dice over all tokens, function words
  included). The score is the share of words in passages with a counterpart, taken in BOTH
  directions and the lower kept: a spun copy keeps every sentence and adds none.

Why this separates copies from two outlets' reports of the same event (which share names, numbers
and often verbatim quotes or whole sentences): a separate report, even a wire update of the same
story, adds, drops and moves sentences, so a good part of one of the two has no counterpart,
while a copy keeps nearly all (a spinner that mangles the sentence order leaves enough shingles
for the first test).
The trade-off: the per-sentence bar (`sentence_similarity`, Dice 0.45) is low so that a spinner
replacing half of the content words still pairs (`bench/reposts.py` measures it with random
strings, which no thesaurus could undo); the article-level bar (`spin_coverage`, 0.7) sits
between the two populations (`defaults.toml` [dedup] gives them on the development set).
Nothing here uses a synonym list. A copy that is both spun and trimmed fails the
both-directions test unless its shingles survive: that is the price of refusing wire updates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from newsweave.dedup.minhash import Hashes, shingle_hashes
from newsweave.models import Article
from newsweave.text.sentences import rough_sentences

WORD = re.compile(r"\w+(?:[.,:'’]\w+)*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WINDOW = 4  # sentences a counterpart may sit from its expected place
_NUMBER_NAMES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: str(value) for value, word in enumerate(_NUMBER_NAMES.split())}
_AD_MARKER = re.compile(r"^ad_\d+$")
_DIGIT = re.compile(r"\d")
# A word starting with a capital (checked with str.isupper: the class also admits other scripts),
# not inside a word; the lookbehind follows the first character so that `re` can skip ahead.
_CAPITALISED = re.compile(r"[^\W\d_a-z](?<!\w.)\w*(?:[.,:'’]\w+)*")
# Function words: spinners leave them in place; they make no anchor and no index key.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our out over own same she should so
    some such than that the their them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your said says
    say told mr mrs ms""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class SentenceSketch:
    """One sentence as the verifier sees it: its word bag, size, numbers and index keys."""

    bag: Counter[str]
    size: int
    numbers: frozenset[str]
    keys: frozenset[str]


Passage = tuple[SentenceSketch, range]


@dataclass(frozen=True, slots=True)
class ArticleSketch:
    """What the spin test needs to know about one article, computed once per article.

    `sentences` are its sentence sketches in order; `passages` serve `aligned_coverage` in both
    directions; `size` is its length in words.
    """

    sentences: tuple[SentenceSketch, ...]
    size: int
    passages: tuple[Passage, ...]


def tokens(text: str) -> list[str]:
    """Word tokens as written (case kept), without ad markers such as `[ad_1]`."""
    words: list[str] = WORD.findall(text)
    if "_" not in text:  # no ad marker possible: skip the per-word test
        return words
    return [w for w in words if "_" not in w or not _AD_MARKER.match(w.lower())]


def _number(token: str) -> str | None:
    """The token as a bare number ("5,000" -> "5000", "five" -> "5"), else None.

    Number words count as their digits: style guides (and spinners) switch between the two.
    """
    if token.isalpha() or not any(ch.isdigit() for ch in token):
        return _NUMBER_WORDS.get(token.lower())
    return token.replace(",", "")


def _numbers(words: list[str], lowered: list[str]) -> set[str]:
    """`_number` of every token, as a set (set operations instead of a call per token; each
    distinct token is looked at once)."""
    distinct = set(words)
    found = {w.replace(",", "") for w in distinct if not w.isalpha() and _DIGIT.search(w)}
    named = distinct if lowered is words else set(lowered)
    found.update(_NUMBER_WORDS[w] for w in _NUMBER_WORDS.keys() & named)
    return found


def _sentence_sketch(text: str) -> SentenceSketch:
    """A sentence's word bag, size, numbers and index keys (words of 3+ letters, numbers)."""
    words = tokens(text)
    lowered = [w.lower() for w in words]
    numbers = _numbers(words, lowered)
    keys = frozenset({w for w in set(lowered) - STOP_WORDS if len(w) > 2} | numbers)
    return SentenceSketch(Counter(lowered), len(lowered), frozenset(numbers), keys)


def _units(sentences: list[str]) -> list[str]:
    """Sentences with unpunctuated ones (headlines, bylines, lines cut by a paragraph break)
    joined to the next: a copy that merges paragraphs then splits the same way as its original.
    """
    units: list[str] = []
    pending = ""
    for sentence in sentences:
        pending = f"{pending} {sentence}" if pending else sentence
        if _TERMINAL.search(pending):
            units.append(pending)
            pending = ""
    if pending:
        units.append(pending)
    return units


def _article_units(article: Article) -> list[str]:
    return _units(rough_sentences(article.text))


def shingles(article: Article, shingle_size: int) -> tuple[Hashes, int]:
    """The distinct hashes of the article's lower-cased word shingles (sorted), and its size
    in words."""
    words = tokens(article.text.lower())
    return shingle_hashes(words, shingle_size), len(words)


def fingerprint(article: Article, shingle_size: int) -> tuple[Hashes, frozenset[str], int]:
    """What the LSH indexes need of an article: shingle hashes (repeats kept), anchors, size.

    Cheap enough for every article: one tokenisation of the whole text, and one regex per
    sentence for the anchors; `sketch` is computed only for articles in a candidate pair.
    """
    lowered = tokens(article.text.lower())  # case does not change where words split
    anchors = _numbers(lowered, lowered)
    capitalised: list[str] = []
    for unit in _article_units(article):
        first = WORD.search(unit)
        if first is not None:  # a sentence's first word is capitalised for its place
            capitalised += _CAPITALISED.findall(unit, first.end())
    names = {word.lower() for word in set(capitalised) if word[0].isupper()}
    anchors |= names - STOP_WORDS  # (numbers are never stop words)
    return shingle_hashes(lowered, shingle_size, distinct=False), frozenset(anchors), len(lowered)


def sketch(article: Article) -> ArticleSketch:
    """The sentence sketches and passages of one article, for the spin test."""
    ordered = tuple(
        sentence for sentence in map(_sentence_sketch, _article_units(article)) if sentence.size
    )
    size = sum(sentence.size for sentence in ordered)
    return ArticleSketch(ordered, size, tuple(passages(ordered)))


def shingle_containment(a: Hashes, b: Hashes) -> float:
    """Share of the smaller shingle set found in the other: 1.0 for a verbatim or cut copy."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not len(small):
        return 0.0
    shared = np.intersect1d(small, large, assume_unique=True)
    return len(shared) / len(small)


def _dice(a: SentenceSketch, b: SentenceSketch) -> float:
    """Bag-of-words Dice over all tokens, function words included."""
    small, large = (a.bag, b.bag) if len(a.bag) <= len(b.bag) else (b.bag, a.bag)
    shared = 0
    for word, count in small.items():
        other = large.get(word)
        if other:
            shared += count if count < other else other
    return 2 * shared / (a.size + b.size)


def _merge(a: SentenceSketch, b: SentenceSketch) -> SentenceSketch:
    bag = a.bag.copy()
    bag.update(b.bag)
    return SentenceSketch(bag, a.size + b.size, a.numbers | b.numbers, a.keys | b.keys)


def passages(sentences: tuple[SentenceSketch, ...]) -> list[Passage]:
    """Each sentence, and each two neighbours joined, with the sentence indexes they span.

    Pairing passages instead of sentences makes the alignment indifferent to where a copy's
    segmenter put a boundary (a spinner that splits at "a.m.", a paper that merges paragraphs).
    """
    singles = [(sentence, range(i, i + 1)) for i, sentence in enumerate(sentences)]
    pairs = [
        (_merge(sentences[i], sentences[i + 1]), range(i, i + 2)) for i in range(len(sentences) - 1)
    ]
    return singles + pairs


def aligned_coverage(
    a: ArticleSketch, b: ArticleSketch, min_similarity: float, at_least: float = 0.0
) -> float:
    """Share of the words of BOTH articles in passages that have a counterpart in the other.

    Two passages (a sentence or two neighbouring ones) are counterparts when they cite the same
    numbers, sit at about the same place in their articles (a spinner swaps neighbours, it does
    not reorganise) and their word bags reach `min_similarity` (Dice). The lower of the two
    directions is returned: a spun copy keeps every sentence of its original and adds none,
    while a wire update or another outlet's report adds, drops and moves sentences.
    With `at_least`, a first direction below it is returned without the second (the caller
    only asks whether the score reaches that bar).
    """
    first = _coverage(a, b, min_similarity)
    if first < at_least:  # the lower of the two is below the caller's bar already
        return first
    return min(first, _coverage(b, a, min_similarity))


def _near(
    targets: tuple[Passage, ...], singles: int, where: float
) -> Iterator[tuple[SentenceSketch, int]]:
    """The passages (and their first sentence) that start within about `_WINDOW` of `where`.

    Singles come first in `targets`, then neighbour pairs (see `passages`); the caller keeps
    the exact distance test, this only skips the passages too far away to pass it.
    """
    low = max(0, math.floor(where) - _WINDOW - 1)
    high = math.ceil(where) + _WINDOW + 1
    for first, last in ((0, singles), (singles, len(targets))):
        for number in range(first + low, min(last, first + high + 1)):
            target, members = targets[number]
            yield target, members.start


def _coverage(short: ArticleSketch, long: ArticleSketch, min_similarity: float) -> float:
    """Share of `short`'s words in passages with a counterpart in `long`."""
    if not short.size:
        return 0.0
    targets, singles = long.passages, len(long.sentences)
    scale = len(long.sentences) / max(1, len(short.sentences))
    covered: set[int] = set()
    for passage, members in short.passages:
        if covered.issuperset(members):
            continue
        needed = min(2, len(passage.keys))
        where = members.start * scale
        if any(
            len(passage.keys & target.keys) >= needed
            and target.numbers == passage.numbers
            and _dice(passage, target) >= min_similarity
            for target, start in _near(targets, singles, where)
            if abs(start - where) <= _WINDOW
        ):
            covered.update(members)
    return sum(short.sentences[i].size for i in covered) / short.size
