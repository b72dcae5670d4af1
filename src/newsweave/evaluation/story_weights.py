"""Learn the story-match weights ([cluster] w_*) from gold story labels, and check they transfer.

The weights are fitted on every article-story pair met replaying the file's gold stream
(`story_fit`) and printed as TOML lines to paste into the [cluster] section (no pickled model
ships), with the join threshold that scores best with them.

To check the weights generalise, the same fit is repeated leaving out one family of sources
(ECB+, the WikiNews/galaxy sets, BASIL; `stories_heldout`): each held-out family is grouped
with weights and threshold learned without it, and its B-cubed F1 is printed beside the F1
with the weights learned on everything. `eval stories` prints the same check beside the
baselines'.

    python -m newsweave.evaluation.story_weights ../shared/data/stories-dev.jsonl
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.config import settings
from newsweave.evaluation import stories_heldout
from newsweave.evaluation.bcubed import average
from newsweave.evaluation.stories import load, to_articles
from newsweave.evaluation.story_fit import Vectors, family, fit, pairs, threshold_key
from newsweave.grouping.online import lead_embeddings
from newsweave.models import Article


def run(dataset: Path, embeddings: bool = False, **options: Any) -> str:
    """Fit on all of `dataset` and per left-out source family; return the report.

    With `embeddings`, the leads are embedded once and the `ew_*` weights (lexical features
    plus `EMBEDDING_FEATURES`) and `embedded_join_threshold` are learned instead.
    """
    from newsweave.dedup.reposts import mark_duplicates

    records, gold, sources = load(Path(dataset))
    articles = mark_duplicates(to_articles(records, Path(dataset)))
    vectors = lead_embeddings(articles) if embeddings else None
    return report(articles, gold, sources, vectors, **options)


def report(
    articles: Sequence[Article],
    gold: dict[str, str],
    sources: dict[str, str],
    embeddings: Vectors = None,
    **options: Any,
) -> str:
    """Weights learned on everything, their tuned threshold, and the leave-one-family-out F1."""
    knobs = settings("cluster", **options)  # weights and threshold are ignored by pairs()
    x, y, owners = pairs(articles, gold, knobs, embeddings)
    everything = fit(x, y, np.array([family(sources[owner]) for owner in owners]))
    lines = [f"{len(y)} pairs, {int(y.sum())} positive", "", "[cluster] weights:"]
    lines += [f"{key} = {value:.3f}" for key, value in everything.items()]
    runs = stories_heldout.sweep(articles, gold, everything, embeddings, **options)
    threshold = max(sorted(runs), key=lambda t: average(runs[t], list(gold)).f1)
    f1 = average(runs[threshold], list(gold)).f1
    lines.append(f"{threshold_key(embeddings)} = {threshold}  # overall F1 {f1:.3f}")
    header = f"{'held-out family':<16} {'articles':>8} {'threshold':>9} {'F1 held-out':>12}"
    lines += ["", header]
    families = {article: family(sources[article]) for article in gold}
    held, chosen = stories_heldout.newsweave(articles, gold, families, embeddings, **options)
    for left_out, fold_threshold in chosen.items():
        ids = [a for a, name in families.items() if name == left_out]
        f1_held = average(held, ids).f1
        lines.append(f"{left_out:<16} {len(ids):>8} {fold_threshold:>9} {f1_held:>12.3f}")
    lines.append(f"{'pooled':<16} {len(held):>8} {'':>9} {average(held, list(held)).f1:>12.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(run(Path(sys.argv[1]), embeddings="--embeddings" in sys.argv[2:]))
