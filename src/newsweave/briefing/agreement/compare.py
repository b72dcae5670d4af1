"""What outlets agree on, what only one says, and where they contradict each other.

Statements of different outlets are compared by meaning (MiniLM sentence embeddings, or TF-IDF
cosine in the lexical mode), nudged up when they share an anchor that embeddings blur (the same
calendar day, the same count of the same thing). Support counts independent outlets: reposts and
spun rewrites were set aside by `story_statements`, so wire copy printed five times counts once.

Each pair of statements of different outlets is one of three relations (`relation`):
- contradicting: about the same thing, with anchors that cannot both be true (a number, a date,
  whether it happened, a loaded word: `conflicts.py`), or one slot filled two ways however the
  rest is worded (an event's day, a named thing's amount, a person's years: `disputes.py`).
  Clashes of figures are kept by a learned gate (`decided_by="model"`), the others by rule
  (`decided_by="rule"`).
- same: similar at or above the alignment threshold and not contradicting;
- different: the rest.
Agreed facts are only reported facts and attributed claims (`text.kinds`): a group whose
representative is opinion, analysis or background is the outlets' framing, not an agreed fact.
Facts and exclusives go further than one cosine: every pair gets a support probability from a
learned combination of similarities and anchors (`support.py`). Pairs at or above the model's
`threshold` are grouped (strongest first, at most one statement per article, never across a
conflict), and an outlet is credited with a group's fact only if one of its statements states
the claim of the group's representative. An informative statement is an exclusive only if no
other outlet's statement reaches the model's lower `recall_threshold` and no part of another
outlet's sentence says it (`exclusives.py`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.briefing.agreement.conflicts import (
    align_threshold,
    conflict,
    conflict_threshold,
    figures_apart,
)
from newsweave.briefing.agreement.disputes import dispute, slot_pairs
from newsweave.briefing.agreement.exclusives import rank, stated_in_parts, unmatched
from newsweave.briefing.agreement.matching import lexical_similarity, shared_anchor
from newsweave.briefing.agreement.quoted import quoting_pairs
from newsweave.briefing.agreement.statements import Anchors, Statement, story_statements
from newsweave.briefing.agreement.support import model as support_model
from newsweave.briefing.agreement.support import pair_features, verb_sets
from newsweave.clean.dateline import without_dateline
from newsweave.config import settings
from newsweave.models import (
    Claim,
    Conflict,
    Exclusive,
    Fact,
    SourceRef,
    Story,
)
from newsweave.sections import AgreementSettings
from newsweave.text.kinds import AGREED_KINDS, statement_kind

Matrix = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Agreement:
    facts: tuple[Fact, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


@cache
def embedder_or_none() -> Any:
    from newsweave.errors import ConfigError
    from newsweave.nlp.embed import default_embedder

    try:
        return default_embedder()
    except ConfigError:
        return None


def similarity(texts: Sequence[str], mode: str) -> tuple[Matrix, str]:
    """Pairwise similarity of texts and the mode actually used (embedding falls back to lexical)."""
    if mode == "embedding":
        embedder = embedder_or_none()
        if embedder is not None:
            vectors = embedder(list(texts))
            return np.asarray(vectors @ vectors.T, dtype=np.float32), "embedding"
    return lexical_similarity(texts), "lexical"


def anchored(matrix: Matrix, anchors: Sequence[Anchors], bonus: float) -> Matrix:
    """The similarity matrix with `bonus` added where two statements share an anchor."""
    if bonus <= 0:
        return matrix
    adjusted = matrix.copy()
    with_anchor = [i for i, a in enumerate(anchors) if a.dates or a.quantities]
    for x, i in enumerate(with_anchor):
        for j in with_anchor[x + 1 :]:
            if shared_anchor(anchors[i], anchors[j]):
                adjusted[i, j] += bonus
                adjusted[j, i] += bonus
    return adjusted


def relation(
    a: tuple[str, Anchors],
    b: tuple[str, Anchors],
    score: float,
    config: AgreementSettings,
    used: str,
) -> str:
    """ "contradicting", "same" or "different" for two statements of different outlets."""
    if disagreement(a, b, score, config, used):
        return "contradicting"
    return "same" if score >= align_threshold(config, used) else "different"


def disagreement(
    a: tuple[str, Anchors],
    b: tuple[str, Anchors],
    score: float,
    config: AgreementSettings,
    used: str,
) -> str | None:
    """What two statements of different outlets disagree on, or None: a clash of figures,
    dates, negation or loaded words of statements similar enough (`conflicts.conflict`), else
    a dispute on one slot, however unlike their wording (`disputes.dispute`)."""
    return conflict(a, b, score, config, used) or dispute(a, b, config)


def align(
    statements: Sequence[Statement],
    matrix: Matrix,
    threshold: float,
    apart: Collection[tuple[int, int]] = (),
) -> list[list[int]]:
    """Groups of statements that say the same thing, at most one statement per article.

    Pairs are joined strongest first (single-link with an article constraint), so a statement
    joins the group it resembles most and a group never holds two sentences of one article.
    Pairs in `apart` (contradicting ones) are never joined directly.
    """
    n = len(statements)
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    rows, cols = np.where(np.triu(matrix, k=1) >= threshold)
    pairs = sorted(zip(rows.tolist(), cols.tolist(), strict=True), key=lambda p: -matrix[p])
    for i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b or (i, j) in apart:
            continue
        articles_a = {statements[k].article.id for k in members[a]}
        if articles_a & {statements[k].article.id for k in members[b]}:
            continue
        for k in members[b]:
            group_of[k] = a
        members[a].extend(members.pop(b))
    return [sorted(group) for group in members.values()]


def _find_conflicts(
    statements: Sequence[Statement], matrix: Matrix, config: AgreementSettings, used: str
) -> tuple[list[Conflict], set[tuple[int, int]]]:
    """Conflicts between statements of different outlets, and the index pairs that clash as
    wholes (`conflicts.conflict`; a dispute on one slot, `disputes.dispute`, is listed but
    keeps no fact apart: "Cowan will be the second black senator, after Edward Brooke, who
    served from 1967 to 1979" and "... since Edward Brooke held the seat from 1966 to 1978"
    share the claim they dispute a detail of). Pairs are those similar enough to be compared
    and those that fill one slot (`disputes.slot_pairs`), however worded."""
    conflicts: list[Conflict] = []
    clashing: set[tuple[int, int]] = set()
    listed: dict[frozenset[str], int] = {}  # the two sentences of a conflict -> its place
    rows, cols = np.where(np.triu(matrix, k=1) >= conflict_threshold(config, used))
    pairs = set(zip(rows.tolist(), cols.tolist(), strict=True))
    slotted = slot_pairs([(s.text, s.anchors) for s in statements])  # the only ones to dispute
    for i, j in sorted(pairs | slotted, key=lambda p: (-matrix[p], p)):
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet:
            continue
        sides = (a.text, a.anchors), (b.text, b.anchors)
        about = conflict(*sides, float(matrix[i, j]), config, used)
        if about is not None:
            clashing.add((i, j))  # never joined in one fact
        elif (i, j) in slotted:  # one detail disputed: the rest may still be a shared fact
            about = dispute(*sides, config)
        if about is None:
            continue
        claims = tuple(
            Claim(text=without_dateline(s.text), article=s.article.id, outlet=s.outlet)
            for s in (a, b)
        )
        key = frozenset(claim.text for claim in claims)
        if key in listed:  # the same two sentences in other articles: one conflict, more outlets
            earlier = conflicts[listed[key]]
            more = tuple(c for c in claims if c not in earlier.claims)
            conflicts[listed[key]] = replace(earlier, claims=earlier.claims + more)
            continue
        listed[key] = len(conflicts)
        decided_by = "model" if about.startswith("how many") else "rule"  # the gate weighed it
        conflicts.append(Conflict(about=about, claims=claims, decided_by=decided_by))
    return conflicts, clashing


def _representative(matrix: Matrix, index: Sequence[int]) -> int:
    """The member most similar to the rest: the plainest wording of what they share."""
    if len(index) == 1:
        return 0
    block = matrix[np.ix_(index, index)]
    return int(np.argmax(block.sum(axis=1)))


def _source(statement: Statement) -> SourceRef:
    """The exact sentence a statement (perhaps one clause of it) stands in, as cited."""
    sentence = statement.sentence
    return SourceRef(
        article=statement.article.id,
        text=statement.article.text[sentence.start : sentence.end],
        start=sentence.start,
        end=sentence.end,
    )


def _fact(group: list[Statement], chosen: Statement) -> Fact:
    ordered = [chosen, *(s for s in group if s is not chosen)]
    outlets = tuple(sorted({s.outlet for s in group}))
    return Fact(
        text=without_dateline(chosen.text),
        articles=tuple(dict.fromkeys(s.article.id for s in ordered)),
        support=len(outlets),
        outlets=outlets,
        sources=tuple(_source(s) for s in ordered),
        kind=kind_of_statement(chosen),
    )


def kind_of_statement(statement: Statement) -> str:
    """The kind of the sentence a statement stands in (`text.kinds`): a clause's attribution
    ("..., officials said") is often in the other clause of its sentence."""
    return statement_kind(statement.sentence.text)


def _informative(statement: Statement, min_words: int) -> bool:
    """Long enough and carrying a name or a number: "Here is what we know." is not."""
    words = statement.text.split()
    return len(words) >= min_words and bool(statement.quantities or statement.names)


def _unstated(
    candidates: list[Statement],
    statements: Sequence[Statement],
    config: AgreementSettings,
    used: str,
) -> list[Statement]:
    """The candidate exclusives that no part of another outlet's sentence says."""
    if not candidates:
        return candidates
    embedding = used == "embedding"
    threshold = config.embedding_part_threshold if embedding else config.lexical_part_threshold
    stated = stated_in_parts(
        candidates, statements, lambda texts: similarity(texts, used)[0], threshold
    )
    return [c for c, inside in zip(candidates, stated, strict=True) if not inside]


def support_matrix(
    statements: Sequence[Statement], cosine: Matrix, used: str, verbs: str = "tagger"
) -> Matrix:
    """P(same claim) for every pair of statements (`support.py`), from their cosine matrix;
    `verbs` says how their main verbs are found (`support.verb_sets`)."""
    texts = [s.text for s in statements]
    tfidf = lexical_similarity(texts) if used == "embedding" else cosine
    features = pair_features(
        [s.anchors for s in statements],
        tfidf,
        verb_sets(texts, verbs),
        cosine if used == "embedding" else None,
        [len(text.split()) for text in texts],
    )
    return support_model(used).probability(features)


def with_shared_quotations(
    support: Matrix, statements: Sequence[Statement], threshold: float, run_words: int
) -> Matrix:
    """The support matrix with pairs whose sentences quote the same `run_words` words
    (`quoted.quoting_pairs`) raised to the model's `threshold`: both report the remark."""
    lifted = support.copy()
    pairs = quoting_pairs(
        [s.sentence.text for s in statements], [s.outlet for s in statements], run_words
    )
    for i, j in pairs:
        lifted[i, j] = lifted[j, i] = max(support[i, j], threshold)
    return lifted


def _credited(
    index: list[int],
    support: Matrix,
    threshold: float,
    clashing: Collection[tuple[int, int]],
    statements: Sequence[Statement],
    config: AgreementSettings,
) -> tuple[list[int], int]:
    """The members that state the claim of the group's representative (the member most
    supported by the rest), representative first: single-link grouping chains near misses,
    and a member joined through a third that clashes with the representative itself (a count,
    a day: `clashing`) does not state its claim; nor does one that gives a figure of the same
    kind the representative's cannot be (`conflicts.figures_apart`: "falling 150 meters" is
    no support for "falling about 60 metres", though the two are too far apart to be listed
    as one count disputed)."""
    chosen = index[_representative(support, index)]
    side = (statements[chosen].text, statements[chosen].anchors)
    members = [
        i
        for i in index
        if i == chosen
        or (
            support[chosen, i] >= threshold
            and (min(i, chosen), max(i, chosen)) not in clashing
            and not figures_apart(side, (statements[i].text, statements[i].anchors), config)
        )
    ]
    return members, chosen


def compare_outlets(story: Story, mode: str | None = None, verbs: str | None = None) -> Agreement:
    """Facts (two or more independent outlets), exclusives and conflicts of one story.

    `mode` and `verbs` override the [agreement] settings of the same names (`brief --fast`
    passes "lexical" and "rule": no MiniLM, no spaCy)."""
    config = settings("agreement", mode=mode, verbs=verbs)
    if len({article.voice for article in story.originals}) < 2:
        return Agreement()  # its statements could not have two outlets: not worth finding them
    statements = story_statements(story, config.statement_min_words)
    if len({s.outlet for s in statements}) < 2:
        return Agreement()
    cosine, used = similarity([s.text for s in statements], config.mode)
    matrix = anchored(cosine, [s.anchors for s in statements], config.anchor_bonus)
    conflicts, clashing = _find_conflicts(statements, matrix, config, used)
    model = support_model(used)
    support = with_shared_quotations(
        support_matrix(statements, cosine, used, config.verbs),
        statements,
        model.threshold,
        config.quote_run_words,
    )
    facts, single = [], []
    outlets = np.array([s.outlet for s in statements])
    for index in align(statements, support, model.threshold, clashing):
        members, chosen = _credited(index, support, model.threshold, clashing, statements, config)
        group = [statements[i] for i in members]
        if len({s.outlet for s in group}) >= 2:
            if kind_of_statement(statements[chosen]) in AGREED_KINDS:
                facts.append(_fact(group, statements[chosen]))
        elif (
            len(index) == len(members)
            and _informative(group[0], config.exclusive_min_words)
            and unmatched(index, outlets, support, model.recall_threshold)
        ):
            single.append(group[0])
    facts.sort(key=lambda f: (-f.support, -len(f.articles)))
    single = _unstated(single, statements, config, used)
    exclusives = rank(single, statements, config.max_exclusives_per_outlet)
    return Agreement(tuple(facts), tuple(exclusives), tuple(conflicts))
