"""`python -m newsweave.evaluation.conflicts`: conflict P/R on every labelled pair file."""

from __future__ import annotations

from pathlib import Path

from newsweave.evaluation.conflicts import conflict_scores, errors, labelled_pairs, run

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = [
    DATA / n for n in ("alignment-labels.jsonl", "statement-pairs.jsonl", "conflict-pairs.jsonl")
]


def test_conflict_scores_count_only_contradicting() -> None:
    gold = ["contradicting", "same", "contradicting", "different"]
    predicted = ["contradicting", "contradicting", "same", "different"]
    scores = conflict_scores(gold, predicted)
    assert (scores["precision"], scores["recall"], scores["found"]) == (0.5, 0.5, 2)


def test_the_labelled_conflicts_resolve_and_no_story_is_in_both_splits(shared: Path) -> None:
    pairs = labelled_pairs(FILES, shared)
    assert sum(p.label == "contradicting" for p in pairs) >= 50
    train = {p.story for p in pairs if p.split == "train"}
    test = {p.story for p in pairs if p.split == "test"}
    assert train and test and not train & test
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)


def test_the_table_scores_each_system_on_each_split(shared: Path) -> None:
    table, results = run(FILES[2:], shared, systems=("lexical", "tfidf"))
    assert "test   lexical" in table and "all    tfidf" in table
    assert 0.0 <= results["all/lexical"]["precision"] <= 1.0


def test_errors_lists_one_splits_wrong_calls_and_misses_with_their_texts() -> None:
    pairs = [
        {"a": "Ten died.", "b": "Eleven died.", "label": "contradicting", "split": "train"},
        {"a": "It rained.", "b": "It was dry.", "label": "different", "split": "train"},
        {"a": "Five fell.", "b": "Six fell.", "label": "contradicting", "split": "test"},
        {"a": "Two won.", "b": "Two won.", "label": "same", "split": "train"},
    ]
    calls = ["same", "contradicting", "same", "same"]
    why = ["", "whether it happened (rain)", "", ""]
    results = {
        "pairs": [
            p | {"lexical": c, "lexical/why": w} for p, c, w in zip(pairs, calls, why, strict=True)
        ]
    }
    listed = errors(results, "train", "lexical")
    assert "[0] lexical FN (same)" in listed and "  B: Eleven died." in listed
    assert "[1] lexical FP whether it happened (rain)" in listed
    assert "Five fell." not in listed and "Two won." not in listed
