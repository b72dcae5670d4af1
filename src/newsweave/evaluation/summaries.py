"""`newsweave eval summaries`: ROUGE of every summarizer against human summaries, in one run.

Reads an `eval summaries` JSONL file (one cluster a line: `id`, `articles`, `references`; an
extra `query` is ignored: newsweave writes generic summaries), reads each article record with
the readers' field aliases and cleans it as `newsweave brief` would, summarizes each cluster
with every system, cuts each summary at N words as the DUC evaluations did, and prints ROUGE-1,
ROUGE-2 and ROUGE-L (F1 and recall, stemmed) with 95% bootstrap intervals over clusters, the
seconds each system spent, and the share of summary sentences whose first source is verbatim in
its article, and the share of each cluster's key facts (names and numbers that 3 of its 4
references mention, `key_facts`) in the first `KEY_FACT_WORDS` words. N is 250 for DUC
2006 clusters (ids `D06...`) and 100 for DUC 2007 (`D07...`);
other clusters get 250 if their references average over 175 words, else 100; `words` overrides.

Systems: newsweave and its ablations (`VARIANTS`), lead, random, sumy's LexRank, TextRank and
Luhn, the oracle; sumy's `lsa` and `klsum` (about a minute a 25-article cluster) run only when
named in `systems`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.briefing.summarize import Summarizer, summarizer
from newsweave.briefing.summarize.oracle import Oracle
from newsweave.briefing.summarize.text import truncate_words
from newsweave.briefing.summarize.trim import faithful
from newsweave.clean.cleaner import clean
from newsweave.errors import DatasetError
from newsweave.evaluation import heldout
from newsweave.evaluation.dataset import jsonl_records
from newsweave.evaluation.key_facts import key_facts, share_found
from newsweave.evaluation.rouge import METRICS, bootstrap, score
from newsweave.models import Problem, Story, SummarySentence
from newsweave.readers.records import record_article
from newsweave.runner import Progress, no_progress

# name -> (registered summarizer, options): newsweave's ablations, each with one part removed.
# The brief's lead trim and resolved dates ("on June 16, 2021") are off: DUC scores extracts;
# "nw+trim", "nw+dates" and "nw+brief" (both, as a brief writes it) score them.
EXTRACTIVE: dict[str, Any] = {"resolve_dates": False, "trim_lead": False}
VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "newsweave": ("newsweave", EXTRACTIVE),
    "nw-greedy": ("newsweave", {**EXTRACTIVE, "solver": "greedy"}),
    "nw-ilp": ("newsweave", {**EXTRACTIVE, "solver": "ilp"}),
    "nw+trim": ("newsweave", {"resolve_dates": False}),
    "nw+dates": ("newsweave", {"trim_lead": False}),
    "nw+brief": ("newsweave", {}),
    "nw-time-order": ("newsweave", {**EXTRACTIVE, "lead_first": False}),
    "nw-no-centrality": ("newsweave", {**EXTRACTIVE, "centrality_weight": 0.0}),
    "nw-no-recency": ("newsweave", {**EXTRACTIVE, "recency_weight": 0.0}),
    "nw-no-position": ("newsweave", {**EXTRACTIVE, "position_weight": 0.0}),
    "nw-no-filters": ("newsweave", {**EXTRACTIVE, "filters": False}),
    "nw-no-redundancy": ("newsweave", {**EXTRACTIVE, "redundancy": 1.01}),
    "nw-no-trim": ("newsweave", {**EXTRACTIVE, "trim_datelines": False}),
    "nw-concepts-df1": ("newsweave", {**EXTRACTIVE, "concept_min_df": 1}),
    "nw+support": ("newsweave", {**EXTRACTIVE, "support_weight": 1.0}),
    "centroid": ("centroid", {}),
}
BASELINES = ("lead", "random", "lexrank", "textrank", "luhn")
DEFAULT_SYSTEMS = (*VARIANTS, *BASELINES, "oracle")
# sumy's LSA (~50 s) and KL-Sum rank every sentence: too slow for 25-article clusters on 2
# cores, so they run only when named.
SLOW_SYSTEMS = ("lsa", "klsum")
# Key facts are counted in the first 100 words of every summary, whatever the ROUGE length, so
# that DUC 2006 (250 words) and DUC 2007 (100) clusters are measured alike.
KEY_FACT_WORDS = 100


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    story: Story
    references: tuple[str, ...]


@dataclass(slots=True)
class Result:
    """One system's scores per cluster, its summaries, and the seconds it spent."""

    scores: list[dict[str, float]] = field(default_factory=list)
    summaries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    scored: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    cluster_seconds: list[float] = field(default_factory=list)
    sentences: int = 0
    verbatim: int = 0
    key_facts: dict[str, float] = field(default_factory=dict)


def run(
    dataset: Path,
    json_out: Path | None = None,
    words: int | None = None,
    systems: Sequence[str] | None = None,
    limit: int | None = None,
    progress: Progress = no_progress,
) -> str:
    """Score every system on the clusters of `dataset`; return the printed table.
    `progress` hears ("summarizing", clusters done, clusters)."""
    names = _check_systems(systems or DEFAULT_SYSTEMS)
    clusters = load(dataset)[:limit] if limit else load(dataset)
    if not clusters:
        raise DatasetError(f"{dataset}: no clusters")
    results = {name: Result() for name in names}
    progress("summarizing", 0, len(clusters))
    for done, cluster in enumerate(clusters, start=1):
        budget = words or budget_for(cluster)
        for name in names:
            _summarize(results[name], _build(name, cluster), cluster, budget)
        progress("summarizing", done, len(clusters))
    table = render(results, len(clusters), words)
    table += "\n" + heldout.table(f"{heldout.FOLDS}-fold by cluster", _held_out(results, clusters))
    if json_out is not None:
        json_out.write_text(json.dumps(_as_json(results, clusters), indent=1), encoding="utf-8")
    return table


def _held_out(results: dict[str, Result], clusters: list[Cluster]) -> list[heldout.Row]:
    """No system fits anything on these clusters: ROUGE-2 recall's spread over 5 folds."""
    ids = [cluster.id for cluster in clusters]
    rows = []
    for name, result in results.items():
        fitted = heldout.HAND_SET if name.startswith("newsweave") else heldout.NOTHING_FITTED
        rows += heldout.mean_rows(name, ids, result.scores, {"rouge2_r": "R-2 R"}, fitted)
    return rows


def _check_systems(names: Sequence[str]) -> list[str]:
    known = (*DEFAULT_SYSTEMS, *SLOW_SYSTEMS)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise DatasetError(f"unknown systems {unknown}; known: {', '.join(known)}")
    return list(dict.fromkeys(names))


def _build(name: str, cluster: Cluster) -> Summarizer:
    if name == "oracle":
        return Oracle(references=cluster.references)
    base, options = VARIANTS.get(name, (name, {}))
    return summarizer(base, **options)


def _summarize(result: Result, system: Summarizer, cluster: Cluster, budget: int) -> None:
    started = time.perf_counter()
    summary = system(cluster.story, budget, fill=True)
    result.cluster_seconds.append(time.perf_counter() - started)
    result.seconds += result.cluster_seconds[-1]
    text = truncate_words(" ".join(s.text for s in summary), budget)
    result.scores.append(score(text, cluster.references))
    found = share_found(truncate_words(text, KEY_FACT_WORDS), key_facts(cluster.references))
    if found is not None:
        result.key_facts[cluster.id] = found
    result.sentences += len(summary)
    result.verbatim += sum(_verbatim(cluster.story, s) for s in summary)
    result.summaries[cluster.id] = [_sentence_json(s) for s in summary]
    result.scored[cluster.id] = text


def _verbatim(story: Story, sentence: SummarySentence) -> bool:
    """The first source's text stands at its offsets in its article, and the summary text is
    that source's words but for its listed edits (the lead's trim, its date)."""
    if not sentence.sources:
        return False
    source = sentence.sources[0]
    article = story.article(source.article)
    at = article.text[source.start : source.end] if source.start is not None else None
    return at == source.text and faithful(sentence)


def budget_for(cluster: Cluster) -> int:
    """Summary length in words, as DUC set it for the cluster's year."""
    if cluster.id.startswith("D06"):
        return 250
    if cluster.id.startswith("D07"):
        return 100
    lengths = [len(r.split()) for r in cluster.references]
    return 250 if lengths and sum(lengths) / len(lengths) > 175 else 100


def load(dataset: Path) -> list[Cluster]:
    """The clusters of an `eval summaries` file, articles read and cleaned."""
    return [
        _cluster(_checked(record, f"{dataset.name}:{number}"), dataset, number)
        for number, record in jsonl_records(dataset)
    ]


def _checked(record: dict[str, Any], place: str) -> dict[str, Any]:
    if not {"id", "articles", "references"} <= record.keys():
        raise DatasetError(f"{place}: needs 'id', 'articles' and 'references' keys")
    articles, references = record["articles"], record["references"]
    if not isinstance(articles, list) or not articles:
        raise DatasetError(f"{place}: 'articles' must be a non-empty list of article records")
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise DatasetError(f"{place}: 'references' must be a list of strings")
    return record


def _cluster(record: dict[str, Any], dataset: Path, number: int) -> Cluster:
    articles = []
    for index, value in enumerate(record["articles"]):
        place = f"{dataset}:{number}#{index}"
        raw = record_article(value, place, f"line {number}, article {index}")
        if isinstance(raw, Problem):
            raise DatasetError(f"{raw.source}: {raw.reason}")
        articles.append(clean(raw))
    story = Story(id=str(record["id"]), articles=tuple(articles))
    return Cluster(story.id, story, tuple(record["references"]))


def _sentence_json(sentence: SummarySentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "support": sentence.support,
        "outlets": list(sentence.outlets),
        "sources": [{"article": s.article, "text": s.text} for s in sentence.sources],
        **(
            {"edits": [[e.kind, e.text, e.replacement] for e in sentence.edits]}
            if sentence.edits
            else {}
        ),
    }


def _columns() -> list[tuple[str, str]]:
    label = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L"}
    return [(f"{m}_{k}", f"{label[m]} {k.upper()}") for m in METRICS for k in ("r", "f")]


def render(results: dict[str, Result], clusters: int, words: int | None) -> str:
    """The table: mean [95% bootstrap interval] per metric, seconds, verbatim citations."""
    length = f"{words} words" if words else "250 words (DUC 2006) / 100 words (DUC 2007)"
    header = ["system", *(title for _, title in _columns()), "key facts", "seconds", "verbatim"]
    rows = [header]
    for name, result in results.items():
        row = [name]
        for key, _ in _columns():
            values = [s[key] for s in result.scores]
            low, high = bootstrap(values)
            row.append(f"{sum(values) / len(values):.4f} [{low:.4f},{high:.4f}]")
        row.append(_key_fact_cell(result))
        row.append(f"{result.seconds:.1f}")
        share = result.verbatim / result.sentences if result.sentences else 0.0
        row.append(f"{share:.0%}")
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [
        f"ROUGE (rouge-score, stemmed, mean over references) on {clusters} clusters, {length};",
        "mean [95% bootstrap interval over clusters]; R = recall, F = F1; seconds = summarizing",
        "time summed over clusters; verbatim = summary sentences whose source is exact;",
        "key facts = share of the names and numbers 3 of 4 references mention that the first",
        f"{KEY_FACT_WORDS} words contain (mean over clusters with any).",
        "",
    ]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _key_fact_cell(result: Result) -> str:
    values = list(result.key_facts.values())
    if not values:
        return "-"
    low, high = bootstrap(values)
    return f"{sum(values) / len(values):.3f} [{low:.3f},{high:.3f}]"


def _as_json(results: dict[str, Result], clusters: list[Cluster]) -> dict[str, Any]:
    systems: dict[str, Any] = {}
    for name, result in results.items():
        means = {
            key: sum(s[key] for s in result.scores) / len(result.scores) for key, _ in _columns()
        }
        intervals = {key: bootstrap([s[key] for s in result.scores]) for key, _ in _columns()}
        systems[name] = {
            "mean": means,
            "interval95": intervals,
            "seconds": result.seconds,
            "cluster_seconds": dict(
                zip([c.id for c in clusters], result.cluster_seconds, strict=True)
            ),
            "per_cluster": dict(zip([c.id for c in clusters], result.scores, strict=True)),
            "key_facts": {
                "words": KEY_FACT_WORDS,
                "mean": _mean(list(result.key_facts.values())),
                "per_cluster": result.key_facts,
            },
            "summaries": result.summaries,
            "scored_text": result.scored,
        }
    return {"clusters": len(clusters), "systems": systems}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None
