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
nothing.

Speed (grouping must run at thousands of articles/s on two cores): each text is tokenised by
one compiled regex into a C-level `Counter` of raw tokens, and only the distinct tokens go
through the fold, via a plain dict cache (a pile's vocabulary is small next to its token count).
Names come from one `findall` that also captures the character before each run, so the
"sentence start" test needs no Python scan. Keys become integers (`Vocabulary`), one id space
over all five views, so that a story can be scored with numpy gathers (`story_match.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsweave.models import Article

Vector = dict[int, float]
VIEWS = ("body", "lead", "names", "numbers", "years")
Key = TypeVar("Key", str, int)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
# A year 1950-2049 not inside a longer number (the lookbehind after the literal prefix is faster).
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])(?<!\d...)\d(?!\d)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_NAME_WORD = r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,})"
# A run of capitalised words ("Kimani Gray", "Bank of England"); runs do not cross line ends.
_RUN = _NAME_WORD + r"(?:[ \t]+(?:of[ \t]+|de[ \t]+|the[ \t]+)?" + _NAME_WORD + ")*"
_NAME_RUN = re.compile(_RUN)
# The same runs where they open a sentence or a line (after quotes and spaces).
_OPENING_RUN = re.compile(r"[.!?:\n][ \t\"'“‘(\[]*(" + _RUN + ")")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "told", "mr", "mrs", "ms", "year", "years", "new", "just", "like",
    "according", "reported", "reuters", "ap", "afp", "also", "would", "could", "one", "two",
}  # fmt: skip
_NAME_STOP = frozenset(w.capitalize() for w in _STOP) | {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Photo", "Image", "Read", "More", "Share",
}  # fmt: skip
_CACHE_LIMIT = 1 << 18
_TERMS: dict[str, str | None] = {}
_NAMES: dict[str, str | None] = {}


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


def _term(token: str) -> str | None:
    """The folded content word of a token, or None for a stop word or a 1-letter token."""
    folded = _fold(token)
    return folded if len(folded) > 1 and folded not in _STOP else None


def _name(run: str) -> str | None:
    """A capitalised run as a name key, stop words and weekdays dropped; None if nothing left."""
    name = " ".join(_fold(t) for t in run.split() if t not in _NAME_STOP)
    return name if len(name) > 2 else None


def _cached(
    cache: dict[str, str | None], key: str, make: Callable[[str], str | None]
) -> str | None:
    """`make(key)`, remembered in `cache` (a plain dict, cheaper than lru_cache; reset if full)."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    value = cache[key] = make(key)
    return value


def word_counts(tokens: list[str]) -> Counter[str]:
    """Content words of `tokens` (lower-cased, folded, stop words dropped) with their counts."""
    terms = _TERMS
    try:
        counts = Counter(map(terms.__getitem__, tokens))
    except KeyError:
        if len(terms) > _CACHE_LIMIT:
            terms.clear()
        for token in set(tokens).difference(terms):
            terms[token] = _term(token)
        counts = Counter(map(terms.__getitem__, tokens))
    counts.pop(None, None)
    return counts  # type: ignore[return-value]


def words(text: str) -> list[str]:
    """Content words of `text` in order (`word_counts` counts them without keeping order)."""
    return [t for t in (_term(w) for w in _WORD.findall(text)) if t is not None]


def numbers(text: str) -> list[str]:
    """Numbers in `text` (counts, years, magnitudes), normalised: "1,200" -> "1200"."""
    found = (m.replace(",", "") for m in _NUMBER.findall(text))
    return [n for n in found if n not in {"0", "1"}]


def name_counts(text: str) -> Counter[str]:
    """Capitalised runs that look like names, counted; one word opening a sentence is skipped.

    Runs do not cross line ends. Two C-level `findall`s: every run, then the runs that open a
    sentence or line, whose one-word members are taken back out.
    """
    runs = Counter(_NAME_RUN.findall(text))
    for run in _OPENING_RUN.findall("\n" + text):
        if " " not in run:
            runs[run] -= 1
    out: Counter[str] = Counter()
    names = _NAMES
    for run, n in runs.items():
        if n <= 0:
            continue
        name = names[run] if run in names else _cached(names, run, _name)
        if name is not None:
            out[name] += n
    return out


def names(text: str) -> list[str]:
    """The names of `name_counts`, each as often as it occurs (order not kept)."""
    return list(name_counts(text).elements())


@dataclass(frozen=True, slots=True)
class Weights:
    """How the views are built (read from the [cluster] settings)."""

    title: float = 2.0
    lead_chars: int = 800
    body_chars: int = 6000
    idf_power: float = 1.5
    vector_terms: int = 80
    name_chars: int = 6000
    heavy_terms: int = 20  # heaviest body terms kept for blocking (and half as many names)


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw term counts of one article's views, before idf weighting."""

    body: Counter[str]
    lead: dict[str, float]
    names: Counter[str]
    numbers: Counter[str]
    years: Counter[str]

    def views(self) -> tuple[Mapping[str, float], ...]:
        return (self.body, self.lead, self.names, self.numbers, self.years)

    def vocabulary(self) -> set[str]:
        """Every key that counts towards document frequencies (views share one idf table)."""
        return set().union(*(view.keys() for view in self.views()))


def count(article: Article, weights: Weights) -> Counts:
    """Term counts of the five views; the title counts `weights.title` times in the lead.

    The text is tokenised once: the lead's tokens are the body's first ones (a word cut by the
    `lead_chars` boundary counts as two halves in the body, a negligible change).
    """
    title = article.title or ""
    lead_text = article.text[: weights.lead_chars]
    body_text = article.text[: weights.body_chars]
    lead_tokens = _WORD.findall(lead_text)
    body = word_counts(lead_tokens + _WORD.findall(body_text, len(lead_text)))
    lead: dict[str, float] = dict(word_counts(lead_tokens))
    for word, n in word_counts(_WORD.findall(title)).items():
        lead[word] = lead.get(word, 0.0) + weights.title * n
    name_text = title + "\n" + article.text[: weights.name_chars]
    names_found = Counter({"e:" + k: n for k, n in name_counts(name_text).items()})
    number_found = Counter("n:" + n for n in numbers(title + "\n" + lead_text))
    year_found = Counter("y:" + y for y in _YEAR.findall(title + "\n" + body_text))
    return Counts(body, lead, names_found, number_found, year_found)


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
class Vocabulary:
    """Integer ids for a pile's features, for numpy gathers: one id space over all views.

    Body and lead share words (and idf), so lead ids are shifted by `size`; names, numbers and
    years carry their own prefixes ("e:", "n:", "y:") and cannot collide.
    """

    ids: dict[str, int]
    size: int
    idf: NDArray[np.float64] | None = None  # per id, when made from an idf table

    @classmethod
    def of(cls, features: Iterable[str]) -> Vocabulary:
        """Ids in `features`' order; given an idf table (a Mapping), its values by id too."""
        if isinstance(features, Mapping):
            ids = {feature: number for number, feature in enumerate(features)}
            idf = np.fromiter(features.values(), np.float64, len(ids))
            return cls(ids, len(ids), idf)
        ids = {feature: number for number, feature in enumerate(features)}
        return cls(ids, len(ids))

    @property
    def span(self) -> int:
        """How many ids there are in all (the size of a dense array over them)."""
        return 2 * self.size


@dataclass(frozen=True, slots=True)
class Profile:
    """An article's five unit vectors (keys: `Vocabulary` ids), capped to `vector_terms` each.

    `heavy_body` / `heavy_names` are the heaviest terms, for blocking; `ids` / `values` hold
    all five views at once, for numpy gathers.
    """

    body: Vector
    lead: Vector
    names: Vector
    numbers: Vector
    years: Vector
    heavy_body: tuple[int, ...]
    heavy_names: tuple[int, ...]
    ids: NDArray[np.intp]
    values: NDArray[np.float64]

    def views(self) -> tuple[Vector, ...]:
        return (self.body, self.lead, self.names, self.numbers, self.years)


def profile(
    counts: Counts, idf: Mapping[str, float], weights: Weights, vocabulary: Vocabulary
) -> Profile:
    """Sublinear tf x idf (from `DocumentFrequencies.table`) per view, capped and normalised.

    Terms are ranked by weight only (a stable sort: ties keep the text's order, deterministic).
    The arithmetic is numpy's on the very floats the per-term Python version used (`_SUBLINEAR`
    holds math.log's values, `vocabulary.idf` the table's), so the vectors are bit-identical.
    """
    ids_of, cap = vocabulary.ids, weights.vector_terms
    idf_of = vocabulary.idf if vocabulary.idf is not None else _idf_array(idf, vocabulary)
    vectors: list[Vector] = []
    heavy: list[tuple[int, ...]] = []
    all_ids: list[NDArray[np.intp]] = []
    all_values: list[NDArray[np.float64]] = []
    for number, view in enumerate(counts.views()):
        ids = np.fromiter(map(ids_of.__getitem__, view), np.intp, len(view))
        vector = _sublinear(view.values()) * idf_of[ids]
        if number in (0, 2) or len(vector) > cap:
            ranked = np.argsort(-vector, kind="stable")
            if number in (0, 2):
                limit = weights.heavy_terms if number == 0 else weights.heavy_terms // 2
                heavy.append(tuple(ids[ranked[:limit]].tolist()))
            if len(vector) > cap:
                ids, vector = ids[ranked[:cap]], vector[ranked[:cap]]
        scale = 1.0 / math.hypot(*vector.tolist()) if len(vector) else 0.0
        if number == 1:
            ids = ids + vocabulary.size
        vector = vector * scale
        vectors.append(dict(zip(ids.tolist(), vector.tolist(), strict=True)))
        all_ids.append(ids)
        all_values.append(vector)
    body, lead, names, numbers, years = vectors
    return Profile(
        body, lead, names, numbers, years, heavy[0], heavy[1],
        np.concatenate(all_ids), np.concatenate(all_values),
    )  # fmt: skip


# 1 + log(tf) for the counts that occur (whole numbers; the title's weight keeps the lead's so).
_SUBLINEAR: dict[float, float] = {n: 1.0 + math.log(n) for n in range(1, 1 << 12)}


def _sublinear(counts: Iterable[float]) -> NDArray[np.float64]:
    """1 + log(c) of each count, as math.log gives it (a table for whole counts)."""
    values = list(counts)
    try:
        return np.array(list(map(_SUBLINEAR.__getitem__, values)), dtype=np.float64)
    except KeyError:
        return np.array([1.0 + math.log(c) for c in values], dtype=np.float64)


def _idf_array(idf: Mapping[str, float], vocabulary: Vocabulary) -> NDArray[np.float64]:
    values = np.zeros(vocabulary.size, dtype=np.float64)
    for feature, weight in idf.items():
        values[vocabulary.ids[feature]] = weight
    return values


def dot(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    """Dot product over the shared keys (iterating the smaller vector)."""
    if len(a) > len(b):
        a, b = b, a
    return sum([value * b[k] for k, value in a.items() if k in b])


def top_terms(vector: Mapping[Key, float], limit: int) -> list[Key]:
    """The `limit` heaviest features, heaviest first (ties keep the mapping's order)."""
    ranked = sorted(vector.items(), key=itemgetter(1), reverse=True)
    return [k for k, _ in ranked[:limit]]
