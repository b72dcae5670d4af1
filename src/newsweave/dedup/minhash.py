"""MinHash signatures and LSH banding over whole arrays at once (numpy), for `dedup.reposts`.

datasketch's `MinHash.update` hashes one value at a time with SHA-1 in Python; on a pile of
articles with ~700 shingles each that would be most of repost detection. Here:

- every word is hashed once per process (`term_hash`, a cached 64-bit BLAKE2b: stable across
  processes and runs, unlike Python's `hash`), and a shingle's hash is a polynomial over its
  words' hashes, computed for all shingles of an article in one numpy expression;
- a signature applies `num_perm` multiply-shift hashes (`(a*h + b) >> 32` over 64-bit words,
  `a` odd: a 2-universal family without the slow modulo) to all of an article's hashes at once
  and keeps the minimum per permutation (32-bit values, as datasketch);
- LSH takes datasketch's (bands, rows) for the threshold, hashes each band of every signature to
  one 64-bit key, and sorts the keys: articles with an equal key in any band are candidates.
  The cost is one sort per band, near-linear in the pile, with no per-article Python objects.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

Hashes = npt.NDArray[np.uint64]
Signature = npt.NDArray[np.uint32]

_SHIFT = np.uint64(32)
_SHINGLE_BASE = np.uint64(0x100000001B3)  # odd multiplier of the shingle polynomial
_CACHE_LIMIT = 1 << 21  # words whose hash is kept (~200 MB at most), then start again
_CHUNK = 1024  # hashes permuted at once: bounds the (hashes x permutations) buffer
_QUADRATURE_NODES = 48  # per integral in `bands`: exact to ~1e-12 on these curves


class _TermHashes(dict[str, int]):
    """Word -> 64-bit hash, filled on first use (lookups of known words stay in C)."""

    def __missing__(self, term: str) -> int:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        digest = hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest()
        value = self[term] = int.from_bytes(digest, "little")
        return value


_TERMS = _TermHashes()


def term_hash(term: str) -> int:
    """A 64-bit hash of a word or anchor, the same in every process and run."""
    return _TERMS[term]


def hash_terms(terms: Iterable[str]) -> Hashes:
    """The hashes of `terms`, in order (repeats kept)."""
    return np.fromiter(map(_TERMS.__getitem__, terms), dtype=np.uint64)


def shingle_hashes(words: Sequence[str], size: int, distinct: bool = True) -> Hashes:
    """Hashes of the word `size`-shingles of `words` (one shingle if fewer words), sorted and
    distinct; with `distinct=False`, in text order with repeats (enough for a signature, whose
    minimum does not care, and it saves the sort)."""
    hashed = hash_terms(words)
    count = len(hashed) - size + 1
    if count < 1:  # a short text is one shingle of all its words
        value = np.uint64(len(hashed))
        with np.errstate(over="ignore"):
            for word in hashed:
                value = value * _SHINGLE_BASE + word
        return np.array([value], dtype=np.uint64)
    shingles = hashed[:count].copy()
    for offset in range(1, size):
        shingles *= _SHINGLE_BASE
        shingles += hashed[offset : offset + count]
    return np.unique(shingles) if distinct else shingles


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[Hashes, Hashes]:
    """Random odd multipliers and offsets, one pair per permutation (fixed by `seed`)."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = generator.randint(0, 1 << 63, num_perm, dtype=np.uint64)
    return a, b


def signature(hashes: Hashes, num_perm: int = 128, seed: int = 1) -> Signature | None:
    """The MinHash signature of a set of hashes; None for an empty set (it has none).

    The shift of multiply-shift is monotone, so it is taken after the minimum (on `num_perm`
    values, not on every hash), and the products are written into one reused buffer: an
    article's ~500 x 128 products would otherwise be a fresh ~0.5 MB array per call.
    """
    if not len(hashes):
        return None
    a, b = permutations(num_perm, seed)
    buffer = _buffer(num_perm)
    low: Hashes | None = None
    for start in range(0, len(hashes), _CHUNK):
        block = hashes[start : start + _CHUNK, None]
        products = buffer[: len(block)]
        np.multiply(block, a, out=products)
        products += b
        least = products.min(axis=0)
        low = least if low is None else np.minimum(low, least)
    assert low is not None
    return (low >> _SHIFT).astype(np.uint32)


def _buffer(num_perm: int) -> Hashes:
    """Scratch space for `signature`'s products, one per thread (a Dask worker runs several
    tasks at once in threads) and permutation count."""
    buffers: dict[int, Hashes] = _SCRATCH.__dict__.setdefault("buffers", {})
    if num_perm not in buffers:
        buffers[num_perm] = np.empty((_CHUNK, num_perm), dtype=np.uint64)
    return buffers[num_perm]


_SCRATCH = threading.local()


@lru_cache(maxsize=32)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for `threshold`.

    The same choice as datasketch's `_optimal_param` (equal weights on the false-positive
    and false-negative areas), with its integrals taken by Gauss-Legendre quadrature over all
    (bands, rows) at once: importing datasketch for it would bring SciPy's integrate, ~0.7 s
    a process. A test checks the two agree.
    """
    nodes, node_weights = np.polynomial.legendre.leggauss(_QUADRATURE_NODES)
    shapes = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    count = np.array([b for b, _ in shapes], dtype=np.float64)[:, None]
    rows = np.array([r for _, r in shapes], dtype=np.float64)[:, None]

    def area(low: float, high: float, positive: bool) -> npt.NDArray[np.float64]:
        points = (high - low) / 2 * nodes + (high + low) / 2
        collide = 1 - (1 - points[None, :] ** rows) ** count
        curve = collide if positive else 1 - collide
        return np.asarray(curve @ node_weights * (high - low) / 2)

    error = 0.5 * area(0.0, threshold, True) + 0.5 * area(threshold, 1.0, False)
    best = int(np.argmin(error))  # the first minimum, as datasketch's strict `<` keeps
    return shapes[best]


def colliding_pairs(
    signatures: Sequence[Signature | None], threshold: float, num_perm: int = 128
) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose signatures agree on every row of at least one band."""
    present = [i for i, s in enumerate(signatures) if s is not None]
    if len(present) < 2:
        return set()
    matrix = np.stack([s for s in signatures if s is not None]).astype(np.uint64)
    ids = np.array(present, dtype=np.int64)
    count, rows = bands(threshold, num_perm)
    mixers = np.random.RandomState(rows).randint(1, 1 << 62, rows, dtype=np.uint64) | 1
    size = len(signatures)
    found: list[npt.NDArray[np.int64]] = []
    for band in range(count):
        keys = (matrix[:, band * rows : (band + 1) * rows] * mixers).sum(axis=1, dtype=np.uint64)
        found.extend(_equal_key_pairs(keys, ids, size))
    if not found:
        return set()
    codes = np.unique(np.concatenate(found))
    return set(zip((codes // size).tolist(), (codes % size).tolist(), strict=True))


def _equal_key_pairs(
    keys: Hashes, ids: npt.NDArray[np.int64], size: int
) -> list[npt.NDArray[np.int64]]:
    """Pairs of ids sharing a key, each coded as `i * size + j` with i < j.

    Sorted by key, the members of a run of equal keys sit side by side; the pairs of every run
    are made at once, one step `gap` at a time (each position with its neighbour `gap` places
    on, while both are in the same run), so the work is one numpy pass per step, not a Python
    call per run: a copy-rich pile has tens of thousands of runs per band.
    """
    order = np.argsort(keys, kind="stable")
    ranked = keys[order]
    count = len(ranked)
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    lengths = np.diff(np.append(starts, count))
    if lengths.max(initial=0) < 2:
        return []
    end = np.repeat(starts + lengths, lengths)  # where each position's run ends
    members = ids[order]
    codes = []
    positions = np.flatnonzero(end - np.arange(count) > 1)
    gap = 1
    while len(positions):
        left, right = members[positions], members[positions + gap]
        codes.append(np.minimum(left, right) * size + np.maximum(left, right))
        gap += 1
        positions = positions[end[positions] - positions > gap]
    return codes
