"""Step 2 of `newsweave ingest`: place the new articles among the stored stories.

The whole store is never grouped again (that cost ~5 ms per stored article on every ingest).
The new articles are counted, their document frequencies added to the store's, and each is
looked up in the stored blocking index (`grouping_index.py`); the stories found there are
rebuilt from their members' stored term counts, and `grouping.placement.place` runs the
online pass and second look over the new articles among them. Only the stories whose members
changed are written again (and so rebriefed); a story keeps its id when it grows, and an id
merged away becomes an alias. Everything is written in one transaction: a crash leaves the
new articles ungrouped, and the next ingest places them.

A store without the index (new, or made before it) is grouped once, whole, by the same code
with no stored stories, and the index filled.

Grouping in many small ingests is close to one big run, not equal to it: each ingest weighs
terms with the document frequencies known so far, only the stored members of the stories an
ingest may touch are looked at again (`placement.place`), and a repost is told from its
original only within one ingest (across ingests, the copy usually joins its original's story
as any close article does). On stories-dev, 13 ingests of 100
articles against one run: see the README's Performance section.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsweave.config import settings
from newsweave.dedup import mark_duplicates
from newsweave.grouping import Compact, PileCounts
from newsweave.grouping.blocking import Blocking
from newsweave.grouping.counting import weights_of
from newsweave.grouping.online import story_record
from newsweave.grouping.placement import place
from newsweave.grouping.profiles import TERM_SPACE, Idf, Profile, profile, year_ids
from newsweave.models import Article
from newsweave.pipeline import Signatures
from newsweave.runner import Progress, Runner, no_progress
from newsweave.sections import ClusterSettings
from newsweave.store import grouping_index as index
from newsweave.store.regroup import (
    canonical_order,
    current_members,
    member_key,
    stable_ids,
    write_story,
)
from newsweave.store.schema import from_plain, transaction
from newsweave.text.outlets import unify_outlets


@dataclass(slots=True)
class Pile:
    """The articles of one placement: stored members of candidate stories, then new ones."""

    seeds: list[tuple[Article, int]]  # (stub article, candidate story number)
    stories: list[str]  # candidate story ids, by number
    new: list[Article]
    compacts: list[Compact]  # seeds' then new articles'
    views: list[Profile]  # the new articles' weighted views (for the postings)


def group_new(
    connection: sqlite3.Connection,
    words: int,
    progress: Progress | None = None,
    *,
    runner: Runner = Runner(),
) -> None:
    """Place every ungrouped article of the store (see the module docstring)."""
    knobs = settings("cluster")
    whole = not index.ensure_index(connection)
    progress = progress or no_progress
    new = _new_articles(connection, whole)
    if not new:
        return
    progress("grouping", 0, len(new))
    signatures = list(runner.map_batches(Signatures(knobs), new))
    marked = mark_duplicates(new, runner=runner, prints=[s[0] for s in signatures])
    compacts = [s[1] for s in signatures]
    total = (0 if whole else index.documents(connection)) + len(marked)
    dense = _stored_frequencies(connection, whole, compacts)
    for item in compacts:
        dense[np.unique(item.ids)] += 1
    idf = _idf(dense, total, knobs)
    weights = weights_of(knobs)
    views = [profile(item, idf, weights, TERM_SPACE) for item in compacts]
    postings = {} if whole else index.load_postings(connection, _keys(views, knobs))
    found = _candidates(views, postings, knobs)
    members = [] if whole else index.load_members(connection, found)
    seed_only = {int(i) for m in members for i in m[3].ids.tolist()}.difference(
        int(i) for item in compacts for i in item.ids.tolist()
    )
    if seed_only and not whole:
        ids = np.array(sorted(seed_only), dtype=np.intp)
        dense[ids] = index.frequencies(connection, ids, TERM_SPACE)[ids]
    pile = _pile(members, marked, compacts, views)
    groups = place(pile.seeds, pile.new, PileCounts(list(pile.compacts), idf, TERM_SPACE), knobs)
    with transaction(connection):
        _write(connection, pile, groups, whole, words, postings, knobs)
        index.add_frequencies(connection, compacts)
        index.mark_index(connection, total)
    progress("grouping", len(new), len(new))


def needs_grouping(connection: sqlite3.Connection) -> bool:
    """Whether any article is ungrouped, or the store has articles but no index yet."""
    if connection.execute("SELECT 1 FROM articles WHERE grouped = 0 LIMIT 1").fetchone():
        return True
    stored = connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    return stored and not index.ensure_index(connection)


def _new_articles(connection: sqlite3.Connection, whole: bool) -> list[Article]:
    """The articles to place (all of them for a whole grouping), in the canonical order."""
    where = "" if whole else " WHERE grouped = 0"
    rows = connection.execute(f"SELECT record FROM articles{where}").fetchall()
    articles = [from_plain(Article, json.loads(record)) for (record,) in rows]
    articles.sort(key=canonical_order)
    return unify_outlets(articles)


def _stored_frequencies(
    connection: sqlite3.Connection, whole: bool, compacts: Sequence[Compact]
) -> np.ndarray:
    """The stored document frequencies of the new articles' term ids and of every year id."""
    if whole or not compacts:
        return np.zeros(TERM_SPACE, dtype=np.int32)
    ids = np.unique(np.concatenate([item.ids for item in compacts] + [year_ids()]))
    return index.frequencies(connection, ids.astype(np.intp), TERM_SPACE)


def _idf(dense: np.ndarray, total: int, knobs: ClusterSettings) -> Idf:
    """`Terms.idf` over the store's articles and the new ones (`dense`: their frequencies)."""
    years = year_ids()
    common = years[2 * dense[years] > total]
    return Idf(dense, max(total, knobs.min_documents), knobs.idf_power, common)


def _keys(views: Sequence[Profile], knobs: ClusterSettings) -> set[int]:
    terms = max(knobs.query_terms, knobs.index_terms)
    return {key for view in views for key in Blocking.keys(view, terms)}


def _candidates(
    views: Sequence[Profile], postings: dict[int, list[str]], knobs: ClusterSettings
) -> list[str]:
    """The stored stories blocking offers any new article (its `stored_candidates` best)."""
    if not postings:
        return []
    names = sorted({story for stories in postings.values() for story in stories})
    numbers = {story: number for number, story in enumerate(names)}
    blocking = Blocking(knobs)
    for term, stories in postings.items():
        blocking.postings[term] = array("q", map(numbers.__getitem__, stories))
    limit = knobs.stored_candidates
    found = {number for view in views for number in blocking.candidates(view)[:limit]}
    return sorted(names[number] for number in found)


def _pile(
    members: list[index.Member],
    new: list[Article],
    compacts: list[Compact],
    views: list[Profile],
) -> Pile:
    stories: list[str] = []
    numbers: dict[str, int] = {}
    seeds: list[tuple[Article, int]] = []
    for story, article_id, original, _, published in members:
        number = numbers.setdefault(story, len(stories))
        if number == len(stories):
            stories.append(story)
        stub = Article(
            id=article_id, source="", text="", published=published, duplicate_of=original
        )
        seeds.append((stub, number))
    seed_compacts = [m[3] for m in members]
    return Pile(seeds, stories, new, seed_compacts + compacts, views)


def _write(
    connection: sqlite3.Connection,
    pile: Pile,
    groups: list[list[int]],
    whole: bool,
    words: int,
    postings: dict[int, list[str]],
    knobs: ClusterSettings,
) -> None:
    """Write the groups whose members changed, the aliases, the postings and the new
    articles' marks and terms (in the caller's transaction)."""
    articles = [a for a, _ in pile.seeds] + pile.new
    members = [{articles[p].id for p in group} for group in groups]
    old = current_members(connection) if whole else _old_members(pile)
    unchanged = {frozenset(m) for m in old.values()}
    proposed = [story_record([articles[p] for p in group]).id for group in groups]
    ids = stable_ids(proposed, members, old)
    changed = [n for n, m in enumerate(members) if whole or frozenset(m) not in unchanged]
    if whole:
        index.clear_index(connection)
        connection.execute("DELETE FROM stories")
        connection.execute("DELETE FROM story_articles")
    else:
        kept = {ids[n] for n, m in enumerate(members) if frozenset(m) in unchanged}
        gone = [(s,) for s in old if s not in kept]
        connection.executemany("DELETE FROM stories WHERE id = ?", gone)
        connection.executemany("DELETE FROM story_articles WHERE story = ?", gone)
    full, hashes = _full_articles(connection, pile, [members[n] for n in changed])
    for n in changed:
        story = story_record([full[a] for a in members[n]])
        write_story(connection, replace(story, id=ids[n]), member_key(story, hashes, words))
    _write_aliases(connection, old, ids, members)
    story_of = {a: ids[n] for n, m in enumerate(members) for a in m}
    connection.executemany(
        "UPDATE articles SET duplicate_of = ?, grouped = 1 WHERE id = ?",
        [(a.duplicate_of, a.id) for a in pile.new],
    )
    new_compacts = pile.compacts[len(pile.seeds) :]
    index.save_terms(
        connection, [(a.id, c, a.published) for a, c in zip(pile.new, new_compacts, strict=True)]
    )
    _update_postings(
        postings, [(story_of[a.id], v) for a, v in zip(pile.new, pile.views, strict=True)], knobs
    )
    index.save_postings(connection, postings)


def _old_members(pile: Pile) -> dict[str, set[str]]:
    old: dict[str, set[str]] = {}
    for article, number in pile.seeds:
        old.setdefault(pile.stories[number], set()).add(article.id)
    return old


def _full_articles(
    connection: sqlite3.Connection, pile: Pile, groups: list[set[str]]
) -> tuple[dict[str, Article], dict[str, str]]:
    """The whole records (and content hashes) of every member of `groups`: the new articles
    as placed, the stored ones read back."""
    wanted = {a for group in groups for a in group}
    full = {a.id: a for a in pile.new if a.id in wanted}
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
