"""The HTML report: one self-contained page a reader can mail around and open from disk.

Every story of the pile is a section: summary with numbered citations, timeline chart, the
outlet x fact coverage matrix, who said what, entities, and the articles in full with their
sentences anchored, so each citation jumps to the exact sentence it rests on. CSS and JS are
inlined from files beside the template; nothing is fetched from the network.

Input is untrusted. The Jinja2 environment autoescapes every value, only http(s) URLs become
links, and no input ever reaches a <script>: the script reads what it needs from the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, TextIO
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from newsweave.models import (
    Article,
    Brief,
    Entity,
    Fact,
    Problem,
    Quote,
    SourceRef,
    StoryProblem,
    TimelineEntry,
)
from newsweave.render.html_parts import TimelineChart, timeline_chart, word_diff
from newsweave.render.templating import environment, inline_asset
from newsweave.text.outlets import UNKNOWN_OUTLET, outlet_name

FOCUS_PADDING = timedelta(days=10)  # the timeline chart shows this much around publication


@dataclass(frozen=True, slots=True)
class Citation:
    """One numbered source of a story: where it points and what the tooltip shows."""

    number: int
    anchor: str  # id of the entry in the story's source list (the tooltip's text)
    href: str  # the cited sentence in the article, or the source-list entry if not found
    sentences: tuple[str, ...]  # ids of every sentence the source covers
    outlet: str
    published: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an article's text: a sentence (with its anchor id) or the text between."""

    text: str
    anchor: str | None = None
    cited: bool = False


def safe_url(url: str | None) -> str | None:
    """The URL if it may become a link (http or https), else None (javascript:, data:, ...)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in {"http", "https"} else None


class StoryView:
    """What the template needs for one story: anchors, citation numbers, derived tables.

    Citations are numbered in the order the template asks for them, as in the Markdown brief;
    the articles are rendered after every section, so by then each cited sentence is known
    and can be drawn as a <mark>.
    """

    def __init__(self, number: int, brief: Brief, changes: dict[str, Any] | None = None) -> None:
        self.number = number
        self.brief = brief
        self.changes = changes  # the contract's `changes`, shown as "What changed"
        self.prefix = f"s{number}"
        self.articles = {a.id: a for a in brief.story.articles}
        self.anchors = {a.id: f"{self.prefix}-a{i}" for i, a in enumerate(brief.story.articles, 1)}
        self.outlet_names = _outlet_names(brief)
        # Names that stand for an outlet only because none is known (a file's name): shown as
        # "unknown outlet" with the name in small type, still counted apart from each other.
        self.unnamed = {
            a.voice
            for a in brief.story.articles
            if not a.outlet and not (a.dateline and a.dateline.wire)
        }
        self._citations: dict[tuple[str, str], Citation] = {}
        self._cited: set[str] = set()

    # -- citations -------------------------------------------------------------------------

    def cite(self, refs: Iterable[SourceRef]) -> list[Citation]:
        """The citations for these sources, numbered on first use, without repeats."""
        seen: dict[int, Citation] = {}
        for ref in refs:
            citation = self._citation(ref)
            seen.setdefault(citation.number, citation)
        return list(seen.values())

    def cite_one(
        self, article: str, text: str, start: int | None = None, end: int | None = None
    ) -> list[Citation]:
        return self.cite([SourceRef(article=article, text=text, start=start, end=end)])

    def cite_quote(self, quote: Quote) -> list[Citation]:
        if quote.sentence:
            return self.cite_one(quote.article, quote.sentence)
        return self.cite_one(quote.article, quote.text, quote.start, quote.end)

    def citations(self) -> list[Citation]:
        return list(self._citations.values())

    def _citation(self, ref: SourceRef) -> Citation:
        key = (ref.article, ref.text)
        if key in self._citations:
            return self._citations[key]
        number = len(self._citations) + 1
        anchor = f"{self.prefix}-src-{number}"
        article = self.articles.get(ref.article)
        sentences = self._sentence_anchors(article, ref) if article else ()
        self._cited.update(sentences)
        citation = Citation(
            number=number,
            anchor=anchor,
            href="#" + (sentences[0] if sentences else anchor),
            sentences=sentences,
            outlet=self.outlet_of(ref.article) if article else ref.article,
            published=shown_published(article.published) if article else None,
            text=ref.text,
        )
        self._citations[key] = citation
        return citation

    def _sentence_anchors(self, article: Article, ref: SourceRef) -> tuple[str, ...]:
        span = locate(article, ref)
        if span is None:
            return ()
        start, end = span
        base = self.anchors[article.id]
        return tuple(
            f"{base}-{s.index}" for s in article.sentences if s.start < end and s.end > start
        )

    # -- articles --------------------------------------------------------------------------

    def segments(self, article: Article) -> list[Segment]:
        """The article's whole text as sentences (anchored, cited ones marked) and the gaps."""
        base = self.anchors[article.id]
        pieces: list[Segment] = []
        position = 0
        for sentence in sorted(article.sentences, key=lambda s: s.start):
            if sentence.start < position:
                continue
            if sentence.start > position:
                pieces.append(Segment(article.text[position : sentence.start]))
            anchor = f"{base}-{sentence.index}"
            text = article.text[sentence.start : sentence.end]
            pieces.append(Segment(text, anchor, anchor in self._cited))
            position = sentence.end
        if position < len(article.text):
            pieces.append(Segment(article.text[position:]))
        return pieces

    def article_link(self, article_id: str | None) -> str | None:
        return "#" + self.anchors[article_id] if article_id in self.anchors else None

    def outlet_of(self, article_id: str) -> str:
        return self.outlet_names.get(article_id, UNKNOWN_OUTLET)

    def published_of(self, article_id: str) -> str | None:
        article = self.articles.get(article_id)
        return shown_published(article.published) if article else None

    # -- derived tables --------------------------------------------------------------------

    @property
    def outlets(self) -> list[str]:
        """Outlets of the story, most articles first."""
        counts: dict[str, int] = {}
        for article in self.brief.story.articles:
            outlet = self.outlet_of(article.id)
            counts[outlet] = counts.get(outlet, 0) + 1
        return sorted(counts, key=lambda o: (-counts[o], o.lower()))

    def copies_by_outlet(self) -> dict[str, int]:
        """How many of each outlet's articles repost or rewrite another article."""
        counts: dict[str, int] = {}
        for article in self.brief.story.articles:
            if article.duplicate_of is not None:
                outlet = self.outlet_of(article.id)
                counts[outlet] = counts.get(outlet, 0) + 1
        return counts

    def coverage(self, fact: Fact) -> list[str | None]:
        """Per outlet column: 'reports', 'copy' (only through a syndicated copy) or None.

        A fact names the original articles; their reposts and rewrites carry it too, so the
        outlets that published those copies are marked as reporting it through a copy.
        """
        marks: dict[str, str] = {}
        for article_id in fact.articles:
            marks[self.outlet_of(article_id)] = "reports"
        for outlet in fact.outlets:
            marks[outlet] = "reports"
        cited = set(fact.articles)
        for article in self.brief.story.articles:
            if article.duplicate_of in cited:
                marks.setdefault(self.outlet_of(article.id), "copy")
        return [marks.get(outlet) for outlet in self.outlets]

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        days = sorted(d for a in self.brief.story.articles if (d := a.published_day) is not None)
        if not days:
            return None, None
        return days[0].isoformat(), days[-1].isoformat()

    def speaker_groups(self) -> list[tuple[str, Entity | None, list[Quote]]]:
        """Quotes grouped by speaker, most quoted first, unknown speakers last."""
        groups: dict[str, list[Quote]] = {}
        for quote in self.brief.quotes:
            groups.setdefault(quote.speaker or "", []).append(quote)
        entities = {e.name: e for e in self.brief.entities}
        ordered = sorted(groups.items(), key=lambda item: (item[0] == "", -len(item[1])))
        return [(name, entities.get(name), quotes) for name, quotes in ordered]

    def timeline_chart(self) -> TimelineChart | None:
        """The chart, focused on the weeks around publication when older or later dates
        would squeeze the story's own days into one column."""
        links = [self.cite_timeline(entry)[0].href for entry in self.brief.timeline]
        days = sorted(d for a in self.brief.story.articles if (d := a.published_day) is not None)
        focus = (days[0] - FOCUS_PADDING, days[-1] + FOCUS_PADDING) if days else None
        return timeline_chart(self.brief.timeline, links, focus)

    def cite_timeline(self, entry: TimelineEntry) -> list[Citation]:
        if entry.sources:
            return self.cite(entry.sources)
        return self.cite_one(entry.article, entry.text)


def _outlet_names(brief: Brief) -> dict[str, str]:
    """Each article's outlet as the brief's outlet profiles name it, else `outlet_name` (a wire
    copy with no outlet of its own is named after its wire in both)."""
    names = {a.id: outlet_name(a) for a in brief.story.articles}
    for profile in brief.outlets:
        for article_id in profile.articles:
            names[article_id] = profile.outlet
    return names


def locate(article: Article, ref: SourceRef) -> tuple[int, int] | None:
    """Where the cited text stands in the article: its offsets if they hold, else a search."""
    text = article.text
    if ref.start is not None and ref.end is not None and text[ref.start : ref.end] == ref.text:
        return ref.start, ref.end
    if ref.text:
        found = text.find(ref.text)
        if found >= 0:
            return found, found + len(ref.text)
        squeezed = " ".join(ref.text.split())
        for sentence in article.sentences:
            if " ".join(sentence.text.split()) in squeezed or squeezed in sentence.text:
                return sentence.start, sentence.end
    return None


def shown_published(published: datetime | None) -> str | None:
    """A publication time as a reader wants it: '2025-03-06 15:05', or the date alone."""
    if published is None:
        return None
    if published.time() == datetime.min.time():
        return published.date().isoformat()
    return published.strftime("%Y-%m-%d %H:%M")


@cache
def _environment() -> jinja2.Environment:
    env = environment(autoescape=True)
    env.filters["published"] = shown_published
    env.filters["safe_url"] = safe_url
    env.globals["word_diff"] = word_diff
    return env


@cache
def _asset(name: str) -> Markup:
    return inline_asset(_environment(), name)


def render_html(
    briefs: Sequence[Brief],
    *,
    stories_only: bool = False,
    nonce: str | None = None,
    home_url: str | None = None,
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> str:
    """All briefs as one self-contained HTML report (`stories_only`: stories and articles).

    `nonce` marks the inline <style> and <script> for a Content-Security-Policy that allows
    only them (the web app serves the report with one); `home_url` makes it the app's story
    page: a bar with a link back to the story list and a search box instead of the report's
    header and contents, and article texts folded (a citation unfolds its article);
    `problems` (files, records, stories left out) close the report; `changes` (story id ->
    the contract's `changes`) adds a "What changed" section.
    """
    pieces = html_pieces(
        briefs,
        stories_only=stories_only,
        nonce=nonce,
        home_url=home_url,
        problems=problems,
        changes=changes,
    )
    return "".join(pieces)


def write_html(
    briefs: Sequence[Brief],
    out: TextIO,
    *,
    stories_only: bool = False,
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> None:
    """Write `render_html(briefs)` to `out` a piece at a time: a report of a large pile
    carries every article's text (~420 MB at 100,000 articles), never held whole here."""
    pieces = html_pieces(briefs, stories_only=stories_only, problems=problems, changes=changes)
    for piece in pieces:
        out.write(piece)


def html_pieces(
    briefs: Sequence[Brief],
    *,
    stories_only: bool = False,
    nonce: str | None = None,
    home_url: str | None = None,
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> Iterator[str]:
    """The report of `render_html`, as the template yields it."""
    found = changes or {}
    views = [
        StoryView(number, brief, found.get(brief.story.id))
        for number, brief in enumerate(briefs, start=1)
    ]
    template = _environment().get_template("report.html.j2")
    return template.generate(
        views=views,
        stories_only=stories_only,
        article_total=sum(len(b.story.articles) for b in briefs),
        styles=_asset("report.css"),
        script=_asset("report.js"),
        nonce=nonce,
        home_url=home_url,
        compact=home_url is not None,  # the app's story page: the story alone, texts folded
        problems=problems,
    )
