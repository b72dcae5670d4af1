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
and per `source_dataset`, then the held-out block (`stories_heldout`): each system with its
weights and thresholds chosen without the articles it is scored on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsweave.errors import DatasetError
from newsweave.evaluation import heldout, stories_heldout
from newsweave.evaluation.bcubed import BCubed
from newsweave.evaluation.dataset import jsonl_records
from newsweave.evaluation.story_baselines import (
    AGGLOMERATIVE_DISTANCE,
    SINGLE_PASS_THRESHOLD,
    agglomerative,
    single_pass,
    tfidf_similarities,
)
from newsweave.models import Article, Problem
from newsweave.runner import Progress, no_progress

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


def _single_pass(articles: Sequence[Article]) -> list[list[str]]:
    """Baseline 1 at its dev-tuned threshold."""
    return single_pass(articles, tfidf_similarities(articles), SINGLE_PASS_THRESHOLD)


def _agglomerative(articles: Sequence[Article]) -> list[list[str]]:
    """Baseline 2 at its dev-tuned distance cut."""
    return agglomerative(articles, tfidf_similarities(articles), AGGLOMERATIVE_DISTANCE)


SYSTEMS: dict[str, Grouper] = {
    "newsweave": _newsweave,
    "tfidf-single-pass": _single_pass,
    "tfidf-agglomerative": _agglomerative,
}


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
    `progress` hears ("systems", systems run, systems), then ("held out", systems checked,
    systems) for the held-out block."""
    records, gold, sources = load(Path(dataset))
    articles = to_articles(records, Path(dataset))
    results: dict[str, dict[str, Any]] = {}
    in_sample: dict[str, dict[str, BCubed]] = {}
    for done, (name, system) in enumerate(SYSTEMS.items()):
        progress("systems", done, len(SYSTEMS))
        started = time.perf_counter()
        stories = system(articles)
        elapsed = max(time.perf_counter() - started, 1e-9)
        scores = in_sample[name] = stories_heldout.by_subset(
            stories_heldout.scores_of(stories, gold), sources
        )
        results[name] = {
            "bcubed": {subset: _as_dict(score) for subset, score in scores.items()},
            "stories": len(stories),
            "seconds": elapsed,
            "articles_per_second": len(articles) / elapsed,
            "groups": stories,
        }
    progress("systems", len(SYSTEMS), len(SYSTEMS))
    held_text, held_json = _held_out(articles, gold, sources, in_sample, progress)
    table = _table(results) + "\n\n" + held_text
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
            "held_out": held_json,
        }
        Path(json_out).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return table


def _held_out(
    articles: Sequence[Article],
    gold: dict[str, str],
    sources: dict[str, str],
    in_sample: dict[str, dict[str, BCubed]],
    progress: Progress = no_progress,
) -> tuple[str, dict[str, Any]]:
    """The held-out block (`stories_heldout`) as text and as JSON."""
    from newsweave.dedup.reposts import mark_duplicates

    how, folds = stories_heldout.partition(gold, sources)
    progress("held out", 0, len(SYSTEMS))
    held = {"newsweave": stories_heldout.newsweave(mark_duplicates(articles), gold, folds)}
    progress("held out", 1, len(SYSTEMS))
    held |= stories_heldout.baselines(articles, gold, folds)
    progress("held out", len(SYSTEMS), len(SYSTEMS))
    rows = [
        row
        for name in SYSTEMS
        for row in stories_heldout.rows(name, in_sample[name], held[name][0], folds, sources)
    ]
    lines = [heldout.table(f"{how}; settings chosen on the other folds", rows), "", "chosen:"]
    for name, (_, chosen) in held.items():
        picks = ", ".join(f"{fold} {value:g}" for fold, value in chosen.items())
        lines.append(f"  {name} ({stories_heldout.FITTED[name]}): {picks}")
    report = {
        "folds": how,
        "rows": [row.as_dict() for row in rows],
        "chosen": {name: chosen for name, (_, chosen) in held.items()},
    }
    return "\n".join(lines), report


def _as_dict(score: BCubed) -> dict[str, float | int]:
    return {
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "items": score.items,
    }
