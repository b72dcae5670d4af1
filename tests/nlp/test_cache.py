"""The on-disk cache of model answers: kept by content hash, bounded, never in the way."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_article

from newsweave.briefing.entities import find_entities
from newsweave.config import set_defaults, settings
from newsweave.models import Story
from newsweave.nlp.cache import AnswerCache, answer_cache, cached


@pytest.fixture
def own_folder(tmp_path: Path) -> Iterator[Path]:
    """The cache of this test alone (`[brief] cache_dir`)."""
    kept = settings("brief").cache_dir
    set_defaults("brief", cache_dir=str(tmp_path))
    yield tmp_path
    set_defaults("brief", cache_dir=kept)


def test_answers_come_back_by_text_and_the_oldest_go_over_the_bound(tmp_path: Path) -> None:
    store = AnswerCache(tmp_path / "models.sqlite", entries=3)
    store.put("k", {"one": b"1", "two": b"2"})
    store.put("k", {"three": b"3"})
    assert store.get("k", ["one", "three", "four"]) == {"one": b"1", "three": b"3"}
    assert store.get("other kind", ["one"]) == {}
    store.put("k", {"four": b"4", "five": b"5"})  # 5 rows for 3 places: the two oldest go
    kept = store.get("k", ["one", "two", "three", "four", "five"])
    assert len(kept) == 3 and {"four", "five"} <= set(kept)
    rows = sqlite3.connect(tmp_path / "models.sqlite").execute("select count(*) from answers")
    assert rows.fetchone() == (3,)


def test_a_cache_that_cannot_be_opened_or_is_off_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    unwritable = AnswerCache(blocker / "models.sqlite", entries=10)
    unwritable.put("k", {"text": b"x"})
    assert unwritable.get("k", ["text"]) == {}
    off = AnswerCache(tmp_path / "off.sqlite", entries=0)
    off.put("k", {"text": b"x"})
    assert off.get("k", ["text"]) == {}
    assert not (tmp_path / "off.sqlite").exists()


def test_only_texts_the_cache_lacks_are_computed(own_folder: Path) -> None:
    asked: list[list[str]] = []

    def compute(texts: list[str]) -> list[bytes]:
        asked.append(texts)
        return [t.upper().encode() for t in texts]

    assert cached("upper", ["a", "b", "a"], compute) == [b"A", b"B", b"A"]
    assert cached("upper", ["b", "c"], compute) == [b"B", b"C"]
    assert asked == [["a", "b"], ["c"]]
    assert answer_cache().path == own_folder / "models.sqlite"


def test_a_story_briefed_again_has_the_same_names_without_running_ner(own_folder: Path) -> None:
    first = make_article("Anna Keller, the mayor of Dunmore, said the bridge would reopen.")
    second = make_article(
        "Dunmore mayor Anna Keller met engineers from Halvorsen Group on Monday.", id="a2"
    )
    story = Story("s1", (first, second))
    before = find_entities(story)
    names = {e.name for e in before}
    assert {"Anna Keller", "Dunmore"} <= names
    db = sqlite3.connect(own_folder / "models.sqlite")
    (kept,) = db.execute("select count(*) from answers where kind like 'ner-mentions:%'").fetchone()
    assert kept == 2  # one answer per article text
    db.execute("update answers set value = cast('[]' as blob) where kind like 'ner-mentions:%'")
    db.commit()
    # The answers now say "no names": a second brief that reads them, not NER, finds none.
    assert find_entities(story) == ()
