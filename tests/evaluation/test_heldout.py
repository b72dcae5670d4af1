"""The shared held-out helper: stable folds, spreads, and the block every eval prints."""

from __future__ import annotations

import pytest

from newsweave.evaluation import heldout
from newsweave.evaluation.alignment_heldout import rows as alignment_rows
from newsweave.evaluation.stories_heldout import held_out_fold, partition


def test_folds_are_stable_balanced_and_keep_a_key_together() -> None:
    keys = [f"story-{n % 13}" for n in range(40)]
    chunks = heldout.kfold(keys)
    assert chunks == heldout.kfold(list(keys))  # same on every run
    assert sorted(n for chunk in chunks for n in chunk) == list(range(40))
    for chunk in chunks:  # a story never straddles two folds
        assert all(keys[n] not in {keys[m] for m in other} for other in chunks
                   if other is not chunk for n in chunk)  # fmt: skip
    stories_per_fold = [len({keys[n] for n in chunk}) for chunk in chunks]
    assert len(chunks) == heldout.FOLDS and max(stories_per_fold) - min(stories_per_fold) <= 1


def test_spread_is_mean_and_sample_sd() -> None:
    result = heldout.spread([0.8, 0.9, 1.0])
    assert result.mean == pytest.approx(0.9)
    assert result.sd == pytest.approx(0.1)
    assert heldout.spread([0.5]).sd == 0.0


def test_the_block_shows_fitted_in_sample_held_out_and_gap() -> None:
    rows = [
        heldout.Row("sys", "all", "F1", "threshold", 0.9, 0.8, heldout.spread([0.7, 0.9])),
        heldout.fixed_row("rules", "all", "F1", 0.75, heldout.spread([0.7, 0.8])),
    ]
    text = heldout.table("5-fold by document", rows)
    assert "held out within dev: 5-fold by document" in text
    assert "+0.100" in text and "0.800 ± 0.141 (2)" in text
    assert heldout.NOTHING_FITTED in text and "+0.000" in text
    assert rows[0].as_dict()["gap"] == pytest.approx(0.1)


def test_a_setting_is_chosen_on_the_other_folds_only() -> None:
    # Fold "a" is best with setting 1, fold "b" with setting 2: each is scored with the other's.
    folds = {"x": "a", "y": "b"}
    runs = {1.0: {"x": (1.0, 1.0), "y": (0.2, 0.2)}, 2.0: {"x": (0.3, 0.3), "y": (0.9, 0.9)}}
    held_a, chosen_a = held_out_fold(runs, folds, "a")
    held_b, chosen_b = held_out_fold(runs, folds, "b")
    assert (chosen_a, held_a) == (2.0, {"x": (0.3, 0.3)})
    assert (chosen_b, held_b) == (1.0, {"y": (0.2, 0.2)})


def test_one_family_falls_back_to_folds_of_gold_stories() -> None:
    gold = {f"a{n}": f"s{n // 2}" for n in range(20)}
    how, folds = partition(gold, dict.fromkeys(gold, "ecbplus"))
    assert how == "5-fold by gold story"
    assert all(folds[f"a{2 * n}"] == folds[f"a{2 * n + 1}"] for n in range(10))
    how, folds = partition(gold, {a: "basil" if n < 10 else "ecbplus" for n, a in
                                  enumerate(gold)})  # fmt: skip
    assert how == "leave one source family out" and set(folds.values()) == {"basil", "ecbplus"}


def test_a_threshold_tuned_in_sample_scores_lower_held_out() -> None:
    # Scores that separate the classes differently in each story: the best in-sample threshold
    # cannot be found from the other stories alone.
    labels = ["same", "different"] * 10
    scores = [0.9, 0.3] * 5 + [0.35, 0.25] * 5
    stories = [f"s{n // 4}" for n in range(20)]
    result = {
        "predicted": ["same" if s >= 0.5 else "different" for s in scores],
        "scores": scores,
        "same": {"f1": 0.5},
        "best_threshold": (0.3, 1.0),
    }
    shipped, tuned = alignment_rows(stories, labels, {"tfidf": result})
    assert shipped.in_sample == shipped.held_out == 0.5
    assert tuned.in_sample == 1.0 and tuned.held_out < 1.0
