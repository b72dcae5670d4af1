"""Hostile runs of the commands: bad `--limit` values, texts no model takes, a story that
cannot be briefed, an output that cannot be written.

Like test_hostile_input.py, every hostile file is written here and each case runs the real
command line in a subprocess beside one good article: exit status, no traceback, the bad one
named on stderr with its reason, the good one in the output, and peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import good, make_article, newsweave, no_crash, write

from newsweave.clean.cleaner import clean
from newsweave.config import settings
from newsweave.errors import ConfigError
from newsweave.models import Brief, Story, StoryProblem
from newsweave.pipeline import brief_story, guarded, story_only_brief
from newsweave.readers import Limits
from newsweave.readers import read as read_raw
from newsweave.render.json_v1 import schema
from newsweave.store.query import load_brief
from newsweave.store.schema import connect_reader

# 2 MB of words with no sentence end and no line break: one "sentence" to every splitter.
ENDLESS = "word " * 400_000


def peak_mb() -> float:
    """The largest resident size of any child process so far, in MB: of the command itself,
    not of its worker processes (they are its forkserver's children), hence `--workers 1`
    where the memory of a brief is measured."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def by_source(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every article of a JSON v1 document, by the file name it was read from."""
    return {
        Path(article["source"]).name: article
        for story in document["stories"]
        for article in story["articles"]
    }


# -- one cap on text size ------------------------------------------------------------------


def test_a_2mb_text_without_a_sentence_end_is_cut_to_max_text_chars(tmp_path: Path) -> None:
    (raw,) = read_raw([write(tmp_path / "endless.txt", ENDLESS)])
    cap = settings("ingest").max_text_chars
    whole = clean(raw)  # split now, as `ingest` does
    later = clean(raw, split=False)  # split per story, as `brief` does
    assert whole.text == later.text and len(whole.text) <= cap
    assert whole.text.endswith("word") and whole.sentences[-1].end == len(whole.text)
    cut = len(ENDLESS.strip()) - len(whole.text)
    assert whole.removed == (
        f"[truncated: {cut} more characters over the limit (ingest.max_text_chars)]",
    )
    small = clean(raw, max_chars=1000)
    assert len(small.text) <= 1000 and "ingest.max_text_chars" in small.removed[0]


def test_a_text_over_the_cap_is_cut_after_its_last_sentence_end(tmp_path: Path) -> None:
    (raw,) = read_raw([write(tmp_path / "long.txt", " ".join([good("First")] * 20))])
    article = clean(raw, max_chars=1000)
    assert len(article.text) <= 1000 and article.text.endswith(" news.")
    assert article.removed[-1].startswith("[truncated: ")


def test_brief_briefs_a_2mb_text_without_a_sentence_end_beside_a_good_one(
    tmp_path: Path,
) -> None:
    write(tmp_path / "pile" / "endless.txt", ENDLESS)
    write(tmp_path / "pile" / "good.txt", good("Goodword"))
    out = tmp_path / "brief.json"
    # one process: the peak below is then the whole brief's, models included
    done = newsweave("brief", tmp_path / "pile", "--format", "json", "-o", out, "--workers", "1")
    no_crash(done)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    articles = by_source(document)
    assert len(document["stories"]) == 2 and document["problems"] == []
    assert "Goodword" in articles["good.txt"]["text"]
    endless = articles["endless.txt"]
    assert len(endless["text"]) <= settings("ingest").max_text_chars
    assert "over the limit (ingest.max_text_chars)" in endless["removed"][-1]
    (briefed,) = [s for s in document["stories"] if "Goodword" in s["articles"][0]["text"]]
    assert briefed["summary"], "the good article is briefed"
    assert peak_mb() < 2048


# -- --limit values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["1e400", "inf", "-inf", "nan", "-5", "0", "lots", "2.5", "1e16", "9e999999999k", ""]
)
def test_a_bad_limit_value_is_refused_naming_the_limit_and_the_form(value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        Limits.from_flags([f"max_file_bytes={value}"])
    message = str(refused.value)
    assert "max_file_bytes takes a whole number from 1 to 10^15" in message
    assert "may end in k, M or G" in message


def test_limit_values_keep_their_sizes_exactly() -> None:
    limits = Limits.from_flags(["max_file_bytes=1.5k", "max_line_bytes=1_000", "max_sentences=1e3"])
    assert (limits.max_file_bytes, limits.max_line_bytes, limits.max_sentences) == (
        1500,
        1000,
        1000,
    )


@pytest.mark.parametrize("command", ["stories", "ingest"])
def test_an_overflowing_limit_is_a_usage_error_before_any_work(
    tmp_path: Path, command: str
) -> None:
    article = write(tmp_path / "ok.txt", good("Okay"))
    store = ["--store", str(tmp_path / "news.db")] if command == "ingest" else []
    done = newsweave(command, article, *store, "--limit", "max_file_bytes=1e400")
    no_crash(done)
    assert done.returncode == 2
    assert "--limit 'max_file_bytes=1e400': max_file_bytes takes a whole number" in done.stderr
    assert "articles read" not in done.stderr  # refused before reading
    assert not (tmp_path / "news.db").exists()


# -- one story's failure is that story's alone ---------------------------------------------
# Raising max_text_chars past spaCy's own limit (1,000,000 characters) lets a real model
# refuse a real text: the story that holds it cannot be briefed, for a reason not ours.
# (max_sentences too: `ingest` splits as it reads, and 200 characters a sentence would cut.)

NO_CAP = ("--limit", "max_text_chars=3M", "--limit", "max_sentences=1M")


def hostile_pile(folder: Path) -> Path:
    write(folder / "endless.txt", ENDLESS)
    write(folder / "good.txt", good("Goodword"))
    return folder


def test_guarded_turns_a_failing_brief_into_a_problem_naming_the_story() -> None:
    story = Story("story-endless", (make_article(ENDLESS.strip(), id="e1"),))
    failed = guarded(brief_story, story)
    assert isinstance(failed, StoryProblem)
    assert failed.story == "story-endless" and failed.articles == (story.articles[0].source,)
    assert failed.reason.startswith("could not be briefed: ValueError: [E088]")
    assert isinstance(guarded(story_only_brief, story), Brief)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_brief_drops_the_story_it_cannot_brief_and_briefs_the_others(
    tmp_path: Path, workers: str
) -> None:
    pile = hostile_pile(tmp_path / "pile")
    out = tmp_path / "brief.json"
    done = newsweave("brief", pile, "--format", "json", "-o", out, "--workers", workers, *NO_CAP)
    no_crash(done)
    assert done.returncode == 0, done.stderr
    endless = str(pile / "endless.txt")
    assert "skipped story story-" in done.stderr
    assert f"({endless}): could not be briefed: ValueError: [E088]" in done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema())
    (story,) = document["stories"]
    assert "Goodword" in story["articles"][0]["text"] and story["summary"]
    (problem,) = document["problems"]
    assert problem["articles"] == [endless] and "[E088]" in problem["reason"]
    assert problem["source"] == f"story {problem['story']} ({endless})"
    assert peak_mb() < 2048


def test_the_markdown_brief_lists_what_was_left_out(tmp_path: Path) -> None:
    pile = hostile_pile(tmp_path / "pile")
    write(pile / "empty.txt", "")
    done = newsweave("brief", pile, "--workers", "1", *NO_CAP)
    no_crash(done)
    assert done.returncode == 0, done.stderr
    left_out = done.stdout.split("## Left out", 1)[1]
    assert "empty.txt: empty file" in left_out
    assert "endless.txt): could not be briefed: ValueError: [E088]" in left_out
    assert "Goodword" in done.stdout.split("## Left out", 1)[0]


def test_ingest_stores_the_briefs_it_can_and_names_the_story_it_cannot(tmp_path: Path) -> None:
    pile = hostile_pile(tmp_path / "pile")
    store = tmp_path / "news.db"
    done = newsweave("ingest", pile, "--store", store, "--workers", "1", *NO_CAP)
    no_crash(done)
    assert done.returncode == 0, done.stderr
    assert f"({pile / 'endless.txt'}): could not be briefed: ValueError: [E088]" in done.stderr
    assert "1 briefs computed, 1 stories could not be briefed" in done.stderr
    db = connect_reader(store)
    ids = [story_id for (story_id,) in db.execute("SELECT id FROM stories")]
    briefs = {story_id: load_brief(db, story_id) for story_id in ids}
    summarised = {b.story.articles[0].source: bool(b.summary) for b in briefs.values() if b}
    assert summarised == {str(pile / "good.txt"): True, str(pile / "endless.txt"): False}
    db.close()
    assert peak_mb() < 2048


# -- output written whole or not at all, its path checked first ------------------------------


@pytest.mark.parametrize("output_format", ["json", "md", "html"])
def test_a_failing_write_leaves_the_previous_output_as_it_was(
    tmp_path: Path, output_format: str
) -> None:
    write(tmp_path / "pile" / "one.txt", good("Firstrun"))
    out = tmp_path / "out" / f"stories.{output_format}"
    out.parent.mkdir()
    first = newsweave("stories", tmp_path / "pile", "--format", output_format, "-o", out)
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    os.chmod(out, 0o640)
    for number in range(40):
        write(tmp_path / "pile" / f"more-{number}.txt", good(f"Secondrun{number}") * 3)
    failed = newsweave(
        "stories", tmp_path / "pile", "--format", output_format, "-o", out, max_file_bytes=4096
    )
    no_crash(failed)
    assert failed.returncode == 1
    assert f"newsweave: cannot write {out}: File too large" in failed.stderr
    assert out.read_bytes() == before
    assert os.listdir(out.parent) == [out.name], "no temporary file is left behind"
    again = newsweave("stories", tmp_path / "pile", "--format", output_format, "-o", out)
    assert again.returncode == 0, again.stderr
    assert b"more-39.txt" in out.read_bytes() and out.stat().st_mode & 0o777 == 0o640


def output_cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Outputs that cannot be written: {case: (path, what the message says)}."""
    (tmp_path / "folder").mkdir()
    write(tmp_path / "a-file", "")
    cases = {
        "a folder": (tmp_path / "folder", "is a folder; give a file name"),
        "no folder": (tmp_path / "missing" / "out.json", f"there is no folder {tmp_path}/missing"),
        "under a file": (tmp_path / "a-file" / "out.json", "there is no folder"),
    }
    if Path("/proc/self").is_dir():  # a folder no one can make a file in, root included
        cases["unwritable folder"] = (Path("/proc/out.json"), "cannot write in /proc")
    return cases


@pytest.mark.parametrize("case", ["a folder", "no folder", "under a file", "unwritable folder"])
def test_an_output_that_cannot_be_written_is_a_usage_error_before_any_work(
    tmp_path: Path, case: str
) -> None:
    cases = output_cases(tmp_path)
    if case not in cases:
        pytest.skip("no /proc here")
    output, message = cases[case]
    article = write(tmp_path / "ok.txt", good("Okay"))
    started = time.perf_counter()
    done = newsweave("brief", article, "--format", "json", "--output", output)
    no_crash(done)
    assert done.returncode == 2
    assert f"newsweave: --output {output}: {message}" in done.stderr
    assert "articles read" not in done.stderr and time.perf_counter() - started < 10
