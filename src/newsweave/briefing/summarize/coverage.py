"""newsweave's default summarizer: cover the story's most widely reported ideas, once each.

The ideas of a story are its bigram concepts (adjacent stems, not both stop words) weighted by
the number of independent articles that contain them (Gillick & Favre's concept model, which
ICSISumm used at DUC). Sentences are chosen greedily for the concept weight they add per word
(a budgeted submodular objective, Lin & Bilmes 2010), scaled by what else is known of each
sentence: its position in its article, how central it is to the story (TF-IDF cosine to the
centroid), how recent its article is, and (off by default: it did not help on the DUC dev set,
where three outlets report everything) how many independent outlets report the same statement.
A concept counts only once, and a sentence too close to one already chosen is skipped, so the
summary does not repeat. Sentences that cannot stand alone (fragments, questions, bare quotes,
a pronoun or connective first) are left out. The summary opens with the sentence that states
the core event (`newsfirst`): the best lead among the chosen sentences when it scores within
`lead_slack` of the story's best lead, else the best lead, put in first. The others follow by
the number of outlets that report them, then in time order; the lead is trimmed of an
outlet's judging words (`trim`), and every sentence's relative dates ("next Wednesday",
"within hours") are replaced by the days they name (`redate`). Each is cited with its own article
first and the other articles that say the same after.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.summarize import text as tx
from newsweave.briefing.summarize.candidates import (
    Candidate,
    Pool,
    ToldAlike,
    candidates,
    pool,
    recency,
    told_as_one,
)
from newsweave.briefing.summarize.citations import cite, support
from newsweave.briefing.summarize.newsfirst import Leads, arrange, leads
from newsweave.briefing.summarize.redate import added_words, redated
from newsweave.briefing.summarize.trim import trim
from newsweave.clean.dateline import without_dateline
from newsweave.config import settings
from newsweave.models import Story, SummarySentence
from newsweave.sections import SummarizeSettings


class Coverage:
    """Budgeted greedy concept coverage with sentence priors; see the module docstring."""

    def __init__(self, **overrides: Any) -> None:
        self.knobs = settings("summarize", **overrides)

    def __call__(
        self, story: Story, words: int, *, fill: bool = False, told_alike: ToldAlike | None = None
    ) -> tuple[SummarySentence, ...]:
        knobs = self.knobs
        the_pool = told_as_one(
            pool(candidates(story, knobs.min_words, knobs.max_words)), told_alike
        )
        if not knobs.lead_first:
            chosen = select(the_pool, knobs, words, fill)
            # With `fill` the last sentence chosen overruns the budget: it stays last, to be cut.
            extra = chosen[-1:] if fill and len(chosen) > 1 else []
            kept = chosen[: len(chosen) - len(extra)]
            chosen = sorted(kept, key=lambda i: the_pool.items[i].order_key) + extra
            cited = [cite(the_pool, i, knobs.match, knobs.trim_datelines) for i in chosen]
            if knobs.resolve_dates:
                cited = self.dated(the_pool, None, (cited, chosen, None), words, fill)
            return tuple(cited)
        found = leads(the_pool, knobs)
        cited, chosen, lead = self.lead_first(the_pool, found, words, fill)
        if cited and knobs.resolve_dates:
            cited = self.dated(the_pool, found, (cited, chosen, lead), words, fill)
        return tuple(cited)

    def dated(
        self,
        the_pool: Pool,
        found: Leads | None,
        picked: tuple[list[SummarySentence], list[int], int | None],
        words: int,
        fill: bool,
    ) -> list[SummarySentence]:
        """The summary with its relative dates replaced by their days (`redate`), as far as
        the words fit the budget: the lead first (chosen again in fewer words when its date
        does not fit), then the others in order."""
        cited, chosen, lead = picked
        room = _room(cited, words, fill)
        if lead is not None and found is not None:
            wanted = added_words(cited[0].text, _published(the_pool, lead))
            if wanted > room:  # no room for the lead's date: choose again
                cited, chosen, lead = self.lead_first(the_pool, found, words - wanted, fill, lead)
                room = _room(cited, words, fill)
        for at, index in enumerate(chosen):
            before = tx.word_count(cited[at].text)
            cited[at] = redated(cited[at], _published(the_pool, index), room)
            room -= tx.word_count(cited[at].text) - before
        return cited

    def lead_first(
        self, the_pool: Pool, found: Leads, words: int, fill: bool, lead: int | None = None
    ) -> tuple[list[SummarySentence], list[int], int | None]:
        """The chosen sentences, cited, the lead first (trimmed) and the rest by support then
        time; their indices; the lead's index, or None when there is none."""
        knobs = self.knobs
        chosen = select(the_pool, knobs, max(1, words), fill, first=lead)
        lead = lead if lead is not None else found.among(chosen, knobs.lead_slack)
        if lead is None and (lead := found.best()) is not None:
            chosen = select(the_pool, knobs, max(1, words), fill, first=lead)
        # With `fill` the last sentence chosen overruns the budget: it stays last, to be cut.
        extra = [chosen[-1]] if fill and len(chosen) > 1 and chosen[-1] != lead else []
        kept = [i for i in chosen if i not in extra]
        chosen = arrange(the_pool, kept, lead, support(the_pool, knobs.match)) + extra
        cited = [cite(the_pool, i, knobs.match, knobs.trim_datelines) for i in chosen]
        if not cited or lead is None or chosen[0] != lead:
            return cited, chosen, None
        if knobs.trim_lead:
            cited[0] = trim(cited[0], knobs.min_words)
        return cited, chosen, lead


def _room(cited: list[SummarySentence], words: int, fill: bool) -> int:
    """The words left in the budget. With `fill` the last sentence overruns it, to be cut by
    the scorer: the room is what the sentences before it leave, as in a brief of `words`."""
    counts = [tx.word_count(c.text) for c in cited]
    if fill and len(counts) > 1 and sum(counts) > words:
        counts.pop()
    return words - sum(counts)


def _published(the_pool: Pool, index: int) -> date | None:
    return the_pool.items[index].article.published_day


def own_concepts(items: list[Candidate]) -> dict[int, set[str]]:
    """Index -> the bigram concepts of each sentence that is not a copy."""
    return {i: tx.concepts(list(c.stems)) for i, c in enumerate(items) if not c.is_copy}


def concept_weights(
    items: list[Candidate],
    concepts: dict[int, set[str]],
    min_df: int,
    min_share: float = 0.0,
    fact_weight: float = 0.0,
) -> dict[str, float]:
    """Concept -> number of independent articles (not copies) that contain it, if at least
    `min_df` and `min_share` of them do, times 1 + `fact_weight` when it holds a name or a
    number (what a reader wants first). `concepts` are the sentences' own (`own_concepts`)."""
    per_article: dict[str, set[str]] = {}
    for index, found in concepts.items():
        per_article.setdefault(items[index].article.id, set()).update(found)
    df: Counter[str] = Counter()
    for found in per_article.values():
        df.update(found)
    needed = max(min_df, math.ceil(min_share * len(per_article) - 1e-9))
    threshold = max(1, min(needed, len(per_article) - 1))
    weights = {c: float(n) for c, n in df.items() if n >= threshold}
    if fact_weight:
        facts = tx.name_stems(c.sentence.text for c in items if not c.is_copy)
        for concept in weights:
            if any(t in facts or any(ch.isdigit() for ch in t) for t in concept.split()):
                weights[concept] *= 1.0 + fact_weight
    return weights


def priors(the_pool: Pool, knobs: SummarizeSettings) -> NDArray[np.float64]:
    """A multiplier per sentence from position, centrality, cross-outlet support and recency."""
    items = the_pool.items
    position = np.array([1.0 / (1.0 + c.position) for c in items])
    prior = 1.0 + knobs.position_weight * position
    if knobs.centrality_weight:
        prior *= 1.0 + knobs.centrality_weight * the_pool.centrality
    if knobs.support_weight:
        outlets = max(1, len({c.outlet_key for c in items}) - 1)
        prior *= 1.0 + knobs.support_weight * (support(the_pool, knobs.match) - 1) / outlets
    if knobs.recency_weight:
        prior *= 1.0 + knobs.recency_weight * recency(items)
    return np.asarray(prior, dtype=np.float64)


def select(
    the_pool: Pool, knobs: SummarizeSettings, words: int, fill: bool, first: int | None = None
) -> list[int]:
    """The sentences that cover the story's concepts best within `words` (with `fill`, one
    more that the evaluation's cut will shorten), `first` (the lead) among them if given."""
    items = the_pool.items
    allowed = [i for i, c in enumerate(items) if not c.is_copy and (c.fit or not knobs.filters)]
    if not allowed:
        allowed = [i for i, c in enumerate(items) if not c.is_copy]
    concepts = own_concepts(items)  # each sentence's once: for the weights and for its set
    weights = concept_weights(
        items, concepts, knobs.concept_min_df, knobs.concept_min_share, knobs.fact_weight
    )
    prior = priors(the_pool, knobs)
    concept_sets = {i: concepts[i] & weights.keys() for i in allowed}
    cut = without_dateline if knobs.trim_datelines else str
    lengths = {i: max(1, tx.word_count(cut(items[i].sentence.text))) for i in allowed}
    space = Space(the_pool, knobs, allowed, weights, prior, concept_sets, lengths)
    if knobs.solver == "greedy":
        return greedy(space, words, fill, first)
    from newsweave.briefing.summarize import ilp  # SciPy's MILP solver: ~0.2 s to import

    bonus = ilp.bonuses(allowed, prior, lengths, weights, concept_sets, knobs)
    index = np.array(allowed)
    near = np.argwhere(np.triu(the_pool.similarity[np.ix_(index, index)] >= knobs.redundancy, 1))
    close = [(allowed[a], allowed[b]) for a, b in near]
    chosen = ilp.solve(concept_sets, weights, lengths, bonus, close, words, knobs.ilp_nodes, first)
    if fill and chosen:  # one more sentence, for the evaluation's cut at exactly `words`
        chosen = greedy(space, sum(lengths[i] for i in chosen) + 1, True, None, chosen)
    return chosen


@dataclass(frozen=True, slots=True)
class Space:
    """What selection chooses from: the allowed sentences, their concepts, lengths, priors."""

    pool: Pool
    knobs: SummarizeSettings
    allowed: list[int]
    weights: dict[str, float]
    prior: NDArray[np.float64]
    concept_sets: dict[int, set[str]]
    lengths: dict[int, int]


def greedy(
    space: Space, words: int, fill: bool, first: int | None, start: list[int] | None = None
) -> list[int]:
    """Greedy budgeted selection after `start`: `first` (the lead) if given, then the best
    gain per word, until the budget is spent."""
    knobs, weights, lengths = space.knobs, space.weights, space.lengths
    chosen = list(start or [])
    covered = set().union(*(space.concept_sets[i] for i in chosen)) if chosen else set()
    used = sum(lengths[i] for i in chosen)
    allowed = [i for i in space.allowed if i not in chosen and not _close(space, i, chosen)]
    while allowed and used < words:
        best, best_score = -1, 0.0
        if first is not None and first in allowed and (fill or used + lengths[first] <= words):
            best, best_score = first, float("inf")  # the lead goes in first, whatever its gain
        first = None
        for i in allowed:
            if not fill and used + lengths[i] > words:
                continue
            gain = sum(map(weights.__getitem__, space.concept_sets[i] - covered)) * space.prior[i]
            score = gain / lengths[i] ** knobs.length_exponent
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        used += lengths[best]
        covered |= space.concept_sets[best]
        allowed = [i for i in allowed if i != best and not _close(space, i, [best])]
    return chosen


def _close(space: Space, index: int, chosen: list[int]) -> bool:
    return any(space.pool.similarity[c][index] >= space.knobs.redundancy for c in chosen)
