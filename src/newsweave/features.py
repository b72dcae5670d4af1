"""Cheap, weighted views of an article for story grouping: body, lead, names, numbers, years.

An article becomes five sparse unit vectors (a `Profile`), each compared separately with a
story, because each says something different (Miranda et al. 2018, "Multilingual Clustering of
Streaming News"):

- `body`: content words of the text's first `body_chars` characters (lower-cased, stop words
  dropped, a crude plural fold): what the article is about;
- `lead`: words of the title and the first `lead_chars` characters: the event itself, before
  the text drifts to background;
- `names`: runs of capitalised tokens ("Kimani Gray", "INS Mysore", "East Flatbush") found by
  regex, as a stand-in for named entities (spaCy NER costs ~20 articles/s, this thousands);
- `numbers`: counts, years, magnitudes of the title and lead: what separates two events of the
  same kind (two earthquakes, two pirate raids) is mostly who, where, how many and when;
- `years` (1950-2049) anywhere in the text: an undated article still says when it happened.

Weights are sublinear tf times idf to a power; the idf comes from the pile itself
(`DocumentFrequencies`), so no model or corpus ships with newsweave; a pile counts as at least
`min_documents` articles, or the event words of a small pile (all about one event) would weigh
nothing. Tokens are folded through a cache: the vocabulary of a pile is small next to its
token count.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.models import Article

Vector = dict[str, float]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_NAME_RUN = re.compile(
    r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,})(?:\s+(?:of\s+|de\s+|the\s+)?(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,}))*"
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


@lru_cache(maxsize=1 << 18)
def _term(token: str) -> str | None:
    """The folded content word of a token, or None for a stop word or a 1-letter token."""
    folded = _fold(token)
    return folded if len(folded) > 1 and folded not in _STOP else None


@lru_cache(maxsize=1 << 17)
def _name(run: str) -> str | None:
    """A capitalised run as a name key, stop words and weekdays dropped; None if nothing left."""
    tokens = [_fold(t) for t in run.split() if t not in _NAME_STOP]
    name = " ".join(tokens)
    return name if len(name) > 2 else None


def words(text: str) -> list[str]:
    """Content words of `text`: lower-cased, folded, stop words and 1-letter tokens dropped."""
    return [t for t in map(_term, _WORD.findall(text)) if t is not None]


def numbers(text: str) -> list[str]:
    """Numbers in `text` (counts, years, magnitudes), normalised: "1,200" -> "1200"."""
    found = (m.replace(",", "") for m in _NUMBER.findall(text))
    return [n for n in found if n not in {"0", "1"}]


def names(text: str) -> list[str]:
    """Capitalised runs that look like names; a run of one word at a sentence start is skipped."""
    out = []
    for match in _NAME_RUN.finditer(text):
        run = match.group()
        if " " not in run and _at_sentence_start(text, match.start()):
            continue
        name = _name(run)
        if name is not None:
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
    """How the views are built (read from the [cluster] settings)."""

    title: float = 2.0
    lead_chars: int = 800
    body_chars: int = 6000
    idf_power: float = 1.5
    vector_terms: int = 80


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw term counts of one article's views, before idf weighting."""

    body: Counter[str]
    lead: dict[str, float]
    names: Counter[str]
    numbers: Counter[str]
    years: Counter[str]

    def vocabulary(self) -> set[str]:
        """Every key that counts towards document frequencies (views share one idf table)."""
        views = (self.body, self.lead, self.names, self.numbers, self.years)
        return set().union(*(view.keys() for view in views))


def count(article: Article, weights: Weights) -> Counts:
    """Term counts of the five views; the title counts `weights.title` times in the lead."""
    title = article.title or ""
    body_text = article.text[: weights.body_chars]
    lead_text = article.text[: weights.lead_chars]
    lead: dict[str, float] = dict(Counter(words(lead_text)))
    for word in words(title):
        lead[word] = lead.get(word, 0.0) + weights.title
    name_counts = Counter("e:" + n for n in names(title + "\n" + body_text))
    number_counts = Counter("n:" + n for n in numbers(title + "\n" + lead_text))
    year_counts = Counter("y:" + y for y in _YEAR.findall(title + "\n" + body_text))
    return Counts(Counter(words(body_text)), lead, name_counts, number_counts, year_counts)


@dataclass(slots=True)
class DocumentFrequencies:
    """Document frequencies over the articles seen so far (a stream can keep adding)."""

    documents: int = 0
    floor: int = 0  # a small pile counts as this many documents (see `idf`)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, features: Iterable[str]) -> None:
        self.documents += 1
        self.counts.update(features)

    def idf(self, feature: str) -> float:
        """Smoothed inverse document frequency, as scikit-learn's `smooth_idf`.

        The pile counts as at least `floor` documents: in a small pile (a few articles of one
        event) the event's own words are in every article and would weigh nothing, though in
        the world they are rare; the floor keeps them weighing as much as any rare word.
        """
        documents = max(self.documents, self.floor)
        return math.log((1 + documents) / (1 + self.counts[feature])) + 1.0

    def table(self, power: float) -> dict[str, float]:
        """idf**power of every feature seen, computed once for a whole pile."""
        return {feature: self.idf(feature) ** power for feature in self.counts}


@dataclass(frozen=True, slots=True)
class Profile:
    """An article's four unit vectors, each capped to its `vector_terms` heaviest terms."""

    body: Vector
    lead: Vector
    names: Vector
    numbers: Vector
    years: Vector


def profile(counts: Counts, idf: Mapping[str, float], weights: Weights) -> Profile:
    """Sublinear tf x idf (from `DocumentFrequencies.table`) per view, capped and normalised."""

    def weigh(view: Mapping[str, float]) -> Vector:
        vector = {k: (1.0 + math.log(c)) * idf[k] for k, c in view.items() if c >= 1}
        if len(vector) > weights.vector_terms:
            vector = {k: vector[k] for k in top_terms(vector, weights.vector_terms)}
        return normalise(vector)

    return Profile(
        weigh(counts.body),
        weigh(counts.lead),
        weigh(counts.names),
        weigh(counts.numbers),
        weigh(counts.years),
    )


def normalise(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product over the shared keys (a C-level key intersection, then the few products)."""
    return sum(a[k] * b[k] for k in a.keys() & b.keys())


def top_terms(vector: Mapping[str, float], limit: int) -> list[str]:
    """The `limit` heaviest features, heaviest first (ties by name, for determinism)."""
    return [k for k, _ in heapq.nsmallest(limit, vector.items(), key=lambda kv: (-kv[1], kv[0]))]
