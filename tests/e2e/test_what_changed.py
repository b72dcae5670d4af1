"""Following a story over time, across the store, the command line and the app: a story
ingested in two steps, and what `brief --store --since` and `/api/stories/{id}/changes` say
changed (a new fact, a count that rose from 12 to 30, a new outlet)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from archives import FERRY_STEPS, running_server, write_ferry_steps

from newsweave.render.json_v1 import schema
from newsweave.store.ingest import ingest
from newsweave.store.query import list_stories
from newsweave.store.schema import connect_reader
from newsweave.store.versions import utc_now

FIRST = {r["id"] for r in FERRY_STEPS[0]}
SECOND = {r["id"] for r in FERRY_STEPS[1]}


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The ferry story ingested in two steps; the store after each and the time between."""
    folder = tmp_path_factory.mktemp("followed")
    step1, step2 = write_ferry_steps(folder)
    store = folder / "news.db"
    ingest([step1], store)
    first_only = folder / "first.db"
    shutil.copyfile(store, first_only)
    between = utc_now()
    ingest([step2], store)
    return {"store": store, "first": first_only, "between": between, "step2": step2}


def run_brief(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsweave", "brief", *map(str, arguments)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def check_ferry_changes(changes: dict[str, Any]) -> None:
    """What changed in the ferry story between its two steps."""
    assert {a["id"] for a in changes["new_articles"]} == SECOND
    assert [o["outlet"] for o in changes["new_outlets"]] == ["River Post"]
    new_facts = [f["text"] for f in changes["new_facts"]]
    assert any("suspended" in text and "Marrow" in text for text in new_facts), new_facts
    counts = [n for n in changes["changed_numbers"] if "12" in n["about"] and "30" in n["about"]]
    assert counts, changes["changed_numbers"]
    assert counts[0]["before"]["article"] in FIRST and "12" in counts[0]["before"]["text"]
    assert counts[0]["after"]["article"] in SECOND and "30" in counts[0]["after"]["text"]
    assert not any("12 people" in text for text in new_facts), "an old fact is not new"


def test_brief_store_since_reports_what_changed(followed: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "changed.json"
    done = run_brief(
        "--store", followed["store"], "--since", followed["between"], "-f", "json", "-o", out
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema())
    [story] = document["stories"]
    assert {a["id"] for a in story["articles"]} == FIRST | SECOND
    assert story["changes"]["since"].startswith(followed["between"][:19])
    check_ferry_changes(story["changes"])


def test_brief_store_without_since_gives_every_latest_brief(followed: dict[str, Any]) -> None:
    done = run_brief("--store", followed["store"], "-f", "json")
    assert done.returncode == 0, done.stderr
    [story] = json.loads(done.stdout)["stories"]
    assert {a["id"] for a in story["articles"]} == FIRST | SECOND
    assert "changes" not in story


def test_nothing_changed_since_the_last_ingest(followed: dict[str, Any]) -> None:
    done = run_brief("--store", followed["store"], "--since", utc_now(), "-f", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stories"] == []


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_markdown_and_html_show_what_changed(followed: dict[str, Any], output_format: str) -> None:
    done = run_brief("--store", followed["store"], "--since", "2000-01-01", "-f", output_format)
    assert done.returncode == 0, done.stderr
    assert "What changed" in done.stdout and "River Post" in done.stdout
    plain = run_brief("--store", followed["store"], "-f", output_format)
    assert "What changed" not in plain.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        [],  # neither PATH nor --store
        ["PATHS", "--store", "STORE"],  # both
        ["PATHS", "--since", "2025-03-06"],  # --since without a store
        ["--store", "STORE", "--since", "last week"],  # not a time
    ],
)
def test_brief_store_usage_errors(followed: dict[str, Any], arguments: list[str]) -> None:
    given = {"PATHS": str(followed["step2"]), "STORE": str(followed["store"])}
    done = run_brief(*[given.get(a, a) for a in arguments])
    assert done.returncode == 2, done.stderr
    assert "newsweave:" in done.stderr


def test_the_changes_route_of_the_app(followed: dict[str, Any]) -> None:
    with running_server(followed["store"]) as base:
        [listed] = httpx.get(base + "/api/stories").json()["stories"]
        assert listed["versions"] == 2 and listed["updated"] > followed["between"]
        url = f"{base}/api/stories/{listed['id']}/changes"
        since = httpx.get(url, params={"since": followed["between"]})
        assert since.status_code == 200
        check_ferry_changes(since.json())
        previous = httpx.get(url).json()  # against the previous version: the same changes
        assert previous["since"] < followed["between"]
        check_ferry_changes(previous)
        bad = httpx.get(url, params={"since": "not a time"})
        assert bad.status_code == 400 and "ISO 8601" in bad.json()["error"]
        assert httpx.get(f"{base}/api/stories/no-such-story/changes").status_code == 404


def test_the_app_marks_the_updated_story_and_its_page_says_what_changed(
    followed: dict[str, Any],
) -> None:
    with running_server(followed["store"]) as base:
        home = httpx.get(base + "/", params={"sort": "updated"}).text
        [listed] = httpx.get(base + "/api/stories").json()["stories"]
        page = httpx.get(f"{base}/stories/{listed['id']}").text
    assert f"updated {listed['updated'][:10]}" in home
    changes = page.split(">What changed</h3>", 1)[1].split("</section>", 1)[0]
    assert "River Post" in changes and "Number changed" in changes
    assert "12" in changes and "30" in changes


def test_the_story_list_sorts_by_latest_update(followed: dict[str, Any]) -> None:
    with closing(connect_reader(followed["store"])) as connection:
        [row] = list_stories(connection, 10, sort="updated")
    assert row.versions == 2 and row.updated is not None and row.updated > followed["between"]
    with closing(connect_reader(followed["store"])) as connection, pytest.raises(ValueError):
        list_stories(connection, 10, sort="sideways")


def test_a_store_made_before_versions_serves_and_gets_versions_on_its_next_ingest(
    followed: dict[str, Any], tmp_path: Path
) -> None:
    store = tmp_path / "old.db"
    shutil.copyfile(followed["first"], store)
    with closing(sqlite3.connect(store)) as db:  # the layout before versions
        db.execute("DROP TABLE brief_versions")
        db.commit()
    with running_server(store) as base:
        [listed] = httpx.get(base + "/api/stories", params={"page": 1}).json()["stories"]
        assert listed["updated"] is None and listed["versions"] == 0
        assert httpx.get(f"{base}/api/stories/{listed['id']}").status_code == 200
        changes = httpx.get(f"{base}/api/stories/{listed['id']}/changes").json()
        assert changes["since"] is None and {a["id"] for a in changes["new_articles"]} == FIRST
    ingest([followed["step2"]], store)
    with closing(sqlite3.connect(store)) as db:
        versions = db.execute("SELECT story, version, articles FROM brief_versions").fetchall()
    [(_, number, articles)] = versions
    assert number == 1 and set(json.loads(articles)) == FIRST | SECOND
