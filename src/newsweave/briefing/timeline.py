"""The story's timeline: dated events across its articles, each date explained and sourced.

    build_timeline(story) -> tuple[TimelineEntry, ...]

Per article, `timex.find_expressions` finds every temporal expression and resolves it against
the article's publication date (or, when that is unknown, a date estimated from the article: the
latest full date it mentions; such entries are marked `estimated`). Expressions that name a
calendar date become entries; vague ones ("recently"), durations, times of day and sets do not.
Then events, not just dates: entries of the same date whose sentences share enough content words
(the same actors, similar words) are one event listing every source, and entries of the same
event dated differently by different outlets are noted (`dating_conflicts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Any

from newsweave.config import settings
from newsweave.models import Article, SourceRef, Story, TimelineEntry
from newsweave.sections import TimelineSettings
from newsweave.timex.expressions import Timex, find_expressions
from newsweave.timex.holidays import EVENT_DAYS
from newsweave.timex.patterns import MONTHS, WEEKDAYS

_PREPOSITION = re.compile(r"\b(on|in|since|by|until|from|during|before|after|as of)\s+$", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-zA-Z]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = (
    _words(
        "the a an and or but of to in on at by for from with as is are was were be been being "
        "has have had will would could should may might can do does did said says told say "
        "not no this that these those it its he she they them his her their we our you your i "
        "me my who which what when where while than then there here also about after before "
        "over into more most some any all both each other such only very just year years "
        "month week day today yesterday last next early late later earlier mid"
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
)


@dataclass(frozen=True, slots=True)
class DatingConflict:
    """One event that two articles date differently (feeds the agreement stage's conflicts)."""

    about: str
    entries: tuple[TimelineEntry, ...]


def timeline_date(timex: Timex) -> str | None:
    """The contract's ISO date (YYYY, YYYY-MM, YYYY-MM-DD) for a DATE value (or the day of a
    TIME whose words name it), else None.

    A quarter, half or season keeps only its year; an ISO week becomes its month when the whole
    week lies in one month. Decades, centuries and vague references give no timeline date.
    """
    value = timex.value
    if timex.type == "TIME" and value and _names_a_day(timex.text):
        value = value.partition("T")[0]  # "10 p.m. Wednesday": the day is the timeline's grain
    elif timex.type != "DATE" or not value:
        return None
    if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return value
    week = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        sunday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 7)
        return f"{monday:%Y-%m}" if monday.month == sunday.month else None
    season = re.fullmatch(r"(\d{4})-(?:Q\d|H\d|SP|SU|FA|WI)", value)
    return season.group(1) if season else None


def _names_a_day(expression: str) -> bool:
    """True when a time's words name its day ("10 p.m. Wednesday", "noon, Nov. 6"); a bare
    clock time ("at 10 p.m.") only falls on the publication day by assumption."""
    words = re.findall(r"[a-z]+", expression.lower())
    return any(word in WEEKDAYS or word in MONTHS for word in words)


def _latest_day(unanchored: Sequence[Timex]) -> date | None:
    """A stand-in publication date for an undated article, from its expressions resolved
    without one: the latest full date it mentions ("June 16, 2021", "the next day" after it).
    A day named by what happened on it ("9/11") dates the event, not the report: an obituary
    that mentions the attacks was not written on 2001-09-11."""
    days = [
        date.fromisoformat(t.value)
        for t in unanchored
        if t.value
        and t.precision == "day"
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value)
        and t.text not in EVENT_DAYS
    ]
    return max(days) if days else None


def _stand_in(
    unanchored: Sequence[Timex], story_days: tuple[date, date] | None
) -> tuple[date | None, str]:
    """The date an undated article is read against, with the note that says where it came
    from: the latest full date it mentions, else the last day of its story's dated articles,
    else none (then only written dates are placed)."""
    estimate = _latest_day(unanchored)
    if estimate is not None:
        return estimate, f" [publication date unknown; estimated as {estimate} from the text]"
    if story_days is None:
        return None, ""
    first, last = story_days
    span = str(first) if first == last else f"{first} to {last}"
    return last, f" [article undated; story dated {span}]"


def _sentence(article: Article, start: int) -> tuple[str, int, int]:
    for sentence in article.sentences:
        if sentence.start <= start < sentence.end:
            return sentence.text, sentence.start, sentence.end
    left = article.text.rfind("\n", 0, start) + 1
    right = article.text.find("\n", start)
    right = len(article.text) if right < 0 else right
    return article.text[left:right], left, right


def article_entries(
    article: Article, config: TimelineSettings, story_days: tuple[date, date] | None = None
) -> list[TimelineEntry]:
    """One entry per dated expression of `article`, resolved against its publication date.

    An undated article is resolved against the latest full date it mentions, else against the
    latest day of its story's dated articles (`story_days`, first and last): "June 16" in an
    undated report of a story told in June 2021 is 2021-06-16, not nothing. Either way the
    entries that guess changes are marked estimated and say what the date was taken from; a
    written date ("in 1955") is no guess. With neither, only written dates are placed.
    """
    reference, note = article.published_day, ""
    fixed: frozenset[tuple[int, str]] = frozenset()  # what a guessed date does not change
    estimated = reference is None
    if estimated:
        unanchored = find_expressions(article.text, None)
        fixed = frozenset((t.start, t.value) for t in unanchored if t.value is not None)
        reference, note = _stand_in(unanchored, story_days)
        estimated = reference is not None
    timexes = find_expressions(
        article.text,
        reference,
        estimated=estimated,
        default_direction=config.default_direction,
        override_days=config.tense_override_days,
        tagger=config.tense_tagger == "spacy",
    )
    entries = []
    for timex in timexes:
        iso = timeline_date(timex)
        if iso is None:
            continue
        preposition = _PREPOSITION.search(article.text, max(0, timex.start - 8), timex.start)
        expression = (preposition.group(1) + " " if preposition else "") + timex.text
        text, start, end = _sentence(article, timex.start)
        guessed = estimated and (timex.start, timex.value) not in fixed
        reasoning = timex.reasoning + (note if guessed else "")
        entries.append(
            TimelineEntry(
                date=iso,
                expression=expression,
                text=text,
                article=article.id,
                reasoning=reasoning,
                estimated=guessed,
                sources=(SourceRef(article.id, text, start, end),),
            )
        )
    return entries


# A story's entries are compared pairwise, each pair reading both sentences' words again: the
# words of the last few thousand sentences are kept.
@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """The words that say who and what: lower-cased, no stopwords, date words or possessive
    endings; hyphenated words count by their parts ("US-Russia" → us, russia)."""
    return frozenset(
        word.lower()
        for word in _WORD.findall(_POSSESSIVE.sub("", text))
        if word.lower() not in _STOPWORDS and len(word) > 2
    )


@lru_cache(maxsize=8192)
def names(text: str) -> frozenset[str]:
    """Capitalised words inside a sentence (not its first word, not month or day names): the
    actors and places an event is about."""
    return frozenset(
        word.lower()
        for word in _NAME.findall(_POSSESSIVE.sub("", text))
        if word.lower() not in _STOPWORDS
    )


def _similarity(a: TimelineEntry, b: TimelineEntry) -> tuple[float, int]:
    """Jaccard and count of the content words two entries share, over all their sources."""
    words_a = frozenset().union(*(content_words(s.text) for s in a.sources or (a,)))
    words_b = frozenset().union(*(content_words(s.text) for s in b.sources or (b,)))
    shared = len(words_a & words_b)
    union = len(words_a | words_b)
    return (shared / union if union else 0.0), shared


def same_event(a: TimelineEntry, b: TimelineEntry, config: TimelineSettings) -> bool:
    """Whether two entries of one date, from different articles of a story, tell one event.

    A day in one story is mostly one event, told in different words ("the conversation next
    Wednesday", "the talks will be held on Wednesday"): one shared content word or name is
    enough. A month or a year holds many events, so coarser dates need the sentences to be
    alike (`same_event_similarity`, `same_event_min_shared`).
    """
    jaccard, shared = _similarity(a, b)
    if len(a.date) == len("YYYY-MM-DD"):
        return shared >= config.same_day_min_shared
    return jaccard >= config.same_event_similarity and shared >= config.same_event_min_shared


def _merge_same_events(
    entries: list[TimelineEntry], config: TimelineSettings
) -> list[TimelineEntry]:
    """Entries of one date from different articles that tell the same event become one."""
    merged: list[TimelineEntry] = []
    for entry in entries:
        for index, kept in enumerate(merged):
            if kept.date != entry.date or entry.article in {s.article for s in kept.sources}:
                continue
            if same_event(kept, entry, config):
                merged[index] = replace(kept, sources=kept.sources + entry.sources)
                break
        else:
            merged.append(entry)
    return merged


def dating_conflicts(
    entries: tuple[TimelineEntry, ...] | list[TimelineEntry], **overrides: Any
) -> list[DatingConflict]:
    """Pairs of entries from different articles that tell one event with different dates:
    similar sentences (`conflict_similarity`) about at least one same name.

    Only dates at the same precision that differ count ("2021-06-15" vs "2021-06-16"); a less
    precise date ("2021-06") does not contradict a more precise one inside it.
    """
    config = settings("timeline", **overrides)
    conflicts = []
    for a, b in combinations(entries, 2):
        if a.date == b.date or len(a.date) != len(b.date):
            continue
        if {s.article for s in a.sources} & {s.article for s in b.sources}:
            continue
        jaccard, shared = _similarity(a, b)
        same_actors = names(a.text) & names(b.text)  # "31 vessels waiting" vs "35": an update
        if (
            jaccard >= config.conflict_similarity
            and shared >= config.same_event_min_shared
            and same_actors
        ):
            about = f"date of: {a.text[:80]}"
            conflicts.append(DatingConflict(about=about, entries=(a, b)))
    return conflicts


def _note_conflicts(
    entries: list[TimelineEntry], conflicts: list[DatingConflict]
) -> list[TimelineEntry]:
    notes: dict[int, list[str]] = {}
    for conflict in conflicts:
        a, b = conflict.entries
        notes.setdefault(id(a), []).append(
            f"article {b.article} dates it {b.date} ({b.expression!r})"
        )
        notes.setdefault(id(b), []).append(
            f"article {a.article} dates it {a.date} ({a.expression!r})"
        )
    return [
        replace(e, reasoning=f"{e.reasoning}; outlets differ: {'; '.join(notes[id(e)])}")
        if id(e) in notes
        else e
        for e in entries
    ]


def build_timeline(story: Story, **overrides: Any) -> tuple[TimelineEntry, ...]:
    """The story's dated events in chronological order, each with every source that reports it."""
    config = settings("timeline", **overrides)
    ordered = sorted(
        story.articles, key=lambda a: (a.published is None, a.published_day or date.min)
    )
    days = sorted(a.published_day for a in story.articles if a.published_day is not None)
    story_days = (days[0], days[-1]) if days else None
    entries = [
        entry for article in ordered for entry in article_entries(article, config, story_days)
    ]
    entries.sort(key=lambda e: e.date)  # stable: same date keeps article, then text order
    merged = _merge_same_events(entries, config)
    conflicts = dating_conflicts(merged, **overrides)
    return tuple(_note_conflicts(merged, conflicts))
