"""`python -m newsweave.evaluation.conflicts LABELS.jsonl...`: are the conflicts real?

Conflicts are rare among sentence pairs, so they are measured on every labelled pair file at
once (tests/data/alignment-labels.jsonl, statement-pairs.jsonl and conflict-pairs.jsonl: pairs
mined from multi-outlet stories for clashing numbers, dates and negations, labelled by reading,
hard negatives kept). A pair appearing in two files counts once. Stories are split as the files
fix it, else by a hash of the story (a third held out), so no story is in both splits.

Reported for newsweave's relation (`compare.relation` on clauses, embedding and lexical) and the
plain TF-IDF baseline of `eval alignment` (similar, with different numbers): precision and recall
of "contradicting" on the training stories, on the held-out ones and on all. `--errors train`
also prints that split's wrong calls (with what the pair was found to disagree on) and misses,
with their texts, to study; the held-out split's are not for reading.
"""

from __future__ import annotations

import argparse
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsweave.config import settings
from newsweave.evaluation.alignment import Pair, evaluate, load

SYSTEMS = ("embedding", "lexical", "tfidf")
_TEST_SHARE = 3  # one story in three is held out, by a hash of its id


def split_of(story: str, fixed: dict[str, str]) -> str:
    """The split a file fixes for the story, else "test" for a third of the stories (by a
    stable hash of the story id)."""
    if story in fixed:
        return fixed[story]
    return "test" if zlib.crc32(story.encode("utf-8")) % _TEST_SHARE == 0 else "train"


def labelled_pairs(datasets: Sequence[Path], data_dir: Path) -> list[Pair]:
    """The sentence pairs of every file, each (a, b) once; every pair of a story in the split
    that any file fixes for that story, so no story is on both sides."""
    pairs: dict[frozenset[str], Pair] = {}
    for dataset in datasets:
        for pair in load(dataset, data_dir)[0]:
            pairs.setdefault(frozenset((pair.a, pair.b)), pair)
    fixed = {p.story: p.split for p in pairs.values() if p.split}
    return [
        Pair(p.a, p.b, p.label, p.published_a, p.published_b, p.story, split_of(p.story, fixed))
        for p in pairs.values()
    ]


def conflict_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Precision, recall and F1 of "contradicting", and the counts behind them."""
    hits = sum(g == p == "contradicting" for g, p in zip(gold, predicted, strict=True))
    found = sum(p == "contradicting" for p in predicted)
    wanted = sum(g == "contradicting" for g in gold)
    precision = hits / found if found else 0.0
    recall = hits / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "found": found, "gold": wanted}


def run(
    datasets: Sequence[Path], data_dir: Path, systems: Sequence[str] = SYSTEMS
) -> tuple[str, dict[str, Any]]:
    """The table and the predictions of each system on each split."""
    pairs = labelled_pairs(datasets, data_dir)
    config = settings("agreement")
    judged = {s: evaluate(pairs, s, config) for s in systems}
    predicted = {s: judged[s]["predicted"] for s in systems}
    lines = [
        f"conflicts on {len(pairs)} labelled pairs"
        f" ({sum(p.label == 'contradicting' for p in pairs)} contradicting)",
        f"{'split':<6} {'system':<10} {'pairs':>6} {'gold':>5} {'found':>5}"
        f" {'P':>6} {'R':>6} {'F1':>6}",
    ]
    results: dict[str, Any] = {}
    for split in ("train", "test", "all"):
        index = [i for i, p in enumerate(pairs) if split == "all" or p.split == split]
        gold = [pairs[i].label for i in index]
        for system in systems:
            r = conflict_scores(gold, [predicted[system][i] for i in index])
            results[f"{split}/{system}"] = r
            lines.append(
                f"{split:<6} {system:<10} {len(index):>6} {r['gold']:>5} {r['found']:>5}"
                f" {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}"
            )
    results["pairs"] = [
        {"a": p.a, "b": p.b, "label": p.label, "split": p.split, "story": p.story}
        | {s: predicted[s][i] for s in systems}
        | {f"{s}/why": judged[s]["why"][i] for s in systems}
        for i, p in enumerate(pairs)
    ]
    return "\n".join(lines), results


def errors(results: dict[str, Any], split: str, system: str) -> str:
    """The wrong calls ("FP", with what the pair was found to disagree on) and the misses
    ("FN") of one system on one split, with both texts."""
    lines = []
    for k, pair in enumerate(results["pairs"]):
        gold, found = pair["label"] == "contradicting", pair[system] == "contradicting"
        if pair["split"] != split or gold == found:
            continue
        tag = f"FP {pair[f'{system}/why']}" if found else f"FN ({pair[system]})"
        lines += [f"[{k}] {system} {tag}", f"  A: {pair['a']}", f"  B: {pair['b']}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", type=Path, nargs="+")
    parser.add_argument("--data-dir", type=Path, default=Path("../shared"))
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--json", type=Path, default=None, help="write the predictions here")
    parser.add_argument(
        "--errors", choices=("train",), default=None, help="print this split's wrong calls"
    )
    args = parser.parse_args(argv)
    systems = args.systems.split(",")
    table, results = run(args.datasets, args.data_dir, systems)
    print(table)
    if args.errors:
        for system in systems:
            print(errors(results, args.errors, system))
    if args.json:
        import json

        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
