"""Writing a placement back (`incremental.py`): the stories whose members changed, with their
sums, the aliases of ids merged away, the blocking postings, the new articles' marks.

A story whose members did not change keeps its row, its sums and so its brief; one that did
is written again under the id of the stored story it shares most articles with
(`regroup.stable_ids`), so a story that grows keeps its id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsweave.grouping.blocking import Blocking
from newsweave.grouping.online import story_record
from newsweave.grouping.placement import Placed, StoredStory
from newsweave.grouping.profiles import Profile
from newsweave.models import Article
from newsweave.sections import ClusterSettings
from newsweave.store import grouping_index as index
from newsweave.store.regroup import current_members, member_key, stable_ids, write_story
from newsweave.store.schema import from_plain


@dataclass(frozen=True, slots=True)
class Placement:
    """What `place` was given and gave: the stored stories (ids, then the stories in the same
    order), the new articles and their views, and the groups."""

    ids: list[str]
    stored: list[StoredStory]
    new: list[Article]
    views: list[Profile]  # the new articles' weighted views (for the postings)
    groups: list[Placed]
    weighed: dict[str, int]  # stored story id -> articles its sums' idf counted, where known

    def articles(self) -> list[Article]:
        """Every article by its position in the groups: stored members, then new ones."""
        return [a for story in self.stored for a in story.members] + self.new

    def regrouped(self) -> dict[str, list[str]]:
        """The members of the stored stories grouped again (stale sums), by story id."""
        return {
            story: [a.id for a in stored.members]
            for story, stored in zip(self.ids, self.stored, strict=True)
            if stored.regroup
        }

    def old_members(self) -> dict[str, set[str]]:
        """The stored stories' members, by story id."""
        return {
            story: {a.id for a in stored.members}
            for story, stored in zip(self.ids, self.stored, strict=True)
        }


def write_placement(
    connection: sqlite3.Connection,
    placement: Placement,
    whole: bool,
    words: int,
    postings: dict[int, list[str]],
    knobs: ClusterSettings,
    documents: int,
) -> None:
    """Write the groups whose members changed (rows and sums, weighed over `documents`
    articles), the sums of the stories grouped again, the aliases, the postings and the new
    articles' marks (in the caller's transaction)."""
    articles = placement.articles()
    groups = placement.groups
    members = [{articles[p].id for p in group.members} for group in groups]
    old = current_members(connection) if whole else placement.old_members()
    unchanged = {frozenset(m) for m in old.values()}
    proposed = [story_record([articles[p] for p in group.members]).id for group in groups]
    ids = stable_ids(proposed, members, old)
    changed = [n for n, m in enumerate(members) if whole or frozenset(m) not in unchanged]
    if whole:
        index.clear_index(connection)
        connection.execute("DELETE FROM stories")
        connection.execute("DELETE FROM story_articles")
    else:
        kept = {ids[n] for n, m in enumerate(members) if frozenset(m) in unchanged}
        gone = [(s,) for s in old if s not in kept]
        for table, column in (
            ("stories", "id"),
            ("story_articles", "story"),
            ("story_sums", "story"),
        ):
            connection.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)
    full, hashes = _full_articles(connection, placement.new, [members[n] for n in changed])
    for n in changed:
        story = story_record([full[a] for a in members[n]])
        write_story(connection, replace(story, id=ids[n]), member_key(story, hashes, words))
    regrouped = placement.regrouped()
    rewritten = set(changed)
    written = [n for n in range(len(groups)) if n in rewritten or ids[n] in regrouped]
    weighed = _weighed(placement, regrouped, [members[n] for n in written], documents)
    index.save_sums(
        connection, [(ids[n], groups[n].sums, w) for n, w in zip(written, weighed, strict=True)]
    )
    _write_aliases(connection, old, ids, members)
    story_of = {a: ids[n] for n, m in enumerate(members) for a in m}
    connection.executemany(
        "UPDATE articles SET duplicate_of = ?, grouped = 1 WHERE id = ?",
        [(a.duplicate_of, a.id) for a in placement.new],
    )
    placed = [(story_of[a.id], v) for a, v in zip(placement.new, placement.views, strict=True)]
    _update_postings(postings, placed, knobs)
    index.save_postings(connection, postings)


def _weighed(
    placement: Placement,
    regrouped: dict[str, list[str]],
    groups: list[set[str]],
    documents: int,
) -> list[int]:
    """How many articles each group's sums were weighed over: the oldest weighing of the
    stored stories whose members it kept in their place (a stored story's sums are kept, not
    weighed again, as it grows), else `documents` (today's: new articles, and the members of
    the stories `regrouped`)."""
    story_of = {
        a: story
        for story, members in placement.old_members().items()
        if story not in regrouped and story in placement.weighed
        for a in members
    }
    return [
        min([placement.weighed[story_of[a]] for a in group if a in story_of] + [documents])
        for group in groups
    ]


def _full_articles(
    connection: sqlite3.Connection, new: Sequence[Article], groups: list[set[str]]
) -> tuple[dict[str, Article], dict[str, str]]:
    """The whole records (and content hashes) of every member of `groups`: the new articles
    as placed, the stored ones read back."""
    wanted = {a for group in groups for a in group}
    full = {a.id: a for a in new if a.id in wanted}
    hashes: dict[str, str] = {}
    query = "SELECT id, record, content_hash FROM articles WHERE id IN ({marks})"
    for article_id, record, digest in index.rows_in(connection, query, wanted):
        hashes[str(article_id)] = str(digest)
        if article_id not in full:  # without its sentences: the story row needs none
            data = json.loads(str(record))
            data.pop("sentences", None)
            stored = from_plain(Article, data)
            full[stored.id] = stored
    return full, hashes


def _write_aliases(
    connection: sqlite3.Connection,
    old: dict[str, set[str]],
    ids: Sequence[str],
    members: Sequence[set[str]],
) -> None:
    """An old story id that no group kept points at the story holding most of its articles."""
    story_of = {a: story_id for story_id, m in zip(ids, members, strict=True) for a in m}
    current = set(ids)
    connection.executemany("DELETE FROM story_aliases WHERE old = ?", [(i,) for i in ids])
    for old_id, articles in old.items():
        if old_id in current:
            continue
        heirs: dict[str, int] = {}
        for article in articles:
            if article in story_of:
                heirs[story_of[article]] = heirs.get(story_of[article], 0) + 1
        if heirs:
            heir = max(sorted(heirs), key=lambda s: heirs[s])
            connection.execute(
                "INSERT OR REPLACE INTO story_aliases (old, story) VALUES (?, ?)", (old_id, heir)
            )
            connection.execute("UPDATE story_aliases SET story = ? WHERE story = ?", (heir, old_id))


def _update_postings(
    postings: dict[int, list[str]], placed: list[tuple[str, Profile]], knobs: ClusterSettings
) -> None:
    """Blocking's `add` for each new article in order, over the stored postings."""
    for story, view in placed:
        for key in Blocking.keys(view, knobs.index_terms):
            posting = postings.setdefault(key, [])
            if story in posting:
                posting.remove(story)
            posting.append(story)
            if len(posting) > knobs.posting_stories:
                del posting[0]
