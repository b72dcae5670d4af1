"""The machine contract: JSON version 1 (see CONTRACT.md).

Every key of the contract is always present; a stage that found nothing gives an empty list.
A few extra keys (reasoning behind a timeline date, an outlet list beside a support count) sit
beside the contract's keys so a reader can check a result without rerunning anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any, TextIO

from newsweave.models import Article, Brief, Edit, Problem, SourceRef, StoryProblem

VERSION = 1
SCHEMA_FILE = "schema-v1.json"  # in newsweave/data, shipped with the package


def iso_published(published: datetime | None) -> str | None:
    """ISO 8601 for a publication time; a date alone when no time of day is known."""
    if published is None:
        return None
    if published.tzinfo is None and published.time() == datetime.min.time():
        return published.date().isoformat()
    return published.isoformat()


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": iso_published(article.published),
        "duplicate_of": article.duplicate_of,
        "text": article.text,
        "removed": list(article.removed),
        "dateline": (
            {"place": article.dateline.place, "wire": article.dateline.wire}
            if article.dateline
            else None
        ),
        "notes": list(article.notes),
    }


def _sources(refs: Iterable[SourceRef]) -> list[dict[str, Any]]:
    return [{"article": ref.article, "text": ref.text} for ref in refs]


def _edit(edit: Edit) -> dict[str, str]:
    """A summary sentence's edit; a replace also says what stands for its words."""
    found = {"kind": edit.kind, "text": edit.text}
    return {**found, "replacement": edit.replacement} if edit.kind == "replace" else found


def brief_dict(brief: Brief) -> dict[str, Any]:
    """One story in the JSON v1 shape."""
    return {
        "id": brief.story.id,
        "headline": brief.headline,
        "articles": [article_dict(a) for a in brief.story.articles],
        "summary": [
            {
                "text": s.text,
                "sources": _sources(s.sources),
                "support": s.support,
                "outlets": list(s.outlets),
                **({"edits": [_edit(e) for e in s.edits]} if s.edits else {}),
            }
            for s in brief.summary
        ],
        "facts": [
            {
                "text": f.text,
                "articles": list(f.articles),
                "support": f.support,
                "outlets": list(f.outlets),
                "sources": _sources(f.sources),
                "kind": f.kind,
            }
            for f in brief.facts
        ],
        "exclusives": [
            {"text": e.text, "article": e.article, "outlet": e.outlet, "kind": e.kind}
            for e in brief.exclusives
        ],
        "conflicts": [
            {
                "about": c.about,
                "claims": [
                    {"text": cl.text, "article": cl.article, "outlet": cl.outlet} for cl in c.claims
                ],
                "decided_by": c.decided_by,
            }
            for c in brief.conflicts
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "article": q.article,
                "sentence": q.sentence,
                "variants": [
                    {"text": v.text, "article": v.article, "differs": v.differs} for v in q.variants
                ],
            }
            for q in brief.quotes
        ],
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "articles": list(e.articles),
                "mentions": e.mentions,
                "roles": list(e.roles),
            }
            for e in brief.entities
        ],
        "timeline": [
            {
                "date": t.date,
                "expression": t.expression,
                "text": t.text,
                "article": t.article,
                "reasoning": t.reasoning,
                "estimated": t.estimated,
                "sources": _sources(t.sources),
            }
            for t in brief.timeline
        ],
        "outlets": [
            {
                "outlet": o.outlet,
                "articles": list(o.articles),
                "tone": o.tone,
                "distinctive_terms": list(o.distinctive_terms),
            }
            for o in brief.outlets
        ],
    }


def problem_dict(problem: Problem | StoryProblem) -> dict[str, Any]:
    """A file, record or story left out, and why; a story also names its id and articles."""
    found: dict[str, Any] = {"source": problem.source, "reason": problem.reason}
    if isinstance(problem, StoryProblem):
        found.update(story=problem.story, articles=list(problem.articles))
    return found


def story_dict(brief: Brief, changes: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """`brief_dict`, with the story's `changes` when `changes` (story id -> changes) has them."""
    story = brief_dict(brief)
    if changes and brief.story.id in changes:
        story["changes"] = changes[brief.story.id]
    return story


def document(
    briefs: Iterable[Brief],
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The whole JSON v1 document for a list of briefs, and what was left out of it
    (`changes`: what changed in each story, by story id, for `brief --store --since`)."""
    return {
        "version": VERSION,
        "stories": [story_dict(b, changes) for b in briefs],
        "problems": [problem_dict(p) for p in problems],
    }


def write_document(
    briefs: Iterable[Brief],
    out: TextIO,
    problems: Sequence[Problem | StoryProblem] = (),
    changes: Mapping[str, dict[str, Any]] | None = None,
) -> None:
    """Write `document(briefs, problems, changes)` to `out` as `json.dumps(..., ensure_ascii=False,
    indent=2)` and a newline would, one story at a time.

    The document carries every article's text: at 100,000 articles the whole JSON text is
    ~400 MB, held twice (the string, then its UTF-8 bytes) by `json.dumps` and a write.
    Here only one story's text is held at a time; the bytes are the same.
    """
    out.write(f'{{\n  "version": {json.dumps(VERSION)},\n  "stories": [')
    empty = True
    for brief in briefs:
        story = json.dumps(story_dict(brief, changes), ensure_ascii=False, indent=2)
        out.write(("\n    " if empty else ",\n    ") + story.replace("\n", "\n    "))
        empty = False
    left_out = json.dumps([problem_dict(p) for p in problems], ensure_ascii=False, indent=2)
    out.write("]" if empty else "\n  ]")
    out.write(',\n  "problems": ' + left_out.replace("\n", "\n  ") + "\n}\n")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every `document()` output is valid against.

    Shipped with the package so a consumer can validate what newsweave wrote; one story of
    `/api/stories/{id}` is its `$defs/story`. Loaded once; callers get their own copy.
    """
    loaded: dict[str, Any] = json.loads(_schema_text())
    return loaded


@cache
def _schema_text() -> str:
    return resources.files("newsweave").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
