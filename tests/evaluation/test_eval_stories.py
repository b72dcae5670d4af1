"""B-cubed scoring and the `eval stories` run on a small slice of the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.errors import DatasetError
from newsweave.evaluation.bcubed import bcubed
from newsweave.evaluation.stories import run

GOLD = {"a": "x", "b": "x", "c": "x", "d": "y"}


def test_perfect_grouping_scores_one() -> None:
    score = bcubed(GOLD, {"a": 1, "b": 1, "c": 1, "d": 2})
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_everything_in_one_group_has_full_recall() -> None:
    score = bcubed(GOLD, {item: 0 for item in GOLD})
    assert score.recall == 1.0
    assert score.precision == pytest.approx((3 * 3 / 4 + 1 / 4) / 4)


def test_all_singletons_have_full_precision() -> None:
    score = bcubed(GOLD, {item: item for item in GOLD})
    assert score.precision == 1.0
    assert score.recall == pytest.approx((3 * 1 / 3 + 1) / 4)
    assert score.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_run_on_a_dev_slice_prints_all_three_systems(shared: Path, tmp_path: Path) -> None:
    lines = (shared / "data" / "stories-dev.jsonl").read_text(encoding="utf-8").splitlines()
    dataset = tmp_path / "slice.jsonl"
    dataset.write_text("\n".join(lines[:150]) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    table = run(dataset, report)
    full = json.loads(report.read_text(encoding="utf-8"))
    results = full["systems"]
    for system in ("newsweave", "tfidf-single-pass", "tfidf-agglomerative"):
        assert system in table
        assert 0.0 <= results[system]["bcubed"]["overall"]["f1"] <= 1.0
        assert results[system]["bcubed"]["overall"]["items"] == 150
    # The held-out block: every system, in-sample beside held-out, settings chosen per fold.
    assert "held out within dev" in table
    rows = [r for r in full["held_out"]["rows"] if r["subset"] == "overall" and r["measure"] ==
            "B3 F1"]  # fmt: skip
    assert [r["system"] for r in rows] == list(results)
    for row in rows:
        assert row["in_sample"] == results[row["system"]]["bcubed"]["overall"]["f1"]
        assert 0.0 <= row["held_out"] <= 1.0 and len(row["folds"]["values"]) >= 2
    assert set(full["held_out"]["chosen"]) == set(results)


def test_record_without_gold_label_is_refused(tmp_path: Path) -> None:
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text(json.dumps({"id": "1", "text": "Some news."}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="cluster"):
        run(dataset)
