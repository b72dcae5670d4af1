"""From an article's term counts to the weighted vectors story grouping compares.

An article becomes five sparse unit vectors (a `Profile`), one per view of `features.py`.
Weights are sublinear tf times idf to a power; the idf comes from the pile itself (`Terms`):
a pile counts as at least `min_documents` articles, or the event words of a small pile (all
about one event) would weigh nothing.

Keys become integers by hashing (`compact`), each view in its own range, so any worker can
compact an article with no shared vocabulary, and a story can be scored with numpy gathers
(`match.py`). An article's counts are kept as two small arrays until its turn comes
(`Compact`), and its weighted `Profile` lives only while it is matched (or, for a second look,
as a `StoredProfile` in half the memory), so grouping 100,000 articles fits in memory.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.grouping.features import BODY_VIEW, NAMES_VIEW, VIEWS, YEARS_VIEW, Counts, Weights

TERM_BITS = 23
TERM_SPACE = 1 << TERM_BITS  # ids per view: every key is hashed into this many buckets
_TERM_MASK = np.uint32(TERM_SPACE - 1)
_YEARS_NAMED = range(1000, 3000)  # years a "y:" key may carry (the text's, or a stamp's)


def compact(counts: Counts) -> Compact:
    """`counts` as id and count arrays, views in order: one article's part of the first pass.

    A key's id is its `term_ids` bucket, the same in every process, so any worker can compact
    with no shared vocabulary and the pile's process only adds up document frequencies.
    Keys do share buckets (measured on the bench corpora: 2 % of the 173,000 keys of 10,000
    articles, 14 % of the 1.26M keys of 100,000), mostly rare ones (at 10k, 62 % of the keys
    in a shared bucket occur in one article, and 41 of the 1,688 shared buckets hold two keys
    that each occur in ten or more): they then read as a little less rare. What matters more
    is whether a shared bucket links an article to a story it is scored against: with ~80
    terms a view against a story's ~160, that happens in about one comparison in 650 per view.
    Two keys of one view in one bucket are merged (their counts added, in first-seen order).
    """
    views = counts.views()
    keys = [key for view in views for key in view]
    ids = term_ids(keys)
    values = np.fromiter(chain.from_iterable(view.values() for view in views), np.float32)
    lengths = tuple(len(view) for view in views)
    offsets = np.repeat(np.arange(len(views), dtype=np.int64) * TERM_SPACE, lengths)
    placed = np.sort(ids + offsets)  # a repeat sits by its twin (a fifth of np.unique's CPU)
    if np.any(placed[1:] == placed[:-1]):
        return _merged(ids, values, lengths)
    return Compact(ids, values, lengths)


def term_ids(keys: list[str]) -> NDArray[np.int32]:
    """Each key's bucket: the CRC-32 of its UTF-8 bytes, cut to `TERM_BITS` bits.

    CRC-32 is stable across processes and runs (Python's `hash` is not) and, in C, costs
    about what a dict lookup does, so no cache is kept: a cache of the ~1M keys of a
    100,000-article pile would cost each worker ~100 MB.
    """
    crc = zlib.crc32
    hashed = np.fromiter(
        [crc(key.encode("utf-8", "surrogatepass")) for key in keys], np.uint32, len(keys)
    )
    return (hashed & _TERM_MASK).astype(np.int32)


def _merged(
    ids: NDArray[np.int32], values: NDArray[np.float32], lengths: tuple[int, ...]
) -> Compact:
    """A compact whose views each hold an id twice, with the repeats' counts added."""
    merged_ids: list[int] = []
    merged_values: list[float] = []
    merged_lengths: list[int] = []
    start = 0
    for length in lengths:
        summed: dict[int, float] = {}
        for key, value in zip(
            ids[start : start + length].tolist(),
            values[start : start + length].tolist(),
            strict=True,
        ):
            summed[key] = summed.get(key, 0.0) + value
        start += length
        merged_ids.extend(summed)
        merged_values.extend(summed.values())
        merged_lengths.append(len(summed))
    return Compact(
        np.array(merged_ids, dtype=np.int32),
        np.array(merged_values, dtype=np.float32),
        tuple(merged_lengths),
    )


class Terms:
    """Document frequencies of a pile's term ids (`compact`), and the idf they give.

    One id space over all views (body and lead share words; names, numbers and years carry
    their own prefixes, "e:", "n:", "y:", and hash apart); a stream can keep adding.
    """

    def __init__(self, floor: int = 0):
        self.floor = floor  # a small pile counts as this many documents (see `idf`)
        self.documents = 0
        self._frequencies = np.zeros(TERM_SPACE, dtype=np.int32)

    @property
    def size(self) -> int:
        """How many ids a view has (the offset between views in a `Profile`)."""
        return TERM_SPACE

    def add(self, compacted: Compact) -> Compact:
        """Count `compacted` as one more document of the pile (and hand it back)."""
        self._frequencies[np.unique(compacted.ids)] += 1
        self.documents += 1
        return compacted

    def idf(self, power: float) -> Idf:
        """Smoothed inverse document frequency (scikit-learn's `smooth_idf`) ** `power`, by id.

        The pile counts as at least `floor` documents: in a small pile (a few articles of one
        event) the event's own words are in every article and would weigh nothing, though in
        the world they are rare; the floor keeps them weighing as much as any rare word.

        A year that more than half of the pile names (the year a day's feed is published in)
        tells no two events apart: it weighs nothing, and `profile` leaves it out.
        """
        years = year_ids()
        common = years[2 * self._frequencies[years] > self.documents]
        return Idf(self._frequencies, max(self.documents, self.floor), power, common)


@dataclass(frozen=True, slots=True)
class Idf:
    """`Terms.idf`, worked out for the ids asked: the pile keeps its 2**23 counts (32 MB), not
    a float for every bucket as well."""

    frequencies: NDArray[np.int32]
    documents: int  # the pile's, or its floor
    power: float
    common_years: NDArray[np.intp]  # ids that weigh nothing

    def __getitem__(self, ids: NDArray[np.intp]) -> NDArray[np.float64]:
        idf = self.frequencies[ids].astype(np.float64)
        idf += 1.0
        np.divide(1 + self.documents, idf, out=idf)
        np.log(idf, out=idf)
        idf += 1.0
        idf **= self.power
        for year in self.common_years:  # one or two at most: cheaper than np.isin
            idf[ids == year] = 0.0
        return idf


@cache
def year_ids() -> NDArray[np.intp]:
    """The ids of every "y:" key a pile can hold (`_YEARS_NAMED`)."""
    return np.unique(term_ids([f"y:{year}" for year in _YEARS_NAMED])).astype(np.intp)


@dataclass(frozen=True, slots=True)
class Compact:
    """One article's view counts in ~8 bytes a term: `Terms` ids and counts, views in order."""

    ids: NDArray[np.int32]
    counts: NDArray[np.float32]  # whole numbers, or halves with a fractional title weight
    lengths: tuple[int, ...]  # terms per view


Ids = NDArray[np.signedinteger[Any]]  # profile and story term ids: 32-bit (`id_type`) or 64


def id_type(size: int) -> type[np.signedinteger[Any]]:
    """The integer type of profile ids for `size` ids a view: 32 bits unless they need more."""
    return np.int64 if size * len(VIEWS) >= 2**31 else np.int32


@dataclass(frozen=True, slots=True)
class Profile:
    """An article's five unit vectors, capped to `vector_terms` terms each, as flat arrays.

    View `v`'s terms have ids `v * size + term id` (`size`: the `Terms` count), so the views
    never share an id; `ids` are sorted, hence by view first, and 32-bit while they fit
    (`id_type`): a story of one article keeps its profile's arrays as its sums, and at 100k
    there are ~50,000 such. `heavy_body` / `heavy_names` are the heaviest terms, for blocking.
    """

    ids: Ids
    values: NDArray[np.float64]
    lengths: NDArray[np.intp]  # terms per view
    size: int
    heavy_body: tuple[int, ...]
    heavy_names: tuple[int, ...]

    def stored(self) -> StoredProfile:
        """This profile in about half the memory, to keep many until a later look."""
        kind = id_type(self.size)
        heavy: NDArray[np.signedinteger[Any]] = np.array(self.heavy_body + self.heavy_names, kind)
        return StoredProfile(
            self.ids.astype(kind, copy=False),
            self.values.astype(np.float32),
            tuple(self.lengths.tolist()),
            self.size,
            heavy,
            len(self.heavy_body),
        )


@dataclass(frozen=True, slots=True)
class StoredProfile:
    """A `Profile` kept for later (`Profile.stored`): 32-bit ids and weights (a weight keeps
    7 digits, far below what moves a score), and the heavy terms in one array, not tuples of
    Python ints. 100,000 kept profiles take ~200 MB instead of ~420 MB."""

    ids: NDArray[np.signedinteger[Any]]
    values: NDArray[np.float32]
    lengths: tuple[int, ...]
    size: int
    heavy: NDArray[np.signedinteger[Any]]
    body_heavy: int  # how many of `heavy` are body terms (the rest are names)

    def profile(self) -> Profile:
        """The `Profile` again, to score with."""
        heavy = self.heavy.tolist()
        return Profile(
            self.ids,
            self.values.astype(np.float64),
            np.array(self.lengths, dtype=np.intp),
            self.size,
            tuple(heavy[: self.body_heavy]),
            tuple(heavy[self.body_heavy :]),
        )


def profile(compact: Compact, idf: Idf, weights: Weights, size: int) -> Profile:
    """Sublinear tf x idf (from `Terms.idf`) per view, capped and normalised.

    Terms are ranked by weight only (a stable sort: ties keep the text's order, deterministic).
    """
    cap = weights.vector_terms
    heavy: list[tuple[int, ...]] = []
    all_ids: list[Ids] = []
    all_values: list[NDArray[np.float64]] = []
    term_ids = compact.ids.astype(id_type(size))
    weighted = (1.0 + np.log(compact.counts.astype(np.float64))) * idf[term_ids]  # all views
    start = 0
    for number, length in enumerate(compact.lengths):
        ids = term_ids[start : start + length] + number * size
        vector = weighted[start : start + length]
        start += length
        if number == YEARS_VIEW and not vector.all():  # a year most of the pile names
            ids, vector = ids[vector > 0], vector[vector > 0]
        if number in (BODY_VIEW, NAMES_VIEW) or len(vector) > cap:
            ranked = np.argsort(-vector, kind="stable")
            if number in (BODY_VIEW, NAMES_VIEW):
                limit = weights.heavy_terms if number == BODY_VIEW else weights.heavy_terms // 2
                heavy.append(tuple(ids[ranked[:limit]].tolist()))
            if len(vector) > cap:
                ids, vector = ids[ranked[:cap]], vector[ranked[:cap]]
        norm = math.sqrt(float(vector @ vector))
        all_ids.append(ids)
        all_values.append(vector / norm if norm else vector)
    lengths = np.array([len(ids) for ids in all_ids], dtype=np.intp)
    ids, values = np.concatenate(all_ids), np.concatenate(all_values)
    order = np.argsort(ids)  # sorted once here: stories merge and look up by id
    return Profile(ids[order], values[order], lengths, size, heavy[0], heavy[1])
