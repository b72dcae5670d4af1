"""A rule-shaped path to support, kept out of the product: what `support_rule.py` measures.

Two statements of different outlets state one claim, by this rule, when they share a predicate
(a main verb lemma; in the "v|n" variants a noun lemma will do), at least two anchors of
distinct identities (names by identity, resolved days and months, exact counts with their
noun) and no anchor that clashes (the support features `anchor_clash` and `negation_apart`).

Names are identities, not strings: "Vladimir Putin", "President Putin" and "Putin" are one
(the last word of a capitalised run, titles left out), unless two people of the story share
that last word with different first names ("Joe Biden", "Hunter Biden"): then each full name
is its own identity and the bare word none. Names in an attribution ("..., Peskov said",
"according to the Kremlin") say who spoke, not what happened, and are left out.

The knobs of a variant (`Variant`) are what `support_rule.py` chooses on training stories.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.briefing.agreement.statements import Anchors
from newsweave.briefing.agreement.statements import anchors as anchors_of
from newsweave.briefing.agreement.verbs import REPORTING
from newsweave.text.stopwords import ENGLISH_STOP_WORDS

_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))*(?:[ -][A-Z][a-z]+)?\b")
_CALENDAR = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)
# Titles and roles before a name: "President Putin" and "Vladimir Putin" are one person.
_TITLES = frozenset(
    re.findall(
        r"\w+",
        "president vice prime minister secretary mr mrs ms dr gov governor sen senator rep "
        "representative gen general judge justice chancellor king queen pope officer spokesman "
        "spokeswoman spokesperson ambassador leader chairman chairwoman director chief former "
        "foreign state deputy attorney mayor lawmaker congressman congresswoman sir lord",
    )
)
_SAY = r"(?:said|says|told|added|reported|stated|noted|wrote|claimed|announced)"
_ATTRIBUTION_TAIL = re.compile(
    rf"[,;]?\s+(?:(?:[\w.’'-]+\s+){{0,8}}{_SAY}\b|according to\b).*$", re.IGNORECASE
)
_ATTRIBUTION_HEAD = re.compile(
    rf"^(?:according to [^,]+,\s*|(?:[\w.’'-]+\s+){{1,8}}{_SAY}(?:\s+that)?\s+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Variant:
    """One setting of the rule.

    predicate: "v" (a shared main verb), "v|n" (a shared main verb, or a shared noun) or
    "parse" (a shared predicate with the anchors in its own sub-claim: `same_sub_claims`);
    contained: every anchor of the statement with fewer anchors is in the other;
    share: the share of the predicates of the statement with fewer that the other must have;
    common: anchors in more than this share of the story's statements do not count;
    floor: MiniLM cosine the pair must reach (0: none)."""

    predicate: str = "v"
    contained: bool = False
    share: float = 1.0
    common: float = 1.0
    floor: float = 0.0
    needed: int = 2


def without_attribution(text: str) -> str:
    """The claim of a statement without who said it ("X said that ...", "..., X said")."""
    claim = _ATTRIBUTION_HEAD.sub("", text, count=1)
    stripped = _ATTRIBUTION_TAIL.sub("", claim, count=1)
    return stripped if len(stripped.split()) >= 3 else claim


def name_runs(text: str) -> list[tuple[str, ...]]:
    """Capitalised runs of a claim as lowercase words, titles, function words, months and
    weekdays left out (dates are compared as resolved days)."""
    runs = []
    for match in _RUN.finditer(without_attribution(text)):
        words = [w.rstrip(".").lower() for w in re.split(r"[ -]", match.group(0))]
        while words and words[0] in ENGLISH_STOP_WORDS:
            words.pop(0)
        words = [w for w in words if w not in _CALENDAR and w not in _TITLES]
        if words and len(words[-1]) > 1:
            runs.append(tuple(words))
    return runs


def identities(runs: Sequence[Sequence[tuple[str, ...]]]) -> list[frozenset[str]]:
    """Each statement's names as story-wide identities (module docstring)."""
    firsts: dict[str, set[str]] = {}
    for statement in runs:
        for run in statement:
            if len(run) > 1:
                firsts.setdefault(run[-1], set()).add(run[-2])
    found = []
    for statement in runs:
        keys = set()
        for run in statement:
            if len(firsts.get(run[-1], ())) <= 1:
                keys.add("name:" + run[-1])
            elif len(run) > 1:
                keys.add("name:" + " ".join(run[-2:]))
        found.append(frozenset(keys))
    return found


def anchor_keys(texts: Sequence[str], anchors: Sequence[Anchors]) -> list[frozenset[str]]:
    """Every statement's anchors as comparable keys: names, days and months, exact counts."""
    names = identities([name_runs(text) for text in texts])
    keys = []
    for named, found in zip(names, anchors, strict=True):
        dates = {"date:" + day for day in found.dates}
        counts = {
            f"count:{q.value:g}:" + ",".join(sorted(q.unit)) for q in found.quantities if q.exact
        }
        keys.append(named | dates | counts)
    return keys


def _overlap(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """How many members every pair of sets shares, and the size of the smaller set."""
    vocabulary = {item: k for k, item in enumerate(sorted(set().union(*sets)))}
    incidence = np.zeros((len(sets), max(len(vocabulary), 1)), dtype=np.float32)
    for row, members in enumerate(sets):
        incidence[row, [vocabulary[item] for item in members]] = 1.0
    sizes = incidence.sum(axis=1)
    return incidence @ incidence.T, np.minimum.outer(sizes, sizes)


def _one_predicate(
    predicates: Sequence[frozenset[str]], shared_keys: np.ndarray, variant: Variant
) -> np.ndarray:
    shared, fewer = _overlap(predicates)
    return (shared > 0) & (shared >= variant.share * fewer) & (shared_keys >= variant.needed)


def same_claims(
    texts: Sequence[str],
    anchors: Sequence[Anchors],
    lemmas: tuple[Sequence[frozenset[str]], Sequence[frozenset[str]]],
    features: dict[str, np.ndarray],
    variant: Variant,
) -> np.ndarray:
    """True where two statements state one claim by the rule; `lemmas` are (main verbs,
    nouns) of each statement, `features` the support features (`support.pair_features`)."""
    keys = anchor_keys(texts, anchors)
    if variant.common < 1.0:
        counts = Counter(key for found in keys for key in found)
        most = max(variant.common * len(keys), 2)
        keys = [frozenset(k for k in found if counts[k] <= most) for found in keys]
    shared_keys, fewer_keys = _overlap(keys)
    same = _one_predicate(lemmas[0], shared_keys, variant)
    if variant.predicate == "v|n":
        same |= _one_predicate(lemmas[1], shared_keys, variant)
    if variant.contained:
        same &= shared_keys >= fewer_keys
    same &= (features["anchor_clash"] == 0) & (features["negation_apart"] == 0)
    same &= features["embedding"] >= variant.floor
    np.fill_diagonal(same, False)
    return same


def sub_claims(
    texts: Sequence[str], days: Sequence[Sequence[tuple[int, int, str]]]
) -> list[list[tuple[str, str, frozenset[str]]]]:
    """Each text's sub-claims by spaCy's parse: one per verb (and the root), its subtree
    without the subtrees of the verbs below it ("..., followed by his meeting with Putin" is
    a claim of its own), as (predicate lemma, its words, the resolved dates among them);
    `days` are each text's (start, end, ISO date) from `statements.sentence_dates`."""
    from newsweave.nlp.spacy_pipeline import pipeline

    found = []
    for doc, dated in zip(pipeline().pipe(texts, disable=["ner"]), days, strict=True):
        heads = [
            t
            for t in doc
            if (t.pos_ == "VERB" or t.dep_ == "ROOT") and t.lemma_.lower() not in REPORTING
        ]
        own = {t.i for t in heads}
        claims = []
        for head in heads:
            tokens, stack = [], [head]
            while stack:
                token = stack.pop()
                tokens.append(token)
                stack.extend(child for child in token.children if child.i not in own)
            tokens.sort(key=lambda t: t.i)
            starts = {t.idx for t in tokens}
            dates = frozenset(v for s, e, v in dated if any(s <= i < e for i in starts))
            claims.append((head.lemma_.lower(), " ".join(t.text for t in tokens), dates))
        found.append(claims)
    return found


def same_sub_claims(
    claims: Sequence[Sequence[tuple[str, str, frozenset[str]]]],
    features: dict[str, np.ndarray],
    variant: Variant,
) -> np.ndarray:
    """True where a sub-claim of one statement and one of another share their predicate and
    `variant.needed` anchors of their own (not the sentence's), with no clash."""
    flat = [(i, claim) for i, found in enumerate(claims) for claim in found]
    names = identities([name_runs(claim[1]) for _, claim in flat])
    keys = [
        named
        | {"date:" + day for day in claim[2]}
        | {
            f"count:{q.value:g}:" + ",".join(sorted(q.unit))
            for q in anchors_of(claim[1]).quantities
            if q.exact
        }
        for (_, claim), named in zip(flat, names, strict=True)
    ]
    counts = Counter(key for found in keys for key in found)
    most = max(variant.common * len(flat), 2)
    by_predicate: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for (i, claim), found in zip(flat, keys, strict=True):
        kept = frozenset(k for k in found if counts[k] <= most)
        by_predicate.setdefault(claim[0], []).append((i, kept))
    same = np.zeros((len(claims), len(claims)), dtype=bool)
    for members in by_predicate.values():
        for x, (i, a) in enumerate(members):
            for j, b in members[x + 1 :]:
                if i != j and len(a & b) >= variant.needed:
                    same[i, j] = same[j, i] = True
    same &= (features["anchor_clash"] == 0) & (features["negation_apart"] == 0)
    return same & (features["embedding"] >= variant.floor)
