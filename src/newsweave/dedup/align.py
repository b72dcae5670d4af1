"""What two articles say, sentence by sentence: the verifier behind `newsweave.dedup.reposts`.

A copy of an article is found in two ways, and each has its own test here:

- **near-exact and trimmed copies** keep runs of words: the share of the shorter article's word
  5-shingles that also occur in the other (`shingle_containment`) is close to 1 for syndicated
  copy (a byline or copyright line added) and for trimmed copy (the end cut off, a new headline).
- **machine-spun rewrites** replace words with synonyms and swap neighbouring sentences, so few
  shingles survive. What a spinner cannot change is what the text says and how it is built: the
  same sentences, one for one, each keeping its numbers, its names and most of the function words
  around them ("the", "of", "that", "was"), because a thesaurus swaps dictionary words in place.
  `aligned_coverage` finds, for each passage (a sentence, or two neighbouring ones, so that
  where a segmenter put a boundary does not matter) a counterpart near the same place in the
  other article (a spinner swaps neighbours, it does not reorganise) that passes `counterparts`:
  the same numbers ("five" = "5"), the same skeleton (function words, numbers and capitalised
  words as a bag) and some shared words. The score is the share of words in passages
  with a counterpart, taken in BOTH directions and the lower kept: a spun copy keeps every
  sentence and adds none.

Why this separates copies from two outlets' reports of the same event (which share names, numbers
and often verbatim quotes or whole sentences): a separate report, even a wire update of the same
story, adds, drops and moves sentences, so a good part of one of the two has no counterpart,
while a copy keeps nearly all (a spinner that mangles the sentence order leaves enough shingles
for the first test). A wire story written on the frame of an earlier one ("The chief of ...
apologized Thursday" / "A senior officer ... apologized Wednesday") keeps the order and many
words, but not the names and days, which sit in the skeleton.
The trade-off: the word bar (`sentence_similarity`, Dice 0.30) is low, and nothing here uses a
synonym list, so that a spinner replacing half of the words, from any thesaurus, still pairs
(`bench/reposts.py` measures it with a spinner of another vocabulary, `bench/spinner.py`); the
skeleton bar (`skeleton_similarity`) carries the precision (a names bar, `name_agreement`, is
there but off: spinners swap capitalised common words too); the
article-level bar (`spin_coverage`) is fitted between the two populations on training folds
(`defaults.toml` [dedup] gives them). A copy that is both spun and trimmed fails the
both-directions test unless its shingles survive: that is the price of refusing wire updates.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from newsweave.dedup.minhash import Hashes, shingle_hashes
from newsweave.models import Article
from newsweave.text.sentences import rough_sentences

# Possessive (nothing follows that could take a character back): the same tokens, ~8 % faster.
WORD = re.compile(r"\w++(?:[.,:'’]\w++)*+")
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
# not inside a word. The first character is matched by a plain range (A-Z, or not ASCII), which
# `re` skips ahead on in C, then checked against the class ([^\W\d_a-z]: a word character, not a
# digit, "_" or a-z; in ASCII that is A-Z) by the lookbehind: a third less time than the class
# first. The second lookbehind follows the first character so that `re` can skip ahead too.
_CAPITALISED = re.compile(r"[A-Z\x80-\U0010FFFF](?<=[^\W\d_a-z])(?<!\w.)\w*(?:[.,:'’]\w+)*")
# Function words: spinners leave them in place; they make no anchor.
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
    """One sentence as the verifier sees it: its word bag, size and numbers, its
    names (capitalised words after the first, lower-cased) and its skeleton (the bag of what a
    thesaurus leaves alone: function words, numbers, names)."""

    bag: Counter[str]
    size: int
    numbers: frozenset[str]
    names: frozenset[str]
    skeleton: Counter[str]
    skeleton_size: int = field(init=False)  # skeleton.total(), counted once: `counterparts`

    def __post_init__(self) -> None:
        object.__setattr__(self, "skeleton_size", self.skeleton.total())


@dataclass(frozen=True, slots=True)
class PairBars:
    """What two passages must reach to be counterparts (`defaults.toml` [dedup] says why):
    Dice of their word bags (`words`), Jaccard of their names (`names`), Dice of their
    skeletons (`skeleton`)."""

    words: float
    names: float
    skeleton: float


class JoinedSketch:
    """Two neighbouring sentences read as one passage: sizes, numbers and names at once, the
    word bag and skeleton (sums of the two sentences') only when a comparison reaches them.
    Most joined passages are never compared that far (their sentences were paired alone, or
    the numbers or sizes settle it), and adding up bags was a fifth of a spin test's time."""

    __slots__ = (
        "_bag",
        "_skeleton",
        "first",
        "names",
        "numbers",
        "second",
        "size",
        "skeleton_size",
    )

    def __init__(self, first: SentenceSketch, second: SentenceSketch):
        self.first, self.second = first, second
        self.size = first.size + second.size
        self.numbers = first.numbers | second.numbers
        self.names = first.names | second.names
        self.skeleton_size = first.skeleton_size + second.skeleton_size
        self._bag: Counter[str] | None = None
        self._skeleton: Counter[str] | None = None

    @property
    def bag(self) -> Counter[str]:
        if self._bag is None:  # Counter(elements) counts in C; `update` adds in Python
            self._bag = Counter(chain(self.first.bag.elements(), self.second.bag.elements()))
        return self._bag

    @property
    def skeleton(self) -> Counter[str]:
        if self._skeleton is None:
            pair = (self.first.skeleton, self.second.skeleton)
            self._skeleton = Counter(chain(pair[0].elements(), pair[1].elements()))
        return self._skeleton


Sketch = SentenceSketch | JoinedSketch
Passage = tuple[Sketch, range]


@dataclass(frozen=True, slots=True)
class ArticleSketch:
    """What the spin test needs to know about one article, computed once per article.

    `sentences` are its sentence sketches in order; `passages` serve `aligned_coverage` in both
    directions; `size` is its length in words.
    """

    sentences: tuple[SentenceSketch, ...]
    size: int
    passages: tuple[Passage, ...]
    by_numbers: dict[frozenset[str], tuple[list[int], list[Sketch]]] = field(
        init=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_numbers", _by_numbers(self.passages))


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
    """A sentence's word bag, size, numbers, names and skeleton."""
    words = tokens(text)
    lowered = [w.lower() for w in words]
    numbers = _numbers(words, lowered)
    names = _names(text) - STOP_WORDS
    bag = Counter(lowered)
    # the skeleton keeps function words, names and numbers: each distinct word judged once
    kept = {w for w in bag if w in STOP_WORDS or w in names or _number(w) is not None}
    skeleton = Counter(w for w in lowered if w in kept)
    return SentenceSketch(bag, len(lowered), frozenset(numbers), names, skeleton)


def _names(unit: str) -> frozenset[str]:
    """The capitalised words of a sentence but its first (capitalised for its place), lower-cased:
    names, and the odd common word a headline style capitalises."""
    first = WORD.search(unit)
    if first is None:
        return frozenset()
    found = _CAPITALISED.findall(unit, first.end())
    return frozenset(word.lower() for word in found if word[0].isupper())


def _all_names(units: list[str]) -> set[str]:
    """The union of `_names` over `units`: the capitalised words of every unit but its first,
    gathered first and each distinct one lower-cased once (a name recurs through an article)."""
    found: list[str] = []
    for unit in units:
        first = WORD.search(unit)
        if first is not None:
            found += _CAPITALISED.findall(unit, first.end())
    return {word.lower() for word in set(found) if word[0].isupper()}


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
    anchors |= _all_names(_article_units(article)) - STOP_WORDS  # (numbers are never stop words)
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


def _dice(a: Counter[str], b: Counter[str], total: int) -> float:
    """Dice of two bags whose sizes add up to `total`."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    shared = 0
    for word, count in small.items():
        other = large.get(word)
        if other:
            shared += count if count < other else other
    return 2 * shared / total if total else 1.0


def counterparts(a: Sketch, b: Sketch, bars: PairBars) -> bool:
    """Whether two passages say the same thing in the way a spinner rewrites one.

    A thesaurus swaps dictionary words in place; it keeps the numbers (exactly), the names
    (mostly: it may swap a capitalised common word, "Times" -> "Occasions") and the function
    words around them (the skeleton), and some of the words. A different report that reuses a
    paragraph frame ("The chief of ... apologized Thursday" / "A senior officer ... apologized
    Wednesday") shares words but not its names and days: the skeleton bar refuses it, and the
    names bar, when set, refuses it sooner.
    """
    if a.numbers != b.numbers:
        return False
    if bars.names > 0:
        union = len(a.names | b.names)
        if union and len(a.names & b.names) < bars.names * union:
            return False
    skeleton = _dice_above(a.skeleton, b.skeleton, a.skeleton_size, b.skeleton_size, bars.skeleton)
    if skeleton < bars.skeleton:
        return False
    return _dice_above(a.bag, b.bag, a.size, b.size, bars.words) >= bars.words


def _dice_above(a: Counter[str], b: Counter[str], a_size: int, b_size: int, bar: float) -> float:
    """`_dice` of two bags of `a_size` and `b_size` words, or the most it could be when that is
    under `bar` (two bags share at most the smaller's words): the same verdict against any bar
    up to `bar`, without the count when the sizes alone settle it."""
    total = a_size + b_size
    if total:
        most = 2 * min(a_size, b_size) / total
        if most < bar:
            return most
    return _dice(a, b, total)


def passages(sentences: tuple[SentenceSketch, ...]) -> list[Passage]:
    """Each sentence, and each two neighbours joined, with the sentence indexes they span.

    Pairing passages instead of sentences makes the alignment indifferent to where a copy's
    segmenter put a boundary (a spinner that splits at "a.m.", a paper that merges paragraphs).
    """
    singles: list[Passage] = [(sentence, range(i, i + 1)) for i, sentence in enumerate(sentences)]
    pairs: list[Passage] = [
        (JoinedSketch(sentences[i], sentences[i + 1]), range(i, i + 2))
        for i in range(len(sentences) - 1)
    ]
    return singles + pairs


def aligned_coverage(
    a: ArticleSketch, b: ArticleSketch, bars: PairBars, at_least: float = 0.0
) -> float:
    """Share of the words of BOTH articles in passages that have a counterpart in the other.

    Two passages (a sentence or two neighbouring ones) are counterparts when they sit at about
    the same place in their articles (a spinner swaps neighbours, it does not reorganise) and
    pass `counterparts` with `bars`. The lower of the two
    directions is returned: a spun copy keeps every sentence of its original and adds none,
    while a wire update or another outlet's report adds, drops and moves sentences.
    With `at_least`, a first direction below it is returned without the second (the caller
    only asks whether the score reaches that bar).
    """
    first = _coverage(a, b, bars)
    if first < at_least:  # the lower of the two is below the caller's bar already
        return first
    return min(first, _coverage(b, a, bars))


def _by_numbers(
    passages: tuple[Passage, ...],
) -> dict[frozenset[str], tuple[list[int], list[Sketch]]]:
    """The passages grouped by their numbers, each group's first sentences in order (and the
    passages in the same order): `counterparts` needs the same numbers, so a passage is only
    ever compared with its own group, and only with the part near its place (`_near`)."""
    groups: dict[frozenset[str], list[tuple[int, int, Sketch]]] = {}
    for order, (passage, members) in enumerate(passages):
        groups.setdefault(passage.numbers, []).append((members.start, order, passage))
    found = {}
    for numbers, group in groups.items():
        group.sort(key=lambda item: (item[0], item[1]))
        found[numbers] = ([start for start, _, _ in group], [passage for _, _, passage in group])
    return found


def _near(target: ArticleSketch, passage: Sketch, where: float) -> Iterator[Sketch]:
    """The passages of `target` with `passage`'s numbers whose first sentence is within
    `_WINDOW` of `where`."""
    group = target.by_numbers.get(passage.numbers)
    if group is None:
        return
    starts, found = group
    # a bound one wider than the window on each side, then the exact test
    for index in range(bisect_left(starts, where - _WINDOW - 1), len(starts)):
        start = starts[index]
        if start > where + _WINDOW + 1:
            return
        if abs(start - where) <= _WINDOW:
            yield found[index]


def _coverage(short: ArticleSketch, long: ArticleSketch, bars: PairBars) -> float:
    """Share of `short`'s words in passages with a counterpart in `long`."""
    if not short.size:
        return 0.0
    scale = len(long.sentences) / max(1, len(short.sentences))
    covered: set[int] = set()
    for passage, members in short.passages:
        if covered.issuperset(members):
            continue
        where = members.start * scale
        if any(counterparts(passage, target, bars) for target in _near(long, passage, where)):
            covered.update(members)
    return sum(short.sentences[i].size for i in covered) / short.size
