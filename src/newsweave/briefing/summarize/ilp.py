"""Exact concept coverage: the sentences whose distinct concepts weigh most, within the budget.

Gillick & Favre's (2009) integer linear program, which ICSISumm used at DUC and TAC: choose
sentences (x_j) and concepts (c_i) to maximise sum_i w_i c_i, where a concept counts only if a
chosen sentence contains it (c_i <= sum of x_j over the sentences holding it), the chosen
sentences fit the word budget (sum_j l_j x_j <= L), and no two chosen sentences are near
copies (x_a + x_b <= 1 where their cosine reaches `redundancy`, as the greedy selection
skips). Each concept counts once, however many chosen sentences hold it; the greedy selection
(`coverage.greedy`) approximates the same objective a sentence at a time and can lock in an
early long sentence that the exact solution would trade for two short dense ones.

Sentence priors (position, centrality, recency; `coverage.priors`) enter as a small bonus per
chosen sentence: `prior_weight` times its prior above 1 (scaled to 0..1 over the story) times
the concept weight its words would carry at the story's mean density, so that among equal
coverage the better-placed sentence wins. HiGHS (`scipy.optimize.milp`) solves the program; a
story whose program is not solved within `ilp_nodes` branch-and-bound nodes keeps the best
solution found by then (a node limit, not a time limit: the same story gives the same summary
on a slow machine; `SAFETY_SECONDS` only stops a pathological program).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from newsweave.sections import SummarizeSettings

SAFETY_SECONDS = 30.0


def solve(
    concept_sets: dict[int, set[str]],
    weights: dict[str, float],
    lengths: dict[int, int],
    bonus: dict[int, float],
    close: list[tuple[int, int]],
    budget: int,
    nodes: int,
    first: int | None = None,
) -> list[int]:
    """The sentences (keys of `concept_sets`) that maximise covered concept weight plus their
    `bonus` within `budget` words, never both of a `close` pair; `first` is always among
    them. Listed `first` first, then by the concept weight they hold."""
    allowed = [i for i in concept_sets if lengths[i] <= budget or i == first]
    concepts = sorted({c for i in allowed for c in concept_sets[i]})
    if not allowed:
        return []
    column = {c: len(allowed) + k for k, c in enumerate(concepts)}
    n, m = len(allowed), len(concepts)
    objective = np.concatenate(
        [[-bonus.get(i, 0.0) for i in allowed], [-weights[c] for c in concepts]]
    )
    rows, cols, values = [], [], []
    for j, i in enumerate(allowed):  # c_k - sum of x_j holding it <= 0
        for c in concept_sets[i]:
            rows.append(column[c] - n)
            cols.append(j)
            values.append(-1.0)
    rows.extend(range(m))
    cols.extend(range(n, n + m))
    values.extend([1.0] * m)
    cover = coo_matrix((values, (rows, cols)), shape=(m, n + m))
    length = np.concatenate([[float(lengths[i]) for i in allowed], np.zeros(m)])
    constraints = [LinearConstraint(length[np.newaxis, :], -np.inf, float(budget))]
    if m:
        constraints.append(LinearConstraint(cover, -np.inf, 0.0))
    place = {i: j for j, i in enumerate(allowed)}
    pairs = [(place[a], place[b]) for a, b in close if a in place and b in place]
    if pairs:
        rows = [k for k in range(len(pairs)) for _ in range(2)]
        cols = [j for pair in pairs for j in pair]
        apart = coo_matrix(([1.0] * len(cols), (rows, cols)), shape=(len(pairs), n + m))
        constraints.append(LinearConstraint(apart, -np.inf, 1.0))
    lower = np.zeros(n + m)
    if first is not None and first in allowed:
        lower[allowed.index(first)] = 1.0
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n + m),
        bounds=Bounds(lower, np.ones(n + m)),
        options={"node_limit": nodes, "time_limit": SAFETY_SECONDS, "mip_rel_gap": 1e-4},
    )
    if result.x is None:
        return [first] if first is not None else []
    picked = [i for j, i in enumerate(allowed) if result.x[j] > 0.5]
    return sorted(picked, key=lambda i: (i != first, -_worth(i, concept_sets, weights), i))


def _worth(index: int, concept_sets: dict[int, set[str]], weights: dict[str, float]) -> float:
    return sum(weights[c] for c in concept_sets[index])


def bonuses(
    allowed: list[int],
    prior: NDArray[np.float64],
    lengths: dict[int, int],
    weights: dict[str, float],
    concept_sets: dict[int, set[str]],
    knobs: SummarizeSettings,
) -> dict[int, float]:
    """Each sentence's prior above 1, scaled to the concept weight its words would carry."""
    if not knobs.prior_weight or not allowed:
        return {}
    words = sum(lengths[i] for i in allowed)
    density = sum(_worth(i, concept_sets, weights) for i in allowed) / max(1, words)
    above = {i: float(prior[i]) - 1.0 for i in allowed}
    top = max(above.values()) or 1.0
    return {i: knobs.prior_weight * density * lengths[i] * above[i] / top for i in allowed}
