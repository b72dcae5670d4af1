"""Does a rule-shaped path to support (`claim_rule.py`), OR'ed with the support classifier,
raise recall at precision 0.95? Measured on the labelled statement pairs, then read on the
samples.

Each pair of tests/data/statement-pairs.jsonl is judged as a brief judges it: by clauses, "same"
when any clause of one and any clause of the other are. Systems: the classifier alone at its
shipped threshold, the rule alone, and both OR'ed. Two families of the rule are scored apart:
by lemmas (`claim_rule.same_claims`; a variant sets a verb or noun predicate, containment,
predicate share, how common an anchor may be in the story, a MiniLM cosine floor) and by parsed
sub-claims (`claim_rule.same_sub_claims`). Each family's variant is chosen on training stories
only: the one whose OR keeps precision >= 0.95 there with the most recall.

Reported: the held-out third (17 stories; the classifier never saw them), the variant chosen on
the 33 training stories; those training stories themselves (in-sample); a 5-fold split of all
50 stories by story, the variant chosen on the other four folds each time (the classifier was
fitted on the 33 training stories, so its own share of these figures is partly in-sample); and
the ceiling: the positives the classifier misses that the loosest variant finds at all, right
or wrong.

`--samples DIR` then lists, for one story read from DIR, the statement pairs of different
outlets that the chosen rule credits and the classifier does not, for reading.

    python bench/support_rule.py --shared ../shared --samples ../shared/samples
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from claim_rule import Variant, same_claims, same_sub_claims, sub_claims
from fit_support import LABELS, prf

from newsweave.briefing.agreement.clauses import clauses
from newsweave.briefing.agreement.compare import embedder_or_none, similarity
from newsweave.briefing.agreement.matching import lexical_similarity
from newsweave.briefing.agreement.statements import anchors, sentence_dates, story_statements
from newsweave.briefing.agreement.support import main_verbs, model, pair_features
from newsweave.evaluation.alignment import Pair, load
from newsweave.nlp.spacy_pipeline import pipeline

_FOLDS = 5
_PRECISION = 0.95
VARIANTS = [
    Variant(predicate, contained, share, common, floor)
    for predicate, contained, share, common, floor in itertools.product(
        ("v", "v|n"), (False, True), (0.0, 0.5, 1.0), (0.2, 0.35, 0.5, 1.0), (0.0, 0.4, 0.5, 0.6)
    )
]
PARSED = [
    Variant("parse", common=common, floor=floor)
    for common, floor in itertools.product((0.35, 0.5, 1.0), (0.0, 0.4, 0.5))
]
LOOSEST = Variant("v|n", False, 0.0, 1.0, 0.0)
FAMILIES = {"lemmas": VARIANTS, "parsed sub-claims": PARSED}


def nouns(texts: Sequence[str]) -> list[frozenset[str]]:
    """Lemmas of the common nouns of each text (spaCy's tagger)."""
    nlp = pipeline()
    keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}
    disable = [name for name in nlp.pipe_names if name not in keep]
    return [
        frozenset(t.lemma_.lower() for t in doc if t.pos_ == "NOUN")
        for doc in nlp.pipe(texts, disable=disable, batch_size=64)
    ]


def judged(texts: Sequence[str], days: Sequence, cosine: np.ndarray) -> tuple:
    """The classifier's probability and every variant's verdict over statements of a story
    (`days`: each statement's resolved dates, `statements.sentence_dates`)."""
    found = [anchors(text, dated) for text, dated in zip(texts, days, strict=True)]
    lemmas = (main_verbs(texts), nouns(texts))
    lengths = [len(text.split()) for text in texts]
    features = pair_features(found, lexical_similarity(texts), lemmas[0], cosine, lengths)
    probability = model("embedding").probability(features)
    rules = {v: same_claims(texts, found, lemmas, features, v) for v in [*VARIANTS, LOOSEST]}
    claims = sub_claims(texts, days)
    rules |= {v: same_sub_claims(claims, features, v) for v in PARSED}
    return probability, rules


def _parts(text: str) -> list[str]:
    return [text[start:end] for start, end in clauses(text, 5)] or [text]


def scores(pairs: Sequence[Pair]) -> tuple[np.ndarray, dict[Variant, np.ndarray]]:
    """Per pair: the best clause pair's probability, and each variant's verdict."""
    embed = embedder_or_none()
    probability = np.zeros(len(pairs))
    verdicts = {v: np.zeros(len(pairs), dtype=bool) for v in [*VARIANTS, *PARSED, LOOSEST]}
    groups: dict[str, list[int]] = defaultdict(list)
    for k, pair in enumerate(pairs):
        groups[pair.story].append(k)
    for members in groups.values():
        published, split = {}, {}
        for k in members:
            for text, day in (
                (pairs[k].a, pairs[k].published_a),
                (pairs[k].b, pairs[k].published_b),
            ):
                split[text] = _parts(text)
                published.update({part: day for part in split[text]})
        texts = sorted(published)
        index = {t: i for i, t in enumerate(texts)}
        days = [sentence_dates(t, published[t]) for t in texts]
        vectors = embed(texts)
        story_p, rules = judged(texts, days, np.asarray(vectors @ vectors.T, dtype=np.float32))
        for k in members:
            cells = np.ix_(
                [index[t] for t in split[pairs[k].a]], [index[t] for t in split[pairs[k].b]]
            )
            probability[k] = story_p[cells].max()
            for variant, rule in rules.items():
                verdicts[variant][k] = rule[cells].any()
    return probability, verdicts


def choose(
    y: np.ndarray, classifier: np.ndarray, verdicts: dict, rows: np.ndarray, family: list
) -> Variant:
    """The variant of `family` whose OR with the classifier keeps precision >= 0.95 on `rows`,
    with the most recall there."""

    def key(variant: Variant) -> tuple[bool, float]:
        found = prf(y[rows], (classifier | verdicts[variant])[rows])
        return found["precision"] >= _PRECISION, found["recall"]

    return max(family, key=key)


def report(pairs: Sequence[Pair], probability: np.ndarray, verdicts: dict, family: list) -> Variant:
    """Held-out, in-sample and 5-fold figures of the variant of `family` chosen on training."""
    y = np.array([p.label == "same" for p in pairs])
    classifier = probability >= model("embedding").threshold
    test = np.array([p.split == "test" for p in pairs])
    chosen = choose(y, classifier, verdicts, ~test, family)
    print(f"chosen on the 33 training stories: {chosen}")
    for name, rows in (("held-out third", test), ("training stories (in-sample)", ~test)):
        rule = verdicts[chosen]
        print(f"{name}: {int(rows.sum())} pairs, {int(y[rows].sum())} same")
        print("  classifier      ", prf(y[rows], classifier[rows]))
        print("  rule            ", prf(y[rows], rule[rows]))
        print("  classifier | rule", prf(y[rows], (classifier | rule)[rows]))
        missed = y[rows] & ~classifier[rows]
        ceiling = int((missed & verdicts[LOOSEST][rows]).sum())
        print(f"  ceiling: {ceiling} of {int(missed.sum())} missed positives pass {LOOSEST}")
    stories = np.array(sorted({p.story for p in pairs}))
    order = np.random.default_rng(0).permutation(stories)
    fold_of = {story: k % _FOLDS for k, story in enumerate(order)}
    fold = np.array([fold_of[p.story] for p in pairs])
    rule = np.zeros(len(pairs), dtype=bool)
    for k in range(_FOLDS):
        rows = fold == k
        variant = choose(y, classifier, verdicts, ~rows, family)
        rule[rows] = verdicts[variant][rows]
        print(f"fold {k}: {variant}", prf(y[rows], (classifier | rule)[rows]))
    print(f"{_FOLDS} folds of all stories, pooled: classifier", prf(y, classifier))
    print("  rule", prf(y, rule), "classifier | rule", prf(y, classifier | rule))
    return chosen


def samples(folder: Path, variant: Variant) -> None:
    """The cross-outlet statement pairs of the samples' story that only the rule credits."""
    import newsweave

    story = next(iter(newsweave.stories(newsweave.read([folder]))))
    statements = story_statements(story, 5)
    texts = [s.text for s in statements]
    cosine, _ = similarity(texts, "embedding")
    days = [sentence_dates(s.text, s.article.published_day) for s in statements]
    probability, rules = judged(texts, days, cosine)
    threshold = model("embedding").threshold
    rows, cols = np.where(np.triu(rules[variant] & (probability < threshold), k=1))
    print(f"samples: {len(statements)} statements; pairs only {variant} credits:")
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if statements[i].outlet != statements[j].outlet:
            print(f"- {statements[i].outlet}: {texts[i]}\n  {statements[j].outlet}: {texts[j]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--samples", type=Path, help="a folder of one story's articles")
    args = parser.parse_args()
    pairs = load(LABELS, args.shared)[0]
    probability, verdicts = scores(pairs)
    for name, family in FAMILIES.items():
        print(f"== the rule by {name}")
        chosen = report(pairs, probability, verdicts, family)
        if args.samples:
            samples(args.samples, chosen)


if __name__ == "__main__":
    main()
