"""The command line as a user runs it: a real subprocess over real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO

SAMPLE_NOISE = [
    "[ad_1]",
    "(Photo by",
    "News \u00a0 / \u00a0 Russia",
    "This combination of pictures",
    "Press TV News Roku",
    "alternate addresses",
    " date 2021-",
]


def newsweave(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


@pytest.fixture(scope="module")
def samples_brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from conftest import SHARED

    if not (SHARED / "samples").is_dir():
        pytest.skip("../shared/samples is not beside the project")
    out = tmp_path_factory.mktemp("brief") / "samples.json"
    result = newsweave("brief", SHARED / "samples", "--format", "json", "--output", out)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_samples_form_one_story_of_three_articles(samples_brief: dict[str, Any]) -> None:
    assert samples_brief["version"] == 1
    assert len(samples_brief["stories"]) == 1
    assert len(samples_brief["stories"][0]["articles"]) == 3


def test_no_boilerplate_survives_in_text_or_summary(samples_brief: dict[str, Any]) -> None:
    story = samples_brief["stories"][0]
    texts = [a["text"] for a in story["articles"]] + [s["text"] for s in story["summary"]]
    for noise in SAMPLE_NOISE:
        assert not any(noise in text for text in texts), noise
    assert all(a["removed"] for a in story["articles"])


def test_every_summary_source_is_verbatim_in_its_article(samples_brief: dict[str, Any]) -> None:
    story = samples_brief["stories"][0]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    assert story["summary"]
    for sentence in story["summary"]:
        assert sentence["sources"]
        for source in sentence["sources"]:
            assert source["text"] in texts[source["article"]]


def test_json_has_every_contract_key(samples_brief: dict[str, Any]) -> None:
    story = samples_brief["stories"][0]
    for key in [
        "id",
        "headline",
        "articles",
        "summary",
        "facts",
        "exclusives",
        "conflicts",
        "quotes",
        "entities",
        "timeline",
        "outlets",
    ]:
        assert key in story
    article_keys = [
        "id",
        "source",
        "outlet",
        "title",
        "url",
        "published",
        "duplicate_of",
        "text",
        "removed",
    ]
    for article in story["articles"]:
        assert set(article_keys) <= set(article)


def test_markdown_brief_reads_as_a_brief() -> None:
    result = newsweave("brief", EXAMPLES)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "## Summary" in result.stdout
    assert "## Sources" in result.stdout
    assert "Traceback" not in result.stderr


def test_bad_files_are_named_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Flood waters rose in the valley on Monday, officials said.\n\n"
        "About 300 homes were evacuated.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    result = newsweave("stories", tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    for name in ("empty.txt", "broken.json", "image.txt"):
        assert name in result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [a["source"].endswith("good.txt") for s in data["stories"] for a in s["articles"]] == [
        True
    ]


def test_nothing_readable_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = newsweave("brief", tmp_path)
    assert result.returncode == 1
    assert "no article could be read" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert newsweave("brief").returncode == 2
    assert newsweave("brief", tmp_path, "--format", "pdf").returncode == 2
    result = newsweave("brief", EXAMPLES, "--executor", "spark")
    assert result.returncode == 2
    assert "unknown executor" in result.stderr


def test_an_outlet_named_by_its_footer_is_shown_in_json_and_markdown(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "harbour-2021-06-16.txt").write_text(
        "News / Ports\n\nFerry strike ends as harbour deal is signed\n\n"
        "The ferry strike at the port of Lundgate ended on Monday after crews signed a "
        "two-year pay deal with the harbour board.\n\n"
        "Sailings to the islands will resume on Wednesday, the harbour board said.\n\n"
        "Harbour Post’s website can also be accessed at the following alternate addresses:\n",
        encoding="utf-8",
    )
    out = tmp_path / "brief.json"
    assert newsweave("brief", pile, "--fast", "-f", "json", "-o", out).returncode == 0
    story = json.loads(out.read_text(encoding="utf-8"))["stories"][0]
    assert [a["outlet"] for a in story["articles"]] == ["Harbour Post"]
    assert [o["outlet"] for o in story["outlets"]] == ["Harbour Post"]
    markdown = newsweave("brief", pile, "--fast", "-f", "md").stdout
    assert "Harbour Post" in markdown
    assert "unknown outlet" not in markdown
