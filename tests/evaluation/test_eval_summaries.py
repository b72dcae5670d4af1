"""`eval summaries` on a small slice of the DUC dev set: every system scored, in one table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.errors import DatasetError
from newsweave.evaluation import summaries

SYSTEMS = ["newsweave", "nw-no-position", "lead", "random", "luhn", "oracle"]


@pytest.fixture
def two_clusters(shared: Path, tmp_path: Path) -> Path:
    """The two smallest DUC 2007 clusters of the dev set, as their own data set file."""
    lines = (shared / "data" / "summaries-dev-duc2006-2007.jsonl").read_text().splitlines()
    small = sorted((line for line in lines if '"D07' in line[:12]), key=len)[:2]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(small) + "\n")
    return path


def test_table_lists_every_system_with_scores_between_0_and_1(
    two_clusters: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    table = summaries.run(two_clusters, json_out=out, systems=SYSTEMS)
    for name in SYSTEMS:
        assert any(line.startswith(name + " ") for line in table.splitlines())
    results = json.loads(out.read_text())
    assert results["clusters"] == 2
    for name in SYSTEMS:
        means = results["systems"][name]["mean"]
        assert set(means) >= {"rouge1_f", "rouge2_r", "rougeL_f"}
        assert all(0.0 <= value <= 1.0 for value in means.values())
    systems = results["systems"]
    assert systems["oracle"]["mean"]["rouge2_r"] >= systems["random"]["mean"]["rouge2_r"]
    assert "100%" in next(line for line in table.splitlines() if line.startswith("newsweave "))


def test_summaries_are_cut_at_the_duc_length(two_clusters: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    summaries.run(two_clusters, json_out=out, systems=["lead"], words=30)
    lead = json.loads(out.read_text())["systems"]["lead"]
    for cluster, sentences in lead["summaries"].items():
        assert sum(len(s["text"].split()) for s in sentences) >= 30
        assert len(lead["scored_text"][cluster].split()) == 30


def test_a_malformed_data_set_is_named_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "articles": []}\n')
    with pytest.raises(DatasetError, match=r"bad\.jsonl:1"):
        summaries.run(path)


def test_an_unknown_system_is_refused(two_clusters: Path) -> None:
    with pytest.raises(DatasetError, match="unknown systems"):
        summaries.run(two_clusters, systems=["gpt"])
