"""`newsweave eval alignment` on tiny invented pair files, pointers, and a slice of the labels."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import REPO

from newsweave.errors import DatasetError
from newsweave.evaluation.alignment import load, run

PAIRS = [
    {
        "a": "The council approved the harbour bridge on Tuesday.",
        "b": "On Tuesday the council approved the harbour bridge.",
        "label": 1,
        "kind": "msrp_paraphrase",
    },
    {
        "a": "The striker scored twice in the final.",
        "b": "Heavy rain closed the mountain road.",
        "label": 0,
        "kind": "msrp_paraphrase",
    },
    {
        "a": "Whole articles are not sentence pairs.",
        "b": "So this line is skipped.",
        "label": 1,
        "kind": "same_story",
    },
]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_table_puts_newsweave_beside_the_baseline(tmp_path: Path) -> None:
    dataset = _write(tmp_path / "pairs.jsonl", PAIRS)
    table = run(dataset, tmp_path / "out.json", systems=("lexical", "tfidf"))
    assert "2 sentence pairs" in table and "1 other lines skipped" in table
    assert any(line.startswith("lexical") for line in table.splitlines())
    assert any(line.startswith("tfidf") for line in table.splitlines())
    results = json.loads((tmp_path / "out.json").read_text())["results"]
    assert results["lexical"]["same"]["f1"] == 1.0


def _ref(name: str, text: str, sentence: str) -> dict[str, object]:
    start = text.index(sentence)
    digest = hashlib.sha1(sentence.encode()).hexdigest()[:10]
    return {
        "file": name,
        "record": name,
        "article": name,
        "start": start,
        "end": start + len(sentence),
        "sha1": digest,
    }


def test_pointers_resolve_and_drift_is_caught(tmp_path: Path) -> None:
    text_a = "About 2,000 workers went on strike.\nThe plant is closed."
    text_b = "3,500 workers went on strike, the union said."
    (tmp_path / "a.txt").write_text(text_a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text_b, encoding="utf-8")
    record = {
        "ref_a": _ref("a.txt", text_a, "About 2,000 workers went on strike."),
        "ref_b": _ref("b.txt", text_b, text_b),
        "label": "contradicting",
    }
    dataset = _write(tmp_path / "labels.jsonl", [record])
    (pair,), _ = load(dataset)
    assert pair.a == "About 2,000 workers went on strike."
    assert pair.label == "contradicting"
    (tmp_path / "b.txt").write_text("Changed text. " + text_b, encoding="utf-8")
    with pytest.raises(DatasetError, match="changed"):
        load(dataset)


def test_a_malformed_line_is_a_dataset_error(tmp_path: Path) -> None:
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text('{"a": "only one side"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="label"):
        run(dataset)


def test_the_labelled_pairs_resolve_against_the_shared_data(shared: Path) -> None:
    labels = REPO / "tests" / "data" / "alignment-labels.jsonl"
    pairs, _ = load(labels, data_dir=shared)
    assert len(pairs) >= 200
    assert {p.label for p in pairs} == {"same", "different", "contradicting"}
    table = run(labels, data_dir=shared, limit=30, systems=("lexical", "tfidf"))
    assert "confl P" in table  # contradicting labels are scored
