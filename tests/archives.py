"""Archives and a running app, shared by the store, app and browser tests.

The example store is built once per test session by the real command line
(`newsweave ingest examples --store ...`); nothing writes to it afterwards. `running_server`
starts the real `newsweave serve` on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import EXAMPLES

from newsweave.store.ingest import ingest

_BUILT: dict[str, Path] = {}


def run_ingest(store: Path, *arguments: Path | str) -> subprocess.CompletedProcess[str]:
    """`newsweave ingest PATHS [OPTIONS] --store STORE`, as a user types it."""
    command = [sys.executable, "-m", "newsweave", "ingest", *map(str, arguments)]
    command += ["--store", str(store)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def example_store(factory: pytest.TempPathFactory) -> Path:
    """The store of the bundled example corpus (built once per session, then only read), on
    two worker processes: `test_ingesting_in_two_halves...` ingests in this process and must
    find the same stories."""
    if "examples" not in _BUILT:
        store = factory.mktemp("example-store") / "news.db"
        done = run_ingest(store, EXAMPLES, "--workers", "2")
        assert done.returncode == 0, done.stderr
        _BUILT["examples"] = store
    return _BUILT["examples"]


HOSTILE = "<script>alert('title')</script>"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(store: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`newsweave serve --store STORE --port P ...` until the block ends; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "newsweave", "serve", "--store", str(store), "--port"]
    process = subprocess.Popen(
        [*command, str(port), *extra],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        process.stderr.read().decode() if process.stderr else ""
                    ) from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose every input field tries to get into the page."""
    folder = tmp_path_factory.mktemp("hostile")
    base = {
        "title": HOSTILE,
        "outlet": "<img src=x onerror=alert('outlet')>",
        "url": "javascript:alert('url')",
        "published": "2025-03-05",
    }
    texts = [
        f'The council met on Tuesday. "{HOSTILE} is not a plan," said Mayor Ada Vane. '
        "The vote was delayed.",
        f'The council met again on Tuesday night. "{HOSTILE} is not a plan," Mayor Ada Vane '
        "told reporters. The vote was delayed to April.",
    ]
    lines = [json.dumps({**base, "id": f"h{i}", "text": t}) for i, t in enumerate(texts)]
    (folder / "hostile.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = folder / "hostile.db"
    ingest([folder / "hostile.jsonl"], store)
    return store


def snapshot(store: Path) -> dict[str, Any]:
    """What a user could notice: articles, stories with their members, briefs, search rows."""
    with sqlite3.connect(store) as db:
        stories = {
            story: sorted(
                a
                for (a,) in db.execute(
                    "SELECT article FROM story_articles WHERE story = ?", (story,)
                )
            )
            for (story,) in db.execute("SELECT id FROM stories")
        }
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "briefs", "quotes", "entities", "articles_fts", "quotes_fts")
        }
        ids = sorted(a for (a,) in db.execute("SELECT id FROM articles"))
    return {"stories": stories, "counts": counts, "articles": ids}


def partition(store: Path) -> set[frozenset[str]]:
    return {frozenset(members) for members in snapshot(store)["stories"].values()}


# A story followed over two ingests: a ferry capsizes (12 dead, two outlets), then the toll
# rises to 30 and crossings are halted (two outlets, one of them new). The wordings differ
# enough that no article is taken for a rewrite of another.
FERRY_STEPS = (
    [
        {
            "id": "ht-1",
            "outlet": "Harbor Times",
            "title": "Ferry capsizes off Port Elm",
            "published": "2025-03-06T09:00:00Z",
            "text": "A passenger ferry capsized off Port Elm on Thursday morning during a storm. "
            "Officials said 12 people were killed in the accident. Helicopters from the naval "
            "base joined the search in the afternoon. The ship had left the harbour at dawn with "
            'commuters and schoolchildren aboard. "We are searching through the night," said '
            "coast guard captain Lena Ortiz. Local shops closed early as residents gathered "
            "along the quay.",
        },
        {
            "id": "ch-1",
            "outlet": "Coast Herald",
            "title": "Deadly ferry accident near Port Elm",
            "published": "2025-03-06T10:00:00Z",
            "text": "Families waited at the Port Elm terminal on Thursday for news of their "
            "relatives. The coast guard confirmed that 12 people were killed when the ferry "
            "overturned. Survivors described a sudden lurch before the lights went out. The "
            "regional governor cancelled a trip abroad to visit the scene. Weather forecasters "
            "had warned of gale force winds all week.",
        },
    ],
    [
        {
            "id": "ht-2",
            "outlet": "Harbor Times",
            "title": "Port Elm ferry toll rises",
            "published": "2025-03-07T09:00:00Z",
            "text": "Divers worked overnight in cold water at the wreck near Port Elm. Officials "
            "said on Friday that 30 people were killed in the ferry accident. The ferry operator "
            'suspended all crossings to Marrow island until further notice. "This is the worst '
            'day in the history of our port," said harbour master Tom Reyes. A memorial service '
            "is planned for Sunday at the cathedral.",
        },
        {
            "id": "rp-1",
            "outlet": "River Post",
            "title": "Ferry disaster: crossings halted",
            "published": "2025-03-07T11:00:00Z",
            "text": "Investigators are examining whether the vessel was overloaded when it left "
            "Port Elm. The coast guard said 30 people were killed when the ferry sank on "
            "Thursday. The ferry company suspended every crossing to Marrow island until further "
            "notice. Insurance experts expect claims to run into the millions. Unions called for "
            "an inquiry into safety rules on older ships.",
        },
    ],
)


def write_ferry_steps(folder: Path) -> tuple[Path, Path]:
    """The two steps of the ferry story as JSON Lines files in `folder`."""
    paths = []
    for number, records in enumerate(FERRY_STEPS, start=1):
        path = folder / f"ferry-step{number}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]
