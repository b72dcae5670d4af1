"""Where an entity appears: each article that mentions it and each quote attributed to it,
with the article's outlet, date and title and the story it belongs to, newest first.

The entity page's detail (`query.entity_page` gives the name, type, aliases and stories).
Mentions are read from the stored briefs (each `Entity` names its articles); quotes from the
quotes table. Every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

# The article's outlet (else the wire its dateline names), date, title and source file; its
# story, and the article's place there.
_ARTICLE_COLUMNS = (
    "a.id AS article, coalesce(a.outlet, json_extract(a.record, '$.dateline.wire')) AS outlet,"
    " a.published, a.title, json_extract(a.record, '$.source') AS source,"
    " s.id AS story, s.headline, sa.position"
)


@dataclass(frozen=True, slots=True)
class Appearance:
    """One article where the entity appears (a mention) or speaks (a quote's `text`)."""

    article: str
    outlet: str | None
    published: str | None
    title: str | None
    source: str | None  # the file (and record) it was read from, shown when no outlet is known
    story: str
    headline: str
    position: int  # the article's place in its story (from 0): the story page's anchor
    text: str | None = None

    @property
    def href(self) -> str:
        """The article inside its story's page (the report numbers its one story s1)."""
        return f"#s1-a{self.position + 1}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "outlet": self.outlet,
            "published": self.published,
            "title": self.title,
            "source": self.source,
            "story": self.story,
            "headline": self.headline,
            **({"text": self.text} if self.text is not None else {}),
        }


def _appearance(row: sqlite3.Row, text: str | None = None) -> Appearance:
    return Appearance(
        article=row["article"],
        outlet=row["outlet"],
        published=row["published"],
        title=row["title"],
        source=row["source"],
        story=row["story"],
        headline=row["headline"],
        position=int(row["position"]),
        text=text,
    )


def mentions(connection: sqlite3.Connection, name: str, limit: int) -> list[Appearance]:
    """Each article of a current story whose brief lists `name` among its entities."""
    rows = connection.execute(
        f"SELECT DISTINCT {_ARTICLE_COLUMNS} FROM entities e"
        " JOIN stories s ON s.key = e.brief JOIN briefs b ON b.key = e.brief,"
        " json_each(b.record, '$.entities') je, json_each(je.value, '$.articles') ja"
        " JOIN articles a ON a.id = ja.value"
        " JOIN story_articles sa ON sa.story = s.id AND sa.article = a.id"
        " WHERE e.name = ? COLLATE NOCASE AND json_extract(je.value, '$.name') = e.name"
        " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?",
        (name, limit),
    ).fetchall()
    return [_appearance(row) for row in rows]


def quotes(connection: sqlite3.Connection, speaker: str, limit: int) -> list[Appearance]:
    """Each quote attributed to `speaker` in a current story, with its article."""
    rows = connection.execute(
        f"SELECT q.text AS quote, {_ARTICLE_COLUMNS} FROM quotes q"
        " JOIN stories s ON s.key = q.brief JOIN articles a ON a.id = q.article"
        " JOIN story_articles sa ON sa.story = s.id AND sa.article = a.id"
        " WHERE q.speaker = ? COLLATE NOCASE"
        " ORDER BY a.published IS NULL, a.published DESC, q.rowid LIMIT ?",
        (speaker, limit),
    ).fetchall()
    return [_appearance(row, row["quote"]) for row in rows]
