"""Step 2 of `newsweave ingest`: place the new articles among the stored stories.

The whole store is never grouped again (that cost ~5 ms per stored article on every ingest).
The new articles are counted, their document frequencies added to the store's, and each is
looked up in the stored blocking index (`grouping_index.py`); the stories found there are
set up from their stored sums (`story_sums`: their members' summed views and time span), and
`grouping.placement.place` runs the online pass and second look over the new articles among
them. A candidate story's members are read back as stubs (id, time, repost mark); their term
counts are read only when their views are needed (a new article joins their story, a merge
moves it), or when the story's sums were weighed while the store held half its articles or
fewer (`story_sums.documents`, `[cluster] regroup_growth`): it is grouped again. Only the
stories whose members changed are written again (and so rebriefed), with their sums
(`placed.py`); a story keeps its id when it grows, and an id merged away becomes an alias.
Everything is written in one transaction: a crash leaves the new articles ungrouped,
and the next ingest places them.

A store without the index (new, or made before it) is grouped once, whole, by the same code
with no stored stories, and the index filled; a store indexed before the sums were kept gets
every story's sums once (`fill_sums`), from its members' stored counts.

Grouping in many small ingests is close to one big run, not equal to it: each ingest weighs
terms with the document frequencies known so far (a story is grouped again only once the
store has doubled), only the stored members of the stories new articles join are looked at
again (`placement.place`), and a repost is told from its original only within one ingest
(across ingests, the copy usually joins its original's story as any close article does). On
stories-dev, 13 ingests of 100 articles against one run: docs/performance.md, "Incremental
ingest".
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsweave.config import settings
from newsweave.dedup import mark_duplicates
from newsweave.grouping import Compact, PileCounts
from newsweave.grouping.blocking import Blocking
from newsweave.grouping.counting import weights_of
from newsweave.grouping.placement import StoredStory, place, summed
from newsweave.grouping.profiles import TERM_SPACE, Idf, Profile, profile, year_ids
from newsweave.models import Article
from newsweave.pipeline import Signatures
from newsweave.runner import Progress, Runner, no_progress
from newsweave.sections import ClusterSettings
from newsweave.store import grouping_index as index
from newsweave.store.placed import Placement, write_placement
from newsweave.store.regroup import canonical_order
from newsweave.store.schema import from_plain, transaction
from newsweave.text.outlets import unify_outlets


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
    if not whole and not index.has_sums(connection):
        fill_sums(connection, knobs)
    progress("grouping", 0, len(new))
    signatures = list(runner.map_batches(Signatures(knobs), new))
    marked = mark_duplicates(new, runner=runner, prints=[s[0] for s in signatures])
    compacts = [s[1] for s in signatures]
    total = (0 if whole else index.documents(connection)) + len(marked)
    known = Frequencies(connection, whole)
    known.ensure([item.ids for item in compacts] + [year_ids()])
    for item in compacts:
        known.dense[np.unique(item.ids)] += 1
    idf = _idf(known.dense, total, knobs)
    views = [profile(item, idf, weights_of(knobs), TERM_SPACE) for item in compacts]
    postings = {} if whole else index.load_postings(connection, _keys(views, knobs))
    stored = _stored(connection, _candidates(views, postings, knobs), knobs, total)

    def fetch(ids: Sequence[str]) -> list[Compact]:
        found = index.load_terms(connection, ids)
        known.ensure(item.ids for item in found.values())
        return [found[i] for i in ids]

    counted = PileCounts(compacts, idf, TERM_SPACE)
    numbered = _numbered(postings, stored.ids)
    groups = place(stored.stories, marked, counted, knobs, fetch, numbered, canonical_order)
    placement = Placement(stored.ids, stored.stories, marked, views, groups, stored.weighed)
    with transaction(connection):
        write_placement(connection, placement, whole, words, postings, knobs, total)
        index.add_frequencies(connection, compacts)
        index.save_terms(
            connection, [(a.id, c, a.published) for a, c in zip(marked, compacts, strict=True)]
        )
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


class Frequencies:
    """Document frequencies by term id (`dense`), each read from the store when first asked
    (`ensure`): an ingest looks up the ids of its new articles and of the stored articles it
    makes views of, never the whole table."""

    def __init__(self, connection: sqlite3.Connection, whole: bool):
        self.connection = connection
        self.whole = whole  # a whole grouping has nothing stored to read
        self.dense = np.zeros(TERM_SPACE, dtype=np.int32)
        self.known = np.zeros(TERM_SPACE, dtype=bool)

    def ensure(self, ids: Iterable[NDArray[np.signedinteger]]) -> None:
        """Read the stored frequencies of those of `ids` not read yet."""
        arrays = [np.asarray(item, dtype=np.intp) for item in ids]
        if not arrays:
            return
        asked = np.unique(np.concatenate(arrays))
        asked = asked[~self.known[asked]]
        if len(asked) and not self.whole:
            index.frequencies(self.connection, asked, self.dense)
        self.known[asked] = True


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


@dataclass(slots=True)
class Stored:
    """The candidate stories as `place` takes them, their ids in the same order, and how
    many articles the store held when their sums were weighed (by id, where known)."""

    ids: list[str] = field(default_factory=list)
    stories: list[StoredStory] = field(default_factory=list)
    weighed: dict[str, int] = field(default_factory=dict)


def _stored(
    connection: sqlite3.Connection,
    found: list[str],
    knobs: ClusterSettings,
    documents: int,
) -> Stored:
    """The stories `found`, from their sums and their members' stubs; a story whose sums are
    stale (weighed over `regroup_growth` times fewer than `documents` articles) is marked to
    be grouped again."""
    sums = index.load_sums(connection, found)
    weighed = index.load_weighed(connection, found)
    growth = knobs.regroup_growth
    members: dict[str, list[Article]] = {}
    for story, article_id, original, published in index.load_members(connection, found):
        stub = Article(
            id=article_id, source="", text="", published=published, duplicate_of=original
        )
        members.setdefault(story, []).append(stub)
    stored = Stored(weighed=weighed)
    for story in found:
        if story in sums and story in members:
            stale = story in weighed and weighed[story] * growth <= documents
            stored.ids.append(story)
            stored.stories.append(StoredStory(sums[story], members[story], stale))
    return stored


def _numbered(postings: dict[int, list[str]], stories: list[str]) -> dict[int, list[int]]:
    """The postings with each story as its number in `stories` (others left out)."""
    numbers = {story: number for number, story in enumerate(stories)}
    return {
        term: [numbers[s] for s in ids if s in numbers]
        for term, ids in postings.items()
        if any(s in numbers for s in ids)
    }


def fill_sums(connection: sqlite3.Connection, knobs: ClusterSettings) -> None:
    """Give every story of a store indexed before the sums were kept its sums, once: its
    members' stored counts weighed with the store's idf as it is now (one transaction; ~1 ms
    a stored article)."""
    known = Frequencies(connection, False)
    known.ensure([year_ids()])
    total = index.documents(connection)
    counted = PileCounts([], _idf(known.dense, total, knobs), TERM_SPACE)  # reads `dense`
    stories = [str(row[0]) for row in connection.execute("SELECT id FROM stories")]
    with transaction(connection):
        for start in range(0, len(stories), 500):
            members: dict[str, list[tuple[str, datetime | None]]] = {}
            for story, article, _, published in index.load_members(
                connection, stories[start : start + 500]
            ):
                members.setdefault(story, []).append((article, published))
            counts = index.load_terms(connection, [a for m in members.values() for a, _ in m])
            known.ensure(item.ids for item in counts.values())
            index.save_sums(
                connection,
                [
                    (story, summed([(counts[a], when) for a, when in m], counted, knobs), total)
                    for story, m in members.items()
                ],
            )
        index.mark_index(connection, total)
