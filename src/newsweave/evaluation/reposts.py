"""`newsweave eval reposts`: recall of copies per kind and false links, against a gold file.

The data set is JSON Lines of raw article records (the contract's field aliases); each becomes
an `Article` through the real reading and cleaning stages (`record_article`, `clean`). The gold
file (by default `<stem>-gold.json` beside the data set) holds:

- `copies`: copy id -> its original; `kinds`: copy id -> "syn" | "trim" | "spin";
- `accept`: copy id -> every id it may point to (the original, its sibling copies, real
  near-copies of the original);
- `not_copies`: pairs of real articles that are not copies of each other.

A copy is found when its `duplicate_of` is one of its accepted ids. A false link is any other
`duplicate_of`: `negative` when the pair is one of the gold's `not_copies`, `other` otherwise (a
copy pointing outside its accepted ids, or a real article pointing anywhere).

newsweave runs beside the baseline of MinHash LSH alone (128 permutations, word 5-shingles, a
bucket collision is a link) at thresholds 0.5 and 0.3, in the same run, on the same Articles,
with the same choice of originals, so only the linking differs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsweave.errors import DatasetError
from newsweave.evaluation import heldout
from newsweave.evaluation.dataset import jsonl_records
from newsweave.models import Article

KINDS = {"syn": "syndicated", "trim": "trimmed", "spin": "spun"}
Marker = Callable[[Sequence[Article]], list[Article]]


def load_gold(path: Path) -> dict[str, Any]:
    """The gold file, checked for the four keys the scores need."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DatasetError(f"{path}: cannot read the gold file ({error})") from error
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path}: gold file is not JSON ({error.msg})") from error
    needed = {"copies", "accept", "kinds", "not_copies"}
    if not isinstance(gold, dict) or not needed <= gold.keys():
        raise DatasetError(f"{path}: gold needs the keys {', '.join(sorted(needed))}")
    return gold


def load_articles(dataset: Path) -> list[Article]:
    """Each JSONL record read and cleaned as `newsweave` would (ids as given)."""
    from newsweave.clean.cleaner import clean
    from newsweave.models import Problem
    from newsweave.readers.records import record_article

    articles: list[Article] = []
    seen: set[str] = set()
    for number, record in jsonl_records(dataset):
        if "id" not in record:
            raise DatasetError(f"{dataset}:{number}: needs an object with an 'id' key")
        raw = record_article(record, f"{dataset}:{number}", f"line {number}")
        if isinstance(raw, Problem):
            raise DatasetError(f"{dataset}:{number}: {raw.reason}")
        if str(record["id"]) in seen:
            raise DatasetError(f"{dataset}:{number}: id {record['id']!r} appears twice")
        seen.add(str(record["id"]))
        articles.append(clean(raw, str(record["id"])))
    if not articles:
        raise DatasetError(f"{dataset}: no records")
    return articles


def minhash_baseline(threshold: float) -> Marker:
    """MinHash LSH alone: every bucket collision over word 5-shingles is a link."""

    def mark(articles: Sequence[Article]) -> list[Article]:
        from newsweave.dedup.align import tokens
        from newsweave.dedup.reposts import assign_originals, lsh_pairs

        shingle_sets = []
        for article in articles:
            words = [w.lower() for w in tokens(article.text)]
            shingle_sets.append({" ".join(words[i : i + 5]) for i in range(len(words) - 4)})
        return assign_originals(articles, lsh_pairs(shingle_sets, threshold))

    return mark


def _newsweave(articles: Sequence[Article]) -> list[Article]:
    from newsweave.dedup.reposts import mark_duplicates

    return mark_duplicates(articles)


SYSTEMS: dict[str, Marker] = {
    "newsweave": _newsweave,
    "minhash-lsh-0.5": minhash_baseline(0.5),
    "minhash-lsh-0.3": minhash_baseline(0.3),
}


def score(marked: Sequence[Article], gold: dict[str, Any]) -> dict[str, Any]:
    """Recall per kind, originals chosen as the gold's, and the false links with their ids.

    A copy counts as found when it ends in one group with its gold original (whichever of the
    two the date rule made the original); `right_original` is the share of found copies whose
    `duplicate_of` is also an id the gold accepts. A gold negative pair that ends in one group is
    a false link (`negative`); any other link outside a copy family is `other`.
    """
    root = {a.id: a.duplicate_of or a.id for a in marked}
    family = {copy: original for copy, original in gold["copies"].items()}
    family.update({original: original for original in gold["copies"].values()})
    found = {kind: 0 for kind in KINDS}
    total = {kind: 0 for kind in KINDS}
    right = 0
    missed = []
    for copy, kind in gold["kinds"].items():
        total[kind] += 1
        if root.get(copy) is not None and root.get(copy) == root.get(gold["copies"][copy]):
            found[kind] += 1
            right += root[copy] != copy and root[copy] in set(gold["accept"][copy])
        else:
            missed.append(copy)
    negative = [
        sorted(pair)
        for pair in gold["not_copies"]
        if pair[0] in root and root.get(pair[0]) == root.get(pair[1])
    ]
    other = [
        [a.id, a.duplicate_of]
        for a in marked
        if a.duplicate_of is not None
        and (family.get(a.id) is None or family.get(a.id) != family.get(a.duplicate_of))
    ]
    found_total = sum(found.values())
    return {
        "recall": {KINDS[k]: found[k] / total[k] if total[k] else 0.0 for k in KINDS},
        "right_original": right / found_total if found_total else 0.0,
        "found": found,
        "copies": total,
        "false_links": {"negative": negative, "other": other},
        "missed": sorted(missed),
    }


def gold_fold(gold: dict[str, Any], originals: Sequence[str]) -> dict[str, Any]:
    """The part of the gold about these originals: their copies and the negative pairs that
    start at one of them."""
    chosen = set(originals)
    copies = [copy for copy, original in gold["copies"].items() if original in chosen]
    return {
        "copies": {copy: gold["copies"][copy] for copy in copies},
        "accept": {copy: gold["accept"][copy] for copy in copies},
        "kinds": {copy: gold["kinds"][copy] for copy in copies},
        "not_copies": [pair for pair in gold["not_copies"] if min(pair) in chosen],
    }


def _held_out_rows(
    system: str, marked: Sequence[Article], gold: dict[str, Any], scores: dict[str, Any]
) -> list[heldout.Row]:
    """Nothing is fitted here: each measure's spread over 5 folds of the original articles."""
    originals = sorted(set(gold["copies"].values()) | {min(p) for p in gold["not_copies"]})
    fitted = heldout.HAND_SET if system == "newsweave" else heldout.NOTHING_FITTED
    folds = [score(marked, gold_fold(gold, [originals[n] for n in chunk]))
             for chunk in heldout.kfold(originals)]  # fmt: skip
    rows = [
        heldout.fixed_row(system, kind, "recall", scores["recall"][kind],
                          heldout.spread(fold["recall"][kind] for fold in folds), fitted)
        for kind in KINDS.values()
    ]  # fmt: skip
    false = heldout.spread(len(fold["false_links"]["negative"]) for fold in folds)
    total = len(scores["false_links"]["negative"])
    rows.append(heldout.fixed_row(system, "negatives", "false links", total, false, fitted))
    return rows


def _table(results: dict[str, dict[str, Any]]) -> str:
    header = (
        f"{'system':<24} {'syndicated':>10} {'trimmed':>8} {'spun':>6}"
        f" {'right orig':>10} {'false:neg':>9} {'other':>6} {'articles/s':>10}"
    )
    lines = [header, "-" * len(header)]
    for name, result in results.items():
        recall, false = result["recall"], result["false_links"]
        lines.append(
            f"{name:<24} {recall['syndicated']:>10.3f} {recall['trimmed']:>8.3f}"
            f" {recall['spun']:>6.3f} {result['right_original']:>10.3f}"
            f" {len(false['negative']):>9} {len(false['other']):>6}"
            f" {result['articles_per_second']:>10.1f}"
        )
    return "\n".join(lines)


def run(
    dataset: Path,
    json_out: Path | None = None,
    gold: Path | None = None,
    systems: dict[str, Marker] | None = None,
    **options: Any,
) -> str:
    """Score newsweave and the MinHash baselines (or `systems`) on `dataset`; return the table."""
    dataset = Path(dataset)
    gold_path = Path(gold) if gold else dataset.with_name(f"{dataset.stem}-gold.json")
    gold_data = load_gold(gold_path)
    articles = load_articles(dataset)
    results: dict[str, dict[str, Any]] = {}
    held: list[heldout.Row] = []
    for name, system in (systems or SYSTEMS).items():
        started = time.perf_counter()
        marked = system(articles)
        elapsed = max(time.perf_counter() - started, 1e-9)
        results[name] = score(marked, gold_data)
        results[name]["seconds"] = elapsed
        results[name]["articles_per_second"] = len(articles) / elapsed
        held += _held_out_rows(name, marked, gold_data, results[name])
    table = _table(results)
    table += f"\n\n{len(articles)} articles; {len(gold_data['kinds'])} copies;"
    table += f" {len(gold_data['not_copies'])} gold negative pairs"
    table += "\n\n" + heldout.table(f"{heldout.FOLDS}-fold by original article", held)
    for name, row in results.items():
        row["held_out"] = [r.as_dict() for r in held if r.system == name]
    if json_out is not None:
        Path(json_out).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return table
