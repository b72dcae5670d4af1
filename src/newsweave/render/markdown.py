"""The Markdown brief: what a person reads on the terminal or pastes into a note.

Every citation is numbered; the numbers point to a list of the exact source sentences at the end
of each story, so a reader can check each claim without opening the JSON. Text from the input
is untrusted: every value printed is escaped by the Markdown environment (`render/templating.py`),
so an article cannot inject HTML into a Markdown viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

import jinja2

from newsweave.models import Article, Brief, Problem, Quote, SourceRef, StoryProblem
from newsweave.render.json_v1 import iso_published
from newsweave.render.templating import environment
from newsweave.text.outlets import shown_names, shown_outlet


@dataclass
class Citations:
    """Numbers each distinct (article, sentence) pair once per story, in order of first use."""

    story_articles: dict[str, Article]
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def cite(self, refs: Iterable[SourceRef]) -> str:
        marks = []
        for ref in refs:
            key = (ref.article, ref.text)
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
            marks.append(f"[{self.numbers[key]}]")
        return "".join(dict.fromkeys(marks))

    def cite_one(self, article: str, text: str) -> str:
        return self.cite([SourceRef(article=article, text=text)])

    def entries(self) -> list[tuple[int, str, str]]:
        """(number, 'Outlet, date', sentence) for the citation list."""
        rows = []
        for (article_id, text), number in self.numbers.items():
            rows.append((number, self.outlet_label(article_id), text))
        return rows

    def outlet_label(self, article_id: str) -> str:
        article = self.story_articles.get(article_id)
        if article is None:
            return article_id
        return outlet_and_date(article)


def outlet_and_date(article: Article) -> str:
    outlet = shown_outlet(article)
    published = iso_published(article.published)
    return f"{outlet}, {published}" if published else outlet


def coverage(brief: Brief) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The outlet × fact matrix: outlets, and per fact a cell per outlet.

    A cell is "●" where the outlet reports the fact in its own words, "copy" where it only
    reprints an article that does (it adds no independent support), and "" elsewhere.
    """
    outlets = sorted({a.voice for a in brief.story.articles})
    rows = []
    for fact in brief.facts:
        own = {brief.story.article(a).voice for a in fact.articles}
        copies = {a.voice for a in brief.story.articles if a.duplicate_of in fact.articles} - own
        cells = ["●" if o in own else "copy" if o in copies else "" for o in outlets]
        rows.append((fact.text, cells))
    return outlets, rows


def _joined(shown: Callable[[str], str], names: Sequence[str]) -> str:
    return ", ".join(shown(name) for name in names)


def _speaker_groups(quotes: Sequence[Quote]) -> list[tuple[str, list[Quote]]]:
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.speaker or "Speaker unknown", []).append(quote)
    return sorted(groups.items(), key=lambda item: (item[0] == "Speaker unknown", -len(item[1])))


@cache
def _environment() -> jinja2.Environment:
    env = environment(autoescape=False)
    env.filters["published"] = iso_published
    return env


def render_markdown(
    briefs: Sequence[Brief],
    *,
    stories_only: bool = False,
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> str:
    """All briefs as one Markdown document (`stories_only` lists stories and their articles),
    closing with what was left out (`problems`: files, records, stories), if anything;
    `changes` (story id -> the contract's `changes`) adds a "What changed" section."""
    document = MarkdownDocument(stories_only=stories_only, changes=changes)
    for brief in briefs:
        document.add(brief)
    return document.text(problems)


class MarkdownDocument:
    """`render_markdown`, one brief at a time: each story is rendered as it is added.

    So that a command can render each brief as it comes back from the workers, while they
    brief the next (the Markdown of 1,000 articles' briefs is ~0.5 s, which would otherwise
    wait for the last brief); `text` then gives what `render_markdown` gives for the same
    briefs in the same order. Anything but a Brief (a story that could not be briefed) is
    passed over, as the caller lists it with the other problems.
    """

    def __init__(
        self, *, stories_only: bool = False, changes: Mapping[str, dict[str, Any]] | None = None
    ) -> None:
        self.stories_only = stories_only
        self.changes = changes or {}
        self.parts: list[str] = []
        self.template = _environment().get_template("brief.md.j2")

    def add(self, brief: object) -> None:
        """Render `brief` as the next story (numbered from 1), if it is a Brief."""
        if isinstance(brief, Brief):
            self.parts.append(self._story(len(self.parts) + 1, brief))

    def text(self, problems: Sequence[Problem | StoryProblem] = ()) -> str:
        """The document: the stories added, then what was left out (`problems`), if any."""
        parts = list(self.parts)
        if problems:
            parts.append(_environment().get_template("left_out.md.j2").render(problems=problems))
        return "\n---\n\n".join(parts) if parts else "No stories: no article could be read.\n"

    def _story(self, number: int, brief: Brief) -> str:
        articles = {a.id: a for a in brief.story.articles}
        shown = shown_names(brief.story.articles)
        cov_outlets, cov_rows = coverage(brief)
        dates = sorted(d for a in brief.story.articles if (d := a.published_day) is not None)
        return str(
            self.template.render(
                number=number,
                brief=brief,
                articles=articles,
                cite=Citations(articles),
                outlets=sorted({a.voice for a in brief.story.articles}),
                first_date=dates[0].isoformat() if dates else None,
                last_date=dates[-1].isoformat() if dates else None,
                speaker_groups=_speaker_groups(brief.quotes),
                coverage=([shown(name) for name in cov_outlets], cov_rows),
                outlet_and_date=outlet_and_date,
                outlet_shown=shown,
                shown_list=partial(_joined, shown),
                stories_only=self.stories_only,
                changes=self.changes.get(brief.story.id),
            )
        )
