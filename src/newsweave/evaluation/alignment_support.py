"""The `support` system of `newsweave eval alignment`: the learned support classifier
(`briefing/agreement/support.py`) judging labelled pairs the way `compare_outlets` does.

Pairs are featurised a story at a time (pairs without a story: 150 at a time), so TF-IDF is
fitted on about one story's sentences, as in a brief. A pair is "same" if any clause of one and
any clause of the other reach the model's `threshold`; the score is the best clause pair's
probability. `support` uses the embedding model with MiniLM when it is installed, else the
lexical model, main verbs by spaCy's tagger (the default brief); `support_lexical` is the
lexical model with the tagger's verbs (what `brief --fast` ran before it dropped spaCy) and
`support_fast` the lexical model with verbs by rule (`agreement/verbs.py`, `brief --fast`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.statements import anchors, sentence_dates
from newsweave.briefing.agreement.support import model, story_features

_CHUNK = 150
# System name: (model kind, None for "embedding if MiniLM is installed"; how verbs are found).
SUPPORT_SYSTEMS = {
    "support": (None, "tagger"),
    "support_lexical": ("lexical", "tagger"),
    "support_fast": ("lexical", "rule"),
}


def _groups(pairs: Sequence[Any]) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for number, pair in enumerate(pairs):
        grouped[pair.story or f"chunk-{number // _CHUNK}"].append(number)
    return grouped


def _embedder() -> Any:
    from newsweave.briefing.agreement.compare import embedder_or_none

    return embedder_or_none()


def _parts(text: str, min_words: int) -> list[str]:
    return [text[start:end] for start, end in clauses(text, min_words)] or [text]


def support_scores(
    pairs: Sequence[Any], min_words: int, system: str = "support"
) -> tuple[np.ndarray, str]:
    """The best clause-pair probability of every pair, and the model kind used, for one of
    `SUPPORT_SYSTEMS`."""
    wanted, verbs = SUPPORT_SYSTEMS[system]
    embed = _embedder() if wanted is None else None
    kind = "embedding" if embed is not None else "lexical"
    scores = np.zeros(len(pairs))
    for members in _groups(pairs).values():
        published = {}
        split = {}
        for k in members:
            for text, day in (
                (pairs[k].a, pairs[k].published_a),
                (pairs[k].b, pairs[k].published_b),
            ):
                split[text] = _parts(text, min_words)
                for part in split[text]:
                    published[part] = day
        texts = sorted(published)
        index = {t: i for i, t in enumerate(texts)}
        found = [anchors(t, sentence_dates(t, published[t])) for t in texts]
        cosine = None
        if embed is not None:
            vectors = embed(texts)
            cosine = np.asarray(vectors @ vectors.T, dtype=np.float32)
        probability = model(kind).probability(story_features(texts, found, cosine, verbs))
        for k in members:
            rows = [index[t] for t in split[pairs[k].a]]
            cols = [index[t] for t in split[pairs[k].b]]
            scores[k] = float(probability[np.ix_(rows, cols)].max())
    return scores, kind


def judge_support(
    pairs: Sequence[Any], min_words: int, system: str = "support"
) -> tuple[list[str], np.ndarray, float]:
    """Predicted "same"/"different" per pair, the scores, and the threshold used."""
    scores, kind = support_scores(pairs, min_words, system)
    threshold = model(kind).threshold
    return ["same" if s >= threshold else "different" for s in scores], scores, threshold
