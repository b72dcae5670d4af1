"""Checkable statements: the sentences of a story that can be compared across outlets.

Each statement keeps the exact text and offsets of its source sentence, and the anchors that
sentence embeddings are known to blur (`Anchors`): quantities with the noun they count and how
exact they are ("about 300", "at least 19", "between 3 and 5 percent"), calendar dates resolved
against the article's publication date, names, and negation cues. Two statements that an
embedding calls similar but whose anchors clash are where outlets disagree (`agreement`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.verbs import verb_stems
from newsweave.models import Article, Sentence, Story
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_NUMBER = re.compile(
    r"(?:(?<=\s)(?P<point>\.)(?=\d)|(?<![\w.:/]))"  # ".38": a leading point after a space
    r"(?P<currency>[$€£])?\s?(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d:/])"
    r"(?:\s?(?P<scale>million|billion|thousand|trillion|percent|per cent|%))?"
    r"(?:\s+(?P<noun>[a-z][a-z-]+(?:\s[a-z][a-z-]+)?))?",
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "dozen": 12, "hundred": 100,
}  # fmt: skip
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
_YEARISH = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTHS = re.findall(
    r"\w+",
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec",
)
# Words after a number that do not say what it counts (function words, common verbs).
_NOT_UNIT = frozenset(
    re.findall(
        r"\w+",
        "of the a an and or in on at to for per from by with than as that which who whom whose "
        "is are was were be been being has have had will would could should may might can do did "
        "does its their his her it they he she we you i this these those more less each other "
        "others percent said says",
    )
)
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "told", "according"}
# Words before a number that make it a bound or an estimate, not an exact count.
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|exceeding)\s*$", re.I)
_AT_MOST = re.compile(
    r"\b(?:up to|less than|fewer than|under|as many as|nearly|almost|no more than)\s*$", re.I
)
_ABOUT = re.compile(
    r"\b(?:about|around|some|roughly|approximately|an estimated|estimated|close to|"
    r"reportedly|perhaps|maybe)\s*$",
    re.I,
)
_RATE = re.compile(r"\d\s+(?:in|out of|of every|per)\s*$", re.I)
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|and)\s*$")
# "about 58km (": the figure before a parenthesised one, which converts it ("(36 miles)")
_CONVERTED = re.compile(r"[$€£]?\s?\d[\d,.]*\s?(?:[A-Za-z]+\s?){0,2}\(\s*$")
_BEFORE = 20  # characters before a number read for its bound ("at least", "about")
# "a. 357 caliber": ".357" with the space that extraction moved past the point (after a word
# that never ends a sentence)
_POINT_MOVED = re.compile(r"(?:^|\s)(?:a|an|the)\.\s$", re.I)
_APPROX = 0.1  # an estimate ("about 300") stands for anything within 10 %


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a statement, what it counts, and which values it allows.

    "3,500 dock workers" -> low = high = 3500, unit {"dock", "worker"}; "at least 19 states"
    -> low 19, high inf; "between 3 and 5 percent" -> low 3, high 5, unit {"%"}. Units are
    singular word stems, so "2,000 workers" and "a worker" count the same kind of thing.
    """

    value: float
    unit: frozenset[str]
    text: str
    low: float
    high: float
    exact: bool = True
    noun: str = ""
    context: frozenset[str] = frozenset()

    @property
    def is_range(self) -> bool:
        """A stated range ("3 to 5 percent"), not an estimate or a bound."""
        return 0 < self.low < self.high == self.value and not math.isinf(self.high)

    def same_kind(self, other: Quantity) -> bool:
        return bool(self.unit & other.unit)

    def compatible(self, other: Quantity) -> bool:
        """Whether both can be true of one thing: ranges overlap, or exact values agree when
        the more precise one is rounded to the other's precision ("43.6" ~ "44")."""
        if self.exact and other.exact:
            return _same_rounded(self.value, other.value)
        if self.is_range and other.is_range:  # two estimates of a range: they agree when equal
            return _close(self.low, other.low) and _close(self.high, other.high)
        return self.low <= other.high * (1 + 1e-9) and other.low <= self.high * (1 + 1e-9)


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


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _same_rounded(a: float, b: float) -> bool:
    places = min(_decimals(a), _decimals(b))
    return round(a, places) == round(b, places) or math.isclose(a, b, rel_tol=1e-9)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _APPROX * max(abs(a), abs(b))


def _bounds(value: float, before: str) -> tuple[float, float, bool]:
    if _AT_LEAST.search(before):
        return value, math.inf, False
    if _AT_MOST.search(before):
        return 0.0, value, False
    if _ABOUT.search(before):
        return value * (1 - _APPROX), value * (1 + _APPROX), False
    return value, value, True


def _bound_words(text: str, start: int) -> str:
    """The text before a number that says whether it is a bound or an estimate; for a figure
    in parentheses that converts the one before it ("about 58km (36 miles)"), the text before
    that one: a conversion is as exact as what it converts."""
    converted = _CONVERTED.search(text[max(0, start - 2 * _BEFORE) : start])
    if converted:
        start = max(0, start - 2 * _BEFORE) + converted.start()
    return text[max(0, start - _BEFORE) : start]


def _unit(match: re.Match[str]) -> tuple[frozenset[str], str]:
    """What a number counts: singular stems to compare, and the words as written."""
    scale = (match.group("scale") or "").lower()
    if scale in {"percent", "per cent", "%"}:
        return frozenset({"%"}), "percent"
    words, written = [], []
    for word in (match.group("noun") or "").split():
        if word in _NOT_UNIT:
            break
        words.append(_stem(word))
        written.append(word)
        if word.endswith("s"):
            break  # "dock workers plan": the plural noun ends what is counted
    if match.group("currency"):
        return frozenset({match.group("currency")}), "money"
    return frozenset(words), " ".join(written)


def _is_date_number(text: str, match: re.Match[str], written: str) -> bool:
    plain = not match.group("scale") and not match.group("currency") and "," not in written
    if plain and _YEARISH.match(written):
        return True  # a year is a date: compared as a date, not as a count
    noun = (match.group("noun") or "").split()
    if noun and noun[0].rstrip(".") in _MONTHS:
        return True
    before = text[max(0, match.start() - 11) : match.start()].lower().rstrip(". ")
    return any(before.endswith(month) for month in _MONTHS)


def _number_end(match: re.Match[str]) -> int:
    return match.end("scale") if match.group("scale") else match.end("value")


def quantities(text: str) -> tuple[Quantity, ...]:
    """The counted quantities of a text, ranges joined ("3 to 5 percent"), dates left out."""
    found: list[Quantity] = []
    opener: tuple[float, re.Match[str], bool] | None = None  # (value, match, was it kept)
    for match in _NUMBER.finditer(text):
        raw = match.group("value").replace(",", "")
        if _is_date_number(text, match, match.group("value")):
            opener = None
            continue
        scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
        if raw.isdigit() and (
            match.group("point")
            or _POINT_MOVED.search(text[max(0, match.start() - 5) : match.start()])
        ):
            raw = "0." + raw  # ".38 caliber", and "a. 357 caliber" for ".357 caliber"
        value = float(raw) * scale
        unit, noun = _unit(match)
        if opener and _RANGE_GAP.match(text[_number_end(opener[1]) : match.start()]):
            if opener[2]:
                found.pop()
            low = opener[0] * (1.0 if opener[1].group("scale") else scale)
            if unit:
                start = opener[1].start()
                found.append(
                    Quantity(value, unit, text[start : _number_end(match)], low, value, False)
                )
            opener = None
            continue
        before = text[max(0, match.start() - _BEFORE) : match.start()]
        kept = bool(unit) and not re.search(r"\bbetween\s*$", before, re.I)
        kept = kept and not _RATE.search(before)  # "4 in 1,000 children": a rate, not a count
        if kept:
            low, high, exact = _bounds(value, _bound_words(text, match.start()))
            span = text[match.start() : _number_end(match)].strip()
            found.append(Quantity(value, unit, span, low, high, exact, noun))
        opener = (value, match, kept)
    return tuple(found)


def _content_stems(text: str) -> list[str]:
    return [
        _stem(w.lower())
        for w in _CONTENT.findall(text)
        if w.lower() not in _NOT_UNIT and not _NEGATION.fullmatch(w) and w.lower() not in _STOP
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
    `min_words` or more, that are not questions; each keeps its offsets in the article."""
    days = sentence_dates(article.text, article.published_day)
    statements = []
    for sentence in article.sentences:
        if len(sentence.text.split()) < min_words or sentence.text.rstrip("”\"' ").endswith("?"):
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


def number_words(text: str) -> set[str]:
    """Number words and digits in a text, normalised ("two" -> "2", "2,400" -> "2400")."""
    found = {m.group("value").replace(",", "") for m in _NUMBER.finditer(text)}
    found |= {
        str(_WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", text.lower()) if w in _WORD_NUMBERS
    }
    return found
