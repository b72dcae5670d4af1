"""`newsweave eval stories`: B-cubed scores of story grouping against gold story labels.

Reads an `eval stories` JSONL file (one article a line, `cluster` = gold story), drops every
key a system must not see (`topic`, the gold label), builds Articles and groups them with
newsweave and with two baselines in the same run:

- `tfidf-single-pass`: scikit-learn TF-IDF, each article joins the story whose running
  centroid is most cosine-similar if that reaches `SINGLE_PASS_THRESHOLD`, else starts one;
- `tfidf-agglomerative`: the same vectors, average-linkage agglomerative clustering on cosine
  distance, cut at `AGGLOMERATIVE_DISTANCE`.

Both baseline knobs were tuned once on stories-dev.jsonl (a sweep, best B-cubed F1) and then
frozen, so the baselines are as strong on dev as they can be made. Scores are printed overall
and per `source_dataset`.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import DatasetError
from newsweave.evaluation.bcubed import BCubed, average, item_scores
from newsweave.evaluation.dataset import jsonl_records
from newsweave.models import Article, Problem
from newsweave.runner import Progress, no_progress

SINGLE_PASS_THRESHOLD = 0.25  # best of 0.05..0.475 by 0.025 on stories-dev (F1 0.855)
AGGLOMERATIVE_DISTANCE = 0.825  # best of 0.50..0.975 by 0.025 on stories-dev (F1 0.874)
HIDDEN_KEYS = ("topic", "cluster")

Grouper = Callable[[Sequence[Article]], list[list[str]]]


def load(dataset: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """Records with the hidden keys removed, gold label per id, and source data set per id."""
    records, gold, sources = [], {}, {}
    for number, record in jsonl_records(dataset):
        if not {"id", "text", "cluster"} <= record.keys():
            raise DatasetError(f"{dataset}:{number}: needs 'id', 'text' and 'cluster' keys")
        key = str(record["id"])
        if key in gold:
            raise DatasetError(f"{dataset}:{number}: id {key!r} appears twice")
        gold[key] = str(record["cluster"])
        sources[key] = str(record.get("source_dataset") or "all")
        records.append({k: v for k, v in record.items() if k not in HIDDEN_KEYS})
    if not records:
        raise DatasetError(f"{dataset}: no records")
    return records, gold, sources


def to_articles(records: Sequence[dict[str, Any]], dataset: Path) -> list[Article]:
    """Articles as `newsweave stories` would read them: record fields, id, then `clean`."""
    from newsweave.clean.cleaner import clean
    from newsweave.readers.records import record_article

    articles = []
    for number, record in enumerate(records, start=1):
        raw = record_article(record, f"{dataset}:{number}", f"line {number}")
        if isinstance(raw, Problem):
            raise DatasetError(f"{dataset}: {raw.reason}")
        articles.append(clean(raw))
    return articles


def _newsweave(articles: Sequence[Article]) -> list[list[str]]:
    """newsweave as `stories` runs it: mark reposts and rewrites, then group."""
    from newsweave.dedup.reposts import mark_duplicates
    from newsweave.grouping.online import group

    return [[a.id for a in story.articles] for story in group(mark_duplicates(articles))]


def _tfidf_similarities(articles: Sequence[Article]) -> NDArray[np.float64]:
    """Article-by-article cosine of scikit-learn TF-IDF vectors (title + text)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float64)


def _single_pass(articles: Sequence[Article]) -> list[list[str]]:
    """Baseline 1: join the most similar running centroid (exact cosine, from the Gram matrix)."""
    similarity = _tfidf_similarities(articles)
    stories: list[list[int]] = []
    norms: list[float] = []  # squared norm of each story's summed vector
    for i in range(len(articles)):
        dots = [float(similarity[i, members].sum()) for members in stories]
        scores = [dot / np.sqrt(norm) for dot, norm in zip(dots, norms, strict=True)]
        best = int(np.argmax(scores)) if scores else -1
        if best >= 0 and scores[best] >= SINGLE_PASS_THRESHOLD:
            stories[best].append(i)
            norms[best] += 2 * dots[best] + similarity[i, i]
        else:
            stories.append([i])
            norms.append(float(similarity[i, i]) or 1.0)
    return [[articles[i].id for i in members] for members in stories]


def _agglomerative(articles: Sequence[Article]) -> list[list[str]]:
    """Baseline 2: average-linkage agglomerative clustering on cosine distance."""
    from sklearn.cluster import AgglomerativeClustering

    if len(articles) < 2:
        return [[a.id for a in articles]]
    distance = np.clip(1.0 - _tfidf_similarities(articles), 0.0, None)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=AGGLOMERATIVE_DISTANCE,
    ).fit_predict(distance)
    stories: dict[int, list[str]] = defaultdict(list)
    for article, label in zip(articles, labels, strict=True):
        stories[int(label)].append(article.id)
    return list(stories.values())


SYSTEMS: dict[str, Grouper] = {
    "newsweave": _newsweave,
    "tfidf-single-pass": _single_pass,
    "tfidf-agglomerative": _agglomerative,
}


def _score(
    stories: list[list[str]], gold: dict[str, str], sources: dict[str, str]
) -> dict[str, BCubed]:
    predicted = {article: n for n, members in enumerate(stories) for article in members}
    scores = item_scores(gold, predicted)
    by_source: dict[str, list[str]] = defaultdict(list)
    for article, source in sources.items():
        by_source[source].append(article)
    results = {"overall": average(scores, gold)}
    for source in sorted(by_source):
        results[source] = average(scores, by_source[source])
    return results


def _table(results: dict[str, dict[str, Any]]) -> str:
    header = f"{'system':<20} {'subset':<24} {'articles':>8} {'P':>6} {'R':>6} {'F1':>6}"
    lines = [header, "-" * len(header)]
    for system, result in results.items():
        for subset, score in result["bcubed"].items():
            lines.append(
                f"{system:<20} {subset:<24} {score['items']:>8} {score['precision']:>6.3f}"
                f" {score['recall']:>6.3f} {score['f1']:>6.3f}"
            )
    lines.append("")
    for system, result in results.items():
        lines.append(
            f"{system:<20} {result['stories']:>5} stories"
            f" {result['articles_per_second']:>10.1f} articles/s"
        )
    return "\n".join(lines)


def run(
    dataset: Path,
    json_out: Path | None = None,
    progress: Progress = no_progress,
    **options: Any,
) -> str:
    """Score newsweave and the baselines on `dataset`; return the table, write JSON if asked.
    `progress` hears ("systems", systems run, systems)."""
    records, gold, sources = load(Path(dataset))
    articles = to_articles(records, Path(dataset))
    results: dict[str, dict[str, Any]] = {}
    for done, (name, system) in enumerate(SYSTEMS.items()):
        progress("systems", done, len(SYSTEMS))
        started = time.perf_counter()
        stories = system(articles)
        elapsed = max(time.perf_counter() - started, 1e-9)
        scores = _score(stories, gold, sources)
        results[name] = {
            "bcubed": {subset: _as_dict(score) for subset, score in scores.items()},
            "stories": len(stories),
            "seconds": elapsed,
            "articles_per_second": len(articles) / elapsed,
            "groups": stories,
        }
    progress("systems", len(SYSTEMS), len(SYSTEMS))
    table = _table(results)
    if json_out is not None:
        report = {
            "dataset": str(dataset),
            "articles": len(articles),
            "gold_stories": len(set(gold.values())),
            "baseline_settings": {
                "single_pass_threshold": SINGLE_PASS_THRESHOLD,
                "agglomerative_distance": AGGLOMERATIVE_DISTANCE,
            },
            "systems": results,
        }
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return table


def _as_dict(score: BCubed) -> dict[str, float | int]:
    return {
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "items": score.items,
    }
