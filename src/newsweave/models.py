"""The frozen records that flow through newsweave's stages.

An article is read (`RawArticle`), cleaned and split into sentences (`Article`), marked as a
repost or not, grouped into a `Story`, and briefed (`Brief`). A stage returns new records; it
never mutates one that another stage holds. Every derived item keeps a pointer to the article
(and, where it applies, the exact sentence) it came from, so each result can be traced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RawArticle:
    """One article as a reader found it, before cleaning.

    `text` is plain text: HTML readers have already reduced the page to its main text.
    `published` is the date string as found (parsed later, in `clean`).
    """

    source: str
    text: str
    record_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be read: a whole file or one record in it."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article's cleaned text; `text == article.text[start:end]`."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place (and wire service, if named) that opens a story: 'GENEVA (Reuters) —'."""

    place: str
    wire: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit every later stage works on."""

    id: str
    source: str
    text: str
    sentences: tuple[Sentence, ...] = ()
    removed: tuple[str, ...] = ()
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    dateline: Dateline | None = None
    duplicate_of: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def voice(self) -> str:
        """Whose words these are, for counting independent outlets and for display.

        The outlet when known; else the wire service its dateline names ("GENEVA (Reuters) —"),
        since wire copy is the wire's voice; else the name of the file (and record) it was read
        from, so that two articles of unknown origin are never taken for one outlet.
        """
        if self.outlet:
            return self.outlet
        if self.dateline and self.dateline.wire:
            return self.dateline.wire
        # Split on the platform's separators only: a shown name may hold escapes (caf\xe9).
        return os.path.basename(self.source)

    @property
    def published_day(self) -> date | None:
        """The publication date without the time of day, or None if unknown."""
        return self.published.date() if self.published else None


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same real-world event or development."""

    id: str
    articles: tuple[Article, ...]

    def article(self, article_id: str) -> Article:
        """The story's article with this id (KeyError if it is not in the story)."""
        for candidate in self.articles:
            if candidate.id == article_id:
                return candidate
        raise KeyError(article_id)

    @property
    def originals(self) -> tuple[Article, ...]:
        """The articles that are not reposts or rewrites of another article."""
        return tuple(a for a in self.articles if a.duplicate_of is None)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A pointer to an exact sentence (or run of sentences) in one article's cleaned text."""

    article: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    sources: tuple[SourceRef, ...]
    support: int
    outlets: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Edit:
    """How a summary sentence differs from its first source sentence: `kind` "cut" (`text`
    left out, an editor's trim of the lead), "insert" (`text` added) or "replace" (`text`, a
    relative date, stands as `replacement`, the day it names)."""

    kind: str
    text: str
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    articles: tuple[str, ...]
    support: int
    outlets: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    kind: str = "fact"  # fact, claim (attributed), opinion, background: `text.kinds`


@dataclass(frozen=True, slots=True)
class Exclusive:
    text: str
    article: str
    outlet: str | None = None
    kind: str = "fact"


@dataclass(frozen=True, slots=True)
class Claim:
    text: str
    article: str
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    about: str
    claims: tuple[Claim, ...]
    decided_by: str = "rule"


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    text: str
    article: str
    differs: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None
    article: str
    variants: tuple[QuoteVariant, ...] = ()
    sentence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: int
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    expression: str
    text: str
    article: str
    reasoning: str = ""
    estimated: bool = False
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletProfile:
    outlet: str
    articles: tuple[str, ...]
    tone: float
    distinctive_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryProblem:
    """A story that could not be briefed: the output goes on without it.

    `source` and `reason` read like a `Problem`'s, so that one report line names either.
    """

    story: str
    articles: tuple[str, ...]  # where the story's articles were read from
    reason: str

    @property
    def source(self) -> str:
        """'story story-1a2b (pile/a.txt, pile/b.txt)': the story and its articles."""
        shown = ", ".join(self.articles[:3]) + (", ..." if len(self.articles) > 3 else "")
        return f"story {self.story} ({shown})"


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything newsweave tells a reader about one story."""

    story: Story
    headline: str
    summary: tuple[SummarySentence, ...] = ()
    facts: tuple[Fact, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    outlets: tuple[OutletProfile, ...] = ()
    stages: tuple[str, ...] = field(default=())
