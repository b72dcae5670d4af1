"""Shared test helpers: where the evaluation data lives, and tiny record builders."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from newsweave.models import Article, Sentence

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True, scope="session")
def _model_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Briefs made by tests (and the commands they start) keep spaCy's and MiniLM's answers
    in a folder of this test session, never in the user's cache folder."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def shared() -> Path:
    """The evaluation data beside the project (tests may read it; the product never does)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


def make_article(
    text: str,
    *,
    id: str = "a1",
    outlet: str | None = "Example Times",
    published: str | None = "2021-06-16",
    title: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    """An article whose sentences are its non-empty lines (one sentence per line)."""
    sentences = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            sentences.append(Sentence(len(sentences), offset, offset + len(line), line))
        offset += len(line) + 1
    return Article(
        id=id,
        source=f"{id}.txt",
        text=text,
        sentences=tuple(sentences),
        title=title,
        outlet=outlet,
        published=datetime.fromisoformat(published) if published else None,
        duplicate_of=duplicate_of,
    )


PROSE = (
    "The harbour bridge reopened to traffic on Tuesday after eleven weeks of repairs to its "
    "cracked steel supports, the city's transport office said in a statement."
)


def good(word: str) -> str:
    """A short article that names `word`, so the test can find it in the output."""
    return f"{word} reported the news. {PROSE}"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def newsweave(
    *args: str | Path, max_file_bytes: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; `max_file_bytes` limits the size of any file it writes
    (RLIMIT_FSIZE, with SIGXFSZ ignored: a write past it fails with EFBIG, as on a full disk).
    """

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [sys.executable, "-m", "newsweave", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_file_size if max_file_bytes else None,
    )


def no_crash(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
