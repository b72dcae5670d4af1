"""Progress as a user sees it: the real command under a pseudo-terminal, and through a pipe.

On a terminal each phase shows a bar with its count, total, rate and time left; through a pipe
nothing is drawn but the closing line (counts and wall time) is still printed; `--quiet`
drops both.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PLACES = ["Harbor", "Mesa", "Lindale", "Corvo", "Tamsin", "Ostrava", "Keller", "Brisk"]
ARTICLES, FILES = 1200, 24
CLOSING = re.compile(
    r"1200 articles read, 0 files skipped, 0 records skipped; \d+ stories; [\d.]+ s"
)
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ARTICLES short articles on ~100 topics, in FILES JSON Lines files."""
    folder = tmp_path_factory.mktemp("pile")
    per_file = ARTICLES // FILES
    for number in range(FILES):
        lines = [_article(number * per_file + n) for n in range(per_file)]
        (folder / f"part{number:02}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _article(index: int) -> str:
    topic = index % 97
    place = PLACES[topic % len(PLACES)]
    words = [f"term{topic * 50 + (k * 7 + index) % 50}" for k in range(40)]
    body = ". ".join(" ".join(words[k : k + 10]).capitalize() for k in range(0, 40, 10))
    record = {
        "id": f"a{index}",
        "title": f"{place} council votes on plan {topic}",
        "text": f"{place} officials said on Monday. {body}.",
        "outlet": f"outlet{index % 13}.example",
        "published": f"2024-03-{1 + topic % 28:02d}",
    }
    return json.dumps(record)


def on_terminal(*args: str | Path) -> tuple[int, str]:
    """Run `newsweave ARGS` with stderr on a pseudo-terminal; (exit status, what it drew)."""
    main, secondary = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="140")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        cwd=REPO,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the other side closed (Linux says EIO)
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    status = process.wait(timeout=300)
    return status, ESCAPES.sub("", b"".join(chunks).decode("utf-8", "replace"))


def through_pipe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def test_a_terminal_sees_every_phase_with_its_rate_and_time_left(pile: Path, tmp_path: Path):
    status, drawn = on_terminal("stories", pile, "--workers", "1", "-o", tmp_path / "out.md")
    assert status == 0
    for phase in ("reading", "cleaning", "signatures", "reposts", "grouping", "second look"):
        assert phase in drawn, phase
    assert re.search(r"\d+/\d+ files", drawn)  # the files were counted before reading
    assert re.search(r"/1,200 articles", drawn)
    assert re.search(r"\d[\d,.]*/s", drawn)  # a rate
    assert re.search(r"\d+:\d\d left", drawn)  # a time left
    assert "/?" not in drawn
    assert CLOSING.search(drawn)


def test_through_a_pipe_nothing_is_drawn_but_the_closing_line_is_printed(
    pile: Path, tmp_path: Path
):
    done = through_pipe("stories", pile, "--workers", "1", "-o", tmp_path / "out.md")
    assert done.returncode == 0
    assert not re.search(r"reading|signatures|grouping|second look|━|\d/s|left", done.stderr)
    assert CLOSING.search(done.stderr)


def test_quiet_draws_nothing_even_on_a_terminal(pile: Path, tmp_path: Path):
    output = tmp_path / "out.json"
    status, drawn = on_terminal(
        "stories", pile, "--workers", "1", "--quiet", "-f", "json", "-o", output
    )
    assert status == 0
    assert json.loads(output.read_text(encoding="utf-8"))["stories"]
    assert not re.search(r"reading|grouping|━|\d/s|left", drawn)
    assert not CLOSING.search(drawn)
    assert drawn.strip() == f"wrote {output}"


def test_ingest_prints_its_closing_line_with_the_time_unless_quiet(pile: Path, tmp_path: Path):
    store = tmp_path / "news.db"
    first = pile / "part00.jsonl"
    done = through_pipe("ingest", first, "--store", store, "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "grouping" not in done.stderr and "━" not in done.stderr
    assert re.search(
        rf"{re.escape(str(store))}: 50 new of 50 articles read; .*; [\d.]+ s", done.stderr
    )
    again = through_pipe("ingest", first, "--store", store, "--workers", "1", "--quiet")
    assert again.returncode == 0
    assert again.stderr == ""


def test_eval_draws_its_progress_on_a_terminal_and_nothing_when_quiet(tmp_path: Path):
    dataset = tmp_path / "stories.jsonl"
    records = [{**json.loads(_article(n)), "cluster": f"c{n % 97}"} for n in range(40)]
    dataset.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    status, drawn = on_terminal("eval", "stories", dataset)
    assert status == 0
    assert re.search(r"systems .*\d/3 systems", drawn) and "/?" not in drawn
    assert re.search(r"held out .*\d/3 systems", drawn)  # then the held-out check's refits
    status, drawn = on_terminal("eval", "stories", dataset, "--quiet")
    assert status == 0 and drawn.strip() == ""


def test_brief_draws_its_briefing_phase_story_by_story(pile: Path, tmp_path: Path):
    first = pile / "part00.jsonl"
    status, drawn = on_terminal("brief", first, "--fast", "--workers", "1", "-o", tmp_path / "b.md")
    assert status == 0
    assert re.search(r"briefing .*\d+/\d+ stories", drawn) and "/?" not in drawn
    assert re.search(r"50 articles read, .*; \d+ stories, \d+ briefed; [\d.]+ s", drawn)
