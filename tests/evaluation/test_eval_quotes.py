"""`eval quotes` on a small slice of PolNeAR dev (the full run is `newsweave eval quotes`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.errors import DatasetError
from newsweave.evaluation.quotes import Predicted, head_word, run, speaker_right


@pytest.mark.slow
def test_eval_prints_newsweave_full_and_fast_beside_textacy(shared: Path, tmp_path: Path) -> None:
    lines = (shared / "data" / "quotes-dev-polnear.jsonl").read_text(encoding="utf-8")
    slice_ = tmp_path / "slice.jsonl"
    slice_.write_text("\n".join(lines.splitlines()[:6]) + "\n", encoding="utf-8")
    table = run(slice_, tmp_path / "out.json")
    assert "newsweave" in table and "textacy" in table
    results = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert results["newsweave"]["f1"] >= 0.8
    assert results["newsweave"]["f1"] > results["textacy direct_quotations"]["f1"]
    fast = results["newsweave fast (no spaCy)"]
    assert fast["f1"] >= 0.8 and fast["speaker_accuracy"] >= 0.8
    assert fast["seconds"] < results["newsweave"]["seconds"]


def test_malformed_record_is_a_dataset_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "no quotes key"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="quotes"):
        run(bad)


def test_speaker_rule_uses_span_for_pronouns_and_heads_for_names() -> None:
    gold = {"speaker": "he", "speaker_start": 10, "speaker_end": 12}
    assert speaker_right(gold, Predicted(0, 5, "Joe Biden", 10, 12))
    assert not speaker_right(gold, Predicted(0, 5, "Joe Biden", 30, 39))
    named = {"speaker": "James Acton, a physicist", "speaker_start": 0, "speaker_end": 5}
    assert speaker_right(named, Predicted(0, 5, "Acton", 50, 55))
    assert head_word("Rep. Jim Clyburn (D-S.C.)") == "clyburn"
