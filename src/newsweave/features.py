"""Cheap, weighted term vectors of articles for story grouping.

An article becomes a sparse vector of three kinds of features:

- words (lower-cased, stop words dropped, a crude plural fold), title and lead weighted up;
- names: runs of capitalised tokens ("Kimani Gray", "INS Mysore", "East Flatbush") found by
  regex, as a stand-in for named entities: spaCy NER costs ~20 articles/s, this ~thousands;
- numbers ("23", "2008", "6.1"): what separates two events of the same kind (two
  earthquakes, two pirate raids) is mostly who, where, how many and when.

Weights are sublinear tf times idf; the idf comes from the pile itself (`DocumentFrequencies`),
so no model or corpus ships with newsweave.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.models import Article

Vector = dict[str, float]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d+(?:[.,]\d+)*")
_NAME_RUN = re.compile(
    r"\b(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,})(?:\s+(?:of\s+|de\s+|the\s+)?(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,}))*"
)
_OPENERS = " \t\"'“‘(["
_STOP = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "told", "mr", "mrs", "ms", "year", "years", "new", "just", "like",
    "according", "reported", "reuters", "ap", "afp", "also", "would", "could", "one", "two",
}  # fmt: skip
_NAME_STOP = frozenset(w.capitalize() for w in _STOP) | {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Photo", "Image", "Read", "More", "Share",
}  # fmt: skip


def _fold(word: str) -> str:
    """A crude plural/possessive fold: "pirates" -> "pirate", "Obama's" -> "obama"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words of `text`: lower-cased, folded, stop words and 1-letter tokens dropped."""
    out = []
    for match in _WORD.finditer(text):
        token = match.group()
        if token[0].isdigit():
            continue
        folded = _fold(token)
        if len(folded) > 1 and folded not in _STOP:
            out.append(folded)
    return out


def numbers(text: str) -> list[str]:
    """Numbers in `text` (counts, years, magnitudes), normalised: "1,200" -> "1200"."""
    out = []
    for match in re.finditer(r"(?<![\w.])\d+(?:[.,]\d+)*", text):
        value = match.group().replace(",", "")
        if value not in {"0", "1"}:
            out.append(value)
    return out


def names(text: str) -> list[str]:
    """Capitalised runs that look like names; a run of one word at a sentence start is skipped."""
    out = []
    for match in _NAME_RUN.finditer(text):
        tokens = [t for t in match.group().split() if t not in _NAME_STOP]
        if not tokens:
            continue
        if len(tokens) == 1 and _at_sentence_start(text, match.start()):
            continue
        name = " ".join(_fold(t) for t in tokens)
        if len(name) > 2:
            out.append(name)
    return out


def _at_sentence_start(text: str, position: int) -> bool:
    """Whether only quotes/spaces stand between `position` and a sentence end or line start."""
    before = position - 1
    while before >= 0 and text[before] in _OPENERS:
        before -= 1
    return before < 0 or text[before] in ".!?:\n"


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of evidence counts (read from the [cluster] settings)."""

    title: float = 3.0
    lead: float = 2.0
    lead_chars: int = 400
    name: float = 0.5
    number: float = 1.0
    idf_power: float = 1.5


def raw_features(article: Article, weights: Weights) -> dict[str, float]:
    """Weighted feature counts of one article: words `w:`, names `e:`, numbers `n:`."""
    counts: dict[str, float] = defaultdict(float)
    parts = [(article.text, 1.0), (article.text[: weights.lead_chars], weights.lead - 1.0)]
    if article.title:
        parts.append((article.title, weights.title))
    for text, factor in parts:
        if factor <= 0:
            continue
        for word in words(text):
            counts["w:" + word] += factor
        for name in names(text):
            counts["e:" + name] += factor
        for number in numbers(text):
            counts["n:" + number] += factor
    return counts


@dataclass(slots=True)
class DocumentFrequencies:
    """Document frequencies over the articles seen so far (a stream can keep adding)."""

    documents: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, features: Iterable[str]) -> None:
        self.documents += 1
        self.counts.update(set(features))

    def idf(self, feature: str) -> float:
        """Smoothed inverse document frequency, as scikit-learn's `smooth_idf`."""
        return math.log((1 + self.documents) / (1 + self.counts[feature])) + 1.0


def weigh(counts: Mapping[str, float], df: DocumentFrequencies, weights: Weights) -> Vector:
    """A unit-length vector: sublinear tf x idf, names and numbers scaled by their weights."""
    kind_factor = {"w": 1.0, "e": weights.name, "n": weights.number}
    vector: Vector = {}
    for feature, count in counts.items():
        factor = kind_factor[feature[0]]
        if factor > 0 and df.counts[feature] > 0:
            vector[feature] = (
                (1.0 + math.log(count)) * df.idf(feature) ** weights.idf_power * factor
            )
    return normalise(vector)


def normalise(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterating over the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def top_terms(vector: Mapping[str, float], limit: int) -> list[str]:
    """The `limit` heaviest features, heaviest first (ties by name, for determinism)."""
    return [k for k, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
