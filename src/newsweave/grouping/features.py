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
- `years` (1950-2049) anywhere in the text, and the publication year: when it happened. An
  undated article still says so; its title and lead also add the weekdays they name ("on
  Friday"): two events of the same kind (two cable cuts, two elections) are told in the same
  words but rarely on the same weekday. A dated article has its date instead (the `days`
  feature), and the reports of a story that runs for days name different days (an interview
  on Friday, the summit on Wednesday); later text names the background's days.

This module counts each view's terms (`count`); `profiles.py` turns the counts into weighted
vectors: sublinear tf times idf to a power, the idf from the pile itself, so no model or
corpus ships with newsweave.

Speed (grouping must run at thousands of articles/s on two cores): each text is tokenised by
one compiled regex into a C-level `Counter` of raw tokens, and only the distinct tokens go
through the fold, via a plain dict cache (a pile's vocabulary is small next to its token count).
Names come from one `findall` that also captures the character before each run, so the
"sentence start" test needs no Python scan.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsweave.models import Article
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

VIEWS = ("body", "lead", "names", "numbers", "years")
BODY_VIEW, NAMES_VIEW, YEARS_VIEW = VIEWS.index("body"), VIEWS.index("names"), VIEWS.index("years")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
# A year 1950-2049 not inside a longer number (the lookbehind after the literal prefix is faster).
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])(?<!\d...)\d(?!\d)")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# Patterns open with a character class where they can: `re` then skips ahead to the next
# character that may start a match instead of trying the pattern at every position (a
# lookbehind comes after the first character, not before it).
# A number not inside a word or after a dot.
_NUMBER = re.compile(r"\d(?<![\w.]\d)\d*(?:[.,]\d+)*")
# A capitalised word: "Gray", "INS", "O'Brien" (an all-capitals word is one of these too).
_NAME_WORD = r"[A-Z][a-zA-Z'’\-]+"
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
_CACHE_LIMIT = 1 << 20  # words whose fold is remembered (a pile's vocabulary: ~100 MB at most)
# Name runs whose key is remembered. Runs are far more varied than words (a 100k-article pile
# has ~600k distinct runs per worker, ~150 MB cached) and most recur within a few articles of
# a story, so a small cache that starts again when full keeps most of the hits.
_NAME_CACHE_LIMIT = 1 << 16
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
    cache: dict[str, str | None], key: str, make: Callable[[str], str | None], limit: int
) -> str | None:
    """`make(key)`, remembered in `cache` (a plain dict, cheaper than lru_cache; reset when
    it holds `limit` keys)."""
    if len(cache) >= limit:
        cache.clear()
    value = cache[key] = make(key)
    return value


def word_counts(tokens: list[str], before: Counter[str] | None = None) -> Counter[str]:
    """Content words of `tokens` (lower-cased, folded, stop words dropped) with their counts.

    With `before = word_counts(earlier)`, the same counts in the same key order as
    `word_counts(earlier + tokens)`, without looking at `earlier`'s tokens again.
    """
    terms = _TERMS
    counts: Counter[str | None] = Counter(before)
    try:
        counts.update(map(terms.__getitem__, tokens))
    except KeyError:  # a token not folded yet: fold the new ones, then count from the start
        if len(terms) > _CACHE_LIMIT:
            terms.clear()
        for token in set(tokens).difference(terms):
            terms[token] = _term(token)
        counts = Counter(before)
        counts.update(map(terms.__getitem__, tokens))
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
        name = names[run] if run in names else _cached(names, run, _name, _NAME_CACHE_LIMIT)
        if name is not None:  # `get`, not `+=`: a new key would call Counter.__missing__
            out[name] = out.get(name, 0) + n
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


def count(article: Article, weights: Weights) -> Counts:
    """Term counts of the five views; the title counts `weights.title` times in the lead.

    The text is tokenised once: the lead's tokens are the body's first ones (a word cut by the
    `lead_chars` boundary counts as two halves in the body, a negligible change), and so are
    its counts.
    """
    title = article.title or ""
    lead_text = article.text[: weights.lead_chars]
    body_text = article.text[: weights.body_chars]
    lead_words = word_counts(_WORD.findall(lead_text))
    body = word_counts(_WORD.findall(body_text, len(lead_text)), before=lead_words)
    lead: dict[str, float] = dict(lead_words)
    for word, n in word_counts(_WORD.findall(title)).items():
        lead[word] = lead.get(word, 0.0) + weights.title * n
    name_text = title + "\n" + article.text[: weights.name_chars]
    names_found = Counter({"e:" + k: n for k, n in name_counts(name_text).items()})
    number_found = Counter("n:" + n for n in numbers(title + "\n" + lead_text))
    year_found = Counter("y:" + y for y in _YEAR.findall(title + "\n" + body_text))
    if article.published is not None:  # when it was told (a date stamp leaves the text)
        year_found["y:" + str(article.published.year)] += 1
    else:  # "w:", not "y:": a weekday is not one of the pile's years
        year_found.update("w:" + day for day in _WEEKDAY.findall(title + "\n" + lead_text))
    return Counts(body, lead, names_found, number_found, year_found)
