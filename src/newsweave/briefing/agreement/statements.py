"""Checkable statements: the sentences of a story that can be compared across outlets.

Each statement keeps the exact text and offsets of its source sentence, and the anchors that
sentence embeddings are known to blur (`Anchors`): quantities with the noun they count and how
exact they are ("about 300", "at least 19", "between 3 and 5 percent"; read by `figures.py`),
calendar dates resolved against the article's publication date, names, and negation cues. Two
statements that an embedding calls similar but whose anchors clash are where outlets disagree
(`agreement`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.figures import NOT_UNIT, Quantity, quantities, stem
from newsweave.briefing.agreement.verbs import verb_stems
from newsweave.models import Article, Sentence, Story
from newsweave.text.kinds import is_instruction
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

# Negation cues. Reporting verbs ("denied", "rejected") are left out: "X denied Y" and "Y"
# can both be true, so they are not where outlets disagree.
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|cannot)\b|n['’]t\b", re.IGNORECASE
)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_CONTEXT_WORDS = 3  # content words either side of a number or date that say what it is about
_NEGATED_WORDS = 1  # content words after "not" that it negates (the verb or adjective)
_EVENT_WORDS = 5  # words either side of a date among which its verb and its topic are read
_WORD = re.compile(r"[A-Za-z]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "told", "according"}


@dataclass(frozen=True, slots=True)
class Event:
    """A date of a statement and what it dates (`event`): "A staffer on Friday apologized for a
    Facebook post" -> day "2014-11-28", said "friday", verb "apolog", around {staffer,
    facebook, post}."""

    day: str  # ISO day or month
    said: str  # the date as written, lower case
    verb: str  # the stem of the verb nearest it, or ""
    around: frozenset[str]  # content words around it, but that verb


@dataclass(frozen=True, slots=True)
class Anchors:
    """What embeddings blur in a sentence: quantities, calendar dates, names, negations."""

    quantities: tuple[Quantity, ...] = ()
    dates: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    negations: int = 0
    dated: tuple[tuple[str, frozenset[str]], ...] = ()  # (ISO day, words around it)
    # `dates` holds days and months (shared ones make two statements likelier the same);
    # `dated` only days, with their context (different ones may be a conflict).
    negated_words: frozenset[str] = frozenset()  # what the "not"s negate
    words: frozenset[str] = frozenset()  # all content words (roots, as `negated_words`)
    events: tuple[Event, ...] = ()  # what happened when, for `disputes.day_dispute`


@dataclass(frozen=True, slots=True)
class Statement:
    """One checkable statement of one article, with what can be compared across outlets.

    `text` is a sentence, or one clause of a sentence that joins several claims; `start`/`end`
    are its offsets in the article text (None: the whole sentence).
    """

    article: Article
    sentence: Sentence
    text: str
    anchors: Anchors
    start: int | None = None
    end: int | None = None

    @property
    def outlet(self) -> str:
        return self.article.voice

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return self.anchors.quantities

    @property
    def names(self) -> frozenset[str]:
        return self.anchors.names

    @property
    def negated(self) -> bool:
        return self.anchors.negations > 0


def _content_stems(text: str) -> list[str]:
    return [
        stem(w.lower())
        for w in _CONTENT.findall(text)
        if w.lower() not in NOT_UNIT and not _NEGATION.fullmatch(w) and w.lower() not in _STOP
    ]


def context(text: str, start: int, end: int) -> frozenset[str]:
    """Content words (stems) just before and after text[start:end]: what a number is about."""
    before = _content_stems(text[:start])[-_CONTEXT_WORDS:]
    after = _content_stems(text[end:])[:_CONTEXT_WORDS]
    return frozenset(before + after)


def root(word: str) -> str:
    """A crude root that lets "signed", "signs" and "sign" meet (for negation only)."""
    word = word.lower()
    for ending in ("ing", "ed", "es", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _negated(text: str) -> frozenset[str]:
    """Roots of the words the negations apply to: the first lowercase content word after each
    cue ("did not sign" -> sign); names are never what a "not" denies."""
    negated: set[str] = set()
    for match in _NEGATION.finditer(text):
        after = [w for w in _CONTENT.findall(text[match.end() :]) if w.lower() not in _STOP]
        negated.update(root(w) for w in after[:_NEGATED_WORDS] if w.islower())
    return frozenset(negated)


def anchors(text: str, dated: Sequence[tuple[int, int, str]] = ()) -> Anchors:
    """The anchors of one sentence; `dated` are its (start, end, ISO day) calendar dates,
    resolved by the caller against the publication date."""
    return Anchors(
        quantities=tuple(
            replace(q, context=context(text, *_span(text, q.text))) for q in quantities(text)
        ),
        dates=frozenset(value for _, _, value in dated),
        names=frozenset(m.group(0) for m in _NAME.finditer(text) if m.start() > 0),
        negations=len(_NEGATION.findall(text)),
        dated=tuple(
            (value, context(text, start, end)) for start, end, value in dated if len(value) == 10
        ),
        negated_words=_negated(text),
        words=frozenset(root(w) for w in _CONTENT.findall(text) if w.lower() not in _STOP),
        events=tuple(
            Event(value, text[start:end].lower(), *event(text, start, end))
            for start, end, value in dated
        ),
    )


def event(text: str, start: int, end: int) -> tuple[str, frozenset[str]]:
    """What a date at text[start:end] dates: the stem of the verb nearest it within
    `_EVENT_WORDS` words (the one before it on a tie; "" if none), and the content words
    around it but that verb ("A staffer on Friday apologized for a Facebook post" ->
    "apolog", {staffer, facebook, post})."""
    reach = 40 * (_EVENT_WORDS + 1)  # characters that surely hold the words either side
    before = [w.lower() for w in _WORD.findall(text[max(0, start - reach) : start])]
    before = before[-_EVENT_WORDS - 1 :]
    date_end = [w.lower() for w in _WORD.findall(text[start:end])][-1:]
    after = [w.lower() for w in _WORD.findall(text[end : end + reach])][:_EVENT_WORDS]
    # a word before each window, for a cue ("to apologize", "will hold")
    verbs = verb_stems(before)[-_EVENT_WORDS:] + verb_stems(date_end + after)[len(date_end) :]
    words = before[-_EVENT_WORDS:] + after
    count_before = len(words) - len(after)
    nearest = min(
        (
            (count_before - i if i < count_before else i - count_before + 1, i)
            for i, verb in enumerate(verbs)
            if verb
        ),
        default=None,
    )
    if nearest is None:
        return "", frozenset(_content_stems(" ".join(words)))
    at = nearest[1]
    return verbs[at] or "", frozenset(_content_stems(" ".join(words[:at] + words[at + 1 :])))


def _span(text: str, part: str) -> tuple[int, int]:
    """Where a figure is written in `text`: as a whole number ("30" in "about 30 minutes", not
    in "767-300"), else where it first appears."""
    whole = re.search(rf"(?<![\w.,/-]){re.escape(part)}(?![\w])", text)
    start = whole.start() if whole else max(text.find(part), 0)
    return start, start + len(part)


def sentence_dates(text: str, published: date | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of each day- or month-precise date in `text`, resolved against
    `published` ("next Wednesday" -> 2021-06-16, "in April" -> 2021-04)."""
    from newsweave.timex.expressions import find_expressions

    return [
        (t.start, t.end, t.value)
        for t in find_expressions(text, published)
        if t.value and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", t.value)
    ]


def article_statements(article: Article, min_words: int) -> list[Statement]:
    """The article's statements: the clauses (`clauses.clauses`) of its sentences, of
    `min_words` or more, that are neither questions nor advice to the reader ("Third, take up
    the free credit monitoring": `kinds.is_instruction`), which state no claim; each keeps its
    offsets in the article."""
    days = sentence_dates(article.text, article.published_day)
    statements = []
    for sentence in article.sentences:
        if len(sentence.text.split()) < min_words or sentence.text.rstrip("”\"' ").endswith("?"):
            continue
        if is_instruction(sentence.text):
            continue
        for start, end in clauses(sentence.text, min_words):
            text = sentence.text[start:end]
            offset = sentence.start + start
            dated = [
                (day_start - offset, day_end - offset, value)
                for day_start, day_end, value in days
                if offset <= day_start < sentence.start + end
            ]
            statements.append(
                Statement(
                    article, sentence, text, anchors(text, dated), offset, sentence.start + end
                )
            )
    return statements


def story_statements(story: Story, min_words: int = 5) -> list[Statement]:
    """Statements of the story's original articles; reposts and rewrites add no new voice."""
    return [s for article in story.originals for s in article_statements(article, min_words)]
